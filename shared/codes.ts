import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { IssuedCode } from '#domain/codes.ts';

/**
 * Six-digit codes a villager holds (docs/rules.md "Delivery codes"). Only a
 * salted SHA-256 is stored; the code itself exists only in the answer that
 * prints the receipt. Six digits are a million tries offline, so the
 * hash is not what protects a parcel: the lock after five wrong tries is, and
 * the hash never leaves the server (reads strip it). It keeps the code out of
 * reads, lists, backups and exports of the table.
 */
const scheme = 's256';

const digest = (salt: Buffer, code: string) => createHash('sha256').update(salt).update(code, 'utf8').digest();

/** `s256$<salt>$<digest>`, base64url; a fresh 16-byte salt per code. */
export function hashCode(code: string): string {
  const salt = randomBytes(16);
  return `${scheme}$${salt.toString('base64url')}$${digest(salt, code).toString('base64url')}`;
}

/** A new random code and its hash (`code` given: that code, for tests and demo data). */
export function issueCode(code = String(randomInt(0, 1_000_000)).padStart(6, '0')): IssuedCode {
  return { code, hash: hashCode(code) };
}

export function codeMatches(stored: string, code: string): boolean {
  const [kind, salt, expected] = stored.split('$');
  if (kind !== scheme || !salt || !expected) return false;
  const want = Buffer.from(expected, 'base64url');
  const got = digest(Buffer.from(salt, 'base64url'), code);
  return want.length === got.length && timingSafeEqual(want, got);
}
