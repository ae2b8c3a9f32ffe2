import { Duration, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function.ts';
import { auditGrant } from './table-grants.ts';

export interface MonitoringProps {
  table: ITable;
  api: HttpApi;
  functions: Record<string, IFunction>;
  stage: string;
  logRetention: RetentionDays;
}

const namespace = 'VillageStation';

/**
 * What wakes an operator: the nightly ledger audit (a discrepancy is one log
 * line `ledger-discrepancy`, counted by a metric filter), 5xx answers, function
 * errors and throttles, DynamoDB throttling. Every alarm goes to one SNS topic
 * that operators subscribe to (e-mail, SMS, a chat hook).
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly audit: ApiFunction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', {
      displayName: `Village station alarms (${props.stage})`,
      enforceSSL: true,
      masterKey: new Key(this, 'AlarmsKey', { enableKeyRotation: true, description: 'Encrypts the alarm topic' }),
    });
    const notify = new SnsAction(this.topic);
    const alarm = (name: string, metric: IMetric, threshold: number, description: string) =>
      new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(notify);

    // The nightly audit: 02:30 in Shanghai (18:30 UTC), when stations are closed.
    this.audit = new ApiFunction(this, 'Audit', { fn: 'audit', table: props.table, grant: auditGrant, stage: props.stage, logRetention: props.logRetention });
    new Schedule(this, 'NightlyAudit', {
      schedule: ScheduleExpression.cron({ hour: '18', minute: '30' }),
      target: new LambdaInvoke(this.audit.function, { retryAttempts: 2 }),
      description: 'Re-folds every station journal and checks the ledger invariants',
    });
    // The target's role is made by the Scheduler targets library at stack level.
    Validations.of(Stack.of(this)).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.audit.function.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason: "EventBridge Scheduler's role may invoke the audit function and its versions (ARN:*), that one function only.",
    });
    new MetricFilter(this, 'Discrepancies', {
      logGroup: this.audit.logGroup,
      filterPattern: FilterPattern.stringValue('$.message.event', '=', 'ledger-discrepancy'),
      metricNamespace: namespace,
      metricName: 'LedgerDiscrepancies',
      metricValue: '1',
      defaultValue: 0,
    });
    alarm(
      'LedgerDiscrepancy',
      new Metric({ namespace, metricName: 'LedgerDiscrepancies', statistic: 'Sum', period: Duration.days(1) }),
      1,
      'The nightly audit found a ledger that does not add up: see the audit function log for the station and entry ids.',
    );
    alarm('AuditFailed', this.audit.function.metricErrors({ period: Duration.days(1) }), 1, 'The nightly ledger audit did not finish.');

    alarm(
      'Api5xx',
      props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      5,
      'The API answered five or more 5xx in five minutes: the database may be down or a function failing.',
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`Errors-${name}`, fn.metricErrors({ period: Duration.minutes(5) }), 1, `The ${name} function failed (an unhandled error or a timeout).`);
      alarm(`Throttles-${name}`, fn.metricThrottles({ period: Duration.minutes(5) }), 1, `The ${name} function was throttled: it ran out of concurrency.`);
    }
    alarm(
      'TableThrottles',
      props.table.metricThrottledRequestsForOperations({
        // The operations the functions call (CloudWatch allows at most ten metrics in one alarm).
        operations: [Operation.GET_ITEM, Operation.BATCH_GET_ITEM, Operation.QUERY, Operation.PUT_ITEM, Operation.UPDATE_ITEM, Operation.TRANSACT_WRITE_ITEMS],
        period: Duration.minutes(5),
      }),
      1,
      'DynamoDB throttled requests to the table.',
    );
  }
}
