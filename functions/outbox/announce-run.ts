import { runNoticeMessage, type RunNotice } from '#domain/message.ts';
import { derivedId } from '#shared/derived-ids.ts';
import type { OutboxItem } from '#store/outbox.ts';
import * as messageStore from '#store/messages.ts';
import * as villagerStore from '#store/villagers.ts';

/**
 * Tells each villager whose parcels left on a run, by one message each. A
 * message's id is made from the run and the villager, and written only if new,
 * so a notice delivered twice writes each message once; each message then
 * leaves through the outbox like any other.
 */
export async function announceRun(item: OutboxItem, now: Date): Promise<void> {
  const notice = item as unknown as OutboxItem & RunNotice;
  const villagers = await villagerStore.contacts(
    notice.stationId,
    notice.villagers.map((v) => v.villagerId),
  );
  for (const { villagerId, receiptNos } of notice.villagers) {
    const message = runNoticeMessage(
      notice,
      { villagerId, ...villagers.get(villagerId) },
      receiptNos,
      derivedId('message', 'run-notice', notice.runId, villagerId),
      now,
    );
    if (message) await messageStore.queueOnce(message, now);
  }
}
