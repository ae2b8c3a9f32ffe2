import { readFileSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { outboxStreamFilter } from '#store/outbox.ts';
import { localClient } from './dynamodb.ts';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface OutboxPollerOptions {
  endpoint: string;
  tableName: string;
  /** The consumer Lambda runs (functions/outbox), or a test's. */
  handler: StreamHandler;
  /** Records handed over at once, as the event source mapping's batch size. */
  batchSize?: number;
  /** How long to wait before asking the stream again when it had nothing; it doubles while the stream stays quiet, up to `quietMs`. */
  idleMs?: number;
  /** The longest wait between two looks at a quiet stream (an SMS still leaves within it). */
  quietMs?: number;
  /** Times a failing record is handed over before it goes to the dead letters (the mapping's retries + 1). */
  maxAttempts?: number;
  /** Where a record goes once its attempts are spent (in AWS: the on-failure SQS queue, which has an alarm). */
  onDeadLetter?: (record: DynamoDBRecord, error: unknown) => void;
  /** Keep each shard's position here between runs (npm start); without it a restart reads the stream from its start, which an idempotent consumer allows. */
  checkpointFile?: string;
}

export interface OutboxPoller {
  /** Resolves once every record written so far has been handed over (and settled or dead-lettered). */
  drained(): Promise<void>;
  deadLetters: { record: DynamoDBRecord; error: unknown }[];
  stop(): Promise<void>;
}

type Pattern = { readonly [key: string]: Pattern | readonly (string | { readonly prefix: string })[] };

/** The subset of EventBridge-style filter patterns the outbox's filter uses: lists of values or prefixes, nested by field. */
export function matches(pattern: Pattern, value: unknown): boolean {
  return Object.entries(pattern).every(([field, rule]) => {
    const actual = (value as Record<string, unknown> | undefined)?.[field];
    if (!Array.isArray(rule)) return matches(rule as Pattern, actual);
    return (rule as readonly (string | { prefix: string })[]).some((r) =>
      typeof r === 'string' ? actual === r : typeof actual === 'string' && actual.startsWith(r.prefix),
    );
  });
}

/** A record of the stream as the event source mapping hands it to Lambda. */
function lambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    ...(record as DynamoDBRecord),
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb as DynamoDBRecord['dynamodb']),
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The outbox's consumer, locally: reads DynamoDB Local's own stream of the
 * table (as the Lambda event source mapping reads the table's stream in AWS),
 * keeps only what the mapping's filter keeps, and hands the records to the
 * same handler in batches, with partial batch failures, bounded retries and
 * dead letters. At least once: a record may be handed over again (after a
 * failure, or a restart without a checkpoint).
 */
export function startOutboxPoller(options: OutboxPollerOptions): OutboxPoller {
  const batchSize = options.batchSize ?? 10;
  const idleMs = options.idleMs ?? 100;
  const quietMs = options.quietMs ?? 1_000;
  let wait = idleMs;
  let wakeUp: (() => void) | undefined;
  /** A wait that `drained()` and `stop()` cut short. */
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const maxAttempts = options.maxAttempts ?? 5;
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: 'local', credentials, maxAttempts: 2 });
  const tables = localClient(options.endpoint);
  const checkpoints: Record<string, string> = readCheckpoints(options.checkpointFile);
  const deadLetters: OutboxPoller['deadLetters'] = [];
  /** Shards being read, by their iterator. */
  const iterators = new Map<string, string>();
  /** Shards closed and read to their end. */
  const finished = new Set<string>();
  let stopped = false;
  let passes = 0;
  const waiting: { after: number; resolve: () => void }[] = [];

  async function streamArn(): Promise<string> {
    const { Table } = await tables.send(new DescribeTableCommand({ TableName: options.tableName }));
    if (!Table?.LatestStreamArn) throw new Error(`The table ${options.tableName} has no stream (scripts/local/create-table.ts turns it on).`);
    return Table.LatestStreamArn;
  }

  async function openShards(arn: string): Promise<void> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    for (const shard of shards) {
      const id = shard.ShardId!;
      if (iterators.has(id) || finished.has(id)) continue;
      // A child shard is read once its parent is read to its end, so that an item's records stay in order.
      if (shard.ParentShardId && iterators.has(shard.ParentShardId)) continue;
      const iterator = await iteratorFor(arn, id);
      if (iterator) iterators.set(id, iterator);
      else finished.add(id);
    }
  }

  async function iteratorFor(arn: string, shardId: string): Promise<string | null> {
    const after = checkpoints[shardId];
    try {
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand(
          after
            ? { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' },
        ),
      );
      return ShardIterator ?? null;
    } catch (error) {
      if (!after) throw error;
      // The checkpoint is older than what the stream keeps (24 h): read what it still has.
      delete checkpoints[shardId];
      return iteratorFor(arn, shardId);
    }
  }

  /** Hands the records over in batches; a failed record is handed over again (with what follows it) until its attempts are spent. */
  async function deliver(records: DynamoDBRecord[]): Promise<void> {
    let attempts = 0;
    while (records.length > 0 && !stopped) {
      const batch = records.slice(0, batchSize);
      let failedAt = -1;
      let failure: unknown;
      try {
        const answer = await options.handler({ Records: batch });
        const failed = answer?.batchItemFailures?.[0]?.itemIdentifier;
        if (failed !== undefined) {
          failedAt = batch.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
          failure = new Error(`The consumer reported record ${failed} failed.`);
          if (failedAt < 0) failedAt = 0;
        }
      } catch (error) {
        // The whole invocation failed (a Lambda that died): the whole batch is handed over again.
        failedAt = 0;
        failure = error;
      }
      const done = failedAt < 0 ? batch.length : failedAt;
      if (done > 0) attempts = 0;
      records = records.slice(done);
      if (failedAt < 0) continue;
      attempts += 1;
      if (attempts >= maxAttempts) {
        const [head] = records.splice(0, 1);
        deadLetters.push({ record: head!, error: failure });
        options.onDeadLetter?.(head!, failure);
        attempts = 0;
        continue;
      }
      await sleep(Math.min(2_000, 50 * 2 ** attempts));
    }
  }

  let shardsSeenAt = 0;
  async function pass(arn: string): Promise<boolean> {
    // New shards appear when one closes (DynamoDB rolls them every few hours): look for them then, and now and again.
    if (iterators.size === 0 || Date.now() - shardsSeenAt > 10_000) {
      await openShards(arn);
      shardsSeenAt = Date.now();
    }
    let found = false;
    for (const [shardId, iterator] of iterators) {
      if (stopped) break;
      const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      const kept = Records.filter((r) => matches(outboxStreamFilter as unknown as Pattern, r)).map((r) => lambdaRecord(r, arn));
      if (Records.length > 0) found = true;
      await deliver(kept);
      if (stopped) break;
      if (NextShardIterator) iterators.set(shardId, NextShardIterator);
      else {
        iterators.delete(shardId);
        finished.add(shardId);
        shardsSeenAt = 0;
      }
      const last = Records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) {
        checkpoints[shardId] = last;
        writeCheckpoints(options.checkpointFile, checkpoints);
      }
    }
    return found;
  }

  const loop = (async () => {
    let arn: string | undefined;
    while (!stopped) {
      try {
        arn ??= await streamArn();
        const found = await pass(arn);
        passes += 1;
        if (!found) for (const w of waiting.filter((x) => passes > x.after)) waiting.splice(waiting.indexOf(w), 1)[0]!.resolve();
        // A quiet stream is asked less and less often (DynamoDB Local answers every GetRecords from its database).
        wait = found ? idleMs : Math.min(quietMs, wait * 2);
        if (!found) await nap(wait);
      } catch (error) {
        // DynamoDB Local paused or gone: try again shortly, as the mapping does.
        if (!stopped) console.warn('outbox poller:', error instanceof Error ? error.message : error);
        iterators.clear();
        finished.clear();
        arn = undefined;
        await sleep(Math.max(idleMs, 500));
      }
    }
  })();

  return {
    deadLetters,
    drained() {
      // A pass that began after this call and found nothing new (the one under way may have missed the last write).
      const after = passes + 1;
      wait = idleMs;
      wakeUp?.();
      return new Promise<void>((resolve) => waiting.push({ after, resolve }));
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
      streams.destroy();
      tables.destroy();
      for (const w of waiting.splice(0)) w.resolve();
    },
  };
}

function readCheckpoints(file: string | undefined): Record<string, string> {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

function writeCheckpoints(file: string | undefined, checkpoints: Record<string, string>): void {
  if (file) writeFileSync(file, JSON.stringify(checkpoints));
}
