import type { FunctionName } from './registry.ts';

/**
 * When a job runs: every few minutes, or once a day at a time in Asia/Shanghai
 * (where the stations are: the audit runs when they are closed).
 */
export type Schedule = { everyMinutes: number } | { dailyAt: { hour: number; minute: number } };

export interface Job {
  /** The function that runs it, invoked with `{ job: <name> }` (its index.ts hands the event to `withJobs`). */
  fn: FunctionName;
  schedule: Schedule;
  /** Locally, how often `npm start` runs it instead (a daily job runs at its Shanghai time when unset). */
  localEverySeconds?: number;
  /** What it does, for the schedule's description in AWS and `npm run job`'s list. */
  description: string;
}

/**
 * Every scheduled job, one declaration each (docs/architecture.md "Jobs"). The
 * same list makes EventBridge Scheduler's schedules in AWS (infra/jobs.ts),
 * the local server's timers and `npm run job <name>`; each job runs with its
 * function's grants (infra/table-grants.ts), and tsc makes the function's
 * index.ts run every job that names it (`withJobs`).
 */
export const jobs = {
  'reconcile-bills': {
    fn: 'bills',
    schedule: { everyMinutes: 5 },
    localEverySeconds: 60,
    description: 'Settles pending bill payments with the gateway (docs/bill-gateway.md)',
  },
  'retry-messages': {
    fn: 'outbox',
    schedule: { everyMinutes: 1 },
    localEverySeconds: 5,
    description: 'Looks again at messages not yet sent for certain: an unknown outcome checked against the gateway, a limit passed',
  },
  'remind-parcels': {
    fn: 'parcels',
    schedule: { everyMinutes: 15 },
    localEverySeconds: 60,
    description: 'Sends the day-3 reminder for parcels still on the shelf (once each)',
  },
  'remind-tabs': {
    fn: 'tabs',
    schedule: { dailyAt: { hour: 9, minute: 0 } },
    localEverySeconds: 300,
    description: "Reminds villagers by SMS of their tab's due dates: 7 days before, on the day, 7 and 30 days after (once each)",
  },
  audit: {
    fn: 'audit',
    schedule: { dailyAt: { hour: 2, minute: 30 } },
    description: 'Re-folds every station journal and checks the ledger invariants',
  },
} as const satisfies Record<string, Job>;

export type JobName = keyof typeof jobs;
export const jobNames = Object.keys(jobs) as JobName[];

/** The event a schedule sends. */
export const jobEvent = (name: JobName) => ({ job: name });

/** The jobs that run in function `fn`. */
export type JobsOf<F extends FunctionName> = { [J in JobName]: (typeof jobs)[J]['fn'] extends F ? J : never }[JobName];

/**
 * A function's handler that also runs its jobs: a scheduled event `{ job }`
 * goes to the job's runner, anything else to `other` (the HTTP API's handler).
 */
export function withJobs<const F extends FunctionName, E, C, R>(
  _fn: F,
  runners: Record<JobsOf<F>, () => Promise<unknown>>,
  other: (event: E, context: C) => Promise<R>,
): (event: E | { job: string }, context: C) => Promise<R | unknown> {
  return (event, context) => {
    const job = (event as { job?: unknown } | null)?.job;
    if (typeof job === 'string' && Object.hasOwn(runners, job)) return runners[job as JobsOf<F>]();
    return other(event as E, context);
  };
}
