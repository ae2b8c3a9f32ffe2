import { Stack, Token } from 'aws-cdk-lib';
import { Architecture, ParamsAndSecretsVersions } from 'aws-cdk-lib/aws-lambda';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { IConstruct } from 'constructs';

/** The Parameters and Secrets extension's version every function that reads a gateway's settings uses. */
export const extensionVersion = ParamsAndSecretsVersions.V1_0_103;

/**
 * The functions' processor: arm64, except where AWS publishes the Parameters
 * and Secrets extension for x86 only (the China regions, as CDK's own table
 * says): there x86_64, with China's own x86 layer (ENGINEERING: AWS China).
 * `-c architecture=arm64` (with `-c paramsAndSecretsLayerArn=…`) overrides it.
 */
export function lambdaArchitecture(scope: IConstruct): Architecture {
  const stack = Stack.of(scope);
  const asked = stack.node.tryGetContext('architecture') as string | undefined;
  if (asked === 'arm64') return Architecture.ARM_64;
  if (asked === 'x86_64') return Architecture.X86_64;
  const region = stack.region;
  if (Token.isUnresolved(region)) return Architecture.ARM_64;
  const info = RegionInfo.get(region);
  return !info.paramsAndSecretsLambdaLayerArn(extensionVersion, 'arm64') && info.paramsAndSecretsLambdaLayerArn(extensionVersion, 'x86_64')
    ? Architecture.X86_64
    : Architecture.ARM_64;
}
