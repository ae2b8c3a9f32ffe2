import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, LoggingFormat, type ParamsAndSecretsLayerVersion, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { catalogueEntries, messagesFile } from '#shared/i18n/messages.ts';
import { timeouts } from '#shared/timeouts.ts';
import { about, workers, type FunctionName } from '#functions/registry.ts';
import { leadingKeys, type TableGrant } from './table-grants.ts';
import { lambdaArchitecture } from './architecture.ts';

/** Where the bundles' credential provider comes from (a path from the project root, where esbuild runs). */
export const lambdaCredentials = 'shared/store/lambda-credentials.ts';

/** The esbuild settings of every function; the benchmark measures the bundles these produce. */
export const bundling = {
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  sourceMap: false,
  bundleAwsSDK: true,
  mainFields: ['module', 'main'],
  // The message catalogue left out of the bundle and read from the file beside it on first use (shared/i18n/messages.ts).
  define: { 'globalThis.__messagesBesideBundle': 'true' },
  // ASCII, as the floor: the little non-ASCII text left in the code (the catalogue is beside it) as \u escapes, so
  // that V8 reads the whole bundle as one-byte text (bench/README.md, Cold start).
  // Passed as an argument: NodejsFunction does not hand its `charset` option to esbuild.
  // The SDK's credential chain cut down to what Lambda uses, its environment (shared/store/lambda-credentials.ts).
  esbuildArgs: {
    '--charset': 'ascii' as const,
    '--alias': `@aws-sdk/credential-provider-node=./${lambdaCredentials}`,
  },
  // ESM bundles of CommonJS dependencies still call require(); give them one.
  banner: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);",
};

export interface ApiFunctionProps {
  /** The folder under functions/ whose index.ts is the handler: an API context, or a worker (functions/registry.ts). */
  fn: FunctionName;
  table: ITable;
  /** What it may do to the table, and on which keys (infra/table-grants.ts). */
  grant: TableGrant;
  stage: string;
  logRetention: RetentionDays;
  /** Concurrency reserved for it (and its ceiling); none by default. */
  reservedConcurrency?: number | undefined;
  /**
   * Packages left out of the bundle and shipped beside it (each bundled into
   * one file under node_modules/), for code that imports them on first use
   * only: they cost the cold start nothing (pinyin-pro, needed only to write
   * a product, never to search).
   */
  sideModules?: readonly string[];
  /**
   * Files written beside the bundle at synth (name → content), for what the
   * function would otherwise build on its first request from code it carries
   * (the platform's OpenAPI document).
   */
  besideBundle?: Record<string, string>;
  /** More environment (the bills function: where its gateway settings live). */
  environment?: Record<string, string>;
  /** `timeouts.functionSeconds` unless given (the bills function also runs the scheduled reconciler). */
  timeout?: Duration;
  /** The AWS Parameters and Secrets Lambda Extension, for a function that reads SSM parameters or secrets. */
  paramsAndSecrets?: ParamsAndSecretsLayerVersion;
}

/** The shell commands that bundle each side module into `node_modules/<name>/index.mjs` of the function's asset. */
export function sideModuleCommands(inputDir: string, outputDir: string, modules: readonly string[]): string[] {
  return modules.flatMap((name) => {
    const dir = `${outputDir}/node_modules/${name}`;
    const manifest = JSON.stringify({ name, type: 'module', exports: './index.mjs' });
    return [
      `mkdir -p "${dir}"`,
      `"${inputDir}/node_modules/.bin/esbuild" "${name}" --bundle --minify --format=esm --platform=node --target=${bundling.target} --outfile="${dir}/index.mjs" --log-level=error`,
      `echo '${manifest}' > "${dir}/package.json"`,
    ];
  });
}

/** The shell commands that copy each file to ship beside the bundle, written first to a folder of the synth's own. */
export function besideBundleCommands(outputDir: string, files: Record<string, string>): string[] {
  const entries = Object.entries(files);
  if (!entries.length) return [];
  const dir = mkdtempSync(join(tmpdir(), 'beside-bundle-'));
  return entries.map(([name, content]) => {
    writeFileSync(join(dir, name), content);
    return `cp "${join(dir, name)}" "${outputDir}/${name}"`;
  });
}

/** The message catalogue as every function reads it beside its bundle (shared/i18n/messages.ts), made once a synth. */
let catalogueJson: string | undefined;
const messagesBeside = () => ({ [messagesFile]: (catalogueJson ??= JSON.stringify(Object.fromEntries(catalogueEntries()))) });

/** One Lambda function per bounded context, with every default in one place. */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const logGroup = (this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    }));
    // A role of its own with inline least-privilege policies (no AWS managed policy).
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      // The log group's ARN ends in ":*", which covers its streams and nothing else.
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    // The table, only on items whose partition key starts with a prefix this context owns (shared/store/keys.ts).
    const { grant } = props;
    if (grant.actions.length > 0) {
      role.addToPolicy(
        new PolicyStatement({
          actions: [...grant.actions],
          resources: [props.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeys(grant.table) } },
        }),
      );
    }
    for (const narrow of grant.also ?? []) {
      role.addToPolicy(
        new PolicyStatement({
          actions: [...narrow.actions],
          resources: [props.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeys(narrow.table) } },
        }),
      );
    }
    // Its indexes: Query only, and for a Query on an index LeadingKeys is the index's partition key.
    if (grant.indexNames.length > 0) {
      role.addToPolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: grant.indexNames.map((index) => `${props.table.tableArn}/index/${index}`),
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeys(grant.indexes) } },
        }),
      );
    }
    this.function = new NodejsFunction(this, 'Function', {
      entry: `functions/${props.fn}/index.ts`,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: lambdaArchitecture(this),
      memorySize: 1024,
      // Longer than the request's own deadline (shared/timeouts.ts): the handler answers 504 first, never the platform.
      timeout: props.timeout ?? Duration.seconds(timeouts.functionSeconds),
      ...(props.paramsAndSecrets ? { paramsAndSecrets: props.paramsAndSecrets } : {}),
      role,
      logGroup,
      // Structured JSON lines from the runtime itself (shared/logger.ts), filtered by level before they are written.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: props.stage === 'prod' ? ApplicationLogLevel.INFO : ApplicationLogLevel.DEBUG,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        TABLE_NAME: props.table.tableName,
        STAGE: props.stage,
        ...props.environment,
      },
      bundling: {
        ...bundling,
        ...(props.sideModules?.length ? { externalModules: [...props.sideModules] } : {}),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            ...sideModuleCommands(inputDir, outputDir, props.sideModules ?? []),
            ...besideBundleCommands(outputDir, { ...messagesBeside(), ...props.besideBundle }),
          ],
        },
      },
      description: props.fn in workers ? `Village station worker: ${about(props.fn)}` : `Village station API: ${props.fn}`,
      ...(props.reservedConcurrency ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
    });
  }
}
