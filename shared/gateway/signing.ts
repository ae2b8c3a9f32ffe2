import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How the system and its gateways sign what they send each other (the bill
 * gateway's requests; the SMS gateway's requests and the delivery receipts it
 * pushes back): an HMAC-SHA256 with the secret both hold, over the request and
 * a timestamp (docs/bill-gateway.md "Signing"). The adapters, the receipt route
 * and the local stand-ins all use these functions, so they cannot drift.
 */
export const headers = {
  timestamp: 'x-gateway-timestamp',
  signature: 'x-gateway-signature',
} as const;

/** A request older or newer than this (by the gateway's clock) is refused, so a captured one cannot be replayed later. */
export const maxClockSkewMs = 5 * 60_000;

const sha256 = (body: string) => createHash('sha256').update(body, 'utf8').digest('hex');

/** `v1=` HMAC-SHA256 over the version, the timestamp, the method, the path (with its query) and the body's hash. */
export function sign(secret: string, timestamp: string, method: string, path: string, body = ''): string {
  const text = ['v1', timestamp, method.toUpperCase(), path, sha256(body)].join('\n');
  return `v1=${createHmac('sha256', secret).update(text, 'utf8').digest('hex')}`;
}

export function signedHeaders(secret: string, method: string, path: string, body = '', now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  return { [headers.timestamp]: timestamp, [headers.signature]: sign(secret, timestamp, method, path, body) };
}

export type Verdict = { ok: true } | { ok: false; code: 'unsigned' | 'stale-request' | 'bad-signature' };

/** The gateway's check of a request: signed with the shared secret, recently. */
export function verify(
  secret: string,
  request: { method: string; path: string; body: string; timestamp?: string; signature?: string },
  now = Date.now(),
): Verdict {
  if (!request.timestamp || !request.signature) return { ok: false, code: 'unsigned' };
  const at = Number(request.timestamp);
  if (!Number.isSafeInteger(at) || Math.abs(now - at) > maxClockSkewMs) return { ok: false, code: 'stale-request' };
  const expected = Buffer.from(sign(secret, request.timestamp, request.method, request.path, request.body));
  const given = Buffer.from(request.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, code: 'bad-signature' };
}
