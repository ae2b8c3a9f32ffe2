import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { fold, type Entry } from '#domain/ledger.ts';
import { useApi } from '../support/api.ts';
import { expectOk, stationInput, unique } from '../support/fixture.ts';
import { expectProblem, freshStation, partnerCalls, thisMonth, type Day } from '../support/station-day.ts';
import { intercept } from '../support/sdk.ts';
import { allItems } from '../support/table.ts';

/**
 * docs/rules.md "Remittances", "Counts and variances": a remittance leaves the
 * drawer at once but is PENDING until an operator confirms that the money
 * arrived (only then does what the station owes drop and the cash limit lift)
 * or rejects it (the cash is back in the drawer). A count whose variance is
 * beyond the station's limit is flagged.
 */
const api = useApi();

const opsCalls = (day: Day) => ({
  confirm: (id: string, key: string | true = true) => api.call('POST', `/v1/remittances/${id}/confirm`, { token: day.ops, key }),
  reject: (id: string, reason = '没有收到这笔钱', key: string | true = true) =>
    api.call('POST', `/v1/remittances/${id}/reject`, { token: day.ops, key, body: { reason } }),
});

/** A station whose drawer holds `cash` fen (one cash-on-order sale of `cash` × the 9.99-yuan glasses). */
async function stationWithCash(options: { cashLimitFen?: number } = {}, glasses = 10) {
  const day = await freshStation(api, options);
  const p = partnerCalls(api, day);
  const v = await day.villager('王秀英');
  const order = await expectOk(
    p.place({
      villagerId: v,
      lines: [{ sku: day.sku.odd, qty: glasses }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 999 * glasses,
    }),
    201,
  );
  return { day, p, o: opsCalls(day), v, order };
}

const journal = async (day: Day): Promise<Entry[]> =>
  (await expectOk(api.call('GET', `/v1/stations/${day.stationId}/cash/entries?limit=100`, { token: day.partner }))).items;

describe('a remittance', () => {
  test('leaves the drawer at once, PENDING; what the station owes drops only when ops confirm; the statement counts it then', async () => {
    const { day, p, o } = await stationWithCash();
    const remitted = await expectOk(p.remit(6_000, 'ABC-银行-0001'));
    expect(remitted).toMatchObject({
      remittanceId: expect.stringMatching(/^rem_/),
      status: 'PENDING',
      drawerFen: 3_990,
      dueToPlatformFen: 9_990,
      pendingRemittancesFen: 6_000,
    });
    expect(await p.cash()).toMatchObject({ drawerFen: 3_990, dueToPlatformFen: 9_990, commissionEarnedFen: 0, pendingRemittancesFen: 6_000 });
    expect((await p.statement(thisMonth())).remittedFen).toBe(0);

    const mine = await expectOk(api.call('GET', `/v1/remittances/${remitted.remittanceId}`, { token: day.partner }));
    expect(mine).toMatchObject({
      remittanceId: remitted.remittanceId,
      stationId: day.stationId,
      amountFen: 6_000,
      reference: 'ABC-银行-0001',
      status: 'PENDING',
    });

    expectProblem(await api.call('POST', `/v1/remittances/${remitted.remittanceId}/confirm`, { token: day.partner, key: true }), 403);
    const confirmed = await expectOk(o.confirm(remitted.remittanceId));
    expect(confirmed).toMatchObject({ remittanceId: remitted.remittanceId, status: 'CONFIRMED', amountFen: 6_000, confirmedAt: expect.any(String) });
    expect(await p.cash()).toMatchObject({ drawerFen: 3_990, dueToPlatformFen: 3_990, pendingRemittancesFen: 0 });
    expect((await p.statement(thisMonth())).remittedFen).toBe(6_000);

    // Settled once: a second confirmation, or a rejection now, is a wrong state.
    expectProblem(await o.confirm(remitted.remittanceId), 409, 'remittance-settled');
    expectProblem(await o.reject(remitted.remittanceId), 409, 'remittance-settled');

    const entries = await journal(day);
    expect(entries.map((e) => e.kind).slice(0, 2)).toEqual(['REMITTANCE_CONFIRMED', 'REMITTANCE']);
    for (const e of entries) expect(e.postings.reduce((s, x) => s + x.amountFen, 0)).toBe(0);
    expect(fold(entries)).toEqual({
      drawerFen: 3_990,
      pendingRemittancesFen: 0,
      dueToPlatformFen: 3_990,
      commissionEarnedFen: 0,
      varianceFen: 0,
      villagerCreditFen: 0,
    });
  });

  test('rejected by ops: the cash is back in the drawer, what is owed never moved, and it cannot then be confirmed', async () => {
    const { day, p, o } = await stationWithCash();
    const remitted = await expectOk(p.remit(9_990, 'SLIP-404'));
    expect(await p.cash()).toMatchObject({ drawerFen: 0, pendingRemittancesFen: 9_990 });
    const noReason = await api.call('POST', `/v1/remittances/${remitted.remittanceId}/reject`, { token: day.ops, key: true, body: {} });
    expectProblem(noReason, 400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toContain('body.reason');
    const rejected = await expectOk(o.reject(remitted.remittanceId, '银行没有这笔入账'));
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: '银行没有这笔入账', rejectedAt: expect.any(String) });
    expect(await p.cash()).toMatchObject({ drawerFen: 9_990, dueToPlatformFen: 9_990, pendingRemittancesFen: 0 });
    expect((await p.statement(thisMonth())).remittedFen).toBe(0);
    expectProblem(await o.confirm(remitted.remittanceId), 409, 'remittance-settled');
    expect((await journal(day))[0]).toMatchObject({ kind: 'REMITTANCE_REJECTED', remittanceId: remitted.remittanceId });
  });

  test('the cash set aside cannot be spent twice: not remitted again, not refunded', async () => {
    const { p, order } = await stationWithCash();
    await expectOk(p.remit(9_990));
    expectProblem(await p.remit(1), 409, 'drawer-short');
    expectProblem(await p.cancel(order.orderId), 409, 'drawer-short');
  });

  test('the cash limit lifts only when ops confirm: cash in transit still counts as held', async () => {
    const { day, p, o, v } = await stationWithCash({ cashLimitFen: 5_000 });
    const next = { villagerId: v, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' };
    expectProblem(await p.place(next), 409, 'cash-limit-reached');
    const first = await expectOk(p.remit(5_000));
    expect(first).toMatchObject({ drawerFen: 4_990, pendingRemittancesFen: 5_000, overLimit: true });
    const refused = await p.place(next);
    expectProblem(refused, 409, 'cash-limit-reached');
    expect(refused.body.detail).toMatch(/confirm/);
    // Rejected: back in the drawer, still over.
    await expectOk(o.reject(first.remittanceId));
    expectProblem(await p.place(next), 409, 'cash-limit-reached');
    const second = await expectOk(p.remit(5_000));
    await expectOk(o.confirm(second.remittanceId));
    expect(await p.cash()).toMatchObject({ drawerFen: 4_990, pendingRemittancesFen: 0, overLimit: false });
    await expectOk(p.place(next), 201);
  });

  test("ops list the remittances waiting for confirmation across stations, oldest first, paged; a partner lists only their station's", async () => {
    const a = await stationWithCash();
    const b = await stationWithCash();
    const ids = [
      (await expectOk(a.p.remit(1_000, 'A-1'))).remittanceId,
      (await expectOk(b.p.remit(2_000, 'B-1'))).remittanceId,
      (await expectOk(a.p.remit(3_000, 'A-2'))).remittanceId,
    ];
    const pending: { remittanceId: string; stationId: string }[] = [];
    let next: string | undefined;
    do {
      const page = await expectOk(api.call('GET', `/v1/remittances?status=PENDING&limit=2${next ? `&next=${next}` : ''}`, { token: a.day.ops }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      pending.push(...page.items);
      next = page.next;
    } while (next);
    expect(pending.map((r) => r.remittanceId).filter((id) => ids.includes(id))).toEqual(ids);
    expect(pending.find((r) => r.remittanceId === ids[1])).toMatchObject({ stationId: b.day.stationId, amountFen: 2_000, reference: 'B-1' });
    expectProblem(await api.call('GET', '/v1/remittances?status=PENDING', { token: a.day.partner }), 403);

    await expectOk(a.o.confirm(ids[0]!));
    await expectOk(b.o.reject(ids[1]!));
    const stillPending = await expectOk(api.call('GET', '/v1/remittances?status=PENDING&limit=100', { token: a.day.ops }));
    expect(stillPending.items.map((r: { remittanceId: string }) => r.remittanceId)).not.toContain(ids[0]);
    expect(stillPending.items.map((r: { remittanceId: string }) => r.remittanceId)).not.toContain(ids[1]);
    expect(stillPending.items.map((r: { remittanceId: string }) => r.remittanceId)).toContain(ids[2]);
    const confirmed = await expectOk(api.call('GET', '/v1/remittances?status=CONFIRMED&limit=100', { token: a.day.ops }));
    expect(confirmed.items.map((r: { remittanceId: string }) => r.remittanceId)).toContain(ids[0]);

    const station = await expectOk(api.call('GET', `/v1/stations/${a.day.stationId}/remittances`, { token: a.day.partner }));
    expect(station.items.map((r: { remittanceId: string; status: string }) => [r.remittanceId, r.status])).toEqual([
      [ids[2], 'PENDING'],
      [ids[0], 'CONFIRMED'],
    ]);
    const onlyPending = await expectOk(api.call('GET', `/v1/stations/${a.day.stationId}/remittances?status=PENDING`, { token: a.day.partner }));
    expect(onlyPending.items.map((r: { remittanceId: string }) => r.remittanceId)).toEqual([ids[2]]);
    // A cursor of one list is refused by another.
    const paged = await expectOk(api.call('GET', '/v1/remittances?status=PENDING&limit=1', { token: a.day.ops }));
    if (paged.next) expectProblem(await api.call('GET', `/v1/remittances?status=CONFIRMED&next=${paged.next}`, { token: a.day.ops }), 400);
  });

  test('confirming is exactly once: a retry with the same key replays, the entry is written once', async () => {
    const { day, p, o } = await stationWithCash();
    const r = await expectOk(p.remit(4_000));
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => o.confirm(r.remittanceId, key)));
    for (const a of answers) expect(a.status).toBe(200);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect((await journal(day)).filter((e) => e.kind === 'REMITTANCE_CONFIRMED')).toHaveLength(1);
    expect(await p.cash()).toMatchObject({ dueToPlatformFen: 5_990, pendingRemittancesFen: 0 });
  });
});

test('two operators settling one remittance at once, one confirming and one rejecting: one wins, the other gets 409, one entry', async () => {
  const { day, p, o } = await stationWithCash();
  const r = await expectOk(p.remit(4_000));
  // Hold every transaction back a moment so both requests read the same version first.
  intercept(async (command, _input, call) => {
    if (command === 'TransactWriteItemsCommand') await new Promise((done) => setTimeout(done, 500));
    return call();
  });
  const answers = await Promise.all([o.confirm(r.remittanceId), o.reject(r.remittanceId)]).finally(() => intercept(undefined));
  expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  const settled = (await journal(day)).filter((e) => e.remittanceId === r.remittanceId && e.kind !== 'REMITTANCE');
  expect(settled).toHaveLength(1);
  const cash = await p.cash();
  expect(cash.pendingRemittancesFen).toBe(0);
  expect(cash.drawerFen + cash.dueToPlatformFen).toBe(settled[0]!.kind === 'REMITTANCE_CONFIRMED' ? 5_990 + 5_990 : 9_990 + 9_990);
});

describe('a cash count', () => {
  test("beyond the station's variance limit (default ±200 yuan) is recorded, and flagged for ops", async () => {
    const { day, p } = await stationWithCash({}, 50); // 499.50 yuan in the drawer
    const within = await expectOk(p.count(49_950 - 20_000, '少了整两百'), 201);
    expect(within).toMatchObject({ varianceFen: -20_000, flagged: false, varianceLimitFen: 20_000 });
    const { drawerFen } = await p.cash();
    const beyond = await expectOk(p.count(drawerFen + 20_001, '多了'), 201);
    expect(beyond).toMatchObject({ varianceFen: 20_001, flagged: true, varianceLimitFen: 20_000 });
    expect((await p.cash()).drawerFen).toBe(drawerFen + 20_001); // recorded all the same

    const flagged = await expectOk(api.call('GET', '/v1/cash-counts?flagged=true&limit=100', { token: day.ops }));
    const ids = flagged.items.map((c: { countId: string }) => c.countId);
    expect(ids).toContain(beyond.countId);
    expect(ids).not.toContain(within.countId);
    expect(flagged.items.find((c: { countId: string }) => c.countId === beyond.countId)).toMatchObject({ stationId: day.stationId, varianceFen: 20_001 });
    expectProblem(await api.call('GET', '/v1/cash-counts?flagged=true', { token: day.partner }), 403);
  });

  test('the limit is set when the station opens and changed by ops', async () => {
    const ops = await api.token('ops', undefined, 'ops-limit');
    const station = await expectOk(
      api.call('POST', '/v1/stations', { token: ops, key: true, body: { ...stationInput(unique('严站')), varianceLimitFen: 500 } }),
      201,
    );
    expect(station.varianceLimitFen).toBe(500);
    const partner = await api.token('partner', station.stationId, unique('p-'));
    const count = (countedFen: number) =>
      api.call('POST', `/v1/stations/${station.stationId}/cash-counts`, { token: partner, key: true, body: { countedFen, reason: '盘点' } });
    expect(await expectOk(count(501), 201)).toMatchObject({ varianceFen: 501, flagged: true });
    const changed = await expectOk(api.call('PATCH', `/v1/stations/${station.stationId}`, { token: ops, key: true, body: { varianceLimitFen: 100_000 } }));
    expect(changed.varianceLimitFen).toBe(100_000);
    expect(await expectOk(count(501 + 90_000), 201)).toMatchObject({ varianceFen: 90_000, flagged: false, varianceLimitFen: 100_000 });
    // A station opened without one gets the default.
    const plain = await expectOk(api.call('POST', '/v1/stations', { token: ops, key: true, body: stationInput(unique('默认站')) }), 201);
    expect(plain.varianceLimitFen).toBe(20_000);
  });
});

test('the kept balances are the fold of the entries, and the cash held (drawer + in transit) is kept for the limit check', async () => {
  const { day, p, o } = await stationWithCash();
  const r1 = await expectOk(p.remit(2_000));
  const r2 = await expectOk(p.remit(3_000));
  await expectOk(o.confirm(r1.remittanceId));
  await expectOk(o.reject(r2.remittanceId));
  const cash = (await allItems()).find((i) => i.pk === `STATION#${day.stationId}` && i.sk === 'CASH')!;
  const folded = fold(await journal(day));
  expect(cash).toMatchObject({
    drawerFen: folded.drawerFen,
    pendingRemittancesFen: folded.pendingRemittancesFen,
    dueToPlatformFen: folded.dueToPlatformFen,
    heldFen: folded.drawerFen + folded.pendingRemittancesFen,
  });
});
