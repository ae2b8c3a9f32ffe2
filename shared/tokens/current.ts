import { kmsOverHttps, kmsSigner } from './kms-signer.ts';
import { localSigner } from './local-signer.ts';
import type { TokenSigner } from './signer.ts';

let signer: TokenSigner | undefined;

/**
 * The signer of this environment: the KMS key named by TOKEN_KEY_ID in AWS
 * (its endpoint from the partition, TOKEN_KEY_ENDPOINT, set by CDK), else
 * this machine's key (shared/tokens/local-signer.ts).
 */
export function tokenSigner(env: NodeJS.ProcessEnv = process.env): TokenSigner {
  if (signer) return signer;
  const keyId = env.TOKEN_KEY_ID;
  if (!keyId) return (signer = localSigner);
  const region = env.AWS_REGION ?? 'cn-north-1';
  const endpoint = env.TOKEN_KEY_ENDPOINT ?? `https://kms.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
  return (signer = kmsSigner(keyId, kmsOverHttps(region, endpoint)));
}
