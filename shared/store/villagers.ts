import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { erasedHolderName, maskAccountNo } from '#domain/bill.ts';
import { scrubbedAttributes } from '#domain/villager.ts';
import type { Station } from '#domain/station.ts';
import type { Villager } from '#domain/villager.ts';
import { ConflictError, NotFoundError, fieldError } from '#shared/errors.ts';
import { getMany } from './batch.ts';
import { eraseRecord, type Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as parcelStore from './parcels.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { read, type Read } from './reads.ts';
import { mentionedKeys } from './mentions.ts';
import { msg } from '#shared/i18n/messages.ts';

/**
 * A villager's personal data is in four kinds of item: the villager (with its
 * name and phone in the search indexes' sort keys), the phone guard (the phone
 * is its key), the idempotency records of the commands that carried it in
 * their request (register, correct), and the bill payments that named the
 * villager (their account number: for a phone top-up the villager's phone, for
 * power or water their household; the payment command's record keeps it in its
 * request fingerprint). The answers those records keep hold only ids; the
 * records and the payments are listed on the villager, so that erasing the
 * villager also replaces the records with tombstones that keep neither answer
 * nor request fingerprint, and masks the payments' account numbers.
 */
export interface RecordRef {
  /** The record's id (a hash of the caller and their key: shared/store/sealed.ts). */
  record: string;
}

/** A bill payment that named the villager, the record of the command that made it, and its account number as it will show once erased. */
export interface BillRef extends RecordRef {
  billPaymentId: string;
  masked: string;
}

/** Corrections are rare; past this many, the oldest records are left to expire (90 days) instead of being listed. */
const maxRecords = 40;
/**
 * How many bill payments naming a villager keep their account number (about
 * eight months of a phone, a power and a water bill). Past this, each new one
 * makes the oldest listed forget it at once, in the paying transaction, as an
 * erasure would: its account masked and its command's record a tombstone (a
 * retry of that long-past request answers 404). So an erasure reaches at most
 * this many, and its transaction stays within DynamoDB's 100 items:
 * 3 + maxRecords + 2 × maxBills, and the erasure's own idempotency record
 * that runCommand adds: 94.
 */
export const maxBills = 25;

function item(villager: Villager, records: readonly RecordRef[], bills: readonly BillRef[]) {
  return {
    ...keys.villager(villager.stationId, villager.villagerId),
    ...keys.villagerListing(villager.stationId, villager.name, villager.villagerId, villager.phone),
    type: 'villager',
    ...villager,
    idempotencyRecords: records.slice(-maxRecords),
    billPayments: bills.slice(-maxBills),
  };
}

const recordsOf = (raw: Record<string, unknown>): RecordRef[] => (Array.isArray(raw.idempotencyRecords) ? (raw.idempotencyRecords as RecordRef[]) : []);
const billsOf = (raw: Record<string, unknown>): BillRef[] => (Array.isArray(raw.billPayments) ? (raw.billPayments as BillRef[]) : []);

/** A payment's account number and holder masked (kept: amount, biller, status, reference, the villager id that names no one). */
function forgetAccount(bill: BillRef): Write {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.billPayment(bill.billPaymentId),
        UpdateExpression: 'SET accountNo = :masked, holderName = :holder, accountMasked = :true',
        // Payments are never deleted; the condition only keeps a stray key from creating a stub.
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':masked': bill.masked, ':holder': erasedHolderName, ':true': true },
      },
    },
  };
}

/** Each of these records a tombstone (one per record, however often listed). */
const tombstones = (records: readonly RecordRef[], now: Date): Write[] =>
  [...new Set(records.map((r) => r.record))].map((record): Write => ({ item: eraseRecord(record, 'villager', now) }));

/** The villager still as read: of two changes at once, one wins and the other gets 409. */
function unchanged(villager: Villager): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  return villager.version === undefined
    ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#version)', ExpressionAttributeNames: { '#version': 'version' } }
    : {
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': villager.version },
      };
}

const changedMeanwhile = () => new ConflictError('changed-meanwhile', msg('changed-meanwhile.what', { what: 'villager' }));
const phoneTaken = () => new ConflictError('phone-taken', msg('phone-taken.commit'), [fieldError('body.phone', 'field.phoneTaken')]);

function claimPhone(villager: Villager & { phone: string }): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.phoneClaim(villager.stationId, villager.phone),
          type: 'phoneClaim',
          villagerId: villager.villagerId,
          ...(villager.deliveryPreference ? { deliveryPreference: villager.deliveryPreference.preference } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    onConditionFailed: phoneTaken,
  };
}

/** Only this villager's own guard (a missing one is fine). */
function releasePhone(villager: Villager & { phone: string }): Write {
  return {
    item: {
      Delete: {
        TableName: tableName(),
        Key: keys.phoneClaim(villager.stationId, villager.phone),
        ConditionExpression: 'attribute_not_exists(pk) OR villagerId = :id',
        ExpressionAttributeValues: { ':id': villager.villagerId },
      },
    },
    onConditionFailed: changedMeanwhile,
  };
}

const hasPhone = (v: Villager): v is Villager & { phone: string } => typeof v.phone === 'string' && v.phone !== '';

export interface VillagerChangeContext {
  station: Station;
  villager: Villager;
  records: RecordRef[];
  bills: BillRef[];
  /** Who holds the phone number asked for, if anyone. */
  phoneHolder?: string;
  /** What the station owes the villager for produce (an erasure waits until it is paid out). */
  creditFen: number;
  /** What the villager owes on their tab (an erasure waits until it is repaid or written off). */
  tabOwedFen: number;
  /** The items whose free text is about the villager (shared/store/mentions.ts). */
  mentioned: { pk: string; sk: string }[];
}

/** How many writes one TransactWriteItems takes. */
const maxTransactItems = 100;

/** An item's free text with the villager's name and number blanked out, only if it is still as read. */
function scrubWrite(key: { pk: string; sk: string }, item: Record<string, unknown>, changed: Record<string, unknown>): Write {
  const names = Object.keys(changed);
  const versioned = typeof item.version === 'number';
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: key,
        UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
        ConditionExpression: versioned ? '#version = :version' : 'attribute_exists(pk)',
        ExpressionAttributeNames: { ...Object.fromEntries(names.map((n, i) => [`#a${i}`, n])), ...(versioned ? { '#version': 'version' } : {}) },
        ExpressionAttributeValues: { ...Object.fromEntries(names.map((n, i) => [`:a${i}`, changed[n]])), ...(versioned ? { ':version': item.version } : {}) },
      },
    },
    replanOnConditionFailed: true,
  };
}

export async function find(stationId: string, villagerId: string): Promise<Villager | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.villager(stationId, villagerId) }));
  return Item ? withoutKeys<Villager>(Item) : undefined;
}

export async function get(stationId: string, villagerId: string): Promise<Villager> {
  const villager = await find(stationId, villagerId);
  if (!villager) throw new NotFoundError('villager');
  return villager;
}

/** One villager, as a command's read (fetched with its idempotency record). */
export const readOne = (stationId: string, villagerId: string): Read<Villager> =>
  read([keys.villager(stationId, villagerId)], (found) => {
    const raw = found(keys.villager(stationId, villagerId));
    if (!raw) throw new NotFoundError('villager');
    return withoutKeys<Villager>(raw);
  });

/** The villager and their produce credit, in one BatchGetItem. */
export async function getWithProduceCredit(stationId: string, villagerId: string): Promise<Villager & { creditFen: number }> {
  const lookup = await getMany([keys.villager(stationId, villagerId), keys.produceCredit(stationId, villagerId)]);
  const item = lookup(keys.villager(stationId, villagerId));
  if (!item) throw new NotFoundError('villager');
  return { ...withoutKeys<Villager>(item), creditFen: Number(lookup(keys.produceCredit(stationId, villagerId))?.creditFen ?? 0) };
}

/**
 * Who the villagers are, for a page of a list: one BatchGetItem for the page (at most 100).
 * Names are read where they are kept, never copied onto orders, so erasing a villager erases them here too.
 */
export async function contacts(stationId: string, villagerIds: readonly string[]): Promise<Map<string, Pick<Villager, 'name' | 'phone' | 'messages'>>> {
  const out = new Map<string, Pick<Villager, 'name' | 'phone' | 'messages'>>();
  if (villagerIds.length === 0) return out;
  const lookup = await getMany(villagerIds.map((id) => keys.villager(stationId, id)));
  for (const id of new Set(villagerIds)) {
    const item = lookup(keys.villager(stationId, id));
    if (typeof item?.name === 'string') {
      out.set(id, {
        name: item.name,
        ...(typeof item.phone === 'string' ? { phone: item.phone } : {}),
        ...(item.messages === 'NONE' ? { messages: 'NONE' as const } : {}),
      });
    }
  }
  return out;
}

/** Who already holds this phone number at the station, if anyone. */
export async function phoneHolder(stationId: string, phone: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.phoneClaim(stationId, phone) }));
  return Item?.villagerId as string | undefined;
}

/** Everything a correction or an erasure decides on, in one consistent BatchGetItem: station, villager, the phone's holder. */
export async function changeContext(stationId: string, villagerId: string, phone?: string | null): Promise<VillagerChangeContext> {
  const lookup = await getMany([
    keys.station(stationId),
    keys.villager(stationId, villagerId),
    keys.produceCredit(stationId, villagerId),
    keys.mentions(stationId, villagerId),
    keys.tab(stationId, villagerId),
    ...(phone ? [keys.phoneClaim(stationId, phone)] : []),
  ]);
  const station = lookup(keys.station(stationId));
  if (!station) throw new NotFoundError('station');
  const raw = lookup(keys.villager(stationId, villagerId));
  if (!raw) throw new NotFoundError('villager');
  const holder = phone ? (lookup(keys.phoneClaim(stationId, phone))?.villagerId as string | undefined) : undefined;
  return {
    station: withoutKeys<Station>(station),
    villager: withoutKeys<Villager>(raw),
    records: recordsOf(raw),
    bills: billsOf(raw),
    ...(holder ? { phoneHolder: holder } : {}),
    creditFen: Number(lookup(keys.produceCredit(stationId, villagerId))?.creditFen ?? 0),
    tabOwedFen: Number(lookup(keys.tab(stationId, villagerId))?.owedFen ?? 0),
    mentioned: mentionedKeys(lookup(keys.mentions(stationId, villagerId))),
  };
}

/**
 * What else an erasure must reach, read once the villager is known: the items
 * whose free text is about them (their name and number blanked out, each only
 * if unchanged since read), and the bill payments to their phone number at
 * the station that did not name them (masked as a named one is). Their lists
 * go with them.
 */
export async function traces(villager: Villager, mentioned: readonly { pk: string; sk: string }[], bills: readonly BillRef[]): Promise<Write[]> {
  const { stationId } = villager;
  const paidTo = hasPhone(villager) ? [keys.paidToPhone(stationId, villager.phone)] : [];
  const lookup = await getMany([...mentioned, ...paidTo]);
  const who = { name: villager.name, phone: villager.phone };
  const writes: Write[] = [];
  for (const key of mentioned) {
    const item = lookup(key);
    const changed = item ? scrubbedAttributes(item, who) : {};
    if (Object.keys(changed).length) writes.push(scrubWrite(key, item!, changed));
  }
  // The parcels left for their number: masked (the list goes last, with the others).
  const parcels = hasPhone(villager) ? await parcelStore.erasureWrites(stationId, villager.phone) : { masks: [], list: [] };
  writes.push(...parcels.masks);
  const named = new Set(bills.map((b) => b.billPaymentId));
  for (const key of paidTo) {
    const ids = lookup(key)?.billPayments;
    const unnamed = ids instanceof Set ? [...(ids as Set<string>)].filter((id) => !named.has(id)) : [];
    writes.push(...unnamed.map((billPaymentId) => forgetAccount({ billPaymentId, record: '', masked: maskAccountNo(villager.phone!) })));
    writes.push({ item: { Delete: { TableName: tableName(), Key: key } } });
  }
  writes.push(...parcels.list);
  writes.push({ item: { Delete: { TableName: tableName(), Key: keys.mentions(stationId, villager.villagerId) } } });
  return writes;
}

/**
 * What does not fit in an erasure's one transaction (DynamoDB takes 100 items) goes first, in transactions of
 * its own: blanking text and masking payments can be done again safely, and the erasure's retry does what is left.
 */
export async function ahead(erasure: Write[], traces: Write[]): Promise<Write[]> {
  // The lists (deleted last in `traces`) stay in the erasure's own transaction, so a retry still finds what they list.
  const room = Math.max(0, maxTransactItems - 1 - erasure.length);
  const before = traces.slice(0, Math.max(0, traces.length - room));
  const now = traces.slice(before.length);
  for (let i = 0; i < before.length; i += maxTransactItems) {
    const part = before.slice(i, i + maxTransactItems);
    try {
      await db().send(new TransactWriteCommand({ TransactItems: part.map((w) => w.item) }));
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionCanceledException') throw changedMeanwhile();
      throw error;
    }
  }
  return [...erasure, ...now];
}

/** By name prefix, or by phone prefix when the query is digits. */
export async function search(stationId: string, q: string | undefined, limit: number, cursor?: string): Promise<Page<Villager>> {
  const byPhone = q !== undefined && /^\d+$/.test(q);
  const page = byPhone
    ? await queryPage({ index: 'lookup', partition: keys.villagersByPhone(stationId), sortPrefix: q, limit, cursor })
    : await queryPage({
        index: 'collection',
        partition: keys.villagersByName(stationId),
        ...(q ? { sortPrefix: keys.namePrefix(q) } : {}),
        limit,
        cursor,
      });
  return { ...page, items: page.items.map((i) => withoutKeys<Villager>(i)) };
}

/** `by`: the registering command's record, listed so that an erasure can reach it. */
export function register(villager: Villager, by?: RecordRef): Write[] {
  const writes: Write[] = [
    { item: { Put: { TableName: tableName(), Item: item(villager, by ? [by] : [], []), ConditionExpression: 'attribute_not_exists(pk)' } } },
  ];
  if (hasPhone(villager)) writes.push(claimPhone(villager));
  return writes;
}

/** A correction: the villager replaced if still as read, its search keys with it, and the phone guard moved (in the same transaction). */
export function correct(before: Villager, after: Villager, records: readonly RecordRef[], bills: readonly BillRef[], by: RecordRef): Write[] {
  const writes: Write[] = [
    { item: { Put: { TableName: tableName(), Item: item(after, [...records, by], bills), ...unchanged(before) } }, onConditionFailed: changedMeanwhile },
  ];
  if (before.phone !== after.phone) {
    if (hasPhone(before)) writes.push(releasePhone(before));
    if (hasPhone(after)) writes.push(claimPhone(after));
  }
  return writes;
}

/**
 * A delivery preference given: the villager updated (only if still as read), and the phone's guard told too, since a
 * scan reads the guard, not the villager, to know whether the parcel goes home (docs/rules.md "Parcels").
 */
export function givePreference(before: Villager, after: Villager): Write[] {
  const { ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = unchanged(before);
  const writes: Write[] = [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.villager(after.stationId, after.villagerId),
          UpdateExpression: 'SET deliveryPreference = :preference, updatedAt = :at, #version = :next',
          ConditionExpression,
          ExpressionAttributeNames,
          ExpressionAttributeValues: {
            ...ExpressionAttributeValues,
            ':preference': after.deliveryPreference,
            ':at': after.updatedAt,
            ':next': after.version,
          },
        },
      },
      onConditionFailed: changedMeanwhile,
    },
  ];
  if (hasPhone(after)) {
    writes.push({
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.phoneClaim(after.stationId, after.phone),
          UpdateExpression: 'SET deliveryPreference = :preference',
          ConditionExpression: 'villagerId = :id',
          ExpressionAttributeValues: { ':preference': after.deliveryPreference!.preference, ':id': after.villagerId },
        },
      },
      onConditionFailed: changedMeanwhile,
    });
  }
  return writes;
}

/** The bill payments listed on a villager item as read (a bill payment's command reads the villager). */
export { billsOf };

/**
 * A bill payment names the villager (in the paying transaction): it is
 * listed on them, so that their erasure reaches it. The villager's version
 * moves on, so that a correction or an erasure planned before it is refused
 * (and plans again, seeing it); this one plans again if either came first.
 * Past `maxBills`, the oldest listed payment forgets its account now.
 */
export function nameInBill(villager: Villager, bills: readonly BillRef[], bill: BillRef, now: Date): Write[] {
  const listed = [...bills.filter((b) => b.billPaymentId !== bill.billPaymentId), bill];
  const dropped = listed.slice(0, Math.max(0, listed.length - maxBills));
  const next = (villager.version ?? 1) + 1;
  const { ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = unchanged(villager);
  return [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.villager(villager.stationId, villager.villagerId),
          UpdateExpression: 'SET billPayments = :bills, #version = :next',
          ConditionExpression,
          ExpressionAttributeNames,
          ExpressionAttributeValues: { ...ExpressionAttributeValues, ':bills': listed.slice(-maxBills), ':next': next },
        },
      },
      replanOnConditionFailed: true,
    },
    ...dropped.map(forgetAccount),
    ...tombstones(dropped, now),
  ];
}

/**
 * Consent withdrawn: the villager and its search keys, its phone guard, the
 * kept records of the commands that carried its data, and the account
 * numbers of the bill payments that named it, in one transaction. Orders,
 * carts, tasks, runs and bill payments keep the id, which now names no one.
 */
export function erase(villager: Villager, records: readonly RecordRef[], bills: readonly BillRef[], now: Date): Write[] {
  return [
    // Not while the station owes them for produce: a ticket on credit racing the erasure makes it refuse (409).
    {
      item: {
        ConditionCheck: {
          TableName: tableName(),
          Key: keys.produceCredit(villager.stationId, villager.villagerId),
          ConditionExpression: 'attribute_not_exists(#credit) OR #credit <= :zero',
          ExpressionAttributeNames: { '#credit': 'creditFen' },
          ExpressionAttributeValues: { ':zero': 0 },
        },
      },
      replanOnConditionFailed: true,
    },
    // Nor while they owe on their tab (docs/rules.md "The tab"): a sale racing the erasure makes it plan again, and refuse.
    {
      item: {
        ConditionCheck: {
          TableName: tableName(),
          Key: keys.tab(villager.stationId, villager.villagerId),
          ConditionExpression: 'attribute_not_exists(#owed) OR #owed <= :zero',
          ExpressionAttributeNames: { '#owed': 'owedFen' },
          ExpressionAttributeValues: { ':zero': 0 },
        },
      },
      replanOnConditionFailed: true,
    },
    // Changed since it was read (corrected, or a bill payment named them and is now listed): plan again from what it is now.
    {
      item: { Delete: { TableName: tableName(), Key: keys.villager(villager.stationId, villager.villagerId), ...unchanged(villager) } },
      replanOnConditionFailed: true,
    },
    ...(hasPhone(villager) ? [{ ...releasePhone(villager), replanOnConditionFailed: true }] : []),
    ...bills.map(forgetAccount),
    ...tombstones([...records, ...bills.map(({ record }) => ({ record }))], now),
  ];
}
