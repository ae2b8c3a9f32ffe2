import { InputError, fieldError } from '#shared/errors.ts';

/** Opaque paging cursor: the last key of a page, base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/**
 * Reads a cursor back, and refuses one that points outside the collection being
 * listed (so a crafted cursor can never reach another station's items).
 */
export function decodeCursor(cursor: string | undefined, partitionAttribute: string, partitionValue: string): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      key &&
      typeof key === 'object' &&
      !Array.isArray(key) &&
      (key as Record<string, unknown>)[partitionAttribute] === partitionValue &&
      Object.values(key).every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return key as Record<string, unknown>;
    }
  } catch {
    // fall through
  }
  throw new InputError([fieldError('query.next', 'cursor-foreign')]);
}
