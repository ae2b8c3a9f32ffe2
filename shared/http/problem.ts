import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, type FieldError } from '#shared/errors.ts';

export const problemTypeBase = 'https://village-station.cn/problems/';

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  500: 'Internal error',
  503: 'Service unavailable',
  504: 'Timed out',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

export const baseHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function problemOf(error: unknown): Problem {
  if (error instanceof AppError) {
    return {
      type: problemTypeBase + error.code,
      title: titles[error.status] ?? 'Error',
      status: error.status,
      detail: error.message,
      code: error.code,
      ...(error.errors ? { errors: error.errors } : {}),
    };
  }
  // Never echo internals: the log has them, keyed by the request id.
  return {
    type: problemTypeBase + 'internal',
    title: titles[500]!,
    status: 500,
    detail: 'Something went wrong on our side. Try again; if it keeps happening, tell support the request id.',
    code: 'internal',
  };
}

/** Seconds a client should wait before sending a request refused for a dependency again. */
export const retryAfterSeconds = 2;

export function problemResponse(problem: Problem, requestId?: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: {
      ...baseHeaders,
      'content-type': 'application/problem+json',
      ...(problem.status === 503 || problem.status === 504 ? { 'retry-after': String(retryAfterSeconds) } : {}),
    },
    body: JSON.stringify(requestId ? { ...problem, requestId } : problem),
  };
}
