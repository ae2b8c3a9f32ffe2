import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';
import { floorBundle } from '#bench/bundles.ts';
import { createApp } from '#infra/app.ts';
import { contextNames as functionNames, type ContextName as FunctionName } from '#functions/registry.ts';
import { contextTags, routeTable, workers, type WorkerName } from '#functions/registry.ts';
import { marshall } from '@aws-sdk/util-dynamodb';
import { startSmsGateway } from '#scripts/local/sms-gateway.ts';
import { allItems } from '../support/table.ts';
import { openApiFile } from '#functions/platform/openapi-file.ts';
import { catalogueEntries, messagesFile, msg, render } from '#shared/i18n/messages.ts';
import { newId } from '#shared/ids.ts';
import { openApiDocument } from '#http/openapi.ts';
import { startBillGateway } from '#scripts/local/bill-gateway.ts';
import { toHttpApiEvent } from '#scripts/local/event.ts';
import { accounts } from '../support/bills.ts';
import { productInput, riceInput } from '../support/fixture.ts';

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

/**
 * The artifact that ships is the artifact tested: each function's bundle as
 * `cdk synth` writes it to cdk.out, imported with the environment its template
 * gives it, invoked with HTTP API v2 events against DynamoDB Local.
 */
const handlers = new Map<FunctionName, Handler>();
/** The workers' handlers (the outbox's consumer, the audit), by name. */
const workerHandlers = new Map<WorkerName, (event: unknown) => Promise<any>>();
/** The outbox worker's environment, as its template gives it. */
let outboxEnvironment: Record<string, string> = {};
/** Every function's asset folder in cdk.out (the scheduled audit's too), by the function's description. */
const assets = new Map<string, string>();
/** The bills function's environment as its template gives it, with each `Ref` resolved as AWS resolves it. */
let billsEnvironment: Record<string, string> = {};
/** The functions an event was sent to: the last test asks for all of them. */
const invoked = new Set<string>();

/**
 * What a `Ref` in the template becomes in AWS: an SSM parameter's name; a
 * Secrets Manager secret's ARN (here one in the shape AWS gives, account and
 * suffix made up). Anything else only AWS resolves (the table's name is this
 * test file's table).
 */
function resolveRef(resources: Resources, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const ref = (value as { Ref?: string } | undefined)?.Ref;
  const resource = ref ? resources[ref] : undefined;
  if (resource?.Type === 'AWS::SSM::Parameter') return String(resource.Properties.Name);
  if (resource?.Type === 'AWS::SecretsManager::Secret') return `arn:aws:secretsmanager:cn-north-1:123456789012:secret:${ref}-AbCdEf`;
  return undefined;
}

beforeAll(async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-shipped-'));
  const { app, stack } = createApp(new App({ outdir, context: { stage: 'dev' } }));
  const assembly = app.synth();
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Resources;
  const manifest = JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.assets.json`), 'utf8')) as {
    files: Record<string, { source: { path: string } }>;
  };
  for (const resource of Object.values(template.findResources('AWS::Lambda::Function'))) {
    const description = String(resource.Properties.Description ?? '');
    if (!description.startsWith('Village station')) continue;
    const hash = String(resource.Properties.Code.S3Key).replace(/\.zip$/, '');
    const dir = join(assembly.directory, manifest.files[hash]!.source.path);
    assets.set(description, dir);
    const fn = /^Village station API: (\w+)$/.exec(description)?.[1] as FunctionName | undefined;
    const worker = (Object.keys(workers) as WorkerName[]).find((w) => description === `Village station worker: ${workers[w]}`);
    if (!fn && !worker) continue;
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(resource.Properties.Environment?.Variables ?? {})) {
      const resolved = name === 'TABLE_NAME' ? undefined : resolveRef(resources, value);
      if (resolved !== undefined) environment[name] = resolved;
    }
    Object.assign(process.env, environment);
    if (fn === 'bills') billsEnvironment = environment;
    if (worker === 'outbox') outboxEnvironment = environment;
    const module = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { handler: Handler };
    if (fn) handlers.set(fn, module.handler);
    else workerHandlers.set(worker!, module.handler as never);
  }
}, 240_000);

const claims = (role: string, stationId?: string) => ({
  sub: `shipped-${role}`,
  role,
  ...(stationId ? { stationId } : {}),
});
const ops = claims('ops');

/** The HTTP API v2 event of a call, and the route it is for. */
function eventFor(method: string, path: string, who: Record<string, string> | undefined, body?: unknown) {
  const [pathname, query] = path.split('?') as [string, string | undefined];
  const pattern = (p: string, part: string) => new RegExp(`^${p.replace(/\{[^}]+\}/g, part)}$`);
  const spec = routeTable.find((r) => r.method === method && pattern(r.path, '[^/]+').test(pathname))!;
  const names = [...spec.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const values = pattern(spec.path, '([^/]+)').exec(pathname)!.slice(1);
  const event = toHttpApiEvent(
    {
      method,
      url: new URL(`https://api.example${pathname}${query ? `?${query}` : ''}`),
      headers: { 'content-type': 'application/json', ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }) },
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      sourceIp: '127.0.0.1',
    },
    spec,
    Object.fromEntries(names.map((n, i) => [n, values[i]!])),
    who,
  );
  return { spec, event };
}

async function invoke(method: string, path: string, who: Record<string, string> | undefined, body?: unknown) {
  const { spec, event } = eventFor(method, path, who, body);
  invoked.add(spec.fn);
  const result = await handlers.get(spec.fn)!(event, {});
  return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
}

/** Answers `status` (201 unless told), and its body. */
async function ok(answer: Promise<{ status: number | undefined; body: any }>, status = 201) {
  const { status: got, body } = await answer;
  expect(got, JSON.stringify(body)).toBe(status);
  return body;
}

/** A station of its own (so its drawer starts at zero), its partner and one villager: through the network function. */
async function openStation(name: string) {
  const station = await ok(
    invoke('POST', '/v1/stations', ops, {
      name,
      county: '遂昌县',
      location: { lat: 28.51, lon: 119.38 },
      villages: [{ name: '检验村', location: { lat: 28.52, lon: 119.39 } }],
      commissionShareBp: 3_000,
      cashLimitFen: 10_000_000,
    }),
  );
  const stationId = station.stationId as string;
  const partner = claims('partner', stationId);
  const villager = await ok(
    invoke('POST', `/v1/stations/${stationId}/villagers`, partner, { name: '检验', villageId: station.villages[0].villageId, consent: true }),
  );
  const drawer = async () => (await ok(invoke('GET', `/v1/stations/${stationId}/cash`, partner), 200)).drawerFen as number;
  return { stationId, partner, villagerId: villager.villagerId as string, drawer };
}

/** Rice, and the air conditioner of docs/rules.md "Commission and savings" (installation, 7-day returns, a year's warranty): through the catalog function. */
const sku = { rice: 'SHIP-RICE', ac: 'SHIP-AC' };
beforeAll(async () => {
  await ok(invoke('PUT', `/v1/products/${sku.rice}`, ops, riceInput));
  await ok(invoke('PUT', `/v1/products/${sku.ac}`, ops, productInput()));
});

describe('the bundles as synthesised', () => {
  test('every function has its bundle', () => {
    expect([...handlers.keys()].sort()).toEqual([...functionNames].sort());
  });

  test("platform and readiness: alive, ready (the table answers), and the OpenAPI document, written at synth beside the bundle, is the route table's", async () => {
    expect(await invoke('GET', '/v1/health', undefined)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await invoke('GET', '/v1/health/ready', undefined)).toEqual({ status: 200, body: { status: 'ready' } });
    // The file is what is served, not a document built again by the bundle: a mark put in it comes back.
    const file = join(assets.get('Village station API: platform')!, openApiFile);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...written, 'x-served-from': 'the synthesised file' }));
    const { 'x-served-from': mark, ...document } = await ok(invoke('GET', '/v1/openapi.json', undefined), 200);
    expect(mark).toBe('the synthesised file');
    expect(document.openapi).toMatch(/^3\.1\./);
    const operations = Object.values(document.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
      Object.values(item).map((operation) => operation.operationId),
    );
    expect(operations.sort()).toEqual(routeTable.map((r) => r.operationId).sort());
    expect(written).toEqual(openApiDocument(routeTable, contextTags));
    expect(document).toEqual(written);
  });

  test('an order placed and paid, planned on a run, and the drawer counted: network, orders, delivery, cash', async () => {
    const { stationId, partner, villagerId, drawer } = await openStation('发货检验站');
    const order = await ok(
      invoke('POST', `/v1/stations/${stationId}/orders`, partner, {
        villagerId,
        lines: [{ sku: sku.rice, qty: 1 }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'HOME_DELIVERY',
        cashReceivedFen: 8_990,
      }),
    );
    await ok(invoke('POST', `/v1/orders/${order.orderId}/arrive`, partner), 200);
    const run = await ok(invoke('POST', `/v1/stations/${stationId}/delivery-runs`, partner, { date: '2027-02-01', capacityKg: 100 }));
    expect(run.trips.flatMap((t: { stops: { orderIds: string[] }[] }) => t.stops.flatMap((s) => s.orderIds))).toEqual([order.orderId]);
    await ok(invoke('POST', `/v1/stations/${stationId}/cash-counts`, partner, { countedFen: 8_990 }));
    expect(await drawer()).toBe(8_990);
  });

  test("parcels: a courier's parcel scanned in gets a shelf slot, and the same waybill again is the same parcel", async () => {
    const { stationId, partner } = await openStation('快递检验站');
    const body = { waybillNo: 'SHIPPED000001', courier: 'ZTO', recipientPhone: '13857800001', recipientName: '王秀英' };
    const first = await ok(invoke('POST', `/v1/stations/${stationId}/parcels`, partner, body));
    expect(first.shelf).toMatch(/^[A-H]-\d-\d{3}$/);
    const again = await ok(invoke('POST', `/v1/stations/${stationId}/parcels`, partner, body), 200);
    expect(again.parcelId).toBe(first.parcelId);
  });

  test('produce: ops set a buying price, a weigh ticket paid in cash takes its amount from the drawer', async () => {
    const { stationId, partner, villagerId, drawer } = await openStation('收购检验站');
    await ok(
      invoke('POST', `/v1/stations/${stationId}/orders`, partner, {
        villagerId,
        lines: [{ sku: sku.rice, qty: 2 }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'STATION_PICKUP',
        cashReceivedFen: 17_980,
      }),
    );
    await ok(invoke('PUT', '/v1/produce/SHIP-NUT', ops, { title: '板栗', grades: [{ grade: 'A', priceFenPerKg: 1_200 }], feeFenPerKg: 50 }));
    const before = await drawer();
    // 10.35 kg gross, 0.35 kg tare, 1.5% deducted: 9.85 kg at ¥12.00 = ¥118.20.
    const ticket = await ok(
      invoke('POST', `/v1/stations/${stationId}/weigh-tickets`, partner, {
        villagerId,
        code: 'SHIP-NUT',
        grade: 'A',
        grossGrams: 10_350,
        tareGrams: 350,
        deductionBp: 150,
        payout: 'CASH_NOW',
      }),
    );
    expect(ticket).toMatchObject({ netGrams: 9_850, amountFen: 11_820, payout: 'CASH_NOW' });
    expect(await drawer()).toBe(before - 11_820);
    const lot = await ok(invoke('GET', `/v1/produce-lots/${ticket.lotId}`, partner), 200);
    expect(lot).toMatchObject({ amountFen: 11_820, tickets: [{ ticketId: ticket.ticketId, amountFen: 11_820 }] });
  });

  test('after-sales: a claim on an air conditioner handed over, a RETURN asked by the partner and approved by an operator, refunds it from the drawer', async () => {
    const { stationId, partner, villagerId, drawer } = await openStation('售后检验站');
    const order = await ok(
      invoke('POST', `/v1/stations/${stationId}/orders`, partner, {
        villagerId,
        lines: [{ sku: sku.ac, qty: 1 }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'STATION_PICKUP',
        cashReceivedFen: 390_000,
      }),
    );
    await ok(invoke('POST', `/v1/orders/${order.orderId}/arrive`, partner), 200);
    await ok(invoke('POST', `/v1/orders/${order.orderId}/pickup`, partner, { deliveryCode: order.deliveryCode, cashCollectedFen: 0 }), 200);
    const before = await drawer();
    const claim = await ok(invoke('POST', `/v1/orders/${order.orderId}/claims`, partner, { sku: sku.ac, qty: 1, problem: '不制冷' }));
    const asked = await ok(invoke('POST', `/v1/claims/${claim.claimId}/resolve`, partner, { remedy: 'RETURN' }), 200);
    expect(asked).toMatchObject({ status: 'AWAITING_APPROVAL' });
    expect(await drawer()).toBe(before);
    const resolved = await ok(invoke('POST', `/v1/claims/${claim.claimId}/approve`, ops, { reason: '照片看过' }), 200);
    expect(resolved).toMatchObject({ status: 'RETURNED', refundFen: 390_000 });
    expect(await drawer()).toBe(before - 390_000);
    expect(await ok(invoke('GET', `/v1/claims/${claim.claimId}`, partner), 200)).toMatchObject({ status: 'RETURNED', refundFen: 390_000 });
  });

  test('bills: the gateway settings read through the Parameters and Secrets extension as in AWS, a phone top-up PAID, its cash in the drawer', async () => {
    // No local shortcut: the function must read where its template points.
    delete process.env.BILL_GATEWAY_URL;
    delete process.env.BILL_GATEWAY_SECRET;
    const parameterName = billsEnvironment.BILL_GATEWAY_URL_PARAMETER!;
    const secretId = billsEnvironment.BILL_GATEWAY_SECRET_ID!;
    expect(parameterName).toBe('/village-station/dev/bill-gateway/url');
    expect(secretId).toMatch(/^arn:aws:secretsmanager:/);
    const secret = `shipped-${randomUUID()}`;
    const gateway = await startBillGateway({ port: 0, secret });
    const extension = await startExtension({ parameters: { [parameterName]: gateway.url }, secrets: { [secretId]: secret } });
    const token = `session-${randomUUID()}`;
    Object.assign(process.env, { PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port), AWS_SESSION_TOKEN: token });
    try {
      // The stand-in, like the extension, refuses a caller without the function's session token.
      expect((await fetch(`${extension.url}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`, { headers: tokenHeader('wrong') })).status).toBe(401);
      expect(extension.asked).toEqual([]);

      const { stationId, partner, villagerId, drawer } = await openStation('缴费检验站');
      // The demo biller CMCC (docs/bill-gateway.md "The local stand-in"), as the demo data loads it.
      await ok(invoke('PUT', '/v1/billers/CMCC', ops, { name: '中国移动', kind: 'PHONE', amountRule: 'ANY', customerFeeFen: 0, stationCommissionFen: 50 }));
      const before = await drawer();
      const paid = await ok(invoke('POST', `/v1/stations/${stationId}/bill-payments`, partner, { ...accounts.phone, amountFen: 3_000, villagerId }));
      expect(paid).toMatchObject({ status: 'PAID', totalFen: 3_000, billerCode: 'CMCC', accountNo: accounts.phone.accountNo });
      expect(await drawer()).toBe(before + 3_000);
      expect(await ok(invoke('GET', `/v1/bill-payments/${paid.billPaymentId}`, partner), 200)).toEqual(paid);
      // The gateway holds it, signed with the secret the extension gave.
      expect([...gateway.state.payments.values()].map((k) => k.request.reference)).toEqual([paid.reference]);
      expect(extension.asked.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
        { path: `/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`, token },
        { path: `/systemsmanager/parameters/get?name=${encodeURIComponent(parameterName)}`, token },
      ]);
    } finally {
      await extension.close();
      await gateway.close();
    }
  });

  test("messages: an order's code goes out through the shipped outbox worker (the SMS gateway's settings read through the extension), the messages function lists it, the audit worker runs", async () => {
    delete process.env.SMS_GATEWAY_URL;
    delete process.env.SMS_GATEWAY_SECRET;
    const parameterName = outboxEnvironment.SMS_GATEWAY_URL_PARAMETER!;
    const secretId = outboxEnvironment.SMS_GATEWAY_SECRET_ID!;
    expect(parameterName).toBe('/village-station/dev/sms-gateway/url');
    const secret = `shipped-sms-${randomUUID()}`;
    const gateway = await startSmsGateway({ port: 0, secret });
    const extension = await startExtension({ parameters: { [parameterName]: gateway.url }, secrets: { [secretId]: secret } });
    const token = `session-${randomUUID()}`;
    Object.assign(process.env, { PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port), AWS_SESSION_TOKEN: token });
    try {
      const { stationId, partner } = await openStation('短信检验站');
      const station = await ok(invoke('GET', `/v1/stations/${stationId}`, partner), 200);
      const villager = await ok(
        invoke('POST', `/v1/stations/${stationId}/villagers`, partner, {
          name: '检验二',
          phone: '13912345678',
          villageId: station.villages[0].villageId,
          consent: true,
        }),
      );
      const order = await ok(
        invoke('POST', `/v1/stations/${stationId}/orders`, partner, {
          villagerId: villager.villagerId,
          lines: [{ sku: sku.rice, qty: 1 }],
          paymentMode: 'CASH_ON_ORDER',
          fulfilment: 'STATION_PICKUP',
          cashReceivedFen: 8_990,
        }),
      );
      expect(order.codeSentTo).toBe('尾号5678');
      // The table's stream record of the new outbox item, as the event source mapping hands it over.
      const item = (await allItems()).find((i) => i.pk === `OUTBOX#${order.codeMessageId}`)!;
      const record = { eventName: 'INSERT', dynamodb: { Keys: marshall({ pk: item.pk, sk: item.sk }), NewImage: marshall(item), SequenceNumber: '1' } };
      invoked.add('outbox');
      expect(await workerHandlers.get('outbox')!({ Records: [record] })).toEqual({ batchItemFailures: [] });
      expect(gateway.state.messages.map((m) => [m.outId, m.templateCode])).toEqual([[order.codeMessageId, 'ORDER_PLACED']]);
      const listed = await ok(invoke('GET', `/v1/stations/${stationId}/messages`, partner), 200);
      expect(listed.items).toEqual([expect.objectContaining({ messageId: order.codeMessageId, status: 'SENT', phoneMasked: '尾号5678' })]);
      invoked.add('audit');
      expect(await workerHandlers.get('audit')!({ job: 'audit' })).toMatchObject({ discrepancies: 0 });
    } finally {
      await extension.close();
      await gateway.close();
    }
  });

  test('auth: a partner added by ops signs in by phone and code through the shipped bundle; the token verifies with its JWKS; the refresh rotates', async () => {
    const { stationId } = await openStation('登录检验站');
    const phone = '13912340001';
    const user = await ok(invoke('POST', '/v1/users', ops, { phone, name: '检验店主', role: 'partner', stationId }));
    expect(await invoke('POST', '/v1/auth/codes', undefined, { phone })).toEqual({ status: 202, body: { expiresIn: 300 } });
    // The code, as the outbox item holds it until the outbox worker sends it.
    const item = (await allItems()).find((i) => i.userId === user.userId && typeof i.code === 'string')!;
    const tokens = await ok(invoke('POST', '/v1/auth/tokens', undefined, { phone, code: item.code }), 200);
    const jwks = await ok(invoke('GET', '/.well-known/jwks.json', undefined), 200);
    const { payload } = await jwtVerify(tokens.accessToken, createLocalJWKSet(jwks), { algorithms: ['ES256'], audience: 'village-station' });
    expect(payload).toMatchObject({ sub: user.userId, role: 'partner', stationId });
    const config = await ok(invoke('GET', '/.well-known/openid-configuration', undefined), 200);
    expect(payload.iss).toBe(config.issuer);
    const next = await ok(invoke('POST', '/v1/auth/tokens', undefined, { refreshToken: tokens.refreshToken }), 200);
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    expect((await invoke('POST', '/v1/auth/tokens', undefined, { refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  test("tabs: the villager's consent by the code sent to their phone, a partner's request, an operator's approval: the tab opens with its limit", async () => {
    const { stationId, partner } = await openStation('赊账检验站');
    const station = await ok(invoke('GET', `/v1/stations/${stationId}`, partner), 200);
    const { villagerId } = await ok(
      invoke('POST', `/v1/stations/${stationId}/villagers`, partner, {
        name: '赊账',
        villageId: station.villages[0].villageId,
        consent: true,
        phone: '13912340002',
      }),
    );
    const villager = `/v1/stations/${stationId}/villagers/${villagerId}`;
    const { confirmationId } = await ok(invoke('POST', `${villager}/confirmations`, partner, { purpose: 'TAB_CONSENT', amountFen: 50_000 }));
    // The code, as the message holds it until the outbox worker sends it.
    const items = await allItems();
    const { messageId } = items.find((i) => i.confirmationId === confirmationId && typeof i.messageId === 'string')!;
    const { code } = items.find((i) => i.messageId === messageId && typeof (i.params as { code?: unknown } | undefined)?.code === 'string')!.params as {
      code: string;
    };
    expect(
      (await invoke('POST', `${villager}/tab/requests`, partner, { limitFen: 50_000, confirmationId, code: code === '000000' ? '111111' : '000000' })).status,
    ).toBe(422);
    const request = await ok(invoke('POST', `${villager}/tab/requests`, partner, { limitFen: 50_000, confirmationId, code }));
    expect(request).toMatchObject({ status: 'PENDING', limitFen: 50_000 });
    await ok(invoke('POST', `/v1/tab-requests/${request.requestId}/approve`, ops, { limitFen: 30_000 }), 200);
    expect(await ok(invoke('GET', `${villager}/tab`, partner), 200)).toMatchObject({ limitFen: 30_000, owedFen: 0, availableFen: 30_000 });
  });

  test('problems are worded from the catalogue beside each bundle, which no bundle carries: in the language asked, as rendered from source', async () => {
    const catalogue = Object.fromEntries(catalogueEntries());
    for (const [description, dir] of assets) {
      expect(JSON.parse(readFileSync(join(dir, messagesFile), 'utf8')), description).toEqual(catalogue);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      // Not vacuous: a sentence of the catalogue, and the bundle is ASCII (but for its packages' licence notes), so not in another spelling either.
      expect(code, description).not.toContain(catalogue['nothing-due']![1]);
      expect(
        [...code.replace(/\/\*! Bundled license information:[\s\S]*?\*\//g, '')].some((c) => c.charCodeAt(0) > 0x7f),
        description,
      ).toBe(false);
    }
    const { partner } = await openStation('措辞站');
    for (const lang of ['zh-CN', 'en'] as const) {
      const { spec, event } = eventFor('GET', `/v1/orders/${newId('order')}`, partner);
      event.headers['accept-language'] = lang;
      const result = await handlers.get(spec.fn)!(event, {});
      const problem = JSON.parse(result.body!) as { title: string; detail: string };
      expect(result.statusCode).toBe(404);
      expect(problem.title).toBe(render(msg('title.404'), lang));
      expect(problem.detail).toBe(render(msg('not-found', { what: 'order' }), lang));
    }
  });

  test('each bundle takes credentials from the environment alone: none holds the other sources of the default chain, which the floor does', () => {
    const markers = ['sso_start_url', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'credential_process', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'];
    const found = (text: string) => markers.filter((marker) => text.includes(marker));
    // Not vacuous: the floor, bundled with the same settings but without the alias, holds every one of them.
    expect(found(readFileSync(floorBundle().file, 'utf8'))).toEqual(markers);
    expect(assets.size).toBe(functionNames.length + Object.keys(workers).length);
    for (const [description, dir] of assets) {
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
      expect(files, description).toContain('index.mjs');
      expect(found(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n')), description).toEqual([]);
    }
  });

  test('a shipped bundle signs with the credentials Lambda puts in its environment, and without them cannot reach the table', async () => {
    const dir = assets.get('Village station API: readiness')!;
    const endpoint = process.env.DYNAMODB_ENDPOINT!;
    const names = ['DYNAMODB_ENDPOINT', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];
    /** The readiness check of a fresh copy of the bundle (a container of its own), with the environment as in AWS: no local endpoint for the code. */
    const ready = async (credentials: Record<string, string>) => {
      const copy = join(dir, `container-${randomUUID()}.mjs`);
      copyFileSync(join(dir, 'index.mjs'), copy);
      const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
      for (const n of names) delete process.env[n];
      // The SDK's own endpoint variable stands in for the regional endpoint; the profile is a trap the bundle must not look at.
      Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: endpoint, AWS_PROFILE: 'not-on-this-machine', ...credentials });
      try {
        const { handler } = (await import(pathToFileURL(copy).href)) as { handler: Handler };
        return (await handler(eventFor('GET', '/v1/health/ready', undefined).event, {})).statusCode;
      } finally {
        for (const n of names) {
          if (saved[n] === undefined) delete process.env[n];
          else process.env[n] = saved[n];
        }
        rmSync(copy);
      }
    };
    expect(await ready({ AWS_ACCESS_KEY_ID: 'ASIASHIPPEDTEST', AWS_SECRET_ACCESS_KEY: 'shipped-secret', AWS_SESSION_TOKEN: 'shipped-token' })).toBe(200);
    expect(await ready({})).toBe(503);
  });

  test('every function was invoked by the tests above (run the file whole)', () => {
    expect([...invoked].sort()).toEqual([...functionNames, ...Object.keys(workers)].sort());
  });
});

const tokenHeader = (token: string) => ({ 'X-Aws-Parameters-Secrets-Token': token });

/**
 * A stand-in for the AWS Parameters and Secrets Lambda Extension on a free
 * port: it answers GET /systemsmanager/parameters/get?name= and GET
 * /secretsmanager/get?secretId= from what it was given, only to a caller that
 * sends the function's session token (AWS_SESSION_TOKEN, read when asked), and
 * keeps what it was asked.
 */
async function startExtension(given: { parameters: Record<string, string>; secrets: Record<string, string> }) {
  const asked: { path: string; token: string | undefined }[] = [];
  const server = createServer((req, res) => {
    const token = req.headers['x-aws-parameters-secrets-token'] as string | undefined;
    const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!token || token !== process.env.AWS_SESSION_TOKEN) return answer(401, { message: 'unauthorized' });
    asked.push({ path: req.url!, token });
    const url = new URL(req.url!, 'http://localhost');
    const name = url.searchParams.get('name') ?? '';
    const secretId = url.searchParams.get('secretId') ?? '';
    if (req.method === 'GET' && url.pathname === '/systemsmanager/parameters/get' && name in given.parameters)
      return answer(200, { Parameter: { Name: name, Type: 'String', Value: given.parameters[name] } });
    if (req.method === 'GET' && url.pathname === '/secretsmanager/get' && secretId in given.secrets)
      return answer(200, { ARN: secretId, SecretString: given.secrets[secretId] });
    return answer(400, { message: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://localhost:${port}`,
    asked,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
