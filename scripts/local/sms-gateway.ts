import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { headers, signedHeaders, verify } from '#gateway/signing.ts';
import {
  limits,
  render,
  segmentsOf,
  sendDate,
  signName,
  templates,
  variableOk,
  type Receipt,
  type SendRequest,
  type SentItem,
  type SmsErrorCode,
  type TemplateCode,
} from '#gateway/sms-protocol.ts';

/**
 * The local stand-in for the SMS gateway (docs/sms-gateway.md): a real HTTP
 * server on its own port speaking the same signed protocol as the real one. It
 * checks the signature, the template and its typed variables, enforces the
 * per-number limits in Asia/Shanghai natural windows, keeps what it sent (and,
 * like the real services, sends the same request twice if asked twice), and
 * pushes signed delivery receipts, retried after 1, 5 and 10 minutes. A number
 * ending in 0000 never receives: its receipts say UNDELIVERED. Tests break it
 * on purpose with POST /_faults and read what it sent with GET /_messages.
 * Never deployed.
 */
export const localSmsSecret = 'village-station-local-sms-secret';

export type SmsFaultMode = 'none' | 'slow' | 'error' | 'drop-answer' | 'undelivered' | 'lose-receipts';

export interface SmsFaults {
  mode: SmsFaultMode;
  /** How many of the next sends it hits. */
  times: number;
  /** `slow`: how long each answer is held back (the message is sent after the wait). */
  delayMs: number;
}

export interface StandInSms extends SentItem {
  params: Record<string, string>;
  /** Receipts pushed and answered `{ code: 0 }`. */
  receiptAccepted: boolean;
  /** Times the receipt was pushed. */
  receiptPushes: number;
}

export interface SmsGatewayOptions {
  secret?: string;
  /** Where receipts go (the system's POST /v1/sms/receipts); settable later with `receiptsTo`. */
  receiptUrl?: string;
  /** From sending to the phone reporting back. */
  deliveryDelayMs?: number;
  /** When a receipt is not answered `{ code: 0 }`, pushed again after these (the real services: 1, 5 and 10 minutes). */
  receiptRetryMs?: readonly number[];
  now?: () => Date;
  /** Told of each message sent (`npm start` prints the demo phones' sign-in codes). */
  onSent?: (message: StandInSms) => void;
}

export interface SmsStandIn {
  messages: StandInSms[];
  faults: SmsFaults;
  /** Sends received (refused and faulty ones included). */
  sendRequests: number;
}

const noFaults = (): SmsFaults => ({ mode: 'none', times: 0, delayMs: 0 });

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

const shanghai = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString();

/** The number's messages of a template's kind in the Shanghai window that `now` is in. */
function countIn(messages: readonly StandInSms[], phone: string, template: TemplateCode, window: 'minute' | 'hour' | 'day', now: Date): number {
  const width = { minute: 16, hour: 13, day: 10 }[window];
  const current = shanghai(now).slice(0, width);
  const kind = templates[template].kind;
  return messages.filter(
    (m) =>
      m.phone === phone &&
      shanghai(new Date(m.sendTime)).slice(0, width) === current &&
      (kind === 'CODE' ? templates[m.templateCode as TemplateCode]?.kind === 'CODE' : m.templateCode === template),
  ).length;
}

/** Why a send is refused, as the real services say it; undefined when it may go. */
export function refusal(state: SmsStandIn, request: Partial<SendRequest>, now: Date): { code: SmsErrorCode; message: string } | undefined {
  if (typeof request.phone !== 'string' || !/^1\d{10}$/.test(request.phone)) return { code: 'MOBILE_NUMBER_ILLEGAL', message: '手机号码格式错误' };
  if (request.signName !== signName) return { code: 'SIGNATURE_ILLEGAL', message: '签名不合法（不存在或被拉黑）' };
  const template = templates[request.templateCode as TemplateCode] as (typeof templates)[TemplateCode] | undefined;
  if (!template || !Object.hasOwn(templates, request.templateCode!)) return { code: 'TEMPLATE_ILLEGAL', message: '模板不合法（不存在或被拉黑）' };
  const params = request.params ?? {};
  for (const [name, type] of Object.entries(template.variables)) {
    const value = params[name];
    if (typeof value !== 'string' || value === '') return { code: 'TEMPLATE_MISSING_PARAMETERS', message: `模板缺少变量 ${name}` };
    if (!variableOk(type, value)) return { code: 'PARAM_LENGTH_LIMIT', message: `变量 ${name} 不符合 ${type} 类型的规定` };
  }
  const code = request.templateCode as TemplateCode;
  if (template.kind === 'CODE') {
    for (const window of ['minute', 'hour', 'day'] as const) {
      if (countIn(state.messages, request.phone, code, window, now) >= limits.CODE[window]) {
        const words = { minute: '每分钟 1 条', hour: '每小时 5 条', day: '每天 10 条' }[window];
        return { code: 'BUSINESS_LIMIT_CONTROL', message: `触发号码${window}级流控（验证码${words}）` };
      }
    }
  } else if (countIn(state.messages, request.phone, code, 'day', now) >= limits.NOTICE.day) {
    return { code: 'BUSINESS_LIMIT_CONTROL', message: '触发号码天级流控（同一模板每天 50 条）' };
  }
  return undefined;
}

export interface SmsClock {
  /** Sets the gateway's clock to `at` (its windows count from it), moving on in real time from there; undefined: the real clock. */
  setClock(at: Date | undefined): void;
  /** Moves the gateway's clock on. */
  advance(ms: number): void;
}

export function createSmsGateway(options: SmsGatewayOptions = {}): { server: Server; state: SmsStandIn; receiptsTo(url: string): void } & SmsClock {
  const secret = options.secret ?? localSmsSecret;
  let offsetMs = 0;
  const now = options.now ?? (() => new Date(Date.now() + offsetMs));
  const deliveryDelayMs = options.deliveryDelayMs ?? 500;
  const retries = options.receiptRetryMs ?? [60_000, 300_000, 600_000];
  let receiptUrl = options.receiptUrl;
  const state: SmsStandIn = { messages: [], faults: noFaults(), sendRequests: 0 };
  let bizIds = 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
  };

  /** Takes one use of the current fault, if it is this one. */
  const fault = (mode: SmsFaultMode): boolean => {
    if (state.faults.mode !== mode || state.faults.times <= 0) return false;
    state.faults.times -= 1;
    if (state.faults.times === 0) state.faults = noFaults();
    return true;
  };

  async function pushReceipt(message: StandInSms, attempt: number): Promise<void> {
    if (!receiptUrl) return;
    const receipt: Receipt = {
      phone_number: message.phone,
      send_time: message.sendTime,
      report_time: message.reportTime!,
      success: message.status === 'DELIVERED',
      err_code: message.errCode ?? 'DELIVERED',
      biz_id: message.bizId,
      out_id: message.outId,
    };
    const body = JSON.stringify([receipt]);
    const path = new URL(receiptUrl).pathname;
    message.receiptPushes += 1;
    try {
      const res = await fetch(receiptUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(secret, 'POST', path, body, now().getTime()) },
        body,
        signal: AbortSignal.timeout(5_000),
      });
      const answer = (await res.json().catch(() => undefined)) as { code?: unknown } | undefined;
      if (res.status === 200 && answer?.code === 0) {
        message.receiptAccepted = true;
        return;
      }
    } catch {
      // not answered: retried below
    }
    const wait = retries[attempt];
    if (wait !== undefined) later(wait, () => void pushReceipt(message, attempt + 1));
  }

  function deliver(message: StandInSms, undelivered: boolean, receiptLost: boolean) {
    later(deliveryDelayMs, () => {
      const failed = undelivered || message.phone.endsWith('0000');
      message.status = failed ? 'UNDELIVERED' : 'DELIVERED';
      message.reportTime = now().toISOString();
      if (failed) message.errCode = message.phone.endsWith('0000') ? 'MOBILE_NOT_ON_SERVICE' : 'DELIVRD_TIMEOUT';
      if (!receiptLost) void pushReceipt(message, 0);
    });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = await readBody(req);
      const method = req.method ?? 'GET';
      if (url.pathname === '/_faults' && method === 'POST') {
        const f = JSON.parse(body || '{}') as Partial<SmsFaults>;
        state.faults = { mode: f.mode ?? 'none', times: f.times ?? 1, delayMs: f.delayMs ?? 5_000 };
        return json(res, 200, state.faults);
      }
      if (url.pathname === '/_messages' && method === 'GET') {
        const phone = url.searchParams.get('phone');
        return json(res, 200, { items: state.messages.filter((m) => !phone || m.phone === phone) });
      }
      const verdict = verify(secret, {
        method,
        path: url.pathname + url.search,
        body,
        timestamp: req.headers[headers.timestamp] as string | undefined,
        signature: req.headers[headers.signature] as string | undefined,
      });
      if (!verdict.ok) return json(res, 403, { code: 'SIGNATURE_DOES_NOT_MATCH', message: verdict.code });
      if (url.pathname === '/sms/sent' && method === 'GET') {
        const phone = url.searchParams.get('phone') ?? '';
        const date = url.searchParams.get('date') ?? '';
        const items = state.messages
          .filter((m) => m.phone === phone && sendDate(new Date(m.sendTime)) === date)
          .map(({ params: _params, receiptAccepted: _a, receiptPushes: _p, ...item }) => item);
        return json(res, 200, { code: 'OK', items });
      }
      if (url.pathname === '/sms/send' && method === 'POST') {
        state.sendRequests += 1;
        if (fault('error')) return json(res, 500, { code: 'ServiceUnavailable', message: 'The request has failed due to a temporary failure of the server.' });
        let request: Partial<SendRequest>;
        try {
          request = JSON.parse(body) as Partial<SendRequest>;
        } catch {
          return json(res, 400, { code: 'InvalidParameter', message: 'body is not JSON' });
        }
        const delay = state.faults.delayMs;
        if (fault('slow')) await new Promise((r) => setTimeout(r, delay || 5_000));
        const refused = refusal(state, request, now());
        if (refused) return json(res, 200, refused);
        const params = request.params!;
        const content = render(request.templateCode as TemplateCode, params);
        const message: StandInSms = {
          bizId: `${now().getTime()}^${++bizIds}`,
          outId: String(request.outId ?? ''),
          phone: request.phone!,
          templateCode: request.templateCode!,
          params,
          content,
          segments: segmentsOf(content),
          sendTime: now().toISOString(),
          status: 'SENDING',
          receiptAccepted: false,
          receiptPushes: 0,
        };
        state.messages.push(message);
        options.onSent?.(message);
        deliver(message, fault('undelivered'), fault('lose-receipts'));
        if (fault('drop-answer')) {
          req.socket.destroy();
          return;
        }
        return json(res, 200, { code: 'OK', bizId: message.bizId, message: 'OK' });
      }
      json(res, 404, { code: 'NotFound', message: 'no such operation' });
    })().catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { code: 'InternalError', message: String(error) });
    });
  });
  server.on('close', () => timers.forEach((t) => clearTimeout(t)));
  return {
    server,
    state,
    receiptsTo(url) {
      receiptUrl = url;
    },
    setClock(at) {
      offsetMs = at ? at.getTime() - Date.now() : 0;
    },
    advance(ms) {
      offsetMs += ms;
    },
  };
}

export interface RunningSmsGateway extends SmsClock {
  url: string;
  state: SmsStandIn;
  receiptsTo(url: string): void;
  close(): Promise<void>;
}

/** Starts the stand-in on a port (0: any free one) of 127.0.0.1. */
export async function startSmsGateway(options: SmsGatewayOptions & { port?: number } = {}): Promise<RunningSmsGateway> {
  const { server, state, receiptsTo, setClock, advance } = createSmsGateway(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    receiptsTo,
    setClock,
    advance,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
