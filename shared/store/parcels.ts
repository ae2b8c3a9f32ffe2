import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import { defaultParcelFeeFen, erasedParcel, reminderAt, type Courier, type Parcel, type ParcelStatus } from '#domain/parcel.ts';
import type { Station } from '#domain/station.ts';
import type { DeliveryPreference } from '#domain/villager.ts';
import { NotFoundError } from '#shared/errors.ts';
import { getMany } from './batch.ts';
import type { TransactItem, Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { read, type Read } from './reads.ts';
import * as riskStore from './risk.ts';
import { putVersioned } from './versioned.ts';

const tail = (phone: string) => phone.slice(-4);

function item(parcel: Parcel) {
  return {
    ...keys.parcel(parcel.parcelId),
    ...keys.parcelListing(parcel.stationId, parcel.status, parcel.scannedAt, parcel.parcelId, parcel.erased ? '----' : tail(parcel.recipientPhone)),
    type: 'parcel',
    ...parcel,
  };
}

function visible(principal: Principal, parcel: Parcel | undefined): Parcel {
  if (!parcel) throw new NotFoundError('parcel');
  assertStationAccess(principal, parcel.stationId, 'parcel');
  return parcel;
}

/** What a scan decides on, read in the command's one BatchGetItem. */
export interface ScanContext {
  station: Station | undefined;
  /** The same waybill, if it was scanned before (here or elsewhere). */
  parcel: Parcel | undefined;
  /** Parcels the station scanned before (the next shelf slot). */
  seq: number;
  /** The villager registered with the phone at the station. */
  villagerId: string | undefined;
  /** Their delivery preference, as the phone's guard holds it. */
  delivery: DeliveryPreference | undefined;
  feeFen: number;
}

/** The station, the waybill's parcel, the shelf counter, the phone's holder and the courier's fee: all in the command's one read. */
export function scanContext(stationId: string, parcelId: string, phone: string, courier: string): Read<ScanContext> {
  const wanted = [keys.station(stationId), keys.parcel(parcelId), keys.parcelSequence(stationId), keys.phoneClaim(stationId, phone), keys.courier(courier)];
  return read(wanted, (found) => {
    const station = found(keys.station(stationId));
    const parcel = found(keys.parcel(parcelId));
    const fee = found(keys.courier(courier))?.parcelFeeFen;
    return {
      station: station ? withoutKeys<Station>(station) : undefined,
      parcel: parcel ? withoutKeys<Parcel>(parcel) : undefined,
      seq: Number(found(keys.parcelSequence(stationId))?.seq ?? 0),
      villagerId: found(keys.phoneClaim(stationId, phone))?.villagerId as string | undefined,
      delivery: found(keys.phoneClaim(stationId, phone))?.deliveryPreference as DeliveryPreference | undefined,
      feeFen: typeof fee === 'number' ? fee : defaultParcelFeeFen,
    };
  });
}

/**
 * A new parcel: the item (only if its waybill is new: a twin scan that wrote
 * first makes this one plan again and find it), the shelf counter moved on
 * (only if still as read), its phone's list for an erasure, and its
 * reminder's marker.
 */
export function scanIn(parcel: Parcel, seqBefore: number): Write[] {
  return [
    { item: { Put: { TableName: tableName(), Item: item(parcel), ConditionExpression: 'attribute_not_exists(pk)' } }, replanOnConditionFailed: true },
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.parcelSequence(parcel.stationId),
          UpdateExpression: 'SET seq = :next, #type = :type',
          ConditionExpression: seqBefore === 0 ? 'attribute_not_exists(seq) OR seq = :before' : 'seq = :before',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':next': seqBefore + 1, ':before': seqBefore, ':type': 'parcelSequence' },
        },
      },
      replanOnConditionFailed: true,
    },
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.parcelsToPhone(parcel.stationId, parcel.recipientPhone),
          UpdateExpression: 'ADD parcels :id SET #type = :type',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':id': new Set([parcel.parcelId]), ':type': 'parcelsToPhone' },
        },
      },
    },
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.parcelReminder(reminderAt(parcel.scannedAt), parcel.parcelId),
            type: 'parcelReminder',
            parcelId: parcel.parcelId,
            stationId: parcel.stationId,
          },
        },
      },
    },
  ];
}

export const readFor = (principal: Principal, parcelId: string): Read<Parcel> =>
  read([keys.parcel(parcelId)], (found) => {
    const raw = found(keys.parcel(parcelId));
    return visible(principal, raw ? withoutKeys<Parcel>(raw) : undefined);
  });

/** Several parcels, each the caller's to see, in the command's one read. */
export const readManyFor = (principal: Principal, parcelIds: readonly string[]): Read<Parcel[]> =>
  read(
    parcelIds.map((id) => keys.parcel(id)),
    (found) =>
      parcelIds.map((id) => {
        const raw = found(keys.parcel(id));
        return visible(principal, raw ? withoutKeys<Parcel>(raw) : undefined);
      }),
  );

export async function find(parcelId: string): Promise<Parcel | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.parcel(parcelId), ConsistentRead: true }));
  return Item ? withoutKeys<Parcel>(Item) : undefined;
}

/** Several parcels in one BatchGetItem (the delivery function's grant has no GetItem on parcels), by id; those not found are absent. */
export async function findMany(parcelIds: readonly string[]): Promise<Map<string, Parcel>> {
  const found = await getMany(parcelIds.map((id) => keys.parcel(id)));
  return new Map(
    parcelIds.flatMap((id) => {
      const raw = found(keys.parcel(id));
      return raw ? [[id, withoutKeys<Parcel>(raw)] as const] : [];
    }),
  );
}

export async function getFor(principal: Principal, parcelId: string): Promise<Parcel> {
  return visible(principal, await find(parcelId));
}

/** Replaced only if still the version read; a parcel that leaves the shelf takes its reminder's marker with it. */
export function save(parcel: Parcel): Write[] {
  const writes = [putVersioned(item(parcel), 'parcel')];
  if (parcel.status !== 'AT_STATION') writes.push(dropReminder(parcel));
  return writes;
}

export function dropReminder(parcel: Parcel): Write {
  return { item: { Delete: { TableName: tableName(), Key: keys.parcelReminder(reminderAt(parcel.scannedAt), parcel.parcelId) } } };
}

/** A wrong code (or wrong phone digits and name) kept on the parcel, and counted in the risk view. */
export function saveWrongTry(parcel: Parcel, now: Date): Write[] {
  return [putVersioned(item(parcel), 'parcel'), riskStore.add(parcel.stationId, now, { wrongCodes: 1 })];
}

/** A station's parcels of one status, oldest first (the shelf; `dueBy`: only those kept past their last day), or by the phone's last 4 digits. */
export async function list(
  stationId: string,
  options: {
    status: ParcelStatus;
    phoneLast4?: string | undefined;
    dueBy?: Date | undefined;
    /** Only those locked by wrong codes (a filter on the status's partition: few are). */
    lockedOnly?: boolean | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<Parcel>> {
  const page = options.phoneLast4
    ? await queryPage({
        index: 'lookup',
        partition: keys.parcelsByPhoneTail(stationId, options.phoneLast4),
        sortPrefix: `${options.status}#`,
        limit: options.limit,
        cursor: options.cursor,
      })
    : await queryPage({
        index: 'collection',
        partition: keys.parcelsOfStatus(stationId, options.status),
        ...(options.dueBy ? { sortBetween: ['0', `${options.dueBy.toISOString()}~`] as [string, string] } : {}),
        ...(options.lockedOnly
          ? {
              filter: {
                FilterExpression: '#locked = :true',
                ExpressionAttributeNames: { '#locked': 'lockedForOps' },
                ExpressionAttributeValues: { ':true': true },
              },
            }
          : {}),
        limit: options.limit,
        cursor: options.cursor,
      });
  return { ...page, items: page.items.map((i) => withoutKeys<Parcel>(i)) };
}

/** Parcels on the shelf for villagers who want them at home and on no run yet, oldest first (a run's plan takes them). */
export async function waitingForHome(stationId: string, max: number): Promise<Parcel[]> {
  const page = await queryPage({
    index: 'collection',
    partition: keys.parcelsOfStatus(stationId, 'AT_STATION'),
    filter: {
      FilterExpression: '#delivery = :home AND attribute_not_exists(#runId) AND #locked = :false',
      ExpressionAttributeNames: { '#delivery': 'delivery', '#runId': 'runId', '#locked': 'lockedForOps' },
      ExpressionAttributeValues: { ':home': 'HOME', ':false': false },
    },
    limit: max,
  });
  return page.items.map((i) => withoutKeys<Parcel>(i));
}

/** Parcels named by a stop's record, as a command's read (missing ones are left out: the domain says which). */
export const readMany = (parcelIds: readonly string[]): Read<Map<string, Parcel>> =>
  read(
    parcelIds.map((id) => keys.parcel(id)),
    (found) => {
      const out = new Map<string, Parcel>();
      for (const id of parcelIds) {
        const raw = found(keys.parcel(id));
        if (raw) out.set(id, withoutKeys<Parcel>(raw));
      }
      return out;
    },
  );

/** The reminders due by now, oldest first, at most `limit` (the reminder job). */
export async function remindersDue(now: Date, limit: number): Promise<{ parcelId: string; key: { pk: string; sk: string } }[]> {
  const page = await queryPage({ partition: keys.parcelReminders(), sortBetween: ['0', `${now.toISOString()}~`], limit });
  return page.items.map((i) => ({ parcelId: String(i.parcelId), key: { pk: String(i.pk), sk: String(i.sk) } }));
}

/** The parcel reminded (only if still as read), its message queued, its marker gone: one transaction, so a reminder goes once. */
export async function remind(before: Parcel, after: Parcel, messageWrites: readonly Write[]): Promise<boolean> {
  const items: TransactItem[] = [...save(after).map((w) => w.item), dropReminder(before).item, ...messageWrites.map((w) => w.item)];
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
    throw error;
  }
}

/** A marker whose parcel has gone or was reminded: removed alone. */
export async function forgetReminder(key: { pk: string; sk: string }): Promise<void> {
  await db().send(new TransactWriteCommand({ TransactItems: [{ Delete: { TableName: tableName(), Key: key } }] }));
}

/** The parcels left for a phone number at a station (erasure): each masked (its number and name), then the list gone. */
export async function erasureWrites(stationId: string, phone: string): Promise<{ masks: Write[]; list: Write[] }> {
  const listKey = keys.parcelsToPhone(stationId, phone);
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: listKey, ConsistentRead: true }));
  const ids = Item?.parcels instanceof Set ? [...(Item.parcels as Set<string>)] : [];
  if (ids.length === 0) return { masks: [], list: [] };
  const found = await getMany(ids.map((id) => keys.parcel(id)));
  const writes: Write[] = [];
  for (const id of ids) {
    const raw = found(keys.parcel(id));
    if (!raw) continue;
    const parcel = withoutKeys<Parcel>(raw);
    const masked = erasedParcel(parcel);
    writes.push({
      item: { Put: { TableName: tableName(), Item: item(masked), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': parcel.version } } },
    });
  }
  return { masks: writes, list: [{ item: { Delete: { TableName: tableName(), Key: listKey } } }] };
}

/** A courier's item, as a write (the local demo data puts it only where none is). */
export function courierPut(courier: Courier): Write {
  return {
    item: { Put: { TableName: tableName(), Item: { ...keys.courier(courier.code), ...keys.courierListing(courier.code), type: 'courier', ...courier } } },
  };
}

export async function putCourier(courier: Courier): Promise<boolean> {
  const { Attributes } = await db().send(new PutCommand({ ...courierPut(courier).item.Put!, ReturnValues: 'ALL_OLD' }));
  return !Attributes;
}

export async function listCouriers(limit: number, cursor?: string): Promise<Page<Courier>> {
  const page = await queryPage({ index: 'collection', partition: keys.couriersCollection(), limit, cursor });
  return { ...page, items: page.items.map((i) => withoutKeys<Courier>(i)) };
}
