import { openDB, type IDBPDatabase } from 'idb';
import { api, ApiError, NetworkError } from './api.ts';

/**
 * Commands wait here (IndexedDB) until the API has them. Each keeps the
 * Idempotency-Key it was created with, so sending it again after a dropped
 * connection, a reload or a day offline never applies it twice.
 */
export interface QueuedCommand {
  key: string;
  method: string;
  path: string;
  body?: unknown;
  /** What the partner sees in the pending list. */
  label: string;
  createdAt: number;
}

export type Outcome<T> = { sent: true; result: T } | { sent: false; queued: true };

let db: Promise<IDBPDatabase> | undefined;
const store = () => (db ??= openDB('village-station', 1, { upgrade: (d) => d.createObjectStore('commands', { keyPath: 'key' }) }));

const listeners = new Set<() => void>();
export const onQueueChange = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const changed = () => listeners.forEach((l) => l());

export async function pending(): Promise<QueuedCommand[]> {
  const all = (await (await store()).getAll('commands')) as QueuedCommand[];
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

/** Answers kept for the submit() calls still waiting for them. */
const waiting = new Set<string>();
const results = new Map<string, { ok: true; result: unknown } | { ok: false; error: ApiError }>();

/** Commands the API refused while no form was waiting for them (sent after a reload or in the background). */
const refused: { key: string; label: string; error: ApiError }[] = [];
export const refusedCommands = () => [...refused];
export function dismissRefused(key: string) {
  const i = refused.findIndex((r) => r.key === key);
  if (i >= 0) refused.splice(i, 1);
  changed();
}
let flushing: Promise<void> | undefined;

/** Sends what waits, oldest first; stops at the first that cannot get through. */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const command of await pending()) {
        try {
          const result = await api(command.method, command.path, { body: command.body, key: command.key });
          if (waiting.has(command.key)) results.set(command.key, { ok: true, result });
        } catch (error) {
          if (error instanceof NetworkError) return;
          if (!(error instanceof ApiError)) throw error;
          if (waiting.has(command.key)) results.set(command.key, { ok: false, error });
          else refused.push({ key: command.key, label: command.label, error });
        }
        await (await store()).delete('commands', command.key);
        changed();
      }
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}

/** Keeps the command, then tries to send everything waiting (this one included). */
export async function submit<T>(command: Omit<QueuedCommand, 'key' | 'createdAt'>): Promise<Outcome<T>> {
  const queued: QueuedCommand = { ...command, key: crypto.randomUUID(), createdAt: Date.now() };
  waiting.add(queued.key);
  await (await store()).put('commands', queued);
  changed();
  await flush();
  // A flush that was already running may have read the queue before this command was in it.
  if (!results.has(queued.key)) await flush();
  const done = results.get(queued.key);
  waiting.delete(queued.key);
  results.delete(queued.key);
  if (!done) return { sent: false, queued: true };
  // A refusal is shown by the form that sent it.
  if (!done.ok) throw done.error;
  return { sent: true, result: done.result as T };
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void flush());
  setInterval(() => void flush(), 15_000);
}
