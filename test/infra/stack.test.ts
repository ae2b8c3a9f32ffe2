import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, test } from 'vitest';
import { routeTable } from '#functions/registry.ts';
import { createApp } from '#infra/app.ts';
import { defaultThrottle, routeKey } from '#http/route.ts';
import { contextNames as functionNames } from '#functions/registry.ts';
import { reservedConcurrency } from '#infra/concurrency.ts';
import { tableGrants } from '#infra/table-grants.ts';
import { dynamoCallWorstMs, requestDeadlineMs, timeouts } from '#shared/timeouts.ts';
import { partitionPrefixes } from '#store/keys.ts';
import { contentSecurityPolicy } from '#http/csp.ts';
import { projectionOf, tableDesign } from '#shared/table.ts';
import { jobEvent, jobNames, jobs, type Job } from '#functions/jobs.ts';
import { workers } from '#functions/registry.ts';
import { localTimers } from '#scripts/local/jobs.ts';
import { outboxStreamFilter } from '#store/outbox.ts';
import { outboxRetryAttempts } from '#infra/outbox.ts';
import { Gateway } from '#infra/gateway.ts';
import { lambdaArchitecture } from '#infra/architecture.ts';

const synth = (stage: string) => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-'));
  const { app, stack } = createApp(new App({ outdir, context: { stage } }));
  app.synth(); // throws ValidationFailed on any unacknowledged cdk-nag finding
  return { stack, template: Template.fromStack(stack), outdir };
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
          Projection: projectionOf(index),
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
  test('has exactly the routes of the route table, public ones without an authorizer, the rest behind the JWT authorizer', () => {
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

  test('the catalogue function carries no pinyin dictionary: pinyin-pro ships beside its bundle, loaded only to write a product', () => {
    const [catalog] = Object.values(dev.template.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Description === 'Village station API: catalog',
    );
    const asset = join(dev.outdir, `asset.${String(catalog!.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    const bundle = readFileSync(join(asset, 'index.mjs'), 'utf8');
    const side = readFileSync(join(asset, 'node_modules/pinyin-pro/index.mjs'), 'utf8');
    expect(bundle.includes('import("pinyin-pro")')).toBe(true);
    // pinyin-pro's exports and its dictionaries (hundreds of KB) are in the side file only.
    expect(bundle.includes('customPinyin')).toBe(false);
    expect(side.includes('customPinyin')).toBe(true);
    expect(side.length).toBeGreaterThan(300_000);
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

  test('the network function may erase a villager (a transaction deletes items) and read a correction in one batch; the catalogue deletes only search entries, synonyms, products and (being one grant) its own import records', () => {
    const policies = Object.values(dev.template.findResources('AWS::IAM::Policy'));
    const actionsOf = (fn: string) =>
      policies
        .filter((p) => JSON.stringify(p.Properties.Roles).includes(`Fn${fn}`))
        .flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((st) => [st.Action].flat()));
    expect(actionsOf('network')).toEqual(expect.arrayContaining(['dynamodb:DeleteItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem']));
    const deleting = policies
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('Fncatalog'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Condition?: Record<string, Record<string, string[]>> }[])
      .filter((st) => [st.Action].flat().includes('dynamodb:DeleteItem'));
    for (const st of deleting) {
      for (const k of st.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys']!)
        expect(
          ['SEARCH#', 'SYNONYM#', 'PRODUCT#', 'IDEMPOTENCY#'].some((prefix) => k.startsWith(prefix)),
          k,
        ).toBe(true);
    }
  });

  test("the orders function deletes order items only (an unlock's entry in the locked list), never a station's cash, entries or villagers", () => {
    const deleting = Object.values(dev.template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('Fnorders'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Condition?: Record<string, Record<string, string[]>> }[])
      .filter((st) => [st.Action].flat().includes('dynamodb:DeleteItem'));
    expect(deleting).toHaveLength(1);
    expect([deleting[0]!.Action].flat()).toEqual(['dynamodb:DeleteItem']);
    expect(deleting[0]!.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys']).toEqual(['ORDER#*']);
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

  test("each gateway's settings are read by the functions that talk to it, and only its own: the bill gateway's by the bills function, the SMS gateway's by the outbox (sending) and messages (receipts)", () => {
    const ids = (type: string) => Object.keys(dev.template.findResources(type));
    const [billParameter, smsParameter] = [
      ids('AWS::SSM::Parameter').find((i) => i.startsWith('Bills'))!,
      ids('AWS::SSM::Parameter').find((i) => i.startsWith('Sms'))!,
    ];
    const [billSecret, smsSecret] = [
      ids('AWS::SecretsManager::Secret').find((i) => i.startsWith('Bills'))!,
      ids('AWS::SecretsManager::Secret').find((i) => i.startsWith('Sms'))!,
    ];
    const policies = Object.entries(dev.template.findResources('AWS::IAM::Policy'));
    const readers = (action: string, resource: string) =>
      policies
        .filter(([, p]) =>
          (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).some(
            (s) => [s.Action].flat().includes(action) && JSON.stringify(s.Resource).includes(resource),
          ),
        )
        .map(([id]) => id.replace(/Role.*$/, ''))
        .sort();
    expect(readers('ssm:GetParameter', billParameter)).toEqual(['Fnbills']);
    expect(readers('secretsmanager:GetSecretValue', billSecret)).toEqual(['Fnbills']);
    expect(readers('ssm:GetParameter', smsParameter)).toEqual(['Fnmessages', 'Fnoutbox']);
    expect(readers('secretsmanager:GetSecretValue', smsSecret)).toEqual(['Fnmessages', 'Fnoutbox']);
  });

  test('EventBridge Scheduler invokes the bills function every 5 minutes with the reconcile event, through a role that may invoke only it', () => {
    const { id } = billsFunction();
    dev.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [id, 'Arn'] }, Input: JSON.stringify(jobEvent('reconcile-bills')) }),
    });
    const schedule = Object.values(dev.template.findResources('AWS::Scheduler::Schedule')).find((s) => s.Properties.Target.Arn['Fn::GetAtt'][0] === id)!;
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0] as string;
    const role = dev.template.findResources('AWS::IAM::Role')[roleId]!;
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    const policy = Object.values(dev.template.findResources('AWS::IAM::Policy')).find((p) => JSON.stringify(p.Properties.Roles).includes(roleId))!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [id, 'Arn'] } }]);
  });

  test("in AWS China the extension is China's own x86 layer (CDK's table has no arm64 one there), on x86_64; a region CDK knows no layer for says what to pass", () => {
    const stack = (region: string) => new Stack(new App(), 'S', { env: { region, account: '123456789012' } });
    const bills = (s: Stack, layerArn?: string) =>
      new Gateway(s, 'Bills', {
        name: 'BILL',
        what: 'the bill gateway',
        stage: 'dev',
        gatewayUrl: 'https://gateway.example.cn',
        paramsAndSecretsLayerArn: layerArn,
      });
    expect(() => bills(stack('xx-nowhere-1')).functionProps()).toThrow(/-c paramsAndSecretsLayerArn=/);
    const s = stack('cn-north-1');
    expect(lambdaArchitecture(s)).toBe(Architecture.X86_64);
    new LambdaFunction(s, 'F', {
      runtime: Runtime.NODEJS_24_X,
      architecture: lambdaArchitecture(s),
      handler: 'index.handler',
      code: Code.fromInline('export const handler = () => 1;'),
      paramsAndSecrets: bills(s).functionProps().paramsAndSecrets!,
    });
    Template.fromStack(s).hasResourceProperties('AWS::Lambda::Function', {
      Architectures: ['x86_64'],
      Layers: [Match.stringLikeRegexp('^arn:aws-cn:lambda:cn-north-1:\\d+:layer:AWS-Parameters-and-Secrets-Lambda-Extension:\\d+$')],
    });
    // A layer given is taken as it is.
    const given = 'arn:aws-cn:lambda:cn-north-1:123456789012:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:4';
    const g = stack('cn-north-1');
    new LambdaFunction(g, 'F', {
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = () => 1;'),
      paramsAndSecrets: bills(g, given).functionProps().paramsAndSecrets!,
    });
    Template.fromStack(g).hasResourceProperties('AWS::Lambda::Function', { Layers: [given] });
  });

  test('has time for the reconciler (60 s), while the other functions keep theirs', () => {
    expect(billsFunction().fn.Properties.Timeout).toBe(60);
    expect(timeouts.functionSeconds).toBeLessThan(60);
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

describe('signing in (tenancy in AWS)', () => {
  test("no Cognito: the JWT authorizer trusts the API's own issuer, for the one audience", () => {
    for (const { template } of [dev, prod]) {
      expect(Object.keys(template.toJSON().Resources).filter((id) => template.toJSON().Resources[id].Type.startsWith('AWS::Cognito::'))).toEqual([]);
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        JwtConfiguration: { Audience: ['village-station'], Issuer: Match.anyValue() },
      });
    }
  });

  test('the tokens are signed by an ECDSA P-256 KMS key that only the auth function may use, to sign and to read its public key', () => {
    dev.template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const policies = Object.values(dev.template.findResources('AWS::IAM::Policy'));
    const signers = policies.filter((p) => JSON.stringify(p.Properties.PolicyDocument.Statement).includes('kms:Sign'));
    expect(signers).toHaveLength(1);
    expect(JSON.stringify(signers[0]!.Properties.Roles)).toContain('Fnauth');
    const fn = Object.values(dev.template.findResources('AWS::Lambda::Function')).find((f) => f.Properties.Environment?.Variables?.TOKEN_KEY_ID);
    expect(fn!.Properties.Environment.Variables).toMatchObject({ TOKEN_KEY_ID: expect.anything(), AUTH_ISSUER: expect.anything() });
    expect(JSON.stringify(fn!.Properties.Environment.Variables.TOKEN_KEY_ENDPOINT)).toContain('AWS::URLSuffix');
  });
});

describe('least privilege on the table', () => {
  type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, string[]>> };
  const statementsOf = (t: Template, fn: string): Statement[] =>
    Object.values(t.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(`Fn${fn}Role`))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
  const onIndex = (s: Statement) => JSON.stringify(s.Resource).includes('/index/');

  test.each(functionNames.filter((fn) => fn !== 'platform'))(
    '%s: every table action is conditioned on the partition prefixes it owns (dynamodb:LeadingKeys), from the one definition of the keys',
    (fn) => {
      const statements = statementsOf(dev.template, fn);
      expect(statements.length).toBeGreaterThan(0);
      for (const s of statements) expect(s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'], JSON.stringify(s)).toBeDefined();
      const grant = tableGrants[fn];
      const table = statements.filter((s) => !onIndex(s));
      // One statement per grant: the main one and each narrower one beside it, with its own actions and prefixes.
      const expected = [grant, ...(grant.also ?? [])].map((g) => ({
        actions: [...g.actions].sort(),
        keys: g.table.map((k) => `${partitionPrefixes[k]}*`),
      }));
      expect(table.map((s) => ({ actions: [s.Action].flat().sort(), keys: s.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys'] }))).toEqual(
        expected,
      );
      for (const s of statements.filter(onIndex)) {
        expect([s.Action].flat()).toEqual(['dynamodb:Query']);
        expect(s.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys']).toEqual(grant.indexes.map((k) => `${partitionPrefixes[k]}*`));
      }
    },
  );

  test('the catalogue function cannot touch a station (cash balances included): its keys are products, their search entries, the synonyms and the records of its imports', () => {
    const keys = statementsOf(dev.template, 'catalog').flatMap((s) => s.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys']!);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(
        k.startsWith(partitionPrefixes.product) ||
          k.startsWith(partitionPrefixes.catalogue) ||
          k.startsWith(partitionPrefixes.search) ||
          k.startsWith(partitionPrefixes.synonym) ||
          k.startsWith(partitionPrefixes.synonyms) ||
          k.startsWith(partitionPrefixes.idempotency),
        k,
      ).toBe(true);
    }
    expect(keys.some((k) => k.startsWith(partitionPrefixes.station))).toBe(false);
    expect(statementsOf(dev.template, 'catalog').flatMap((s) => [s.Action].flat())).not.toContain('dynamodb:UpdateItem');
  });

  test("no function may Scan, and only the money contexts may update (and the villagers' erasure: bill payments, and the orders, runs and station items it blanks a name out of)", () => {
    for (const fn of functionNames) {
      const statements = statementsOf(dev.template, fn);
      expect(
        statements.flatMap((s) => [s.Action].flat()),
        fn,
      ).not.toContain('dynamodb:Scan');
      // The money contexts (the tab among them: what a villager owes); messages settle a message's state and may count it in the station's month;
      // parcels earn a courier's fee; signing in counts a code's tries and retires refresh tokens.
      if (['orders', 'cash', 'delivery', 'bills', 'produce', 'aftersales', 'tabs', 'messages', 'parcels', 'auth'].includes(fn)) continue;
      const updating = statements.filter((s) => [s.Action].flat().includes('dynamodb:UpdateItem'));
      if (fn !== 'network') expect(updating, fn).toEqual([]);
      else
        expect(updating.map((s) => [[s.Action].flat(), s.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys']])).toEqual([
          [
            ['dynamodb:UpdateItem'],
            [`${partitionPrefixes.billPayment}*`, `${partitionPrefixes.order}*`, `${partitionPrefixes.run}*`, `${partitionPrefixes.station}*`],
          ],
        ]);
    }
  });
});

describe('throttling and concurrency', () => {
  test('routes with a throttle of their own (planning a run, the public ones that cost) get it as route settings, below the stage default', () => {
    const stage = Object.values(dev.template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const settings = stage.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const throttled = routeTable.filter((r) => r.throttle);
    expect(throttled.map((r) => r.operationId)).toEqual(expect.arrayContaining(['planRun', 'ready']));
    expect(Object.keys(settings).sort()).toEqual(throttled.map(routeKey).sort());
    for (const spec of throttled) {
      expect(settings[routeKey(spec)]).toEqual({ ThrottlingRateLimit: spec.throttle!.ratePerSecond, ThrottlingBurstLimit: spec.throttle!.burst });
      expect(spec.throttle!.ratePerSecond).toBeLessThan(defaultThrottle.ratePerSecond);
    }
    expect(stage.DependsOn?.length ?? 0).toBeGreaterThanOrEqual(throttled.length);
  });

  const reservedOf = (t: Template) =>
    Object.fromEntries(
      Object.values(t.findResources('AWS::Lambda::Function'))
        .filter((f) => String(f.Properties.Description).startsWith('Village station API'))
        .map((f) => [String(f.Properties.Description).replace('Village station API: ', ''), f.Properties.ReservedConcurrentExecutions]),
    );

  test('reserved concurrency: delivery planning is capped in prod so it cannot starve the money functions; none in dev (small accounts); configurable', () => {
    expect(reservedOf(prod.template).delivery).toBe(10);
    expect(Object.values(reservedOf(dev.template)).filter((v) => v !== undefined)).toEqual([]);
    expect(reservedConcurrency('{"orders":40,"delivery":5}', 'dev')).toEqual({ orders: 40, delivery: 5 });
    expect(reservedConcurrency({}, 'prod')).toEqual({});
    expect(() => reservedConcurrency('{"delivery":5000}', 'prod')).toThrow(/1 to/);
    expect(() => reservedConcurrency('{"nope":5}', 'prod')).toThrow(/not a function/);
  });
});

test('timeouts hold in order: an SDK attempt, then one SDK call with its retries, both well inside the request deadline, inside the function timeout', () => {
  const fns = Object.values(dev.template.findResources('AWS::Lambda::Function')).filter((f) =>
    String(f.Properties.Description).startsWith('Village station API'),
  );
  // The bills function runs the reconciler too, on a longer timeout; its requests keep the same deadline.
  for (const fn of fns) expect(fn.Properties.Timeout).toBe(String(fn.Properties.Description).endsWith(': bills') ? 60 : timeouts.functionSeconds);
  expect(timeouts.dynamoConnectMs + timeouts.dynamoAttemptMs).toBeLessThan(requestDeadlineMs / 3);
  expect(dynamoCallWorstMs).toBeLessThan(requestDeadlineMs);
  expect(requestDeadlineMs).toBeLessThan(timeouts.functionSeconds * 1000);
  expect(timeouts.readinessMs).toBeLessThan(requestDeadlineMs);
});

describe('tokens and the pages', () => {
  /** A CloudFormation string, with each token shown as its reference. */
  const flat = (value: unknown): string =>
    typeof value === 'string'
      ? value
      : Array.isArray(value)
        ? value.map(flat).join('')
        : value && typeof value === 'object' && 'Fn::Join' in value
          ? ((value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1] ?? []).map(flat).join('')
          : `<${JSON.stringify(value)}>`;

  test('CloudFront sends the pages the shared Content-Security-Policy, connecting only to the API (signing in included), with the other security headers', () => {
    const policies = Object.values(dev.template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(policies).toHaveLength(1);
    const config = policies[0]!.Properties.ResponseHeadersPolicyConfig;
    const csp = flat(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(config.SecurityHeadersConfig.ContentSecurityPolicy.Override).toBe(true);
    const shared = contentSecurityPolicy(['API']);
    for (const directive of shared.split('; ').filter((d) => !d.startsWith('connect-src'))) expect(csp).toContain(directive);
    const connect = csp.split('; ').find((d) => d.startsWith('connect-src '))!;
    expect(connect).toMatch(/^connect-src 'self' <.*Api.*>$/);
    expect(config.SecurityHeadersConfig.StrictTransportSecurity).toMatchObject({ Override: true });
    expect(config.SecurityHeadersConfig.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(config.SecurityHeadersConfig.ContentTypeOptions).toMatchObject({ Override: true });
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultCacheBehavior: Match.objectLike({ ResponseHeadersPolicyId: Match.anyValue() }) }),
    });
  });
});

describe('the outbox and the jobs', () => {
  const functionId = (description: string) =>
    Object.entries(dev.template.findResources('AWS::Lambda::Function')).find(([, r]) => r.Properties.Description === description)![0];

  test("the table's stream (new images) feeds the outbox's consumer: filtered to new outbox items, partial batch failures, bounded retries, an on-failure queue", () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    const consumer = functionId(`Village station worker: ${workers.outbox}`);
    const mappings = Object.values(dev.template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]!.Properties;
    expect(mapping.FunctionName).toEqual({ Ref: consumer });
    expect(JSON.stringify(mapping.EventSourceArn)).toContain('StreamArn');
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.MaximumRetryAttempts).toBe(outboxRetryAttempts);
    expect(mapping.StartingPosition).toBe('TRIM_HORIZON');
    expect(mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([outboxStreamFilter]);
    const queue = mapping.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0] as string;
    dev.template.hasResourceProperties('AWS::SQS::Queue', Match.objectLike({ SqsManagedSseEnabled: true }));
    expect(dev.template.findResources('AWS::SQS::Queue')[queue]).toBeDefined();
    // Its first message raises an alarm.
    const alarms = Object.values(dev.template.findResources('AWS::CloudWatch::Alarm'));
    const onQueue = alarms.filter((a) => JSON.stringify(a.Properties.Dimensions ?? []).includes(queue));
    expect(onQueue.map((a) => [a.Properties.MetricName, a.Properties.Threshold])).toEqual([['ApproximateNumberOfMessagesVisible', 1]]);
  });

  test("the outbox consumer's table access: outbox items, the retry job's markers, and in a station's partition only reads and Updates (never a Put or Delete)", () => {
    const consumer = functionId(`Village station worker: ${workers.outbox}`);
    const role = dev.template.findResources('AWS::Lambda::Function')[consumer]!.Properties.Role['Fn::GetAtt'][0];
    const statements = Object.values(dev.template.findResources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Condition?: Record<string, Record<string, string[]>> }[])
      .filter((st) => [st.Action].flat().some((a) => a.startsWith('dynamodb:') && !/Stream|Shard|GetRecords/.test(a)));
    const by = Object.fromEntries(
      statements.map((st) => [st.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys']!.join(' '), [st.Action].flat().sort()]),
    );
    expect(by).toEqual({
      [`${partitionPrefixes.outbox}*`]: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      [`${partitionPrefixes.station}*`]: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
      [`${partitionPrefixes.pendingMessages}*`]: ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      // A parcel's message to a phone nobody registered goes to the number on the parcel.
      [`${partitionPrefixes.parcel}*`]: ['dynamodb:GetItem'],
      // A sign-in code goes to the user's phone as it is when sent.
      [`${partitionPrefixes.user}*`]: ['dynamodb:GetItem'],
    });
  });

  test('one registry of jobs makes both the schedules in AWS and the local timers', () => {
    const schedules = Object.values(dev.template.findResources('AWS::Scheduler::Schedule')).map((s) => JSON.parse(s.Properties.Target.Input).job as string);
    expect(schedules.sort()).toEqual([...jobNames].sort());
    expect(
      localTimers()
        .map((t) => t.job)
        .sort(),
    ).toEqual([...jobNames].sort());
    for (const name of jobNames) {
      const job: Job = jobs[name];
      const schedule = Object.values(dev.template.findResources('AWS::Scheduler::Schedule')).find((s) => JSON.parse(s.Properties.Target.Input).job === name)!;
      const fnDescription = job.fn in workers ? `Village station worker: ${workers[job.fn as keyof typeof workers]}` : `Village station API: ${job.fn}`;
      expect(schedule.Properties.Target.Arn).toEqual({ 'Fn::GetAtt': [functionId(fnDescription), 'Arn'] });
      expect(schedule.Properties.Description).toBe(job.description);
      const timer = localTimers().find((t) => t.job === name)!;
      if ('everyMinutes' in job.schedule)
        expect(schedule.Properties.ScheduleExpression).toBe(`rate(${job.schedule.everyMinutes} minute${job.schedule.everyMinutes === 1 ? '' : 's'})`);
      else expect(schedule.Properties.ScheduleExpression).toBe(`cron(${job.schedule.dailyAt.minute} ${job.schedule.dailyAt.hour} * * ? *)`);
      // Locally a job runs as often as it says it should there, else on its schedule.
      if (job.localEverySeconds !== undefined) expect(timer).toEqual({ job: name, everyMs: job.localEverySeconds * 1000 });
      else if ('dailyAt' in job.schedule) expect(timer).toEqual({ job: name, dailyAt: job.schedule.dailyAt });
      else expect(timer).toEqual({ job: name, everyMs: job.schedule.everyMinutes * 60_000 });
    }
  });

  test('with -c schedules=rules (a region without EventBridge Scheduler), the same jobs are EventBridge rules, in UTC', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-'));
    const { app, stack } = createApp(new App({ outdir, context: { stage: 'dev', schedules: 'rules' } }));
    app.synth();
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::Scheduler::Schedule'))).toEqual([]);
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules.map((r) => JSON.parse(r.Properties.Targets[0].Input).job).sort()).toEqual([...jobNames].sort());
    expect(rules.map((r) => r.Properties.ScheduleExpression).sort()).toEqual([
      // remind-tabs at 09:00 and the audit at 02:30 in Shanghai
      'cron(0 1 * * ? *)',
      'cron(30 18 * * ? *)',
      'rate(1 minute)',
      'rate(15 minutes)',
      'rate(5 minutes)',
    ]);
  });
});

describe('monitoring', () => {
  test('the ledger audit runs nightly by EventBridge Scheduler, and may only Query', () => {
    const audit = Object.entries(dev.template.findResources('AWS::Lambda::Function')).find(
      ([, r]) => r.Properties.Description === `Village station worker: ${workers.audit}`,
    );
    expect(audit).toBeDefined();
    dev.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 2 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [audit![0], 'Arn'] } }),
    });
    const role = audit![1].Properties.Role['Fn::GetAtt'][0];
    const statements = Object.values(dev.template.findResources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: { Action: string | string[] }) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(statements.flatMap((s: { Action: string | string[] }) => [s.Action].flat())).toEqual(['dynamodb:Query', 'dynamodb:Query']);
  });

  test('a discrepancy, 5xx answers, function errors and throttles, and table throttling each raise an alarm to one encrypted topic', () => {
    dev.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message.event = "ledger-discrepancy" }',
      MetricTransformations: [Match.objectLike({ MetricName: 'LedgerDiscrepancies' })],
    });
    dev.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const topic = Object.keys(dev.template.findResources('AWS::SNS::Topic'))[0]!;
    const alarms = Object.values(dev.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.every((a) => JSON.stringify(a.Properties.AlarmActions) === JSON.stringify([{ Ref: topic }]))).toBe(true);
    const names = alarms.map((a) => a.Properties.MetricName ?? 'expression');
    expect(names).toEqual(expect.arrayContaining(['LedgerDiscrepancies', '5xx', 'Errors', 'Throttles', 'expression']));
    // Errors and throttles of every function, the API's and the workers'.
    expect(names.filter((n) => n === 'Throttles')).toHaveLength(functionNames.length + Object.keys(workers).length);
  });
});
