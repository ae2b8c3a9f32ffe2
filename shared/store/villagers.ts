import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Villager } from '#domain/villager.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryPage, type Page } from './query.ts';

export const villagerStore = {
  async find(stationId: string, villagerId: string): Promise<Villager | undefined> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.villager(stationId, villagerId) }));
    return Item ? withoutKeys<Villager>(Item) : undefined;
  },

  async get(stationId: string, villagerId: string): Promise<Villager> {
    const villager = await villagerStore.find(stationId, villagerId);
    if (!villager) throw new NotFoundError('Villager');
    return villager;
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
        onConditionFailed: () => new ConflictError('phone-taken', 'A villager with this phone number is already registered at this station.'),
      });
    }
    return writes;
  },
};
