/** Attributes that exist only for the table's keys and bookkeeping, never part of an API answer. */
const storageAttributes = new Set([
  'pk',
  'sk',
  'collectionPk',
  'collectionSk',
  'lookupPk',
  'lookupSk',
  'rankPk',
  'rankSalesFen',
  'type',
  'expiresAt',
  'searchText',
  'idempotencyRecords',
  'billPayments',
  'pinyin',
  'searchTerms',
  'searchOrder',
  'indexVersion',
]);

export function withoutKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !storageAttributes.has(k))) as T;
}
