import { ConflictError, InputError, RuleError, fieldError, type FieldError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { newId } from '#shared/ids.ts';
import type { Entry } from '../ledger.ts';
import type { CodeMatcher } from '../codes.ts';
import { checkParcelProof, handOverParcel, type Parcel } from '../parcel.ts';
import { assignToRun, checkDeliveryCode, failDelivery, handOver, releaseFromRun, sendOut, type Order } from '../order.ts';
import { sumDeltas, type StatementDelta } from '../statement.ts';
import type { Station } from '../station.ts';
import type { Place, RoadDistances } from './distance.ts';
import { planRun, tripDistanceKm, type RunItem } from './plan.ts';
import { finishTask, planTask, type Task } from './task.ts';

export const runStatuses = ['PLANNED', 'STARTED', 'COMPLETED'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** Most parcels and tasks one run takes (each stop's completion must fit one transaction). */
export const runLimits = { parcels: 60, tasks: 30, itemsPerStop: 20 } as const;

export interface StopOutcome {
  delivered: string[];
  failed: { orderId: string; reason: string }[];
  /** Couriers' parcels handed over at the door with their pickup code, and those brought back to the shelf. */
  parcelsHandedOver?: string[];
  parcelsFailed?: { parcelId: string; reason: string }[];
  cashCollectedFen: number;
  tasksDone: string[];
  tasksNotDone: string[];
  collectedKg: number;
  /** Weigh tickets written at this stop's PRODUCE pick-ups. */
  weighTickets?: string[];
  completedAt: string;
}

export interface RunStop {
  stopId: string;
  villageId: string;
  orderIds: string[];
  /** Couriers' parcels for villagers who asked for them at home (docs/rules.md "Parcels"): handed over with the pickup code. */
  parcelIds?: string[];
  /** Pick-up tasks done at this stop. */
  pickups: string[];
  weightKg: number;
  parcels: number;
  status: 'PENDING' | 'DONE';
  outcome?: StopOutcome;
}

export interface RunTrip {
  tripNo: number;
  stops: RunStop[];
  distanceKm: number;
  weightKg: number;
  parcels: number;
}

export interface RunSummary {
  stops: number;
  stopsDone: number;
  parcels: number;
  delivered: number;
  failed: number;
  cashCollectedFen: number;
  tasksDone: number;
  tasksNotDone: number;
  collectedKg: number;
}

export interface Run {
  runId: string;
  stationId: string;
  date: string;
  capacityKg: number;
  maxParcels: number;
  status: RunStatus;
  trips: RunTrip[];
  distanceKm: number;
  summary: RunSummary;
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
  updatedAt: string;
  version: number;
}

/** A courier's parcel as the planner weighs it: its weight is not on the waybill, and most are small. */
export const courierParcelKg = 1;

const touched = (run: Run, now: Date, changes: Partial<Run>): Run => ({ ...run, ...changes, updatedAt: now.toISOString(), version: run.version + 1 });

export const orderWeightKg = (order: Order) => order.weightGrams / 1000;

function places(station: Station): { station: Place; villages: Place[] } {
  return {
    station: { id: station.stationId, location: station.location },
    villages: station.villages.map((v) => ({ id: v.villageId, location: v.location })),
  };
}

function summarise(trips: RunTrip[]): RunSummary {
  const stops = trips.flatMap((t) => t.stops);
  const outcomes = stops.flatMap((s) => (s.outcome ? [s.outcome] : []));
  return {
    stops: stops.length,
    stopsDone: outcomes.length,
    parcels: stops.reduce((n, s) => n + s.orderIds.length + (s.parcelIds?.length ?? 0), 0),
    delivered: outcomes.reduce((n, o) => n + o.delivered.length + (o.parcelsHandedOver?.length ?? 0), 0),
    failed: outcomes.reduce((n, o) => n + o.failed.length + (o.parcelsFailed?.length ?? 0), 0),
    cashCollectedFen: outcomes.reduce((n, o) => n + o.cashCollectedFen, 0),
    tasksDone: outcomes.reduce((n, o) => n + o.tasksDone.length, 0),
    tasksNotDone: outcomes.reduce((n, o) => n + o.tasksNotDone.length, 0),
    collectedKg: Math.round(outcomes.reduce((n, o) => n + o.collectedKg, 0) * 1000) / 1000,
  };
}

export interface NewRun {
  station: Station;
  roads: RoadDistances;
  date: string;
  capacityKg: number;
  maxParcels: number;
  /** Parcels waiting at the station for home delivery, oldest first. */
  orders: Order[];
  /** Pick-up tasks booked for the date. */
  tasks: Task[];
  /** Couriers' parcels on the shelf for villagers who want them at home, oldest first, with the village each goes to. */
  parcels?: { parcel: Parcel; villageId: string }[];
  now: Date;
}

export interface PlannedRun {
  run: Run;
  orders: Order[];
  tasks: Task[];
  parcels: Parcel[];
  leftForLater: { orderIds: string[]; taskIds: string[] };
}

/** Plans the day's run: the parcels and tasks, within the tricycle's capacity, stops in the shortest order. */
export function newRun(input: NewRun): PlannedRun {
  const { now } = input;
  const waiting = input.orders.filter((o) => !o.runId && o.status === 'AT_STATION' && o.fulfilment === 'HOME_DELIVERY');
  const open = input.tasks.filter((t) => t.status === 'OPEN');
  const orders = waiting.slice(0, runLimits.parcels);
  const tasks = open.slice(0, runLimits.tasks);
  // Couriers' parcels share the run's room with the orders' goods (each one transaction's item when planned).
  const homeParcels = (input.parcels ?? []).filter(({ parcel }) => parcel.status === 'AT_STATION' && !parcel.runId && !parcel.lockedForOps);
  const parcels = homeParcels.slice(0, runLimits.parcels - orders.length);
  if (orders.length === 0 && tasks.length === 0 && parcels.length === 0) {
    throw new RuleError('nothing-to-deliver', msg('nothing-to-deliver', { date: input.date }));
  }
  const items: RunItem[] = [
    ...orders.map((o) => ({ kind: 'order' as const, id: o.orderId, villageId: o.villageId, weightKg: orderWeightKg(o), parcels: 1 })),
    ...tasks.map((t) => ({ kind: 'task' as const, id: t.taskId, villageId: t.villageId, weightKg: t.weightKg, parcels: 0 })),
    ...parcels.map(({ parcel, villageId }) => ({ kind: 'parcel' as const, id: parcel.parcelId, villageId, weightKg: courierParcelKg, parcels: 1 })),
  ];
  const plan = planRun({
    ...places(input.station),
    roadFactor: input.station.roadFactor,
    roads: input.roads,
    items,
    capacity: { kg: input.capacityKg, parcels: input.maxParcels },
    maxItemsPerStop: runLimits.itemsPerStop,
  });
  const runId = newId('run', now.getTime());
  const trips: RunTrip[] = plan.trips.map((t, i) => ({
    tripNo: i + 1,
    stops: t.stops.map((s) => ({
      stopId: newId('stop', now.getTime()),
      villageId: s.villageId,
      orderIds: s.items.filter((x) => x.kind === 'order').map((x) => x.id),
      ...(s.items.some((x) => x.kind === 'parcel') ? { parcelIds: s.items.filter((x) => x.kind === 'parcel').map((x) => x.id) } : {}),
      pickups: s.items.filter((x) => x.kind === 'task').map((x) => x.id),
      weightKg: s.weightKg,
      parcels: s.parcels,
      status: 'PENDING' as const,
    })),
    distanceKm: t.distanceKm,
    weightKg: t.weightKg,
    parcels: t.parcels,
  }));
  const at = now.toISOString();
  return {
    run: {
      runId,
      stationId: input.station.stationId,
      date: input.date,
      capacityKg: input.capacityKg,
      maxParcels: input.maxParcels,
      status: 'PLANNED',
      trips,
      distanceKm: plan.distanceKm,
      summary: summarise(trips),
      createdAt: at,
      updatedAt: at,
      version: 1,
    },
    orders: orders.map((o) => assignToRun(o, runId, now)),
    tasks: tasks.map((t) => planTask(t, runId, now)),
    parcels: parcels.map(({ parcel }) => ({ ...parcel, runId, version: parcel.version + 1, updatedAt: at })),
    leftForLater: {
      orderIds: waiting.slice(runLimits.parcels).map((o) => o.orderId),
      taskIds: open.slice(runLimits.tasks).map((t) => t.taskId),
      ...(homeParcels.length > parcels.length ? { parcelIds: homeParcels.slice(parcels.length).map(({ parcel }) => parcel.parcelId) } : {}),
    },
  };
}

function assertPlanned(run: Run, doing: string) {
  if (run.status !== 'PLANNED') throw new ConflictError('wrong-status', msg('wrong-status', { what: 'run', status: run.status, doing }));
}

function findStop(run: Run, stopId: string): { trip: RunTrip; index: number; stop: RunStop } {
  for (const trip of run.trips) {
    const index = trip.stops.findIndex((s) => s.stopId === stopId);
    if (index >= 0) return { trip, index, stop: trip.stops[index]! };
  }
  throw new RuleError('unknown-stop', msg('unknown-stop'), [fieldError('path.stopId', 'field.notAStop')]);
}

function remeasure(run: Run, station: Station, roads: RoadDistances, now: Date): Run {
  const trips = run.trips
    .filter((t) => t.stops.length > 0)
    .map((t, i) => ({
      ...t,
      tripNo: i + 1,
      distanceKm: tripDistanceKm(
        { ...places(station), roadFactor: station.roadFactor, roads },
        t.stops.map((s) => s.villageId),
      ),
      weightKg: t.stops.reduce((n, s) => n + s.weightKg, 0),
      parcels: t.stops.reduce((n, s) => n + s.parcels, 0),
    }));
  return touched(run, now, { trips, distanceKm: Math.round(trips.reduce((n, t) => n + t.distanceKm, 0) * 100) / 100, summary: summarise(trips) });
}

/** The partner knows the roads: move a stop to another place in a trip (or to another trip) before starting. */
export function moveStop(run: Run, stopId: string, toTrip: number, toPosition: number, station: Station, roads: RoadDistances, now: Date): Run {
  assertPlanned(run, 'move a stop');
  const trips = run.trips.map((t) => ({ ...t, stops: [...t.stops] }));
  const from = trips.find((t) => t.stops.some((s) => s.stopId === stopId));
  if (!from) throw new RuleError('unknown-stop', msg('unknown-stop'), [fieldError('path.stopId', 'field.notAStop')]);
  const target = trips[toTrip - 1];
  if (!target)
    throw new RuleError('unknown-trip', msg('unknown-trip', { trips: trips.length }), [fieldError('body.trip', 'field.tripRange', { trips: trips.length })]);
  const [stop] = from.stops.splice(
    from.stops.findIndex((s) => s.stopId === stopId),
    1,
  );
  if (target !== from) {
    const kg = target.stops.reduce((n, s) => n + s.weightKg, 0) + stop!.weightKg;
    const parcels = target.stops.reduce((n, s) => n + s.parcels, 0) + stop!.parcels;
    if (kg > run.capacityKg || parcels > run.maxParcels) {
      throw new RuleError('over-capacity', msg('over-capacity', { trip: toTrip, kg, parcels, capacityKg: run.capacityKg, maxParcels: run.maxParcels }), [
        fieldError('body.trip', 'field.noRoom'),
      ]);
    }
  }
  if (toPosition > target.stops.length + 1) {
    const last = target.stops.length + 1;
    throw new InputError([fieldError('body.position', 'field.noSuchPlace', { trip: toTrip, last })]);
  }
  target.stops.splice(toPosition - 1, 0, stop!);
  return remeasure({ ...run, trips }, station, roads, now);
}

/** Take a parcel off the run before it starts (it waits at the station for another). */
export function dropParcel(run: Run, order: Order, station: Station, roads: RoadDistances, now: Date): { run: Run; order: Order } {
  assertPlanned(run, 'drop a parcel');
  const trips = run.trips.map((t) => ({
    ...t,
    stops: t.stops
      .map((s) =>
        s.orderIds.includes(order.orderId)
          ? { ...s, orderIds: s.orderIds.filter((id) => id !== order.orderId), weightKg: s.weightKg - orderWeightKg(order), parcels: s.parcels - 1 }
          : s,
      )
      .filter((s) => s.orderIds.length + (s.parcelIds?.length ?? 0) + s.pickups.length > 0),
  }));
  if (!run.trips.some((t) => t.stops.some((s) => s.orderIds.includes(order.orderId)))) {
    throw new RuleError('not-on-run', msg('not-on-run'), [fieldError('body.orderId', 'field.notOnRun')]);
  }
  return { run: remeasure({ ...run, trips }, station, roads, now), order: releaseFromRun(order, now) };
}

/**
 * Take a courier's parcel off the run before it starts: not delivered this time, back on the
 * shelf and pickable (the next run takes it again). One picked up at the counter meanwhile just
 * leaves the run.
 */
export function dropCourierParcel(run: Run, parcel: Parcel, station: Station, roads: RoadDistances, now: Date): { run: Run; parcel?: Parcel } {
  assertPlanned(run, 'drop a parcel');
  if (!run.trips.some((t) => t.stops.some((s) => (s.parcelIds ?? []).includes(parcel.parcelId)))) {
    throw new RuleError('not-on-run', msg('not-on-run'), [fieldError('body.parcelId', 'field.notOnRun')]);
  }
  const trips = run.trips.map((t) => ({
    ...t,
    stops: t.stops
      .map((s) => {
        if (!(s.parcelIds ?? []).includes(parcel.parcelId)) return s;
        const { parcelIds: _ids, ...rest } = s;
        const left = (s.parcelIds ?? []).filter((id) => id !== parcel.parcelId);
        return { ...rest, ...(left.length ? { parcelIds: left } : {}), weightKg: s.weightKg - courierParcelKg, parcels: s.parcels - 1 };
      })
      .filter((s) => s.orderIds.length + (s.parcelIds?.length ?? 0) + s.pickups.length > 0),
  }));
  const dropped = remeasure({ ...run, trips }, station, roads, now);
  if (parcel.status !== 'AT_STATION' || parcel.runId !== run.runId) return { run: dropped };
  const { runId: _run, ...rest } = parcel;
  return { run: dropped, parcel: { ...rest, version: parcel.version + 1, updatedAt: now.toISOString() } };
}

export function startRun(run: Run, orders: Order[], now: Date): { run: Run; orders: Order[] } {
  assertPlanned(run, 'start it');
  return { run: touched(run, now, { status: 'STARTED', startedAt: now.toISOString() }), orders: orders.map((o) => sendOut(o, run.runId, now)) };
}

export interface DeliveryRecord {
  orderId: string;
  outcome: 'DELIVERED' | 'FAILED';
  deliveryCode?: string | undefined;
  cashCollectedFen?: number | undefined;
  reason?: string | undefined;
}

/** A courier's parcel at the door: handed over with its pickup code, or brought back to the shelf with the reason. */
export interface ParcelRecord {
  parcelId: string;
  outcome: 'DELIVERED' | 'FAILED';
  pickupCode?: string | undefined;
  reason?: string | undefined;
}

export interface TaskRecord {
  taskId: string;
  done: boolean;
  collectedKg?: number | undefined;
  note?: string | undefined;
}

export interface StopCompletion {
  run: Run;
  orders: Order[];
  tasks: Task[];
  parcels: Parcel[];
  entries: Entry[];
  statement: StatementDelta;
}

export type StopResult = { ok: true; completion: StopCompletion } | { ok: false; wrongCodes: Order[]; wrongParcels: Parcel[]; error: RuleError };

/** What the partner recorded at one stop, with everything read for it. */
export interface StopRecording {
  run: Run;
  stopId: string;
  deliveries: readonly DeliveryRecord[];
  taskRecords: readonly TaskRecord[];
  parcelRecords?: readonly ParcelRecord[];
  orders: ReadonlyMap<string, Order>;
  tasks: ReadonlyMap<string, Task>;
  parcels?: ReadonlyMap<string, Parcel>;
  /** The id of the entry that earns a parcel's fee: made of the parcel's, so the fee is earned once wherever it is handed over. */
  parcelFeeEntryId?: (parcelId: string) => string;
  firstServedThisMonth: (villagerId: string) => boolean;
  /** Checks the villagers' codes against the hashes kept (shared/codes.ts). */
  codeMatches: CodeMatcher;
  now: Date;
}

/**
 * Records one stop: each parcel delivered (with the villager's code, cash for
 * what is outstanding, commission earned) or failed (back to the station);
 * each pick-up done or not.
 */
export function completeStop(input: StopRecording): StopResult {
  const { stop } = findStop(input.run, input.stopId);
  if (stop.status === 'DONE') throw new ConflictError('stop-completed', msg('stop-completed'));
  if (input.run.status !== 'STARTED') throw new ConflictError('wrong-status', msg('wrong-status.stop', { status: input.run.status }));
  cashOnlyWhenDelivered(input.deliveries);
  const errors = [...stopRecordErrors(stop, input.deliveries, input.taskRecords), ...parcelRecordErrors(stop, input.parcelRecords ?? [])];
  if (errors.length) throw new RuleError('stop-incomplete', msg('stop-incomplete'), errors);
  const wrong = wrongCodes(input);
  if (wrong) return { ok: false, ...wrong };
  return { ok: true, completion: settleStop(input) };
}

/** Cash is taken only with the parcel: one not delivered takes none (it would sit in the drawer with no order to show for it). */
function cashOnlyWhenDelivered(deliveries: readonly DeliveryRecord[]): void {
  const wrong = deliveries.flatMap((d, i) => (d.outcome === 'FAILED' && (d.cashCollectedFen ?? 0) > 0 ? [{ i, cashFen: d.cashCollectedFen! }] : []));
  if (!wrong.length) return;
  throw new RuleError(
    'cash-on-failed-delivery',
    msg('cash-on-failed-delivery', { cashFen: wrong.reduce((n, w) => n + w.cashFen, 0) }),
    wrong.map((w) => fieldError(`body.deliveries.${w.i}.cashCollectedFen`, 'field.noCashWhenFailed')),
  );
}

/** Every parcel and pick-up of the stop, each once, with a code to hand over and a reason to fail. */
function stopRecordErrors(stop: RunStop, deliveries: readonly DeliveryRecord[], taskRecords: readonly TaskRecord[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  deliveries.forEach((d, i) => {
    if (!stop.orderIds.includes(d.orderId)) errors.push(fieldError(`body.deliveries.${i}.orderId`, 'field.notThisStop'));
    if (seen.has(d.orderId)) errors.push(fieldError(`body.deliveries.${i}.orderId`, 'field.listedTwice'));
    seen.add(d.orderId);
    if (d.outcome === 'DELIVERED' && !d.deliveryCode) errors.push(fieldError(`body.deliveries.${i}.deliveryCode`, 'field.codeNeeded'));
    if (d.outcome === 'FAILED' && !d.reason) errors.push(fieldError(`body.deliveries.${i}.reason`, 'field.whyFailed'));
  });
  stop.orderIds.filter((id) => !seen.has(id)).forEach((id) => errors.push(fieldError('body.deliveries', 'field.parcelMissing', { id })));
  const seenTasks = new Set(taskRecords.map((t) => t.taskId));
  taskRecords.forEach((t, i) => {
    if (!stop.pickups.includes(t.taskId)) errors.push(fieldError(`body.pickups.${i}.taskId`, 'field.notThisPickup'));
  });
  stop.pickups.filter((id) => !seenTasks.has(id)).forEach((id) => errors.push(fieldError('body.pickups', 'field.pickupMissing', { id })));
  return errors;
}

/** Every courier's parcel of the stop, each once, with its pickup code to hand it over and a reason to bring it back. */
function parcelRecordErrors(stop: RunStop, records: readonly ParcelRecord[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const ids = stop.parcelIds ?? [];
  records.forEach((r, i) => {
    if (!ids.includes(r.parcelId)) errors.push(fieldError(`body.parcels.${i}.parcelId`, 'field.notThisStop'));
    if (seen.has(r.parcelId)) errors.push(fieldError(`body.parcels.${i}.parcelId`, 'field.listedTwice'));
    seen.add(r.parcelId);
    if (r.outcome === 'DELIVERED' && !r.pickupCode) errors.push(fieldError(`body.parcels.${i}.pickupCode`, 'field.codeNeeded'));
    if (r.outcome === 'FAILED' && !r.reason) errors.push(fieldError(`body.parcels.${i}.reason`, 'field.whyFailed'));
  });
  ids.filter((id) => !seen.has(id)).forEach((id) => errors.push(fieldError('body.parcels', 'field.parcelMissing', { id })));
  return errors;
}

/** Wrong codes come first: they are kept (and the stop stays open) even though the request fails. */
function wrongCodes({
  deliveries,
  orders,
  parcelRecords,
  parcels,
  codeMatches,
  now,
}: StopRecording): { wrongCodes: Order[]; wrongParcels: Parcel[]; error: RuleError } | undefined {
  const wrong: Order[] = [];
  const wrongParcels: Parcel[] = [];
  const codeErrors: FieldError[] = [];
  (parcelRecords ?? []).forEach((r, i) => {
    if (r.outcome !== 'DELIVERED') return;
    // The same wrong-code lock as at the counter (docs/rules.md "Parcels").
    const check = checkParcelProof(parcels!.get(r.parcelId)!, { pickupCode: r.pickupCode! }, codeMatches, now, 'DOOR');
    if (!check.ok) {
      wrongParcels.push(check.parcel);
      codeErrors.push(fieldError(`body.parcels.${i}.pickupCode`, 'field.wrongPickupCode'));
    }
  });
  deliveries.forEach((d, i) => {
    if (d.outcome !== 'DELIVERED') return;
    const check = checkDeliveryCode(orders.get(d.orderId)!, d.deliveryCode!, codeMatches, now, `body.deliveries.${i}.deliveryCode`);
    if (!check.ok) {
      wrong.push(check.order);
      codeErrors.push(...(check.error.errors ?? []));
    }
  });
  if (!wrong.length && !wrongParcels.length) return undefined;
  return { wrongCodes: wrong, wrongParcels, error: new RuleError('wrong-delivery-code', msg('wrong-delivery-code.stop'), codeErrors) };
}

/** Hands over, fails and finishes what the stop recorded: the orders, tasks, entries and statement counters to write. */
function settleStop({
  run,
  stopId,
  deliveries,
  taskRecords,
  parcelRecords = [],
  orders,
  tasks,
  parcels,
  parcelFeeEntryId,
  firstServedThisMonth,
  now,
}: StopRecording): StopCompletion {
  const changed: Order[] = [];
  const entries: Entry[] = [];
  const statements: (StatementDelta | undefined)[] = [];
  const servedNow = new Set<string>();
  deliveries.forEach((d, i) => {
    const order = orders.get(d.orderId)!;
    if (d.outcome === 'FAILED') {
      changed.push(failDelivery(order, d.reason!, now));
      return;
    }
    const first = firstServedThisMonth(order.villagerId) && !servedNow.has(order.villagerId);
    servedNow.add(order.villagerId);
    const t = handOver(order, {
      how: 'DELIVERED',
      cashCollectedFen: d.cashCollectedFen ?? 0,
      firstThisMonth: first,
      now,
      cashPath: `body.deliveries.${i}.cashCollectedFen`,
    });
    changed.push(t.order);
    if (t.entry) entries.push(t.entry);
    statements.push(t.statement);
  });
  const changedParcels: Parcel[] = [];
  parcelRecords.forEach((r) => {
    const parcel = parcels!.get(r.parcelId)!;
    // Picked up at the counter meanwhile: nothing left to bring back.
    if (r.outcome === 'FAILED' && parcel.status !== 'AT_STATION') return;
    if (r.outcome === 'FAILED') {
      // Back on the shelf, off the run: the next run takes it again, or the villager picks it up.
      const { runId: _run, ...rest } = parcel;
      changedParcels.push({ ...rest, version: parcel.version + 1, updatedAt: now.toISOString() });
      return;
    }
    const h = handOverParcel(parcel, 'CODE', parcelFeeEntryId!(parcel.parcelId), now, 'DOOR');
    changedParcels.push(h.parcel);
    if (h.entry) entries.push(h.entry);
    statements.push(h.statement);
  });
  const finished = taskRecords.map((r) => finishTask(tasks.get(r.taskId)!, r, now));
  const delivered = deliveries.filter((d) => d.outcome === 'DELIVERED');
  const outcome: StopOutcome = {
    delivered: delivered.map((d) => d.orderId),
    failed: deliveries.filter((d) => d.outcome === 'FAILED').map((d) => ({ orderId: d.orderId, reason: d.reason! })),
    ...(parcelRecords.length
      ? {
          parcelsHandedOver: parcelRecords.filter((r) => r.outcome === 'DELIVERED').map((r) => r.parcelId),
          parcelsFailed: parcelRecords.filter((r) => r.outcome === 'FAILED').map((r) => ({ parcelId: r.parcelId, reason: r.reason! })),
        }
      : {}),
    cashCollectedFen: delivered.reduce((n, d) => n + (d.cashCollectedFen ?? 0), 0),
    tasksDone: taskRecords.filter((t) => t.done).map((t) => t.taskId),
    tasksNotDone: taskRecords.filter((t) => !t.done).map((t) => t.taskId),
    collectedKg: finished.reduce((n, t) => n + (t.outcome?.done ? (t.outcome.collectedKg ?? 0) : 0), 0),
    ...(finished.some((t) => t.weighTickets?.length) ? { weighTickets: finished.flatMap((t) => t.weighTickets ?? []) } : {}),
    completedAt: now.toISOString(),
  };
  const trips = run.trips.map((t) => ({ ...t, stops: t.stops.map((s) => (s.stopId === stopId ? { ...s, status: 'DONE' as const, outcome } : s)) }));
  const allDone = trips.every((t) => t.stops.every((s) => s.status === 'DONE'));
  return {
    run: touched(run, now, { trips, summary: summarise(trips), ...(allDone ? { status: 'COMPLETED' as const, completedAt: now.toISOString() } : {}) }),
    orders: changed,
    tasks: finished,
    parcels: changedParcels,
    entries,
    statement: sumDeltas(statements),
  };
}
