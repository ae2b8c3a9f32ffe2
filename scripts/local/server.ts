import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { cors } from '#http/cors.ts';
import { problemOf, problemResponse } from '#http/problem.ts';
import { AppError, InputError, NotFoundError, PayloadTooLargeError, UnauthenticatedError, UnsupportedMediaError, fieldError } from '#shared/errors.ts';
import { msg, negotiate } from '#shared/i18n/messages.ts';
import { fieldErrors } from '#http/parse.ts';
import { routeTable } from '#functions/registry.ts';
import { toHttpApiEvent } from './event.ts';
import { handlerFor, lambdaContext } from './handlers.ts';
import { startTimers, type LocalTimer } from './jobs.ts';
import { createRouter } from './router.ts';
import { serveStatic } from './static.ts';
import { issueToken, TokenRequest, verifyToken } from './tokens.ts';

const maxBodyBytes = 1024 * 1024;
const isApiPath = (path: string) => path === '/v1' || path.startsWith('/v1/') || path.startsWith('/.well-known/');

function send(res: ServerResponse, status: number, headers: Record<string, string | number | boolean>, body?: string) {
  res.writeHead(status, Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])));
  res.end(body);
}

/** CORS as the HTTP API has it: on the API's routes only (the local token route and the pages are same-origin). */
function corsHeaders(req: IncomingMessage, path: string): Record<string, string> {
  if (!req.headers.origin || !isApiPath(path)) return {};
  return {
    'access-control-allow-origin': cors.allowOrigins.includes('*') ? '*' : req.headers.origin,
    'access-control-expose-headers': cors.exposeHeaders.join(','),
  };
}

/**
 * The body, up to 1 MB. A larger one is read to its end (so the client, still
 * sending, gets the answer rather than a reset connection) and refused with 413;
 * past 16 MB the connection is cut, as API Gateway cuts it past 10 MB.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
      else if (size > 16 * maxBodyBytes) req.destroy();
    });
    req.on('end', () => (size > maxBodyBytes ? reject(new PayloadTooLargeError(maxBodyBytes)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** A page reached the local routes by a name that is not this server's (DNS rebinding). */
class HostRefused extends AppError {
  readonly status = 403;
  constructor(host: string) {
    super('local-host-refused', msg('local-host-refused', { host: host.slice(0, 100) }));
  }
}

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The local routes answer only a Host that names this server: a localhost name,
 * or the address the connection actually arrived at, with the port it arrived
 * on. A page of another site whose name was made to resolve to this machine
 * (DNS rebinding) sends its own name, and gets nothing.
 */
export function hostIsOurs(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (url.username || url.password || url.pathname !== '/') return false;
  const port = url.port === '' ? 80 : Number(url.port);
  if (port !== req.socket.localPort) return false;
  const local = (req.socket.localAddress ?? '').replace(/^::ffff:/, '');
  const arrivedAt = local.includes(':') ? `[${local}]` : local;
  const name = url.hostname.toLowerCase();
  return loopbackNames.has(name) || (arrivedAt !== '' && name === arrivedAt);
}

export interface LocalServerOptions {
  /** Where the built pages are (web/dist); omit to serve the API only. */
  webDir?: string;
  /** Runs these scheduled jobs on timers, as EventBridge Scheduler does in AWS (scripts/local/jobs.ts). None when omitted. */
  timers?: readonly LocalTimer[];
}

/**
 * The HTTP API, locally: node:http → the HTTP API v2 event → the very Lambda
 * handler CDK deploys, with JWT checking and CORS as the HTTP API has them.
 */
export function createLocalApi(options: LocalServerOptions = {}) {
  const match = createRouter(routeTable);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const extra = corsHeaders(req, url.pathname);
    try {
      if (method === 'OPTIONS' && req.headers.origin && isApiPath(url.pathname)) {
        return send(res, 204, {
          ...extra,
          'access-control-allow-methods': cors.allowMethods.join(','),
          'access-control-allow-headers': cors.allowHeaders.join(','),
          'access-control-max-age': cors.maxAgeSeconds,
        });
      }
      if (url.pathname === '/config.json' && options.webDir) {
        // In AWS, CDK writes this file next to the pages; locally the pages sign in by phone too, or with the demo accounts.
        return send(res, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }, JSON.stringify({ auth: 'local', apiUrl: '' }));
      }
      if (url.pathname.startsWith('/local/') && !hostIsOurs(req)) throw new HostRefused(req.headers.host ?? '');
      if (url.pathname === '/local/demo-logins' && method === 'GET') {
        const { demoLogins } = await import('./demo-data.ts');
        return send(res, 200, { ...extra, 'content-type': 'application/json' }, JSON.stringify(demoLogins));
      }
      if (url.pathname === '/local/token' && method === 'POST') {
        // JSON only: a page of another site can send a form or text/plain without a preflight, never JSON.
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new UnsupportedMediaError();
        const body = await readBody(req);
        let json: unknown;
        try {
          json = JSON.parse(body.toString('utf8') || 'null');
        } catch {
          throw new InputError([fieldError('body', 'body-not-json')]);
        }
        const parsed = TokenRequest.safeParse(json);
        if (!parsed.success) throw new InputError(fieldErrors('body', parsed.error.issues, json));
        return send(res, 200, { ...extra, 'content-type': 'application/json' }, JSON.stringify({ token: await issueToken(parsed.data) }));
      }
      if (isApiPath(url.pathname)) {
        const found = match(method, url.pathname);
        if (!found) throw new NotFoundError('route');
        let claims: Record<string, string> | undefined;
        if (found.spec.access !== 'public') {
          const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
          claims = token ? await verifyToken(token) : undefined;
          if (!claims) throw new UnauthenticatedError();
        }
        const body = await readBody(req);
        const event = toHttpApiEvent(
          { method, url, headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
          found.spec,
          found.pathParameters,
          claims,
        );
        const handler = await handlerFor(found.spec.fn);
        const result = await handler(event, lambdaContext(found.spec.fn, event.requestContext.requestId));
        return send(res, result.statusCode ?? 200, { ...result.headers, ...extra }, result.body);
      }
      if (options.webDir) {
        if (url.pathname === '/') return send(res, 302, { location: '/partner/' });
        if (await serveStatic(options.webDir, url.pathname, res, req)) return;
      }
      send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found');
    } catch (error) {
      const lang = negotiate(req.headers['accept-language']);
      const problem = problemResponse(problemOf(error, lang), lang);
      if (problem.statusCode === 500) console.error(error);
      send(res, problem.statusCode!, { ...problem.headers, ...extra }, problem.body);
    }
  };
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function createLocalServer(options: LocalServerOptions = {}): Server {
  const api = createLocalApi(options);
  const server = createServer((req, res) => void api(req, res));
  // What node:http refuses before any handler runs (headers too large, a malformed request) is answered as problem+json too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const detail = status === 431 ? 'The request line and headers are too large (over 16 KB).' : 'The request is not valid HTTP.';
    const body = JSON.stringify({
      type: 'about:blank',
      title: status === 431 ? 'Request headers too large' : 'Bad request',
      status,
      detail,
      code: 'bad-request',
    });
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  if (options.timers?.length) {
    const stop = startTimers(options.timers);
    server.on('close', stop);
  }
  return server;
}
