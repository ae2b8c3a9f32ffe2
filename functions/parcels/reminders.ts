import { newId } from '#shared/ids.ts';
import { logger } from '#shared/logger.ts';
import { reminderOf } from '#domain/parcel.ts';
import * as messageStore from '#store/messages.ts';
import * as parcelStore from '#store/parcels.ts';
import * as stationStore from '#store/stations.ts';

/** How many reminders one run looks at (it runs every 15 minutes; a busy day is a few thousand across a county). */
const perRun = 500;

/**
 * The day-3 reminder (functions/jobs.ts): every parcel whose reminder is due
 * and which is still on the shelf gets one SMS, written with the parcel's
 * change and its marker's removal in one transaction, so a reminder goes once
 * however often the job runs (or runs twice at once).
 */
export async function remindParcels(now = new Date()): Promise<{ reminded: number; looked: number }> {
  const due = await parcelStore.remindersDue(now, perRun);
  const names = new Map<string, string>();
  let reminded = 0;
  for (const { parcelId, key } of due) {
    const parcel = await parcelStore.find(parcelId);
    if (!parcel) {
      await parcelStore.forgetReminder(key);
      continue;
    }
    if (!names.has(parcel.stationId)) names.set(parcel.stationId, (await stationStore.find(parcel.stationId))?.name ?? '');
    const reminder = reminderOf(parcel, names.get(parcel.stationId)!, newId('message', now.getTime()), now);
    if (!reminder) {
      await parcelStore.forgetReminder(key);
      continue;
    }
    if (await parcelStore.remind(parcel, reminder.parcel, messageStore.queue(reminder.message, now))) reminded++;
  }
  if (due.length) logger.info('Parcel reminders', { looked: due.length, reminded });
  return { reminded, looked: due.length };
}
