import { expect, test } from 'vitest';
import { maxClockSkewMs, sign, signedHeaders, verify } from '#gateway/signing.ts';

const secret = 'a-secret-of-sixteen-or-more';
const now = 1_800_000_000_000;
const request = (over: Partial<Parameters<typeof verify>[1]> = {}) => {
  const h = signedHeaders(secret, 'POST', '/payments', '{"reference":"VS1"}', now);
  return { method: 'POST', path: '/payments', body: '{"reference":"VS1"}', timestamp: h['x-gateway-timestamp'], signature: h['x-gateway-signature'], ...over };
};

test('a signed request verifies', () => {
  expect(verify(secret, request(), now)).toEqual({ ok: true });
  expect(sign(secret, String(now), 'POST', '/payments', '{"reference":"VS1"}')).toMatch(/^v1=[0-9a-f]{64}$/);
});

test('any change to the method, path, body or timestamp, or another secret, breaks the signature', () => {
  expect(verify(secret, request({ body: '{"reference":"VS2"}' }), now)).toEqual({ ok: false, code: 'bad-signature' });
  expect(verify(secret, request({ path: '/payments/VS1' }), now)).toEqual({ ok: false, code: 'bad-signature' });
  expect(verify(secret, request({ method: 'GET' }), now)).toEqual({ ok: false, code: 'bad-signature' });
  expect(verify(secret, request({ timestamp: String(now + 1) }), now)).toEqual({ ok: false, code: 'bad-signature' });
  expect(verify('another-secret-entirely', request(), now)).toEqual({ ok: false, code: 'bad-signature' });
});

test('unsigned or stale requests are refused', () => {
  expect(verify(secret, request({ signature: undefined }), now)).toEqual({ ok: false, code: 'unsigned' });
  expect(verify(secret, request(), now + maxClockSkewMs + 1)).toEqual({ ok: false, code: 'stale-request' });
  expect(verify(secret, request({ timestamp: 'yesterday' }), now)).toEqual({ ok: false, code: 'stale-request' });
});
