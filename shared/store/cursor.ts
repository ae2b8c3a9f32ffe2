import { InputError, fieldError } from '#shared/errors.ts';

/** Opaque paging cursor: the last key of a page, base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/** What a cursor of one list must be: exactly these key attributes, of these types, in this partition, and a place inside the range asked for. */
export interface CursorShape {
  /** Every key attribute the list's cursor carries (the table's keys, and the index's), with its DynamoDB type. */
  attributes: Readonly<Record<string, 'S' | 'N'>>;
  partition: readonly [attribute: string, value: string];
  sortKey: string;
  /** The sort key must lie in the list asked for (its prefix or its range). */
  sortWithin?: (value: string | number) => boolean;
}

/** A cursor this list did not issue: 400 naming `query.next`, never a 500. */
export const cursorRefused = () => new InputError([fieldError('query.next', 'cursor-refused')]);

function parse(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads a cursor back, and refuses (400, naming `query.next`) one that this
 * list cannot have issued: not base64 JSON, other or missing attributes, a
 * value of the wrong type, another partition (so a crafted cursor can never
 * reach another station's items), or a place outside the range asked for.
 * DynamoDB would refuse most of these with a ValidationException: a client's
 * mistake must never become a 500.
 */
export function decodeCursor(cursor: string | undefined, shape: CursorShape): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  const key = parse(cursor);
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw cursorRefused();
  const entries = Object.entries(key);
  const expected = Object.entries(shape.attributes);
  if (entries.length !== expected.length) throw cursorRefused();
  for (const [name, type] of expected) {
    if (!Object.hasOwn(key, name)) throw cursorRefused();
    const value = (key as Record<string, unknown>)[name];
    const ok = type === 'S' ? typeof value === 'string' && value.length > 0 && value.length <= 1024 : typeof value === 'number' && Number.isSafeInteger(value);
    if (!ok) throw cursorRefused();
  }
  const record = key as Record<string, string | number>;
  if (record[shape.partition[0]] !== shape.partition[1]) throw cursorRefused();
  if (shape.sortWithin && !shape.sortWithin(record[shape.sortKey]!)) throw cursorRefused();
  return record;
}

/** For a list read from one of several partitions: which one the cursor points into (its shape's index), and where. */
export function decodeCursorIn(cursor: string | undefined, shapes: readonly CursorShape[]): { key: Record<string, unknown>; partition: number } | undefined {
  if (cursor === undefined) return undefined;
  for (const [partition, shape] of shapes.entries()) {
    try {
      return { key: decodeCursor(cursor, shape)!, partition };
    } catch {
      // not this partition's: try the next
    }
  }
  throw cursorRefused();
}
