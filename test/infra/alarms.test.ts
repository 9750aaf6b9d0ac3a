import { Match } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import {
  API_5XX_RATE_THRESHOLD_PERCENT,
  FUNCTION_FAILURES_THRESHOLD,
  SEARCH_P99_THRESHOLD_MS,
} from '../../infra/constructs/alarms.ts';
import { loadRegionRegistry } from '../../infra/region-registry.ts';
import { SEARCH_ROUTE_NAME } from '../../infra/stacks/portal-stack.ts';
import { logicalId, synthesize, TEST_ROUTES } from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

const { portal, templates } = synthesize({ routes: TEST_ROUTES });
const template = templates.portal;
const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
const topicId = logicalId(portal, portal.alarms.topic);

interface MetricDataQuery {
  Expression?: string;
  MetricStat?: { Metric: { MetricName: string } };
}
/** The metric names a math-expression alarm reads. */
const metricNames = (alarm: { Metrics: MetricDataQuery[] }): string[] =>
  alarm.Metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));

describe('alarms', () => {
  it('alarm on the API 5xx rate, computed from 5xx and request counts', () => {
    const alarm = alarms.find((a) => JSON.stringify(a.Metrics ?? []).includes('5xx'))!;
    expect(alarm.Threshold).toBe(API_5XX_RATE_THRESHOLD_PERCENT);
    const expression = alarm.Metrics.find((m: { Expression?: string }) => m.Expression).Expression;
    expect(expression).toBe('IF(requests > 0, 100 * errors / requests, 0)');
    expect(metricNames(alarm).sort()).toEqual(['5xx', 'Count']);
  });

  it('alarm on the search function duration p99 when ROUTES has Search', () => {
    const searchFn = logicalId(portal, portal.api.functions.get(SEARCH_ROUTE_NAME)!.fn);
    const alarm = alarms.find((a) => a.MetricName === 'Duration')!;
    expect(alarm).toMatchObject({
      Namespace: 'AWS/Lambda',
      ExtendedStatistic: 'p99',
      Threshold: SEARCH_P99_THRESHOLD_MS,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: searchFn } }],
    });
  });

  it('has no search alarm when there is no Search route', () => {
    const withoutSearch = ROUTES.filter((r) => r.name !== SEARCH_ROUTE_NAME);
    const { templates: other } = synthesize({ routes: withoutSearch });
    const durationAlarms = Object.values(other.portal.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.MetricName === 'Duration',
    );
    expect(durationAlarms).toEqual([]);
  });

  it('alarm on DynamoDB throttles of every store table (reads and writes)', () => {
    const throttleAlarms = alarms.filter((a) => JSON.stringify(a.Metrics ?? []).includes('ThrottleEvents'));
    expect(throttleAlarms).toHaveLength(loadRegionRegistry().length + 1);
    for (const alarm of throttleAlarms) {
      expect(metricNames(alarm).sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    }
  });

  it('alarm on errors plus throttles of every function: each shared route, each region, the reminders', () => {
    const failureAlarms = alarms.filter((a) => JSON.stringify(a.Metrics ?? []).includes('"Throttles"'));
    const functions = [
      ...[...portal.api.functions.values()].map((f) => f.fn),
      ...[...portal.api.regionAdmins.values()].map((a) => a.fn),
      portal.reminders.fn,
    ];
    expect(portal.api.regionAdmins.size).toBe(loadRegionRegistry().length);
    expect(failureAlarms).toHaveLength(functions.length);
    const watched = failureAlarms.map((alarm) => {
      expect(metricNames(alarm).sort()).toEqual(['Errors', 'Throttles']);
      expect(alarm.Metrics.find((m: MetricDataQuery) => m.Expression).Expression).toBe(
        'FILL(errors, 0) + FILL(throttles, 0)',
      );
      expect(alarm).toMatchObject({
        Threshold: FUNCTION_FAILURES_THRESHOLD,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
      });
      const dimensions = alarm.Metrics.filter((m: MetricDataQuery) => m.MetricStat).map(
        (m: { MetricStat: { Metric: { Dimensions: { Name: string; Value: unknown }[] } } }) =>
          JSON.stringify(m.MetricStat.Metric.Dimensions),
      );
      expect(new Set(dimensions).size).toBe(1);
      return JSON.parse(dimensions[0]!)[0].Value;
    });
    // Each function watched once, by its name (a region's function through its nested stack's output).
    expect(watched.map((v) => JSON.stringify(v)).sort()).toEqual(
      functions.map((fn) => JSON.stringify(portal.resolve(fn.functionName))).sort(),
    );
  });

  it('every alarm notifies the alarm topic and treats missing data as fine', () => {
    expect(alarms.length).toBeGreaterThanOrEqual(3);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
  });

  it('the topic refuses plain-HTTP publishing and is encrypted with a rotating key CloudWatch may use', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const topic = template.findResources('AWS::SNS::Topic')[topicId]!;
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const keyPolicy = JSON.stringify(
      Object.values(template.findResources('AWS::KMS::Key'))[0]!.Properties.KeyPolicy,
    );
    expect(keyPolicy).toContain('cloudwatch.amazonaws.com');
  });
});
