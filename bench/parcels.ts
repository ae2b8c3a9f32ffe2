import { randomUUID } from 'node:crypto';
import { BatchGetCommand, BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { routeTable } from '#functions/registry.ts';
import { scanIn } from '#domain/parcel.ts';
import { shanghaiMonth } from '#domain/time.ts';
import { issueCode } from '#shared/codes.ts';
import { derivedId } from '#shared/derived-ids.ts';
import { newId } from '#shared/ids.ts';
import { db, tableName } from '#store/db.ts';
import * as keys from '#store/keys.ts';
import * as messageStore from '#store/messages.ts';
import * as parcelStore from '#store/parcels.ts';
import * as statementStore from '#store/statements.ts';
import { toHttpApiEvent } from '../scripts/local/event.ts';
import { handlerFor, lambdaContext } from '../scripts/local/handlers.ts';
import { verifyToken } from '../scripts/local/tokens.ts';
import { median } from './cold-start.ts';
import { benchStation, type LocalStack } from './local-stack.ts';

export interface ParcelBench {
  scan: { calls: string; handlerP50Ms: number; rawP50Ms: number; ratio: number; target: number };
  shelf: { smallParcels: number; largeParcels: number; smallP50Ms: number; largeP50Ms: number; ratio: number; target: number; loadSeconds: number };
}

const round = (x: number) => Math.round(x * 100) / 100;
let waybills = 0;
const waybill = () => `BN${Date.now().toString(36).toUpperCase()}${String(++waybills).padStart(6, '0')}`;
const phone = '13912345678';

/** Puts `count` parcels on a station's shelf straight into the table (25 per BatchWriteItem), each as a scan would write it. */
async function loadShelf(stationId: string, count: number) {
  const now = new Date();
  const items = Array.from({ length: count }, (_, i) => {
    const parcelId = derivedId('parcel', `${stationId}-${i}`);
    const { parcel } = scanIn({
      parcelId,
      stationId,
      stationName: 'bench',
      waybillNo: `LD${i}`,
      courier: 'ZTO',
      recipientPhone: phone,
      seq: i,
      keepDays: 7,
      feeFen: 30,
      code: issueCode('123456'),
      messageId: newId('message'),
      now,
    });
    return parcelStore.scanIn(parcel, i)[0]!.item.Put!.Item as Record<string, unknown>;
  });
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
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
}

/**
 * docs/quality.md: scanning a parcel in is one read and one write, its warm
 * handler against the same two calls made raw (the items built beforehand, off
 * the clock), interleaved; and the shelf's first page read through the
 * handler at two stations, one keeping `small` parcels and one `large`.
 */
export async function measureParcels(stack: LocalStack, small: number, large: number, iterations: number): Promise<ParcelBench> {
  const a = await benchStation(stack, 'parcels-handler');
  const b = await benchStation(stack, 'parcels-raw');
  const client = db();
  const table = tableName();
  // The caller's claims are verified once, as the HTTP API's authorizer does before the function runs.
  const claimsOf = new Map<string, Record<string, string> | undefined>();
  const invoke = async (operationId: string, token: string, params: Record<string, string>, query = '', body?: unknown) => {
    if (!claimsOf.has(token)) claimsOf.set(token, await verifyToken(token));
    const spec = routeTable.find((r) => r.operationId === operationId)!;
    const path = spec.path.replace(/\{(\w+)\}/g, (_, n: string) => params[n]!);
    const event = toHttpApiEvent(
      {
        method: spec.method,
        url: new URL(`http://localhost${path}${query}`),
        headers: { 'content-type': 'application/json', ...(spec.idempotent ? { 'idempotency-key': randomUUID() } : {}) },
        body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
        sourceIp: '127.0.0.1',
      },
      spec,
      params,
      claimsOf.get(token),
    );
    const result = await (await handlerFor(spec.fn))(event, lambdaContext(spec.fn, event.requestContext.requestId));
    if ((result.statusCode ?? 500) >= 300) throw new Error(`${operationId}: ${result.statusCode} ${result.body}`);
    return JSON.parse(result.body ?? '{}') as { items?: unknown[] };
  };
  const scanByHandler = () => invoke('scanParcel', a.partner, { stationId: a.stationId }, '', { waybillNo: waybill(), courier: 'ZTO', recipientPhone: phone });

  // The same two calls made raw: the key record, station, parcel, shelf counter, phone guard and courier in one batch; then
  // one transaction of the same items (parcel, counter, phone list, reminder marker, message, month's count, key record).
  let seq = 0;
  const scanRaw = async () => {
    const no = waybill();
    const parcelId = derivedId('parcel', no);
    const idem = { pk: `IDEMPOTENCY#bench#${randomUUID()}`, sk: 'IDEMPOTENCY' };
    const wanted = [
      idem,
      keys.station(b.stationId),
      keys.parcel(parcelId),
      keys.parcelSequence(b.stationId),
      keys.phoneClaim(b.stationId, phone),
      keys.courier('ZTO'),
    ];
    let t = performance.now();
    await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: wanted, ConsistentRead: true } } }));
    let spent = performance.now() - t;
    const now = new Date();
    const scanned = scanIn({
      parcelId,
      stationId: b.stationId,
      stationName: 'bench',
      waybillNo: no,
      courier: 'ZTO',
      recipientPhone: phone,
      seq,
      keepDays: 7,
      feeFen: 30,
      code: issueCode(),
      messageId: newId('message', now.getTime()),
      now,
    });
    const items = [
      ...parcelStore.scanIn(scanned.parcel, seq),
      ...messageStore.queue(scanned.message, now),
      statementStore.add(b.stationId, shanghaiMonth(now), scanned.statement),
    ].map((w) => w.item);
    items.push({
      Put: { TableName: table, Item: { ...idem, status: 201, response: JSON.stringify({ parcelId }) }, ConditionExpression: 'attribute_not_exists(pk)' },
    });
    seq += 1;
    t = performance.now();
    await client.send(new TransactWriteCommand({ TransactItems: items }));
    spent += performance.now() - t;
    return spent;
  };
  const timed = async (run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    return performance.now() - t;
  };
  for (let i = 0; i < 20; i++) {
    await scanByHandler();
    await scanRaw();
  }
  const handlerMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    handlerMs.push(await timed(scanByHandler));
    rawMs.push(await scanRaw());
  }
  const h = median(handlerMs);
  const r = median(rawMs);

  const few = await benchStation(stack, 'shelf-small');
  const many = await benchStation(stack, 'shelf-large');
  const t0 = performance.now();
  await loadShelf(few.stationId, small);
  await loadShelf(many.stationId, large);
  const loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const shelf = (s: { stationId: string; partner: string }) => invoke('listParcels', s.partner, { stationId: s.stationId }, '?status=AT_STATION&limit=50');
  if ((await shelf(few)).items?.length !== 50 || (await shelf(many)).items?.length !== 50) throw new Error('the shelves do not show the loaded parcels');
  for (let i = 0; i < 20; i++) {
    await shelf(few);
    await shelf(many);
  }
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    smallMs.push(await timed(() => shelf(few)));
    largeMs.push(await timed(() => shelf(many)));
  }
  const s = median(smallMs);
  const l = median(largeMs);
  return {
    scan: { calls: 'BatchGetItem (6 keys), TransactWriteItems (7 items)', handlerP50Ms: round(h), rawP50Ms: round(r), ratio: round(h / r), target: 1.15 },
    shelf: { smallParcels: small, largeParcels: large, smallP50Ms: round(s), largeP50Ms: round(l), ratio: round(l / s), target: 1.2, loadSeconds },
  };
}
