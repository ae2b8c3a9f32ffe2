import { ConflictError, RuleError, fieldError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { msg } from '#shared/i18n/messages.ts';

/** What the partner does at a village on a run besides delivering: the kinds grow as the product does. */
export const taskKinds = ['PRODUCE', 'RETURN', 'INSTALLATION', 'OTHER'] as const;
export type TaskKind = (typeof taskKinds)[number];
export const taskStatuses = ['OPEN', 'PLANNED', 'DONE', 'NOT_DONE'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export interface Task {
  taskId: string;
  stationId: string;
  villageId: string;
  /** The local date it is booked for. */
  date: string;
  kind: TaskKind;
  villagerId?: string;
  note?: string;
  /** What it adds to the tricycle's load (produce, a returned appliance). */
  weightKg: number;
  status: TaskStatus;
  runId?: string;
  outcome?: { done: boolean; collectedKg?: number; note?: string; at: string };
  /** Weigh tickets written at its stop (a PRODUCE pick-up on a run), and their net weight: what the tricycle carries back. */
  weighTickets?: string[];
  weighedGrams?: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface NewTask {
  villageId: string;
  date: string;
  kind: TaskKind;
  villagerId?: string | undefined;
  note?: string | undefined;
  weightKg: number;
}

export function bookTask(stationId: string, input: NewTask, now: Date): Task {
  const at = now.toISOString();
  return {
    taskId: newId('task', now.getTime()),
    stationId,
    villageId: input.villageId,
    date: input.date,
    kind: input.kind,
    ...(input.villagerId ? { villagerId: input.villagerId } : {}),
    ...(input.note ? { note: input.note } : {}),
    weightKg: input.weightKg,
    status: 'OPEN',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * A weigh ticket written at a PRODUCE pick-up's stop: only while the task is on
 * a run and not yet recorded, and only for a villager of the task's village.
 */
export function weighedAtStop(task: Task | undefined, villageId: string, ticket: { ticketId: string; netGrams: number }, now: Date): Task {
  const refuse = () => new RuleError('not-a-produce-stop', msg('not-a-produce-stop'), [fieldError('body.taskId', 'field.notAProduceStop')]);
  if (!task || task.kind !== 'PRODUCE' || task.status !== 'PLANNED' || task.villageId !== villageId) throw refuse();
  return touched(task, now, { weighTickets: [...(task.weighTickets ?? []), ticket.ticketId], weighedGrams: (task.weighedGrams ?? 0) + ticket.netGrams });
}

const touched = (task: Task, now: Date, changes: Partial<Task>): Task => ({ ...task, ...changes, updatedAt: now.toISOString(), version: task.version + 1 });

export function planTask(task: Task, runId: string, now: Date): Task {
  if (task.status !== 'OPEN') throw new ConflictError('wrong-status', msg('wrong-status', { what: 'task', status: task.status, doing: 'change' }));
  return touched(task, now, { status: 'PLANNED', runId });
}

/** The weight collected: as the partner recorded it, else what the weigh tickets of the stop say. */
export const collectedKgOf = (task: Task, recorded: number | undefined) => recorded ?? (task.weighedGrams ? task.weighedGrams / 1000 : undefined);

export function finishTask(task: Task, outcome: { done: boolean; collectedKg?: number | undefined; note?: string | undefined }, now: Date): Task {
  if (task.status !== 'PLANNED') throw new ConflictError('wrong-status', msg('wrong-status', { what: 'task', status: task.status, doing: 'change' }));
  const collectedKg = outcome.done ? collectedKgOf(task, outcome.collectedKg) : outcome.collectedKg;
  return touched(task, now, {
    status: outcome.done ? 'DONE' : 'NOT_DONE',
    outcome: {
      done: outcome.done,
      ...(collectedKg !== undefined ? { collectedKg } : {}),
      ...(outcome.note ? { note: outcome.note } : {}),
      at: now.toISOString(),
    },
  });
}
