import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '#infra/app.ts';
import { functionNames, type FunctionName } from '#http/route.ts';
import { routeTable } from '#functions/routes.ts';
import { toHttpApiEvent } from '#scripts/local/event.ts';
import { riceInput } from '../support/fixture.ts';

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The artifact that ships is the artifact tested: each function's bundle as
 * `cdk synth` writes it to cdk.out, imported with the environment its template
 * gives it, invoked with HTTP API v2 events against DynamoDB Local.
 */
const handlers = new Map<FunctionName, Handler>();

beforeAll(async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-shipped-'));
  const { app, stack } = createApp(new App({ outdir, context: { stage: 'dev' } }));
  const assembly = app.synth();
  const template = Template.fromStack(stack);
  const manifest = JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.assets.json`), 'utf8')) as {
    files: Record<string, { source: { path: string } }>;
  };
  for (const resource of Object.values(template.findResources('AWS::Lambda::Function'))) {
    const fn = /^Village station API: (\w+)$/.exec(String(resource.Properties.Description ?? ''))?.[1] as FunctionName | undefined;
    if (!fn) continue;
    const hash = String(resource.Properties.Code.S3Key).replace(/\.zip$/, '');
    const dir = join(assembly.directory, manifest.files[hash]!.source.path);
    // Everything the template sets, except what only AWS resolves (the table's name is this test file's table).
    for (const [name, value] of Object.entries(resource.Properties.Environment?.Variables ?? {})) {
      if (typeof value === 'string' && name !== 'TABLE_NAME') process.env[name] = value;
    }
    const module = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { handler: Handler };
    handlers.set(fn, module.handler);
  }
}, 240_000);

const claims = (role: string, stationId?: string) => ({
  sub: `shipped-${role}`,
  'cognito:groups': `[${role}]`,
  ...(stationId ? { 'custom:stationId': stationId } : {}),
});

async function invoke(method: string, path: string, who: Record<string, string> | undefined, body?: unknown) {
  const spec = routeTable.find((r) => r.method === method && new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path))!;
  const names = [...spec.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const values = new RegExp(`^${spec.path.replace(/\{[^}]+\}/g, '([^/]+)')}$`).exec(path)!.slice(1);
  const event = toHttpApiEvent(
    {
      method,
      url: new URL(`https://api.example${path}`),
      headers: { 'content-type': 'application/json', ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }) },
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      sourceIp: '127.0.0.1',
    },
    spec,
    Object.fromEntries(names.map((n, i) => [n, values[i]!])),
    who,
  );
  const result = await handlers.get(spec.fn)!(event, {});
  return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
}

describe('the bundles as synthesised', () => {
  test('every function has its bundle', () => {
    expect([...handlers.keys()].sort()).toEqual([...functionNames].sort());
  });

  test('health, then a station set up, an order placed and paid, planned on a run, and the drawer counted, one function after another', async () => {
    expect(await invoke('GET', '/v1/health', undefined)).toEqual({ status: 200, body: { status: 'ok' } });
    const ops = claims('ops');
    const station = await invoke('POST', '/v1/stations', ops, {
      name: '发货检验站',
      county: '遂昌县',
      location: { lat: 28.51, lon: 119.38 },
      villages: [{ name: '检验村', location: { lat: 28.52, lon: 119.39 } }],
      commissionShareBp: 3_000,
      cashLimitFen: 10_000_000,
    });
    expect(station.status).toBe(201);
    const { stationId } = station.body;
    const partner = claims('partner', stationId);
    expect((await invoke('PUT', '/v1/products/SHIP-RICE', ops, riceInput)).status).toBe(201);
    const villager = await invoke('POST', `/v1/stations/${stationId}/villagers`, partner, {
      name: '检验',
      villageId: station.body.villages[0].villageId,
      consent: true,
    });
    expect(villager.status).toBe(201);
    const order = await invoke('POST', `/v1/stations/${stationId}/orders`, partner, {
      villagerId: villager.body.villagerId,
      lines: [{ sku: 'SHIP-RICE', qty: 1 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'HOME_DELIVERY',
      cashReceivedFen: 8_990,
    });
    expect(order.status).toBe(201);
    expect((await invoke('POST', `/v1/orders/${order.body.orderId}/arrive`, partner)).status).toBe(200);
    const run = await invoke('POST', `/v1/stations/${stationId}/delivery-runs`, partner, { date: '2027-02-01', capacityKg: 100 });
    expect(run.status).toBe(201);
    const count = await invoke('POST', `/v1/stations/${stationId}/cash-counts`, partner, { countedFen: 8_990 });
    expect(count.status).toBe(201);
    expect((await invoke('GET', `/v1/stations/${stationId}/cash`, partner)).body).toMatchObject({ drawerFen: 8_990 });
  });
});
