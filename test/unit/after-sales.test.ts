import { issueCode } from '#shared/codes.ts';
import { describe, expect, test } from 'vitest';
import {
  cancelJob,
  completeJob,
  jobsAtHandOver,
  openClaim,
  recordRepair,
  remediesOn,
  remedyWords,
  rescheduleJob,
  resolveClaim,
  approveClaim,
  rejectClaim,
  scheduleJob,
  shanghaiDaysBetween,
  type ClaimClock,
} from '#domain/after-sales.ts';
import type { Task } from '#domain/delivery/task.ts';
import { handOver, markArrived, placeOrder, returnGoods, type Order } from '#domain/order.ts';
import { priceLines } from '#domain/pricing.ts';
import type { Product } from '#domain/product.ts';
import type { Station } from '#domain/station.ts';
import type { Villager } from '#domain/villager.ts';
import { render } from '#shared/i18n/messages.ts';
import { claimId, claimPattern, idPattern, installationJobId, installationJobPattern, installationTaskId, newId, orderOf } from '#shared/ids.ts';

/** Handed over at 23:30 Shanghai time on 24 January (15:30 UTC): that local day is day 0. */
const handedOverAt = '2026-01-24T15:30:00.000Z';
/** An instant on a Shanghai local date at a local time. */
const shanghai = (date: string, time = '12:00') => new Date(Date.parse(`${date}T${time}:00.000+08:00`));
const clock = (changes: Partial<ClaimClock> = {}): ClaimClock => ({
  handedOverAt,
  warrantyFrom: handedOverAt,
  warrantyDays: 365,
  failedRepairs: 0,
  canReturn: true,
  ...changes,
});

describe('the remedy table of the three guarantees, in Asia/Shanghai calendar days', () => {
  test('days count Shanghai dates, not 24-hour spans: half an hour after a 23:30 hand-over is day 1', () => {
    expect(shanghaiDaysBetween(handedOverAt, new Date('2026-01-24T15:59:00Z'))).toBe(0);
    expect(shanghaiDaysBetween(handedOverAt, new Date('2026-01-24T16:00:00Z'))).toBe(1);
    expect(shanghaiDaysBetween(handedOverAt, shanghai('2026-02-01', '00:00'))).toBe(8);
  });

  test.each([
    ['day 0, the hand-over day', '2026-01-24', '23:59', 0, ['RETURN', 'EXCHANGE', 'REPAIR']],
    ['day 7, its last minute (31 January)', '2026-01-31', '23:59', 7, ['RETURN', 'EXCHANGE', 'REPAIR']],
    ['day 8, across the month end (1 February)', '2026-02-01', '00:00', 8, ['EXCHANGE', 'REPAIR']],
    ['day 15', '2026-02-08', '23:59', 15, ['EXCHANGE', 'REPAIR']],
    ['day 16', '2026-02-09', '00:00', 16, ['REPAIR']],
    ['the last warranty day (day 365)', '2027-01-24', '23:59', 365, ['REPAIR']],
    ['the day after the warranty', '2027-01-25', '00:00', 366, []],
  ])('%s', (_name, date, time, days, allowed) => {
    const answer = remediesOn(clock(), shanghai(date, time));
    expect(answer.daysSinceHandOver).toBe(days);
    expect(answer.allowedRemedies).toEqual(allowed);
  });

  test('the last day of each remedy is said as a Shanghai date', () => {
    expect(remediesOn(clock(), shanghai('2026-01-25')).until).toEqual({ RETURN: '2026-01-31', EXCHANGE: '2026-02-08', REPAIR: '2027-01-24' });
  });

  test('after two failed repairs of the same item, within the warranty: EXCHANGE or RETURN again; after it, nothing', () => {
    const day100 = shanghai('2026-05-04');
    expect(remediesOn(clock({ failedRepairs: 1 }), day100).allowedRemedies).toEqual(['REPAIR']);
    expect(remediesOn(clock({ failedRepairs: 2 }), day100).allowedRemedies).toEqual(['RETURN', 'EXCHANGE', 'REPAIR']);
    expect(remediesOn(clock({ failedRepairs: 2 }), shanghai('2027-01-25', '00:00')).allowedRemedies).toEqual([]);
  });

  test('a product without a warranty has no remedies even on day 0', () => {
    expect(remediesOn(clock({ warrantyDays: 0 }), shanghai('2026-01-24', '23:45')).allowedRemedies).toEqual([]);
  });

  test('a replacement: its own hand-over starts the 7 and 15 days, the warranty runs from the original, and nothing is refunded for it', () => {
    const replacement = clock({ handedOverAt: '2026-06-01T02:00:00.000Z', canReturn: false });
    expect(remediesOn(replacement, shanghai('2026-06-03')).allowedRemedies).toEqual(['EXCHANGE', 'REPAIR']);
    expect(remediesOn(replacement, shanghai('2026-06-20')).allowedRemedies).toEqual(['REPAIR']);
    expect(remediesOn(replacement, shanghai('2027-01-25')).allowedRemedies).toEqual([]);
  });

  test('the words read to the villager: days passed, remedies left and until when, in both languages', () => {
    const words = remedyWords(remediesOn(clock(), shanghai('2026-02-01')));
    expect(words.map((m) => render(m, 'zh-CN'))).toEqual([
      '从交货那天算起，今天是第 8 天。',
      '按三包规定，现在可以：换一件新的、免费修理。',
      '换一件新的：到 2026-02-08 为止。',
      '免费修理：到 2027-01-24 为止。',
    ]);
    expect(words.map((m) => render(m, 'en'))[1]).toBe('Under the three guarantees the villager can now have: an exchange for a new one, a free repair.');
    expect(remedyWords(remediesOn(clock(), shanghai('2027-02-01'))).map((m) => render(m, 'en'))[1]).toBe(
      'The three guarantees have run out: no return, exchange or free repair.',
    );
  });
});

const product = (sku: string, install: boolean, warrantyDays: number): Product => ({
  sku,
  title: sku,
  category: 'appliances',
  onlinePriceFen: 159_900,
  localStorePriceFen: 189_900,
  merchantCostFen: 149_000,
  weightGrams: 65_000,
  needsInstallation: install,
  returnWindowDays: 7,
  warrantyDays,
  createdAt: '',
  updatedAt: '',
});
const catalogue = new Map([
  ['WASHER', product('WASHER', true, 365)],
  ['RICE', product('RICE', false, 0)],
]);
const station = { stationId: 'st_1', commissionShareBp: 3_000, cashLimitFen: 100_000_00 } as Station;
const villager = { villagerId: 'vl_1', villageId: 'vg_1' } as Villager;
const at = new Date(handedOverAt);

function handedOver(lines: { sku: string; qty: number }[]): Order {
  const placed = placeOrder({
    station,
    villager,
    lines: priceLines(lines, catalogue, 3_000),
    paymentMode: 'CASH_ON_ORDER',
    fulfilment: 'STATION_PICKUP',
    cashReceivedFen: 0,
    drawerFen: 0,
    code: issueCode('123456'),
    messageId: 'msg_01KBZZZZZZZZZZZZZZZZZZZZZZ',
    now: at,
  }).order;
  const arrived = markArrived(placed, at);
  return handOver(arrived, { how: 'PICKED_UP', cashCollectedFen: arrived.outstandingFen, firstThisMonth: true, now: at }).order;
}

test('ids of jobs, claims and bookings name their order and are valid ids of their kind; bookings differ per line', () => {
  const orderId = newId('order');
  const jobs = [0, 1, 31, 32, 99].map((n) => installationJobId(orderId, n));
  for (const job of jobs) {
    expect(job).toMatch(installationJobPattern);
    expect(orderOf(job)).toBe(orderId);
    expect(installationTaskId(job)).toMatch(idPattern('task'));
  }
  expect(new Set(jobs.map(installationTaskId)).size).toBe(jobs.length);
  const claim = claimId(orderId);
  expect(claim).toMatch(claimPattern);
  expect(orderOf(claim)).toBe(orderId);
});

describe('installation jobs', () => {
  test('one job per line that needs installing, with ids from the order (a replay makes the same ones)', () => {
    const order = handedOver([
      { sku: 'RICE', qty: 1 },
      { sku: 'WASHER', qty: 2 },
    ]);
    const jobs = jobsAtHandOver(order, at);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ sku: 'WASHER', qty: 2, status: 'OPEN', orderId: order.orderId });
    expect(orderOf(jobs[0]!.jobId)).toBe(order.orderId);
    expect(jobsAtHandOver(order, at).map((j) => j.jobId)).toEqual(jobs.map((j) => j.jobId));
  });

  test('scheduled by the partner it books an INSTALLATION task; rescheduled, the task moves; done once', () => {
    const [job] = jobsAtHandOver(handedOver([{ sku: 'WASHER', qty: 1 }]), at);
    const today = shanghai('2026-01-25');
    expect(() => scheduleJob(job!, { date: '2026-01-24', installer: 'PARTNER' }, today)).toThrow(
      expect.objectContaining({ status: 422, code: 'date-in-past' }),
    );
    expect(() => scheduleJob(job!, { date: '2026-01-26', installer: 'TECHNICIAN' }, today)).toThrow(expect.objectContaining({ status: 422 }));
    const s = scheduleJob(job!, { date: '2026-01-26', installer: 'PARTNER' }, today);
    expect(s.job).toMatchObject({ status: 'SCHEDULED', date: '2026-01-26', installer: 'PARTNER', taskId: installationTaskId(job!.jobId) });
    expect(s.task).toMatchObject({ kind: 'INSTALLATION', date: '2026-01-26', status: 'OPEN', villageId: 'vg_1', villagerId: 'vl_1' });
    const r = rescheduleJob(s.job, '2026-01-28', 'VILLAGER_ABSENT', today, s.task);
    expect(r.job.reschedules).toEqual([{ from: '2026-01-26', to: '2026-01-28', reason: 'VILLAGER_ABSENT', at: today.toISOString() }]);
    expect(r.task).toMatchObject({ taskId: s.task!.taskId, date: '2026-01-28', version: 2 });
    const onRun: Task = { ...r.task!, status: 'PLANNED', runId: 'run_1' };
    expect(() => rescheduleJob(r.job, '2026-01-29', 'PART_MISSING', today, onRun)).toThrow(expect.objectContaining({ status: 409 }));
    const done = completeJob(r.job, undefined, today);
    expect(done).toMatchObject({ job: { status: 'DONE' }, statement: { installationsDone: 1 } });
    expect(() => completeJob(done.job, undefined, today)).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => cancelJob(done.job, 'VILLAGER_DECLINED', today)).toThrow(expect.objectContaining({ status: 409 }));
  });
});

describe('claims', () => {
  test('a claim for a quantity of one line; claims and returns together never exceed what was handed over', () => {
    const order = handedOver([{ sku: 'WASHER', qty: 2 }]);
    const day2 = shanghai('2026-01-26');
    const first = openClaim(order, { sku: 'WASHER', qty: 1, problem: '不脱水' }, day2);
    expect(first.claim).toMatchObject({ status: 'OPEN', daysSinceHandOver: 2, allowedRemedies: ['RETURN', 'EXCHANGE', 'REPAIR'] });
    expect(first.statement).toEqual({ claimsOpened: 1 });
    expect(() => openClaim(first.order, { sku: 'WASHER', qty: 2, problem: 'x' }, day2)).toThrow(
      expect.objectContaining({ status: 422, code: 'not-claimable' }),
    );
    // The claimed one is not returned as well.
    expect(() => returnGoods(first.order, [{ sku: 'WASHER', qty: 2 }], 'changed mind', day2)).toThrow(expect.objectContaining({ status: 422 }));
    const returned = returnGoods(first.order, [{ sku: 'WASHER', qty: 1 }], 'changed mind', day2).order;
    expect(() => openClaim(returned, { sku: 'WASHER', qty: 1, problem: 'x' }, day2)).toThrow(expect.objectContaining({ status: 422 }));
    expect(() => openClaim(order, { sku: 'WASHER', qty: 1, problem: 'x' }, shanghai('2027-02-01'))).toThrow(
      expect.objectContaining({ status: 422, code: 'out-of-warranty' }),
    );
  });

  test('a RETURN asked by the partner waits for an operator; approved, it moves exactly what a return does: refund what was paid, commission reversed', () => {
    const order = handedOver([{ sku: 'WASHER', qty: 2 }]);
    const day3 = shanghai('2026-01-27');
    const opened = openClaim(order, { sku: 'WASHER', qty: 1, problem: '漏水' }, day3);
    const asked = resolveClaim(opened.claim, opened.order, 'RETURN', '村民要退', day3, issueCode());
    expect(asked.kind).toBe('AWAITING_APPROVAL');
    expect(asked.claim).toMatchObject({ status: 'AWAITING_APPROVAL', requested: { remedy: 'RETURN', note: '村民要退' } });
    expect(() => resolveClaim(asked.claim, opened.order, 'RETURN', undefined, day3, issueCode())).toThrow(expect.objectContaining({ status: 409 }));
    const r = approveClaim(asked.claim, opened.order, '看过照片', shanghai('2026-01-30'), issueCode());
    const plain = returnGoods(order, [{ sku: 'WASHER', qty: 1 }], 'x', day3);
    if (r.kind !== 'RETURN') throw new Error('expected a return');
    expect(r.transition.record.refundFen).toBe(plain.record.refundFen);
    expect(r.transition.record.commissionReversedFen).toBe(plain.record.commissionReversedFen);
    expect(r.transition.entry!.postings).toEqual(plain.entry!.postings);
    expect(r.claim).toMatchObject({ status: 'RETURNED', refundFen: 159_900, commissionReversedFen: plain.record.commissionReversedFen });
    expect(r.transition.order.lines[0]).toMatchObject({ returnedQty: 1, claimedQty: 0 });
    // One change of the order, saved only if it is still the version read.
    expect(r.transition.order.version).toBe(opened.order.version + 1);
  });

  test('a RETURN under a claim is allowed on day 20 after two failed repairs, past the product’s return window', () => {
    const order = handedOver([{ sku: 'WASHER', qty: 1 }]);
    let { claim, order: o } = openClaim(order, { sku: 'WASHER', qty: 1, problem: '不转' }, shanghai('2026-02-10'));
    expect(claim.allowedRemedies).toEqual(['REPAIR']);
    expect(() => resolveClaim(claim, o, 'RETURN', undefined, shanghai('2026-02-10'), issueCode())).toThrow(
      expect.objectContaining({ status: 422, code: 'remedy-not-allowed' }),
    );
    for (const day of ['2026-02-11', '2026-02-13']) {
      const repairing = resolveClaim(claim, o, 'REPAIR', undefined, shanghai(day), issueCode());
      const result = recordRepair(repairing.claim, o, false, '还是不转', shanghai(day));
      claim = result.claim;
      o = result.order ?? o;
    }
    expect(claim).toMatchObject({ status: 'OPEN', failedRepairs: 2, allowedRemedies: ['RETURN', 'EXCHANGE', 'REPAIR'] });
    const r = resolveClaim(claim, o, 'RETURN', undefined, shanghai('2026-02-13'), issueCode(), { by: 'ops' });
    expect(r.kind === 'RETURN' && r.transition.record.refundFen).toBe(159_900);
  });

  test('rejected by an operator: OPEN again without the remedy asked for, the reason kept; approving or rejecting twice is a 409', () => {
    const order = handedOver([{ sku: 'WASHER', qty: 1 }]);
    const day = shanghai('2026-01-26');
    const opened = openClaim(order, { sku: 'WASHER', qty: 1, problem: '门坏了' }, day);
    const asked = resolveClaim(opened.claim, opened.order, 'EXCHANGE', undefined, day, issueCode());
    const rejected = rejectClaim(asked.claim, '门是摔坏的', day);
    expect(rejected).toMatchObject({ status: 'OPEN', allowedRemedies: ['RETURN', 'REPAIR'], rejections: [{ remedy: 'EXCHANGE', reason: '门是摔坏的' }] });
    expect(rejected.until.EXCHANGE).toBeUndefined();
    expect(() => rejectClaim(rejected, 'x', day)).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => approveClaim(rejected, opened.order, undefined, day, issueCode())).toThrow(expect.objectContaining({ status: 409 }));
  });

  test('a fixed repair closes the claim and frees the line for another claim', () => {
    const order = handedOver([{ sku: 'WASHER', qty: 1 }]);
    const day = shanghai('2026-03-01');
    const opened = openClaim(order, { sku: 'WASHER', qty: 1, problem: '异响' }, day);
    const repairing = resolveClaim(opened.claim, opened.order, 'REPAIR', undefined, day, issueCode());
    const fixed = recordRepair(repairing.claim, opened.order, true, undefined, day);
    expect(fixed.claim.status).toBe('REPAIRED');
    expect(fixed.order!.lines[0]!.claimedQty).toBe(0);
    expect(() => recordRepair(fixed.claim, fixed.order!, true, undefined, day)).toThrow(expect.objectContaining({ status: 409 }));
  });

  test('EXCHANGE: a replacement for the same villager at no charge and no commission; it can itself be claimed, never refunded', () => {
    const order = handedOver([{ sku: 'WASHER', qty: 1 }]);
    const day10 = shanghai('2026-02-03');
    const opened = openClaim(order, { sku: 'WASHER', qty: 1, problem: '门坏了' }, day10);
    const r = resolveClaim(opened.claim, opened.order, 'EXCHANGE', undefined, day10, issueCode('654321'), { by: 'ops' });
    if (r.kind !== 'EXCHANGE') throw new Error('expected an exchange');
    expect(r.replacement).toMatchObject({
      villagerId: 'vl_1',
      status: 'PLACED',
      totalFen: 0,
      commissionFen: 0,
      outstandingFen: 0,
      paidFen: 0,
      replacementFor: { orderId: order.orderId, claimId: opened.claim.claimId, warrantyFrom: handedOverAt },
    });
    expect(r.replacement.lines[0]).toMatchObject({ sku: 'WASHER', qty: 1, lineTotalFen: 0, commissionFen: 0, warrantyDays: 365 });
    expect(r.order.lines[0]).toMatchObject({ exchangedQty: 1, claimedQty: 0 });
    expect(r.claim).toMatchObject({ status: 'EXCHANGED', replacementOrderId: r.replacement.orderId });
    // The original line has nothing left to claim; the replacement, handed over, can be claimed.
    expect(() => openClaim(r.order, { sku: 'WASHER', qty: 1, problem: 'x' }, day10)).toThrow(expect.objectContaining({ status: 422 }));
    const arrived = markArrived(r.replacement, day10);
    const t = handOver(arrived, { how: 'PICKED_UP', cashCollectedFen: 0, firstThisMonth: false, now: day10 });
    expect(t.entry).toBeUndefined();
    expect(t.statement).toMatchObject({ salesFen: 0, commissionFen: 0 });
    const again = openClaim(t.order, { sku: 'WASHER', qty: 1, problem: '又坏了' }, shanghai('2026-02-05'));
    expect(again.claim).toMatchObject({ daysSinceHandOver: 2, allowedRemedies: ['EXCHANGE', 'REPAIR'], warrantyFrom: handedOverAt });
  });

  test('goods without a warranty cannot be claimed', () => {
    const order = handedOver([{ sku: 'RICE', qty: 1 }]);
    expect(() => openClaim(order, { sku: 'RICE', qty: 1, problem: '发霉' }, at)).toThrow(expect.objectContaining({ status: 422, code: 'no-warranty' }));
  });
});
