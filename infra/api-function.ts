import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, type ParamsAndSecretsLayerVersion, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { tableDesign } from '#shared/table.ts';
import type { FunctionName } from '#http/route.ts';

/** What each bounded context may do to the table: exactly the actions its code calls. */
export type TableAccess = 'none' | 'catalogue' | 'commands' | 'bills';

const actions: Record<TableAccess, string[]> = {
  none: [],
  catalogue: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
  commands: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  // A settled payment's marker for the reconciler is deleted in the settling transaction.
  bills: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/** The esbuild settings of every function; the benchmark measures the bundles these produce. */
export const bundling = {
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  sourceMap: false,
  bundleAwsSDK: true,
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies still call require(); give them one.
  banner: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);",
};

export interface ApiFunctionProps {
  fn: FunctionName;
  table: ITable;
  tableAccess: TableAccess;
  stage: string;
  logRetention: RetentionDays;
  /** More environment (the bills function: where its gateway settings live). */
  environment?: Record<string, string>;
  /** 10 s unless given (the bills function also runs the scheduled reconciler). */
  timeout?: Duration;
  /** The AWS Parameters and Secrets Lambda Extension, for a function that reads SSM parameters or secrets. */
  paramsAndSecrets?: ParamsAndSecretsLayerVersion;
}

/** One Lambda function per bounded context, with every default in one place. */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // A role of its own with inline least-privilege policies (no AWS managed policy).
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      // The log group's ARN ends in ":*", which covers its streams and nothing else.
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    if (props.tableAccess !== 'none') {
      role.addToPolicy(
        new PolicyStatement({
          actions: actions[props.tableAccess],
          resources: [props.table.tableArn, ...Object.keys(tableDesign.indexes).map((index) => `${props.table.tableArn}/index/${index}`)],
        }),
      );
    }
    this.function = new NodejsFunction(this, 'Function', {
      entry: `functions/${props.fn}/index.ts`,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      timeout: props.timeout ?? Duration.seconds(10),
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
      bundling,
      description: `Village station API: ${props.fn}`,
    });
  }
}
