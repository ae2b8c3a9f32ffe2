/**
 * The one table definition. CDK (infra/station-stack.ts) and the local set-up
 * (scripts/local/create-table.ts, tests) both build the table from it.
 *
 * Single table; every item has `pk`/`sk`. Three sparse GSIs, each named for what
 * it answers (docs/architecture.md lists every access pattern and its keys):
 * - `collection`: the members of a collection in their natural order
 *   (stations of the network, products by title, villagers by name, orders of a
 *   status by time, a day's tasks);
 * - `lookup`: a second way into a collection (products of a category,
 *   villagers by phone, orders by date, runs by date);
 * - `salesRank`: a month's station statements ranked by sales (numeric sort key,
 *   kept current by the same `ADD` that updates the statement). It holds only
 *   keys and the station's id: every station's statement changes with every
 *   command, and with the whole item projected each change would be a write to
 *   the month's one index partition (docs/architecture.md "Hot spots"); this
 *   way only a change of sales is.
 */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  /**
   * The table's stream carries each item's new image: the outbox's consumer
   * reads it (shared/store/outbox.ts; docs/architecture.md "The outbox").
   */
  stream: 'NEW_IMAGE',
  indexes: {
    collection: { partitionKey: 'collectionPk', sortKey: 'collectionSk', sortKeyType: 'S', projected: 'ALL' },
    lookup: { partitionKey: 'lookupPk', sortKey: 'lookupSk', sortKeyType: 'S', projected: 'ALL' },
    salesRank: { partitionKey: 'rankPk', sortKey: 'rankSalesFen', sortKeyType: 'N', projected: ['stationId'] },
  },
} as const;

export type IndexName = keyof typeof tableDesign.indexes;

/** The CreateTable input for DynamoDB Local, from the same design CDK deploys. */
export function createTableInput(tableName: string) {
  const { indexes } = tableDesign;
  const attributeTypes = new Map<string, 'S' | 'N'>([
    [tableDesign.partitionKey, 'S'],
    [tableDesign.sortKey, 'S'],
  ]);
  for (const index of Object.values(indexes)) {
    attributeTypes.set(index.partitionKey, 'S');
    attributeTypes.set(index.sortKey, index.sortKeyType);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    StreamSpecification: { StreamEnabled: true, StreamViewType: tableDesign.stream },
    AttributeDefinitions: [...attributeTypes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [
      { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: Object.entries(indexes).map(([IndexName, index]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: projectionOf(index),
    })),
  };
}

/** What an index holds beyond the keys: every attribute, or the few named (attributes that never change keep the index out of an item's updates). */
export function projectionOf(index: { projected: 'ALL' | readonly string[] }) {
  return index.projected === 'ALL' ? { ProjectionType: 'ALL' as const } : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projected] };
}
