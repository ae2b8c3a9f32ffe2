import { Duration, Validations } from 'aws-cdk-lib';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { outboxStreamFilter } from '#store/outbox.ts';

export interface OutboxProps {
  /** The table, with its stream (NEW_IMAGE). */
  table: ITable;
  /** The outbox's consumer (functions/outbox). */
  consumer: IFunction;
  /** Raises an alarm to the operators' topic (infra/monitoring.ts). */
  alarm: (id: string, metric: IMetric, threshold: number, description: string) => void;
}

/** Times a batch is retried from its first failed record before that record goes to the dead letters. */
export const outboxRetryAttempts = 5;

/**
 * The outbox's consumer in AWS (docs/architecture.md "The outbox"): an event
 * source mapping on the table's stream, filtered to new outbox items, which
 * hands them to the consumer in batches, retries a batch from its first failed
 * record (partial batch failures) a bounded number of times, then sends that
 * record's place in the stream to an SQS queue, whose first message raises an
 * alarm. No queue carries the effects themselves: the table's stream does.
 */
export class Outbox extends Construct {
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: OutboxProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the outbox's dead-letter destination: it holds where in the stream a record was given up, for an operator to look at.",
    });
    props.consumer.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        reportBatchItemFailures: true,
        retryAttempts: outboxRetryAttempts,
        maxRecordAge: Duration.hours(6),
        onFailure: new SqsDlq(this.deadLetters),
        filters: [FilterCriteria.filter(outboxStreamFilter as unknown as Record<string, unknown>)],
      }),
    );
    // Reading the stream is granted on the stream's ARN; ListStreams alone has no resource to name.
    Validations.of(props.consumer.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "dynamodb:ListStreams has no resource-level scoping; the consumer's stream reads (DescribeStream, GetShardIterator, GetRecords) name the table's stream ARN.",
    });
    props.alarm(
      'OutboxDeadLetters',
      this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      1,
      "An outbox item's effect failed after every retry (an SMS not sent, for example): its place in the stream is in the outbox dead-letter queue; the consumer's log says why.",
    );
  }
}
