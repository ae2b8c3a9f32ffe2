import { createHash, createHmac, createPublicKey } from 'node:crypto';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { SignatureV4 } from '@smithy/signature-v4';
import { base64url, calculateJwkThumbprint, type JWK, type JWTPayload } from 'jose';
import type { TokenSigner } from './signer.ts';

/**
 * The signing key in AWS: an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY),
 * whose private half never leaves KMS. KMS `Sign` with ECDSA_SHA_256 answers a
 * DER signature; a JWS ES256 signature is the raw 64 bytes r‖s (RFC 7518 §3.4),
 * so it is converted (derToRaw). KMS is called over its JSON protocol, signed
 * with SigV4 with the function's own credentials (no KMS client in the bundle).
 */

/** A DER `SEQUENCE { INTEGER r, INTEGER s }` as r‖s, each left-padded to `size` bytes. */
export function derToRaw(der: Uint8Array, size = 32): Uint8Array {
  let at = 0;
  const byte = () => {
    if (at >= der.length) throw new Error('DER signature cut short');
    return der[at++]!;
  };
  const length = () => {
    const first = byte();
    if (first < 0x80) return first;
    let n = 0;
    for (let i = 0; i < (first & 0x7f); i++) n = (n << 8) | byte();
    return n;
  };
  if (byte() !== 0x30) throw new Error('DER signature is not a SEQUENCE');
  length();
  const out = new Uint8Array(size * 2);
  for (const half of [0, 1]) {
    if (byte() !== 0x02) throw new Error('DER signature part is not an INTEGER');
    const n = length();
    let value = der.subarray(at, at + n);
    at += n;
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    if (value.length > size) throw new Error('DER signature part too long');
    out.set(value, half * size + (size - value.length));
  }
  return out;
}

/** Calls one KMS action (its JSON protocol): what the function's role may do with the key. */
export type KmsCall = (action: 'Sign' | 'GetPublicKey', body: Record<string, unknown>) => Promise<Record<string, unknown>>;

const bytes = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {}
}

/** KMS over HTTPS with SigV4: `endpoint` is https://kms.<region>.<the partition's domain>. */
export function kmsOverHttps(region: string, endpoint: string, timeoutMs = 3_000): KmsCall {
  const signer = new SignatureV4({ service: 'kms', region, credentials: fromEnv(), sha256: Sha256 });
  const url = new URL(endpoint);
  return async (action, body) => {
    const text = JSON.stringify(body);
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${action}` },
      body: text,
    });
    const res = await fetch(url, { method: 'POST', headers: signed.headers, body: text, signal: AbortSignal.timeout(timeoutMs) });
    const answer = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`KMS ${action} failed: ${res.status} ${String(answer.__type ?? '')}`);
    return answer;
  };
}

export function kmsSigner(keyId: string, call: KmsCall): TokenSigner {
  let publicKey: Promise<JWK> | undefined;
  const jwk = () =>
    (publicKey ??= call('GetPublicKey', { KeyId: keyId }).then(async (answer) => {
      const der = Buffer.from(String(answer.PublicKey), 'base64');
      const { kty, crv, x, y } = createPublicKey({ key: der, format: 'der', type: 'spki' }).export({ format: 'jwk' }) as JWK;
      const bare = { kty, crv, x, y } as JWK;
      return { ...bare, kid: await calculateJwkThumbprint(bare), alg: 'ES256', use: 'sig' };
    })).catch((error: unknown) => {
      publicKey = undefined;
      throw error;
    });
  return {
    kid: async () => (await jwk()).kid!,
    publicJwk: jwk,
    async sign(claims: JWTPayload) {
      const header = { alg: 'ES256', typ: 'JWT', kid: (await jwk()).kid };
      const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}`;
      // RAW: KMS hashes the message (SHA-256) itself; a token is far below its 4 KB limit.
      const answer = await call('Sign', {
        KeyId: keyId,
        Message: Buffer.from(input).toString('base64'),
        MessageType: 'RAW',
        SigningAlgorithm: 'ECDSA_SHA_256',
      });
      const raw = derToRaw(Buffer.from(String(answer.Signature), 'base64'));
      return `${input}.${base64url.encode(raw)}`;
    },
  };
}
