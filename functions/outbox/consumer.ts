import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '#shared/logger.ts';
import type { OutboxItem } from '#store/outbox.ts';
import * as outboxStore from '#store/outbox.ts';

/** Applies one outbox item's effect; it may be called again for the same item (the stream delivers at least once) and must apply it once. */
export type Effect = (item: OutboxItem, now: Date) => Promise<void>;

/**
 * The consumer of the table's stream (docs/architecture.md "The outbox"): in
 * AWS an event source mapping hands it batches of new outbox items; locally
 * the stream poller does (scripts/local/outbox-poller.ts). Items are applied
 * in order; the first that fails is reported with everything after it (partial
 * batch failure), so the batch is retried from there, and after the mapping's
 * last retry it goes to the on-failure queue, which has an alarm.
 */
export function outboxConsumer(effects: Readonly<Partial<Record<string, Effect>>>) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const { sequenceNumber, item } of outboxStore.fromStream(event)) {
      try {
        const effect = effects[item.effect];
        if (!effect) throw new Error(`No effect is registered as "${item.effect}" (functions/outbox/effects.ts).`);
        await effect(item, new Date());
      } catch (error) {
        logger.error('outbox effect failed', { outboxId: item.outboxId, effect: item.effect, error });
        return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
      }
    }
    return { batchItemFailures: [] };
  };
}
