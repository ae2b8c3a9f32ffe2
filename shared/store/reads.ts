import type { Key } from './batch.ts';

/** What one consistent BatchGetItem found, by key (absent keys are undefined). */
export type Lookup = (key: Key) => Record<string, unknown> | undefined;

/**
 * A read a command declares before it runs: the keys it needs, and how its
 * value is made of what was found. `runCommand` fetches every declared key with
 * the command's idempotency record in one round trip.
 */
export interface Read<T> {
  keys: readonly Key[];
  from(found: Lookup): T;
}

export const read = <T>(keys: readonly Key[], from: (found: Lookup) => T): Read<T> => ({ keys, from });
