import { withJobs } from '#functions/jobs.ts';
import { db } from '#store/db.ts';
import { outboxConsumer } from './consumer.ts';
import { effects } from './effects.ts';
import { retryMessages } from './send-sms.ts';

db();

/**
 * Invoked by the event source mapping on the table's stream (infra/outbox.ts)
 * with batches of new outbox items, and by its job (functions/jobs.ts).
 */
export const handler = withJobs('outbox', { 'retry-messages': () => retryMessages() }, outboxConsumer(effects));
