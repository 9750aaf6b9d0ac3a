/**
 * The review reminders in the CDK stack: a daily EventBridge rule, a function that reads the regional
 * stores and writes only the national table, and an SES send permission scoped to the sender identity
 * (a stack parameter whose default comes from the context). Also the exchange's national-write grants.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import { STORE_READ_ACTIONS, STORE_WRITE_ACTIONS } from '../../infra/constructs/bind-stores.ts';
import { REMINDER_SENDER_CONTEXT, REMINDER_SENDER_PARAMETER } from '../../infra/constructs/reminders.ts';
import { FEATURE_FLAGS } from '../../infra/feature-flags.ts';
import { createInsatsStacks } from '../../infra/insats-app.ts';
import { httpRoutesByKey, logicalId, routeKeysOf, synthesize } from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

const synthesized = synthesize({ routes: ROUTES });
const { portal, stateful, templates } = synthesized;
const template = templates.portal;
const registryArn = () => portal.resolve(stateful.stores.registryTable.tableArn);
const regionArns = () => stateful.stores.regionTables.map((t) => portal.resolve(t.table.tableArn));
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

function statementsOfRole(roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const reminderStatements = () => statementsOfRole(logicalId(portal, portal.reminders.fn.role!));
const fnId = () => logicalId(portal, portal.reminders.fn);

describe('the daily reminder function', () => {
  it('runs daily at 05:00 UTC from an EventBridge rule, enabled only when a sender is given', () => {
    const rules = template.findResources('AWS::Events::Rule');
    const [rule] = Object.values(rules);
    expect(Object.keys(rules)).toHaveLength(1);
    expect(rule!.Properties.ScheduleExpression).toBe('cron(0 5 * * ? *)');
    expect(rule!.Properties.State).toEqual({ 'Fn::If': [expect.any(String), 'ENABLED', 'DISABLED'] });
    expect(rule!.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [fnId(), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
      }),
    ]);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [fnId(), 'Arn'] },
    });
  });

  it('the sender identity is the stack parameter ReminderSender (empty by default: reminders off)', () => {
    template.hasParameter(REMINDER_SENDER_PARAMETER, { Type: 'String', Default: '' });
    const fn = template.findResources('AWS::Lambda::Function')[fnId()]!;
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 300 });
    expect(fn.Properties.Environment.Variables).toMatchObject({
      REMINDER_SENDER: { Ref: REMINDER_SENDER_PARAMETER },
      INSATS_STAGE: 'production',
      PORTAL_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.any(String), 'DomainName'] }]] },
    });
  });

  it('may send e-mail through SES only as the sender identity', () => {
    const ses = reminderStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!)).toEqual(['ses:SendEmail']);
    expect(ses[0]!.Condition).toEqual({
      StringEquals: { 'ses:FromAddress': { Ref: REMINDER_SENDER_PARAMETER } },
    });
    const resources = resourcesOf(ses[0]!).map((r) => JSON.stringify(r));
    expect(resources).toHaveLength(2);
    for (const resource of resources) {
      expect(resource).toContain(':identity/');
      expect(resource).not.toMatch(/identity\/\*|"\*"/);
    }
    expect(resources[0]).toContain(`{"Ref":"${REMINDER_SENDER_PARAMETER}"}`);
  });

  it('reads every regional store and writes only its markers in the national table (never Scan, never a region write)', () => {
    const statements = reminderStatements();
    const read = statements.find((s) => s.Sid === 'StoresRead')!;
    expect(actionsOf(read).sort()).toEqual([...STORE_READ_ACTIONS].sort());
    const writes = statements.filter((s) => actionsOf(s).some((a) => STORE_WRITE_ACTIONS.includes(a)));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ Sid: 'ReminderMarkers', Effect: 'Allow' });
    expect(actionsOf(writes[0]!).sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(resourcesOf(writes[0]!)).toEqual([registryArn()]);
    expect(writes[0]!.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REMINDER#*'] },
    });
    const regions = regionArns().map((a) => JSON.stringify(a));
    for (const statement of statements) {
      const writes = actionsOf(statement).filter(
        (a) => STORE_WRITE_ACTIONS.includes(a) || a === 'dynamodb:Scan',
      );
      if (writes.length === 0) continue;
      for (const resource of resourcesOf(statement)) expect(regions).not.toContain(JSON.stringify(resource));
    }
  });

  it('the context value insats:reminderSender becomes the parameter default', () => {
    const app = new App({
      context: {
        ...FEATURE_FLAGS,
        'aws:cdk:bundling-stacks': [],
        [REMINDER_SENDER_CONTEXT]: 'granskning@insatsportalen.se',
      },
      stackTraces: false,
      builtinCloudFormationValidation: false,
    });
    const stacks = createInsatsStacks(app, { siteDistPath: path.join(tmpdir(), 'insats-no-site-dist') });
    Template.fromStack(stacks.portal).hasParameter(REMINDER_SENDER_PARAMETER, {
      Default: 'granskning@insatsportalen.se',
      AllowedPattern: Match.stringLikeRegexp('@'),
    });
  });
});

describe('the exchange: national write without regional write', () => {
  it('asking for places writes only the request, its listing index items and the counters in the national table', () => {
    const route = ROUTES.find((r) => r.name === 'CreateExchangeRequest')!;
    expect(route).toMatchObject({ stores: 'read', national: 'new-requests' });
    const fn = portal.api.functions.get(route.name)!;
    const statements = statementsOfRole(logicalId(portal, fn.fn.role!));
    const writes = statements.filter((s) => actionsOf(s).some((a) => STORE_WRITE_ACTIONS.includes(a)));
    const like = (keys: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keys } });
    expect(
      writes.map((s) => ({
        sid: s.Sid,
        actions: actionsOf(s),
        resources: resourcesOf(s),
        condition: s.Condition,
      })),
    ).toEqual([
      {
        sid: 'NationalRequestIndexes',
        actions: ['dynamodb:BatchWriteItem'],
        resources: [registryArn()],
        condition: like(['XREQS#*']),
      },
      {
        sid: 'NationalRequestCreate',
        actions: ['dynamodb:PutItem'],
        resources: [registryArn()],
        condition: like(['XREQ#*']),
      },
      {
        sid: 'NationalRequestCounters',
        actions: ['dynamodb:UpdateItem'],
        resources: [registryArn()],
        condition: like(['XSTATS']),
      },
    ]);
    const regions = regionArns().map((a) => JSON.stringify(a));
    for (const statement of writes) {
      for (const resource of resourcesOf(statement)) expect(regions).not.toContain(JSON.stringify(resource));
    }
  });

  it('every exchange and review route fits the HTTP API limit and sits behind the authorizer, but the stats', () => {
    const mine = ROUTES.filter((r) => /functions\/(exchange|review)\//.test(r.entry));
    expect(mine.length).toBe(13);
    for (const route of mine) expect(route.timeoutSeconds ?? 10).toBeLessThanOrEqual(29);
    // The regional admin routes (places, review owners, due list): one concrete route per region.
    const routes = httpRoutesByKey(synthesized);
    const regionIds = [...portal.api.regionAdmins.keys()];
    for (const route of mine) {
      for (const key of routeKeysOf(route, regionIds)) {
        const found = routes.get(key)!;
        expect(found.AuthorizationType ?? 'NONE', key).toBe(route.access === 'public' ? 'NONE' : 'JWT');
      }
    }
    expect(mine.filter((r) => r.access === 'public').map((r) => r.name)).toEqual(['GetExchangeStats']);
  });
});
