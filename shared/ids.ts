import { ulid } from 'ulid';

/** Prefixed ULIDs: sortable by creation time, and the prefix says what an id names. */
export const idPrefixes = {
  station: 'st',
  village: 'vg',
  villager: 'vl',
  order: 'ord',
  cart: 'cart',
  entry: 'je',
  return: 'ret',
  run: 'run',
  stop: 'stop',
  task: 'tsk',
  count: 'cnt',
  billPayment: 'bp',
} as const;

export type IdKind = keyof typeof idPrefixes;

export function newId(kind: IdKind, time?: number): string {
  return `${idPrefixes[kind]}_${ulid(time)}`;
}

export const idPattern = (kind: IdKind) => new RegExp(`^${idPrefixes[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`);

/** A six-digit delivery code for the villager's receipt, uniform over 000000–999999 (Web Crypto, no modulo bias). */
export function newDeliveryCode(): string {
  const limit = Math.floor(2 ** 32 / 1_000_000) * 1_000_000;
  const word = new Uint32Array(1);
  do crypto.getRandomValues(word);
  while (word[0]! >= limit);
  return String(word[0]! % 1_000_000).padStart(6, '0');
}
