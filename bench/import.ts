/**
 * The catalogue import at 5,000 products (docs/rules.md "The catalogue"): the
 * CSV's size against the request limits, the one-request dry run of all 5,000
 * lines, then the import as the console and `npm run import:products` send it
 * (parts of 500 lines), against DynamoDB Local: time per part and in all, and
 * the write units every call consumed (ReturnConsumedCapacity: TOTAL on each).
 * Then the same file again: nothing written.
 *
 *   npx tsx bench/import.ts            (BENCH_IMPORT_ROWS=1000 for a quicker run)
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { db } from '#store/db.ts';
import { partsOf } from '#web/ops/csv-parts.ts';
import { startLocalStack } from './local-stack.ts';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 5_000);
const header = 'sku,title,titleEn,category,onlinePriceYuan,localStorePriceYuan,merchantCostYuan,weightGrams,needsInstallation,returnWindowDays';
const nouns = ['电饭煲', '复合肥', '五常大米', '保温杯', '手电筒', '拖把', '雨靴', '龙井茶叶', '菜籽油', '洗衣粉', '电动车电池', '婴儿推车'];
const english = [
  'Rice cooker',
  'Fertiliser',
  'Wuchang rice',
  'Flask',
  'Torch',
  'Mop',
  'Rain boots',
  'Longjing tea',
  'Rapeseed oil',
  'Washing powder',
  'E-bike battery',
  'Pram',
];
const categories = [
  'appliances',
  'agriculture',
  'groceries',
  'household',
  'household',
  'household',
  'clothing',
  'groceries',
  'groceries',
  'household',
  'electronics',
  'baby',
];
const csv =
  [
    header,
    ...Array.from({ length: rows }, (_, i) => {
      const k = i % nouns.length;
      return `BENCH-${String(i).padStart(5, '0')},${nouns[k]} ${100 + (i % 900)}型,${english[k]} model ${100 + (i % 900)},${categories[k]},${19 + (i % 400)}.90,${29 + (i % 400)}.00,${15 + (i % 300)}.50,${200 + ((i * 37) % 40_000)},${i % 11 === 0 ? '是' : '否'},${i % 4 === 0 ? 0 : 7}`;
    }),
  ].join('\n') + '\n';

const stack = await startLocalStack();
let capacity = 0;
let writeCalls = 0;
let itemsWritten = 0;
db().middlewareStack.add(
  (next) => async (args) => {
    const input = args.input as Record<string, unknown>;
    input.ReturnConsumedCapacity = 'TOTAL';
    const out = (await next(args)) as { output: { ConsumedCapacity?: { CapacityUnits?: number; WriteCapacityUnits?: number } | { CapacityUnits?: number }[] } };
    const consumed = ([] as { CapacityUnits?: number; WriteCapacityUnits?: number }[]).concat(out.output.ConsumedCapacity ?? []);
    if ('TransactItems' in input) {
      writeCalls++;
      itemsWritten += (input.TransactItems as unknown[]).length;
      capacity += consumed.reduce((n, c) => n + (c.WriteCapacityUnits ?? c.CapacityUnits ?? 0), 0);
    }
    return out as Awaited<ReturnType<typeof next>>;
  },
  { step: 'initialize', name: 'benchCapacity', priority: 'high' },
);
const ops = await stack.token({ role: 'ops', sub: 'bench-import' });

const bodyBytes = Buffer.byteLength(JSON.stringify({ csv, dryRun: true }));
console.log(`${rows} lines: CSV ${(Buffer.byteLength(csv) / 1024).toFixed(0)} KB, one request's body ${(bodyBytes / 1024).toFixed(0)} KB`);

const t = performance.now();
const dry = await stack.call('POST', '/v1/products/import', ops, { csv, dryRun: true });
const dryRunMs = performance.now() - t;
console.log(`dry run, all ${rows} lines in one request: ${dryRunMs.toFixed(0)} ms`, dry);

let resends = 0;
/** One part, under one key: a 503/504 (DynamoDB Local falling behind the request's deadline) is sent again with the same key, as the console and the script do. */
async function send(body: unknown) {
  const key = randomUUID();
  for (;;) {
    const res = await fetch(`${stack.url}/v1/products/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ops}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as any;
    if (res.ok) return json;
    if (res.status < 500) throw new Error(`${res.status} ${JSON.stringify(json)}`);
    resends++;
  }
}

async function importAll() {
  resends = 0;
  const parts = partsOf(csv);
  const before = { capacity, writeCalls, itemsWritten };
  const partMs: number[] = [];
  const sum = { created: 0, updated: 0, unchanged: 0 };
  const start = performance.now();
  for (const part of parts) {
    const p0 = performance.now();
    const out = await send({
      csv: part.csv,
      dryRun: false,
      ...(part.firstLine > 1 ? { firstLine: part.firstLine } : {}),
    });
    partMs.push(performance.now() - p0);
    for (const k of ['created', 'updated', 'unchanged'] as const) sum[k] += out[k];
  }
  return {
    parts: parts.length,
    totalMs: Math.round(performance.now() - start),
    slowestPartMs: Math.round(Math.max(...partMs)),
    ...sum,
    transactions: writeCalls - before.writeCalls,
    itemsWritten: itemsWritten - before.itemsWritten,
    writeUnits: Math.round((capacity - before.capacity) * 10) / 10,
    resends,
  };
}

const first = await importAll();
console.log('import', first);
const again = await importAll();
console.log('the same file again', again);
await stack.stop();

const result = {
  measuredAt: new Date().toISOString(),
  rows,
  csvKB: Math.round(Buffer.byteLength(csv) / 1024),
  bodyKB: Math.round(bodyBytes / 1024),
  dryRunMs: Math.round(dryRunMs),
  first,
  again,
  limits: { lambdaPayloadMB: 6, httpApiPayloadMB: 10, localServerBodyMB: 1, httpApiTimeoutS: 30, requestDeadlineS: 12.5 },
};
writeFileSync('bench/import.json', JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
process.exit(0);
