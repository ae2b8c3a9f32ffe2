import { Aws, CfnCondition, CfnOutput, CfnParameter, type CfnResource, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  CfnApiMapping,
  CfnDomainName,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { contextTags, routeTable } from '#functions/registry.ts';
import { cors } from '#http/cors.ts';
import { openApiDocument } from '#http/openapi.ts';
import { openApiFile } from '#functions/platform/openapi-file.ts';
import { audience } from '#shared/tokens/signer.ts';
import { defaultThrottle, routeKey } from '#http/route.ts';
import { contextNames, workers, type ContextName, type FunctionName } from '#functions/registry.ts';
import { tableDesign } from '#shared/table.ts';
import { ApiFunction } from './api-function.ts';
import { Jobs } from './jobs.ts';
import { Monitoring } from './monitoring.ts';
import { Outbox } from './outbox.ts';
import { reservedConcurrency } from './concurrency.ts';
import { tableGrants } from './table-grants.ts';
import { Gateway } from './gateway.ts';
import { acknowledgeDeployTimeHelpers } from './nag.ts';
import { WebSite } from './web-site.ts';

export interface StationStackProps extends StackProps {
  stage: string;
  /** The pages as built (scripts/build-web.ts). */
  webDir: string;
}

/** Loaded on first use, shipped beside the bundle (ApiFunction `sideModules`): pinyin for writing products. */
export const sideModules: Partial<Record<ContextName, string[]>> = { catalog: ['pinyin-pro'] };
/** One stack per stage: the table, the token signing key, the HTTP API and its functions, the pages. */
export class StationStack extends Stack {
  constructor(scope: Construct, id: string, props: StationStackProps) {
    super(scope, id, props);
    const prod = props.stage === 'prod';
    const logRetention = prod ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH;

    const table = new Table(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      stream: StreamViewType[tableDesign.stream],
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const [indexName, index] of Object.entries(tableDesign.indexes)) {
      table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: index.sortKeyType === 'N' ? AttributeType.NUMBER : AttributeType.STRING },
        ...(index.projected === 'ALL'
          ? { projectionType: ProjectionType.ALL }
          : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projected] }),
      });
    }

    // Where the users are (README "Deploy to AWS China"): the API's and the pages' own domains, with certificates
    // (in AWS China uploaded to IAM: there is no ACM there, and a public API or CloudFront needs an ICP recordal).
    const apiDomain = new CfnParameter(this, 'ApiDomainName', {
      type: 'String',
      default: '',
      description: "The API's own domain (e.g. api.example.cn); empty: the HTTP API's default endpoint (not reachable in AWS China without one).",
    });
    const apiCertificate = new CfnParameter(this, 'ApiCertificateArn', {
      type: 'String',
      default: '',
      description: 'The certificate of ApiDomainName: its ARN (in AWS China, the server certificate uploaded to IAM).',
    });
    const webDomain = new CfnParameter(this, 'WebDomainName', {
      type: 'String',
      default: '',
      description: "The pages' own domain (e.g. www.example.cn); empty: CloudFront's default domain.",
    });
    const webCertificate = new CfnParameter(this, 'WebIamCertificateId', {
      type: 'String',
      default: '',
      description: 'The IAM server certificate id of WebDomainName (aws iam upload-server-certificate --path /cloudfront/ …).',
    });
    const hasApiDomain = new CfnCondition(this, 'HasApiDomain', { expression: Fn.conditionNot(Fn.conditionEquals(apiDomain.valueAsString, '')) });
    const hasWebDomain = new CfnCondition(this, 'HasWebDomain', { expression: Fn.conditionNot(Fn.conditionEquals(webDomain.valueAsString, '')) });

    // The access tokens' signing key: ECDSA P-256 in KMS; its private half never leaves KMS (shared/tokens/kms-signer.ts).
    const tokenKey = new Key(this, 'TokenKey', {
      description: `Village station ${props.stage}: signs access tokens (ES256)`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const reserved = reservedConcurrency(this.node.tryGetContext('reservedConcurrency'), props.stage);
    const layerArn = this.node.tryGetContext('paramsAndSecretsLayerArn') as string | undefined;
    const bills = new Gateway(this, 'Bills', {
      name: 'BILL',
      what: 'the bill gateway (an aggregator that pays phone, power and water bills)',
      stage: props.stage,
      gatewayUrl: String(this.node.tryGetContext('billGatewayUrl') ?? 'https://bill-gateway.invalid'),
      paramsAndSecretsLayerArn: layerArn,
    });
    // A domestic SMS service in every partition: a villager's number never leaves the region (docs/sms-gateway.md "In AWS").
    const sms = new Gateway(this, 'Sms', {
      name: 'SMS',
      what: 'the SMS gateway (a domestic SMS service: approved signature and templates)',
      stage: props.stage,
      gatewayUrl: String(this.node.tryGetContext('smsGatewayUrl') ?? 'https://sms-gateway.invalid'),
      paramsAndSecretsLayerArn: layerArn,
    });
    /** Which functions reach which gateway: the bills function pays bills; the outbox sends messages; the messages function checks receipts. */
    const gatewayOf: Partial<Record<FunctionName, Gateway>> = { bills, outbox: sms, messages: sms };
    const lambdas = (): Record<FunctionName, ApiFunction['function']> =>
      Object.fromEntries(Object.entries(functions).map(([fn, f]) => [fn, f.function])) as Record<FunctionName, ApiFunction['function']>;
    const functions = Object.fromEntries(
      [...contextNames, ...(Object.keys(workers) as FunctionName[])].map((fn) => [
        fn,
        new ApiFunction(this, `Fn-${fn}`, {
          fn,
          table,
          grant: tableGrants[fn],
          stage: props.stage,
          logRetention,
          reservedConcurrency: reserved[fn as ContextName],
          sideModules: sideModules[fn as ContextName],
          // The OpenAPI document, built here once rather than by each new container on its first request for it.
          ...(fn === 'platform' ? { besideBundle: { [openApiFile]: JSON.stringify(openApiDocument(routeTable, contextTags)) } } : {}),
          ...gatewayOf[fn]?.functionProps(),
          ...(fn === 'auth' ? { environment: { TOKEN_KEY_ID: tokenKey.keyArn, TOKEN_KEY_ENDPOINT: `https://kms.${Aws.REGION}.${Aws.URL_SUFFIX}` } } : {}),
          // The bills function runs the reconciler too: the API still answers within API Gateway's 30 s; the reconciler stops starting payments after 45 s.
          ...(fn === 'bills' ? { timeout: Duration.seconds(60) } : {}),
        }),
      ]),
    ) as Record<FunctionName, ApiFunction>;
    for (const [fn, gateway] of Object.entries(gatewayOf)) gateway.attach(functions[fn as FunctionName].function);

    const api = new HttpApi(this, 'Api', {
      apiName: `village-station-${props.stage}`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...cors.allowOrigins],
        allowMethods: cors.allowMethods.map((m) => CorsHttpMethod[m]),
        allowHeaders: [...cors.allowHeaders],
        exposeHeaders: [...cors.exposeHeaders],
        maxAge: Duration.seconds(cors.maxAgeSeconds),
      },
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: logRetention,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      autoDeploy: true,
      throttle: { rateLimit: defaultThrottle.ratePerSecond, burstLimit: defaultThrottle.burst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            sub: '$context.authorizer.claims.sub',
            error: '$context.error.message',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    // The API's own domain, when given; the issuer is the API's address either way.
    const domainName = new CfnDomainName(this, 'ApiDomain', {
      domainName: apiDomain.valueAsString,
      domainNameConfigurations: [{ certificateArn: apiCertificate.valueAsString, endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2' }],
    });
    domainName.cfnOptions.condition = hasApiDomain;
    const mapping = new CfnApiMapping(this, 'ApiDomainMapping', { apiId: api.apiId, domainName: apiDomain.valueAsString, stage: stage.stageName });
    mapping.cfnOptions.condition = hasApiDomain;
    mapping.addDependency(domainName);
    const issuerUrl = Fn.conditionIf(hasApiDomain.logicalId, `https://${apiDomain.valueAsString}`, api.apiEndpoint).toString();
    // Tokens are the system's own (functions/auth): the authorizer reads <issuer>/.well-known/openid-configuration and its JWKS.
    const authorizer = new HttpJwtAuthorizer('Tokens', issuerUrl, { jwtAudience: [audience] });
    const authFn = functions.auth.function;
    authFn.addEnvironment('AUTH_ISSUER', issuerUrl);
    authFn.addToRolePolicy(new PolicyStatement({ actions: ['kms:Sign', 'kms:GetPublicKey'], resources: [tokenKey.keyArn] }));
    const integrations = Object.fromEntries(contextNames.map((fn) => [fn, new HttpLambdaIntegration(`Integration-${fn}`, functions[fn].function)])) as Record<
      ContextName,
      HttpLambdaIntegration
    >;
    // RouteSettings is a JSON map in CloudFormation (keys as CloudFormation spells them).
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const spec of routeTable) {
      const [route] = api.addRoutes({
        path: spec.path,
        methods: [HttpMethod[spec.method]],
        integration: integrations[spec.fn],
        authorizer: spec.access === 'public' ? new HttpNoneAuthorizer() : authorizer,
      });
      // Expensive or public routes get a throttle of their own, below the stage's; the stage needs the route to exist first.
      if (spec.throttle) {
        routeSettings[routeKey(spec)] = { ThrottlingRateLimit: spec.throttle.ratePerSecond, ThrottlingBurstLimit: spec.throttle.burst };
        stage.node.addDependency(route!);
      }
      if (spec.access === 'public') {
        Validations.of(route!).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${routeKey(spec)} is public on purpose (health check, API description, signing in by phone and code, the issuer's keys).`,
        });
      }
    }

    (stage.node.defaultChild as CfnStage).routeSettings = routeSettings;

    const monitoring = new Monitoring(this, 'Monitoring', {
      table,
      api,
      functions: lambdas(),
      audit: functions.audit,
      stage: props.stage,
    });
    new Outbox(this, 'Outbox', { table, consumer: functions.outbox.function, alarm: monitoring.alarm });
    new Jobs(this, 'Jobs', {
      functions: lambdas(),
      scheduler: this.node.tryGetContext('schedules') === 'rules' ? 'rules' : 'scheduler',
    });

    const web = new WebSite(this, 'Web', {
      stage: props.stage,
      webDir: props.webDir,
      apiUrl: issuerUrl,
      domain: { name: webDomain.valueAsString, iamCertificateId: webCertificate.valueAsString, given: hasWebDomain },
    });

    acknowledgeDeployTimeHelpers(this, this.getLogicalId(web.pagesBucket.node.defaultChild as CfnResource));

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'WebUrl', { value: web.url });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'Issuer', { value: issuerUrl });
    new CfnOutput(this, 'TokenKeyArn', { value: tokenKey.keyArn });
  }
}
