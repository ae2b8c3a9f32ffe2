import { openDB, type IDBPDatabase } from 'idb';
import { api, ApiError, NetworkError, type Problem } from './api.ts';

/**
 * One form, one intent, one effect. A form instance holds an Idempotency-Key
 * from the moment it is shown: every tap, retry, reload or background send of
 * what the partner asked for carries that key, so the API applies it once.
 * Once asked, the form is locked (pending) until the API has answered; the
 * answer (a result, or a refusal naming the fields) is kept with the intent,
 * in IndexedDB, so the form shows it after a reload, and the pending list
 * shows what was sent while the partner was elsewhere. A refusal applied
 * nothing: the corrected form is a new attempt, with a new key.
 */
export interface Command {
  method: string;
  path: string;
  body?: unknown;
  /** What the partner sees in the pending list. */
  label: string;
}

export type IntentState = 'pending' | 'done' | 'refused';

export interface Intent<T = unknown> {
  /** Which form: one live intent per form ('order:new', 'pay:<orderId>', 'remit', …). */
  formId: string;
  key: string;
  state: IntentState;
  command: Command;
  /** The form's fields when it was sent, so a reload shows the locked form as it was. */
  draft?: unknown;
  /** An order placed: its answer is the villager's receipt. */
  kind?: 'order';
  queuedAt: number;
  result?: T;
  problem?: Problem;
  settledAt?: number;
  /** The form it belongs to has shown its outcome. */
  seen?: boolean;
}

/** The receipt of an order as placed: the only answer that carries the delivery code. */
export interface StoredReceipt {
  orderId: string;
  deliveryCode: string;
  [field: string]: unknown;
}

let db: Promise<IDBPDatabase> | undefined;
const open = () =>
  (db ??= openDB('village-station', 2, {
    upgrade(d, oldVersion, _newVersion, tx) {
      if (!d.objectStoreNames.contains('intents')) d.createObjectStore('intents', { keyPath: 'formId' });
      if (!d.objectStoreNames.contains('receipts')) d.createObjectStore('receipts', { keyPath: 'orderId' });
      if (oldVersion === 1 && d.objectStoreNames.contains('commands')) {
        // Commands queued by the version before intents: each becomes an intent of its own, same key.
        const old = tx.objectStore('commands');
        void old.getAll().then((commands: { key: string; method: string; path: string; body?: unknown; label: string; createdAt: number }[]) => {
          for (const c of commands) {
            void tx.objectStore('intents').put({
              formId: `queued:${c.key}`,
              key: c.key,
              state: 'pending',
              command: { method: c.method, path: c.path, body: c.body, label: c.label },
              queuedAt: c.createdAt,
            } satisfies Intent);
          }
          d.deleteObjectStore('commands');
        });
      }
    },
  }));

const listeners = new Set<() => void>();
export const onIntentsChange = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const changed = () => listeners.forEach((l) => l());

export const newKey = () => crypto.randomUUID();

/** Forms on screen now: their outcomes are said where the partner is looking, not again in the pending list. */
const onScreen = new Map<string, number>();
export const isOnScreen = (formId: string) => (onScreen.get(formId) ?? 0) > 0;
export function showing(formId: string): () => void {
  onScreen.set(formId, (onScreen.get(formId) ?? 0) + 1);
  changed();
  return () => {
    onScreen.set(formId, (onScreen.get(formId) ?? 1) - 1);
    changed();
  };
}

export async function allIntents(): Promise<Intent[]> {
  const all = (await (await open()).getAll('intents')) as Intent[];
  return all.sort((a, b) => a.queuedAt - b.queuedAt);
}

export async function loadIntent<T>(formId: string): Promise<Intent<T> | undefined> {
  return (await (await open()).get('intents', formId)) as Intent<T> | undefined;
}

export async function forget(formId: string): Promise<void> {
  await (await open()).delete('intents', formId);
  changed();
}

export async function markSeen(formId: string): Promise<void> {
  const d = await open();
  const intent = (await d.get('intents', formId)) as Intent | undefined;
  if (intent && intent.state !== 'pending' && !intent.seen) {
    await d.put('intents', { ...intent, seen: true });
    changed();
  }
}

export async function receipt(orderId: string): Promise<StoredReceipt | undefined> {
  return (await (await open()).get('receipts', orderId)) as StoredReceipt | undefined;
}

/** Orders placed on this device whose receipt carries this delivery code (the API never lists codes). */
export async function ordersWithCode(code: string): Promise<string[]> {
  const all = (await (await open()).getAll('receipts')) as StoredReceipt[];
  return all.filter((r) => r.deliveryCode === code).map((r) => r.orderId);
}

/**
 * Keeps the intent (locked) and sends it. If the form already has one waiting,
 * that one stands and nothing new is asked: a second tap, a second tab or a tap
 * after a reload adds no effect.
 */
export async function ask(intent: Omit<Intent, 'state' | 'queuedAt'>): Promise<Intent> {
  const d = await open();
  const tx = d.transaction('intents', 'readwrite');
  const existing = (await tx.store.get(intent.formId)) as Intent | undefined;
  let kept: Intent;
  if (existing && (existing.state === 'pending' || (existing.state === 'done' && existing.key === intent.key))) kept = existing;
  else {
    kept = { ...intent, state: 'pending', queuedAt: Date.now() };
    await tx.store.put(kept);
  }
  await tx.done;
  changed();
  await flush();
  return (await loadIntent(intent.formId)) ?? kept;
}

let flushing: Promise<void> | undefined;

/** Sends what waits, oldest first; stops at the first that cannot get through (it stays, as do those after it). */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    try {
      const d = await open();
      for (const intent of (await allIntents()).filter((i) => i.state === 'pending')) {
        let settled: Intent;
        try {
          const result = await api(intent.command.method, intent.command.path, { body: intent.command.body, key: intent.key });
          settled = { ...intent, state: 'done', result, settledAt: Date.now() };
          if (intent.kind === 'order') await d.put('receipts', result as StoredReceipt);
        } catch (error) {
          if (error instanceof NetworkError) return;
          if (!(error instanceof ApiError)) throw error;
          settled = { ...intent, state: 'refused', problem: error.problem, settledAt: Date.now() };
        }
        // Another tab may have settled it meanwhile: the same key gave the same answer, so either copy will do.
        await d.put('intents', settled);
        changed();
      }
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}

/** Outcomes older than a week that the partner has seen are let go. */
async function tidy() {
  const d = await open();
  const weekAgo = Date.now() - 7 * 86_400_000;
  for (const i of await allIntents()) if (i.state !== 'pending' && i.seen && (i.settledAt ?? 0) < weekAgo) await d.delete('intents', i.formId);
}

if (typeof window !== 'undefined' && typeof indexedDB !== 'undefined') {
  window.addEventListener('online', () => void flush());
  setInterval(() => void flush(), 15_000);
  void tidy().then(flush);
}
