import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#store/db.ts';
import * as keys from '#store/keys.ts';
import type { TestApi } from './api.ts';
import { expectOk } from './fixture.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The code a confirmation sent to the villager's phone: read off its message
 * while it waits in the outbox (a file that runs no outbox), or off the stand-in
 * gateway's record once it was sent (the code is scrubbed from the table then).
 */
export async function codeOf(api: TestApi, stationId: string, confirmationId: string): Promise<string> {
  const until = Date.now() + 15_000;
  for (;;) {
    const { Item: c } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.confirmation(stationId, confirmationId), ConsistentRead: true }));
    if (!c) throw new Error(`no confirmation ${confirmationId}`);
    const { Item: m } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.outbox(String(c.messageId)), ConsistentRead: true }));
    const code = (m?.params as Record<string, string> | undefined)?.code;
    if (code && /^\d{6}$/.test(code)) return code;
    if (api.sms) {
      const sent = (await api.sms.messages()).filter((x) => x.outId === c.messageId);
      if (sent.length) return sent.at(-1)!.params.code!;
    }
    if (Date.now() > until) throw new Error(`no code for ${confirmationId}`);
    await sleep(100);
  }
}

/** A confirmation asked and its code read: what the villager would read out from their phone. */
export async function confirm(
  api: TestApi,
  token: string,
  stationId: string,
  villagerId: string,
  body: { purpose: 'TAB_CONSENT' | 'TAB_SALE'; amountFen: number; dueDate?: string },
): Promise<{ confirmationId: string; code: string }> {
  const c = await expectOk(api.call('POST', `/v1/stations/${stationId}/villagers/${villagerId}/confirmations`, { token, key: true, body }), 201);
  return { confirmationId: c.confirmationId as string, code: await codeOf(api, stationId, c.confirmationId) };
}

/** A tab opened for a villager: consent by code, the partner's request, an operator's approval. */
export async function openTab(api: TestApi, t: { ops: string; partner: string; stationId: string; villagerId: string; limitFen: number }): Promise<string> {
  const { confirmationId, code } = await confirm(api, t.partner, t.stationId, t.villagerId, { purpose: 'TAB_CONSENT', amountFen: t.limitFen });
  const request = await expectOk(
    api.call('POST', `/v1/stations/${t.stationId}/villagers/${t.villagerId}/tab/requests`, {
      token: t.partner,
      key: true,
      body: { limitFen: t.limitFen, confirmationId, code },
    }),
    201,
  );
  await expectOk(api.call('POST', `/v1/tab-requests/${request.requestId}/approve`, { token: t.ops, key: true, body: {} }));
  return request.requestId as string;
}

/** Moves a tab's due dates `days` back, as time would (written straight into the table): what is due becomes overdue. */
export async function ageTab(stationId: string, villagerId: string, days: number): Promise<void> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.tab(stationId, villagerId), ConsistentRead: true }));
  if (!Item) throw new Error('no tab');
  const back = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  const sales = (Item.sales as { dueDate: string }[]).map((s) => ({ ...s, dueDate: back(s.dueDate) }));
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...Item, sales } }));
}
