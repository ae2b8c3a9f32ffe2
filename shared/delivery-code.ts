import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The villager's six-digit delivery code (SPEC §3 Order lifecycle). Only its
 * salted SHA-256 is stored; the code itself exists in the answer that prints
 * the receipt. Six digits are a million tries offline, so the hash is not
 * what protects a parcel: the lock after five wrong tries is, and the hash
 * never leaves the server (order reads strip it). It keeps the code out of
 * reads, lists, backups and exports of the table. No secret pepper: the
 * functions' configuration holds no secret today (docs/architecture.md).
 */
const scheme = 's256';

export const newDeliveryCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

const digest = (salt: Buffer, code: string) => createHash('sha256').update(salt).update(code, 'utf8').digest();

/** `s256$<salt>$<digest>`, base64url; a fresh 16-byte salt per code. */
export function hashDeliveryCode(code: string): string {
  const salt = randomBytes(16);
  return `${scheme}$${salt.toString('base64url')}$${digest(salt, code).toString('base64url')}`;
}

export function deliveryCodeMatches(stored: string, code: string): boolean {
  const [kind, salt, expected] = stored.split('$');
  if (kind !== scheme || !salt || !expected) return false;
  const want = Buffer.from(expected, 'base64url');
  const got = digest(Buffer.from(salt, 'base64url'), code);
  return want.length === got.length && timingSafeEqual(want, got);
}
