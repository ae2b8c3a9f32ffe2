import type { FunctionName } from '#functions/registry.ts';
import type { IndexName } from '#shared/table.ts';
import { partitionPrefixes, type PartitionKind } from '#store/keys.ts';

/** A DynamoDB action a function may call (TransactWriteItems is authorised item by item as Put/Update/ConditionCheck). */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:DeleteItem';

/**
 * What one function may do to the table: which actions, on items whose partition
 * key starts with one of `table`'s prefixes, and which indexes it may Query, in
 * partitions starting with one of `indexes`' prefixes. IAM checks both with
 * `dynamodb:LeadingKeys` (for a Query on an index, the index's partition key).
 */
export interface TableGrant {
  actions: readonly TableAction[];
  table: readonly PartitionKind[];
  indexNames: readonly IndexName[];
  indexes: readonly PartitionKind[];
  /** Narrower grants beside the main one: these actions only, on these partitions only (each its own IAM statement). */
  also?: readonly { actions: readonly TableAction[]; table: readonly PartitionKind[] }[];
}

const money: TableAction[] = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'];
const none: TableGrant = { actions: [], table: [], indexNames: [], indexes: [] };

/**
 * Each bounded context's keys. An integration test (test/integration/table-grants.test.ts)
 * records every DynamoDB call each route makes and checks it against these, so
 * a grant too narrow for the code fails there, not in AWS; the infra test checks
 * the template says the same.
 */
export const tableGrants: Record<FunctionName, TableGrant> = {
  platform: none,
  readiness: { actions: ['dynamodb:GetItem'], table: ['readiness'], indexNames: [], indexes: [] },
  // A product and its search index entries are put and deleted in one TransactWriteItems; a search Queries one term's partition;
  // an import reads its products in batches and keeps its answer under the Idempotency-Key; a search reads its query's synonym,
  // which ops keep (and list) here too.
  catalog: {
    actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
    table: ['product', 'search', 'synonym', 'idempotency'],
    indexNames: ['collection', 'lookup'],
    indexes: ['catalogue', 'synonyms'],
  },
  network: {
    // Stations and villagers; a correction reads in one batch, an erasure deletes the villager's items in one transaction.
    actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
    table: ['station', 'idempotency'],
    indexNames: ['collection', 'lookup'],
    indexes: ['stations', 'station'],
    // The erasure also masks the account number of the bill payments that named the villager or were paid to their number (an
    // Update of those, nothing else of bills), and blanks their name and number out of the free text written about them: it
    // reads those items (orders and what lives with them, runs, tasks and entries) and updates only the text, only if unchanged.
    also: [
      { actions: ['dynamodb:UpdateItem'], table: ['billPayment', 'order', 'run', 'station'] },
      { actions: ['dynamodb:BatchGetItem'], table: ['order', 'run'] },
      // And masks the recipient's number and name on the parcels left for their phone (a Put of each, only if unchanged).
      { actions: ['dynamodb:BatchGetItem', 'dynamodb:PutItem'], table: ['parcel'] },
    ],
  },
  orders: {
    actions: money,
    table: ['order', 'station', 'product', 'idempotency'],
    indexNames: ['collection', 'lookup'],
    indexes: ['station', 'lockedOrders'],
    // Unlocking an order deletes its entry in ops' list of locked orders, in the same transaction: a Delete of order items only.
    // Placing an order and reprinting its receipt queue the code's message (an outbox item); a reprint reads the last one.
    also: [
      { actions: ['dynamodb:DeleteItem'], table: ['order'] },
      { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], table: ['outbox'] },
    ],
  },
  cash: {
    actions: [...money, 'dynamodb:Query'],
    table: ['station', 'remittance', 'idempotency'],
    indexNames: ['salesRank', 'collection', 'lookup'],
    indexes: ['month', 'remittances', 'flaggedCounts', 'station', 'stations', 'risk'],
  },
  delivery: {
    actions: [...money, 'dynamodb:Query'],
    table: ['run', 'station', 'order', 'idempotency'],
    indexNames: ['collection', 'lookup'],
    indexes: ['station'],
    // A run that starts writes its notice to the villagers (an outbox item). Couriers' parcels for villagers who want them at
    // home are read and put (planned on the run, handed over or brought back at a stop; a Put of each, only if unchanged), and
    // one handed over takes its reminder's marker with it.
    also: [
      { actions: ['dynamodb:PutItem'], table: ['outbox'] },
      { actions: ['dynamodb:BatchGetItem', 'dynamodb:PutItem'], table: ['parcel'] },
      { actions: ['dynamodb:DeleteItem'], table: ['parcelReminders'] },
    ],
  },
  // A settled payment's reconciler marker is deleted in the settling transaction.
  bills: {
    actions: [...money, 'dynamodb:Query', 'dynamodb:DeleteItem'],
    table: ['biller', 'billPayment', 'pendingBills', 'station', 'idempotency'],
    indexNames: ['collection', 'lookup'],
    indexes: ['billers', 'station'],
    // A payment settled PAID that names a villager queues their message (an outbox item).
    also: [{ actions: ['dynamodb:PutItem'], table: ['outbox'] }],
  },
  // Buying prices (one partition), lots and their tickets; a ticket moves the station's cash and the villager's credit; dispatch deletes the open-lot pointer.
  produce: {
    actions: [...money, 'dynamodb:Query', 'dynamodb:DeleteItem'],
    table: ['produce', 'lot', 'station', 'idempotency'],
    indexNames: ['collection', 'lookup'],
    indexes: ['lots', 'station'],
    // A ticket queues its message to the villager (an outbox item).
    also: [{ actions: ['dynamodb:PutItem'], table: ['outbox'] }],
  },
  // Jobs and claims live with their orders; a partner's installation is a task in the station's partition;
  // a RETURN remedy posts to the station's ledger; ops list open claims across stations.
  aftersales: {
    actions: [...money, 'dynamodb:Query'],
    table: ['order', 'station', 'idempotency'],
    indexNames: ['collection', 'lookup'],
    indexes: ['station', 'claims'],
    // An operator's decision on a claim tells the villager (an outbox item).
    also: [{ actions: ['dynamodb:PutItem'], table: ['outbox'] }],
  },
  // Parcels and their shelf counter, phone lists and month's counts live with the station; a scan reads the phone's holder and the
  // courier; a hand-over posts the courier's fee to the station's ledger; the reminder job walks one partition of markers.
  parcels: {
    actions: [...money, 'dynamodb:Query', 'dynamodb:DeleteItem'],
    table: ['parcel', 'parcelReminders', 'courier', 'station', 'idempotency'],
    indexNames: ['collection', 'lookup'],
    indexes: ['station', 'couriers'],
    // A scan and a reminder queue their message to the recipient (an outbox item).
    also: [{ actions: ['dynamodb:PutItem'], table: ['outbox'] }],
  },
  // The nightly audit reads every station's partition and its orders by Query, and writes nothing.
  tabs: {
    actions: [...money, 'dynamodb:Query'],
    table: ['station', 'tabRequest', 'idempotency'],
    indexNames: ['collection', 'lookup'],
    indexes: ['tabs', 'tabRequests', 'station', 'risk'],
    also: [{ actions: ['dynamodb:PutItem'], table: ['outbox'] }],
  },
  audit: {
    actions: ['dynamodb:Query'],
    table: ['station'],
    indexNames: ['collection', 'lookup'],
    indexes: ['stations', 'station'],
  },
  // The outbox's consumer reads and writes the outbox items its effects apply (a message's state is its outbox item), keeps the
  // retry job's markers, reads the villager a message is for, and counts a message sent in the station's month (an Update).
  // The table's stream is granted by its event source mapping.
  outbox: {
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    table: ['outbox'],
    indexNames: [],
    indexes: [],
    also: [
      { actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:UpdateItem'], table: ['station'] },
      // A sign-in code goes to the user's phone as it is when sent.
      { actions: ['dynamodb:GetItem'], table: ['user'] },
      { actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'], table: ['pendingMessages'] },
      // A message about a parcel for a phone nobody registered goes to the number on the parcel.
      { actions: ['dynamodb:GetItem'], table: ['parcel'] },
    ],
  },
  // Messages: a station's list (its lookup partition) and the unreached ones across stations; a resend queues a new message
  // (an outbox item and its marker) after reading the villager; a receipt settles a message (a Put of its item, its marker
  // deleted) and may count it sent in the station's month.
  // Signing in: a phone's code state, the address counters, sign-ins and their refresh tokens (updated, never deleted: TTL
  // removes them); users, their phone guards (deleted when the number changes) and their changes; a code's message is an
  // outbox item; adding or moving a partner reads the station; a kiosk's pairing code is put, then used once.
  auth: {
    actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    table: ['user', 'userPhone', 'signIn', 'signInFrom', 'refresh', 'session', 'kioskPairing', 'idempotency'],
    indexNames: ['collection'],
    indexes: ['users'],
    also: [
      { actions: ['dynamodb:DeleteItem'], table: ['userPhone'] },
      { actions: ['dynamodb:PutItem'], table: ['outbox'] },
      { actions: ['dynamodb:GetItem'], table: ['station'] },
    ],
  },
  messages: {
    actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem'],
    table: ['outbox', 'pendingMessages', 'idempotency'],
    indexNames: ['lookup', 'collection'],
    indexes: ['station', 'unreachedMessages'],
    also: [
      { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], table: ['station'] },
      { actions: ['dynamodb:DeleteItem'], table: ['pendingMessages'] },
    ],
  },
};

/** The `dynamodb:LeadingKeys` patterns of some kinds of partition. */
export const leadingKeys = (kinds: readonly PartitionKind[]): string[] => kinds.map((k) => `${partitionPrefixes[k]}*`);

const matches = (pattern: string, value: string) => (pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern);

/** Whether a grant lets `action` touch partition `partition` of the table, or of `index`. */
export function grantAllows(grant: TableGrant, action: TableAction, partition: string, index?: string): boolean {
  if (index)
    return action === 'dynamodb:Query' && grant.indexNames.includes(index as IndexName) && leadingKeys(grant.indexes).some((p) => matches(p, partition));
  return [grant, ...(grant.also ?? [])].some((g) => g.actions.includes(action) && leadingKeys(g.table).some((p) => matches(p, partition)));
}
