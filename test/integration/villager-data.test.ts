import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { billCalls, ensureBillers, expectGatewayAgrees, expectLedgerHolds, reconcile } from '../support/bills.ts';
import { expectOk } from '../support/fixture.ts';
import { daysAhead, expectProblem, freshStation, partnerCalls, thisMonth, type Day } from '../support/station-day.ts';
import { recordFor } from '../support/records.ts';
import { allItems, tableSnapshot } from '../support/table.ts';
import { maxBills } from '#store/villagers.ts';

/**
 * docs/rules.md "Personal data": a villager can withdraw consent; deleting a
 * villager erases their name, phone and address everywhere the system copied
 * them; their orders and the statements keep only an anonymous reference. Data
 * can be corrected.
 */
const api = useApi();
let day: Day;
let p: ReturnType<typeof partnerCalls>;
beforeAll(async () => {
  day = await freshStation(api);
  p = partnerCalls(api, day);
});

const villagersPath = () => `/v1/stations/${day.stationId}/villagers`;
const register = (body: Record<string, unknown>, key: string | true = true) =>
  api.call('POST', villagersPath(), { token: day.partner, key, body: { villageId: day.station.villages[0].villageId, consent: true, ...body } });
const correct = (villagerId: string, body: Record<string, unknown>, key: string | true = true, token = day.partner) =>
  api.call('PATCH', `${villagersPath()}/${villagerId}`, { token, key, body });
const erase = (villagerId: string, key: string | true = true, token = day.partner) => api.call('DELETE', `${villagersPath()}/${villagerId}`, { token, key });
const find = async (q: string) =>
  (await expectOk(api.call('GET', `${villagersPath()}?q=${encodeURIComponent(q)}`, { token: day.partner }))).items.map(
    (v: { villagerId: string }) => v.villagerId,
  );

describe('correcting a villager', () => {
  test('name, phone, village and address note change; the phone guard and the name and phone search move with them', async () => {
    const v = await expectOk(register({ name: '胡来福', phone: '13600000001', addressNote: '桥头' }), 201);
    const changed = await expectOk(
      correct(v.villagerId, { name: '胡来富', phone: '13600000002', villageId: day.station.villages[1].villageId, addressNote: '桥尾第二家' }),
    );
    expect(changed).toMatchObject({
      villagerId: v.villagerId,
      name: '胡来富',
      phone: '13600000002',
      villageId: day.station.villages[1].villageId,
      addressNote: '桥尾第二家',
      consentAt: v.consentAt,
    });
    expect(await expectOk(api.call('GET', `${villagersPath()}/${v.villagerId}`, { token: day.partner }))).toEqual({ ...changed, creditFen: 0 });
    expect(await find('胡来富')).toEqual([v.villagerId]);
    expect(await find('胡来福')).toEqual([]);
    expect(await find('13600000002')).toEqual([v.villagerId]);
    expect(await find('13600000001')).toEqual([]);
    // The old number is free again, the new one taken.
    await expectOk(register({ name: '别人', phone: '13600000001' }), 201);
    expectProblem(await register({ name: '又一个', phone: '13600000002' }), 409, 'phone-taken');
    // Ops may correct too; a phone can be removed; the address note as well.
    const cleared = await expectOk(correct(v.villagerId, { phone: null, addressNote: null }, true, day.ops));
    expect(cleared).not.toHaveProperty('phone');
    expect(cleared).not.toHaveProperty('addressNote');
    expect(await find('13600000002')).toEqual([]);
    await expectOk(register({ name: '再一个', phone: '13600000002' }), 201);
  });

  test("another villager's phone is 409; a village of another station 422; nothing to change 400; nothing written", async () => {
    const a = await expectOk(register({ name: '甲某', phone: '13600000011' }), 201);
    await expectOk(register({ name: '乙某', phone: '13600000012' }), 201);
    const other = await freshStation(api);
    const before = await tableSnapshot();
    const taken = await correct(a.villagerId, { phone: '13600000012' });
    expectProblem(taken, 409, 'phone-taken');
    expect(taken.body.errors).toMatchObject([{ path: 'body.phone', message: expect.any(String) }]);
    expectProblem(await correct(a.villagerId, { villageId: other.station.villages[0].villageId }), 422, 'unknown-village');
    expectProblem(await correct(a.villagerId, {}), 400);
    expect(await tableSnapshot()).toBe(before);
  });

  test('a retry of a correction replays it; the kept answer holds no personal data, it is read again', async () => {
    const v = await expectOk(register({ name: '丁某', phone: '13600000021' }), 201);
    const key = randomUUID();
    const first = await expectOk(correct(v.villagerId, { name: '丁某某' }, key));
    const again = await correct(v.villagerId, { name: '丁某某' }, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first);
    // Sealed with the key; opened with it, it holds the villager's id only.
    const record = await recordFor(day.partner, key);
    expect(record.opened).toContain(v.villagerId);
    expect(record.opened).not.toContain('丁某');
  });
});

describe('withdrawing consent', () => {
  test('deleting a villager leaves no trace of their name, phone or address anywhere in the table; their orders still read and hand over; statements unchanged', async () => {
    // Two spellings of everything: what they registered with, and what it was corrected to.
    const personal = ['欧阳淑芬', '13700001111', '老樟树下第三家', '欧阳淑芳', '13700002222', '新桥边第一家'];
    const registerKey = randomUUID();
    // They chose no SMS, so their codes come to the partner (messages.test.ts erases a villager who hears by SMS).
    const v = await expectOk(register({ name: personal[0], phone: personal[1], addressNote: personal[2], messages: 'NONE' }, registerKey), 201);
    const id = v.villagerId as string;
    await expectOk(correct(id, { name: personal[3], phone: personal[4], addressNote: personal[5] }));
    // The retried registration answers with who they are now, read again (the record keeps only the id).
    expect((await register({ name: personal[0], phone: personal[1], addressNote: personal[2], messages: 'NONE' }, registerKey)).body).toMatchObject({
      name: personal[3],
    });

    // Their life at the station: a kiosk cart, orders (one waiting at the station), a pick-up task, a delivery run and its sheet.
    const cart = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/carts`, { token: day.kiosk, key: true, body: { villagerId: id, lines: [{ sku: day.sku.odd, qty: 1 }] } }),
      201,
    );
    const fromCart = await expectOk(p.place({ cartId: cart.cartId, paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 999 }), 201);
    const home = await expectOk(
      p.place({ villagerId: id, lines: [{ sku: day.sku.rice, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'HOME_DELIVERY' }),
      201,
    );
    const waiting = await expectOk(
      p.place({ villagerId: id, lines: [{ sku: day.sku.odd, qty: 2 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 1_998 }),
      201,
    );
    for (const o of [fromCart, home, waiting]) await expectOk(p.arrive(o.orderId));
    await expectOk(p.pickUp(fromCart.orderId, fromCart.deliveryCode));
    const date = '2026-12-05';
    await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/tasks`, {
        token: day.partner,
        key: true,
        body: { villageId: day.station.villages[0].villageId, date, kind: 'PRODUCE', villagerId: id, weightKg: 10 },
      }),
      201,
    );
    const run = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { token: day.partner, key: true, body: { date, capacityKg: 200 } }),
      201,
    );
    const sheet = await expectOk(api.call('GET', `/v1/delivery-runs/${run.runId}/sheet`, { token: day.partner }));
    expect(JSON.stringify(sheet)).toContain(personal[3]);
    await expectOk(api.call('POST', `/v1/delivery-runs/${run.runId}/start`, { token: day.partner, key: true }));
    const stop = run.trips.flatMap((t: any) => t.stops).find((s: any) => s.orderIds.includes(home.orderId));
    await expectOk(
      api.call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, {
        token: day.partner,
        key: true,
        body: {
          deliveries: [{ orderId: home.orderId, outcome: 'DELIVERED', deliveryCode: home.deliveryCode, cashCollectedFen: 8_990 }],
          pickups: stop.pickups.map((taskId: string) => ({ taskId, done: true, collectedKg: 9.5 })),
        },
      }),
    );
    const statement = await p.statement(thisMonth());
    expect(JSON.stringify(await allItems())).toContain(personal[3]); // the test would see a trace if there were one

    // Consent withdrawn.
    const key = randomUUID();
    const erased = await erase(id, key);
    expect(erased.status).toBe(204);
    expect(erased.body).toBeUndefined();
    expect((await erase(id, key)).status).toBe(204); // the same request again: replayed
    expectProblem(await erase(id), 404); // a new request: there is no such villager any more

    const everything = await allItems();
    const traces = everything.filter((item) => personal.some((x) => JSON.stringify(item).includes(x)));
    expect(traces).toEqual([]);
    // Not even a hash of the request that registered them: the record keeps only that it was erased.
    const registered = (await recordFor(day.partner, registerKey)).item!;
    expect(registered).toMatchObject({ erased: 'villager' });
    expect(registered).not.toHaveProperty('fingerprint');
    expect(registered).not.toHaveProperty('sealed');
    expectProblem(await register({ name: personal[0], phone: personal[1], addressNote: personal[2] }, registerKey), 404);

    expectProblem(await api.call('GET', `${villagersPath()}/${id}`, { token: day.partner }), 404);
    expect(await find(personal[3]!.slice(0, 2))).toEqual([]);
    expect(await find(personal[4]!)).toEqual([]);

    // Orders keep the anonymous reference; they read, and hand over with the villager's code.
    expect(await p.order(home.orderId)).toMatchObject({ villagerId: id, status: 'DELIVERED' });
    expect(await expectOk(p.pickUp(waiting.orderId, waiting.deliveryCode))).toMatchObject({ villagerId: id, status: 'PICKED_UP' });
    const afterSheet = await expectOk(api.call('GET', `/v1/delivery-runs/${run.runId}/sheet`, { token: day.partner }));
    expect(personal.some((x) => JSON.stringify(afterSheet).includes(x))).toBe(false);
    const after = await p.statement(thisMonth());
    expect({
      ...after,
      salesFen: statement.salesFen,
      ordersHandedOver: statement.ordersHandedOver,
      savingsFen: statement.savingsFen,
      commissionFen: statement.commissionFen,
    }).toEqual(statement);
    expect(after.ordersHandedOver).toBe(statement.ordersHandedOver + 1); // the hand-over after the erasure, not a change to what was

    // The phone number is free for someone else.
    await expectOk(register({ name: '新人', phone: personal[4] }), 201);
  });

  test('ops may delete; a partner of another station gets 404 and nothing changes', async () => {
    const v = await expectOk(register({ name: '钱某', phone: '13600000031' }), 201);
    const other = await freshStation(api);
    const before = await tableSnapshot();
    expectProblem(await erase(v.villagerId, true, other.partner), 404);
    expect(await tableSnapshot()).toBe(before);
    expect((await erase(v.villagerId, true, day.ops)).status).toBe(204);
  });
});

/** Every string an item holds, however deep (map values, list and set members). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value instanceof Set) return [...value].flatMap(stringsOf);
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}
const tracesOf = async (personal: readonly string[]) => (await allItems()).filter((item) => stringsOf(item).some((s) => personal.some((x) => s.includes(x))));

describe('withdrawing consent: the bills they paid', () => {
  test('a top-up naming the villager keeps no account number, name or phone once they are erased; the payment still reads, masked; cash and statement unchanged', async () => {
    await ensureBillers(api);
    const bills = billCalls(api, day);
    const personal = ['司马秋菊', '13911118000', '司马秋兰'];
    const v = await expectOk(register({ name: personal[0], phone: personal[1] }), 201);
    const payKey = randomUUID();
    const paid = await expectOk(bills.pay({ billerCode: 'CMCC', accountNo: personal[1]!, amountFen: 3_000, villagerId: v.villagerId }, payKey), 201);
    expect(paid).toMatchObject({ status: 'PAID', accountNo: personal[1], villagerId: v.villagerId });
    // A correction after the payment keeps it listed on the villager.
    await expectOk(correct(v.villagerId, { name: personal[2] }));
    expect(await tracesOf(personal)).not.toEqual([]); // the scan would see a trace if there were one
    const cash = await p.cash();
    const statement = await p.statement(thisMonth());

    expect((await erase(v.villagerId)).status).toBe(204);

    expect(await tracesOf(personal)).toEqual([]);
    const read = await bills.get(paid.billPaymentId);
    expect(read).toEqual({ ...paid, accountNo: '*******8000', holderName: '*', accountMasked: true });
    expect((await bills.list()).items.find((b: { billPaymentId: string }) => b.billPaymentId === paid.billPaymentId)).toEqual(read);
    // The money records are as they were.
    expect(await p.cash()).toEqual(cash);
    expect(await p.statement(thisMonth())).toEqual(statement);
    await expectLedgerHolds(day.stationId, [read]);
    // A retry of the payment's request: its record kept nothing of it, so it answers 404 rather than paying again.
    expectProblem(await bills.pay({ billerCode: 'CMCC', accountNo: personal[1]!, amountFen: 3_000, villagerId: v.villagerId }, payKey), 404);
  });

  test('a payment still PENDING when its villager is erased (the gateway applied it, the answer was lost) is settled PAID by the reconciler', async () => {
    await ensureBillers(api);
    const bills = billCalls(api, day);
    const personal = ['上官春生', '13911117000'];
    const v = await expectOk(register({ name: personal[0], phone: personal[1] }), 201);
    await api.gateway.fault('drop-answer', 1, 'pay');
    const pending = await expectOk(bills.pay({ billerCode: 'CMCC', accountNo: personal[1]!, amountFen: 2_000, villagerId: v.villagerId }), 201);
    expect(pending.status).toBe('PENDING');
    await api.gateway.fault('none');

    expect((await erase(v.villagerId)).status).toBe(204);
    expect(await tracesOf(personal)).toEqual([]);

    await reconcile();
    const settled = await bills.get(pending.billPaymentId);
    expect(settled).toMatchObject({ status: 'PAID', accountNo: '*******7000', receiptNo: expect.any(String) });
    await expectGatewayAgrees(api, settled);
    await expectLedgerHolds(day.stationId, [settled]);
    expect(await tracesOf(personal)).toEqual([]);
  });

  test('a payment the gateway never received when its villager is erased is not sent again (its account is gone): it fails after 30 minutes and its cash is handed back', async () => {
    await ensureBillers(api);
    const bills = billCalls(api, day);
    const personal = ['欧阳冬梅', '13911116000'];
    const v = await expectOk(register({ name: personal[0], phone: personal[1] }), 201);
    await api.gateway.fault('error', 1, 'pay');
    const pending = await expectOk(bills.pay({ billerCode: 'CMCC', accountNo: personal[1]!, amountFen: 1_500, villagerId: v.villagerId }), 201);
    expect(pending.status).toBe('PENDING');

    expect((await erase(v.villagerId)).status).toBe(204);
    await reconcile();
    expect(await bills.get(pending.billPaymentId)).toMatchObject({ status: 'PENDING', accountNo: '*******6000' });
    expect((await api.gateway.payments()).filter((k) => k.request.reference === pending.reference)).toEqual([]);

    await reconcile(new Date(Date.parse(pending.createdAt) + 31 * 60_000));
    const failed = await bills.get(pending.billPaymentId);
    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'never-reached-gateway' });
    await expectGatewayAgrees(api, failed);
    await expectLedgerHolds(day.stationId, [failed]);
    expect(await tracesOf(personal)).toEqual([]);
  });

  test(`past ${maxBills} payments naming a villager, the oldest forgets its account as the next is paid; the erasure reaches the rest`, async () => {
    await ensureBillers(api);
    const bills = billCalls(api, day);
    const personal = ['诸葛夏荷', '13911115000'];
    const v = await expectOk(register({ name: personal[0], phone: personal[1] }), 201);
    const paid = [];
    for (let i = 0; i <= maxBills; i++)
      paid.push(await expectOk(bills.pay({ billerCode: 'CMCC', accountNo: personal[1]!, amountFen: 1_000 + i, villagerId: v.villagerId }), 201));
    expect(await bills.get(paid[0].billPaymentId)).toMatchObject({ status: 'PAID', accountNo: '*******5000', accountMasked: true });
    expect(await bills.get(paid[1].billPaymentId)).toMatchObject({ accountNo: personal[1] });
    expect(((await allItems()).find((i) => i.sk === `VILLAGER#${v.villagerId}`)!.billPayments as unknown[]).length).toBe(maxBills);

    expect((await erase(v.villagerId)).status).toBe(204);
    expect(await tracesOf(personal)).toEqual([]);
    for (const b of paid) expect(await bills.get(b.billPaymentId)).toMatchObject({ status: 'PAID', accountNo: '*******5000', amountFen: b.amountFen });
  });

  test('a payment and an erasure at once: either the payment is refused (404) or the erasure reaches it', async () => {
    await ensureBillers(api);
    const bills = billCalls(api, day);
    for (let i = 0; i < 5; i++) {
      const personal = [`公孙${'甲乙丙丁戊'[i]}`, `1391111400${i}`];
      const v = await expectOk(register({ name: personal[0], phone: personal[1] }), 201);
      const [pay, erased] = await Promise.all([
        bills.pay({ billerCode: 'CMCC', accountNo: personal[1]!, amountFen: 1_500, villagerId: v.villagerId }),
        erase(v.villagerId),
      ]);
      expect(erased.status).toBe(204);
      expect([201, 404]).toContain(pay.status);
      expect(await tracesOf(personal)).toEqual([]);
    }
  });
});

describe('withdrawing consent: what was written about them', () => {
  test("a top-up to their number that did not name them, and free text that did (a task's note, an installation's note, a claim's problem, a cancel's and a return's reason, a failed delivery's reason): none keeps their name or number", async () => {
    await ensureBillers(api);
    const bills = billCalls(api, day);
    // Today (Shanghai): an installation is booked for today or later.
    const date = daysAhead(0);
    const personal = ['慕容翠花', '13922227777'];
    const [name, phone] = personal as [string, string];
    const v = await expectOk(register({ name, phone, messages: 'NONE' }), 201);
    const id = v.villagerId as string;
    // Paid at the counter to their number, without saying whose it is (as a neighbour topping them up would).
    const topUp = await expectOk(bills.pay({ billerCode: 'CMCC', accountNo: phone, amountFen: 2_000 }), 201);
    // The partner writes about them, as partners do.
    const said = `${name}说打 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)} 找她`;
    const task = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/tasks`, {
        token: day.partner,
        key: true,
        body: { villageId: day.station.villages[0].villageId, date, kind: 'PRODUCE', villagerId: id, note: said, weightKg: 5 },
      }),
      201,
    );
    const ac = await expectOk(
      p.place({ villagerId: id, lines: [{ sku: day.sku.ac, qty: 2 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 780_000 }),
      201,
    );
    await expectOk(p.arrive(ac.orderId));
    await expectOk(p.pickUp(ac.orderId, ac.deliveryCode));
    const jobs = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/installations?status=OPEN&limit=100`, { token: day.partner }));
    const job = jobs.items.find((j: { orderId: string }) => j.orderId === ac.orderId);
    await expectOk(api.call('POST', `/v1/installations/${job.jobId}/schedule`, { token: day.partner, key: true, body: { date, installer: 'PARTNER' } }));
    await expectOk(
      api.call('POST', `/v1/installations/${job.jobId}/complete`, {
        token: day.partner,
        key: true,
        body: { deliveryCode: ac.deliveryCode, note: `装好了，${phone}` },
      }),
    );
    const claim = await expectOk(
      api.call('POST', `/v1/orders/${ac.orderId}/claims`, { token: day.partner, key: true, body: { sku: day.sku.ac, qty: 1, problem: `${name}家的不制冷` } }),
      201,
    );
    await expectOk(api.call('POST', `/v1/claims/${claim.claimId}/resolve`, { token: day.partner, key: true, body: { remedy: 'RETURN', note: `${name}要退` } }));
    await expectOk(api.call('POST', `/v1/claims/${claim.claimId}/approve`, { token: day.ops, key: true, body: { reason: `给${name}打过电话 ${phone}` } }));
    await expectOk(p.returnGoods(ac.orderId, [{ sku: day.sku.ac, qty: 1 }], `${name}不想要了`), 201);
    const cancelled = await expectOk(
      p.place({ villagerId: id, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 999 }),
      201,
    );
    await expectOk(p.cancel(cancelled.orderId, `${name}改主意了`));
    const home = await expectOk(
      p.place({ villagerId: id, lines: [{ sku: day.sku.rice, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'HOME_DELIVERY' }),
      201,
    );
    await expectOk(p.arrive(home.orderId));
    const run = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { token: day.partner, key: true, body: { date, capacityKg: 200 } }),
      201,
    );
    await expectOk(api.call('POST', `/v1/delivery-runs/${run.runId}/start`, { token: day.partner, key: true }));
    for (const stop of run.trips.flatMap((t: any) => t.stops)) {
      await expectOk(
        api.call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, {
          token: day.partner,
          key: true,
          body: {
            deliveries: stop.orderIds.map((orderId: string) => ({ orderId, outcome: 'FAILED', reason: `${name}不在家，电话${phone}没人接` })),
            pickups: stop.pickups.map((taskId: string) => ({ taskId, done: false, note: `${name}的栗子还没晒干` })),
          },
        }),
      );
    }
    expect(await tracesOf(personal)).not.toEqual([]); // the scan would see a trace if there were one

    expect((await erase(id)).status).toBe(204);
    expect((await tracesOf(personal)).map((i) => `${String(i.pk).replace(/#.*/, '#')} ${String(i.sk).replace(/#.*/, '#')} ${String(i.type)}`)).toEqual([]);
    // What remains still reads: the payment masked, the claim and the task with the words about them blanked out.
    expect(await bills.get(topUp.billPaymentId)).toMatchObject({ status: 'PAID', accountNo: '*******7777', amountFen: 2_000, accountMasked: true });
    const claimAfter = await expectOk(api.call('GET', `/v1/claims/${claim.claimId}`, { token: day.partner }));
    expect(claimAfter).toMatchObject({ status: 'RETURNED', problem: '****家的不制冷' });
    const tasks = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/tasks?date=${date}`, { token: day.partner }));
    expect(tasks.items.find((t: { taskId: string }) => t.taskId === task.taskId).note).toBe('****说打 *** **** **** 找她');
  });

  test('more written about them than one transaction holds: what does not fit is blanked out just before, and nothing is left', async () => {
    const personal = ['上官秋月', '13922226666'];
    const v = await expectOk(register({ name: personal[0], phone: personal[1] }), 201);
    const villageId = day.station.villages[0].villageId;
    const note = (i: number) =>
      api.call('POST', `/v1/stations/${day.stationId}/tasks`, {
        token: day.partner,
        key: true,
        body: { villageId, date: '2026-12-07', kind: 'PRODUCE', villagerId: v.villagerId, note: `${personal[0]}第${i + 1}筐，电话${personal[1]}`, weightKg: 1 },
      });
    // Ten at a time, as a busy day writes them (110 at once only measures the machine).
    for (let i = 0; i < 110; i += 10) for (const a of await Promise.all(Array.from({ length: 10 }, (_, j) => note(i + j)))) expect(a.status).toBe(201);
    expect((await erase(v.villagerId)).status).toBe(204);
    expect(await tracesOf(personal)).toEqual([]);
  });
});
