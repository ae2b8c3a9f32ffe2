import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { routeTable } from '#functions/registry.ts';
import { toHttpApiEvent } from '../scripts/local/event.ts';
import { handlerFor, lambdaContext } from '../scripts/local/handlers.ts';
import { verifyToken } from '../scripts/local/tokens.ts';
import { shanghaiMonth } from '#domain/time.ts';
import { db, tableName } from '#store/db.ts';
import * as keys from '#store/keys.ts';
import { median } from './cold-start.ts';
import { benchStation, type LocalStack } from './local-stack.ts';

/** Writes `count` handed-over orders for a station straight into the table (25 per BatchWriteItem). */
async function loadOrders(stationId: string, villagerId: string, count: number, month: string) {
  const placedAt = new Date().toISOString();
  const item = (i: number) => {
    const orderId = `ord_${randomUUID()}`;
    return {
      ...keys.order(orderId),
      ...keys.orderListing(stationId, 'PICKED_UP', placedAt, orderId),
      type: 'order',
      orderId,
      stationId,
      villagerId,
      status: 'PICKED_UP',
      totalFen: 8_990,
      savingsFen: 2_000,
      commissionFen: 267,
      lines: [{ sku: 'BENCH-RICE', qty: 1, onlinePriceFen: 8_990 }],
      n: i,
    };
  };
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < count; i += 25) batches.push(Array.from({ length: Math.min(25, count - i) }, (_, j) => item(i + j)));
  const worker = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
        pending = (out.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.statement(stationId, month),
      UpdateExpression: 'ADD salesFen :s, ordersHandedOver :n, savingsFen :v, commissionFen :c, rankSalesFen :s SET rankPk = :m, stationId = :id',
      ExpressionAttributeValues: {
        ':s': 8_990 * count,
        ':n': count,
        ':v': 2_000 * count,
        ':c': 267 * count,
        ':m': keys.statementsOfMonth(month),
        ':id': stationId,
      },
    }),
  );
}

export interface StatementScale {
  smallOrders: number;
  largeOrders: number;
  smallP50Ms: number;
  largeP50Ms: number;
  ratio: number;
  loadSeconds: number;
}

/** docs/quality.md "Flat-cost reads": a statement read costs the same at 1,000 and at 100,000 orders (it is one GetItem of kept counters). */
export async function measureStatementScale(stack: LocalStack, small: number, large: number, iterations: number): Promise<StatementScale> {
  const month = shanghaiMonth(new Date());
  const a = await benchStation(stack, 'statement-small');
  const b = await benchStation(stack, 'statement-large');
  const t = performance.now();
  await loadOrders(a.stationId, a.villagerId, small, month);
  await loadOrders(b.stationId, b.villagerId, large, month);
  const loadSeconds = Math.round((performance.now() - t) / 100) / 10;

  const spec = routeTable.find((r) => r.operationId === 'getStatement')!;
  const read = async (stationId: string, token: string) => {
    const params = { stationId, month };
    const event = toHttpApiEvent(
      {
        method: 'GET',
        url: new URL(`http://localhost/v1/stations/${stationId}/statements/${month}`),
        headers: {},
        body: Buffer.alloc(0),
        sourceIp: '127.0.0.1',
      },
      spec,
      params,
      await verifyToken(token),
    );
    const result = await (await handlerFor('cash'))(event, lambdaContext('cash', event.requestContext.requestId));
    const body = JSON.parse(result.body ?? '{}') as { ordersHandedOver?: number };
    return body.ordersHandedOver;
  };
  if ((await read(a.stationId, a.partner)) !== small || (await read(b.stationId, b.partner)) !== large)
    throw new Error('statement does not show the loaded orders');
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t0 = performance.now();
    await read(a.stationId, a.partner);
    smallMs.push(performance.now() - t0);
    t0 = performance.now();
    await read(b.stationId, b.partner);
    largeMs.push(performance.now() - t0);
  }
  const s = median(smallMs);
  const l = median(largeMs);
  return {
    smallOrders: small,
    largeOrders: large,
    smallP50Ms: Math.round(s * 100) / 100,
    largeP50Ms: Math.round(l * 100) / 100,
    ratio: Math.round((l / s) * 100) / 100,
    loadSeconds,
  };
}
