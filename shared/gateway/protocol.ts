import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The bill gateway's wire protocol (docs/bill-gateway.md): what the adapter
 * (bill-gateway.ts) sends and the local stand-in (scripts/local/bill-gateway.ts)
 * answers. Both sign and check with the functions here, so they cannot drift.
 */

/** GET /accounts/{billerCode}/{accountNo} → 200 */
export interface AccountAnswer {
  billerCode: string;
  accountNo: string;
  /** Masked by the gateway (王*明). */
  holderName: string;
  dueFen: number;
}

/** POST /payments: applied at most once per reference. */
export interface PayRequest {
  reference: string;
  billerCode: string;
  accountNo: string;
  amountFen: number;
  /** ISO instant: the gateway refuses the payment if it arrives later than this. */
  notAfter: string;
}

/** Why the gateway refused a payment (a definite answer: it was not applied, and never will be under that reference). */
export const refusalReasons = ['unknown-biller', 'unknown-account', 'wrong-amount', 'nothing-due', 'expired'] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** The gateway's record of a payment (POST /payments and GET /payments/{reference} → 200). */
export type PaymentRecord =
  { reference: string; status: 'PAID'; receiptNo: string; paidAt: string } | { reference: string; status: 'REFUSED'; reason: RefusalReason };

/** The body of every 4xx/5xx answer. */
export interface GatewayProblem {
  code: string;
  message: string;
}

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
