import { Match } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import type { Route } from '../../functions/routes.ts';
import { STORE_READ_ACTIONS } from '../../infra/constructs/bind-stores.ts';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from '../../infra/constructs/route-function.ts';
import { logicalId, sharedRoutes, synthesize, TEST_ROUTES } from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

const { portal, stateful, templates } = synthesize({ routes: TEST_ROUTES });
const template = templates.portal;
/**
 * The routes with a function of their own; the regional admin routes run in one function per region
 * (tenant-isolation.test.ts).
 */
const SHARED_ROUTES = sharedRoutes(TEST_ROUTES);

const functionOf = (route: Route) => {
  const routeFunction = portal.api.functions.get(route.name);
  if (!routeFunction) throw new Error(`no function for ${route.name}`);
  return routeFunction;
};

/** Every action granted to the function's role, over all its policies. */
function grantedActions(route: Route): string[] {
  const roleId = logicalId(portal, functionOf(route).fn.role!);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  return Object.values(policies).flatMap((p) =>
    p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) =>
      Array.isArray(s.Action) ? s.Action : [s.Action],
    ),
  );
}

function storesStatement(route: Route): { Action: string[]; Resource: unknown[] } {
  const roleId = logicalId(portal, functionOf(route).fn.role!);
  const policy = Object.values(
    template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) } }),
  )[0]!;
  return policy.Properties.PolicyDocument.Statement.find((s: { Sid?: string }) =>
    s.Sid?.startsWith('Stores'),
  );
}

const publicRoutes = SHARED_ROUTES.filter((r) => r.access === 'public');
const writeRoutes = SHARED_ROUTES.filter((r) => r.stores === 'write');

describe('one Lambda function per route (but the regional admin routes)', () => {
  it('creates exactly one function per shared entry of the routes, and one per region in its nested stack', () => {
    expect(SHARED_ROUTES.length).toBeLessThan(TEST_ROUTES.length);
    // …plus the one scheduled function, the daily review reminders (test/infra/reminders.test.ts).
    template.resourceCountIs('AWS::Lambda::Function', SHARED_ROUTES.length + 1);
    expect(templates.regions.size).toBe(stateful.stores.regionTables.length);
    for (const regional of templates.regions.values()) regional.resourceCountIs('AWS::Lambda::Function', 1);
  });

  it.each(SHARED_ROUTES.map((r) => [r.name, r] as const))(
    '%s runs Node 22 on arm64 with its memory, timeout, production stage and the registry table name',
    (_name, route) => {
      const fn = template.findResources('AWS::Lambda::Function')[logicalId(portal, functionOf(route).fn)]!;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: route.memoryMb ?? DEFAULT_MEMORY_MB,
        Timeout: route.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      });
      const env = fn.Properties.Environment.Variables;
      expect(env.INSATS_STAGE).toBe('production');
      expect(portal.resolve(env.REGISTRY_TABLE_NAME)).toEqual(
        portal.resolve(stateful.stores.registryTable.tableName),
      );
      expect(env).not.toHaveProperty('NODE_OPTIONS');
    },
  );

  it('gives every function its own log group with a retention, and no managed policy', () => {
    for (const route of SHARED_ROUTES) {
      const fnId = logicalId(portal, functionOf(route).fn);
      const logGroupId = logicalId(portal, functionOf(route).logGroup);
      template.hasResourceProperties('AWS::Lambda::Function', {
        LoggingConfig: { LogGroup: { Ref: logGroupId } },
      });
      expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(90);
      const role = template.findResources('AWS::IAM::Role')[logicalId(portal, functionOf(route).fn.role!)]!;
      expect(role.Properties.ManagedPolicyArns, fnId).toBeUndefined();
    }
  });
});

describe('least-privilege grants, bound where each function is created', () => {
  it('a public function may read the stores but never write, delete or scan', () => {
    expect(publicRoutes.length).toBeGreaterThan(0);
    // Routes that write the national table (the search's demand counters) are checked in
    // statistics-grant.test.ts and national-grants.test.ts.
    for (const route of publicRoutes.filter((r) => r.stores === 'read' && !r.national)) {
      const actions = grantedActions(route);
      expect(actions, route.name).toEqual(expect.arrayContaining([...STORE_READ_ACTIONS]));
      for (const forbidden of [
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
        'dynamodb:UpdateItem',
        'dynamodb:Scan',
      ]) {
        expect(actions, `${route.name} must not have ${forbidden}`).not.toContain(forbidden);
      }
      expect(
        actions.some((a) => a.includes('*')),
        route.name,
      ).toBe(false);
    }
  });

  it("no shared function writes the stores: the writers of a region table are that region's own function", () => {
    // The exchange decisions moved into the regional admin functions (tenant-isolation.test.ts): no
    // route served by a shared function has `stores: 'write'`, and none is granted a store write.
    expect(writeRoutes).toEqual([]);
    for (const route of SHARED_ROUTES) {
      const statement = storesStatement(route);
      expect(statement.Action.sort(), route.name).toEqual([...STORE_READ_ACTIONS].sort());
    }
  });

  it('no shared function may Scan, and none gets a wildcard DynamoDB action', () => {
    // The regional admin functions: tenant-isolation.test.ts.
    const actions = SHARED_ROUTES.flatMap(grantedActions);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a) => a.startsWith('dynamodb:') && a.includes('*'))).toEqual([]);
  });

  it('every shared function reads exactly the region tables and the registry (no index or table wildcard)', () => {
    const tableArns = stateful.stores.allTables.map((t) => portal.resolve(t.tableArn));
    for (const route of SHARED_ROUTES) {
      const resources = storesStatement(route).Resource;
      expect(resources, route.name).toEqual(expect.arrayContaining(tableArns));
      expect(resources, route.name).toHaveLength(tableArns.length);
    }
  });
});
