import { expect } from 'vitest';
import type { BillPayment } from '#domain/bill.ts';
import { fold, type Entry } from '#domain/ledger.ts';
import { reconcileBills } from '#functions/bills/reconcile.ts';
import { demoBillers } from '#scripts/local/demo-data.ts';
import type { Answer, TestApi } from './api.ts';
import { expectOk } from './fixture.ts';
import type { Day } from './station-day.ts';
import { allItems } from './table.ts';

/** The demo accounts at the stand-in gateway (docs/bill-gateway.md "The local stand-in"). */
export const accounts = {
  phone: { billerCode: 'CMCC', accountNo: '13800138000' },
  /** Due 12,345 fen. */
  power: { billerCode: 'SGCC', accountNo: '3300000001' },
  powerNothingDue: { billerCode: 'SGCC', accountNo: '3300000002' },
  /** Due 4,560 fen. */
  water: { billerCode: 'WATER', accountNo: '5500000001' },
};

const billersDone = new WeakSet<TestApi>();

/** The demo billers (CMCC, SGCC, WATER), put by ops as the demo data loads them (once per test file). */
export async function ensureBillers(api: TestApi): Promise<void> {
  if (billersDone.has(api)) return;
  const ops = await api.token('ops', undefined, 'ops-bills');
  for (const { billerCode, createdAt: _c, updatedAt: _u, ...body } of demoBillers) {
    const answer = await api.call('PUT', `/v1/billers/${billerCode}`, { token: ops, body });
    expect([200, 201]).toContain(answer.status);
  }
  billersDone.add(api);
}

/** The partner's bill calls, as the form makes them. */
export function billCalls(api: TestApi, day: Pick<Day, 'partner' | 'stationId'>) {
  const { partner, stationId } = day;
  return {
    lookup: (billerCode: string, accountNo: string) => api.call('GET', `/v1/billers/${billerCode}/accounts/${accountNo}`, { token: partner }),
    pay: (body: { billerCode: string; accountNo: string; amountFen: number; villagerId?: string }, key: string | true = true): Promise<Answer> =>
      api.call('POST', `/v1/stations/${stationId}/bill-payments`, { token: partner, key, body }),
    get: (billPaymentId: string): Promise<BillPayment> => expectOk(api.call('GET', `/v1/bill-payments/${billPaymentId}`, { token: partner })),
    list: (query: Record<string, string> = {}) =>
      expectOk(
        api.call('GET', `/v1/stations/${stationId}/bill-payments${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`, { token: partner }),
      ),
  };
}

/** One run of the scheduled reconciler, in this process (as the local server's timer runs it), with a clock of the test's choosing. */
export const reconcile = (now?: Date) => reconcileBills({ ...(now ? { now: () => now } : {}), budgetMs: 20_000 });

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The station's whole ledger holds: every entry balances, the kept balances are
 * the fold of the entries, the drawer is not negative; and each of `payments`
 * has its cash exactly once (PAID, with its commission once) or not at all
 * (FAILED: taken and handed back), or is still PENDING with its cash held.
 */
export async function expectLedgerHolds(stationId: string, payments: BillPayment[] = []): Promise<void> {
  const items = await allItems();
  const entries = items.filter((i) => i.pk === `STATION#${stationId}` && i.type === 'entry') as unknown as Entry[];
  const cash = items.find((i) => i.pk === `STATION#${stationId}` && i.type === 'cash') ?? {};
  for (const e of entries) expect(sum(e.postings.map((p) => p.amountFen)), e.entryId).toBe(0);
  const folded = fold(entries);
  // Every balance kept is the fold of the entries.
  expect(Object.fromEntries(Object.keys(folded).map((k) => [k, cash[k] ?? 0]))).toEqual(folded);
  expect(folded.drawerFen).toBeGreaterThanOrEqual(0);
  for (const p of payments) {
    const mine = entries.filter((e) => e.billPaymentId === p.billPaymentId);
    const kinds = mine.map((e) => e.kind).sort();
    const drawer = sum(mine.flatMap((e) => e.postings.filter((x) => x.account === 'drawer').map((x) => x.amountFen)));
    if (p.status === 'PAID') {
      expect(kinds, p.billPaymentId).toEqual(p.stationCommissionFen > 0 ? ['BILL_COMMISSION', 'BILL_PAYMENT'] : ['BILL_PAYMENT']);
      expect(drawer).toBe(p.totalFen);
    } else if (p.status === 'FAILED') {
      expect(kinds, p.billPaymentId).toEqual(['BILL_PAYMENT', 'BILL_REFUND']);
      expect(drawer).toBe(0);
    } else {
      expect(kinds, p.billPaymentId).toEqual(['BILL_PAYMENT']);
      expect(drawer).toBe(p.totalFen);
    }
  }
}

/** What the gateway holds for a reference: at most one record, paid only if we say PAID. */
export async function expectGatewayAgrees(api: TestApi, payment: BillPayment): Promise<void> {
  const kept = (await api.gateway.payments()).filter((k) => k.request.reference === payment.reference);
  expect(kept.length).toBeLessThanOrEqual(1);
  const paidThere = kept[0]?.record.status === 'PAID';
  if (payment.status === 'PAID') {
    expect(paidThere).toBe(true);
    expect(payment.receiptNo).toBe(kept[0]!.record.status === 'PAID' ? kept[0]!.record.receiptNo : undefined);
  }
  if (payment.status === 'FAILED') expect(paidThere).toBe(false);
}
