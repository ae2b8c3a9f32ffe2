import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContextName as FunctionName } from '#functions/registry.ts';
import { routeTable } from '#functions/registry.ts';
import { db } from '#store/db.ts';
import { toHttpApiEvent } from '../scripts/local/event.ts';
import { handlerFor, lambdaContext } from '../scripts/local/handlers.ts';
import { verifyToken } from '../scripts/local/tokens.ts';
import type { Bundle } from './bundles.ts';
import { median } from './cold-start.ts';
import { benchStation, type LocalStack } from './local-stack.ts';

/** A route's DynamoDB call as the low-level client sends it (marshalled), to be replayed raw by the floor. */
interface RawCall {
  name: string;
  input: unknown;
}

export interface ColdRequest {
  name: string;
  route: string;
  calls: string;
  medianMs: number;
  medianCpuMs: number;
  floorMs: number;
  floorCpuMs: number;
  ratio: number;
  cpuRatio: number;
  /** Against the floor built with the functions' credential alias: what their own code and first request add. */
  sameClientRatio: number;
  sameClientCpuRatio: number;
}

let recording: RawCall[] | undefined;

/** The calls a route's handler sends, caught after the document client has marshalled them. */
async function recordCalls(run: () => Promise<void>): Promise<RawCall[]> {
  if (!recordCalls.installed) {
    recordCalls.installed = true;
    db().middlewareStack.add(
      (next, context) => async (args) => {
        recording?.push({ name: String(context.commandName).replace(/Command$/, ''), input: structuredClone(args.input) });
        return next(args);
      },
      { step: 'build', name: 'benchCallRecorder' },
    );
  }
  recording = [];
  try {
    await run();
    return recording;
  } finally {
    recording = undefined;
  }
}
recordCalls.installed = false;

// Time from before the import to the end of the first request, and the CPU time used.
const functionProbe = `const [file, job] = process.argv.slice(1); const { event } = JSON.parse((await import('node:fs')).readFileSync(job, 'utf8'));
const c = process.cpuUsage(); const t = performance.now();
const { handler } = await import(file);
const endsAt = Date.now() + 30_000;
const result = await handler(event, { awsRequestId: event.requestContext.requestId, functionName: 'bench', getRemainingTimeInMillis: () => endsAt - Date.now() });
const wall = performance.now() - t; const cpu = process.cpuUsage(c);
if (result.statusCode !== 200) throw new Error('answered ' + result.statusCode + ' ' + result.body);
process.stdout.write(JSON.stringify([wall, (cpu.user + cpu.system) / 1000]));`;

const floorProbe = `const [file, job] = process.argv.slice(1); const { calls } = JSON.parse((await import('node:fs')).readFileSync(job, 'utf8'));
const c = process.cpuUsage(); const t = performance.now();
const { send } = await import(file);
for (const call of calls) await send(call.name, call.input);
const wall = performance.now() - t; const cpu = process.cpuUsage(c);
process.stdout.write(JSON.stringify([wall, (cpu.user + cpu.system) / 1000]));`;

function probeOnce(probe: string, file: string, job: string, env: NodeJS.ProcessEnv): [number, number] {
  try {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe, file, job], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.toString()) as [number, number];
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new Error(`cold request with ${file} failed: ${stderr.slice(-600)}`, { cause: error });
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * docs/quality.md "Cold start", the cold request: in a fresh process, each
 * function's production bundle imported and its handler given the first request
 * of a representative route, against DynamoDB Local; beside it, in fresh
 * processes too, the floor (and the floor built with the functions' credential
 * alias, `sameClientFloor`) imported and the very DynamoDB calls that route
 * made sent raw. Whatever a function leaves for its first request (building the
 * client, the route's schemas, the messages) is counted here.
 */
export async function measureColdRequests(
  stack: LocalStack,
  bundles: Bundle[],
  floor: Bundle,
  sameClientFloor: Bundle,
  rounds: number,
): Promise<ColdRequest[]> {
  const s = await benchStation(stack, 'cold-request');
  const order = await stack.call('POST', `/v1/stations/${s.stationId}/orders`, s.partner, {
    villagerId: s.villagerId,
    lines: [{ sku: s.sku, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
  });
  const partner = await verifyToken(s.partner);
  const ops = await verifyToken(s.ops);
  type RouteCase = { operationId: string; params: Record<string, string>; claims?: Record<string, string> | undefined };
  // One representative route a function (a read, so that every round asks the same); the platform's two, its
  // health check and its OpenAPI document (read from the file written beside the bundle at synth).
  const routes: Record<FunctionName, RouteCase[]> = {
    platform: [
      { operationId: 'health', params: {} },
      { operationId: 'openapi', params: {} },
    ],
    readiness: [{ operationId: 'ready', params: {} }],
    network: [{ operationId: 'getStation', params: { stationId: s.stationId }, claims: partner }],
    catalog: [{ operationId: 'getProduct', params: { sku: s.sku }, claims: partner }],
    orders: [{ operationId: 'getOrder', params: { orderId: order.orderId }, claims: partner }],
    cash: [{ operationId: 'getCash', params: { stationId: s.stationId }, claims: partner }],
    delivery: [{ operationId: 'listRuns', params: { stationId: s.stationId }, claims: partner }],
    bills: [{ operationId: 'listBillers', params: {}, claims: partner }],
    produce: [{ operationId: 'listProduce', params: {}, claims: partner }],
    aftersales: [{ operationId: 'listInstallations', params: { stationId: s.stationId }, claims: ops }],
    messages: [{ operationId: 'listStationMessages', params: { stationId: s.stationId }, claims: partner }],
    parcels: [{ operationId: 'listParcels', params: { stationId: s.stationId }, claims: partner }],
    auth: [{ operationId: 'listUsers', params: {}, claims: ops }],
    tabs: [{ operationId: 'tabBook', params: {}, claims: ops }],
  };

  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-request-'));
  const cases: { id: string; bundle: Bundle; route: string; calls: RawCall[]; job: string }[] = [];
  for (const [bundle, { operationId, params, claims }] of bundles.flatMap((b) => routes[b.name as FunctionName].map((r) => [b, r] as const))) {
    const spec = routeTable.find((r) => r.operationId === operationId)!;
    const path = spec.path.replace(/\{(\w+)\}/g, (_, n: string) => params[n]!);
    const event = toHttpApiEvent(
      { method: spec.method, url: new URL(`http://localhost${path}`), headers: {}, body: Buffer.from(''), sourceIp: '127.0.0.1' },
      spec,
      params,
      claims,
    );
    const handler = await handlerFor(spec.fn);
    const calls = await recordCalls(async () => {
      const result = await handler(event, lambdaContext(spec.fn, randomUUID()));
      if (result.statusCode !== 200) throw new Error(`${operationId}: ${result.statusCode} ${result.body}`);
    });
    const job = join(dir, `${operationId}.json`);
    writeFileSync(job, JSON.stringify({ event, calls }));
    cases.push({ id: operationId, bundle, route: `${spec.method} ${spec.path}`, calls, job });
  }

  // Every side as deployed: no local endpoint for the code (the SDK's own variable stands in for the regional
  // endpoint), credentials from the environment, resolved by each bundle's own provider.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL_DYNAMODB: process.env.DYNAMODB_ENDPOINT,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LOG_LEVEL: 'silent',
  };
  delete env.DYNAMODB_ENDPOINT;
  type Sample = [number, number];
  const samples = new Map(cases.map((c) => [c.id, { fn: [] as Sample[], floor: [] as Sample[], sameClient: [] as Sample[] }]));
  for (const c of cases) {
    probeOnce(functionProbe, c.bundle.file, c.job, env); // warm the file cache
    probeOnce(floorProbe, floor.file, c.job, env);
    probeOnce(floorProbe, sameClientFloor.file, c.job, env);
  }
  for (let i = 0; i < rounds; i++) {
    for (const c of cases) {
      const s = samples.get(c.id)!;
      s.fn.push(probeOnce(functionProbe, c.bundle.file, c.job, env));
      s.floor.push(probeOnce(floorProbe, floor.file, c.job, env));
      s.sameClient.push(probeOnce(floorProbe, sameClientFloor.file, c.job, env));
    }
  }
  const medians = (xs: Sample[]) => [median(xs.map((x) => x[0])), median(xs.map((x) => x[1]))] as const;
  return cases.map((c) => {
    const s = samples.get(c.id)!;
    const [w, cpu] = medians(s.fn);
    const [fw, fcpu] = medians(s.floor);
    const [sw, scpu] = medians(s.sameClient);
    return {
      name: c.bundle.name,
      route: c.route,
      calls: c.calls.map((x) => x.name).join(', ') || 'none',
      medianMs: round1(w),
      medianCpuMs: round1(cpu),
      floorMs: round1(fw),
      floorCpuMs: round1(fcpu),
      ratio: round2(w / fw),
      cpuRatio: round2(cpu / fcpu),
      sameClientRatio: round2(w / sw),
      sameClientCpuRatio: round2(cpu / scpu),
    };
  });
}
