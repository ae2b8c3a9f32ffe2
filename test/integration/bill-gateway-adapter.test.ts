import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { billGateway, BillGatewayUnavailableError } from '#gateway/bill-gateway.ts';
import { signedHeaders } from '#gateway/signing.ts';
import { loadGatewaySettings } from '#gateway/settings.ts';
import { freePort } from '#scripts/local/ports.ts';
import { localGatewaySecret, startBillGateway, type RunningGateway } from '#scripts/local/bill-gateway.ts';

/** The adapter against the stand-in (the protocol of docs/bill-gateway.md), and where it reads its settings from in AWS. */
let gw: RunningGateway;
beforeAll(async () => {
  gw = await startBillGateway({ port: 0 });
});
afterAll(() => gw.close());

const client = (timeoutMs = 800, url = () => gw.url, secret = localGatewaySecret) => billGateway(async () => ({ url: url(), secret, timeoutMs }));
const fault = (body: unknown) => fetch(`${gw.url}/_faults`, { method: 'POST', body: JSON.stringify(body) });
const faultOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof BillGatewayUnavailableError) return e.fault;
    throw e;
  }
  return 'answered';
};
const notAfter = new Date(Date.now() + 10 * 60_000).toISOString();
const pay = (reference: string, over: Record<string, unknown> = {}) => ({
  reference,
  billerCode: 'SGCC',
  accountNo: '3300000001',
  amountFen: 12_345,
  notAfter,
  ...over,
});

describe('the protocol at the stand-in', () => {
  test('look-up, pay once per reference, status by reference', async () => {
    const g = client();
    expect(await g.lookup('SGCC', '3300000001')).toEqual({ billerCode: 'SGCC', accountNo: '3300000001', holderName: '王*明', dueFen: 12_345 });
    expect(await g.lookup('SGCC', '3300000009')).toBeUndefined();
    expect(await g.status('VSNOTHINGHERE01')).toBeUndefined();
    const first = await g.pay(pay('VSPAYONCE0001'));
    expect(first).toMatchObject({ status: 'PAID', receiptNo: expect.stringMatching(/^GW/) });
    expect(await g.pay(pay('VSPAYONCE0001'))).toEqual(first);
    expect(await g.status('VSPAYONCE0001')).toEqual(first);
    expect(gw.state.payments.get('VSPAYONCE0001')!.requests).toBe(2);
  });

  test('refusals are definite and kept: wrong amount, nothing due, a copy that arrives after notAfter', async () => {
    const g = client();
    expect(await g.pay(pay('VSREFUSE00001', { amountFen: 1 }))).toMatchObject({ status: 'REFUSED', reason: 'wrong-amount' });
    expect(await g.pay(pay('VSREFUSE00002', { accountNo: '3300000002', amountFen: 1 }))).toMatchObject({ status: 'REFUSED', reason: 'nothing-due' });
    const late = pay('VSREFUSE00003', { notAfter: new Date(Date.now() - 1).toISOString() });
    expect(await g.pay(late)).toMatchObject({ status: 'REFUSED', reason: 'expired' });
    expect(await g.status('VSREFUSE00003')).toMatchObject({ status: 'REFUSED', reason: 'expired' });
  });

  test('a reference is never reused for another payment; unsigned or wrongly signed requests are refused', async () => {
    const g = client();
    await g.pay(pay('VSREUSED00001'));
    expect(await faultOf(g.pay(pay('VSREUSED00001', { accountNo: '5500000001', amountFen: 4_560 })))).toBe('refused-request');
    expect((await fetch(`${gw.url}/payments/VSREUSED00001`)).status).toBe(401);
    expect(await faultOf(client(800, () => gw.url, 'not-the-gateways-secret').lookup('SGCC', '3300000001'))).toBe('refused-request');
    const stale = signedHeaders(localGatewaySecret, 'GET', '/payments/VSREUSED00001', '', Date.now() - 10 * 60_000);
    expect((await fetch(`${gw.url}/payments/VSREUSED00001`, { headers: stale })).status).toBe(401);
  });
});

describe('faults, and what the adapter makes of them', () => {
  test('slow past the deadline: a timeout, within the deadline; the payment still goes through at the gateway', async () => {
    await fault({ mode: 'slow', times: 1, delayMs: 1_500, operation: 'pay' });
    const started = Date.now();
    expect(await faultOf(client(300).pay(pay('VSSLOW0000001')))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_200);
    await new Promise((r) => setTimeout(r, 1_600));
    expect(gw.state.payments.get('VSSLOW0000001')?.record.status).toBe('PAID');
  });

  test('5xx: a server error, nothing applied', async () => {
    await fault({ mode: 'error', times: 1, operation: 'pay' });
    expect(await faultOf(client().pay(pay('VSERROR000001')))).toBe('server-error');
    expect(gw.state.payments.has('VSERROR000001')).toBe(false);
  });

  test('drop-answer: applied, and the connection cut with no answer', async () => {
    await fault({ mode: 'drop-answer', times: 1, operation: 'pay' });
    expect(await faultOf(client().pay(pay('VSDROP0000001')))).toBe('unreachable');
    expect(gw.state.payments.get('VSDROP0000001')?.record.status).toBe('PAID');
  });

  test('never reached: nothing listening', async () => {
    const port = await freePort();
    expect(await faultOf(client(800, () => `http://127.0.0.1:${port}`).lookup('SGCC', '3300000001'))).toBe('unreachable');
  });

  test('faults hit only the operation asked for, as many times as asked, then stop', async () => {
    await fault({ mode: 'error', times: 2, operation: 'lookup' });
    const g = client();
    expect(await faultOf(g.status('VSNOTHINGHERE02'))).toBe('answered');
    expect(await faultOf(g.lookup('SGCC', '3300000001'))).toBe('server-error');
    expect(await faultOf(g.lookup('SGCC', '3300000001'))).toBe('server-error');
    expect(await faultOf(g.lookup('SGCC', '3300000001'))).toBe('answered');
  });
});

describe('settings in AWS: the URL from SSM and the secret from Secrets Manager, through the Parameters and Secrets extension', () => {
  let extension: Server;
  let port: number;
  const seen: string[] = [];
  beforeAll(async () => {
    port = await freePort();
    extension = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers['x-aws-parameters-secrets-token']}`);
      if (req.headers['x-aws-parameters-secrets-token'] !== 'session-token') return void res.writeHead(401).end();
      const url = new URL(req.url!, 'http://x');
      if (url.pathname === '/systemsmanager/parameters/get' && url.searchParams.get('name') === '/village-station/dev/bill-gateway/url') {
        return void res.end(JSON.stringify({ Parameter: { Name: url.searchParams.get('name'), Value: 'https://gateway.example.cn/' } }));
      }
      if (url.pathname === '/secretsmanager/get' && url.searchParams.get('secretId') === 'arn:aws:secretsmanager:cn-north-1:1:secret:gw') {
        return void res.end(JSON.stringify({ SecretString: 'signing-secret-from-secrets-manager' }));
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => extension.listen(port, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => extension.close(() => r())));

  const aws = {
    BILL_GATEWAY_URL_PARAMETER: '/village-station/dev/bill-gateway/url',
    BILL_GATEWAY_SECRET_ID: 'arn:aws:secretsmanager:cn-north-1:1:secret:gw',
    AWS_SESSION_TOKEN: 'session-token',
  };

  test('read from the extension with the session token', async () => {
    expect(await loadGatewaySettings({ ...aws, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port), BILL_GATEWAY_TIMEOUT_MS: '2500' })).toEqual({
      url: 'https://gateway.example.cn',
      secret: 'signing-secret-from-secrets-manager',
      timeoutMs: 2500,
    });
    expect(seen.every((s) => s.endsWith(' session-token'))).toBe(true);
  });

  test('locally, straight from the environment; missing settings say which', async () => {
    expect(await loadGatewaySettings({ BILL_GATEWAY_URL: 'http://127.0.0.1:3001', BILL_GATEWAY_SECRET: localGatewaySecret })).toEqual({
      url: 'http://127.0.0.1:3001',
      secret: localGatewaySecret,
      timeoutMs: 3000,
    });
    await expect(loadGatewaySettings({})).rejects.toThrow(/BILL_GATEWAY_URL_PARAMETER/);
    await expect(loadGatewaySettings({ ...aws, AWS_SESSION_TOKEN: 'wrong', PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port) })).rejects.toThrow(/401/);
  });
});
