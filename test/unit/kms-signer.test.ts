import { generateKeyPairSync, sign, verify } from 'node:crypto';
import fc from 'fast-check';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { expect, test } from 'vitest';
import { derToRaw, kmsSigner, type KmsCall } from '#shared/tokens/kms-signer.ts';
import { accessClaims } from '#shared/tokens/claims.ts';
import { audience, issuer } from '#shared/tokens/signer.ts';

/** A stand-in for KMS: Sign answers a DER signature over the digest, as KMS does for ECDSA_SHA_256; GetPublicKey the SPKI DER. */
function fakeKms(): { call: KmsCall; calls: string[] } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const calls: string[] = [];
  const call: KmsCall = async (action, body) => {
    calls.push(action);
    if (action === 'GetPublicKey') return { KeyId: body.KeyId, PublicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
    expect(body).toMatchObject({ MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' });
    const der = sign('sha256', Buffer.from(String(body.Message), 'base64'), { key: privateKey, dsaEncoding: 'der' });
    return { Signature: der.toString('base64') };
  };
  return { call, calls };
}

test('DER to raw r‖s: short integers padded, a leading zero byte dropped', () => {
  const der = Uint8Array.from([0x30, 0x08, 0x02, 0x02, 0x00, 0x81, 0x02, 0x02, 0x01, 0x02]);
  const raw = derToRaw(der, 4);
  expect([...raw]).toEqual([0, 0, 0, 0x81, 0, 0, 1, 2]);
  expect(() => derToRaw(Uint8Array.from([0x31, 0x00]))).toThrow();
});

test('every DER signature converts to a raw r‖s that verifies as ES256 (IEEE P1363)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (data) => {
      const der = sign('sha256', data, { key: privateKey, dsaEncoding: 'der' });
      const raw = derToRaw(der);
      expect(raw.length).toBe(64);
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }),
    { numRuns: 50 },
  );
});

test('a token signed through KMS verifies with jose against the key KMS publishes', async () => {
  const kms = fakeKms();
  const signer = kmsSigner('alias/tokens', kms.call);
  const token = await signer.sign(accessClaims({ sub: 'u-1', role: 'partner', stationId: 'st_1', sid: 'ses_1' }, new Date()));
  const jwk = await signer.publicJwk();
  expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet({ keys: [jwk] }), { issuer: issuer(), audience, algorithms: ['ES256'] });
  expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: jwk.kid });
  expect(payload).toMatchObject({ sub: 'u-1', role: 'partner', stationId: 'st_1' });
  // The public key is asked for once.
  await signer.sign(accessClaims({ sub: 'u-2', role: 'ops' }, new Date()));
  expect(kms.calls.filter((c) => c === 'GetPublicKey')).toHaveLength(1);
});
