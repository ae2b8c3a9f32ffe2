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
  remittance: 'rem',
  billPayment: 'bp',
  ticket: 'wt',
  lot: 'lot',
} as const;

export type IdKind = keyof typeof idPrefixes;

export function newId(kind: IdKind, time?: number): string {
  return `${idPrefixes[kind]}_${ulid(time)}`;
}

export const idPattern = (kind: IdKind) => new RegExp(`^${idPrefixes[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`);
