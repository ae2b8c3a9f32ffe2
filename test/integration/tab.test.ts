import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, test } from 'vitest';
import { remindTabs } from '#functions/tabs/reminders.ts';
import { db, tableName } from '#store/db.ts';
import * as keys from '#store/keys.ts';
import { useApi } from '../support/api.ts';
import { expectOk, productInput, unique } from '../support/fixture.ts';
import { daysAhead, expectProblem, freshStation, partnerCalls, thisMonth, type Day } from '../support/station-day.ts';
import { allItems } from '../support/table.ts';
import { ageTab, codeOf, confirm, openTab } from '../support/tabs.ts';

/**
 * docs/rules.md "The tab": the platform's goods sold with a due date, consent
 * by a code to the villager's phone, a limit an operator decides, the
 * partner's commission held until repaid, repayments in cash or from a weigh
 * ticket, frozen past the due date, reminded, written off after 180 days.
 */
const api = useApi({ outbox: true });
let day: Day;
let p: ReturnType<typeof partnerCalls>;
let fertiliser: string;

let phones = 0;
const newPhone = () => `135${String(Date.now() % 1e4).padStart(4, '0')}${String(++phones).padStart(4, '0')}`;

/** The last message of a template that reached a phone (the outbox sends it within moments). */
async function smsTo(phone: string, template: string) {
  const until = Date.now() + 15_000;
  for (;;) {
    const sent = (await api.sms.messages(phone)).filter((m) => m.templateCode === template);
    if (sent.length) return sent.at(-1)!;
    if (Date.now() > until) throw new Error(`no ${template} reached ${phone}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const tabPath = (villagerId: string) => `/v1/stations/${day.stationId}/villagers/${villagerId}/tab`;
const getTab = (villagerId: string) => expectOk(api.call('GET', tabPath(villagerId), { token: day.partner }));

async function villagerWithPhone(name = '张大山', phone = newPhone()) {
  const v = await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/villagers`, {
      token: day.partner,
      key: true,
      body: { name, phone, villageId: day.station.villages[0].villageId, consent: true },
    }),
    201,
  );
  return { villagerId: v.villagerId as string, phone };
}

/** Two bags of fertiliser (¥150.00 each; the station's commission on them ¥18.00), placed unpaid. */
async function fertiliserOrder(villagerId: string) {
  return expectOk(p.place({ villagerId, lines: [{ sku: fertiliser, qty: 2 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' }), 201);
}

async function sellOnTab(villagerId: string, orderId: string, amountFen: number, dueDate: string, headers: Record<string, string> = {}) {
  const { confirmationId, code } = await confirm(api, day.partner, day.stationId, villagerId, { purpose: 'TAB_SALE', amountFen, dueDate });
  return api.call('POST', `/v1/orders/${orderId}/payments`, {
    token: day.partner,
    key: true,
    headers,
    body: { amountFen, source: 'TAB', confirmationId, code, dueDate },
  });
}

const weigh = (villagerId: string, code: string, grossGrams: number, payout: string) =>
  api.call('POST', `/v1/stations/${day.stationId}/weigh-tickets`, {
    token: day.partner,
    key: true,
    body: { villagerId, code, grade: 'A', grossGrams, payout },
  });

beforeAll(async () => {
  day = await freshStation(api);
  p = partnerCalls(api, day);
  fertiliser = unique('FERT-').toUpperCase();
  await expectOk(
    api.call('PUT', `/v1/products/${fertiliser}`, {
      token: day.ops,
      body: productInput({
        title: '复合肥 50公斤',
        category: 'agriculture',
        onlinePriceFen: 15_000,
        localStorePriceFen: 16_000,
        merchantCostFen: 12_000,
        weightGrams: 50_000,
        needsInstallation: false,
        returnWindowDays: 0,
        warrantyDays: 0,
      }),
    }),
    201,
  );
});

test('a villager without a phone cannot have a tab (422, nothing sent)', async () => {
  const villagerId = await day.villager('没手机');
  const answer = await api.call('POST', `/v1/stations/${day.stationId}/villagers/${villagerId}/confirmations`, {
    token: day.partner,
    key: true,
    headers: { 'accept-language': 'zh-CN' },
    body: { purpose: 'TAB_CONSENT', amountFen: 50_000 },
  });
  expectProblem(answer, 422, 'tab-no-phone');
  expect(answer.body.detail).toContain('没有手机号不能赊账');
  expect((await allItems()).filter((i) => i.type === 'confirmation' && i.villagerId === villagerId)).toEqual([]);
});

test("the villager consents by a code to their phone; ops approve a lower limit than asked; the consent's text and version are kept", async () => {
  const { villagerId, phone } = await villagerWithPhone('李春花');
  const c = await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/villagers/${villagerId}/confirmations`, {
      token: day.partner,
      key: true,
      body: { purpose: 'TAB_CONSENT', amountFen: 80_000 },
    }),
    201,
  );
  expect(c.sentTo).toBe(`尾号${phone.slice(-4)}`);
  const code = await codeOf(api, day.stationId, c.confirmationId);
  const sms = await smsTo(phone, 'TAB_CONSENT_CODE');
  expect(sms.content).toContain('800.00元');
  expect(sms.content).toContain('不收利息');
  // The code is kept only hashed.
  const stored = (await allItems()).find((i) => i.sk === `CONFIRM#${c.confirmationId}`)!;
  expect(JSON.stringify(stored)).not.toContain(`"${code}"`);

  const request = await expectOk(
    api.call('POST', `${tabPath(villagerId)}/requests`, { token: day.partner, key: true, body: { limitFen: 80_000, confirmationId: c.confirmationId, code } }),
    201,
  );
  expect(request).toMatchObject({ status: 'PENDING', limitFen: 80_000, consent: { confirmationId: c.confirmationId, version: c.version, text: c.text } });
  expect(request.suggestion.reason).toContain('还没有卖过农产品');
  // The same code again is refused: each is good once.
  const again = await api.call('POST', `${tabPath(villagerId)}/requests`, {
    token: day.partner,
    key: true,
    body: { limitFen: 80_000, confirmationId: c.confirmationId, code },
  });
  expectProblem(again, 422, 'tab-code-used');
  expectProblem(await api.call('GET', tabPath(villagerId), { token: day.partner }), 404);

  const pending = await expectOk(api.call('GET', '/v1/tab-requests?status=PENDING&limit=100', { token: day.ops }));
  expect(pending.items.map((r: { requestId: string }) => r.requestId)).toContain(request.requestId);
  // Not above what the villager agreed to.
  expectProblem(
    await api.call('POST', `/v1/tab-requests/${request.requestId}/approve`, { token: day.ops, key: true, body: { limitFen: 90_000 } }),
    422,
    'tab-limit-above-consent',
  );
  const approved = await expectOk(
    api.call('POST', `/v1/tab-requests/${request.requestId}/approve`, { token: day.ops, key: true, body: { limitFen: 50_000, reason: '先少批一些' } }),
  );
  // The operator's note is kept with the decision.
  expect(approved.request).toMatchObject({ status: 'APPROVED', approvedLimitFen: 50_000, reason: '先少批一些' });
  expect(approved.tab).toMatchObject({ limitFen: 50_000, owedFen: 0, availableFen: 50_000, status: 'ACTIVE' });
  expect(await getTab(villagerId)).toMatchObject({ limitFen: 50_000, status: 'ACTIVE' });
  const stillPending = await expectOk(api.call('GET', '/v1/tab-requests?limit=100', { token: day.ops }));
  expect(stillPending.items.map((r: { requestId: string }) => r.requestId)).not.toContain(request.requestId);
  expectProblem(await api.call('POST', `/v1/tab-requests/${request.requestId}/reject`, { token: day.ops, key: true, body: { reason: '晚了' } }), 409);
});

test('a rejected request says why, and opens no tab', async () => {
  const { villagerId } = await villagerWithPhone('赵小兵');
  const { confirmationId, code } = await confirm(api, day.partner, day.stationId, villagerId, { purpose: 'TAB_CONSENT', amountFen: 30_000 });
  const request = await expectOk(
    api.call('POST', `${tabPath(villagerId)}/requests`, { token: day.partner, key: true, body: { limitFen: 30_000, confirmationId, code } }),
    201,
  );
  const rejected = await expectOk(
    api.call('POST', `/v1/tab-requests/${request.requestId}/reject`, { token: day.ops, key: true, body: { reason: '刚搬来，先用现金' } }),
  );
  expect(rejected.request).toMatchObject({ status: 'REJECTED', reason: '刚搬来，先用现金' });
  expectProblem(await api.call('GET', tabPath(villagerId), { token: day.partner }), 404);
});

test("the partner reads a villager's requests, newest first, with what ops decided and why; nobody else's", async () => {
  const { villagerId } = await villagerWithPhone('钱二妹');
  const ask = async (limitFen: number) => {
    const { confirmationId, code } = await confirm(api, day.partner, day.stationId, villagerId, { purpose: 'TAB_CONSENT', amountFen: limitFen });
    return expectOk(api.call('POST', `${tabPath(villagerId)}/requests`, { token: day.partner, key: true, body: { limitFen, confirmationId, code } }), 201);
  };
  const first = await ask(80_000);
  await expectOk(api.call('POST', `/v1/tab-requests/${first.requestId}/reject`, { token: day.ops, key: true, body: { reason: '先从小额开始' } }));
  const second = await ask(20_000);
  const other = await villagerWithPhone('孙大伯');
  const { confirmationId, code } = await confirm(api, day.partner, day.stationId, other.villagerId, { purpose: 'TAB_CONSENT', amountFen: 10_000 });
  await expectOk(
    api.call('POST', `${tabPath(other.villagerId)}/requests`, { token: day.partner, key: true, body: { limitFen: 10_000, confirmationId, code } }),
    201,
  );

  const list = await expectOk(api.call('GET', `${tabPath(villagerId)}/requests`, { token: day.partner }));
  expect(list.items.map((r: { requestId: string; status: string; reason?: string }) => [r.requestId, r.status, r.reason])).toEqual([
    [second.requestId, 'PENDING', undefined],
    [first.requestId, 'REJECTED', '先从小额开始'],
  ]);
  const paged = await expectOk(api.call('GET', `${tabPath(villagerId)}/requests?limit=1`, { token: day.partner }));
  expect(paged.items.map((r: { requestId: string }) => r.requestId)).toEqual([second.requestId]);
  const rest = await expectOk(api.call('GET', `${tabPath(villagerId)}/requests?limit=1&next=${encodeURIComponent(paged.next)}`, { token: day.partner }));
  expect(rest.items.map((r: { requestId: string }) => r.requestId)).toEqual([first.requestId]);
  expect(rest.next).toBeUndefined();

  const foreign = await freshStation(api);
  expectProblem(await api.call('GET', `${tabPath(villagerId)}/requests`, { token: foreign.partner }), 404);
});

describe('a sale on the tab, repaid in cash and by a weigh ticket', () => {
  let villagerId: string;
  let phone: string;
  let orderId: string;
  const dueDate = daysAhead(120);

  beforeAll(async () => {
    ({ villagerId, phone } = await villagerWithPhone('王铁柱'));
    await openTab(api, { ops: day.ops, partner: day.partner, stationId: day.stationId, villagerId, limitFen: 50_000 });
  });

  test('a wrong or mismatched code refuses the sale and writes nothing', async () => {
    const order = await fertiliserOrder(villagerId);
    const { confirmationId, code } = await confirm(api, day.partner, day.stationId, villagerId, { purpose: 'TAB_SALE', amountFen: 30_000, dueDate });
    const wrong = code === '000000' ? '111111' : '000000';
    const before = JSON.stringify((await allItems()).filter((i) => i.pk === `ORDER#${order.orderId}` || i.sk === `TAB#${villagerId}` || i.type === 'entry'));
    const pay = (body: Record<string, unknown>) =>
      api.call('POST', `/v1/orders/${order.orderId}/payments`, {
        token: day.partner,
        key: true,
        body: { amountFen: 30_000, source: 'TAB', confirmationId, dueDate, ...body },
      });
    expectProblem(await pay({ code: wrong }), 422, 'tab-code-wrong');
    expectProblem(await pay({ code, amountFen: 20_000 }), 422, 'tab-code-mismatch');
    expectProblem(await pay({ code, dueDate: daysAhead(100) }), 422, 'tab-code-mismatch');
    expectProblem(await pay({ code, dueDate: daysAhead(181) }), 422, 'tab-due-date');
    const after = JSON.stringify((await allItems()).filter((i) => i.pk === `ORDER#${order.orderId}` || i.sk === `TAB#${villagerId}` || i.type === 'entry'));
    expect(after).toBe(before);
    // The right code still works afterwards (it was never used).
    const ok = await expectOk(pay({ code }));
    expect(ok).toMatchObject({ paidFen: 30_000, outstandingFen: 0, tab: { amountFen: 30_000, dueDate, owedFen: 30_000 } });
    orderId = order.orderId;
  });

  test("the sale moves no cash, owes the platform nothing more, and holds the partner's commission on it", async () => {
    const order = await p.order(orderId);
    expect(order).toMatchObject({ paidFen: 30_000, paidByTabFen: 30_000, commissionFen: 1_800, commissionHeldFen: 1_800 });
    const entries = (await allItems()).filter((i) => i.type === 'entry' && i.orderId === orderId);
    expect(entries.map((e) => e.kind)).toEqual(['TAB_SALE']);
    const cash = await p.cash();
    expect(cash).toMatchObject({ drawerFen: 0, dueToPlatformFen: 0, commissionEarnedFen: 0 });
    const sms = await smsTo(phone, 'TAB_SALE_CODE');
    expect(sms.content).toContain('300.00元');
    expect(sms.content).toContain(dueDate);
    expect(await getTab(villagerId)).toMatchObject({
      owedFen: 30_000,
      availableFen: 20_000,
      status: 'ACTIVE',
      heldFen: 1_800,
      items: [{ orderId, amountFen: 30_000, dueDate, repaidFen: 0 }],
    });
    expect(await p.statement(thisMonth())).toMatchObject({ tabSalesFen: 30_000, commissionHeldFen: 1_800, tabOverdueFen: 0 });
  });

  test('never above the limit (422 with what is left)', async () => {
    const order = await fertiliserOrder(villagerId);
    const answer = await sellOnTab(villagerId, order.orderId, 25_000, dueDate, { 'accept-language': 'zh-CN' });
    expectProblem(answer, 422, 'tab-over-limit');
    expect(answer.body.detail).toContain('¥200.00');
    await expectOk(p.cancel(order.orderId));
  });

  test('handed over: only the commission not held is earned', async () => {
    await expectOk(p.arrive(orderId));
    const o = await p.order(orderId);
    expect(o.status).toBe('AT_STATION');
    const code = (await api.sms.messages(phone)).find((m) => m.templateCode === 'ORDER_PLACED' && m.params.receiptNo === orderId.slice(-6))?.params.code;
    expect(code).toMatch(/^\d{6}$/);
    const orders = (await allItems()).filter((i) => i.type === 'order' && i.orderId === orderId);
    expect(orders).toHaveLength(1);
    await expectOk(p.pickUp(orderId, code!, 0));
    expect(await p.order(orderId)).toMatchObject({ status: 'PICKED_UP', commissionEarnedFen: 0 });
    expect((await p.cash()).commissionEarnedFen).toBe(0);
    // Goods sold on the tab are not returned at the station (a fault is reported instead).
    expectProblem(await p.returnGoods(orderId, [{ sku: fertiliser, qty: 1 }]), 409, 'tab-paid-order');
  });

  test('repaid in cash, oldest first: into the drawer, owed to the platform, the held commission earned pro rata', async () => {
    expectProblem(
      await api.call('POST', `${tabPath(villagerId)}/repayments`, { token: day.partner, key: true, body: { amountFen: 30_001 } }),
      422,
      'tab-overpaid',
    );
    const before = await p.cash();
    const r = await expectOk(api.call('POST', `${tabPath(villagerId)}/repayments`, { token: day.partner, key: true, body: { amountFen: 10_000 } }));
    expect(r).toMatchObject({ repaidFen: 10_000, commissionEarnedFen: 600, owedFen: 20_000, drawerFen: before.drawerFen + 10_000 });
    const after = await p.cash();
    expect(after.drawerFen - before.drawerFen).toBe(10_000);
    expect(after.dueToPlatformFen - before.dueToPlatformFen).toBe(10_000 - 600);
    expect(after.commissionEarnedFen - before.commissionEarnedFen).toBe(600);
    expect(await p.statement(thisMonth())).toMatchObject({ tabRepaidFen: 10_000, tabCommissionEarnedFen: 600 });
  });

  test('a weigh ticket repays the rest (never more than owed: the rest goes to the credit), and the held commission is all earned, exactly', async () => {
    const code = unique('CHESTNUT-').toUpperCase();
    await expectOk(
      api.call('PUT', `/v1/produce/${code}`, { token: day.ops, body: { title: '板栗', grades: [{ grade: 'A', priceFenPerKg: 1_000 }], feeFenPerKg: 40 } }),
      201,
    );
    // 25 kg at ¥10.00: ¥250.00, of which ¥200.00 repays the tab and ¥50.00 is the villager's credit.
    const cashBefore = await p.cash();
    const ticket = await expectOk(weigh(villagerId, code, 25_000, 'TAB'), 201);
    expect(ticket).toMatchObject({ payout: 'TAB', amountFen: 25_000, villagerCreditFen: 5_000 });
    expect(await getTab(villagerId)).toMatchObject({ owedFen: 0, heldFen: 0, earnedFen: 1_800, items: [] });
    const cashAfter = await p.cash();
    expect(cashAfter.drawerFen).toBe(cashBefore.drawerFen);
    expect(cashAfter.commissionEarnedFen - cashBefore.commissionEarnedFen).toBe(1_200);
    expect(await p.statement(thisMonth())).toMatchObject({ tabRepaidFen: 30_000, tabCommissionEarnedFen: 1_800 });
    // Nothing owed now: a ticket cannot repay the tab.
    expectProblem(await weigh(villagerId, code, 1_000, 'TAB'), 422, 'tab-nothing-owed');
  });
});

describe('past the due date', () => {
  let villagerId: string;
  let phone: string;

  beforeAll(async () => {
    ({ villagerId, phone } = await villagerWithPhone('孙有田'));
    await openTab(api, { ops: day.ops, partner: day.partner, stationId: day.stationId, villagerId, limitFen: 100_000 });
    const order = await fertiliserOrder(villagerId);
    await expectOk(sellOnTab(villagerId, order.orderId, 30_000, daysAhead(30)));
  });

  test('reminded 7 days before, once however often the job runs', async () => {
    await ageTab(day.stationId, villagerId, 23);
    await remindTabs();
    await remindTabs();
    await api.outbox.drained();
    const until = Date.now() + 10_000;
    let reminders = (await api.sms.messages(phone)).filter((m) => m.templateCode === 'TAB_REMINDER');
    while (reminders.length === 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      reminders = (await api.sms.messages(phone)).filter((m) => m.templateCode === 'TAB_REMINDER');
    }
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.content).toContain('7天后');
  });

  test('frozen: no new sales (422 in Chinese, saying what to do), the statement and the risk view count it', async () => {
    await ageTab(day.stationId, villagerId, 15);
    expect(await getTab(villagerId)).toMatchObject({ status: 'FROZEN', overdueFen: 30_000, availableFen: 0 });
    const order = await fertiliserOrder(villagerId);
    const answer = await sellOnTab(villagerId, order.orderId, 10_000, daysAhead(60), { 'accept-language': 'zh-CN' });
    expectProblem(answer, 422, 'tab-frozen');
    expect(answer.body.detail).toContain('已过还款日');
    expect(answer.body.detail).toContain('¥300.00');
    expect(answer.body.detail).toContain('请先还清');
    await expectOk(p.cancel(order.orderId));
    expect((await p.statement(thisMonth())).tabOverdueFen).toBeGreaterThanOrEqual(30_000);
    await remindTabs();
    const risk = await expectOk(api.call('GET', '/v1/risk?limit=100', { token: day.ops }));
    const signal = risk.items
      .find((s: { stationId: string }) => s.stationId === day.stationId)
      .signals.find((s: { signal: string }) => s.signal === 'tabSalesOverdue');
    expect(signal).toMatchObject({ count: 1 });
    expect(signal.reason).toBeTruthy();
    const book = await expectOk(api.call('GET', '/v1/tab-book', { token: day.ops }));
    const mine = book.items.find((s: { stationId: string }) => s.stationId === day.stationId);
    expect(mine.overdueByAge['1-30']).toBe(30_000);
    expect(mine.owedFen).toBeGreaterThanOrEqual(30_000);
  });

  test('a villager who owes cannot be erased (409)', async () => {
    expectProblem(await api.call('DELETE', `/v1/stations/${day.stationId}/villagers/${villagerId}`, { token: day.partner, key: true }), 409, 'tab-owed');
  });

  test('written off only after 180 days overdue: closed, the held commission forfeited; then the villager may be erased', async () => {
    const writeOff = (key: string | true = true) =>
      api.call('POST', `/v1/tabs/${day.stationId}/${villagerId}/write-off`, { token: day.ops, key, body: { reason: '多次催还无果' } });
    expectProblem(await writeOff(), 422, 'tab-not-written-off');
    await ageTab(day.stationId, villagerId, 175);
    const key = crypto.randomUUID();
    const closed = await expectOk(writeOff(key));
    expect(closed).toMatchObject({ status: 'CLOSED', owedFen: 0, writtenOffFen: 30_000, commissionForfeitedFen: 1_800 });
    // The same key again: the same answer, nothing written twice.
    expect((await expectOk(writeOff(key))).writtenOffFen).toBe(30_000);
    expect(await p.statement(thisMonth())).toMatchObject({ tabCommissionForfeitedFen: 1_800 });
    const entries = (await allItems()).filter((i) => i.type === 'entry' && i.kind === 'TAB_WRITTEN_OFF' && i.villagerId === villagerId);
    expect(entries).toHaveLength(1);
    await expectOk(api.call('DELETE', `/v1/stations/${day.stationId}/villagers/${villagerId}`, { token: day.partner, key: true }), 204);
  });
});

test("a station's tabs in one read: the overdue first, then the most owed; for its partner and ops, nobody else", async () => {
  const station = await freshStation(api);
  const partner = partnerCalls(api, station);
  const tabbed = async (name: string) => {
    const v = await expectOk(
      api.call('POST', `/v1/stations/${station.stationId}/villagers`, {
        token: station.partner,
        key: true,
        body: { name, phone: newPhone(), villageId: station.station.villages[0].villageId, consent: true },
      }),
      201,
    );
    await openTab(api, { ops: station.ops, partner: station.partner, stationId: station.stationId, villagerId: v.villagerId, limitFen: 100_000 });
    return v.villagerId as string;
  };
  const sell = async (villagerId: string, amountFen: number) => {
    const order = await expectOk(
      partner.place({ villagerId, lines: [{ sku: fertiliser, qty: 2 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' }),
      201,
    );
    const { confirmationId, code } = await confirm(api, station.partner, station.stationId, villagerId, {
      purpose: 'TAB_SALE',
      amountFen,
      dueDate: daysAhead(30),
    });
    await expectOk(
      api.call('POST', `/v1/orders/${order.orderId}/payments`, {
        token: station.partner,
        key: true,
        body: { amountFen, source: 'TAB', confirmationId, code, dueDate: daysAhead(30) },
      }),
    );
  };
  const [none, small, big] = [await tabbed('甲'), await tabbed('乙'), await tabbed('丙')];
  await sell(small, 10_000);
  await sell(big, 30_000);
  await ageTab(station.stationId, small, 35);

  const list = await expectOk(api.call('GET', `/v1/stations/${station.stationId}/tabs`, { token: station.partner }));
  expect(list.items.map((t: { villagerId: string; owedFen: number; overdueFen: number }) => [t.villagerId, t.owedFen, t.overdueFen])).toEqual([
    [small, 10_000, 10_000],
    [big, 30_000, 0],
    [none, 0, 0],
  ]);
  expect((await expectOk(api.call('GET', `/v1/stations/${station.stationId}/tabs`, { token: station.ops }))).items).toEqual(list.items);
  expectProblem(await api.call('GET', `/v1/stations/${station.stationId}/tabs`, { token: day.partner }), 404);
});

describe('an order sold on the tab and cancelled before it arrives', () => {
  let villagerId: string;
  beforeAll(async () => {
    ({ villagerId } = await villagerWithPhone('冯秋生'));
    await openTab(api, { ops: day.ops, partner: day.partner, stationId: day.stationId, villagerId, limitFen: 100_000 });
  });

  test('the sale comes off the tab, its commission is no longer held, the cash part goes back from the drawer; once', async () => {
    const order = await fertiliserOrder(villagerId);
    await expectOk(p.pay(order.orderId, 10_000));
    await expectOk(sellOnTab(villagerId, order.orderId, 20_000, daysAhead(60)));
    const sold = await p.order(order.orderId);
    expect(sold).toMatchObject({ paidFen: 30_000, paidByTabFen: 20_000 });
    const [tabBefore, cashBefore, statementBefore] = [await getTab(villagerId), await p.cash(), await p.statement(thisMonth())];
    expect(tabBefore.owedFen).toBe(20_000);

    const key = crypto.randomUUID();
    const cancelled = await expectOk(p.cancel(order.orderId, '村民不要了', key));
    expect(cancelled).toMatchObject({ status: 'CANCELLED', refundedFen: 30_000, refundedToTabFen: 20_000, outstandingFen: 0 });
    const tabAfter = await getTab(villagerId);
    expect(tabAfter).toMatchObject({ owedFen: 0, heldFen: tabBefore.heldFen - sold.commissionHeldFen, items: [] });
    const cashAfter = await p.cash();
    expect(cashAfter.drawerFen - cashBefore.drawerFen).toBe(-10_000);
    expect(cashAfter.dueToPlatformFen - cashBefore.dueToPlatformFen).toBe(-10_000);
    const statementAfter = await p.statement(thisMonth());
    expect(statementAfter.tabSalesFen - statementBefore.tabSalesFen).toBe(-20_000);
    expect(statementAfter.commissionHeldFen - statementBefore.commissionHeldFen).toBe(-sold.commissionHeldFen);
    expect(statementAfter.refundsFen - statementBefore.refundsFen).toBe(10_000);

    // The same key again: the same answer, nothing taken off twice.
    expect(await expectOk(p.cancel(order.orderId, '村民不要了', key))).toEqual(cancelled);
    expect((await getTab(villagerId)).owedFen).toBe(0);
    const refunds = (await allItems()).filter((i) => i.type === 'entry' && i.kind === 'REFUND' && i.orderId === order.orderId);
    expect(refunds).toHaveLength(1);
  });

  test('a sale partly repaid is not cancelled (409 saying what was repaid) and nothing is written', async () => {
    const order = await fertiliserOrder(villagerId);
    await expectOk(sellOnTab(villagerId, order.orderId, 30_000, daysAhead(60)));
    await expectOk(api.call('POST', `${tabPath(villagerId)}/repayments`, { token: day.partner, key: true, body: { amountFen: 5_000 } }));
    // Messages already queued go on being sent, awaited and counted meanwhile: everything else must stay as it was.
    const quiet = async () =>
      (await allItems())
        .filter((i) => i.type !== 'outbox' && i.type !== 'pending-message')
        .map((i) => (i.type === 'statement' ? { ...i, smsSent: undefined } : i));
    const before = await quiet();
    const refused = await p.cancel(order.orderId);
    expectProblem(refused, 409, 'tab-sale-repaid');
    expect(refused.body.detail).toContain('¥50.00');
    expect(await quiet()).toEqual(before);
  });
});

test('an expired code refuses the sale', async () => {
  const { villagerId } = await villagerWithPhone('周明');
  await openTab(api, { ops: day.ops, partner: day.partner, stationId: day.stationId, villagerId, limitFen: 50_000 });
  const order = await fertiliserOrder(villagerId);
  const dueDate = daysAhead(90);
  const { confirmationId, code } = await confirm(api, day.partner, day.stationId, villagerId, { purpose: 'TAB_SALE', amountFen: 10_000, dueDate });
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.confirmation(day.stationId, confirmationId),
      UpdateExpression: 'SET validUntil = :past',
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 1_000).toISOString() },
    }),
  );
  expectProblem(
    await api.call('POST', `/v1/orders/${order.orderId}/payments`, {
      token: day.partner,
      key: true,
      body: { amountFen: 10_000, source: 'TAB', confirmationId, code, dueDate },
    }),
    422,
    'tab-code-expired',
  );
  expect(await getTab(villagerId)).toMatchObject({ owedFen: 0 });
});
