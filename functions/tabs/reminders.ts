import { newId } from '#shared/ids.ts';
import { logger } from '#shared/logger.ts';
import { reminderMessage, remindersDue } from '#domain/tab.ts';
import * as messageStore from '#store/messages.ts';
import * as riskStore from '#store/risk.ts';
import * as stationStore from '#store/stations.ts';
import * as tabStore from '#store/tabs.ts';

/**
 * The tab's reminders (functions/jobs.ts): 7 days before a sale's due date, on
 * the day, 7 and 30 days after, by SMS, each once (written with the tab's
 * change). A sale 7 days overdue counts once in the station's risk view.
 */
export async function remindTabs(now = new Date()): Promise<{ reminded: number; looked: number }> {
  const tabs = await tabStore.all();
  const names = new Map<string, string>();
  let reminded = 0;
  for (const tab of tabs) {
    const { tab: after, due } = remindersDue(tab, now);
    if (!due.length) continue;
    if (!names.has(tab.stationId)) names.set(tab.stationId, (await stationStore.find(tab.stationId))?.name ?? '服务站');
    const messages = due.flatMap(({ sale, offset }) =>
      messageStore.queue(reminderMessage(tab, sale, offset, names.get(tab.stationId)!, newId('message', now.getTime()), now), now),
    );
    const newlyOverdue = due.filter(
      ({ sale }) => !(sale.reminded ?? []).includes(7) && after.sales.find((s) => s.orderId === sale.orderId)?.reminded?.includes(7),
    ).length;
    const risk = newlyOverdue ? [riskStore.add(tab.stationId, now, { tabSalesOverdue: newlyOverdue })] : [];
    if (await tabStore.saveReminders(tab, after, [...messages, ...risk])) reminded += due.length;
  }
  if (reminded) logger.info('Tab reminders', { looked: tabs.length, reminded });
  return { reminded, looked: tabs.length };
}
