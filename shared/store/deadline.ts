import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The deadline of the request being served: every DynamoDB call it makes is
 * aborted when it passes (shared/store/db.ts). Apart from the client, so that
 * the HTTP pipeline can set it without bundling the SDK into functions that
 * touch no data.
 */
const deadline = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with every DynamoDB call it makes bound to `signal` (the request's deadline). */
export function withDeadline<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  return signal ? deadline.run(signal, work) : work();
}

/** The current request's deadline, if it has one. */
export const currentDeadline = (): AbortSignal | undefined => deadline.getStore();
