import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, test } from 'vitest';
import { routeTable } from '#functions/routes.ts';
import { createApp } from '#infra/app.ts';
import { functionNames, routeKey } from '#http/route.ts';
import { tableDesign } from '#shared/table.ts';

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
