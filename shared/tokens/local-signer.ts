import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { TokenSigner } from './signer.ts';

/**
 * The signing key on this machine: an ES256 (P-256) key, random per process
 * unless `npm start` hands it the one kept in its data folder (localKeyFor), so
 * the pages stay signed in across restarts while nobody can mint tokens from a
 * key written in the source. Never deployed: in AWS the key is in KMS.
 */
interface LocalKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

const keyFile = 'local-signing-key.json';

function newKey(): JWK {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ format: 'jwk' }) as JWK;
}

function split(privateJwk: JWK): LocalKey {
  const { d: _d, ...rest } = privateJwk;
  return { privateJwk, publicJwk: { kty: rest.kty, crv: rest.crv, x: rest.x, y: rest.y } };
}

let current: LocalKey | undefined;
const key = (): LocalKey => (current ??= split(newKey()));

/** Signs with this key from now on (a private JWK, EC P-256). */
export function useLocalKey(privateJwk: JWK): void {
  current = split(privateJwk);
}

/** The data folder's own key: read from it, or made (readable by its owner only) on first use. */
export function localKeyFor(dataDir: string): JWK {
  const file = join(dataDir, keyFile);
  if (existsSync(file)) {
    try {
      const kept = JSON.parse(readFileSync(file, 'utf8')) as JWK;
      if (kept.kty === 'EC' && kept.crv === 'P-256' && typeof kept.d === 'string') return kept;
    } catch {
      // unreadable: made again below
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const made = newKey();
  writeFileSync(file, JSON.stringify(made), { mode: 0o600 });
  chmodSync(file, 0o600);
  return made;
}

export const localSigner: TokenSigner = {
  kid: () => calculateJwkThumbprint(key().publicJwk),
  async publicJwk() {
    const { publicJwk } = key();
    return { ...publicJwk, kid: await calculateJwkThumbprint(publicJwk), alg: 'ES256', use: 'sig' };
  },
  async sign(claims: JWTPayload) {
    const { privateJwk, publicJwk } = key();
    const privateKey = await importJWK(privateJwk, 'ES256');
    return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: await calculateJwkThumbprint(publicJwk) }).sign(privateKey);
  },
};
