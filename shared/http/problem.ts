import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError } from '#shared/errors.ts';
import { isMessageKey, msg, render, type Lang, type Msg } from '#shared/i18n/messages.ts';

export const problemTypeBase = 'https://village-station.cn/problems/';

/** A wrong field as the client reads it: where, what to do (in the client's language), and a stable code. */
export interface FieldProblem {
  path: string;
  message: string;
  code: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblem[];
  /** Wrong fields beyond those listed. */
  errorsOmitted?: number;
}

/**
 * An answer names at most this many wrong fields, and counts the rest: a body
 * of 80,000 unknown keys, or a CSV of 5,000 bad lines, would otherwise answer
 * megabytes (Lambda refuses answers over 6 MB). The first ones are the ones to
 * correct first.
 */
export const maxListedErrors = 50;
/** A field's path is what the client sent (a key of its body): cut to this many characters. */
export const maxPathChars = 200;
/** A message or detail is ours, but may quote what the client sent: cut to this many characters. */
export const maxTextChars = 1_000;

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const counted = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const baseHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

const titleOf = (status: number, lang: Lang) => {
  const key = `title.${status}`;
  return render(msg(isMessageKey(key) ? key : 'title.error'), lang);
};

/** A field message's stable code: its catalogue key without the `field.` prefix. */
const fieldCode = (m: Msg) => m.key.replace(/^field\./, '');

/** The problem+json of an error, in the client's language (docs/rules.md "Errors"). */
export function problemOf(error: unknown, lang: Lang = 'zh-CN'): Problem {
  if (error instanceof AppError) {
    const listed = error.errors?.slice(0, maxListedErrors);
    const omitted = (error.errors?.length ?? 0) - (listed?.length ?? 0);
    const detail = render(error.msg, lang) + (omitted > 0 ? render(msg('errors-omitted', { count: counted(omitted) }), lang) : '');
    return {
      type: problemTypeBase + error.code,
      title: titleOf(error.status, lang),
      status: error.status,
      detail: cut(detail, maxTextChars),
      code: error.code,
      ...(listed
        ? {
            errors: listed.map((e) => ({
              path: cut(e.path, maxPathChars),
              message: cut(render(e.message, lang), maxTextChars),
              code: fieldCode(e.message),
            })),
          }
        : {}),
      ...(omitted > 0 ? { errorsOmitted: omitted } : {}),
    };
  }
  // Never echo internals: the log has them, keyed by the request id.
  return { type: problemTypeBase + 'internal', title: titleOf(500, lang), status: 500, detail: render(msg('internal'), lang), code: 'internal' };
}

/** The headers of an answer in one language (a problem, or a stored answer holding one). */
export const languageHeaders = (lang: Lang) => ({ 'content-language': lang, vary: 'Accept-Language' });

/** Seconds a client should wait before sending a request refused for a dependency again. */
export const retryAfterSeconds = 2;

export function problemResponse(problem: Problem, lang: Lang, requestId?: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: {
      ...baseHeaders,
      'content-type': 'application/problem+json',
      ...languageHeaders(lang),
      ...(problem.status === 503 || problem.status === 504 ? { 'retry-after': String(retryAfterSeconds) } : {}),
    },
    body: JSON.stringify(requestId ? { ...problem, requestId } : problem),
  };
}
