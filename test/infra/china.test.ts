import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '#infra/app.ts';

/**
 * Where the users are (README "Deploy to AWS China"): `-c region=cn-northwest-1`
 * or `cn-north-1` synthesises a stack for the aws-cn partition, cdk-nag clean
 * (app.synth throws on any unacknowledged finding), with no Cognito, every ARN
 * from the partition and the operator's domain and certificates as parameters.
 */
const synth = (region: string) => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-cn-'));
  const { app, stack } = createApp(new App({ outdir, context: { stage: 'prod', region } }));
  app.synth();
  return Template.fromStack(stack).toJSON() as {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    Parameters: Record<string, unknown>;
  };
};

const regions = ['cn-northwest-1', 'cn-north-1'] as const;
const templates: Partial<Record<(typeof regions)[number], ReturnType<typeof synth>>> = {};
beforeAll(() => {
  for (const region of regions) templates[region] = synth(region);
});

describe.each(regions)('%s', (region) => {
  const template = () => templates[region]!;

  test('no Cognito, no SNS SMS: nothing of a service AWS China lacks', () => {
    const types = new Set(Object.values(template().Resources).map((r) => r.Type));
    expect([...types].filter((t) => t.startsWith('AWS::Cognito::') || t === 'AWS::SNS::SMSSandboxPhoneNumber')).toEqual([]);
    expect(types.has('AWS::CloudFront::Function')).toBe(false);
    expect(types.has('AWS::CloudFront::OriginAccessControl')).toBe(false);
  });

  test('no ARN or service domain written for the global partition: every ARN from AWS::Partition', () => {
    const text = JSON.stringify(template().Resources);
    expect(text).not.toMatch(/arn:aws:/);
    expect(text).not.toMatch(/"arn:aws-cn:(?!lambda:cn-(north|northwest)-1:\d+:layer:AWS-Parameters-and-Secrets)/);
    // Service principals (lambda.amazonaws.com) are named alike in both partitions; no address may be the global one.
    expect(text).not.toMatch(/https?:\/\/[^"]*amazonaws\.com(?!\.cn)/);
    expect(text).toContain('{"Ref":"AWS::Partition"}');
  });

  test("China's own layer of the Parameters and Secrets extension, on x86_64 functions", () => {
    const functions = Object.values(template().Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && JSON.stringify(r.Properties?.Layers ?? []).includes('Parameters-and-Secrets'),
    );
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(JSON.stringify(fn.Properties!.Layers)).toMatch(new RegExp(`arn:aws-cn:lambda:${region}:\\d+:layer:AWS-Parameters-and-Secrets-Lambda-Extension:`));
      expect(fn.Properties!.Architectures).toEqual(['x86_64']);
    }
  });

  test("the operator's domains and IAM-uploaded certificates are parameters; tokens are the API's own (KMS-signed)", () => {
    expect(Object.keys(template().Parameters)).toEqual(expect.arrayContaining(['ApiDomainName', 'ApiCertificateArn', 'WebDomainName', 'WebIamCertificateId']));
    const types = Object.values(template().Resources).map((r) => r.Type);
    expect(types).toContain('AWS::KMS::Key');
    expect(types).toContain('AWS::ApiGatewayV2::Authorizer');
    expect(types).toContain('AWS::ApiGatewayV2::DomainName');
  });
});
