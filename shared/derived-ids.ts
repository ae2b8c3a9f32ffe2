import { createHash } from 'node:crypto';
import { idPrefixes, type IdKind } from './ids.ts';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * An id made from what names a thing rather than drawn at random: every
 * attempt that names the same thing (a retried request, a redelivered outbox
 * item) makes the same id, so a conditional write of it happens once. It has
 * the form of any other id of its kind (`<prefix>_` and 26 characters).
 */
export function derivedId(kind: IdKind, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\n')).digest();
  let n = BigInt(`0x${digest.subarray(0, 17).toString('hex')}`);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = crockford[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return `${idPrefixes[kind]}_${out}`;
}
