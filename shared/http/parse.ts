import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { InputError, UnsupportedMediaError, type FieldError, fieldError } from '#shared/errors.ts';
import { isMessageKey, msg, type Msg } from '#shared/i18n/messages.ts';

/**
 * A zod issue as a catalogue message. A schema's own message is a catalogue key
 * (e.g. 'field.phone'); otherwise the issue's kind and bounds choose one, so
 * zod's English never reaches a person.
 */
export function issueMessage(issue: z.core.$ZodIssue, input?: unknown): Msg {
  const bounds = issue as { minimum?: number | bigint; maximum?: number | bigint; origin?: string; inclusive?: boolean };
  const custom = issue.code === 'custom' && issue.params ? (issue.params as Record<string, string | number>) : {};
  const params = {
    ...custom,
    ...(bounds.minimum !== undefined ? { min: Number(bounds.minimum) } : {}),
    ...(bounds.maximum !== undefined ? { max: Number(bounds.maximum) } : {}),
  };
  if (isMessageKey(issue.message)) return msg(issue.message, params);
  const missing = valueAt(input, issue.path) === undefined;
  switch (issue.code) {
    case 'invalid_type': {
      if (missing) return msg('field.required');
      const expected = ['string', 'number', 'int', 'boolean', 'object', 'array'].includes(issue.expected) ? issue.expected : 'other';
      return msg('field.type', { expected });
    }
    case 'too_small':
      if (bounds.origin === 'string') return bounds.minimum === 1 ? msg('field.empty') : msg('field.tooShort', params);
      if (bounds.origin === 'array' || bounds.origin === 'set') return msg('field.fewItems', params);
      return bounds.inclusive === false ? msg('field.moreThan', params) : msg('field.min', params);
    case 'too_big':
      if (bounds.origin === 'string') return msg('field.tooLong', params);
      if (bounds.origin === 'array' || bounds.origin === 'set') return msg('field.manyItems', params);
      return bounds.inclusive === false ? msg('field.lessThan', params) : msg('field.max', params);
    case 'invalid_value':
      return missing ? msg('field.required') : msg('field.oneOf', { values: issue.values.map(String) });
    case 'not_multiple_of':
      return msg('field.wholeNumber');
    default:
      return msg('field.invalid');
  }
}

/** What the client sent at an issue's path (zod keeps no input in its issues). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Zod issues → one FieldError per wrong field, prefixed with where the field lives. */
export function fieldErrors(where: string, issues: readonly z.core.$ZodIssue[], input?: unknown): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = [where, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(fieldError(`${base}.${key}`, 'field.notAccepted'));
    } else {
      out.push({ path: base, message: issueMessage(issue, input) });
    }
  }
  return out;
}

export function parsePart<S extends z.ZodMiniType>(where: string, schema: S | undefined, value: unknown, errors: FieldError[]): z.output<S> | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  errors.push(...fieldErrors(where, result.error.issues, value));
  return undefined;
}

/** The JSON body, or undefined when there is none. Non-JSON is refused before any schema runs. */
export function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) throw new UnsupportedMediaError();
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new InputError([fieldError('body', 'body-not-json')]);
  }
  const tooDeep = nestedBeyond(body, maxBodyDepth);
  if (tooDeep !== undefined) {
    throw new InputError([fieldError(tooDeep, 'too-deep', { max: maxBodyDepth })]);
  }
  return body;
}

/** No request of the API nests anywhere near this deep; anything deeper is refused before any code walks it. */
export const maxBodyDepth = 32;

/**
 * Where `value` nests deeper than `limit` (the path of its top-level field, or
 * "body" for the body itself), or undefined. Iterative, so no input can
 * overflow the stack here; everything after it (the schemas, the request's
 * fingerprint) walks at most `limit` levels.
 */
export function nestedBeyond(value: unknown, limit: number): string | undefined {
  const stack: [unknown, number, string][] = [[value, 0, 'body']];
  while (stack.length > 0) {
    const [node, depth, path] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth >= limit) return path;
    const children = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [k, child] of children) stack.push([child, depth + 1, depth === 0 ? `body.${k}` : path]);
  }
  return undefined;
}

/** Canonical JSON (sorted keys) so that the same request always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
