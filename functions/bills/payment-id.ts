import { createHash } from 'node:crypto';
import type { IdempotencyContext } from '#http/route.ts';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A bill payment's id, derived from who asked and their Idempotency-Key: every
 * attempt of one request names the same payment, so however often it is
 * retried or resumed it can make only one payment and one gateway reference.
 */
export function billPaymentIdOf(idem: Pick<IdempotencyContext, 'scope' | 'key'>): string {
  const digest = createHash('sha256').update(`bill-payment\n${idem.scope}\n${idem.key}`).digest();
  let n = BigInt(`0x${digest.subarray(0, 17).toString('hex')}`);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = crockford[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return `bp_${out}`;
}
