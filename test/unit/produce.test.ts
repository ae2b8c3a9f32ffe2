import fc from 'fast-check';
import { expect, test } from 'vitest';
import { fold } from '#domain/ledger.ts';
import { amountFen, dispatchLot, feeFen, netGrams, payOutCredit, quote, writeTicket, type Lot, type Produce } from '#domain/produce.ts';
import type { Villager } from '#domain/villager.ts';
import { zeroBalances } from '#domain/ledger.ts';
import { AppError } from '#shared/errors.ts';

const now = new Date('2026-11-21T02:00:00Z');
const chestnuts: Produce = {
  code: 'CHESTNUT',
  title: '板栗',
  grades: [
    { grade: 'A', priceFenPerKg: 1_200 },
    { grade: 'B', priceFenPerKg: 900 },
  ],
  feeFenPerKg: 50,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
};
const villager: Villager = { villagerId: 'vl_1', stationId: 'st_1', name: '王大妈', villageId: 'vg_1', consentAt: '', createdAt: '' };

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, code: e.code, paths: (e.errors ?? []).map((x) => x.path) };
    throw e;
  }
  throw new Error('not refused');
};

test('the worked case: 10,350 g gross, 350 g tare, 150 bp at ¥12.00/kg and ¥0.50/kg fee', () => {
  const q = quote(chestnuts, { code: 'CHESTNUT', grade: 'A', grossGrams: 10_350, tareGrams: 350, deductionBp: 150 });
  expect(q).toMatchObject({ netGrams: 9_850, priceFenPerKg: 1_200, amountFen: 11_820, feeFenPerKg: 50, feeFen: 492 });
});

test('rounding is down, at the gram and at the fen', () => {
  expect(netGrams(1_001, 0, 1)).toBe(1_000); // 1000.8999 g
  expect(netGrams(999, 0, 0)).toBe(999);
  expect(amountFen(999, 1_001)).toBe(999); // 999.999 fen
  expect(feeFen(19, 50)).toBe(0); // 0.95 fen
  expect(amountFen(1_000, 1_234)).toBe(1_234);
});

test('tare defaults to 0 and deduction to 0', () => {
  expect(quote(chestnuts, { code: 'CHESTNUT', grade: 'B', grossGrams: 2_000 })).toMatchObject({
    tareGrams: 0,
    deductionBp: 0,
    netGrams: 2_000,
    amountFen: 1_800,
  });
});

test('bad weights name the field: tare ≥ gross, deduction out of range, negative or fractional weights, a grade that is not a letter', () => {
  expect(refusal(() => quote(chestnuts, { code: 'CHESTNUT', grade: 'A', grossGrams: 500, tareGrams: 500 })).paths).toEqual(['body.tareGrams']);
  expect(refusal(() => quote(chestnuts, { code: 'CHESTNUT', grade: 'A', grossGrams: 500, deductionBp: 5_001 })).paths).toEqual(['body.deductionBp']);
  expect(refusal(() => quote(chestnuts, { code: 'CHESTNUT', grade: 'A', grossGrams: -5 })).paths).toContain('body.grossGrams');
  expect(refusal(() => quote(chestnuts, { code: 'CHESTNUT', grade: 'A', grossGrams: 500, tareGrams: -1 })).paths).toEqual(['body.tareGrams']);
  expect(refusal(() => quote(chestnuts, { code: 'CHESTNUT', grade: 'A', grossGrams: 1.5 })).paths).toContain('body.grossGrams');
  expect(refusal(() => quote(chestnuts, { code: 'CHESTNUT', grade: 'a', grossGrams: 500 })).paths).toEqual(['body.grade']);
});

test('an unknown grade or produce is refused (422) naming the field', () => {
  expect(refusal(() => quote(chestnuts, { code: 'CHESTNUT', grade: 'C', grossGrams: 500 }))).toEqual({
    status: 422,
    code: 'unknown-grade',
    paths: ['body.grade'],
  });
  expect(refusal(() => quote(undefined, { code: 'TEA', grade: 'A', grossGrams: 500 }))).toEqual({ status: 422, code: 'unknown-produce', paths: ['body.code'] });
  expect(refusal(() => quote(chestnuts, { code: 'CHESTNUT', grade: 'A', grossGrams: 1, deductionBp: 5_000 })).code).toBe('produce-too-little');
});

test('property: the amount never exceeds price × gross, the net never exceeds gross − tare, and every figure is whole', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5_000_000 }),
      fc.integer({ min: 0, max: 5_000_000 }),
      fc.integer({ min: 0, max: 5_000 }),
      fc.integer({ min: 1, max: 100_000 }),
      fc.integer({ min: 0, max: 10_000 }),
      (gross, tareRaw, deduction, price, fee) => {
        const tare = tareRaw % gross;
        const net = netGrams(gross, tare, deduction);
        const amount = amountFen(net, price);
        expect(Number.isSafeInteger(net) && Number.isSafeInteger(amount) && Number.isSafeInteger(feeFen(net, fee))).toBe(true);
        expect(net).toBeLessThanOrEqual(gross - tare);
        expect(net).toBeGreaterThanOrEqual(Math.floor((gross - tare) / 2));
        expect(amount * 1000).toBeLessThanOrEqual(price * gross);
        expect(amount * 1000).toBeLessThanOrEqual(price * net);
        expect((amount + 1) * 1000).toBeGreaterThan(price * net);
      },
    ),
  );
});

const ticketOf = (payout: 'CASH_NOW' | 'CREDIT', drawerFen: number, openLotId?: string) =>
  writeTicket({
    stationId: 'st_1',
    villager,
    produce: chestnuts,
    balances: { ...zeroBalances, drawerFen },
    creditFen: 100,
    openLotId,
    input: { code: 'CHESTNUT', grade: 'A', grossGrams: 10_350, tareGrams: 350, deductionBp: 150, payout },
    by: 'partner',
    messageId: 'msg_01KBZZZZZZZZZZZZZZZZZZZZZZ',
    now,
  });

test('paid now: the drawer pays the amount and what the station owes the platform drops by it', () => {
  const t = ticketOf('CASH_NOW', 20_000);
  expect(fold([t.entry])).toMatchObject({ drawerFen: -11_820, dueToPlatformFen: -11_820, villagerCreditFen: 0 });
  expect(t.creditFen).toBe(100);
  expect(t.newLot).toMatchObject({ status: 'OPEN', code: 'CHESTNUT', grade: 'A', lotId: t.ticket.lotId });
  expect(t.ticket).toMatchObject({ villagerId: 'vl_1', villageId: 'vg_1', priceFenPerKg: 1_200, feeFenPerKg: 50, amountFen: 11_820 });
  expect(t.statement).toEqual({ produceNetGrams: 9_850, producePaidFen: 11_820 });
});

test('paid now with a drawer that does not hold it: 409 drawer-short', () => {
  expect(refusal(() => ticketOf('CASH_NOW', 11_819))).toMatchObject({ status: 409, code: 'drawer-short' });
});

test('on credit: no cash moves, the villager is owed the amount, the ticket joins the open lot', () => {
  const t = ticketOf('CREDIT', 0, 'lot_X');
  expect(fold([t.entry])).toMatchObject({ drawerFen: 0, dueToPlatformFen: -11_820, villagerCreditFen: 11_820 });
  expect(t.creditFen).toBe(11_920);
  expect(t.newLot).toBeUndefined();
  expect(t.ticket.lotId).toBe('lot_X');
});

test('a payout is at most the credit and at most the drawer', () => {
  const b = { ...zeroBalances, drawerFen: 500 };
  expect(refusal(() => payOutCredit('st_1', 'vl_1', 300, b, 301, now))).toMatchObject({ status: 422, code: 'credit-short', paths: ['body.amountFen'] });
  expect(refusal(() => payOutCredit('st_1', 'vl_1', 900, b, 600, now))).toMatchObject({ status: 409, code: 'drawer-short' });
  const p = payOutCredit('st_1', 'vl_1', 300, b, 200, now);
  expect(p.creditFen).toBe(100);
  expect(fold([p.entry])).toMatchObject({ drawerFen: -200, villagerCreditFen: -200 });
  expect(p.statement).toEqual({ creditPaidOutFen: 200 });
});

test('dispatch earns the lot’s fee once; a dispatched lot cannot go again', () => {
  const lot: Lot = {
    lotId: 'lot_1',
    stationId: 'st_1',
    code: 'CHESTNUT',
    title: '板栗',
    grade: 'A',
    status: 'OPEN',
    netGrams: 9_850,
    amountFen: 11_820,
    feeFen: 492,
    ticketCount: 1,
    openedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const d = dispatchLot(lot, 'TRUCK-7', now);
  expect(d.lot.status).toBe('DISPATCHED');
  expect(fold([d.entry!])).toMatchObject({ commissionEarnedFen: 492, dueToPlatformFen: -492 });
  expect(d.statement).toEqual({ produceFeeFen: 492 });
  expect(refusal(() => dispatchLot(d.lot, undefined, now))).toMatchObject({ status: 409, code: 'lot-dispatched' });
});

test('the books still balance with produce: drawer + in transit = owed + commission + variance + credit', () => {
  const entries = [
    ticketOf('CREDIT', 0).entry,
    ticketOf('CASH_NOW', 50_000).entry,
    payOutCredit('st_1', 'vl_1', 11_920, { ...zeroBalances, drawerFen: 50_000 }, 5_000, now).entry,
  ];
  const b = fold(entries);
  expect(b.drawerFen + b.pendingRemittancesFen).toBe(b.dueToPlatformFen + b.commissionEarnedFen + b.varianceFen + b.villagerCreditFen);
});
