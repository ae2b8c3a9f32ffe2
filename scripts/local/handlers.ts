import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { FunctionName } from '#functions/registry.ts';
import { timeouts } from '#shared/timeouts.ts';

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The very handlers Lambda runs, one per function (functions/<name>/index.ts), loaded on first use. */
const load = (fn: FunctionName) => import(`#functions/${fn}/index.ts`) as Promise<{ handler: unknown }>;

const loaded = new Map<FunctionName, LambdaHandler>();

export async function handlerFor(fn: FunctionName): Promise<LambdaHandler> {
  let handler = loaded.get(fn);
  if (!handler) {
    handler = (await load(fn)).handler as LambdaHandler;
    loaded.set(fn, handler);
  }
  return handler;
}

/** The context Lambda hands a handler; its clock runs from now to the function's timeout, as in AWS. */
export function lambdaContext(fn: FunctionName, requestId: string): Context {
  const endsAt = Date.now() + timeouts.functionSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${fn}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:local-${fn}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/local-${fn}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
