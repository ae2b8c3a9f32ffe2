import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '#domain/access.ts';
import { createLocalServer, listen } from '#scripts/local/server.ts';
import { issueToken } from '#scripts/local/tokens.ts';
import { startTestGateway, type TestGateway } from './bill-gateway.ts';
import { assertContract } from './contract.ts';
import type { OutboxPoller } from '#scripts/local/outbox-poller.ts';
import { startOutbox } from './outbox.ts';
import { startTestSms, type TestSms } from './sms-gateway.ts';

export interface Call {
  token?: string | undefined;
  body?: unknown;
  /** Raw body text or bytes, sent as is (for malformed JSON). */
  rawBody?: string | Uint8Array;
  /** null: no Content-Type header. */
  contentType?: string | null;
  /** An Idempotency-Key; `true` makes a fresh one. */
  key?: string | true | undefined;
  headers?: Record<string, string>;
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
  /** The answer's size on the wire (its body, in bytes). */
  bytes?: number;
}

export interface TestApi {
  url: string;
  call<T = any>(method: string, path: string, options?: Call): Promise<Answer<T>>;
  token(role: Role, stationId?: string, sub?: string): Promise<string>;
  /** The stand-in bill gateway the bills function talks to (its own per test file, as npm start runs one). */
  gateway: TestGateway;
  /** The outbox's consumer on this file's table (scripts/local/outbox-poller.ts), when asked for: `drained()` waits for what was written. */
  outbox: OutboxPoller;
  /** The stand-in SMS gateway the outbox sends through (and whose receipts the API checks). */
  sms: TestSms;
}

export interface ApiOptions {
  /** Consume the outbox as npm start does (the table's stream; a file that checks what commands cause outside the table). */
  outbox?: boolean;
}

/** Starts the local HTTP API (the Lambda handlers behind the HTTP API v2 adapter) for one test file. */
export function useApi(options: ApiOptions = {}): TestApi {
  let server: Server;
  const api: TestApi = {
    url: '',
    async call(method, path, options = {}) {
      // Problems in English unless a test asks for another language (Node's fetch would send "*": zh-CN).
      const headers: Record<string, string> = { 'accept-language': 'en', ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.key) headers['idempotency-key'] = options.key === true ? randomUUID() : options.key;
      let body: string | Uint8Array | undefined;
      if (options.rawBody !== undefined) body = options.rawBody;
      else if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined && options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json';
      const res = await fetch(api.url + path, { method, headers, body: body as BodyInit | undefined });
      const raw = new Uint8Array(await res.arrayBuffer());
      const text = new TextDecoder().decode(raw);
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      assertContract(method, path, res.status, parsed);
      return { status: res.status, body: parsed as any, headers: res.headers, bytes: raw.byteLength };
    },
    token: (role, stationId, sub) => issueToken({ role, stationId, sub }),
    gateway: undefined as unknown as TestGateway,
    outbox: undefined as unknown as OutboxPoller,
    sms: undefined as unknown as TestSms,
  };
  beforeAll(async () => {
    api.gateway = await startTestGateway();
    // The stand-in SMS gateway is always there (the receipts route checks its signatures); its messages leave only with the outbox.
    api.sms = await startTestSms();
    if (options.outbox) api.outbox = await startOutbox();
    server = createLocalServer();
    await listen(server, 0, '127.0.0.1');
    const address = server.address();
    api.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    api.sms?.receiptsTo(`${api.url}/v1/sms/receipts`);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.gateway?.close();
    await api.outbox?.stop();
    await api.sms?.close();
  });
  return api;
}
