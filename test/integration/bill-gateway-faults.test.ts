import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { unknownPaymentFailsAfterMs, type BillPayment } from '#domain/bill.ts';
import { onBillStep, type BillStep } from '#functions/bills/checkpoints.ts';
import { useApi } from '../support/api.ts';
import { accounts, billCalls, ensureBillers, expectGatewayAgrees, expectLedgerHolds, reconcile } from '../support/bills.ts';
import { expectOk } from '../support/fixture.ts';
import { expectProblem, freshStation, type Day } from '../support/station-day.ts';
import { tableSnapshot } from '../support/table.ts';

/**
 * docs/quality.md "Exactly once across the bill gateway". The gateway slow past
 * the deadline, failing (5xx), applying a payment then dropping the answer,
 * never reached — at each step it takes part in (the look-up, the payment, the
 * status read) — and the function dying between any two steps. In every case,
 * after retries with the same key and reconciliation: the gateway has the
 * payment at most once, the ledger has its cash exactly once (PAID) or not at
 * all (FAILED, handed back), the drawer is never negative and every entry
 * balances.
 */
const api = useApi();
let day: Day;
let bills: ReturnType<typeof billCalls>;
const made: BillPayment[] = [];
const bodies = [
  { ...accounts.power, amountFen: 12_345 },
  { ...accounts.phone, amountFen: 3_000 },
  { ...accounts.water, amountFen: 4_560 },
];
let n = 0;
const nextBody = () => bodies[n++ % bodies.length]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await ensureBillers(api);
  day = await freshStation(api);
  bills = billCalls(api, day);
});
afterEach(async () => {
  onBillStep(undefined);
  await api.gateway.restart();
  await api.gateway.fault('none');
});
afterAll(async () => {
  // The whole station, after every case of this file.
  await expectLedgerHolds(day.stationId, await Promise.all(made.map((p) => bills.get(p.billPaymentId))));
});

/** What the system does on its own and what a partner does: send the same key again, read, and the reconciler's runs. */
async function settleEventually(key: string, body: Record<string, unknown>): Promise<BillPayment> {
  for (let round = 0; round < 10; round++) {
    const answer = await bills.pay(body as never, key);
    if (answer.status === 201 && answer.body.status !== 'PENDING') return answer.body;
    await reconcile();
    if (answer.status === 201) {
      const read = await bills.get(answer.body.billPaymentId);
      if (read.status !== 'PENDING') return read;
    }
    await sleep(300 * (round + 1));
  }
  throw new Error(`payment under key ${key} never settled`);
}

async function expectSettledOnce(payment: BillPayment) {
  made.push(payment);
  expect(payment.status).toBe('PAID');
  await expectGatewayAgrees(api, payment);
  await expectLedgerHolds(day.stationId, [payment]);
  // Asked for again and again, the gateway still holds one payment under the reference.
  const kept = (await api.gateway.payments()).filter((k) => k.request.reference === payment.reference);
  expect(kept).toHaveLength(1);
}

/** Stops the gateway the moment the cash is taken: the payment is sent to nobody. */
const unreachableFromPayOn = () =>
  onBillStep(async (step) => {
    if (step === 'cash-taken') {
      onBillStep(undefined);
      await api.gateway.stop();
    }
  });

const modes = ['slow', 'error', 'drop-answer', 'unreachable'] as const;

describe.each(modes)('the gateway %s', (mode) => {
  test('at the look-up: 503, nothing written; the same key later pays once', async () => {
    const key = randomUUID();
    const body = nextBody();
    const before = await tableSnapshot();
    if (mode === 'unreachable') await api.gateway.stop();
    else await api.gateway.fault(mode, 1, 'lookup');
    const first = await bills.pay(body, key);
    expectProblem(first, 503, 'bill-gateway-unavailable');
    expect(await tableSnapshot()).toBe(before);
    await api.gateway.restart();
    await expectSettledOnce(await settleEventually(key, body));
  });

  test('at the payment: PENDING ("do not pay again"), then settled by a retry, a read or the reconciler, once', async () => {
    const key = randomUUID();
    const body = nextBody();
    if (mode === 'unreachable') unreachableFromPayOn();
    else await api.gateway.fault(mode, 1, 'pay');
    const first = await expectOk(bills.pay(body, key), 201);
    expect(first.status).toBe('PENDING');
    await expectLedgerHolds(day.stationId, [first]); // the cash is held, once
    await api.gateway.restart();
    await expectSettledOnce(await settleEventually(key, body));
  });

  test('at the status read of a pending payment: still PENDING, settled by a later read or run, once', async () => {
    const key = randomUUID();
    const body = nextBody();
    await api.gateway.fault('drop-answer', 1, 'pay'); // applied, answer lost: PENDING
    const first = await expectOk(bills.pay(body, key), 201);
    expect(first.status).toBe('PENDING');
    if (mode === 'unreachable') await api.gateway.stop();
    else await api.gateway.fault(mode, 1, 'status');
    expect((await bills.get(first.billPaymentId)).status).toBe('PENDING');
    await api.gateway.restart();
    await expectSettledOnce(await settleEventually(key, body));
  });
});

const steps: BillStep[] = ['cash-taken', 'gateway-answered', 'settled'];

describe.each(steps)('the function dies right after "%s"', (step) => {
  const dieAt = () =>
    onBillStep((s) => {
      if (s !== step) return;
      onBillStep(undefined);
      throw Object.assign(new Error('Runtime exited'), { name: 'RuntimeExitError' });
    });

  test('on the first attempt: a 500, then the same key resumes it; paid once, cash once', async () => {
    const key = randomUUID();
    const body = nextBody();
    dieAt();
    const first = await bills.pay(body, key);
    expect(first.status).toBe(500);
    await expectSettledOnce(await settleEventually(key, body));
  });

  test('while a pending payment is being settled: the next read or run settles it; paid once, cash once', async () => {
    const key = randomUUID();
    const body = nextBody();
    await api.gateway.fault('drop-answer', 1, 'pay');
    const first = await expectOk(bills.pay(body, key), 201);
    expect(first.status).toBe('PENDING');
    if (step !== 'cash-taken') {
      dieAt();
      expect((await api.call('GET', `/v1/bill-payments/${first.billPaymentId}`, { token: day.partner })).status).toBe(500);
    } else {
      // Resuming through the same key passes the cash-taken step again (a replay): dying there takes nothing twice.
      dieAt();
      expect((await bills.pay(body, key)).status).toBe(500);
    }
    await expectSettledOnce(await settleEventually(key, body));
  });
});

describe('a payment the gateway never received', () => {
  test('sent again with the same reference while the gateway would still take it', async () => {
    unreachableFromPayOn();
    const first = await expectOk(bills.pay(nextBody()), 201);
    expect(first.status).toBe('PENDING');
    await api.gateway.restart();
    expect(await api.gateway.payments()).not.toContainEqual(expect.objectContaining({ request: expect.objectContaining({ reference: first.reference }) }));
    const run = await reconcile();
    expect(run.paid).toBeGreaterThanOrEqual(1);
    await expectSettledOnce(await bills.get(first.billPaymentId));
  });

  test('failed and its cash handed back after 30 minutes; between 20 and 30 minutes it waits; with the gateway down it stays pending', async () => {
    const body = nextBody();
    const key = randomUUID();
    unreachableFromPayOn();
    const first = await expectOk(bills.pay(body, key), 201);
    expect(first.status).toBe('PENDING');
    const at = (minutes: number) => new Date(Date.parse(first.createdAt) + minutes * 60_000);

    // The gateway still down at the half hour: nobody knows whether it was applied, so the cash stays held.
    await reconcile(at(31));
    expect((await bills.get(first.billPaymentId)).status).toBe('PENDING');

    await api.gateway.restart();
    // Past the instant the gateway would still apply it, not yet 30 minutes: it waits.
    await reconcile(at(25));
    const stillPending = await api.call('GET', `/v1/stations/${day.stationId}/bill-payments?status=PENDING`, { token: day.partner });
    expect(stillPending.body.items.map((p: BillPayment) => p.billPaymentId)).toContain(first.billPaymentId);

    await reconcile(at(unknownPaymentFailsAfterMs / 60_000 + 1));
    const failed = await bills.get(first.billPaymentId);
    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'never-reached-gateway' });
    made.push(failed);
    await expectGatewayAgrees(api, failed);
    await expectLedgerHolds(day.stationId, [failed]);
    // The gateway never saw it; the same key answers FAILED and sends nothing (the villager may pay again, under a new key).
    expect((await api.gateway.payments()).some((k) => k.request.reference === first.reference)).toBe(false);
    const again = await bills.pay(body, key);
    expect(again.body).toEqual(failed);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await api.gateway.payments()).some((k) => k.request.reference === first.reference)).toBe(false);
  });
});

test('20 concurrent identical requests: one payment at the gateway, one cash entry, twenty identical answers', async () => {
  const key = randomUUID();
  const body = { ...accounts.phone, amountFen: 2_000 };
  const answers = await Promise.all(Array.from({ length: 20 }, () => bills.pay(body, key)));
  expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
  for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
  expect(answers[0]!.body.status).toBe('PAID');
  await expectSettledOnce(answers[0]!.body);
});
