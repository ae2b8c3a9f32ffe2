import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Product, ProductInput } from '#domain/product.ts';
import { RuleError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { loadPinyin } from '#shared/pinyin.ts';
import { getMany } from './batch.ts';
import { recordKeyOf, type IdempotencyContext } from './command.ts';
import { seal, unseal } from './sealed.ts';
import { db, tableName } from './db.ts';
import * as keys from './keys.ts';
import { productWrites, raced, readItem } from './products.ts';

type Item = Record<string, unknown>;

export interface ImportLine {
  sku: string;
  input: ProductInput;
}

export interface ImportOutcome {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** Products written at the same time (each is one TransactWriteItems of the product and its search entries). */
export const importConcurrency = 16;
const recordLifetimeSeconds = 90 * 24 * 3600;

const fields = [
  'title',
  'titleEn',
  'category',
  'onlinePriceFen',
  'localStorePriceFen',
  'merchantCostFen',
  'weightGrams',
  'needsInstallation',
  'returnWindowDays',
  'warrantyDays',
] as const satisfies readonly (keyof ProductInput)[];

/** The stored product says what the line says (timestamps aside). */
const sameAs = (item: Item | undefined, input: ProductInput) => item !== undefined && fields.every((f) => item[f] === input[f]);

/**
 * Puts one line's product in place, with its search index, exactly as a PUT of
 * the product does (`productWrites`), unless the table already says the same.
 * Another writer first (a twin of the same import): read again, and stop if it
 * wrote what this line says.
 */
async function writeLine(line: ImportLine, old: Item | undefined, at: string, pinyinOf: Awaited<ReturnType<typeof loadPinyin>>): Promise<void> {
  for (let n = 1; ; n++) {
    if (sameAs(old, line.input)) return;
    const product: Product = {
      ...line.input,
      warrantyDays: line.input.warrantyDays ?? 0,
      sku: line.sku,
      createdAt: typeof old?.createdAt === 'string' ? old.createdAt : at,
      updatedAt: at,
    };
    try {
      await db().send(new TransactWriteCommand({ TransactItems: productWrites(product, old, pinyinOf).transactItems }));
      return;
    } catch (error) {
      if (n >= 5 || !raced(error)) throw error;
      await new Promise((r) => setTimeout(r, 10 * 2 ** n));
      old = await readItem(line.sku);
    }
  }
}

/** Every line's product as it stands, 100 to a BatchGetItem (getMany's one batch), a few batches at a time. */
async function readAll(lines: readonly ImportLine[]): Promise<(sku: string) => Item | undefined> {
  const found = new Map<string, Item>();
  const batches: ImportLine[][] = [];
  for (let i = 0; i < lines.length; i += 100) batches.push(lines.slice(i, i + 100));
  const worker = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      const lookup = await getMany(batch.map((l) => keys.product(l.sku)));
      for (const l of batch) {
        const item = lookup(keys.product(l.sku));
        if (item) found.set(l.sku, item);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return (sku) => found.get(sku);
}

async function writeAll(lines: readonly ImportLine[], found: (sku: string) => Item | undefined, at: string): Promise<void> {
  const pinyinOf = await loadPinyin();
  const toWrite = lines.filter((l) => !sameAs(found(l.sku), l.input));
  let next = 0;
  const worker = async () => {
    while (next < toWrite.length) {
      const line = toWrite[next++]!;
      await writeLine(line, found(line.sku), at, pinyinOf);
    }
  };
  await Promise.all(Array.from({ length: Math.min(importConcurrency, toWrite.length) }, worker));
}

/** The import's record: its state in the open, the request's fingerprint and the answer sealed with the key, as every command's. */
interface ImportRecord {
  state: 'pending' | 'done';
  fingerprint: string;
  response: string;
}

async function readRecord(idem: IdempotencyContext): Promise<ImportRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: recordKeyOf(idem), ConsistentRead: true }));
  if (!Item) return undefined;
  const opened = typeof Item.sealed === 'string' ? unseal(Item.sealed, idem) : undefined;
  if (opened === undefined) throw new RuleError('idempotency-key-reused', msg('idempotency-key-reused'));
  return { state: Item.state as ImportRecord['state'], ...(JSON.parse(opened) as Omit<ImportRecord, 'state'>) };
}

const recordItem = (idem: IdempotencyContext, outcome: ImportOutcome, state: ImportRecord['state'], now: Date) => ({
  ...recordKeyOf(idem),
  state,
  sealed: seal(JSON.stringify({ fingerprint: idem.fingerprint, response: JSON.stringify(outcome) }), idem),
  createdAt: now.toISOString(),
  expiresAt: Math.floor(now.getTime() / 1000) + recordLifetimeSeconds,
});

/**
 * Imports checked catalogue lines (docs/rules.md "The catalogue"): created,
 * updated or unchanged, each line decided against the table as read before
 * anything is written.
 *
 * Too many writes for one transaction, so exactly-once comes from the record
 * kept under the Idempotency-Key: the answer is decided and recorded as
 * "pending" before the first product is written, then each product is put
 * only where the table differs from its line (so writing it twice changes
 * nothing), then the record says "done". The same key again (a retry after a
 * timeout, a crash, a twin sent at the same moment) finishes whatever is left
 * and answers what the first request decided.
 */
export async function importProducts(
  lines: readonly ImportLine[],
  options: { dryRun: boolean; idempotency: IdempotencyContext; now: Date },
): Promise<{ outcome: ImportOutcome; replayed: boolean }> {
  const { dryRun, idempotency: idem, now } = options;
  const at = now.toISOString();
  for (;;) {
    const record = dryRun ? undefined : await readRecord(idem);
    if (record) {
      if (record.fingerprint !== idem.fingerprint) throw new RuleError('idempotency-key-reused', msg('idempotency-key-reused'));
      if (record.state === 'pending') {
        await writeAll(lines, await readAll(lines), at);
        await db().send(new PutCommand({ TableName: tableName(), Item: recordItem(idem, JSON.parse(record.response) as ImportOutcome, 'done', now) }));
      }
      return { outcome: JSON.parse(record.response) as ImportOutcome, replayed: true };
    }
    const found = await readAll(lines);
    const outcome: ImportOutcome = { dryRun, rows: lines.length, created: 0, updated: 0, unchanged: 0 };
    for (const l of lines) {
      const item = found(l.sku);
      if (!item) outcome.created++;
      else if (sameAs(item, l.input)) outcome.unchanged++;
      else outcome.updated++;
    }
    if (dryRun) return { outcome, replayed: false };
    try {
      await db().send(
        new PutCommand({ TableName: tableName(), Item: recordItem(idem, outcome, 'pending', now), ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (error) {
      // A twin with the same key recorded first: go on as its retry.
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') continue;
      throw error;
    }
    await writeAll(lines, found, at);
    await db().send(new PutCommand({ TableName: tableName(), Item: recordItem(idem, outcome, 'done', now) }));
    return { outcome, replayed: false };
  }
}
