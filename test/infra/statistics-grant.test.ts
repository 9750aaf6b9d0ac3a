/**
 * The statistics grants: the public search may add to the demand counters (UpdateItem on the national
 * table, on `DEMAND#…` partitions only) and stays read-only on every regional store; the newcomer upload
 * likewise (on the `NEWCOMERS` partition only); the coverage readers get no write at all. Every route
 * fits the HTTP API's 30-second limit.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../functions/routes.ts';
import { STORE_WRITE_ACTIONS } from '../../infra/constructs/bind-stores.ts';
import { logicalId, synthesize } from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

const { portal, stateful, templates } = synthesize({ routes: ROUTES });
const template = templates.portal;
const route = (name: string): Route => ROUTES.find((r) => r.name === name)!;

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

function statementsOf(name: string): Statement[] {
  const fn = portal.api.functions.get(name);
  if (!fn) throw new Error(`no function for ${name}`);
  const roleId = logicalId(portal, fn.fn.role!);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const registryArn = () => portal.resolve(stateful.stores.registryTable.tableArn);
const regionArns = () => stateful.stores.regionTables.map((t) => portal.resolve(t.table.tableArn));

describe('statistics: UpdateItem on the national table only, on their own partitions', () => {
  it.each([
    ['Search', 'demand', 'DemandCounters', 'DEMAND#*'],
    ['UploadNewcomers', 'newcomers', 'NewcomerFigures', 'NEWCOMERS'],
  ])(
    '%s may UpdateItem the registry table, only where the partition key is like %s',
    (name, national, sid, key) => {
      expect(route(name).national).toBe(national);
      const statistics = statementsOf(name).filter((s) => s.Sid === sid);
      expect(statistics).toHaveLength(1);
      expect(statistics[0]).toMatchObject({ Effect: 'Allow' });
      expect(actionsOf(statistics[0]!)).toEqual(['dynamodb:UpdateItem']);
      expect(resourcesOf(statistics[0]!)).toEqual([registryArn()]);
      expect(statistics[0]!.Condition).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [key] },
      });
    },
  );

  it.each(['Search', 'UploadNewcomers'])('%s still cannot write, delete or scan any region table', (name) => {
    expect(route(name).stores).toBe('read');
    const regions = regionArns().map((arn) => JSON.stringify(arn));
    expect(regions.length).toBeGreaterThan(0);
    for (const arn of regions) expect(arn).toMatch(/^[{"]/);
    // The read statement does cover the region tables (the comparison below is not vacuous).
    const reads = statementsOf(name).find((s) => s.Sid === 'StoresRead')!;
    expect(resourcesOf(reads).map((r) => JSON.stringify(r))).toEqual(expect.arrayContaining(regions));
    for (const statement of statementsOf(name)) {
      const writes = actionsOf(statement).filter(
        (a) => STORE_WRITE_ACTIONS.includes(a) || a === 'dynamodb:Scan' || a.includes('*'),
      );
      if (writes.length === 0) continue;
      for (const resource of resourcesOf(statement)) {
        expect(regions, `${name}: ${writes.join(', ')} on ${JSON.stringify(resource)}`).not.toContain(
          JSON.stringify(resource),
        );
        expect(JSON.stringify(resource)).not.toContain('*');
      }
      expect(writes).toEqual(['dynamodb:UpdateItem']);
    }
  });

  it.each(['GetCoverage', 'GetDemand'])('%s only reads', (name) => {
    const actions = statementsOf(name).flatMap(actionsOf);
    for (const write of [...STORE_WRITE_ACTIONS, 'dynamodb:Scan']) expect(actions).not.toContain(write);
  });

  it('the newcomer upload sits behind the JWT authorizer; coverage and demand are public', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const byKey = (key: string) => routes.find((r) => r.RouteKey === key)!;
    expect(byKey('POST /api/coverage/newcomers').AuthorizationType).toBe('JWT');
    expect(byKey('GET /api/coverage').AuthorizationType ?? 'NONE').toBe('NONE');
    expect(byKey('GET /api/coverage/demand').AuthorizationType ?? 'NONE').toBe('NONE');
  });
});

describe('timeouts', () => {
  it('every route gives up before the HTTP API does (≤ 29 s)', () => {
    for (const r of ROUTES) expect(r.timeoutSeconds ?? 10, r.name).toBeLessThanOrEqual(29);
  });
});
