import { jobEvent, jobNames, jobs, type JobName } from '#functions/jobs.ts';
import { handlerFor, lambdaContext } from './handlers.ts';

/** A local timer: a job every so often, or daily at its Asia/Shanghai time. */
export type LocalTimer = { job: JobName; everyMs: number } | { job: JobName; dailyAt: { hour: number; minute: number } };

/**
 * The local server's timers, from the one jobs registry (functions/jobs.ts), as
 * EventBridge Scheduler runs them in AWS: each job as often as its local
 * setting says (`overrides`, then the job's `localEverySeconds`), else on its
 * schedule. An override of 0 turns the job's timer off.
 */
export function localTimers(overrides: Partial<Record<JobName, number>> = {}): LocalTimer[] {
  return jobNames.flatMap((job): LocalTimer[] => {
    const spec = jobs[job];
    const override = overrides[job];
    if (override !== undefined) return override > 0 ? [{ job, everyMs: override }] : [];
    if ('localEverySeconds' in spec) return [{ job, everyMs: spec.localEverySeconds * 1000 }];
    const { schedule } = spec as { schedule: { everyMinutes: number } | { dailyAt: { hour: number; minute: number } } };
    return 'everyMinutes' in schedule ? [{ job, everyMs: schedule.everyMinutes * 60_000 }] : [{ job, dailyAt: schedule.dailyAt }];
  });
}

const running = new Map<JobName, Promise<unknown>>();

/** Runs a job once, by the very handler Lambda runs, with the event its schedule sends (one run of a job at a time, as a schedule with a long enough rate). */
export function runJob(job: JobName): Promise<unknown> {
  let run = running.get(job);
  if (!run) {
    run = (async () => {
      try {
        const handler = (await handlerFor(jobs[job].fn)) as unknown as (event: unknown, context: unknown) => Promise<unknown>;
        return await handler(jobEvent(job), lambdaContext(jobs[job].fn, `job-${job}-${Date.now()}`));
      } finally {
        running.delete(job);
      }
    })();
    running.set(job, run);
  }
  return run;
}

/** Milliseconds from `now` to the next hh:mm in Asia/Shanghai (UTC+8 all year). */
export function msUntilShanghai(at: { hour: number; minute: number }, now = new Date()): number {
  const day = 86_400_000;
  const shanghaiNow = (now.getTime() + 8 * 3_600_000) % day;
  const target = (at.hour * 60 + at.minute) * 60_000;
  return (target - shanghaiNow + day) % day || day;
}

/** Starts the timers; returns what stops them. A run that fails is logged, and the next one tries again. */
export function startTimers(timers: readonly LocalTimer[]): () => void {
  const handles: NodeJS.Timeout[] = [];
  const run = (job: JobName) => void runJob(job).catch((error: unknown) => console.error(`job ${job}:`, error instanceof Error ? error.message : error));
  for (const timer of timers) {
    if ('everyMs' in timer) {
      handles.push(setInterval(() => run(timer.job), timer.everyMs).unref());
    } else {
      const daily = () => {
        run(timer.job);
        handles.push(setTimeout(daily, msUntilShanghai(timer.dailyAt)).unref());
      };
      handles.push(setTimeout(daily, msUntilShanghai(timer.dailyAt)).unref());
    }
  }
  return () => handles.forEach((h) => clearTimeout(h));
}
