import type { Claim, InstallationJob } from '#domain/after-sales.ts';
import type { Task } from '#domain/delivery/task.ts';
import type { Entry } from '#domain/ledger.ts';
import type { Order, ReturnRecord } from '#domain/order.ts';
import type { Write } from './command.ts';
import type { Key } from './batch.ts';
import { tableName } from './db.ts';
import * as keys from './keys.ts';

/**
 * Free text about a villager (a task's note, a claim's problem, a cancel's or a
 * return's reason, a failed delivery's reason) sits on items that carry their
 * id, not their name, and a partner may well write their name or number in it.
 * So each command that writes such text also lists the item on the villager's
 * mentions (`MENTIONS#<villagerId>`, a string set, added to without reading it),
 * and erasing the villager reads them and blanks the name and number out
 * (shared/store/villagers.ts, `scrubbedAttributes` in shared/domain/villager.ts).
 */
export interface Mention {
  villagerId: string;
  key: Key;
}

const ref = (k: Key) => `${k.pk}\n${k.sk}`;
export const keyOfRef = (r: string): Key => {
  const [pk = '', sk = ''] = r.split('\n');
  return { pk, sk };
};

/** What an item holds that a person typed about its villager, item kind by item kind. */
export const mentionsOf = {
  order: (o: Order): Mention[] =>
    o.cancelReason || o.lastFailedDelivery || o.lastUnlock?.reason ? [{ villagerId: o.villagerId, key: keys.order(o.orderId) }] : [],
  entry: (e: Entry | undefined, villagerId: string): Mention[] => (e?.reason ? [{ villagerId, key: keys.entry(e.stationId, e.entryId) }] : []),
  returnRecord: (r: ReturnRecord, villagerId: string): Mention[] => [{ villagerId, key: keys.orderReturn(r.orderId, r.returnId) }],
  claim: (c: Claim): Mention[] => [{ villagerId: c.villagerId, key: keys.claim(c.orderId, c.claimId) }],
  job: (j: InstallationJob): Mention[] => (j.note ? [{ villagerId: j.villagerId, key: keys.installationJob(j.orderId, j.jobId) }] : []),
  task: (t: Task | undefined): Mention[] =>
    t?.villagerId && (t.note || t.outcome?.note) ? [{ villagerId: t.villagerId, key: keys.task(t.stationId, t.taskId) }] : [],
  run: (runId: string, villagerId: string): Mention[] => [{ villagerId, key: keys.run(runId) }],
};

/**
 * One write per villager mentioned (a transaction may touch an item once): the
 * items added to their mentions. Nothing when nothing was mentioned.
 */
export function mentionWrites(stationId: string, mentions: readonly Mention[]): Write[] {
  const byVillager = new Map<string, Set<string>>();
  for (const m of mentions) byVillager.set(m.villagerId, (byVillager.get(m.villagerId) ?? new Set()).add(ref(m.key)));
  return [...byVillager].map(([villagerId, refs]) => ({
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.mentions(stationId, villagerId),
        UpdateExpression: 'ADD #refs :refs SET #type = :type, villagerId = :villager',
        ExpressionAttributeNames: { '#refs': 'refs', '#type': 'type' },
        ExpressionAttributeValues: { ':refs': refs, ':type': 'mentions', ':villager': villagerId },
      },
    },
  }));
}

/** The items mentioning a villager, as their mentions item lists them. */
export const mentionedKeys = (item: Record<string, unknown> | undefined): Key[] =>
  item?.refs instanceof Set ? [...(item.refs as Set<string>)].map(keyOfRef) : [];
