import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Villager } from '#domain/villager.ts';
import { ConflictError, NotFoundError, fieldError } from '#shared/errors.ts';
import type { Write } from './command.ts';
import { getMany } from './batch.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { msg } from '#shared/i18n/messages.ts';

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

  register(villager: Villager): Write[] {
    const writes: Write[] = [
      {
        item: {
          Put: {
            TableName: tableName(),
            Item: {
              ...keys.villager(villager.stationId, villager.villagerId),
              ...keys.villagerListing(villager.stationId, villager.name, villager.villagerId, villager.phone),
              type: 'villager',
              ...villager,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      },
    ];
    if (villager.phone) {
      writes.push({
        item: {
          Put: {
            TableName: tableName(),
            Item: { ...keys.phoneClaim(villager.stationId, villager.phone), type: 'phoneClaim', villagerId: villager.villagerId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new ConflictError('phone-taken', msg('phone-taken.commit'), [fieldError('body.phone', 'field.phoneTaken')]),
      });
    }
    return writes;
  },
};
