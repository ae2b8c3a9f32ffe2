import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, test } from 'vitest';
import { routeTable } from '#functions/routes.ts';
import { createApp } from '#infra/app.ts';
import { functionNames, routeKey } from '#http/route.ts';
import { tableDesign } from '#shared/table.ts';
import { reconcileEvent } from '#functions/bills/schedule.ts';
import { Bills } from '#infra/bills.ts';

const synth = (stage: string) => {
  const { app, stack } = createApp(new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-')), context: { stage } }));
  app.synth(); // throws ValidationFailed on any unacknowledged cdk-nag finding
  return { stack, template: Template.fromStack(stack) };
};

let dev: ReturnType<typeof synth>;
let prod: ReturnType<typeof synth>;
beforeAll(() => {
  dev = synth('dev');
  prod = synth('prod');
});

describe('the table', () => {
  test('is built from the one table definition: keys, every GSI, TTL, on demand, point-in-time recovery', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      GlobalSecondaryIndexes: Object.entries(tableDesign.indexes).map(([IndexName, index]) =>
        Match.objectLike({
          IndexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
    });
  });

  test('is retained and deletion-protected in prod only', () => {
    prod.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true }) });
    dev.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ DeletionProtectionEnabled: false }) });
  });
});

describe('the HTTP API', () => {
  test('has exactly the routes of the route table, public ones without an authorizer, the rest behind the Cognito JWT authorizer', () => {
    const routes = dev.template.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes).map((r) => [r.Properties.RouteKey, r.Properties.AuthorizationType]);
    expect(keys.sort()).toEqual(routeTable.map((r) => [routeKey(r), r.access === 'public' ? 'NONE' : 'JWT']).sort());
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: Match.objectLike({ Issuer: Match.anyValue() }),
    });
  });

  test('one function per bounded context: Node.js 24 on arm64, each with its own log group', () => {
    const fns = Object.values(dev.template.findResources('AWS::Lambda::Function')).filter((f) =>
      String(f.Properties.Description).startsWith('Village station API'),
    );
    expect(fns).toHaveLength(functionNames.length);
    for (const fn of fns) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeDefined();
    }
  });

  test('logs every request, and CORS allows the Idempotency-Key header', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowHeaders: Match.arrayWith(['idempotency-key']) }),
    });
  });

  test('table grants are least privilege: no wildcards, no table access for the platform function', () => {
    const policies = Object.values(dev.template.findResources('AWS::IAM::Policy'));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain('dynamodb:*');
    expect(actions.filter((a) => a.startsWith('dynamodb:') && a.includes('*'))).toEqual([]);
    const platform = policies.filter((p) => JSON.stringify(p.Properties.Roles).includes('Fnplatform'));
    expect(JSON.stringify(platform)).not.toContain('dynamodb:');
  });
});

describe('bills', () => {
  const billsFunction = () => {
    const [id, fn] = Object.entries(dev.template.findResources('AWS::Lambda::Function')).find(
      ([, f]) => f.Properties.Description === 'Village station API: bills',
    )!;
    return { id, fn };
  };
  const logicalIdOf = (type: string) => Object.keys(dev.template.findResources(type))[0]!;

  test('the gateway URL is an SSM parameter and its signing secret a Secrets Manager secret; the function is told where, never what', () => {
    const parameter = logicalIdOf('AWS::SSM::Parameter');
    const secret = logicalIdOf('AWS::SecretsManager::Secret');
    dev.template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/village-station/dev/bill-gateway/url', Type: 'String' });
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ PasswordLength: 48 }) });
    const { fn } = billsFunction();
    const env = fn.Properties.Environment.Variables;
    expect(env.BILL_GATEWAY_URL_PARAMETER).toEqual({ Ref: parameter });
    expect(env.BILL_GATEWAY_SECRET_ID).toEqual({ Ref: secret });
    expect(env.BILL_GATEWAY_URL).toBeUndefined();
    expect(env.BILL_GATEWAY_SECRET).toBeUndefined();
    // Read through the AWS Parameters and Secrets Lambda Extension (no SSM or Secrets Manager client in the bundle).
    // (An environment-agnostic stack picks the layer's ARN for its region from a mapping.)
    const layers = JSON.stringify(fn.Properties.Layers);
    const mapping = /"Fn::FindInMap":\["([^"]+)"/.exec(layers)?.[1];
    const layerArns = mapping ? JSON.stringify(dev.template.toJSON().Mappings[mapping]) : layers;
    expect(layerArns).toContain('AWS-Parameters-and-Secrets-Lambda-Extension-Arm64');
    expect(env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT).toBe('2773');
  });

  test('only the bills function may read them, and only them', () => {
    const parameter = logicalIdOf('AWS::SSM::Parameter');
    const secret = logicalIdOf('AWS::SecretsManager::Secret');
    const policies = Object.entries(dev.template.findResources('AWS::IAM::Policy'));
    const readers = (action: string) =>
      policies.filter(([, p]) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).some((s) => [s.Action].flat().includes(action)));
    expect(readers('secretsmanager:GetSecretValue').map(([id]) => id)).toEqual([expect.stringMatching(/^Fnbills/)]);
    expect(readers('ssm:GetParameter').map(([id]) => id)).toEqual([expect.stringMatching(/^Fnbills/)]);
    const statements = readers('ssm:GetParameter')[0]![1].Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
    const ssm = statements.find((s) => [s.Action].flat().includes('ssm:GetParameter'))!;
    expect(JSON.stringify(ssm.Resource)).toContain(parameter);
    const sm = statements.find((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'))!;
    expect(sm.Resource).toEqual({ Ref: secret });
  });

  test('EventBridge Scheduler invokes the bills function every 5 minutes with the reconcile event, through a role that may invoke only it', () => {
    const { id } = billsFunction();
    dev.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [id, 'Arn'] }, Input: JSON.stringify(reconcileEvent) }),
    });
    const schedule = Object.values(dev.template.findResources('AWS::Scheduler::Schedule'))[0]!;
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0] as string;
    const role = dev.template.findResources('AWS::IAM::Role')[roleId]!;
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    const policy = Object.values(dev.template.findResources('AWS::IAM::Policy')).find((p) => JSON.stringify(p.Properties.Roles).includes(roleId))!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [id, 'Arn'] } }]);
  });

  test('in a region whose extension layer CDK does not know (China), the synth says what to pass, and takes the layer given', () => {
    const stack = () => new Stack(new App(), 'S', { env: { region: 'cn-north-1', account: '123456789012' } });
    const bills = (s: Stack, layerArn?: string) =>
      new Bills(s, 'Bills', { stage: 'dev', gatewayUrl: 'https://gateway.example.cn', paramsAndSecretsLayerArn: layerArn });
    expect(() => bills(stack()).functionProps()).toThrow(/-c paramsAndSecretsLayerArn=/);
    const arn = 'arn:aws-cn:lambda:cn-north-1:123456789012:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:4';
    const s = stack();
    new LambdaFunction(s, 'F', {
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = () => 1;'),
      paramsAndSecrets: bills(s, arn).functionProps().paramsAndSecrets!,
    });
    Template.fromStack(s).hasResourceProperties('AWS::Lambda::Function', { Layers: [arn] });
  });

  test('has time for the reconciler (60 s), while the other functions keep 10 s', () => {
    expect(billsFunction().fn.Properties.Timeout).toBe(60);
  });

  test('the stand-in gateway and its fault switch exist only locally: no route or resource of it in the stack', () => {
    expect(JSON.stringify(dev.template.toJSON())).not.toContain('_faults');
  });
});

test('the pages: private bucket behind CloudFront with origin access control', () => {
  dev.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
    OriginAccessControlConfig: Match.objectLike({ SigningBehavior: 'always', OriginAccessControlOriginType: 's3' }),
  });
  dev.template.hasResourceProperties('AWS::S3::Bucket', {
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  test('every acknowledgement carries a written reason', () => {
    const acknowledgements: { id: string; reason: string }[] = [];
    const walk = (c: IConstruct) => {
      for (const m of c.node.metadata) {
        if (m.type !== 'aws:cdk:acknowledged-rules') continue;
        for (const [id, reason] of Object.entries(m.data as Record<string, string>)) acknowledgements.push({ id, reason });
      }
      c.node.children.forEach(walk);
    };
    walk(prod.stack);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) expect(a.reason?.length ?? 0, a.id).toBeGreaterThan(40);
  });

  test('is really checking: an unacknowledged finding fails the synth', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-')) });
    new Bucket(new Stack(app, 'Careless'), 'OpenBucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/server access logs disabled/);
  });
});
