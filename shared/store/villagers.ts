import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Station } from '#domain/station.ts';
import type { Villager } from '#domain/villager.ts';
import { ConflictError, NotFoundError, fieldError } from '#shared/errors.ts';
import { getMany } from './batch.ts';
import { eraseRecord, type Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { msg } from '#shared/i18n/messages.ts';

/**
 * A villager's personal data is in three kinds of item: the villager (with its
 * name and phone in the search indexes' sort keys), the phone guard (the phone
 * is its key), and the idempotency records of the commands that carried it in
 * their request (register, correct). The answers those records keep hold only
 * the villager's id; the records are listed on the villager, so that erasing
 * the villager also replaces them with tombstones that keep neither answer nor
 * request fingerprint.
 */
export interface RecordRef {
  scope: string;
  key: string;
}

/** Corrections are rare; past this many, the oldest records are left to expire (90 days) instead of being listed. */
const maxRecords = 40;

function item(villager: Villager, records: readonly RecordRef[]) {
  return {
    ...keys.villager(villager.stationId, villager.villagerId),
    ...keys.villagerListing(villager.stationId, villager.name, villager.villagerId, villager.phone),
    type: 'villager',
    ...villager,
    idempotencyRecords: records.slice(-maxRecords),
  };
}

const recordsOf = (raw: Record<string, unknown>): RecordRef[] => (Array.isArray(raw.idempotencyRecords) ? (raw.idempotencyRecords as RecordRef[]) : []);

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
        Item: { ...keys.phoneClaim(villager.stationId, villager.phone), type: 'phoneClaim', villagerId: villager.villagerId },
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
  /** Who holds the phone number asked for, if anyone. */
  phoneHolder?: string;
  /** What the station owes the villager for produce (an erasure waits until it is paid out). */
  creditFen: number;
}

export const villagerStore = {
  async find(stationId: string, villagerId: string): Promise<Villager | undefined> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.villager(stationId, villagerId) }));
    return Item ? withoutKeys<Villager>(Item) : undefined;
  },

  async get(stationId: string, villagerId: string): Promise<Villager> {
    const villager = await villagerStore.find(stationId, villagerId);
    if (!villager) throw new NotFoundError('villager');
    return villager;
  },

  /** The villager and their produce credit, in one BatchGetItem. */
  async getWithCredit(stationId: string, villagerId: string): Promise<Villager & { creditFen: number }> {
    const lookup = await getMany([keys.villager(stationId, villagerId), keys.credit(stationId, villagerId)]);
    const item = lookup(keys.villager(stationId, villagerId));
    if (!item) throw new NotFoundError('villager');
    return { ...withoutKeys<Villager>(item), creditFen: Number(lookup(keys.credit(stationId, villagerId))?.creditFen ?? 0) };
  },

  /**
   * Who the villagers are, for a page of a list: one BatchGetItem for the page (at most 100).
   * Names are read where they are kept, never copied onto orders, so erasing a villager erases them here too.
   */
  async contacts(stationId: string, villagerIds: readonly string[]): Promise<Map<string, { name: string; phone?: string }>> {
    const out = new Map<string, { name: string; phone?: string }>();
    if (villagerIds.length === 0) return out;
    const lookup = await getMany(villagerIds.map((id) => keys.villager(stationId, id)));
    for (const id of new Set(villagerIds)) {
      const item = lookup(keys.villager(stationId, id));
      if (typeof item?.name === 'string') out.set(id, { name: item.name, ...(typeof item.phone === 'string' ? { phone: item.phone } : {}) });
    }
    return out;
  },

  /** Who already holds this phone number at the station, if anyone. */
  async phoneHolder(stationId: string, phone: string): Promise<string | undefined> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.phoneClaim(stationId, phone) }));
    return Item?.villagerId as string | undefined;
  },

  /** Everything a correction or an erasure decides on, in one consistent BatchGetItem: station, villager, the phone's holder. */
  async changeContext(stationId: string, villagerId: string, phone?: string | null): Promise<VillagerChangeContext> {
    const lookup = await getMany([
      keys.station(stationId),
      keys.villager(stationId, villagerId),
      keys.credit(stationId, villagerId),
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
      ...(holder ? { phoneHolder: holder } : {}),
      creditFen: Number(lookup(keys.credit(stationId, villagerId))?.creditFen ?? 0),
    };
  },

  /** By name prefix, or by phone prefix when the query is digits. */
  async search(stationId: string, q: string | undefined, limit: number, cursor?: string): Promise<Page<Villager>> {
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
  },

  /** `by`: the registering command's record, listed so that an erasure can reach it. */
  register(villager: Villager, by?: RecordRef): Write[] {
    const writes: Write[] = [
      { item: { Put: { TableName: tableName(), Item: item(villager, by ? [by] : []), ConditionExpression: 'attribute_not_exists(pk)' } } },
    ];
    if (hasPhone(villager)) writes.push(claimPhone(villager));
    return writes;
  },

  /** A correction: the villager replaced if still as read, its search keys with it, and the phone guard moved (in the same transaction). */
  correct(before: Villager, after: Villager, records: readonly RecordRef[], by: RecordRef): Write[] {
    const writes: Write[] = [
      { item: { Put: { TableName: tableName(), Item: item(after, [...records, by]), ...unchanged(before) } }, onConditionFailed: changedMeanwhile },
    ];
    if (before.phone !== after.phone) {
      if (hasPhone(before)) writes.push(releasePhone(before));
      if (hasPhone(after)) writes.push(claimPhone(after));
    }
    return writes;
  },

  /**
   * Consent withdrawn: the villager and its search keys, its phone guard, and
   * the kept records of the commands that carried its data, in one transaction.
   * Orders, carts, tasks and runs keep the id, which now names no one.
   */
  erase(villager: Villager, records: readonly RecordRef[], now: Date): Write[] {
    return [
      // Not while the station owes them for produce: a ticket on credit racing the erasure makes it refuse (409).
      {
        item: {
          ConditionCheck: {
            TableName: tableName(),
            Key: keys.credit(villager.stationId, villager.villagerId),
            ConditionExpression: 'attribute_not_exists(#credit) OR #credit <= :zero',
            ExpressionAttributeNames: { '#credit': 'creditFen' },
            ExpressionAttributeValues: { ':zero': 0 },
          },
        },
        replanOnConditionFailed: true,
      },
      {
        item: { Delete: { TableName: tableName(), Key: keys.villager(villager.stationId, villager.villagerId), ...unchanged(villager) } },
        onConditionFailed: changedMeanwhile,
      },
      ...(hasPhone(villager) ? [releasePhone(villager)] : []),
      ...[...new Map(records.map((r) => [`${r.scope}\u0000${r.key}`, r])).values()].map((r): Write => ({ item: eraseRecord(r.scope, r.key, 'villager', now) })),
    ];
  },
};
