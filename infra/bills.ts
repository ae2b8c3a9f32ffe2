import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
  type IFunction,
  type ParamsAndSecretsOptions,
} from 'aws-cdk-lib/aws-lambda';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { ApiFunctionProps } from './api-function.ts';

export interface BillsProps {
  stage: string;
  /** The gateway's base URL (context `billGatewayUrl`); ops can change the parameter later without a deploy. */
  gatewayUrl: string;
  /**
   * The extension's layer ARN (context `paramsAndSecretsLayerArn`), for a region
   * whose layer this CDK version does not know (the China regions): AWS lists
   * the ARN for each region in the Lambda and Secrets Manager guides.
   */
  paramsAndSecretsLayerArn?: string | undefined;
}

/**
 * What the bills function needs beyond the table (docs/bill-gateway.md "In AWS"):
 * the gateway's URL in an SSM parameter and the signing secret in Secrets
 * Manager, read through the Parameters and Secrets extension. (The stand-in
 * gateway exists only locally.)
 */
export class Bills extends Construct {
  readonly urlParameter: StringParameter;
  readonly secret: Secret;

  private readonly layerArn: string | undefined;

  constructor(scope: Construct, id: string, props: BillsProps) {
    super(scope, id);
    this.layerArn = props.paramsAndSecretsLayerArn;
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
      paramsAndSecrets: this.extension({ cacheEnabled: true, cacheSize: 10, logLevel: ParamsAndSecretsLogLevel.WARN }),
    };
  }

  /** The extension's layer: CDK's for the region, or the ARN given; a region CDK does not know fails the synth saying what to pass. */
  private extension(options: ParamsAndSecretsOptions): ParamsAndSecretsLayerVersion {
    if (this.layerArn) return ParamsAndSecretsLayerVersion.fromVersionArn(this.layerArn, options);
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region) && !RegionInfo.get(region).paramsAndSecretsLambdaLayerArn(ParamsAndSecretsVersions.V1_0_103, 'arm64')) {
      throw new Error(
        `This CDK version does not know the AWS Parameters and Secrets Lambda Extension's layer in ${region}: deploy with -c paramsAndSecretsLayerArn=<its arm64 layer ARN in ${region}> (docs/bill-gateway.md "In AWS").`,
      );
    }
    return ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, options);
  }

  /** Read access to exactly this parameter and secret (its reconciler's schedule is a job: infra/jobs.ts). */
  attach(fn: IFunction): void {
    this.urlParameter.grantRead(fn);
    this.secret.grantRead(fn);
  }
}
