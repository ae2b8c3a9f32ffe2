/**
 * `npm run load`: a province's day, squeezed (bench/README.md "Load"). Many
 * stations' partners at once place orders, take payments, hand orders and
 * couriers' parcels over, scan parcels in, plan the day's delivery runs,
 * remit, weigh produce, pay bills and read their lists, at a stated rate for a
 * stated time, against the local system on 127.0.0.1, while faults are
 * injected: DynamoDB Local frozen (SIGSTOP) for 10 s, the API process killed
 * and started again, the bill and SMS gateways failing. Clients retry as the
 * pages do (the same Idempotency-Key, until an answer that is not a 5xx).
 * Afterwards every acknowledged command is checked against the table (present
 * exactly once, nothing else: bench/load/check.ts), the ledger is audited, and
 * the figures are written to bench/load.json and bench/README.md.
 *
 * LOAD_SECONDS (600), LOAD_RATE commands a second across stations (10),
 * LOAD_STATIONS (30), LOAD_FAULTS=0 to run without faults.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { localGatewaySecret, startBillGateway } from '#scripts/local/bill-gateway.ts';
import { ensureTable } from '#scripts/local/create-table.ts';
import { localClient, startDynamoDbLocal } from '#scripts/local/dynamodb.ts';
import { freePort } from '#scripts/local/ports.ts';
import { localSmsSecret, startSmsGateway } from '#scripts/local/sms-gateway.ts';
import { shanghaiDate } from '#domain/time.ts';
import { check, type Ack } from './check.ts';

const seconds = Number(process.env.LOAD_SECONDS ?? 600);
const rate = Number(process.env.LOAD_RATE ?? 10);
const stationCount = Number(process.env.LOAD_STATIONS ?? 30);
const withFaults = process.env.LOAD_FAULTS !== '0';
// The machine is shared: what else ran on it is stated beside the figures (its 1-minute load average).
const loadAtStart = loadavg()[0]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

// The system: DynamoDB Local keeping its data on disk, the two stand-in gateways, the API in a process of its own.
const dataDir = mkdtempSync(join(tmpdir(), 'village-load-'));
const dynamo = await startDynamoDbLocal({ port: await freePort(), dataDir });
const tableName = `load-${randomUUID().slice(0, 8)}`;
const apiPort = await freePort();
const apiUrl = `http://127.0.0.1:${apiPort}`;
const bills = await startBillGateway({ port: 0 });
const sms = await startSmsGateway({ port: 0, deliveryDelayMs: 200, receiptRetryMs: [5_000, 15_000, 30_000], receiptUrl: `${apiUrl}/v1/sms/receipts` });
const env = {
  ...process.env,
  TABLE_NAME: tableName,
  DYNAMODB_ENDPOINT: dynamo.endpoint,
  AWS_REGION: 'local',
  LOG_LEVEL: 'silent',
  DATA_DIR: dataDir,
  PORT: String(apiPort),
  BILL_GATEWAY_URL: bills.url,
  BILL_GATEWAY_SECRET: localGatewaySecret,
  SMS_GATEWAY_URL: sms.url,
  SMS_GATEWAY_SECRET: localSmsSecret,
};
Object.assign(process.env, env);
const client = localClient(dynamo.endpoint);
await ensureTable(client, tableName);
client.destroy();

let api: ChildProcess | undefined;
async function startApi(): Promise<void> {
  // Node itself (tsx as a loader, not a wrapper process), so that SIGKILL reaches the server; its warnings to a file.
  const errors = openSync(join(dataDir, 'api.log'), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load/api-process.ts'], { env, stdio: ['ignore', 'pipe', errors] });
  api = child;
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line === 'ready' && resolve());
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before it was ready`)));
  });
}
await startApi();
// Whatever ends this run, the API process and Java go with it.
process.on('exit', () => {
  api?.kill('SIGKILL');
  try {
    process.kill(dynamo.pid, 'SIGKILL');
  } catch {
    // already stopped
  }
});
process.on('uncaughtException', (error) => {
  console.error(error);
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  console.error(error);
  process.exit(1);
});

// What the clients record.
const acks: Ack[] = [];
const latency = new Map<string, number[]>();
const statuses = new Map<string, number>();
let commands = 0;
let unanswered = 0;
let unretryable = 0;

async function call(route: string, method: string, path: string, token: string, body?: unknown, key?: string) {
  const t = performance.now();
  const res = await fetch(apiUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'accept-language': 'en',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const json = (await res.json().catch(() => undefined)) as any;
  const ms = performance.now() - t;
  (latency.get(route) ?? latency.set(route, []).get(route)!).push(ms);
  statuses.set(`${route} ${res.status}`, (statuses.get(`${route} ${res.status}`) ?? 0) + 1);
  // A 5xx must be a 503 or 504 that says when to send it again (Retry-After; docs/architecture.md), never a bare failure.
  if (res.status >= 500 && !((res.status === 503 || res.status === 504) && res.headers.get('retry-after'))) unretryable += 1;
  return { status: res.status, body: json };
}

/** As the pages send a command: one key, sent again after a network failure or a 5xx, until it is answered. */
async function command(route: string, method: string, path: string, token: string, body?: unknown) {
  const key = randomUUID();
  commands += 1;
  const until = Date.now() + 180_000;
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await call(route, method, path, token, body, key);
      if (answer.status < 500) return { ...answer, key };
    } catch {
      statuses.set(`${route} network`, (statuses.get(`${route} network`) ?? 0) + 1);
    }
    if (Date.now() > until) {
      unanswered += 1;
      return { status: 0, body: undefined, key };
    }
    await sleep(Math.min(5_000, 250 * attempt));
  }
}

async function setupToken(request: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${apiUrl}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  return ((await res.json()) as { token: string }).token;
}

// The province: stations, their partners, villagers (half of them hear by SMS), the catalogue, produce prices, a biller.
log(`setting up ${stationCount} stations`);
const ops = await setupToken({ role: 'ops', sub: 'load-ops' });
const ok = async (answer: Promise<{ status: number; body: any }>) => {
  const a = await answer;
  if (a.status >= 300) throw new Error(`setup failed: ${a.status} ${JSON.stringify(a.body)}`);
  return a.body;
};
await ok(
  command('setup', 'PUT', '/v1/products/LOAD-RICE', ops, {
    title: '五常大米 5kg',
    category: 'groceries',
    onlinePriceFen: 8_990,
    localStorePriceFen: 10_990,
    merchantCostFen: 8_100,
    weightGrams: 5_000,
    needsInstallation: false,
    returnWindowDays: 0,
  }),
);
await ok(command('setup', 'PUT', '/v1/produce/LOAD-CHESTNUT', ops, { title: '板栗', grades: [{ grade: 'A', priceFenPerKg: 1_200 }], feeFenPerKg: 50 }));
await ok(command('setup', 'PUT', '/v1/couriers/ZTO', ops, { name: '中通快递', parcelFeeFen: 40 }));
await ok(command('setup', 'PUT', '/v1/billers/CMCC', ops, { name: '中国移动', kind: 'PHONE', amountRule: 'ANY', customerFeeFen: 0, stationCommissionFen: 50 }));

interface Order {
  orderId: string;
  status: 'PLACED' | 'AT_STATION';
  /** Taken to the villager's door on a delivery run rather than picked up at the counter. */
  home: boolean;
  outstandingFen: number;
  code?: string;
  codeMessageId?: string;
}
/** A courier's parcel on the shelf; its recipient's phone is the parcel's own, so its code is the one SMS to that phone. */
interface Parcel {
  parcelId: string;
  phone: string;
}
interface Station {
  stationId: string;
  partner: string;
  villagers: string[];
  orders: Order[];
  parcels: Parcel[];
  drawerFen: number;
  busy: boolean;
}
const stations: Station[] = [];
for (let s = 0; s < stationCount; s++) {
  const station = await ok(
    command('setup', 'POST', '/v1/stations', ops, {
      name: `负载站${s}`,
      county: '遂昌县',
      location: { lat: 28.5, lon: 119.38 },
      villages: [{ name: '大柘村', location: { lat: 28.51, lon: 119.39 } }],
      commissionShareBp: 3_000,
      cashLimitFen: 100_000_000_00,
    }),
  );
  const partner = await setupToken({ role: 'partner', stationId: station.stationId, sub: `load-partner-${s}` });
  const villagers: string[] = [];
  for (let v = 0; v < 4; v++) {
    const phone = v % 2 ? { phone: `139${String(s).padStart(4, '0')}${String(v).padStart(4, '0')}` } : {};
    villagers.push(
      (
        await ok(
          command('setup', 'POST', `/v1/stations/${station.stationId}/villagers`, partner, {
            name: `村民${v}`,
            villageId: station.villages[0].villageId,
            consent: true,
            ...phone,
          }),
        )
      ).villagerId,
    );
  }
  stations.push({ stationId: station.stationId, partner, villagers, orders: [], parcels: [], drawerFen: 0, busy: false });
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const ack = (a: Omit<Ack, 'status'>, answer: { status: number }) => acks.push({ ...a, status: answer.status });

/** One thing a partner does, chosen as a busy shop's day goes. */
async function act(st: Station): Promise<void> {
  const p = st.partner;
  const at = `/v1/stations/${st.stationId}`;
  const roll = Math.random();
  const placed = st.orders.filter((o) => o.status === 'PLACED');
  const arrived = st.orders.filter((o) => o.status === 'AT_STATION');
  if (roll < 0.25) {
    const cod = Math.random() < 0.4;
    const home = !cod && Math.random() < 0.3;
    const cash = cod ? 0 : 8_990;
    const a = await command('place order', 'POST', `${at}/orders`, p, {
      villagerId: pick(st.villagers),
      lines: [{ sku: 'LOAD-RICE', qty: 1 }],
      paymentMode: cod ? 'CASH_ON_DELIVERY' : 'CASH_ON_ORDER',
      fulfilment: home ? 'HOME_DELIVERY' : 'STATION_PICKUP',
      cashReceivedFen: cash,
    });
    ack({ kind: 'place', stationId: st.stationId, key: a.key, id: a.body?.orderId, drawerFen: cash, orderId: a.body?.orderId, paidFen: cash }, a);
    if (a.status === 201) {
      st.drawerFen += cash;
      st.orders.push({
        orderId: a.body.orderId,
        status: 'PLACED',
        home,
        outstandingFen: a.body.outstandingFen,
        code: a.body.deliveryCode,
        codeMessageId: a.body.codeMessageId,
      });
    }
  } else if (roll < 0.38 && placed.length) {
    const o = pick(placed);
    const a = await command('arrive', 'POST', `/v1/orders/${o.orderId}/arrive`, p);
    if (a.status === 200) o.status = 'AT_STATION';
  } else if (roll < 0.46 && arrived.some((o) => o.outstandingFen > 0)) {
    const o = pick(arrived.filter((x) => x.outstandingFen > 0));
    const a = await command('take payment', 'POST', `/v1/orders/${o.orderId}/payments`, p, { amountFen: o.outstandingFen });
    ack({ kind: 'pay', stationId: st.stationId, key: a.key, drawerFen: o.outstandingFen, orderId: o.orderId, paidFen: o.outstandingFen }, a);
    if (a.status === 200) {
      st.drawerFen += o.outstandingFen;
      o.outstandingFen = 0;
    }
  } else if (roll < 0.58 && arrived.some((o) => !o.home && o.outstandingFen === 0)) {
    const o = pick(arrived.filter((x) => !x.home && x.outstandingFen === 0));
    // A villager who hears by SMS says the code from their phone (the stand-in's record); the others have it printed.
    const code = o.code ?? sms.state.messages.find((m) => m.outId === o.codeMessageId)?.params.code;
    if (!code) return;
    const a = await command('pick up', 'POST', `/v1/orders/${o.orderId}/pickup`, p, { deliveryCode: code });
    ack({ kind: 'pickup', stationId: st.stationId, key: a.key, id: o.orderId, drawerFen: 0 }, a);
    if (a.status === 200) st.orders.splice(st.orders.indexOf(o), 1);
  } else if (roll < 0.61 && arrived.some((o) => o.home)) {
    // The day's delivery run, planned from the orders waiting to go to the villages.
    const a = await command('plan run', 'POST', `${at}/delivery-runs`, p, { date: shanghaiDate(new Date()), capacityKg: 150, maxParcels: 20 });
    ack({ kind: 'run', stationId: st.stationId, key: a.key, id: a.body?.runId, drawerFen: 0 }, a);
    if (a.status === 201) {
      const onRun = new Set((a.body.trips as { stops: { orderIds: string[] }[] }[]).flatMap((t) => t.stops.flatMap((stop) => stop.orderIds)));
      st.orders = st.orders.filter((o) => !onRun.has(o.orderId));
    }
  } else if (roll < 0.64 && st.parcels.length) {
    const parcel = pick(st.parcels);
    // The recipient says the code from their phone (the stand-in's record); until it has come, the phone's last digits and the name.
    const code = sms.state.messages.find((m) => m.phone === parcel.phone)?.params.code;
    const proof = code ? { pickupCode: code } : { phoneLast4: parcel.phone.slice(-4), recipientName: '张三' };
    const a = await command('pick up parcel', 'POST', `/v1/parcels/${parcel.parcelId}/pickup`, p, proof);
    ack({ kind: 'parcel-pickup', stationId: st.stationId, key: a.key, id: parcel.parcelId, drawerFen: 0 }, a);
    if (a.status === 200) st.parcels.splice(st.parcels.indexOf(parcel), 1);
  } else if (roll < 0.72) {
    // A courier's parcel scanned in, for a phone nobody registered: its code goes to that phone alone.
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const a = await command('scan parcel', 'POST', `${at}/parcels`, p, {
      waybillNo: `ZT${randomUUID().replaceAll('-', '').slice(0, 14)}`,
      courier: 'ZTO',
      recipientPhone: phone,
      recipientName: '张三',
    });
    ack({ kind: 'parcel', stationId: st.stationId, key: a.key, id: a.body?.parcelId, drawerFen: 0 }, a);
    if (a.status === 201) st.parcels.push({ parcelId: a.body.parcelId, phone });
  } else if (roll < 0.76 && st.drawerFen > 50_000) {
    const amountFen = 20_000;
    const a = await command('remit', 'POST', `${at}/remittances`, p, { amountFen, reference: `LOAD-${randomUUID().slice(0, 8)}` });
    ack({ kind: 'remit', stationId: st.stationId, key: a.key, id: a.body?.remittanceId, drawerFen: -amountFen }, a);
    if (a.status < 300) st.drawerFen -= amountFen;
  } else if (roll < 0.84) {
    const cashNow = st.drawerFen > 5_000 && Math.random() < 0.5;
    const a = await command('weigh ticket', 'POST', `${at}/weigh-tickets`, p, {
      villagerId: pick(st.villagers),
      code: 'LOAD-CHESTNUT',
      grade: 'A',
      grossGrams: 2_000,
      payout: cashNow ? 'CASH_NOW' : 'CREDIT',
    });
    const paid = cashNow ? -(a.body?.amountFen ?? 0) : 0;
    ack({ kind: 'ticket', stationId: st.stationId, key: a.key, id: a.body?.ticketId, drawerFen: paid }, a);
    if (a.status === 201) st.drawerFen += paid;
  } else if (roll < 0.9) {
    const a = await command('pay bill', 'POST', `${at}/bill-payments`, p, {
      billerCode: 'CMCC',
      accountNo: `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      amountFen: 3_000,
    });
    ack({ kind: 'bill', stationId: st.stationId, key: a.key, id: a.body?.billPaymentId, drawerFen: a.body?.totalFen ?? 0 }, a);
    if (a.status === 201 && a.body.status !== 'FAILED') st.drawerFen += a.body.totalFen;
  } else {
    const [name, path] = pick([
      ['list orders', `${at}/orders?limit=20`],
      ['read cash', `${at}/cash`],
      ['list messages', `${at}/messages?limit=20`],
      ['list parcels', `${at}/parcels?status=AT_STATION&limit=20`],
    ] as const);
    await call(name, 'GET', path, p).catch(() => undefined);
  }
}

// The faults, at set moments of the run.
const faults: { at: number; what: string; run: () => Promise<void> }[] = withFaults
  ? [
      {
        at: 0.25,
        what: 'DynamoDB Local frozen (SIGSTOP) for 10 s',
        run: async () => {
          process.kill(dynamo.pid, 'SIGSTOP');
          await sleep(10_000);
          process.kill(dynamo.pid, 'SIGCONT');
        },
      },
      {
        at: 0.5,
        what: 'the API process killed (SIGKILL) and started again',
        run: async () => {
          api!.kill('SIGKILL');
          await sleep(1_000);
          await startApi();
        },
      },
      {
        at: 0.7,
        what: 'the bill gateway failing (5xx, answers lost) and the SMS gateway failing (5xx, answers lost, slow)',
        run: async () => {
          const fault = (url: string, body: unknown) => fetch(`${url}/_faults`, { method: 'POST', body: JSON.stringify(body) });
          await fault(bills.url, { mode: 'error', times: 5 });
          await fault(sms.url, { mode: 'error', times: 5 });
          await sleep(15_000);
          await fault(bills.url, { mode: 'drop-answer', times: 3, operation: 'pay' });
          await fault(sms.url, { mode: 'drop-answer', times: 5 });
          await sleep(15_000);
          await fault(sms.url, { mode: 'slow', times: 3, delayMs: 4_000 });
        },
      },
    ]
  : [];

log(`the API's own log: ${join(dataDir, 'api.log')}`);
log(`load: ${rate} commands a second across ${stationCount} stations for ${seconds} s${withFaults ? ', with faults' : ''}`);
const started = Date.now();
const pending = new Set<Promise<void>>();
const faultRuns: Promise<void>[] = [];
for (let tick = 0; Date.now() - started < seconds * 1000; tick++) {
  const elapsed = (Date.now() - started) / (seconds * 1000);
  for (const f of faults.filter((x) => x.at <= elapsed)) {
    faults.splice(faults.indexOf(f), 1);
    log(`fault: ${f.what}`);
    faultRuns.push(f.run());
  }
  const idle = stations.filter((s) => !s.busy);
  if (idle.length) {
    const st = pick(idle);
    st.busy = true;
    const run = act(st)
      .catch((error: unknown) => log(`a client failed: ${String(error)}`))
      .finally(() => {
        st.busy = false;
        pending.delete(run);
      });
    pending.add(run);
  }
  await sleep(Math.max(0, started + ((tick + 1) * 1000) / rate - Date.now()));
}
await Promise.all(faultRuns);
log(`load done; waiting for ${pending.size} commands still under way`);
await Promise.all(pending);
const loadSeconds = (Date.now() - started) / 1000;
// Let the outbox, the retry job (leases run 30 s) and the bill reconciler settle what the faults left unknown.
log('settling: messages and bills left unknown by the faults');
await sleep(60_000);

// The check: every acknowledged command exactly once, nothing else; the ledger audited.
const items: Record<string, unknown>[] = [];
{
  const { db } = await import('#store/db.ts');
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
}
const problems = check(acks, { items, smsOutIds: sms.state.messages.map((m) => m.outId), billReferences: [...bills.state.payments.keys()] });
const { auditNetwork } = await import('#functions/audit/audit-network.ts');
const audit = await auditNetwork();
api?.kill('SIGTERM');
await bills.close();
await sms.close();
await dynamo.stop();

const q = (xs: number[], p: number) => Math.round(xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]! * 10) / 10;
const routes = [...latency].map(([route, xs]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { route, requests: s.length, p50: q(s, 0.5), p95: q(s, 0.95), p99: q(s, 0.99) };
});
const errors = Object.fromEntries([...statuses].filter(([k]) => !/ (2\d\d|4\d\d)$/.test(k)));
const result = {
  measuredAt: new Date().toISOString(),
  settings: { seconds, rate, stations: stationCount, faults: withFaults },
  command: `${['LOAD_SECONDS', 'LOAD_RATE', 'LOAD_STATIONS', 'LOAD_FAULTS']
    .filter((name) => process.env[name] !== undefined)
    .map((name) => `${name}=${process.env[name]} `)
    .join('')}npm run load`,
  machine: { cores: availableParallelism(), loadAverage: { atStart: Math.round(loadAtStart * 100) / 100, atEnd: Math.round(loadavg()[0]! * 100) / 100 } },
  commands,
  acknowledged: acks.filter((a) => a.status > 0 && a.status < 300).length,
  refused: acks.filter((a) => a.status >= 400).length,
  unanswered,
  unretryable,
  throughputPerSecond: Math.round((commands / loadSeconds) * 10) / 10,
  routes,
  statuses: Object.fromEntries(statuses),
  errors,
  smsSent: sms.state.messages.length,
  billsApplied: bills.state.payments.size,
  audit: { stations: audit.stations, discrepancies: audit.discrepancies.length },
  problems,
  passed: problems.length === 0 && audit.discrepancies.length === 0 && unanswered === 0 && unretryable === 0,
};
writeFileSync('bench/load.json', `${JSON.stringify(result, null, 2)}\n`);
try {
  // This section only: the others (and the hand-written ones) stay as they are.
  const { load: loadSection, replaceSection } = await import('../report.ts');
  writeFileSync('bench/README.md', replaceSection(readFileSync('bench/README.md', 'utf8'), '## Load', loadSection()));
} catch (error) {
  log(`bench/README.md not rewritten: ${String(error)}`);
}
console.log(JSON.stringify({ ...result, routes: undefined, statuses: undefined }, null, 2));
console.table(routes);
log(
  result.passed ? 'PASSED: every acknowledged command once, nothing else, the audit clean, every 5xx a 503/504 with Retry-After' : 'FAILED: see problems above',
);
process.exit(result.passed ? 0 : 1);
