/**
 * Installation and after-sales (docs/rules.md "Installation and after-sales"):
 * installation jobs made at hand-over, and claims under the three guarantees
 * (三包), counted in Asia/Shanghai calendar days from hand-over. Pure: the
 * functions decide, the store writes.
 */
import { ConflictError, RuleError, fieldError } from '#shared/errors.ts';
import { msg, type Msg } from '#shared/i18n/messages.ts';
import { claimId as newClaimId, installationJobId, installationTaskId } from '#shared/ids.ts';
import { newId } from '#shared/ids.ts';
import type { IssuedCode } from './codes.ts';
import type { Task } from './delivery/task.ts';
import { newMessage, shortText, type Message } from './message.ts';
import { receiptNo, returnGoods, type Order, type OrderLine } from './order.ts';
import type { StatementDelta } from './statement.ts';
import { addDays, shanghaiDate, startOfShanghaiDay } from './time.ts';

export const remedies = ['RETURN', 'EXCHANGE', 'REPAIR'] as const;
export type Remedy = (typeof remedies)[number];

/** Within this many days of hand-over: a return, an exchange or a repair. */
export const returnDays = 7;
/** Within this many days: an exchange or a repair. */
export const exchangeDays = 15;
/** After this many failed repairs of the same item (within the warranty): an exchange or a return. */
export const failedRepairsForExchange = 2;

/** Whole Asia/Shanghai calendar days from one instant's local date to another's (the day of hand-over is day 0). */
export function shanghaiDaysBetween(from: Date | string, to: Date): number {
  const start = startOfShanghaiDay(shanghaiDate(new Date(from))).getTime();
  const end = startOfShanghaiDay(shanghaiDate(to)).getTime();
  return Math.round((end - start) / 86_400_000);
}

/** The local date `days` calendar days after an instant's local date. */
export const shanghaiDayAfter = (from: Date | string, days: number): string => shanghaiDate(addDays(startOfShanghaiDay(shanghaiDate(new Date(from))), days));

export interface ClaimClock {
  /** This item's hand-over (a replacement's own): starts the 7 and 15 days. */
  handedOverAt: string;
  /** The original purchase's hand-over: the warranty runs from it. */
  warrantyFrom: string;
  warrantyDays: number;
  failedRepairs: number;
  /** A replacement was given at no charge: nothing to refund, so no RETURN. */
  canReturn: boolean;
}

export interface RemedyAnswer {
  daysSinceHandOver: number;
  allowedRemedies: Remedy[];
  /** The last local date of each remedy still open, for the words read to the villager. */
  until: Partial<Record<Remedy, string>>;
}

/** The remedy table of the three guarantees, on a given day. */
export function remediesOn(clock: ClaimClock, now: Date): RemedyAnswer {
  const days = shanghaiDaysBetween(clock.handedOverAt, now);
  const warrantyDay = shanghaiDaysBetween(clock.warrantyFrom, now);
  const inWarranty = clock.warrantyDays > 0 && warrantyDay <= clock.warrantyDays;
  const allowed = new Set<Remedy>();
  const until: Partial<Record<Remedy, string>> = {};
  const warrantyEnd = shanghaiDayAfter(clock.warrantyFrom, clock.warrantyDays);
  if (clock.warrantyDays > 0 && days <= returnDays) {
    allowed.add('RETURN').add('EXCHANGE').add('REPAIR');
    until.RETURN = shanghaiDayAfter(clock.handedOverAt, returnDays);
  }
  if (clock.warrantyDays > 0 && days <= exchangeDays) {
    allowed.add('EXCHANGE').add('REPAIR');
    until.EXCHANGE = shanghaiDayAfter(clock.handedOverAt, exchangeDays);
  }
  if (inWarranty) {
    allowed.add('REPAIR');
    if (clock.failedRepairs >= failedRepairsForExchange) {
      allowed.add('EXCHANGE').add('RETURN');
      until.EXCHANGE = warrantyEnd;
      until.RETURN = warrantyEnd;
    }
  }
  if (allowed.has('REPAIR')) {
    const ends = [inWarranty ? warrantyEnd : '', days <= exchangeDays ? shanghaiDayAfter(clock.handedOverAt, exchangeDays) : ''];
    until.REPAIR = ends.sort().at(-1)!;
  }
  if (!clock.canReturn) {
    allowed.delete('RETURN');
    delete until.RETURN;
  }
  return { daysSinceHandOver: days, allowedRemedies: remedies.filter((r) => allowed.has(r)), until };
}

/** What is read aloud to the villager: days passed, and what the three guarantees still give them, and until when. */
export function remedyWords(answer: RemedyAnswer): Msg[] {
  const words: Msg[] = [msg('claim-words.days', { days: answer.daysSinceHandOver })];
  if (!answer.allowedRemedies.length) return [...words, msg('claim-words.none')];
  words.push(msg('claim-words.remedies', { remedies: answer.allowedRemedies }));
  for (const r of answer.allowedRemedies) if (answer.until[r]) words.push(msg('claim-words.until', { remedy: r, date: answer.until[r] }));
  return words;
}

// ── Installation jobs ─────────────────────────────────────────────────────────

export const installationStatuses = ['OPEN', 'SCHEDULED', 'DONE', 'CANCELLED'] as const;
export type InstallationStatus = (typeof installationStatuses)[number];
export const installers = ['PARTNER', 'TECHNICIAN'] as const;
export type Installer = (typeof installers)[number];
export const rescheduleReasons = ['SITE_NOT_READY', 'VILLAGER_ABSENT', 'PART_MISSING', 'VILLAGER_REQUEST'] as const;
export type RescheduleReason = (typeof rescheduleReasons)[number];
export const cancelReasons = ['DEAD_ON_ARRIVAL', 'VILLAGER_DECLINED'] as const;
export type InstallationCancelReason = (typeof cancelReasons)[number];

export interface InstallationJob {
  jobId: string;
  orderId: string;
  stationId: string;
  villagerId: string;
  villageId: string;
  sku: string;
  title: string;
  qty: number;
  status: InstallationStatus;
  date?: string;
  installer?: Installer;
  technicianName?: string;
  /** The run task that books a partner's installation (PARTNER only). */
  taskId?: string;
  reschedules: { from: string; to: string; reason: RescheduleReason; at: string }[];
  cancelReason?: InstallationCancelReason;
  /** The claim a dead-on-arrival cancellation opened. */
  claimId?: string;
  note?: string;
  doneAt?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const touchedJob = (job: InstallationJob, now: Date, changes: Partial<InstallationJob>): InstallationJob => ({
  ...job,
  ...changes,
  updatedAt: now.toISOString(),
  version: job.version + 1,
});

const wrongJobStatus = (job: InstallationJob, doing: string) =>
  new ConflictError('wrong-status', msg('wrong-status', { what: 'installation', status: job.status, doing }));

/** One job per line that needs installing, made when the order is handed over (ids from the order's, so a replay makes none twice). */
export function jobsAtHandOver(order: Order, now: Date): InstallationJob[] {
  const at = now.toISOString();
  return order.lines.flatMap((line, i) =>
    line.needsInstallation && line.qty > line.returnedQty
      ? [
          {
            jobId: installationJobId(order.orderId, i),
            orderId: order.orderId,
            stationId: order.stationId,
            villagerId: order.villagerId,
            villageId: order.villageId,
            sku: line.sku,
            title: line.title,
            qty: line.qty - line.returnedQty,
            status: 'OPEN' as const,
            reschedules: [],
            createdAt: at,
            updatedAt: at,
            version: 1,
          },
        ]
      : [],
  );
}

function notBeforeToday(date: string, now: Date) {
  const today = shanghaiDate(now);
  if (date < today) throw new RuleError('date-in-past', msg('date-in-past'), [fieldError('body.date', 'field.dateInPast', { today })]);
}

function installationTask(job: InstallationJob, date: string, now: Date, old?: Task): Task {
  const at = now.toISOString();
  const base = old ? { ...old, version: old.version + 1 } : { createdAt: at, version: 1 };
  const { runId: _run, outcome: _outcome, ...rest } = base as Task;
  return {
    ...rest,
    taskId: installationTaskId(job.jobId),
    stationId: job.stationId,
    villageId: job.villageId,
    date,
    kind: 'INSTALLATION',
    villagerId: job.villagerId,
    note: `${job.title} ×${job.qty}`,
    weightKg: 0,
    status: 'OPEN',
    createdAt: old?.createdAt ?? at,
    updatedAt: at,
  };
}

export interface Scheduling {
  date: string;
  installer: Installer;
  technicianName?: string | undefined;
}

/** Booked for a date: by the partner (a task on that day's run) or by the brand's technician. */
export function scheduleJob(job: InstallationJob, s: Scheduling, now: Date, oldTask?: Task): { job: InstallationJob; task?: Task } {
  if (job.status !== 'OPEN') throw wrongJobStatus(job, 'schedule');
  notBeforeToday(s.date, now);
  if (s.installer === 'TECHNICIAN' && !s.technicianName) {
    throw new RuleError('technician-needed', msg('technician-needed'), [fieldError('body.technicianName', 'field.technicianName')]);
  }
  if (oldTask && oldTask.status === 'PLANNED') throw onRun(oldTask);
  const task = s.installer === 'PARTNER' ? installationTask(job, s.date, now, oldTask) : undefined;
  const { technicianName: _name, taskId: _task, ...rest } = job;
  const updated = touchedJob(rest as InstallationJob, now, {
    status: 'SCHEDULED',
    date: s.date,
    installer: s.installer,
    ...(s.installer === 'TECHNICIAN' ? { technicianName: s.technicianName! } : {}),
    ...(task ? { taskId: task.taskId } : {}),
  });
  return { job: updated, ...(task ? { task } : {}) };
}

const onRun = (task: Task) => new ConflictError('installation-on-run', msg('installation-on-run', { runId: task.runId ?? '' }));

/** A new date, with the reason; a partner's booking moves with it (unless it is already out on a run). */
export function rescheduleJob(job: InstallationJob, date: string, reason: RescheduleReason, now: Date, task?: Task): { job: InstallationJob; task?: Task } {
  if (job.status !== 'SCHEDULED') throw wrongJobStatus(job, 'reschedule');
  notBeforeToday(date, now);
  if (job.installer === 'PARTNER' && task && task.status === 'PLANNED') throw onRun(task);
  const moved = job.installer === 'PARTNER' ? installationTask(job, date, now, task) : undefined;
  const updated = touchedJob(job, now, {
    date,
    reschedules: [...job.reschedules, { from: job.date!, to: date, reason, at: now.toISOString() }],
  });
  return { job: updated, ...(moved ? { task: moved } : {}) };
}

/** Done: the caller has checked the villager's delivery code (proof they were there). */
export function completeJob(job: InstallationJob, note: string | undefined, now: Date): { job: InstallationJob; statement: StatementDelta } {
  if (job.status !== 'SCHEDULED') throw wrongJobStatus(job, 'complete');
  return {
    job: touchedJob(job, now, { status: 'DONE', doneAt: now.toISOString(), ...(note ? { note } : {}) }),
    statement: { installationsDone: 1 },
  };
}

/**
 * A partner's booking not yet on a run is closed with its job (done, or not done
 * when cancelled), so no run is planned for it; one already out on a run is
 * recorded at its stop as usual.
 */
export function closeBooking(task: Task | undefined, done: boolean, note: string, now: Date): Task | undefined {
  if (!task || task.status !== 'OPEN') return undefined;
  return {
    ...task,
    status: done ? 'DONE' : 'NOT_DONE',
    outcome: { done, note, at: now.toISOString() },
    updatedAt: now.toISOString(),
    version: task.version + 1,
  };
}

export function cancelJob(job: InstallationJob, reason: InstallationCancelReason, now: Date, claimId?: string): InstallationJob {
  if (job.status === 'DONE' || job.status === 'CANCELLED') throw wrongJobStatus(job, 'cancel');
  return touchedJob(job, now, { status: 'CANCELLED', cancelReason: reason, ...(claimId ? { claimId } : {}) });
}

// ── Claims ────────────────────────────────────────────────────────────────────

export const claimStatuses = ['OPEN', 'AWAITING_APPROVAL', 'REPAIRING', 'RETURNED', 'EXCHANGED', 'REPAIRED', 'CLOSED'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];
/** Claims that still hold their quantity of the line. */
export const openClaimStatuses: readonly ClaimStatus[] = ['OPEN', 'AWAITING_APPROVAL', 'REPAIRING'];

/**
 * Remedies that give goods or money back: asked by a partner, they wait for an
 * operator who confirms the defect (SPEC §3 Second eyes). A partner alone could
 * otherwise exchange the same item again and again, each replacement at ¥0.
 */
export const remediesNeedingApproval: readonly Remedy[] = ['RETURN', 'EXCHANGE'];

/** The lists ops follow across stations: claims still open (or under repair), and claims waiting for their approval. */
export const opsClaimLists = ['OPEN', 'AWAITING_APPROVAL'] as const;
export type OpsClaimList = (typeof opsClaimLists)[number];
export const opsListOf = (status: ClaimStatus): OpsClaimList | undefined =>
  status === 'AWAITING_APPROVAL' ? 'AWAITING_APPROVAL' : status === 'OPEN' || status === 'REPAIRING' ? 'OPEN' : undefined;

export interface Claim {
  claimId: string;
  orderId: string;
  stationId: string;
  villagerId: string;
  sku: string;
  title: string;
  qty: number;
  problem: string;
  source: 'VILLAGER' | 'DEAD_ON_ARRIVAL';
  jobId?: string;
  status: ClaimStatus;
  handedOverAt: string;
  warrantyFrom: string;
  warrantyDays: number;
  canReturn: boolean;
  /** On the day it was opened (or of the last failed repair). */
  daysSinceHandOver: number;
  allowedRemedies: Remedy[];
  until: Partial<Record<Remedy, string>>;
  failedRepairs: number;
  repairs: { at: string; fixed: boolean; note?: string }[];
  remedy?: Remedy;
  note?: string;
  /** A partner's RETURN or EXCHANGE, waiting for an operator (AWAITING_APPROVAL); kept once decided. */
  requested?: { remedy: Remedy; note?: string; at: string };
  /** The operator who confirmed the defect, and why (or an operator's own resolution). */
  approval?: { reason?: string; at: string };
  /** Remedies ops refused, with their reasons: each is no longer among the claim's remedies. */
  rejections?: { remedy: Remedy; reason: string; at: string }[];
  refundFen?: number;
  /** Of refundFen, what went back to the villager's credit (the part of the order paid with credit); the rest was cash. */
  refundedToCreditFen?: number;
  commissionReversedFen?: number;
  returnId?: string;
  replacementOrderId?: string;
  openedAt: string;
  resolvedAt?: string;
  updatedAt: string;
  version: number;
}

const clockOf = (c: Claim): ClaimClock => ({
  handedOverAt: c.handedOverAt,
  warrantyFrom: c.warrantyFrom,
  warrantyDays: c.warrantyDays,
  failedRepairs: c.failedRepairs,
  canReturn: c.canReturn,
});

export const claimAnswer = (c: Claim): RemedyAnswer => ({ daysSinceHandOver: c.daysSinceHandOver, allowedRemedies: c.allowedRemedies, until: c.until });

/** Of a line: what is handed over and not returned, exchanged or under an open claim. */
export const claimableQty = (l: OrderLine): number => l.qty - l.returnedQty - (l.exchangedQty ?? 0) - (l.claimedQty ?? 0);

const touchedOrder = (order: Order, now: Date, lines: OrderLine[]): Order => ({ ...order, lines, updatedAt: now.toISOString(), version: order.version + 1 });

const withLine = (order: Order, sku: string, change: (l: OrderLine) => OrderLine): OrderLine[] => order.lines.map((l) => (l.sku === sku ? change(l) : l));

export interface OpenClaim {
  sku: string;
  qty: number;
  problem: string;
  source?: Claim['source'];
  jobId?: string;
}

/** A claim for a quantity of one line; all claims and returns on a line never exceed what was handed over. */
export function openClaim(order: Order, input: OpenClaim, now: Date): { claim: Claim; order: Order; statement: StatementDelta } {
  if ((order.status !== 'DELIVERED' && order.status !== 'PICKED_UP') || !order.handedOverAt) {
    throw new ConflictError('wrong-status', msg('wrong-status.claim', { status: order.status }));
  }
  const line = order.lines.find((l) => l.sku === input.sku);
  if (!line) throw new RuleError('not-claimable', msg('not-claimable'), [fieldError('body.sku', 'field.notOnOrder', { sku: input.sku })]);
  const warrantyDays = line.warrantyDays ?? 0;
  if (warrantyDays === 0)
    throw new RuleError('no-warranty', msg('no-warranty', { title: line.title }), [fieldError('body.sku', 'field.noWarranty', { title: line.title })]);
  const left = claimableQty(line);
  if (input.qty > left) throw new RuleError('not-claimable', msg('not-claimable'), [fieldError('body.qty', 'field.claimAtMost', { left, title: line.title })]);
  const clock: ClaimClock = {
    handedOverAt: order.handedOverAt,
    warrantyFrom: order.replacementFor?.warrantyFrom ?? order.handedOverAt,
    warrantyDays,
    failedRepairs: 0,
    canReturn: !order.replacementFor,
  };
  const answer = remediesOn(clock, now);
  if (!answer.allowedRemedies.length) {
    throw new RuleError('out-of-warranty', msg('out-of-warranty', { days: answer.daysSinceHandOver, warrantyDays }));
  }
  const at = now.toISOString();
  const claim: Claim = {
    claimId: newClaimId(order.orderId, now.getTime()),
    orderId: order.orderId,
    stationId: order.stationId,
    villagerId: order.villagerId,
    sku: line.sku,
    title: line.title,
    qty: input.qty,
    problem: input.problem,
    source: input.source ?? 'VILLAGER',
    ...(input.jobId ? { jobId: input.jobId } : {}),
    status: 'OPEN',
    ...clock,
    ...answer,
    repairs: [],
    openedAt: at,
    updatedAt: at,
    version: 1,
  };
  const updated = touchedOrder(
    order,
    now,
    withLine(order, line.sku, (l) => ({ ...l, claimedQty: (l.claimedQty ?? 0) + input.qty })),
  );
  return { claim, order: updated, statement: { claimsOpened: 1 } };
}

const touchedClaim = (c: Claim, now: Date, changes: Partial<Claim>): Claim => ({ ...c, ...changes, updatedAt: now.toISOString(), version: c.version + 1 });

const wrongClaimStatus = (c: Claim, doing: string) => new ConflictError('wrong-status', msg('wrong-status', { what: 'claim', status: c.status, doing }));

/** The claim's quantity no longer held on its line. */
const release = (order: Order, c: Claim, now: Date, exchanged = 0): Order =>
  touchedOrder(
    order,
    now,
    withLine(order, c.sku, (l) => ({ ...l, claimedQty: Math.max(0, (l.claimedQty ?? 0) - c.qty), exchangedQty: (l.exchangedQty ?? 0) + exchanged })),
  );

export type Resolution =
  | { kind: 'RETURN'; claim: Claim; transition: ReturnType<typeof returnGoods> }
  | { kind: 'EXCHANGE'; claim: Claim; order: Order; replacement: Order; deliveryCode: string }
  | { kind: 'REPAIR'; claim: Claim }
  | { kind: 'AWAITING_APPROVAL'; claim: Claim };

/** Who resolves: an operator is the second pair of eyes, so their RETURN or EXCHANGE applies at once; a partner's waits. */
export type Resolver = 'partner' | 'ops';

function assertAllowed(claim: Claim, remedy: Remedy): void {
  if (!claim.allowedRemedies.includes(remedy)) {
    throw new RuleError('remedy-not-allowed', msg('remedy-not-allowed', { remedies: claim.allowedRemedies }), [
      fieldError('body.remedy', 'field.remedyNotAllowed', { remedies: claim.allowedRemedies }),
    ]);
  }
}

/**
 * Resolves a claim with one of the remedies it allows, and no other. REPAIR
 * starts at once. RETURN and EXCHANGE asked by a partner wait for an operator
 * (AWAITING_APPROVAL: nothing moves yet); asked by an operator they apply at
 * once, as an approval does (`applyRemedy`).
 */
export function resolveClaim(
  claim: Claim,
  order: Order,
  remedy: Remedy,
  note: string | undefined,
  now: Date,
  /** The replacement's delivery code (shared/codes.ts issues it). */
  code: IssuedCode,
  options: { villagerErased?: boolean; by?: Resolver } = {},
): Resolution {
  if (claim.status !== 'OPEN') throw wrongClaimStatus(claim, 'resolve');
  assertAllowed(claim, remedy);
  const by = options.by ?? 'partner';
  if (remedy === 'REPAIR') return { kind: 'REPAIR', claim: touchedClaim(claim, now, { remedy, ...(note ? { note } : {}), status: 'REPAIRING' }) };
  if (by === 'partner') {
    return {
      kind: 'AWAITING_APPROVAL',
      claim: touchedClaim(claim, now, { status: 'AWAITING_APPROVAL', requested: { remedy, ...(note ? { note } : {}), at: now.toISOString() } }),
    };
  }
  return applyRemedy({ ...claim, approval: { at: now.toISOString() } }, order, remedy, note, now, code, options);
}

/** An operator confirms the defect: the remedy the partner asked for is applied exactly as an operator's own resolution applies it. */
export function approveClaim(
  claim: Claim,
  order: Order,
  reason: string | undefined,
  now: Date,
  code: IssuedCode,
  options: { villagerErased?: boolean } = {},
): Exclude<Resolution, { kind: 'REPAIR' } | { kind: 'AWAITING_APPROVAL' }> {
  if (claim.status !== 'AWAITING_APPROVAL' || !claim.requested) throw wrongClaimStatus(claim, 'approve');
  const { remedy, note } = claim.requested;
  const approved = { ...claim, approval: { ...(reason ? { reason } : {}), at: now.toISOString() } };
  // The code is not shown to the operator: the replacement's receipt is printed at the station (a first receipt, not a reprint).
  return applyRemedy(approved, order, remedy as 'RETURN' | 'EXCHANGE', note, now, code, { ...options, receiptsIssued: 0 });
}

/**
 * An operator does not confirm the defect: the claim is OPEN again, without the
 * remedy refused (kept with the reason), and the villager's other remedies stay
 * (a REPAIR always does while the warranty runs).
 */
export function rejectClaim(claim: Claim, reason: string, now: Date): Claim {
  if (claim.status !== 'AWAITING_APPROVAL' || !claim.requested) throw wrongClaimStatus(claim, 'reject');
  const { remedy } = claim.requested;
  const until = { ...claim.until };
  delete until[remedy];
  return touchedClaim(claim, now, {
    status: 'OPEN',
    allowedRemedies: claim.allowedRemedies.filter((r) => r !== remedy),
    until,
    rejections: [...(claim.rejections ?? []), { remedy, reason, at: now.toISOString() }],
  });
}

/**
 * A RETURN goes through the returns rules (refund what was paid, commission
 * recomputed on what is kept); an EXCHANGE sends a replacement at no charge and
 * no commission.
 */
function applyRemedy(
  claim: Claim,
  order: Order,
  remedy: 'RETURN' | 'EXCHANGE',
  note: string | undefined,
  now: Date,
  code: IssuedCode,
  options: { villagerErased?: boolean; receiptsIssued?: number },
): Exclude<Resolution, { kind: 'REPAIR' } | { kind: 'AWAITING_APPROVAL' }> {
  const resolved = { remedy, ...(note ? { note } : {}) };
  if (remedy === 'RETURN') {
    // Released and returned in one change of the order (one version).
    const released = { ...order, lines: release(order, claim, now).lines };
    const transition = returnGoods(released, [{ sku: claim.sku, qty: claim.qty }], note ?? claim.problem, now, {
      underClaim: true,
      ...(options.villagerErased ? { villagerErased: true } : {}),
    });
    return {
      kind: 'RETURN',
      transition,
      claim: touchedClaim(claim, now, {
        ...resolved,
        status: 'RETURNED',
        refundFen: transition.record.refundFen,
        refundedToCreditFen: transition.record.refundedToCreditFen,
        commissionReversedFen: transition.record.commissionReversedFen,
        returnId: transition.record.returnId,
        resolvedAt: now.toISOString(),
      }),
    };
  }
  const line = order.lines.find((l) => l.sku === claim.sku)!;
  const replacement = replacementOrder(order, line, claim, now, code, options.receiptsIssued ?? 1);
  return {
    kind: 'EXCHANGE',
    order: release(order, claim, now, claim.qty),
    replacement,
    deliveryCode: code.code,
    claim: touchedClaim(claim, now, { ...resolved, status: 'EXCHANGED', replacementOrderId: replacement.orderId, resolvedAt: now.toISOString() }),
  };
}

/** A repair's result: fixed closes the claim; not fixed counts a failed repair and the remedies are counted again. */
export function recordRepair(claim: Claim, order: Order, fixed: boolean, note: string | undefined, now: Date): { claim: Claim; order?: Order } {
  if (claim.status !== 'REPAIRING') throw wrongClaimStatus(claim, 'recordRepair');
  const repairs = [...claim.repairs, { at: now.toISOString(), fixed, ...(note ? { note } : {}) }];
  if (fixed) return { claim: touchedClaim(claim, now, { repairs, status: 'REPAIRED', resolvedAt: now.toISOString() }), order: release(order, claim, now) };
  const failedRepairs = claim.failedRepairs + 1;
  const answer = remediesOn({ ...clockOf(claim), failedRepairs }, now);
  const { remedy: _remedy, ...rest } = claim;
  if (!answer.allowedRemedies.length) {
    return {
      claim: touchedClaim(rest, now, { repairs, failedRepairs, ...answer, status: 'CLOSED', resolvedAt: now.toISOString() }),
      order: release(order, claim, now),
    };
  }
  return { claim: touchedClaim(rest, now, { repairs, failedRepairs, ...answer, status: 'OPEN' }) };
}

/** The replacement parcel: an order for the same villager at no charge and no commission, that flows like any other. */
export function replacementOrder(original: Order, line: OrderLine, claim: Claim, now: Date, code: IssuedCode, receiptsIssued = 1): Order {
  const at = now.toISOString();
  const replacementLine: OrderLine = {
    ...line,
    qty: claim.qty,
    onlinePriceFen: 0,
    localStorePriceFen: 0,
    merchantCostFen: 0,
    returnWindowDays: 0,
    lineTotalFen: 0,
    savingsFen: 0,
    commissionFen: 0,
    returnedQty: 0,
    claimedQty: 0,
    exchangedQty: 0,
  };
  return {
    orderId: newId('order', now.getTime()),
    stationId: original.stationId,
    villagerId: original.villagerId,
    villageId: original.villageId,
    status: 'PLACED',
    paymentMode: 'CASH_ON_ORDER',
    fulfilment: original.fulfilment,
    lines: [replacementLine],
    totalFen: 0,
    savingsFen: 0,
    commissionFen: 0,
    commissionShareBp: 0,
    weightGrams: line.weightGrams * claim.qty,
    paidFen: 0,
    refundedFen: 0,
    paidByCreditFen: 0,
    refundedToCreditFen: 0,
    outstandingFen: 0,
    commissionEarnedFen: 0,
    returnedFen: 0,
    deliveryCodeHash: code.hash,
    receiptsIssued,
    wrongCodeAttempts: 0,
    lockedForOps: false,
    replacementFor: { orderId: original.orderId, claimId: claim.claimId, warrantyFrom: claim.warrantyFrom },
    placedAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * The villager hears what an operator decided on a return or an exchange the
 * partner asked for (docs/rules.md "Messages to phones"): queued with the
 * decision, read for their phone when it is sent.
 */
export function claimDecidedMessage(claim: Claim, approved: boolean, reason: string | undefined, messageId: string, now: Date): Message {
  const remedy = claim.requested?.remedy === 'EXCHANGE' ? '换新' : '退货';
  const decision = approved
    ? remedy === '换新'
      ? '同意换新，新的货到站后会通知您'
      : '同意退货，请到服务站取退款'
    : `没有同意${remedy}${reason ? `：${reason}` : ''}`;
  return newMessage({
    messageId,
    stationId: claim.stationId,
    villager: { villagerId: claim.villagerId, notRead: true },
    template: 'CLAIM_DECIDED',
    params: { receiptNo: receiptNo(claim.orderId), decision: shortText(decision) },
    subject: { kind: 'claim', id: claim.claimId },
    now,
  });
}
