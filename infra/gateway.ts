import { RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Architecture, ParamsAndSecretsLayerVersion, ParamsAndSecretsLogLevel, type IFunction, type ParamsAndSecretsOptions } from 'aws-cdk-lib/aws-lambda';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { ApiFunctionProps } from './api-function.ts';
import { extensionVersion, lambdaArchitecture } from './architecture.ts';

export interface GatewayProps {
  /** Which: its settings are `<NAME>_GATEWAY_…` in the functions' environment (shared/gateway/settings.ts). */
  name: 'BILL' | 'SMS';
  /** What it is, for the parameter's and the secret's descriptions. */
  what: string;
  stage: string;
  /** The gateway's base URL (context `billGatewayUrl`, `smsGatewayUrl`); ops can change the parameter later without a deploy. */
  gatewayUrl: string;
  /**
   * The extension's layer ARN (context `paramsAndSecretsLayerArn`), for a region
   * whose layer this CDK version does not know (the China regions): AWS lists
   * the ARN for each region in the Lambda and Secrets Manager guides.
   */
  paramsAndSecretsLayerArn?: string | undefined;
}

/**
 * What a function needs to talk to a gateway of another system (the bill
 * gateway: docs/bill-gateway.md "In AWS"; the SMS gateway: docs/sms-gateway.md
 * "In AWS"): its URL in an SSM parameter and the shared signing secret in
 * Secrets Manager, read through the Parameters and Secrets extension, so the
 * function bundles no SSM or Secrets Manager client. (The stand-in gateways
 * exist only locally.)
 */
export class Gateway extends Construct {
  readonly urlParameter: StringParameter;
  readonly secret: Secret;

  private readonly layerArn: string | undefined;
  private readonly name: GatewayProps['name'];

  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    this.layerArn = props.paramsAndSecretsLayerArn;
    this.name = props.name;
    const prod = props.stage === 'prod';
    this.urlParameter = new StringParameter(this, 'GatewayUrl', {
      parameterName: `/village-station/${props.stage}/${props.name.toLowerCase()}-gateway/url`,
      stringValue: props.gatewayUrl,
      description: `Base URL of ${props.what}`,
    });
    this.secret = new Secret(this, 'GatewaySecret', {
      description: `Shared secret that signs what goes between the system and ${props.what} (HMAC-SHA256); set it to the value agreed with the gateway`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "The signing secret is shared with the gateway's operator, who must install the same value: it is rotated by hand with them (docs/bill-gateway.md), not by a rotation Lambda.",
    });
  }

  /** A function's settings to reach the gateway: where to read its URL and secret, and the extension that reads them. */
  functionProps(): Pick<ApiFunctionProps, 'environment' | 'paramsAndSecrets'> {
    const p = `${this.name}_GATEWAY_`;
    return {
      environment: { [`${p}URL_PARAMETER`]: this.urlParameter.parameterName, [`${p}SECRET_ID`]: this.secret.secretArn, [`${p}TIMEOUT_MS`]: '3000' },
      paramsAndSecrets: this.extension({ cacheEnabled: true, cacheSize: 10, logLevel: ParamsAndSecretsLogLevel.WARN }),
    };
  }

  /** The extension's layer: CDK's for the region, or the ARN given; a region CDK does not know fails the synth saying what to pass. */
  private extension(options: ParamsAndSecretsOptions): ParamsAndSecretsLayerVersion {
    if (this.layerArn) return ParamsAndSecretsLayerVersion.fromVersionArn(this.layerArn, options);
    const region = Stack.of(this).region;
    if (Token.isUnresolved(region)) return ParamsAndSecretsLayerVersion.fromVersion(extensionVersion, options);
    const arch = lambdaArchitecture(this) === Architecture.X86_64 ? 'x86_64' : 'arm64';
    // China's own layer, from CDK's table (x86 only there: the functions run on x86_64 in those regions).
    const known = RegionInfo.get(region).paramsAndSecretsLambdaLayerArn(extensionVersion, arch);
    if (known) return ParamsAndSecretsLayerVersion.fromVersionArn(known, options);
    throw new Error(
      `This CDK version does not know the AWS Parameters and Secrets Lambda Extension's layer in ${region}: deploy with -c paramsAndSecretsLayerArn=<its ${arch} layer ARN in ${region}> (docs/bill-gateway.md "In AWS").`,
    );
  }

  /** Read access to exactly this parameter and secret. */
  attach(fn: IFunction): void {
    this.urlParameter.grantRead(fn);
    this.secret.grantRead(fn);
  }
}
