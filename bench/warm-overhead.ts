import { randomUUID } from 'node:crypto';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { routeTable } from '#functions/registry.ts';
import { toHttpApiEvent } from '../scripts/local/event.ts';
import { handlerFor, lambdaContext } from '../scripts/local/handlers.ts';
import { verifyToken } from '../scripts/local/tokens.ts';
import { db, tableName } from '#store/db.ts';
import * as keys from '#store/keys.ts';
import { median } from './cold-start.ts';
import { benchStation, type LocalStack } from './local-stack.ts';

export interface WarmOverhead {
  route: string;
  calls: string;
  handlerP50Ms: number;
  rawP50Ms: number;
  ratio: number;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

/**
 * docs/quality.md "Warm handler overhead": the warm handler (middy, auth, zod,
 * the store, JSON) against the very same DynamoDB calls made raw with the same
 * client, interleaved, against DynamoDB Local. Its latency dominates both, so
 * the ratio shows what the framework adds.
 */
export async function measureWarmOverhead(stack: LocalStack, iterations: number): Promise<WarmOverhead[]> {
  const s = await benchStation(stack, 'warm');
  const order = await stack.call('POST', `/v1/stations/${s.stationId}/orders`, s.partner, {
    villagerId: s.villagerId,
    lines: [{ sku: s.sku, qty: 99 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
  });
  const claims = await verifyToken(s.partner);
  const client = db();
  const table = tableName();

  const invoke = (operationId: string, params: Record<string, string>, body?: unknown) => {
    const spec = routeTable.find((r) => r.operationId === operationId)!;
    const path = spec.path.replace(/\{(\w+)\}/g, (_, n: string) => params[n]!);
    return async () => {
      const event = toHttpApiEvent(
        {
          method: spec.method,
          url: new URL(`http://localhost${path}`),
          headers: { 'content-type': 'application/json', ...(spec.idempotent ? { 'idempotency-key': randomUUID() } : {}) },
          body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
          sourceIp: '127.0.0.1',
        },
        spec,
        params,
        claims,
      );
      const handler = await handlerFor(spec.fn);
      const result = await handler(event, lambdaContext(spec.fn, event.requestContext.requestId));
      if ((result.statusCode ?? 500) >= 300) throw new Error(`${operationId}: ${result.statusCode} ${result.body}`);
    };
  };

  const cases: { route: string; calls: string; handler: () => Promise<void>; raw: () => Promise<unknown> }[] = [
    {
      route: 'GET /v1/orders/{orderId}',
      calls: 'GetItem',
      handler: invoke('getOrder', { orderId: order.orderId }),
      raw: () => client.send(new GetCommand({ TableName: table, Key: keys.order(order.orderId), ConsistentRead: true })),
    },
    {
      route: 'GET /v1/stations/{stationId}/cash',
      calls: 'BatchGetItem',
      handler: invoke('getCash', { stationId: s.stationId }),
      raw: () =>
        client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [keys.station(s.stationId), keys.cash(s.stationId)], ConsistentRead: true } } })),
    },
    {
      route: 'GET /v1/stations/{stationId}/orders',
      calls: 'Query, BatchGetItem (the villagers of the page)',
      handler: invoke('listOrders', { stationId: s.stationId }),
      raw: async () => {
        const { Items = [] } = await client.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'lookup',
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': 'lookupPk' },
            ExpressionAttributeValues: { ':pk': keys.ordersOfStation(s.stationId) },
            ScanIndexForward: false,
            Limit: 21,
          }),
        );
        const villagers = [...new Set(Items.map((i) => String(i.villagerId)))].map((id) => keys.villager(s.stationId, id));
        if (villagers.length) await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: villagers, ConsistentRead: true } } }));
      },
    },
    {
      route: 'POST /v1/orders/{orderId}/payments',
      calls: 'BatchGetItem (key record, order), TransactWriteItems (5 items)',
      handler: invoke('takePayment', { orderId: order.orderId }, { amountFen: 1 }),
      raw: async () => {
        // The same calls, written by hand: the key record and the order in one batch, and one transaction of the same five items.
        const idem = { pk: `IDEMPOTENCY#bench#${randomUUID()}`, sk: 'IDEMPOTENCY' };
        const orderKey = keys.order(order.orderId);
        const { Responses } = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [idem, orderKey], ConsistentRead: true } } }));
        const Item = Responses?.[table]?.find((i) => i.pk === orderKey.pk && i.sk === orderKey.sk);
        const now = new Date().toISOString();
        const next = { ...Item!, paidFen: Item!.paidFen + 1, outstandingFen: Item!.outstandingFen - 1, version: Item!.version + 1, updatedAt: now };
        const entryId = `je_${randomUUID()}`;
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: table, Item: next, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': Item!.version } } },
              {
                Put: {
                  TableName: table,
                  Item: {
                    ...keys.entry(s.stationId, entryId),
                    type: 'entry',
                    entryId,
                    stationId: s.stationId,
                    kind: 'PAYMENT',
                    postings: [
                      { account: 'drawer', amountFen: 1 },
                      { account: 'dueToPlatform', amountFen: -1 },
                    ],
                    at: now,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: keys.cash(s.stationId),
                  UpdateExpression: 'ADD drawerFen :one, dueToPlatformFen :one, entries :one SET updatedAt = :now',
                  ExpressionAttributeValues: { ':one': 1, ':now': now },
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: keys.statement(s.stationId, now.slice(0, 7)),
                  UpdateExpression: 'ADD cashCollectedFen :one, rankSalesFen :zero SET rankPk = :m',
                  ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':m': `MONTH#${now.slice(0, 7)}` },
                },
              },
              { Put: { TableName: table, Item: { ...idem, status: 200, response: JSON.stringify(next) }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ],
          }),
        );
      },
    },
  ];

  const results: WarmOverhead[] = [];
  for (const c of cases) {
    for (let i = 0; i < 20; i++) {
      await c.handler();
      await c.raw();
    }
    const handlerMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      handlerMs.push(await timed(c.handler));
      rawMs.push(await timed(c.raw));
    }
    const h = median(handlerMs);
    const r = median(rawMs);
    results.push({ route: c.route, calls: c.calls, handlerP50Ms: round(h, 2), rawP50Ms: round(r, 2), ratio: round(h / r, 2) });
  }
  return results;
}
