import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AccountAnswer, PaymentRecord, PayRequest, RefusalReason } from '#gateway/protocol.ts';
import { headers, verify } from '#gateway/signing.ts';

/**
 * The local stand-in for the bill gateway (docs/bill-gateway.md): a real HTTP
 * server on its own port, speaking the same signed protocol as the real one,
 * with the demo accounts of docs/bill-gateway.md "The local stand-in". It keeps
 * its own record of payments by reference and applies each reference at most
 * once. Tests (and anyone curious) can break it on purpose with POST /_faults.
 * Never deployed.
 */
export const localGatewaySecret = 'village-station-local-gateway-secret';

export type FaultMode = 'none' | 'slow' | 'error' | 'drop-answer';
export type Operation = 'lookup' | 'pay' | 'status';

export interface Faults {
  mode: FaultMode;
  /** How many of the next requests it hits (of `operation`, when given: one, or several). */
  times: number;
  operation?: Operation | Operation[];
  /** `slow`: how long each answer is held back (the payment is applied after the wait). */
  delayMs: number;
}

/** A payment as the stand-in keeps it: the record it answers, what was asked, and how many times it was asked. */
export interface KeptPayment {
  record: PaymentRecord;
  request: PayRequest;
  requests: number;
}

interface DemoBiller {
  amountRule: 'EXACT' | 'ANY';
  account(accountNo: string): Omit<AccountAnswer, 'billerCode' | 'accountNo'> | undefined;
}

const phoneHolders = ['张*华', '李*', '王*芳', '刘*强', '陈*', '杨*军', '赵*兰', '黄*'];

/** The demo accounts (docs/bill-gateway.md "The local stand-in"); any other account is unknown. */
export const standInBillers: Record<string, DemoBiller> = {
  CMCC: {
    amountRule: 'ANY',
    account: (n) => (/^1\d{10}$/.test(n) ? { holderName: phoneHolders[Number(n.slice(-1)) % phoneHolders.length]!, dueFen: 0 } : undefined),
  },
  SGCC: {
    amountRule: 'EXACT',
    account: (n) => ({ '3300000001': { holderName: '王*明', dueFen: 12_345 }, '3300000002': { holderName: '李*兰', dueFen: 0 } })[n],
  },
  WATER: {
    amountRule: 'EXACT',
    account: (n) => ({ '5500000001': { holderName: '张*英', dueFen: 4_560 } })[n],
  },
};

export interface StandInOptions {
  secret?: string;
  /** The gateway's clock (tests move it). */
  now?: () => Date;
}

export interface StandIn {
  payments: Map<string, KeptPayment>;
  faults: Faults;
  /** Requests received, by operation (faulty ones included). */
  received: Record<Operation, number>;
  /** Every protocol request received, in order (the benchmark counts a command's gateway calls with it). */
  log: Operation[];
}

const noFaults = (): Faults => ({ mode: 'none', times: 0, delayMs: 0 });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const problem = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { code, message });

function payRequestOf(text: string): PayRequest | undefined {
  try {
    const b = JSON.parse(text) as Partial<PayRequest>;
    if (
      typeof b.reference === 'string' &&
      /^[A-Za-z0-9_-]{8,64}$/.test(b.reference) &&
      typeof b.billerCode === 'string' &&
      typeof b.accountNo === 'string' &&
      Number.isSafeInteger(b.amountFen) &&
      b.amountFen! > 0 &&
      typeof b.notAfter === 'string' &&
      !Number.isNaN(Date.parse(b.notAfter))
    ) {
      return { reference: b.reference, billerCode: b.billerCode, accountNo: b.accountNo, amountFen: b.amountFen!, notAfter: b.notAfter };
    }
  } catch {
    // not JSON
  }
  return undefined;
}

const sameRequest = (a: PayRequest, b: PayRequest) =>
  a.billerCode === b.billerCode && a.accountNo === b.accountNo && a.amountFen === b.amountFen && a.notAfter === b.notAfter;

export function createBillGateway(options: StandInOptions = {}): { server: Server; state: StandIn } {
  const secret = options.secret ?? localGatewaySecret;
  const now = options.now ?? (() => new Date());
  const state: StandIn = { payments: new Map(), faults: noFaults(), received: { lookup: 0, pay: 0, status: 0 }, log: [] };
  let receipts = 0;

  /** Applies a payment (or refuses it for good), once per reference. */
  function apply(request: PayRequest): KeptPayment | 'reference-reused' {
    const kept = state.payments.get(request.reference);
    if (kept) {
      if (!sameRequest(kept.request, request)) return 'reference-reused';
      kept.requests++;
      return kept;
    }
    const refuse = (reason: RefusalReason): PaymentRecord => ({ reference: request.reference, status: 'REFUSED', reason });
    const biller = standInBillers[request.billerCode];
    const account = biller?.account(request.accountNo);
    let record: PaymentRecord;
    if (!biller) record = refuse('unknown-biller');
    else if (!account) record = refuse('unknown-account');
    else if (now().getTime() > Date.parse(request.notAfter)) record = refuse('expired');
    else if (biller.amountRule === 'EXACT' && account.dueFen === 0) record = refuse('nothing-due');
    else if (biller.amountRule === 'EXACT' && request.amountFen !== account.dueFen) record = refuse('wrong-amount');
    else record = { reference: request.reference, status: 'PAID', receiptNo: `GW${String(++receipts).padStart(8, '0')}`, paidAt: now().toISOString() };
    const fresh = { record, request, requests: 1 };
    state.payments.set(request.reference, fresh);
    return fresh;
  }

  /** The fault this request meets, if any (each hit uses up one of `times`). */
  function faultFor(operation: Operation): Faults | undefined {
    const f = state.faults;
    if (f.mode === 'none' || f.times <= 0 || (f.operation && ![f.operation].flat().includes(operation))) return undefined;
    f.times--;
    const hit = { ...f };
    if (f.times === 0) state.faults = noFaults();
    return hit;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const method = req.method ?? 'GET';
    const body = await readBody(req);

    // Test controls: unsigned, local only.
    if (url.pathname === '/_faults' && method === 'POST') {
      const f = JSON.parse(body || '{}') as Partial<Faults>;
      if (!['none', 'slow', 'error', 'drop-answer'].includes(f.mode ?? '')) return problem(res, 400, 'bad-fault', 'mode: none | slow | error | drop-answer');
      state.faults = {
        mode: f.mode!,
        times: f.mode === 'none' ? 0 : (f.times ?? 1),
        delayMs: f.delayMs ?? 5_000,
        ...(f.operation ? { operation: f.operation } : {}),
      };
      return json(res, 200, state.faults);
    }
    if (url.pathname === '/_payments' && method === 'GET') return json(res, 200, { items: [...state.payments.values()] });

    const account = /^\/accounts\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const payment = /^\/payments\/([^/]+)$/.exec(url.pathname);
    const operation: Operation | undefined =
      method === 'GET' && account ? 'lookup' : method === 'POST' && url.pathname === '/payments' ? 'pay' : method === 'GET' && payment ? 'status' : undefined;
    if (!operation) return problem(res, 404, 'no-such-route', `${method} ${url.pathname}`);
    state.received[operation]++;
    state.log.push(operation);

    const verdict = verify(secret, {
      method,
      path: url.pathname + url.search,
      body,
      timestamp: req.headers[headers.timestamp] as string | undefined,
      signature: req.headers[headers.signature] as string | undefined,
    });
    if (!verdict.ok) return problem(res, 401, verdict.code, 'Sign every request with the shared secret (docs/bill-gateway.md).');

    const fault = faultFor(operation);
    if (fault?.mode === 'error') return problem(res, 503, 'unavailable', 'The gateway is down for a moment (a fault asked for by a test).');
    // Slow: the answer comes late (a caller with a deadline has given up by then), yet a payment still goes through.
    if (fault?.mode === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));

    let status = 200;
    let answer: unknown;
    if (operation === 'lookup') {
      const [billerCode, accountNo] = [decodeURIComponent(account![1]!), decodeURIComponent(account![2]!)];
      const found = standInBillers[billerCode]?.account(accountNo);
      if (found) answer = { billerCode, accountNo, ...found };
      else [status, answer] = [404, { code: 'unknown-account', message: `No account ${accountNo} at ${billerCode}.` }];
    } else if (operation === 'pay') {
      const request = payRequestOf(body);
      if (!request) return problem(res, 400, 'bad-request', 'Send { reference, billerCode, accountNo, amountFen, notAfter }.');
      const kept = apply(request);
      if (kept === 'reference-reused') [status, answer] = [409, { code: 'reference-reused', message: 'This reference was already used for another payment.' }];
      else answer = kept.record;
    } else {
      const kept = state.payments.get(decodeURIComponent(payment![1]!));
      if (kept) answer = kept.record;
      else [status, answer] = [404, { code: 'unknown-reference', message: 'No payment with this reference.' }];
    }
    // Applied (or looked up), then the connection is cut before any answer.
    if (fault?.mode === 'drop-answer') return void res.socket?.destroy();
    json(res, status, answer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('bill gateway stand-in:', error);
      if (!res.headersSent) problem(res, 500, 'internal', 'The stand-in failed.');
    });
  });
  return { server, state };
}

export interface RunningGateway {
  url: string;
  state: StandIn;
  close(): Promise<void>;
}

/** Starts the stand-in (port 0: any free port). */
export async function startBillGateway(options: StandInOptions & { port?: number; host?: string } = {}): Promise<RunningGateway> {
  const { server, state } = createBillGateway(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3001, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
