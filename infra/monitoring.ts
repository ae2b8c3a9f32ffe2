import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { ApiFunction } from './api-function.ts';

export interface MonitoringProps {
  table: ITable;
  api: HttpApi;
  /** Every function: each one's errors and throttles raise an alarm. */
  functions: Record<string, IFunction>;
  /** The nightly audit (functions/jobs.ts): a discrepancy it logs raises an alarm. */
  audit: ApiFunction;
  stage: string;
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
  /** Raises an alarm to the topic when `metric` reaches `threshold` in one period. */
  readonly alarm: (name: string, metric: IMetric, threshold: number, description: string) => void;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', {
      displayName: `Village station alarms (${props.stage})`,
      enforceSSL: true,
      masterKey: new Key(this, 'AlarmsKey', { enableKeyRotation: true, description: 'Encrypts the alarm topic' }),
    });
    const notify = new SnsAction(this.topic);
    const alarm = (this.alarm = (name: string, metric: IMetric, threshold: number, description: string) =>
      new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(notify));

    new MetricFilter(this, 'Discrepancies', {
      logGroup: props.audit.logGroup,
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
    alarm('AuditFailed', props.audit.function.metricErrors({ period: Duration.days(1) }), 1, 'The nightly ledger audit did not finish.');

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
