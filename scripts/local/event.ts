import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteSpec } from '#http/route.ts';
import { routeKey } from '#http/route.ts';

export interface IncomingCall {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
}

/** Like API Gateway: header names in lower case, repeated values joined by commas. */
function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'cookie') continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function flatQuery(url: URL): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const name of new Set(url.searchParams.keys())) out[name] = url.searchParams.getAll(name).join(',');
  return Object.keys(out).length ? out : undefined;
}

/** Text bodies go through as text; anything else base64, as HTTP API payload format 2.0 does. */
function isTextual(contentType: string | undefined): boolean {
  return !contentType || /^(text\/|application\/(.+\+)?(json|xml|x-www-form-urlencoded))/i.test(contentType);
}

/** The HTTP API v2 event (payload format 2.0) that API Gateway would hand to the route's Lambda. */
export function toHttpApiEvent(
  call: IncomingCall,
  spec: RouteSpec,
  pathParameters: Record<string, string>,
  claims: Record<string, string> | undefined,
  now = new Date(),
): APIGatewayProxyEventV2 {
  const headers = flatHeaders(call.headers);
  const cookies = call.headers.cookie?.split(/;\s*/).filter(Boolean);
  const textual = isTextual(headers['content-type']);
  const requestId = randomUUID();
  const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } = {
    version: '2.0',
    routeKey: routeKey(spec),
    rawPath: call.url.pathname,
    rawQueryString: call.url.search.replace(/^\?/, ''),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(flatQuery(call.url) ? { queryStringParameters: flatQuery(call.url) } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: {
        method: call.method,
        path: call.url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: call.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: routeKey(spec),
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    isBase64Encoded: call.body.length > 0 && !textual,
    ...(call.body.length > 0 ? { body: textual ? call.body.toString('utf8') : call.body.toString('base64') } : {}),
  };
  return event;
}
