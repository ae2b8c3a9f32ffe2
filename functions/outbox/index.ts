import { db } from '#store/db.ts';
import { outboxConsumer } from './consumer.ts';
import { effects } from './effects.ts';

db();

/** Invoked by the event source mapping on the table's stream (infra/outbox.ts) with batches of new outbox items. */
export const handler = outboxConsumer(effects);
