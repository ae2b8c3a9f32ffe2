import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule as RuleSchedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as RuleTarget } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput, type IScheduleTarget } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { jobEvent, jobNames, jobs, type JobName, type Schedule as JobSchedule } from '#functions/jobs.ts';
import type { FunctionName } from '#functions/registry.ts';

/** How the schedules are made: EventBridge Scheduler, or EventBridge rules where a region lacks it (context `schedules=rules`). */
export type Scheduler = 'scheduler' | 'rules';

export interface JobsProps {
  functions: Readonly<Record<FunctionName, IFunction>>;
  scheduler: Scheduler;
}

/** A Scheduler expression: a rate, or a daily time in Asia/Shanghai. */
export const schedulerExpression = (schedule: JobSchedule): ScheduleExpression =>
  'everyMinutes' in schedule
    ? ScheduleExpression.rate(Duration.minutes(schedule.everyMinutes))
    : ScheduleExpression.cron({ hour: String(schedule.dailyAt.hour), minute: String(schedule.dailyAt.minute), timeZone: TimeZone.ASIA_SHANGHAI });

/** A rule's expression: rules know only UTC, and Shanghai is UTC+8 all year. */
export const ruleExpression = (schedule: JobSchedule): RuleSchedule =>
  'everyMinutes' in schedule
    ? RuleSchedule.rate(Duration.minutes(schedule.everyMinutes))
    : RuleSchedule.cron({ hour: String((schedule.dailyAt.hour + 24 - 8) % 24), minute: String(schedule.dailyAt.minute) });

/**
 * One schedule per job of the registry (functions/jobs.ts), invoking the job's
 * function with `{ job: <name> }`. A job that runs every few minutes is not
 * retried (the next run comes soon); a daily one is, twice.
 */
export class Jobs extends Construct {
  readonly schedules: Partial<Record<JobName, Construct>> = {};

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    for (const name of jobNames) {
      const job = jobs[name];
      const fn = props.functions[job.fn];
      const frequent = 'everyMinutes' in job.schedule;
      if (props.scheduler === 'rules') {
        this.schedules[name] = new Rule(this, `Rule-${name}`, {
          description: job.description,
          schedule: ruleExpression(job.schedule),
          targets: [new RuleTarget(fn, { event: RuleTargetInput.fromObject(jobEvent(name)), retryAttempts: frequent ? 0 : 2 })],
        });
      } else {
        this.schedules[name] = new Schedule(this, `Schedule-${name}`, {
          description: job.description,
          schedule: schedulerExpression(job.schedule),
          target: this.invoke(name, fn, frequent),
        });
      }
    }
  }

  /** The target: the function itself, with a role that may invoke exactly it (CDK's LambdaInvoke also grants every version, `<arn>:*`). */
  private invoke(name: JobName, fn: IFunction, frequent: boolean): IScheduleTarget {
    const role = new Role(this, `Role-${name}`, {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: `EventBridge Scheduler invokes ${fn.node.path} for the job ${name}`,
    });
    role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
    return {
      bind: () => ({
        arn: fn.functionArn,
        role,
        input: ScheduleTargetInput.fromObject(jobEvent(name)),
        retryPolicy: frequent ? { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 240 } : { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      }),
    };
  }
}
