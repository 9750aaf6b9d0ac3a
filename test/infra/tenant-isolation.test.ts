/**
 * Tenant isolation in the CDK template (docs/reliability.md, "Tenant isolation in AWS"): the admin
 * routes of a region — the exchange decisions on requests included — run in that region's own
 * function, whose role reaches that region's table and the national table only (there: read, and
 * UpdateItem on the request records and counters by `dynamodb:LeadingKeys`). No other function writes
 * a region table. Every DynamoDB resource in a policy is resolved to the table it names (through the
 * stateful stack's outputs), so "no other region's table" is checked by table name, not by the
 * absence of a string.
 */
import { type NestedStack, type Stack, Stack as StackClass } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ADMIN_REGION_ENV,
  concreteRouteKey,
  regionalAdminRoutes,
} from '../../functions/admin/regional-routes.ts';
import { DECISION_LEADING_KEYS } from '../../functions/exchange/national-keys.ts';
import { ROUTES } from '../../functions/routes.ts';
import { STORE_READ_ACTIONS, STORE_WRITE_ACTIONS } from '../../infra/constructs/bind-stores.ts';
import { REGISTRY_TABLE_NAME } from '../../infra/constructs/regional-stores.ts';
import { loadRegionRegistry } from '../../infra/region-registry.ts';
import { httpRoutesByKey, logicalId, sharedRoutes, synthesize, TEST_ROUTES } from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

const regions = loadRegionRegistry();
const synthesized = synthesize({ routes: TEST_ROUTES });
const { portal, templates } = synthesized;
const REGIONAL = regionalAdminRoutes(TEST_ROUTES);
const WRITES = new Set(STORE_WRITE_ACTIONS);
/** The exchange decisions on a request: the seller's accept and decline, the buyer's withdraw. */
const DECISIONS = ['AcceptExchangeRequest', 'DeclineExchangeRequest', 'WithdrawExchangeRequest'];
/**
 * Functions outside the regional admin functions that may write a region table, and why. None: the
 * last ones, the exchange decisions, run in the regional functions now. Adding one here needs a reason
 * in docs/reliability.md ("Tenant isolation in AWS").
 */
const SHARED_REGION_WRITERS: readonly string[] = [];

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const isDynamo = (s: Statement) => actionsOf(s).some((a) => a.startsWith('dynamodb:'));

/**
 * The table a policy resource names: `Fn::GetStackOutput` of the stateful stack → its output →
 * `Fn::GetAtt [<table>, Arn]` → the table's TableName. Anything else (a literal ARN, a wildcard, an
 * index ARN) throws, so an unexpected resource fails the test instead of slipping past it.
 */
function tableNameOf(resource: unknown): string {
  const ref = (resource as { 'Fn::GetStackOutput'?: { StackName: string; OutputName: string } })[
    'Fn::GetStackOutput'
  ];
  if (!ref || ref.StackName !== synthesized.stateful.stackName) {
    throw new Error(`Not a stateful-stack table reference: ${JSON.stringify(resource)}`);
  }
  const outputs = templates.stateful.toJSON().Outputs as Record<string, { Value: unknown }>;
  const value = outputs[ref.OutputName]?.Value as { 'Fn::GetAtt'?: [string, string] } | undefined;
  const [tableId, attribute] = value?.['Fn::GetAtt'] ?? [];
  if (!tableId || attribute !== 'Arn') throw new Error(`Output ${ref.OutputName} is not a table ARN`);
  const table = templates.stateful.findResources('AWS::DynamoDB::Table')[tableId];
  if (!table) throw new Error(`Output ${ref.OutputName} names ${tableId}, not a table`);
  return table.Properties.TableName as string;
}

function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const adminOf = (regionId: string) => {
  const admin = portal.api.regionAdmins.get(regionId);
  if (!admin) throw new Error(`no admin function for region ${regionId}`);
  return admin;
};
const stackOf = (regionId: string): Stack => StackClass.of(adminOf(regionId));
const templateOf = (regionId: string): Template => templates.regions.get(regionId)!;
const adminStatements = (regionId: string): Statement[] =>
  statementsOfRole(templateOf(regionId), logicalId(stackOf(regionId), adminOf(regionId).fn.role!));

/** Table names a function's role may touch, split by what it may do there. */
function tableAccess(statements: Statement[]): { reads: string[]; writes: string[] } {
  const reads = new Set<string>();
  const writes = new Set<string>();
  for (const statement of statements.filter(isDynamo)) {
    expect(statement.Effect).toBe('Allow');
    const tables = resourcesOf(statement).map(tableNameOf);
    for (const table of tables) reads.add(table);
    if (actionsOf(statement).some((a) => WRITES.has(a))) for (const table of tables) writes.add(table);
  }
  return { reads: [...reads].sort(), writes: [...writes].sort() };
}

describe('one admin function per region, reaching that region only', () => {
  it('every configured region has exactly one admin function, told its region', () => {
    expect(regions.length).toBeGreaterThan(1);
    expect([...portal.api.regionAdmins.keys()].sort()).toEqual(regions.map((r) => r.id).sort());
    for (const region of regions) {
      const functions = Object.values(templateOf(region.id).findResources('AWS::Lambda::Function'));
      expect(functions).toHaveLength(1);
      expect(functions[0]!.Properties.Environment.Variables[ADMIN_REGION_ENV]).toBe(region.id);
    }
  });

  it.each(regions.map((r) => [r.id, r] as const))(
    '%s: its role writes its own table (and request records on the national one), and names no other table',
    (regionId, region) => {
      const { reads, writes } = tableAccess(adminStatements(regionId));
      expect(writes).toEqual([region.tableName, REGISTRY_TABLE_NAME].sort());
      expect(reads).toEqual([region.tableName, REGISTRY_TABLE_NAME].sort());
      for (const other of regions.filter((r) => r.id !== regionId)) {
        expect(reads, `${regionId} must not reach ${other.tableName}`).not.toContain(other.tableName);
      }
      // And by the ARN tokens the other tests compare with: no other region's table ARN anywhere in the policy.
      const policy = JSON.stringify(adminStatements(regionId));
      for (const other of synthesized.stateful.stores.regionTables.filter((t) => t.region.id !== regionId)) {
        expect(policy).not.toContain(JSON.stringify(stackOf(regionId).resolve(other.table.tableArn)));
      }
      expect(policy).toContain(
        JSON.stringify(
          stackOf(regionId).resolve(
            synthesized.stateful.stores.regionTables.find((t) => t.region.id === regionId)!.table.tableArn,
          ),
        ),
      );
    },
  );

  it.each(regions.map((r) => [r.id] as const))(
    '%s: may do what its routes need and no more (no Scan, no wildcard action or resource)',
    (regionId) => {
      const statements = adminStatements(regionId).filter(isDynamo);
      const own = statements.filter((s) => s.Sid === 'RegionStoreReadWrite');
      expect(own).toHaveLength(1);
      expect(actionsOf(own[0]!).sort()).toEqual([...STORE_READ_ACTIONS, ...STORE_WRITE_ACTIONS].sort());
      const national = statements.filter((s) =>
        resourcesOf(s).some((r) => tableNameOf(r) === REGISTRY_TABLE_NAME),
      );
      expect(national.flatMap(actionsOf).sort()).toEqual(
        [...STORE_READ_ACTIONS, 'dynamodb:UpdateItem'].sort(),
      );
      // On the national table it writes only through the decisions' statement: UpdateItem on the
      // request records and counters (partition keys XREQ#… and XSTATS), nothing unconditioned.
      const nationalWrites = national.filter((s) => actionsOf(s).some((a) => WRITES.has(a)));
      expect(nationalWrites).toHaveLength(1);
      expect(nationalWrites[0]).toMatchObject({ Sid: 'NationalRequestsWrite', Effect: 'Allow' });
      expect(actionsOf(nationalWrites[0]!)).toEqual(['dynamodb:UpdateItem']);
      expect(resourcesOf(nationalWrites[0]!)).toHaveLength(1);
      expect(nationalWrites[0]!.Condition).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['XREQ#*', 'XSTATS'] },
      });
      expect(DECISION_LEADING_KEYS).toEqual(['XREQ#*', 'XSTATS']);
      // The region's own table: no condition (the whole table is the region's).
      expect(own[0]!.Condition).toBeUndefined();
      for (const action of statements.flatMap(actionsOf)) {
        expect(action).not.toBe('dynamodb:Scan');
        expect(action).not.toContain('*');
      }
      for (const resource of statements.flatMap(resourcesOf))
        expect(JSON.stringify(resource)).not.toContain('*');
    },
  );

  it('its role is assumed by Lambda only, and has no managed policy', () => {
    for (const region of regions) {
      const role = templateOf(region.id).findResources('AWS::IAM::Role')[
        logicalId(stackOf(region.id), adminOf(region.id).fn.role!)
      ]!;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
    }
  });
});

describe('no admin function anywhere has a wildcard table, a Scan, or (but the region functions) an admin path with {regionId}', () => {
  it('no admin function, shared or regional, gets Scan, a wildcard action or a resource that is not a whole table', () => {
    const shared = sharedRoutes(TEST_ROUTES).filter((r) => r.access === 'admin');
    expect(shared.length).toBeGreaterThan(0);
    const all = [
      ...shared.map((r) =>
        statementsOfRole(templates.portal, logicalId(portal, portal.api.functions.get(r.name)!.fn.role!)),
      ),
      ...regions.map((r) => adminStatements(r.id)),
    ];
    for (const statements of all) {
      for (const statement of statements.filter(isDynamo)) {
        expect(actionsOf(statement)).not.toContain('dynamodb:Scan');
        for (const action of actionsOf(statement)) expect(action).not.toContain('*');
        // Every resource resolves to one table (throws on an index ARN, a literal or a wildcard).
        for (const resource of resourcesOf(statement)) expect(tableNameOf(resource)).toMatch(/^insats-/);
      }
    }
  });

  it('no function but the regional admin functions writes a region table (the list of exceptions is empty)', () => {
    const regionTables = new Set(regions.map((r) => r.tableName));
    const shared = [
      ...[...portal.api.functions].map(([name, f]) => ({ name, role: f.fn.role! })),
      { name: 'Reminders', role: portal.reminders.fn.role! },
    ];
    expect(shared.length).toBe(sharedRoutes(TEST_ROUTES).length + 1);
    const writers = shared.filter(({ role }) =>
      tableAccess(statementsOfRole(templates.portal, logicalId(portal, role))).writes.some((t) =>
        regionTables.has(t),
      ),
    );
    expect(writers.map((w) => w.name)).toEqual([...SHARED_REGION_WRITERS]);
    // And every role in every stack that can write a region table is that region's admin function.
    for (const [where, template] of [
      ['portal', templates.portal] as const,
      ...[...templates.regions].map(([id, t]) => [id, t] as const),
    ]) {
      for (const [roleId] of Object.entries(template.findResources('AWS::IAM::Role'))) {
        const { writes } = tableAccess(statementsOfRole(template, roleId));
        const regionWrites = writes.filter((t) => regionTables.has(t));
        if (regionWrites.length === 0) continue;
        expect(where, roleId).not.toBe('portal');
        expect(regionWrites, roleId).toEqual([regions.find((r) => r.id === where)!.tableName]);
        expect(roleId).toBe(logicalId(stackOf(where), adminOf(where).fn.role!));
      }
    }
  });

  it('the exchange decisions are served by the regional admin functions only, at the deciding region’s path', () => {
    for (const name of DECISIONS) {
      const route = TEST_ROUTES.find((r) => r.name === name)!;
      expect(route.path.startsWith('/api/admin/regions/{regionId}/exchange/requests/{requestId}/')).toBe(
        true,
      );
      expect(REGIONAL).toContain(route);
      expect(portal.api.functions.has(name), name).toBe(false);
      for (const region of regions) {
        expect(adminOf(region.id).routes).toContain(route);
        expect(adminOf(region.id).httpRoutes.has(name)).toBe(true);
        const keys = Object.values(templateOf(region.id).findResources('AWS::ApiGatewayV2::Route')).map(
          (r) => r.Properties.RouteKey as string,
        );
        expect(keys).toContain(concreteRouteKey(route, region.id));
      }
    }
    // No shared route decides on a request any more.
    const own = Object.values(templates.portal.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey as string,
    );
    for (const key of own) expect(key).not.toMatch(/\/(accept|decline|withdraw)$/);
  });

  it('public functions never write a regional table (the search’s demand counters are in the national table)', () => {
    const regionTables = new Set(regions.map((r) => r.tableName));
    for (const route of TEST_ROUTES.filter((r) => r.access === 'public')) {
      const statements = statementsOfRole(
        templates.portal,
        logicalId(portal, portal.api.functions.get(route.name)!.fn.role!),
      );
      const { writes } = tableAccess(statements);
      expect(
        writes.filter((t) => regionTables.has(t)),
        route.name,
      ).toEqual([]);
      expect(writes, route.name).toEqual(route.national ? [REGISTRY_TABLE_NAME] : []);
      expect(route.national === undefined || route.name === 'Search', route.name).toBe(true);
    }
  });
});

describe('the regional admin routes', () => {
  const routes = httpRoutesByKey(synthesized);
  const authorizerId = Object.keys(templates.portal.findResources('AWS::ApiGatewayV2::Authorizer'))[0]!;

  /** What a nested stack's parameter is given by the portal stack. */
  function parameterValue(regionId: string, parameter: string): unknown {
    const nested = stackOf(regionId) as NestedStack;
    const nestedId = portal.getLogicalId(nested.nestedStackResource!);
    const resource = templates.portal.findResources('AWS::CloudFormation::Stack')[nestedId]!;
    return resource.Properties.Parameters[parameter];
  }

  it('no route anywhere names {regionId} under /api/admin, and the portal stack has no regional admin route', () => {
    expect(REGIONAL.length).toBe(regionalAdminRoutes(ROUTES).length);
    for (const key of routes.keys()) expect(key).not.toMatch(/\/api\/admin\/.*\{regionId\}/);
    const own = Object.values(templates.portal.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey as string,
    );
    for (const key of own) expect(key).not.toMatch(/ \/api\/admin\/regions\//);
  });

  it.each(regions.map((r) => [r.id] as const))(
    '%s: every regional admin route exists at its concrete path, behind the JWT authorizer, integrated with its own function',
    (regionId) => {
      const template = templateOf(regionId);
      const stack = stackOf(regionId);
      const fnId = logicalId(stack, adminOf(regionId).fn);
      const own = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
      expect(own.map((r) => r.RouteKey).sort()).toEqual(
        REGIONAL.map((r) => concreteRouteKey(r, regionId)).sort(),
      );
      const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
      // One integration for all of the region's routes (an HTTP API allows 300 integrations, a hard limit).
      expect(Object.keys(integrations)).toHaveLength(1);
      for (const route of REGIONAL) {
        const key = concreteRouteKey(route, regionId);
        expect(key.startsWith(`${route.method} /api/admin/regions/${regionId}/`)).toBe(true);
        const props = own.find((r) => r.RouteKey === key)!;
        expect(props.AuthorizationType, key).toBe('JWT');
        // The authorizer id is a parameter the portal stack fills with its one JWT authorizer.
        const parameter = (props.AuthorizerId as { Ref: string }).Ref;
        expect(parameterValue(regionId, parameter), key).toEqual({ Ref: authorizerId });
        const target = props.Target['Fn::Join'][1][1].Ref;
        expect(integrations[target]?.Properties, key).toMatchObject({
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] },
          PayloadFormatVersion: '2.0',
        });
      }
    },
  );

  it.each(regions.map((r) => [r.id] as const))(
    "%s: API Gateway may invoke the region's function for that region's admin paths only",
    (regionId) => {
      const permissions = Object.values(templateOf(regionId).findResources('AWS::Lambda::Permission'));
      expect(permissions).toHaveLength(1);
      const { Principal, SourceArn, FunctionName } = permissions[0]!.Properties;
      expect(Principal).toBe('apigateway.amazonaws.com');
      expect(FunctionName).toEqual({
        'Fn::GetAtt': [logicalId(stackOf(regionId), adminOf(regionId).fn), 'Arn'],
      });
      const parts = SourceArn['Fn::Join'][1] as unknown[];
      expect(parts.at(-1)).toBe(`/*/*/api/admin/regions/${regionId}/*`);
    },
  );
});

describe('thirty regions', () => {
  const base = regions[0]!;
  const thirty = Array.from({ length: 30 }, (_, i) => ({
    ...base,
    id: `region-${String(i + 1).padStart(2, '0')}`,
    name: `Region ${i + 1}`,
    tableName: `insats-region-${i + 1}`,
  }));
  const large = synthesize({ routes: ROUTES, regions: thirty });
  const shared = sharedRoutes(ROUTES);
  const allTemplates = [large.templates.portal, ...large.templates.regions.values()];
  const count = (type: string) =>
    allTemplates.reduce((n, t) => n + Object.keys(t.findResources(type)).length, 0);

  it('deploys one function per shared route, one per region and the reminders: 45 for 30 regions', () => {
    expect(large.templates.regions.size).toBe(30);
    expect(count('AWS::Lambda::Function')).toBe(shared.length + 30 + 1);
    expect(shared.length + 30 + 1).toBe(45);
  });

  it('keeps every stack under CloudFormation’s 500 resources, and the API under 300 integrations', () => {
    for (const template of allTemplates) {
      expect(Object.keys(template.toJSON().Resources).length).toBeLessThan(500);
    }
    expect(Object.keys(large.templates.portal.toJSON().Resources).length).toBeLessThan(300);
    expect(count('AWS::ApiGatewayV2::Integration')).toBe(shared.length + 30);
  });

  it('warns that the routes exceed the HTTP API default quota of 300, with the figure to ask for', () => {
    const routes = shared.length + regionalAdminRoutes(ROUTES).length * 30;
    expect(count('AWS::ApiGatewayV2::Route')).toBe(routes);
    Annotations.fromStack(large.portal).hasWarning(
      '/InsatsPortal/Api',
      Match.stringLikeRegexp(`has ${routes} routes; the default quota is 300`),
    );
    Annotations.fromStack(portal).hasNoWarning('/InsatsPortal/Api', Match.stringLikeRegexp('default quota'));
  });
});
