import { CfnOutput, type CfnResource, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, CfnUserPoolGroup, ClientAttributes, Mfa, StringAttribute, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { contextTags, routeTable } from '#functions/registry.ts';
import { cors } from '#http/cors.ts';
import { openApiDocument } from '#http/openapi.ts';
import { openApiFile } from '#functions/platform/openapi-file.ts';
import { roles } from '#domain/access.ts';
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
}

/** Loaded on first use, shipped beside the bundle (ApiFunction `sideModules`): pinyin for writing products. */
const sideModules: Partial<Record<ContextName, string[]>> = { catalog: ['pinyin-pro'] };
/** One stack per stage: the table, the user pool, the HTTP API and its functions, the pages. */
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

    const userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, phone: true },
      // Mutable in the pool so that ops can move a partner with AdminUpdateUserAttributes (README "Security");
      // no app client may write it (writeAttributes below), so a user never can.
      customAttributes: { stationId: new StringAttribute({ mutable: true, maxLen: 40 }) },
      passwordPolicy: { minLength: 10, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      deletionProtection: prod,
    });
    for (const role of roles) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: userPool.userPoolId, groupName: role });
    }
    const webClient = new UserPoolClient(this, 'WebClient', {
      userPool,
      // The pages sign in with InitiateAuth (USER_PASSWORD_AUTH) over HTTPS straight to Cognito, and renew with the
      // refresh token: exactly those two flows (test/infra/stack.test.ts reads them from web/src/shared/auth.ts). SRP
      // would keep the password off the wire, but needs an SRP implementation in every page that cannot be tested
      // against Cognito here; the pool gives way to the system's own phone sign-in (README "Security").
      authFlows: { userPassword: true },
      // No hosted UI: the CDK default would allow the implicit flow with a callback to https://example.com.
      disableOAuth: true,
      generateSecret: false,
      // Say what users may write: with no list, Cognito lets a signed-in user write every attribute,
      // custom:stationId included (UpdateUserAttributes with their own access token), and the API trusts it.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
      // The ID token carries only what the client reads: the station must be among them.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ fullname: true, locale: true, phoneNumber: true, phoneNumberVerified: true })
        .withCustomAttributes('stationId'),
      // An hour, renewed by the pages with the refresh token (web/src/shared/auth.ts); a moved or
      // removed partner's old ID token stops working within the hour (the API cannot revoke it).
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // Sign-out revokes the refresh token (Cognito RevokeToken from the page).
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    Validations.of(userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA (TOTP) is set per pool, not per group: partners sign in on shared shop PCs and cheap phones without an authenticator, so it is optional in the pool; every operator is enrolled (README "Security"), and Cognito then asks each of their sign-ins for the code.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus plan (threat protection) costs per active user across thousands of partners; the pool is invite-only (no self sign-up). Enable it per stage if attacks appear.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: "Cognito's SMS role (phone sign-in and verification) must publish to any phone number, which SNS cannot scope by resource.",
      },
    );

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

    const authorizer = new HttpUserPoolAuthorizer('Cognito', userPool, { userPoolClients: [webClient] });
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
          reason: `${routeKey(spec)} is public on purpose (health check, API description); it reads no data.`,
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

    const web = new WebSite(this, 'Web', { stage: props.stage, apiUrl: api.apiEndpoint, userPool, webClient });

    acknowledgeDeployTimeHelpers(this, this.getLogicalId(web.pagesBucket.node.defaultChild as CfnResource));

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'WebUrl', { value: web.url });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: webClient.userPoolClientId });
  }
}
