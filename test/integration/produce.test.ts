import { describe, expect, test } from 'vitest';
import { auditStation } from '#domain/audit.ts';
import { fold, type Entry } from '#domain/ledger.ts';
import { useApi } from '../support/api.ts';
import { expectOk, unique } from '../support/fixture.ts';
import { expectProblem, freshStation, partnerCalls, thisMonth, type Day } from '../support/station-day.ts';
import { allItems } from '../support/table.ts';

/**
 * docs/rules.md "Produce": selling upward. Buying prices, weigh tickets (quote
 * first, then paid now or on credit), the villager's credit (paid out, or spent
 * on an order), lots with one open per produce and grade, dispatch earning the
 * fee once, traceability, and the statement's produce figures.
 */
const api = useApi();

async function produceDay(drawerGlasses = 50) {
  const day = await freshStation(api);
  const p = partnerCalls(api, day);
  const code = unique('CHESTNUT-').toUpperCase();
  await expectOk(
    api.call('PUT', `/v1/produce/${code}`, {
      token: day.ops,
      body: {
        title: '板栗',
        grades: [
          { grade: 'B', priceFenPerKg: 900 },
          { grade: 'A', priceFenPerKg: 1_200 },
        ],
        feeFenPerKg: 50,
      },
    }),
    201,
  );
  const seller = await day.villager('李秀兰', 1);
  const buyer = await day.villager('王大明');
  // Cash in the drawer: a cash-on-order sale of glasses (¥9.99 each).
  if (drawerGlasses > 0)
    await expectOk(
      p.place({
        villagerId: buyer,
        lines: [{ sku: day.sku.odd, qty: drawerGlasses }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'STATION_PICKUP',
        cashReceivedFen: 999 * drawerGlasses,
      }),
      201,
    );
  const weigh = (body: Record<string, unknown>, key: string | true = true) =>
    api.call('POST', `/v1/stations/${day.stationId}/weigh-tickets`, { token: day.partner, key, body: { villagerId: seller, code, grade: 'A', ...body } });
  const quote = (body: Record<string, unknown>) =>
    api.call('POST', `/v1/stations/${day.stationId}/weigh-tickets/quote`, {
      token: day.partner,
      body: { villagerId: seller, code, grade: 'A', payout: 'CASH_NOW', ...body },
    });
  const villager = (id: string) => expectOk(api.call('GET', `/v1/stations/${day.stationId}/villagers/${id}`, { token: day.partner }));
  const payout = (id: string, amountFen: number, key: string | true = true) =>
    api.call('POST', `/v1/stations/${day.stationId}/villagers/${id}/payouts`, { token: day.partner, key, body: { amountFen } });
  const lots = (status?: string) =>
    expectOk(api.call('GET', `/v1/stations/${day.stationId}/produce-lots${status ? `?status=${status}` : ''}`, { token: day.partner }));
  const dispatch = (lotId: string, key: string | true = true) =>
    api.call('POST', `/v1/produce-lots/${lotId}/dispatch`, { token: day.partner, key, body: { reference: 'TRUCK-7' } });
  return { day, p, code, seller, buyer, weigh, quote, villager, payout, lots, dispatch };
}

const journal = async (day: Day): Promise<Entry[]> =>
  (await expectOk(api.call('GET', `/v1/stations/${day.stationId}/cash/entries?limit=100`, { token: day.partner }))).items;

const worked = { grossGrams: 10_350, tareGrams: 350, deductionBp: 150 };

describe('buying prices', () => {
  test('ops publish them; everyone (the kiosk too) reads them; a price change touches no ticket', async () => {
    const { day, code, weigh } = await produceDay();
    const list = await expectOk(api.call('GET', '/v1/produce', { token: day.kiosk }));
    expect(list.items.find((i: any) => i.code === code)).toMatchObject({
      title: '板栗',
      feeFenPerKg: 50,
      grades: [
        { grade: 'A', priceFenPerKg: 1_200 },
        { grade: 'B', priceFenPerKg: 900 },
      ],
    });
    const ticket = await expectOk(weigh({ ...worked, payout: 'CASH_NOW' }), 201);
    await expectOk(
      api.call('PUT', `/v1/produce/${code}`, { token: day.ops, body: { title: '板栗', grades: [{ grade: 'A', priceFenPerKg: 2_000 }], feeFenPerKg: 80 } }),
    );
    const lot = await expectOk(api.call('GET', `/v1/produce-lots/${ticket.lotId}`, { token: day.partner }));
    expect(lot.tickets[0]).toMatchObject({ ticketId: ticket.ticketId, priceFenPerKg: 1_200, amountFen: 11_820, feeFen: 492 });
    expect(lot).toMatchObject({ amountFen: 11_820, feeFen: 492 });
    expectProblem(
      await api.call('PUT', `/v1/produce/${code}`, { token: day.partner, body: { title: 'x', grades: [{ grade: 'A', priceFenPerKg: 1 }], feeFenPerKg: 0 } }),
      403,
    );
  });
});

describe('a weigh ticket', () => {
  test('the quote shows the figures and writes nothing', async () => {
    const { day, quote } = await produceDay();
    const before = (await allItems()).length;
    const q = await expectOk(quote(worked));
    expect(q).toMatchObject({ netGrams: 9_850, priceFenPerKg: 1_200, amountFen: 11_820, feeFen: 492, title: '板栗' });
    expect((await allItems()).length).toBe(before);
    expect(await journal(day)).toHaveLength(1);
  });

  test('paid now: the drawer pays, the station owes the platform less, the ticket opens a lot', async () => {
    const { day, p, weigh, villager, seller } = await produceDay();
    const before = await p.cash();
    const t = await expectOk(weigh({ ...worked, payout: 'CASH_NOW' }), 201);
    expect(t).toMatchObject({
      ticketId: expect.stringMatching(/^wt_/),
      lotId: expect.stringMatching(/^lot_/),
      netGrams: 9_850,
      amountFen: 11_820,
      feeFen: 492,
      payout: 'CASH_NOW',
      villagerCreditFen: 0,
    });
    const after = await p.cash();
    expect(after.drawerFen).toBe(before.drawerFen - 11_820);
    expect(after.dueToPlatformFen).toBe(before.dueToPlatformFen - 11_820);
    expect((await villager(seller)).creditFen).toBe(0);
    const s = await p.statement(thisMonth());
    expect(s).toMatchObject({ produceNetGrams: 9_850, producePaidFen: 11_820, produceFeeFen: 0, creditPaidOutFen: 0 });
    expect(day.stationId).toBeTruthy();
  });

  test('paid now with a drawer that does not hold it: 409, nothing written', async () => {
    const { weigh, p } = await produceDay(0);
    const before = await p.cash();
    const items = (await allItems()).length;
    expectProblem(await weigh({ ...worked, payout: 'CASH_NOW' }), 409, 'drawer-short');
    expect(await p.cash()).toEqual(before);
    expect((await allItems()).length).toBe(items);
  });

  test('bad input names the field and writes nothing: tare ≥ gross, negative weights, deduction out of range, unknown grade or produce', async () => {
    const { weigh, quote } = await produceDay();
    const items = (await allItems()).length;
    const paths = async (answer: Promise<{ status: number; body: any; headers: Headers }>, status: number) => {
      const a = await answer;
      expectProblem(a, status);
      return a.body.errors.map((e: any) => e.path);
    };
    expect(await paths(weigh({ grossGrams: 500, tareGrams: 500, payout: 'CREDIT' }), 400)).toEqual(['body.tareGrams']);
    expect(await paths(weigh({ grossGrams: -5, payout: 'CREDIT' }), 400)).toContain('body.grossGrams');
    expect(await paths(weigh({ grossGrams: 500, tareGrams: -1, payout: 'CREDIT' }), 400)).toContain('body.tareGrams');
    expect(await paths(weigh({ grossGrams: 500, deductionBp: 5_001, payout: 'CREDIT' }), 400)).toEqual(['body.deductionBp']);
    expect(await paths(weigh({ grossGrams: 500, deductionBp: -1, payout: 'CREDIT' }), 400)).toEqual(['body.deductionBp']);
    expect(await paths(quote({ grossGrams: 500, grade: 'Z' }), 422)).toEqual(['body.grade']);
    expect(await paths(quote({ grossGrams: 500, code: 'NO-SUCH-NUT' }), 422)).toEqual(['body.code']);
    expect(await paths(weigh({ grossGrams: 500, grade: 'Z', payout: 'CREDIT' }), 422)).toEqual(['body.grade']);
    expect((await allItems()).length).toBe(items);
  });

  test('exactly once: the same key twice writes one ticket', async () => {
    const { weigh, lots } = await produceDay();
    const first = await expectOk(weigh({ ...worked, payout: 'CREDIT' }, 'same-ticket-key-1'), 201);
    const again = await weigh({ ...worked, payout: 'CREDIT' }, 'same-ticket-key-1');
    expect(again.status).toBe(201);
    expect(again.body.ticketId).toBe(first.ticketId);
    expect((await lots('OPEN')).items[0]).toMatchObject({ tickets: 1, netGrams: 9_850 });
  });
});

describe("a villager's credit", () => {
  test('on credit: no cash moves, the villager is owed the amount; paid out later in cash, never more than the credit or the drawer', async () => {
    const { p, weigh, villager, seller, payout } = await produceDay();
    const before = await p.cash();
    const t = await expectOk(weigh({ ...worked, payout: 'CREDIT' }), 201);
    expect(t.villagerCreditFen).toBe(11_820);
    const after = await p.cash();
    expect(after).toMatchObject({ drawerFen: before.drawerFen, dueToPlatformFen: before.dueToPlatformFen - 11_820, villagerCreditFen: 11_820 });
    expect((await villager(seller)).creditFen).toBe(11_820);

    const over = await payout(seller, 11_821);
    expectProblem(over, 422, 'credit-short');
    expect(over.body.errors[0].path).toBe('body.amountFen');
    expect(await expectOk(payout(seller, 5_000))).toMatchObject({ creditFen: 6_820, drawerFen: before.drawerFen - 5_000 });
    expect((await p.cash()).villagerCreditFen).toBe(6_820);
    expect((await p.statement(thisMonth())).creditPaidOutFen).toBe(5_000);
  });

  test('spent on the villager’s own order: paid without cash, never more than the credit', async () => {
    const { day, p, weigh, seller, villager } = await produceDay();
    await expectOk(weigh({ ...worked, payout: 'CREDIT' }), 201);
    const order = await expectOk(
      p.place({ villagerId: seller, lines: [{ sku: day.sku.odd, qty: 20 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP' }),
      201,
    );
    const before = await p.cash();
    const pay = (amountFen: number) =>
      api.call('POST', `/v1/orders/${order.orderId}/payments`, { token: day.partner, key: true, body: { amountFen, source: 'CREDIT' } });
    expectProblem(await pay(11_821), 422);
    const paid = await expectOk(pay(11_820));
    expect(paid).toMatchObject({ paidFen: 11_820, outstandingFen: 19_980 - 11_820 });
    const after = await p.cash();
    expect(after.drawerFen).toBe(before.drawerFen);
    expect(after.villagerCreditFen).toBe(0);
    expect(after.dueToPlatformFen).toBe(before.dueToPlatformFen + 11_820);
    expect((await villager(seller)).creditFen).toBe(0);
    expectProblem(await pay(1), 422, 'credit-short');
  });

  test('a villager with credit left cannot be deleted (409) until it is paid out', async () => {
    const { day, weigh, seller, payout } = await produceDay();
    await expectOk(weigh({ grossGrams: 1_000, payout: 'CREDIT' }), 201);
    expectProblem(await api.call('DELETE', `/v1/stations/${day.stationId}/villagers/${seller}`, { token: day.partner, key: true }), 409, 'credit-left');
    await expectOk(payout(seller, 1_200));
    expect((await api.call('DELETE', `/v1/stations/${day.stationId}/villagers/${seller}`, { token: day.partner, key: true })).status).toBe(204);
  });
});

describe('lots', () => {
  test('one open lot per produce and grade; dispatch closes it and earns its tickets’ fee once; the record traces every ticket', async () => {
    const { day, p, weigh, lots, dispatch, seller, buyer } = await produceDay();
    const a1 = await expectOk(weigh({ ...worked, payout: 'CASH_NOW' }), 201);
    const a2 = await expectOk(weigh({ grossGrams: 2_000, payout: 'CREDIT', villagerId: buyer }), 201);
    const b1 = await expectOk(weigh({ grossGrams: 3_000, grade: 'B', payout: 'CREDIT' }), 201);
    expect(a2.lotId).toBe(a1.lotId);
    expect(b1.lotId).not.toBe(a1.lotId);
    const open = await lots('OPEN');
    expect(open.items).toHaveLength(2);
    const lotA = open.items.find((l: any) => l.lotId === a1.lotId);
    expect(lotA).toMatchObject({ status: 'OPEN', grade: 'A', tickets: 2, netGrams: 11_850, amountFen: 11_820 + 2_400, feeFen: 492 + 100 });

    const opsView = await expectOk(api.call('GET', '/v1/produce-lots?status=OPEN&limit=100', { token: day.ops }));
    expect(opsView.items.map((l: any) => l.lotId)).toEqual(expect.arrayContaining([a1.lotId, b1.lotId]));

    const commissionBefore = (await p.cash()).commissionEarnedFen;
    const d = await expectOk(dispatch(a1.lotId, 'dispatch-a-1'));
    expect(d).toMatchObject({ status: 'DISPATCHED', feeEarnedFen: 592, reference: 'TRUCK-7' });
    expect((await dispatch(a1.lotId, 'dispatch-a-1')).body).toEqual(d);
    expectProblem(await dispatch(a1.lotId), 409, 'lot-dispatched');
    expect((await p.cash()).commissionEarnedFen).toBe(commissionBefore + 592);
    expect((await p.statement(thisMonth())).produceFeeFen).toBe(592);

    const traced = await expectOk(api.call('GET', `/v1/produce-lots/${a1.lotId}`, { token: day.partner }));
    expect(traced.tickets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ticketId: a1.ticketId,
          villagerId: seller,
          villageId: day.station.villages[1].villageId,
          netGrams: 9_850,
          grossGrams: 10_350,
        }),
        expect.objectContaining({ ticketId: a2.ticketId, villagerId: buyer, villageId: day.station.villages[0].villageId, netGrams: 2_000 }),
      ]),
    );
    // The next grade-A ticket opens a new lot.
    const a3 = await expectOk(weigh({ grossGrams: 1_000, payout: 'CREDIT' }), 201);
    expect(a3.lotId).not.toBe(a1.lotId);

    const other = await freshStation(api);
    expectProblem(await api.call('GET', `/v1/produce-lots/${a1.lotId}`, { token: other.partner }), 404);
    expectProblem(await api.call('POST', `/v1/produce-lots/${b1.lotId}/dispatch`, { token: other.partner, key: true }), 404);
  });

  test('the ledger stays true: entries balance, balances are their fold, the statement agrees', async () => {
    const { day, p, weigh, payout, dispatch, seller } = await produceDay();
    const t = await expectOk(weigh({ ...worked, payout: 'CREDIT' }), 201);
    await expectOk(weigh({ grossGrams: 5_000, payout: 'CASH_NOW' }), 201);
    await expectOk(payout(seller, 3_000));
    await expectOk(dispatch(t.lotId));
    const entries = await journal(day);
    const cash = await p.cash();
    const folded = fold(entries);
    for (const k of Object.keys(folded) as (keyof typeof folded)[]) expect(cash[k], k).toBe(folded[k]);
    const statement = await p.statement(thisMonth());
    expect(auditStation({ stationId: day.stationId, entries, balances: folded, orders: [], statements: [statement] })).toEqual([]);
  });
});

describe('at a stop of a run', () => {
  test('a PRODUCE pick-up writes weigh tickets: the task and the stop list them, and the weight collected is theirs', async () => {
    const { day, weigh, seller } = await produceDay();
    const village = day.station.villages[1].villageId;
    const task = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/tasks`, {
        token: day.partner,
        key: true,
        body: { villageId: village, date: '2026-12-05', kind: 'PRODUCE', note: '板栗两筐', weightKg: 20 },
      }),
      201,
    );
    // Not yet on a run: no ticket can name it.
    const early = await weigh({ grossGrams: 1_000, payout: 'CREDIT', taskId: task.taskId });
    expectProblem(early, 422, 'not-a-produce-stop');
    expect(early.body.errors[0].path).toBe('body.taskId');

    const run = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { token: day.partner, key: true, body: { date: '2026-12-05', capacityKg: 150 } }),
      201,
    );
    await expectOk(api.call('POST', `/v1/delivery-runs/${run.runId}/start`, { token: day.partner, key: true }));
    const stop = run.trips.flatMap((t: any) => t.stops).find((s: any) => s.pickups.includes(task.taskId));
    const t1 = await expectOk(weigh({ grossGrams: 12_000, tareGrams: 500, payout: 'CREDIT', taskId: task.taskId }), 201);
    const t2 = await expectOk(weigh({ grossGrams: 6_000, payout: 'CASH_NOW', taskId: task.taskId }), 201);
    expect(t1.taskId).toBe(task.taskId);

    // A villager of another village cannot sell on this stop's task.
    const elsewhere = await day.villager('外村人', 0);
    expectProblem(await weigh({ grossGrams: 1_000, payout: 'CREDIT', taskId: task.taskId, villagerId: elsewhere }), 422, 'not-a-produce-stop');

    const done = await expectOk(
      api.call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, {
        token: day.partner,
        key: true,
        body: { deliveries: [], pickups: [{ taskId: task.taskId, done: true }] },
      }),
    );
    expect(done.stop.outcome).toMatchObject({ weighTickets: [t1.ticketId, t2.ticketId], collectedKg: 17.5, tasksDone: [task.taskId] });
    expect(done.summary.collectedKg).toBe(17.5);
    const lot = await expectOk(api.call('GET', `/v1/produce-lots/${t1.lotId}`, { token: day.partner }));
    expect(lot.tickets.find((x: any) => x.ticketId === t1.ticketId)).toMatchObject({ taskId: task.taskId, villagerId: seller });
    // Recorded: the task takes no more tickets.
    expectProblem(await weigh({ grossGrams: 1_000, payout: 'CREDIT', taskId: task.taskId }), 422, 'not-a-produce-stop');
  });
});
