import type { IdempotencyContext } from '#http/route.ts';
import { derivedId } from '#shared/derived-ids.ts';

/**
 * A bill payment's id, derived from who asked and their Idempotency-Key: every
 * attempt of one request names the same payment, so however often it is
 * retried or resumed it can make only one payment and one gateway reference.
 */
export const billPaymentIdOf = (idem: Pick<IdempotencyContext, 'scope' | 'key'>): string => derivedId('billPayment', 'bill-payment', idem.scope, idem.key);
