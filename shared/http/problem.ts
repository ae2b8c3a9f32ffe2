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
}

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
    return {
      type: problemTypeBase + error.code,
      title: titleOf(error.status, lang),
      status: error.status,
      detail: render(error.msg, lang),
      code: error.code,
      ...(error.errors ? { errors: error.errors.map((e) => ({ path: e.path, message: render(e.message, lang), code: fieldCode(e.message) })) } : {}),
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
