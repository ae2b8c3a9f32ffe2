import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as billerStore from '#store/billers.ts';
import { db } from '#store/db.ts';
import * as productStore from '#store/products.ts';
import * as stationStore from '#store/stations.ts';
import * as villagerStore from '#store/villagers.ts';
import type { Write } from '#store/command.ts';
import * as produceStore from '#store/produce.ts';
import * as synonymStore from '#store/synonyms.ts';
import { newUser } from '#domain/user.ts';
import * as userStore from '#store/users.ts';
import * as parcelStore from '#store/parcels.ts';
import { demoBillers, demoCouriers, demoProduce, demoProducts, demoStations, demoSynonyms, demoUsers, demoVillagers } from './demo-data.ts';

/** Writes a Put only where nothing is yet, so re-seeding never undoes what someone changed. */
async function putIfAbsent(write: Write): Promise<boolean> {
  const put = write.item.Put;
  if (!put) throw new Error('seed writes are puts');
  try {
    await db().send(new PutCommand({ TableName: put.TableName, Item: put.Item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Loads the demo data; safe to run on every start. Returns how many items were new. */
export async function seedDemoData(): Promise<number> {
  let added = 0;
  for (const station of demoStations) if (await putIfAbsent(stationStore.create(station))) added++;
  for (const villager of demoVillagers) for (const w of villagerStore.register(villager)) if (await putIfAbsent(w)) added++;
  for (const { userId, ...input } of demoUsers) {
    const { user, change } = newUser(input, userId, 'demo-data', new Date('2026-01-01T00:00:00Z'));
    for (const w of userStore.create(user, change)) if (await putIfAbsent(w)) added++;
  }
  for (const biller of demoBillers) if (await putIfAbsent(billerStore.putIfAbsent(biller))) added++;
  for (const product of demoProducts) {
    if (!(await productStore.find(product.sku))) {
      const { sku, createdAt, updatedAt: _, ...input } = product;
      await productStore.save(sku, input, createdAt);
      added++;
    }
  }
  for (const item of demoProduce) {
    if (!(await produceStore.find(item.code))) {
      await produceStore.save(item);
      added++;
    }
  }
  for (const synonym of demoSynonyms) {
    if (!(await synonymStore.find(synonym.word, true))) {
      await synonymStore.save(synonym);
      added++;
    }
  }
  for (const courier of demoCouriers) if (await putIfAbsent(parcelStore.courierPut(courier))) added++;
  return added;
}
