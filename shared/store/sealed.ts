import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Idempotency records, sealed with the Idempotency-Key itself
 * (docs/architecture.md "Exactly once"). A record keeps a command's first answer
 * for 90 days so that a retry after a lost answer gets it again, and some
 * answers hold what must not lie in the table for 90 days in plain text (a
 * receipt's delivery code). The key that the client sent is the secret: the
 * record is found by a hash of it (with who asked), and its answer is
 * encrypted (AES-256-GCM) under a key derived from it (HKDF-SHA-256). The table
 * holds neither the Idempotency-Key nor anything that opens the record; only a
 * client that holds the key can replay it, and only as the caller that sent it.
 *
 * The keys the pages make are random UUIDs (122 bits); a client that chooses
 * guessable keys makes its own records guessable.
 */
export interface RecordOwner {
  /** Who may replay (role, station and user): keys are never shared between callers. */
  scope: string;
  /** The Idempotency-Key the client sent. */
  key: string;
}

/** The record's id in the table: a hash of who asked and their key (never the key itself). */
export const recordIdOf = ({ scope, key }: RecordOwner): string => createHash('sha256').update(`idempotency\n${scope}\n${key}`).digest('base64url');

const version = 'v1';
const info = 'village-station idempotency record v1';

const sealingKey = ({ scope, key }: RecordOwner): Buffer => Buffer.from(hkdfSync('sha256', key, `${scope}\n`, info, 32));

/** The text, encrypted and authenticated under the owner's key (bound to the record's id). */
export function seal(text: string, owner: RecordOwner): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(owner), iv);
  cipher.setAAD(Buffer.from(recordIdOf(owner)));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `${version}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The text, or undefined when it was not sealed by this owner (or was changed since). */
export function unseal(sealed: string, owner: RecordOwner): string | undefined {
  const [v, data] = sealed.split('.');
  if (v !== version || !data) return undefined;
  const bytes = Buffer.from(data, 'base64url');
  if (bytes.length < 12 + 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(owner), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(recordIdOf(owner)));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
