import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildWebSync } from '../scripts/build-web.ts';
import { StationStack } from './station-stack.ts';

/** `npx cdk synth|deploy [-c stage=prod]`: one stack per stage, checked by cdk-nag's AwsSolutions pack. */
export function createApp(app = new App()) {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{1,20}$/.test(stage)) throw new Error(`stage "${stage}": use lower-case letters, digits and "-"`);
  // The pages, built for this synth alone (CDK copies them into its assembly by content).
  const webDir = buildWebSync(mkdtempSync(join(tmpdir(), 'web-')));
  const stack = new StationStack(app, `VillageStation-${stage}`, {
    stage,
    webDir,
    // `-c region=cn-northwest-1` (or cn-north-1): AWS China, whose partition (aws-cn) every ARN is built from.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: (app.node.tryGetContext('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION },
    description: `Village station backend (${stage})`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
