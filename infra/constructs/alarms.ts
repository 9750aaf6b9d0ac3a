/**
 * Alarms that say the portal is failing its users: the API answering 5xx, search getting slow,
 * DynamoDB throttling a store, and a function failing (crashing, timing out) or being throttled. Every alarm notifies one SNS topic (SSL-only, encrypted with a key
 * CloudWatch may use; subscribe on-call addresses with the `insats:alarmEmail` context value).
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

const PERIOD = Duration.minutes(5);
/** Percentage of API requests answered 5xx in a 5-minute period. */
export const API_5XX_RATE_THRESHOLD_PERCENT = 5;
/** p99 of the search function's duration; a newcomer on a phone should get answers within ~2 s. */
export const SEARCH_P99_THRESHOLD_MS = 1_500;
/** On-demand tables throttle only on a hot partition or an account limit: any throttle is news. */
export const THROTTLE_EVENTS_THRESHOLD = 1;
/**
 * Lambda errors plus throttles of one function in a 5-minute period. The HTTP handlers turn every
 * error they catch into a 4xx/5xx answer, so a Lambda error is a crash, a timeout or running out of
 * memory (a publish cut off mid-way), and a throttle is a request refused for want of concurrency:
 * one of either is news.
 */
export const FUNCTION_FAILURES_THRESHOLD = 1;

export interface AlarmsProps {
  httpApi: HttpApi;
  /** The search function, when ROUTES has one. */
  searchFunction?: IFunction;
  /** The store tables, each with a stable id (the region id, or `registry`). */
  tables: readonly { id: string; table: ITable }[];
  /** The functions to watch for errors and throttles, each with a stable id (route name, region…). */
  functions?: readonly { id: string; fn: IFunction }[];
  alarmEmail?: string;
}

export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the Insatsportalen alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch alarms cannot publish to a topic under the AWS-managed aws/sns key; this key lets them.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Insatsportalen alarms',
      enforceSSL: true,
      masterKey: key,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const requests = props.httpApi.metricCount({ statistic: 'Sum', period: PERIOD });
    const serverErrors = props.httpApi.metricServerError({ statistic: 'Sum', period: PERIOD });
    this.add('Api5xxRate', {
      metric: new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: { requests, errors: serverErrors },
        period: PERIOD,
        label: 'API 5xx rate (%)',
      }),
      threshold: API_5XX_RATE_THRESHOLD_PERCENT,
      description: `More than ${API_5XX_RATE_THRESHOLD_PERCENT} % of API requests answered 5xx in 2 of 3 periods of 5 minutes.`,
    });

    if (props.searchFunction) {
      this.add('SearchDurationP99', {
        metric: props.searchFunction.metricDuration({ statistic: 'p99', period: PERIOD }),
        threshold: SEARCH_P99_THRESHOLD_MS,
        description: `Search p99 duration above ${SEARCH_P99_THRESHOLD_MS} ms in 2 of 3 periods of 5 minutes.`,
      });
    }

    for (const { id: tableId, table } of props.tables) {
      const events = (name: string): Metric =>
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName: name,
          dimensionsMap: { TableName: table.tableName },
          statistic: 'Sum',
          period: PERIOD,
        });
      this.add(`Throttles-${tableId}`, {
        metric: new MathExpression({
          expression: 'FILL(reads, 0) + FILL(writes, 0)',
          usingMetrics: { reads: events('ReadThrottleEvents'), writes: events('WriteThrottleEvents') },
          period: PERIOD,
          label: 'Throttle events',
        }),
        threshold: THROTTLE_EVENTS_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        description: `DynamoDB throttled reads or writes on the ${tableId} store.`,
      });
    }

    for (const { id: fnId, fn } of props.functions ?? []) {
      this.add(`FunctionFailures-${fnId}`, {
        metric: new MathExpression({
          expression: 'FILL(errors, 0) + FILL(throttles, 0)',
          usingMetrics: {
            errors: fn.metricErrors({ statistic: 'Sum', period: PERIOD }),
            throttles: fn.metricThrottles({ statistic: 'Sum', period: PERIOD }),
          },
          period: PERIOD,
          label: 'Lambda errors + throttles',
        }),
        threshold: FUNCTION_FAILURES_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        description: `The ${fnId} function crashed, timed out or was throttled in the last 5 minutes.`,
      });
    }
  }

  private add(
    id: string,
    options: {
      metric: IMetric;
      threshold: number;
      description: string;
      evaluationPeriods?: number;
      datapointsToAlarm?: number;
      comparisonOperator?: ComparisonOperator;
    },
  ): void {
    const alarm = new Alarm(this, id, {
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 3,
      datapointsToAlarm: options.datapointsToAlarm ?? 2,
      comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
