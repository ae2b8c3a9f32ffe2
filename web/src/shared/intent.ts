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

export type IntentKind = 'order' | 'bill';

export interface Intent<T = unknown> {
  /** Which form: one live intent per form ('order:new', 'pay:<orderId>', 'remit', …). */
  formId: string;
  key: string;
  state: IntentState;
  command: Command;
  /** The form's fields when it was sent, so a reload shows the locked form as it was. */
  draft?: unknown;
  /** An order placed (its answer is the villager's receipt), or a bill paid (its answer names its receipt). */
  kind?: IntentKind;
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
  /** Printed for the partner to hand on; absent when the code went to the villager's phone. */
  deliveryCode?: string;
  /** Where the code went by SMS (尾号8000): the partner never sees it. */
  codeSentTo?: string;
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
  // One transaction: read and write together, so that an intent forgotten meanwhile is never written back.
  const tx = (await open()).transaction('intents', 'readwrite');
  const intent = (await tx.store.get(formId)) as Intent | undefined;
  const marked = Boolean(intent && intent.state !== 'pending' && !intent.seen);
  if (marked) await tx.store.put({ ...intent, seen: true });
  await tx.done;
  if (marked) changed();
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
 * What a tap asked for, written synchronously before anything else: a reload a
 * few milliseconds after the tap aborts an IndexedDB transaction still under
 * way, but not a localStorage write. Moved into IndexedDB by `ask`, or by the
 * next page load when the tap's page did not live that long.
 */
const journalKey = (formId: string) => `intent:${formId}`;
type Asked = Omit<Intent, 'state' | 'queuedAt'>;

function journal(intent: Intent): void {
  try {
    localStorage.setItem(journalKey(intent.formId), JSON.stringify(intent));
  } catch {
    // No room or no storage: IndexedDB alone, as before.
  }
}

const unjournal = (formId: string) => {
  try {
    localStorage.removeItem(journalKey(formId));
  } catch {
    // nothing kept
  }
};

/** Keeps `intent` unless the form already has one waiting, or this one already answered: a second tap adds no effect. */
async function keep(intent: Intent): Promise<Intent> {
  const d = await open();
  const tx = d.transaction('intents', 'readwrite');
  const existing = (await tx.store.get(intent.formId)) as Intent | undefined;
  let kept: Intent;
  if (existing && (existing.state === 'pending' || (existing.state === 'done' && existing.key === intent.key))) kept = existing;
  else {
    kept = intent;
    await tx.store.put(kept);
  }
  await tx.done;
  unjournal(intent.formId);
  return kept;
}

/** Taps whose page was reloaded (or closed) before IndexedDB had them: kept now, once, by the same rule. */
async function recoverJournal(): Promise<void> {
  const found: Intent[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (!name?.startsWith('intent:')) continue;
      const raw = localStorage.getItem(name);
      if (raw) found.push(JSON.parse(raw) as Intent);
    }
  } catch {
    return;
  }
  for (const intent of found) await keep(intent);
  if (found.length) changed();
}

/**
 * Keeps the intent (locked) and sends it. If the form already has one waiting,
 * that one stands and nothing new is asked: a second tap, a second tab or a tap
 * after a reload adds no effect. The intent is written before anything is sent,
 * first where a reload cannot lose it.
 */
export async function ask(intent: Asked): Promise<Intent> {
  const asked: Intent = { ...intent, state: 'pending', queuedAt: Date.now() };
  journal(asked);
  const kept = await keep(asked);
  changed();
  await flush();
  return (await loadIntent(intent.formId)) ?? kept;
}

let flushing: Promise<void> | undefined;
/** An intent was kept while a flush was under way (after it listed what waits): that flush goes round once more. */
let again = false;

/** Sends what waits, oldest first; stops at the first that cannot get through (it stays, as do those after it). */
export function flush(): Promise<void> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    try {
      do {
        again = false;
        if (!(await sendWaiting())) return;
      } while (again);
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}

/** One pass over what waits; false when the network failed (what is left waits for the next chance). */
async function sendWaiting(): Promise<boolean> {
  const d = await open();
  for (const intent of (await allIntents()).filter((i) => i.state === 'pending')) {
    let settled: Intent;
    try {
      const result = await api(intent.command.method, intent.command.path, { body: intent.command.body, key: intent.key });
      settled = { ...intent, state: 'done', result, settledAt: Date.now() };
      if (intent.kind === 'order') await d.put('receipts', result as StoredReceipt);
    } catch (error) {
      if (error instanceof NetworkError) return false;
      if (!(error instanceof ApiError)) throw error;
      settled = { ...intent, state: 'refused', problem: error.problem, settledAt: Date.now() };
    }
    // Another tab may have settled it meanwhile: the same key gave the same answer, so either copy will do.
    await d.put('intents', settled);
    changed();
  }
  return true;
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
  void recoverJournal().then(tidy).then(flush);
}
