import { InputError } from '#shared/errors.ts';

/** Opaque paging cursor: the last key of a page, base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/**
 * Reads a cursor back, and refuses one that points outside the collection being
 * listed (so a crafted cursor can never reach another station's items).
 */
export function decodeCursor(cursor: string | undefined, partitionAttribute: string, partitionValue: string): Record<string, unknown> | undefined {
  return decodeCursorIn(cursor, partitionAttribute, [partitionValue])?.key;
}

/** Like `decodeCursor`, for a list read from one of several partitions: which one the cursor points into, and where. */
export function decodeCursorIn(
  cursor: string | undefined,
  partitionAttribute: string,
  partitionValues: readonly string[],
): { key: Record<string, unknown>; partition: number } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      key &&
      typeof key === 'object' &&
      !Array.isArray(key) &&
      partitionValues.includes((key as Record<string, unknown>)[partitionAttribute] as string) &&
      // Strings no longer than a sort key may be (1,024 bytes): DynamoDB refuses longer start keys.
      Object.values(key).every((v) => (typeof v === 'string' && Buffer.byteLength(v) <= 1024) || typeof v === 'number')
    ) {
      const found = key as Record<string, unknown>;
      return { key: found, partition: partitionValues.indexOf(found[partitionAttribute] as string) };
    }
  } catch {
    // fall through
  }
  throw new InputError([{ path: 'query.next', message: 'This cursor is not from this list. Start again without it.' }]);
}
