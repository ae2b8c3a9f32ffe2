import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { db } from '#store/db.ts';

/**
 * Watches and disturbs the DynamoDB calls the handlers make, in-process, while
 * every call that is let through goes to the real DynamoDB Local.
 */
type Step = (commandName: string, input: Record<string, unknown>, send: () => Promise<unknown>) => Promise<unknown>;

let installed = false;
let current: Step | undefined;

function install(client: DynamoDBDocumentClient) {
  if (installed) return;
  installed = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const step = current;
      if (!step) return next(args);
      return step(String(context.commandName), args.input as Record<string, unknown>, () => next(args)) as ReturnType<typeof next>;
    },
    { step: 'initialize', name: 'testInterceptor', priority: 'high' },
  );
}

export function intercept(step: Step | undefined): void {
  install(db());
  current = step;
}

/** The names of the commands sent while `run` runs. */
export async function recordCalls<T>(run: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const calls: string[] = [];
  intercept(async (name, _input, send) => {
    calls.push(name.replace(/Command$/, ''));
    return send();
  });
  try {
    return { result: await run(), calls };
  } finally {
    intercept(undefined);
  }
}

/** The client's write commands, by the names the middleware sees (the document client sends them as these). */
const writeCommands = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

/**
 * The writes DynamoDB accepted while `run` runs (a write it refused, such as a
 * failed condition, wrote nothing and is not listed): every item the handlers
 * write goes through this client, so none listed means nothing was written, as
 * a scan of the table before and after would show, without scanning it.
 */
export async function writesDuring<T>(run: () => Promise<T>): Promise<{ result: T; writes: string[] }> {
  const writes: string[] = [];
  intercept(async (name, _input, send) => {
    const out = await send();
    if (writeCommands.has(name)) writes.push(name.replace(/Command$/, ''));
    return out;
  });
  try {
    return { result: await run(), writes };
  } finally {
    intercept(undefined);
  }
}

export const faults = {
  throttling: () =>
    Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
      name: 'ThrottlingException',
      $fault: 'client',
      $retryable: { throttling: true },
      $metadata: { httpStatusCode: 400 },
    }),
  transactionConflict: (items: number) =>
    Object.assign(new Error('Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]'), {
      name: 'TransactionCanceledException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      CancellationReasons: Array.from({ length: items }, (_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' })),
    }),
  timeout: () => Object.assign(new Error('socket timed out'), { name: 'TimeoutError', code: 'ETIMEDOUT', $metadata: {} }),
};

export type FaultKind = 'throttling' | 'transaction-conflict' | 'timeout' | 'lost-response';

/**
 * Fails the `nth` DynamoDB call (1-based) once with the given fault. A
 * lost response lets the call reach DynamoDB (so it takes effect) and then
 * loses the answer, as a dropped connection after commit would.
 */
export function injectFault(kind: FaultKind, nth: number): { fired: () => boolean } {
  let count = 0;
  let fired = false;
  intercept(async (name, input, send) => {
    count++;
    if (count !== nth || fired) return send();
    fired = true;
    if (kind === 'lost-response') {
      await send();
      throw faults.timeout();
    }
    if (kind === 'transaction-conflict') {
      // Only a transaction can conflict; other calls see throttling instead.
      if (name === 'TransactWriteItemsCommand') throw faults.transactionConflict(((input.TransactItems as unknown[]) ?? []).length);
      throw faults.throttling();
    }
    throw kind === 'throttling' ? faults.throttling() : faults.timeout();
  });
  return { fired: () => fired };
}
