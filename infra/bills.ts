import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ParamsAndSecretsLayerVersion, ParamsAndSecretsLogLevel, ParamsAndSecretsVersions, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput, type IScheduleTarget } from 'aws-cdk-lib/aws-scheduler';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { reconcileEvent, reconcileEveryMinutes } from '#functions/bills/schedule.ts';
import type { ApiFunctionProps } from './api-function.ts';

export interface BillsProps {
  stage: string;
  /** The gateway's base URL (context `billGatewayUrl`); ops can change the parameter later without a deploy. */
  gatewayUrl: string;
}

/**
 * What the bills function needs beyond the table (docs/bill-gateway.md "In AWS"):
 * the gateway's URL in an SSM parameter and the signing secret in Secrets
 * Manager, read through the Parameters and Secrets extension; and EventBridge
 * Scheduler invoking it every 5 minutes to reconcile pending payments. (The
 * stand-in gateway exists only locally.)
 */
export class Bills extends Construct {
  readonly urlParameter: StringParameter;
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: BillsProps) {
    super(scope, id);
    const prod = props.stage === 'prod';
    this.urlParameter = new StringParameter(this, 'GatewayUrl', {
      parameterName: `/village-station/${props.stage}/bill-gateway/url`,
      stringValue: props.gatewayUrl,
      description: 'Base URL of the bill gateway (aggregator) that pays phone, power and water bills',
    });
    this.secret = new Secret(this, 'GatewaySecret', {
      description: 'Shared secret that signs every request to the bill gateway (HMAC-SHA256); set it to the value agreed with the gateway',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The signing secret is shared with the bill gateway operator, who must install the same value: it is rotated by hand with them (docs/bill-gateway.md), not by a rotation Lambda.',
    });
  }

  /** The bills function's settings: where to read the gateway's, the extension that reads them, time for the reconciler's runs. */
  functionProps(): Pick<ApiFunctionProps, 'environment' | 'timeout' | 'paramsAndSecrets'> {
    return {
      environment: {
        BILL_GATEWAY_URL_PARAMETER: this.urlParameter.parameterName,
        BILL_GATEWAY_SECRET_ID: this.secret.secretArn,
        BILL_GATEWAY_TIMEOUT_MS: '3000',
      },
      // The API still answers within API Gateway's 30 s; the reconciler stops starting payments after 45 s.
      timeout: Duration.seconds(60),
      paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
        cacheEnabled: true,
        cacheSize: 10,
        logLevel: ParamsAndSecretsLogLevel.WARN,
      }),
    };
  }

  /** Read access to exactly this parameter and secret, and the schedule. */
  attach(fn: IFunction): void {
    this.urlParameter.grantRead(fn);
    this.secret.grantRead(fn);
    new Schedule(this, 'Reconciler', {
      description: 'Settles pending bill payments with the gateway (SPEC §3 Bills)',
      schedule: ScheduleExpression.rate(Duration.minutes(reconcileEveryMinutes)),
      target: this.invoke(fn),
    });
  }

  /**
   * The schedule's target: the function itself, with a role that may invoke
   * exactly it (CDK's LambdaInvoke also grants every version, `<arn>:*`).
   */
  private invoke(fn: IFunction): IScheduleTarget {
    const account = Stack.of(this).account;
    const role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': account } } }),
      description: 'EventBridge Scheduler invokes the bills function to reconcile pending payments',
    });
    role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
    // The next run comes in 5 minutes: a missed one is not retried.
    return {
      bind: () => ({
        arn: fn.functionArn,
        role,
        input: ScheduleTargetInput.fromObject(reconcileEvent),
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 240 },
      }),
    };
  }
}
