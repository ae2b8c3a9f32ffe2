import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, test } from 'vitest';
import { shanghaiDate } from '#domain/time.ts';
import { db, tableName } from '#store/db.ts';
import * as keys from '#store/keys.ts';
import { useApi } from '../support/api.ts';
import { expectOk, productInput, unique } from '../support/fixture.ts';
import { daysAhead, expectProblem, freshStation, parcelOutForDelivery, partnerCalls, thisMonth, type Day } from '../support/station-day.ts';

/** docs/rules.md "Installation and after-sales", through the API: jobs at hand-over, claims under the three guarantees. */
const api = useApi();
let day: Day;
let p: ReturnType<typeof partnerCalls>;
let villager: string;
beforeAll(async () => {
  day = await freshStation(api);
  p = partnerCalls(api, day);
  villager = await day.villager('张桂兰');
});

const today = () => shanghaiDate(new Date());
const call = (method: string, path: string, body?: unknown, token = day.partner) =>
  api.call(method, path, { token, ...(method === 'GET' ? {} : { key: true }), ...(body === undefined ? {} : { body }) });

/** An air conditioner (needs installing, a year's warranty) picked up and paid in cash. */
async function pickedUp(qty = 1) {
  const o = await expectOk(
    p.place({
      villagerId: villager,
      lines: [{ sku: day.sku.ac, qty }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 390_000 * qty,
    }),
    201,
  );
  await expectOk(p.arrive(o.orderId));
  await expectOk(p.pickUp(o.orderId, o.deliveryCode));
  return o as { orderId: string; deliveryCode: string };
}

const jobsOf = async (orderId: string, status = 'OPEN') =>
  (await expectOk(call('GET', `/v1/stations/${day.stationId}/installations?status=${status}&limit=100`))).items.filter((j: any) => j.orderId === orderId);

test('warrantyDays joins the product: 0 when left out', async () => {
  const sku = unique('FAN-').toUpperCase();
  const put = await expectOk(api.call('PUT', `/v1/products/${sku}`, { token: day.ops, body: productInput({ needsInstallation: false }) }), 201);
  expect(put).toMatchObject({ warrantyDays: 365 });
  const { warrantyDays: _w, ...without } = productInput();
  expect(await expectOk(api.call('PUT', `/v1/products/${sku}`, { token: day.ops, body: without }))).toMatchObject({ warrantyDays: 0 });
  expectProblem(await api.call('PUT', `/v1/products/${sku}`, { token: day.ops, body: { ...without, warrantyDays: -1 } }), 400);
});

describe('installation jobs', () => {
  test('hand-over makes one job per line that needs installing; the order line carries the warranty', async () => {
    const o = await pickedUp(2);
    const order = await p.order(o.orderId);
    expect(order.lines[0]).toMatchObject({ warrantyDays: 365, needsInstallation: true });
    const jobs = await jobsOf(o.orderId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ sku: day.sku.ac, qty: 2, status: 'OPEN', villagerId: villager });
  });

  test('scheduled by the partner it is an INSTALLATION task on that day; rescheduled with a reason, the task moves; done with the code', async () => {
    const o = await pickedUp();
    const [job] = await jobsOf(o.orderId);
    expectProblem(await call('POST', `/v1/installations/${job.jobId}/schedule`, { date: '2020-01-01', installer: 'PARTNER' }), 422, 'date-in-past');
    expectProblem(await call('POST', `/v1/installations/${job.jobId}/schedule`, { date: daysAhead(300), installer: 'TECHNICIAN' }), 422, 'technician-needed');
    const scheduled = await expectOk(call('POST', `/v1/installations/${job.jobId}/schedule`, { date: daysAhead(301), installer: 'PARTNER' }));
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', date: daysAhead(301), installer: 'PARTNER' });
    const tasksOn = async (date: string) => (await expectOk(call('GET', `/v1/stations/${day.stationId}/tasks?date=${date}`))).items;
    expect(await tasksOn(daysAhead(301))).toEqual([expect.objectContaining({ taskId: scheduled.taskId, kind: 'INSTALLATION', villagerId: villager })]);
    const moved = await expectOk(call('POST', `/v1/installations/${job.jobId}/reschedule`, { date: daysAhead(304), reason: 'SITE_NOT_READY' }));
    expect(moved.reschedules).toEqual([expect.objectContaining({ from: daysAhead(301), to: daysAhead(304), reason: 'SITE_NOT_READY' })]);
    expect(await tasksOn(daysAhead(301))).toEqual([]);
    expect(await tasksOn(daysAhead(304))).toEqual([expect.objectContaining({ taskId: scheduled.taskId })]);
    expectProblem(await call('POST', `/v1/installations/${job.jobId}/reschedule`, { date: daysAhead(305), reason: 'BORED' }), 400);

    const before = await p.statement(thisMonth());
    const wrong = o.deliveryCode === '000000' ? '000001' : '000000';
    expectProblem(await call('POST', `/v1/installations/${job.jobId}/complete`, { deliveryCode: wrong }), 422, 'wrong-delivery-code');
    expect((await p.order(o.orderId)).wrongCodeAttempts).toBe(1);
    const done = await expectOk(call('POST', `/v1/installations/${job.jobId}/complete`, { deliveryCode: o.deliveryCode, note: '装在客厅' }));
    expect(done).toMatchObject({ status: 'DONE', note: '装在客厅' });
    // Done before its run: the booking is closed, so no run is planned for it.
    expect(await tasksOn(daysAhead(304))).toEqual([expect.objectContaining({ taskId: scheduled.taskId, status: 'DONE' })]);
    expect((await p.statement(thisMonth())).installationsDone).toBe(before.installationsDone + 1);
    expectProblem(await call('POST', `/v1/installations/${job.jobId}/complete`, { deliveryCode: o.deliveryCode }), 409, 'wrong-status');
  });

  test('five wrong codes at an installation lock the order, and ops find it in the list of locked orders', async () => {
    const o = await pickedUp();
    const [job] = await jobsOf(o.orderId);
    const wrong = o.deliveryCode === '000000' ? '000001' : '000000';
    for (let i = 1; i <= 5; i++) {
      const refused = await call('POST', `/v1/installations/${job.jobId}/complete`, { deliveryCode: wrong });
      expectProblem(refused, 422, i < 5 ? 'wrong-delivery-code' : 'order-locked');
    }
    const order = await p.order(o.orderId);
    expect(order).toMatchObject({ lockedForOps: true, wrongCodeAttempts: 5 });
    const locked = await expectOk(api.call('GET', '/v1/locked-orders?limit=100', { token: day.ops }));
    expect(locked.items).toContainEqual({
      orderId: o.orderId,
      stationId: day.stationId,
      placedAt: order.placedAt,
      lockedAt: order.updatedAt,
      wrongCodeAttempts: 5,
    });
  });

  test("a partner's installation is a stop of that day's run and on its sheet; once out on the run it is not moved", async () => {
    const o = await pickedUp();
    const [job] = await jobsOf(o.orderId);
    const s = await expectOk(call('POST', `/v1/installations/${job.jobId}/schedule`, { date: daysAhead(330), installer: 'PARTNER' }));
    const run = await expectOk(call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { date: daysAhead(330), capacityKg: 150 }), 201);
    expect(run.trips.flatMap((t: any) => t.stops.flatMap((x: any) => x.pickups))).toContain(s.taskId);
    const sheet = await expectOk(call('GET', `/v1/delivery-runs/${run.runId}/sheet`));
    const pickups = sheet.trips.flatMap((t: any) => t.stops.flatMap((x: any) => x.pickups));
    // The note names the product as a partner reads it, never the job's id (the task's id is the link to the job).
    expect(pickups).toEqual([expect.objectContaining({ taskId: s.taskId, kind: 'INSTALLATION', note: `${job.title} ×${job.qty}` })]);
    expectProblem(
      await call('POST', `/v1/installations/${job.jobId}/reschedule`, { date: daysAhead(331), reason: 'PART_MISSING' }),
      409,
      'installation-on-run',
    );
  });

  test('a parcel delivered on a run makes its installation job too', async () => {
    const complete = await parcelOutForDelivery(api, day, villager, day.sku.ac, 0);
    const stop = await expectOk(complete(crypto.randomUUID()));
    const orderId = stop.stop.orderIds[0];
    expect(await jobsOf(orderId)).toEqual([expect.objectContaining({ orderId, status: 'OPEN', qty: 1 })]);
  });

  test("by the brand's technician, no task is booked", async () => {
    const o = await pickedUp();
    const [job] = await jobsOf(o.orderId);
    const s = await expectOk(call('POST', `/v1/installations/${job.jobId}/schedule`, { date: today(), installer: 'TECHNICIAN', technicianName: '李师傅' }));
    expect(s).toMatchObject({ installer: 'TECHNICIAN', technicianName: '李师傅' });
    expect(s.taskId).toBeUndefined();
  });

  test('cancelled as dead on arrival it opens a claim; declined, it does not', async () => {
    const o = await pickedUp();
    const [job] = await jobsOf(o.orderId);
    const before = await p.statement(thisMonth());
    const cancelled = await expectOk(call('POST', `/v1/installations/${job.jobId}/cancel`, { reason: 'DEAD_ON_ARRIVAL' }));
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'DEAD_ON_ARRIVAL', claim: { status: 'OPEN', source: 'DEAD_ON_ARRIVAL', qty: 1 } });
    expect(cancelled.claimId).toBe(cancelled.claim.claimId);
    expect((await p.statement(thisMonth())).claimsOpened).toBe(before.claimsOpened + 1);
    const o2 = await pickedUp();
    const [job2] = await jobsOf(o2.orderId);
    const booked = await expectOk(call('POST', `/v1/installations/${job2.jobId}/schedule`, { date: daysAhead(340), installer: 'PARTNER' }));
    const declined = await expectOk(call('POST', `/v1/installations/${job2.jobId}/cancel`, { reason: 'VILLAGER_DECLINED' }));
    expect(declined.claim).toBeUndefined();
    const tasks = (await expectOk(call('GET', `/v1/stations/${day.stationId}/tasks?date=${daysAhead(340)}`))).items;
    expect(tasks).toEqual([expect.objectContaining({ taskId: booked.taskId, status: 'NOT_DONE' })]);
  });

  test('dead on arrival past every guarantee: the job is cancelled, and no claim is opened', async () => {
    const o = await pickedUp();
    const [job] = await jobsOf(o.orderId);
    // Handed over 400 days ago (the product's warranty is 365 days): written straight into the table, as time would.
    const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.order(o.orderId),
        UpdateExpression: 'SET handedOverAt = :at',
        ExpressionAttributeValues: { ':at': longAgo },
      }),
    );
    const before = await p.statement(thisMonth());
    const cancelled = await expectOk(call('POST', `/v1/installations/${job.jobId}/cancel`, { reason: 'DEAD_ON_ARRIVAL' }));
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'DEAD_ON_ARRIVAL' });
    expect(cancelled.claim).toBeUndefined();
    expect((await p.statement(thisMonth())).claimsOpened).toBe(before.claimsOpened);
  });
});

describe('claims', () => {
  test('a claim says the days since hand-over and the remedies, in words; claims and returns never exceed what was handed over', async () => {
    const o = await pickedUp(2);
    const claim = await expectOk(call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '不制冷' }), 201);
    expect(claim).toMatchObject({ status: 'OPEN', daysSinceHandOver: 0, allowedRemedies: ['RETURN', 'EXCHANGE', 'REPAIR'] });
    expect(claim.says[0]).toBe('It is 0 days since the goods were handed over.');
    const zh = await api.call('GET', `/v1/claims/${claim.claimId}`, { token: day.partner, headers: { 'accept-language': 'zh-CN' } });
    expect(zh.body.says[1]).toBe('按三包规定，现在可以：退货退款、换一件新的、免费修理。');
    expectProblem(await call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.ac, qty: 2, problem: 'x' }), 422, 'not-claimable');
    expectProblem(await p.returnGoods(o.orderId, [{ sku: day.sku.ac, qty: 2 }]), 422);
    const listed = await expectOk(call('GET', `/v1/stations/${day.stationId}/claims?status=OPEN&limit=100`));
    expect(listed.items.map((c: any) => c.claimId)).toContain(claim.claimId);
    const ops = await expectOk(call('GET', '/v1/claims?limit=100', undefined, day.ops));
    expect(ops.items.map((c: any) => c.claimId)).toContain(claim.claimId);
    const other = await freshStation(api);
    expectProblem(await api.call('GET', `/v1/claims/${claim.claimId}`, { token: other.partner }), 404);
  });

  test('rice has no warranty: no claim', async () => {
    const o = await expectOk(
      p.place({
        villagerId: villager,
        lines: [{ sku: day.sku.rice, qty: 1 }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'STATION_PICKUP',
        cashReceivedFen: 8_990,
      }),
      201,
    );
    await expectOk(p.arrive(o.orderId));
    await expectOk(p.pickUp(o.orderId, o.deliveryCode));
    expectProblem(await call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.rice, qty: 1, problem: '发霉' }), 422, 'no-warranty');
  });

  const approve = (claimId: string, reason?: string) => call('POST', `/v1/claims/${claimId}/approve`, reason ? { reason } : {}, day.ops);

  test('RETURN moves exactly the money a return does, once an operator approves it: the refund from the drawer, the commission reversed', async () => {
    const a = await pickedUp();
    const b = await pickedUp();
    const cash0 = await p.cash();
    const plain = await expectOk(p.returnGoods(a.orderId, [{ sku: day.sku.ac, qty: 1 }]), 201);
    const cash1 = await p.cash();
    const claim = await expectOk(call('POST', `/v1/orders/${b.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '漏水' }), 201);
    const asked = await expectOk(call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'RETURN' }));
    expect(asked).toMatchObject({ status: 'AWAITING_APPROVAL', requested: { remedy: 'RETURN' } });
    expect(asked.refundFen).toBeUndefined();
    // Nothing moved yet.
    expect(await p.cash()).toEqual(cash1);
    expect((await p.order(b.orderId)).lines[0]).toMatchObject({ returnedQty: 0, claimedQty: 1 });
    const resolved = await expectOk(approve(claim.claimId, '照片看过，确实漏水'));
    const cash2 = await p.cash();
    expect(resolved).toMatchObject({
      status: 'RETURNED',
      refundFen: plain.refundFen,
      commissionReversedFen: plain.commissionReversedFen,
      approval: { reason: '照片看过，确实漏水' },
    });
    expect(cash2.drawerFen - cash1.drawerFen).toBe(cash1.drawerFen - cash0.drawerFen);
    expect(cash2.commissionEarnedFen - cash1.commissionEarnedFen).toBe(cash1.commissionEarnedFen - cash0.commissionEarnedFen);
    expect((await p.order(b.orderId)).lines[0]).toMatchObject({ returnedQty: 1, claimedQty: 0 });
    expectProblem(await call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'RETURN' }), 409, 'wrong-status');
    expectProblem(await approve(claim.claimId), 409, 'wrong-status');
  });

  test('EXCHANGE, once approved: a replacement at no charge and no commission, its receipt printed at the station, handed over like any order, claimable itself (never refunded)', async () => {
    const o = await pickedUp();
    const claim = await expectOk(call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '外壳破损' }), 201);
    const cash0 = await p.cash();
    expect(await expectOk(call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'EXCHANGE' }))).toMatchObject({ status: 'AWAITING_APPROVAL' });
    const awaiting = await expectOk(call('GET', '/v1/claims?status=AWAITING_APPROVAL&limit=100', undefined, day.ops));
    expect(awaiting.items.map((c: any) => c.claimId)).toContain(claim.claimId);
    const resolved = await expectOk(approve(claim.claimId));
    expect(resolved).toMatchObject({ status: 'EXCHANGED', replacementOrderId: expect.stringMatching(/^ord_/) });
    // The operator never sees the replacement's code: the partner prints its receipt.
    expect(JSON.stringify(resolved)).not.toMatch(/deliveryCode/);
    const replacement = await p.order(resolved.replacementOrderId);
    expect(replacement).toMatchObject({ villagerId: villager, status: 'PLACED', totalFen: 0, commissionFen: 0, outstandingFen: 0, receiptsIssued: 0 });
    expect(replacement.replacementFor).toMatchObject({ orderId: o.orderId, claimId: claim.claimId });
    const receipt = await expectOk(call('POST', `/v1/orders/${replacement.orderId}/receipt`));
    await expectOk(p.arrive(replacement.orderId));
    await expectOk(p.pickUp(replacement.orderId, receipt.deliveryCode));
    const cash1 = await p.cash();
    expect(cash1).toMatchObject({ drawerFen: cash0.drawerFen, commissionEarnedFen: cash0.commissionEarnedFen, dueToPlatformFen: cash0.dueToPlatformFen });
    expect((await expectOk(call('GET', '/v1/claims?status=AWAITING_APPROVAL&limit=100', undefined, day.ops))).items.map((c: any) => c.claimId)).not.toContain(
      claim.claimId,
    );
    // The replacement needs installing too, and can itself be claimed: exchange or repair, never a refund of nothing paid.
    expect(await jobsOf(replacement.orderId)).toHaveLength(1);
    const again = await expectOk(call('POST', `/v1/orders/${replacement.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '又坏了' }), 201);
    expect(again.allowedRemedies).toEqual(['EXCHANGE', 'REPAIR']);
    expectProblem(await call('POST', `/v1/claims/${again.claimId}/resolve`, { remedy: 'RETURN' }), 422, 'remedy-not-allowed');
    // The original line has nothing left to claim.
    expectProblem(await call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: 'x' }), 422, 'not-claimable');
  });

  test('chained exchanges: a partner alone gets no replacement; it ends at the first approval, which only an operator gives', async () => {
    const o = await pickedUp();
    const ordersBefore = (await expectOk(call('GET', `/v1/stations/${day.stationId}/orders?status=PLACED&limit=100`))).items.length;
    const claim = await expectOk(call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '不制冷' }), 201);
    expect(await expectOk(call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'EXCHANGE' }))).toMatchObject({ status: 'AWAITING_APPROVAL' });
    // Asking again, or approving it themselves, gets the partner nothing.
    expectProblem(await call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'EXCHANGE' }), 409, 'wrong-status');
    expectProblem(await call('POST', `/v1/claims/${claim.claimId}/approve`, {}), 403);
    expectProblem(await call('POST', `/v1/claims/${claim.claimId}/approve`, {}, day.kiosk), 403);
    expectProblem(await call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '不制冷' }), 422, 'not-claimable');
    expect((await expectOk(call('GET', `/v1/stations/${day.stationId}/orders?status=PLACED&limit=100`))).items).toHaveLength(ordersBefore);
    expect((await expectOk(call('GET', `/v1/claims/${claim.claimId}`))).replacementOrderId).toBeUndefined();
  });

  test('an operator rejects with a reason: the claim is OPEN again without that remedy, the villager keeps the others; nothing moved', async () => {
    const o = await pickedUp();
    const claim = await expectOk(call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '有划痕' }), 201);
    await expectOk(call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'RETURN' }));
    const cash0 = await p.cash();
    expectProblem(await call('POST', `/v1/claims/${claim.claimId}/reject`, {}, day.ops), 400);
    expectProblem(await call('POST', `/v1/claims/${claim.claimId}/reject`, { reason: '不是质量问题' }), 403);
    const rejected = await expectOk(call('POST', `/v1/claims/${claim.claimId}/reject`, { reason: '划痕是用的时候碰的' }, day.ops));
    expect(rejected).toMatchObject({
      status: 'OPEN',
      allowedRemedies: ['EXCHANGE', 'REPAIR'],
      rejections: [{ remedy: 'RETURN', reason: '划痕是用的时候碰的' }],
    });
    expect(rejected.until.RETURN).toBeUndefined();
    expect(await p.cash()).toEqual(cash0);
    expectProblem(await call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'RETURN' }), 422, 'remedy-not-allowed');
    expect(await expectOk(call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'REPAIR' }))).toMatchObject({ status: 'REPAIRING' });
  });

  test('the villager is told what an operator decided, approved or not, by a message about the claim', async () => {
    const told = async (claimId: string) =>
      (await expectOk(call('GET', `/v1/stations/${day.stationId}/messages?villagerId=${villager}&limit=100`))).items.filter(
        (m: { subject: { kind: string; id: string } }) => m.subject.kind === 'claim' && m.subject.id === claimId,
      );
    const a = await pickedUp();
    const refused = await expectOk(call('POST', `/v1/orders/${a.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '有点响' }), 201);
    await expectOk(call('POST', `/v1/claims/${refused.claimId}/resolve`, { remedy: 'EXCHANGE' }));
    expect(await told(refused.claimId)).toEqual([]);
    await expectOk(call('POST', `/v1/claims/${refused.claimId}/reject`, { reason: '正常运转的声音' }, day.ops));
    expect(await told(refused.claimId)).toEqual([expect.objectContaining({ template: 'CLAIM_DECIDED' })]);
    const b = await pickedUp();
    const granted = await expectOk(call('POST', `/v1/orders/${b.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '漏电' }), 201);
    await expectOk(call('POST', `/v1/claims/${granted.claimId}/resolve`, { remedy: 'RETURN' }));
    await expectOk(approve(granted.claimId));
    expect(await told(granted.claimId)).toEqual([expect.objectContaining({ template: 'CLAIM_DECIDED' })]);
  });

  test('an operator resolving is the second pair of eyes: their EXCHANGE applies at once', async () => {
    const o = await pickedUp();
    const claim = await expectOk(call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '开不了机' }), 201);
    const resolved = await expectOk(call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'EXCHANGE', note: '电话里确认过' }, day.ops));
    expect(resolved).toMatchObject({ status: 'EXCHANGED', replacementOrderId: expect.stringMatching(/^ord_/), approval: { at: expect.any(String) } });
  });

  test('REPAIR, then its result: not fixed counts a failed repair, fixed closes the claim', async () => {
    const o = await pickedUp();
    const claim = await expectOk(call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: '噪音大' }), 201);
    expect(await expectOk(call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'REPAIR' }))).toMatchObject({ status: 'REPAIRING' });
    expectProblem(await call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'REPAIR' }), 409);
    expect(await expectOk(call('POST', `/v1/claims/${claim.claimId}/repair-result`, { fixed: false, note: '压缩机' }))).toMatchObject({
      status: 'OPEN',
      failedRepairs: 1,
    });
    await expectOk(call('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy: 'REPAIR' }));
    const fixed = await expectOk(call('POST', `/v1/claims/${claim.claimId}/repair-result`, { fixed: true }));
    expect(fixed).toMatchObject({ status: 'REPAIRED', failedRepairs: 1, repairs: [{ fixed: false }, { fixed: true }] });
    expect((await p.order(o.orderId)).lines[0].claimedQty).toBe(0);
  });

  test('a claim on goods not yet handed over is refused (409)', async () => {
    const o = await expectOk(
      p.place({ villagerId: villager, lines: [{ sku: day.sku.ac, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' }),
      201,
    );
    expectProblem(await call('POST', `/v1/orders/${o.orderId}/claims`, { sku: day.sku.ac, qty: 1, problem: 'x' }), 409, 'wrong-status');
  });
});
