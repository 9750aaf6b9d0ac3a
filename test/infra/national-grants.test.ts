/**
 * The national (registry) table's grants in the CDK template (docs/reliability.md, "Tenant isolation in
 * AWS"): the table every region shares, so no function may write it as a whole. Every statement that
 * grants a write there carries a `dynamodb:LeadingKeys` condition naming the writer's own partitions;
 * each function's writes are exactly the expected ones; the public functions only read, but for the
 * search's anonymous demand counters; no role may Scan; nothing can write the region registry. And the
 * keys the code builds fall under its own grant and no other (national-writes.test.ts runs the writers).
 */
import { randomUUID } from 'node:crypto';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import { NEWCOMERS_PK } from '../../functions/coverage/newcomers-store.ts';
import {
  indexPk,
  REQUEST_INDEX_PK_PREFIX,
  requestPk,
  STATS_PK,
} from '../../functions/exchange/national-keys.ts';
import { REGION_PK } from '../../functions/registry/store.ts';
import { reminderPk } from '../../functions/review/reminder-config.ts';
import type { NationalWrite } from '../../functions/routes.ts';
import { demandPk, swedishDay } from '../../functions/statistics/demand-key.ts';
import {
  NATIONAL_WRITES,
  STORE_READ_ACTIONS,
  STORE_WRITE_ACTIONS,
} from '../../infra/constructs/bind-stores.ts';
import { REGISTRY_TABLE_NAME } from '../../infra/constructs/regional-stores.ts';
import { loadRegionRegistry } from '../../infra/region-registry.ts';
import { utcDay } from '../../shared/review.ts';
import {
  actionsOf,
  allows,
  everyRole,
  isDynamo,
  leadingKeysOf,
  resourcesOf,
  type Statement,
  statementsOfFunction,
  stringLike,
  tableNameOf,
} from './iam.ts';
import { sharedRoutes, synthesize, TEST_ROUTES } from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

const regions = loadRegionRegistry();
const synthesized = synthesize({ routes: TEST_ROUTES });
const { portal } = synthesized;
/** The reads, as literals: a Scan added to STORE_READ_ACTIONS must fail here, not count as a read. */
const READS = new Set(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem']);
const WRITE_ACTIONS = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'] as const;
const WRITES = new Set(WRITE_ACTIONS.map((a) => `dynamodb:${a}`));

/** Every function of the app, named as in the table below, with its role's statements. */
const FUNCTIONS: { name: string; statements: Statement[] }[] = [
  ...[...portal.api.functions].map(([name, f]) => ({
    name,
    statements: statementsOfFunction(synthesized, f.fn),
  })),
  ...[...portal.api.regionAdmins].map(([regionId, admin]) => ({
    name: `RegionAdmin-${regionId}`,
    statements: statementsOfFunction(synthesized, admin.fn),
  })),
  { name: 'Reminders', statements: statementsOfFunction(synthesized, portal.reminders.fn) },
];
const statementsOf = (name: string): Statement[] => FUNCTIONS.find((f) => f.name === name)!.statements;

/** A function's writes on the national table: per statement, its Sid, actions and leading-key patterns. */
function nationalWrites(statements: readonly Statement[]) {
  return statements
    .filter(isDynamo)
    .filter((s) => actionsOf(s).some((a) => !READS.has(a)))
    .filter((s) => resourcesOf(s).some((r) => tableNameOf(synthesized, r) === REGISTRY_TABLE_NAME))
    .map((s) => ({ sid: s.Sid, actions: [...actionsOf(s)].sort(), leadingKeys: leadingKeysOf(s) }));
}

/**
 * What each function may write in the national table; every function not named here: nothing. Concrete
 * values, not NATIONAL_WRITES restated: a change of a grant must change this table too.
 */
const EXPECTED: Record<string, ReturnType<typeof nationalWrites>> = {
  Search: [{ sid: 'DemandCounters', actions: ['dynamodb:UpdateItem'], leadingKeys: ['DEMAND#*'] }],
  UploadNewcomers: [{ sid: 'NewcomerFigures', actions: ['dynamodb:UpdateItem'], leadingKeys: ['NEWCOMERS'] }],
  CreateExchangeRequest: [
    { sid: 'NationalRequestIndexes', actions: ['dynamodb:BatchWriteItem'], leadingKeys: ['XREQS#*'] },
    { sid: 'NationalRequestCreate', actions: ['dynamodb:PutItem'], leadingKeys: ['XREQ#*'] },
    { sid: 'NationalRequestCounters', actions: ['dynamodb:UpdateItem'], leadingKeys: ['XSTATS'] },
  ],
  Reminders: [
    {
      sid: 'ReminderMarkers',
      actions: ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      leadingKeys: ['REMINDER#*'],
    },
  ],
  ...Object.fromEntries(
    regions.map((r) => [
      `RegionAdmin-${r.id}`,
      [{ sid: 'NationalRequestsWrite', actions: ['dynamodb:UpdateItem'], leadingKeys: ['XREQ#*', 'XSTATS'] }],
    ]),
  ),
};

/**
 * Statements that may write the national table without a `dynamodb:LeadingKeys` condition, each with its
 * reason in docs/reliability.md ("Tenant isolation in AWS"). None.
 */
const UNSCOPED_NATIONAL_WRITERS: readonly string[] = [];

describe('writes on the national table', () => {
  it('every statement of every role that grants a write there is scoped by dynamodb:LeadingKeys, on that table alone', () => {
    const unscoped: string[] = [];
    let scoped = 0;
    for (const { where, roleId, statements } of everyRole(synthesized)) {
      for (const statement of statements.filter(isDynamo)) {
        if (actionsOf(statement).every((a) => READS.has(a))) continue;
        const tables = resourcesOf(statement).map((r) => tableNameOf(synthesized, r));
        if (!tables.includes(REGISTRY_TABLE_NAME)) continue;
        const what = `${where} ${roleId} ${statement.Sid ?? '(no Sid)'}`;
        // The condition would apply to every resource of the statement: the national table stands alone.
        expect(tables, what).toEqual([REGISTRY_TABLE_NAME]);
        const patterns = leadingKeysOf(statement);
        if (!patterns) {
          unscoped.push(what);
          continue;
        }
        scoped++;
        expect(patterns.length, what).toBeGreaterThan(0);
        // A pattern names a partition or a prefix of partitions: never everything.
        for (const pattern of patterns) expect(pattern, what).toMatch(/^[A-Z]+(#\*)?$/);
      }
    }
    expect(unscoped).toEqual([...UNSCOPED_NATIONAL_WRITERS]);
    // Search, UploadNewcomers, the reminders, CreateExchangeRequest's three, one per region's admin function.
    expect(scoped).toBe(6 + regions.length);
  });

  it('each function may write exactly its own partitions there, and every other function nothing', () => {
    expect(FUNCTIONS.length).toBe(sharedRoutes(TEST_ROUTES).length + regions.length + 1);
    for (const name of Object.keys(EXPECTED)) expect(FUNCTIONS.map((f) => f.name)).toContain(name);
    for (const { name, statements } of FUNCTIONS) {
      expect(nationalWrites(statements), name).toEqual(EXPECTED[name] ?? []);
    }
  });

  it('the grants in the template are NATIONAL_WRITES, the one definition both are made from', () => {
    const fromDefinition = (write: NationalWrite) =>
      NATIONAL_WRITES[write].map((g) => ({
        sid: g.sid,
        actions: [...g.actions].sort(),
        leadingKeys: [...g.leadingKeys],
      }));
    expect(nationalWrites(statementsOf('Search'))).toEqual(fromDefinition('demand'));
    expect(nationalWrites(statementsOf('UploadNewcomers'))).toEqual(fromDefinition('newcomers'));
    expect(nationalWrites(statementsOf('CreateExchangeRequest'))).toEqual(fromDefinition('new-requests'));
    expect(nationalWrites(statementsOf('Reminders'))).toEqual(fromDefinition('reminders'));
    for (const region of regions) {
      expect(nationalWrites(statementsOf(`RegionAdmin-${region.id}`))).toEqual(fromDefinition('decisions'));
    }
  });

  it('no role can write the region registry (REGION), with any write action, alone or in a batch', () => {
    for (const { where, roleId, statements } of everyRole(synthesized)) {
      for (const action of WRITE_ACTIONS) {
        const request = { action, table: REGISTRY_TABLE_NAME, keys: [REGION_PK] };
        expect(allows(synthesized, statements, request), `${where} ${roleId} ${action}`).toBe(false);
      }
      // ForAllValues: one registry item among allowed ones spoils the whole batch.
      const batch = {
        action: 'BatchWriteItem',
        table: REGISTRY_TABLE_NAME,
        keys: [indexPk('incoming', 'a'), REGION_PK],
      };
      expect(allows(synthesized, statements, batch), `${where} ${roleId}`).toBe(false);
    }
    // The control: the same request for an index item is allowed, to the function that asks for places.
    const batch = { action: 'BatchWriteItem', table: REGISTRY_TABLE_NAME, keys: [indexPk('incoming', 'a')] };
    expect(allows(synthesized, statementsOf('CreateExchangeRequest'), batch)).toBe(true);
  });
});

describe('the public functions', () => {
  const PUBLIC = sharedRoutes(TEST_ROUTES).filter((r) => r.access === 'public');

  it('only read, but the search adds to the demand counters: UpdateItem on DEMAND#… in the national table', () => {
    expect(PUBLIC.map((r) => r.name)).toContain('Search');
    for (const route of PUBLIC) {
      const statements = statementsOf(route.name).filter(isDynamo);
      expect(statements.length, route.name).toBeGreaterThan(0);
      const writing = statements.filter((s) => actionsOf(s).some((a) => !READS.has(a)));
      if (route.name !== 'Search') {
        expect(writing, route.name).toEqual([]);
        continue;
      }
      expect(writing).toHaveLength(1);
      expect(actionsOf(writing[0]!)).toEqual(['dynamodb:UpdateItem']);
      expect(resourcesOf(writing[0]!).map((r) => tableNameOf(synthesized, r))).toEqual([REGISTRY_TABLE_NAME]);
      expect(writing[0]!.Condition).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['DEMAND#*'] },
      });
    }
  });

  it('the search may count a day’s demand, and write nothing else anywhere', () => {
    const search = statementsOf('Search');
    const update = (key: string) => ({ action: 'UpdateItem', table: REGISTRY_TABLE_NAME, keys: [key] });
    expect(allows(synthesized, search, update(demandPk('2026-11-23')))).toBe(true);
    for (const key of [
      NEWCOMERS_PK,
      STATS_PK,
      requestPk('x'),
      reminderPk('2026-11-23'),
      REGION_PK,
      'DEMAND',
    ]) {
      expect(allows(synthesized, search, update(key)), key).toBe(false);
    }
    for (const action of ['PutItem', 'DeleteItem', 'BatchWriteItem']) {
      const request = { action, table: REGISTRY_TABLE_NAME, keys: [demandPk('2026-11-23')] };
      expect(allows(synthesized, search, request), action).toBe(false);
    }
    for (const region of regions) {
      for (const action of WRITE_ACTIONS) {
        const request = { action, table: region.tableName, keys: ['CATALOGUE'] };
        expect(allows(synthesized, search, request), `${action} ${region.tableName}`).toBe(false);
      }
    }
  });
});

describe('every role, in every stack', () => {
  it('has no Scan, no PartiQL, no wildcard DynamoDB action, and names whole tables only', () => {
    expect([...STORE_READ_ACTIONS].sort()).toEqual([...READS].sort());
    expect([...STORE_WRITE_ACTIONS].sort()).toEqual([...WRITES].sort());
    let dynamoStatements = 0;
    for (const { where, roleId, statements } of everyRole(synthesized)) {
      for (const statement of statements.filter(isDynamo)) {
        dynamoStatements++;
        const what = `${where} ${roleId} ${statement.Sid ?? ''}`;
        for (const action of actionsOf(statement).filter((a) => a.startsWith('dynamodb:'))) {
          expect([...READS, ...WRITES], what).toContain(action);
        }
        // Throws on an index ARN, a literal or a wildcard.
        for (const resource of resourcesOf(statement))
          expect(tableNameOf(synthesized, resource)).toMatch(/^insats-/);
      }
    }
    // Each function has a read statement; the writers above have more.
    expect(dynamoStatements).toBeGreaterThanOrEqual(FUNCTIONS.length + 6 + regions.length * 2);
  });
});

describe('the keys the code builds fall under its own grant, and no other', () => {
  const now = new Date();
  const id = randomUUID();
  /** Every partition key each writer's code builds, with the action it writes it with. */
  const BUILT: [NationalWrite, string, string][] = [
    ['demand', 'UpdateItem', demandPk(swedishDay(now))],
    ['newcomers', 'UpdateItem', NEWCOMERS_PK],
    ['new-requests', 'BatchWriteItem', indexPk('incoming', regions[0]!.id)],
    ['new-requests', 'BatchWriteItem', indexPk('outgoing', regions[1]!.id)],
    ['new-requests', 'PutItem', requestPk(id)],
    ['new-requests', 'UpdateItem', STATS_PK],
    ['decisions', 'UpdateItem', requestPk(id)],
    ['decisions', 'UpdateItem', STATS_PK],
    ['reminders', 'PutItem', reminderPk(utcDay(now))],
    ['reminders', 'UpdateItem', reminderPk(utcDay(now))],
    ['reminders', 'DeleteItem', reminderPk(utcDay(now))],
  ];
  const grantAllows = (write: NationalWrite, action: string, key: string) =>
    NATIONAL_WRITES[write].some(
      (g) => g.actions.includes(`dynamodb:${action}`) && g.leadingKeys.some((p) => stringLike(p, key)),
    );

  it('each writer × write action × key is allowed exactly when that writer builds that key for that action', () => {
    const keys = [...new Set([...BUILT.map(([, , key]) => key), REGION_PK])];
    const allowed: string[] = [];
    for (const write of Object.keys(NATIONAL_WRITES) as NationalWrite[]) {
      for (const action of WRITE_ACTIONS) {
        for (const key of keys)
          if (grantAllows(write, action, key)) allowed.push(`${write} ${action} ${key}`);
      }
    }
    expect(allowed.sort()).toEqual(BUILT.map(([write, action, key]) => `${write} ${action} ${key}`).sort());
  });

  it('the patterns tell the request records from the listing indexes (XREQ#* is not XREQS#*)', () => {
    expect(REQUEST_INDEX_PK_PREFIX.startsWith('XREQ')).toBe(true);
    expect(stringLike('XREQ#*', indexPk('incoming', 'sodertorn'))).toBe(false);
    expect(stringLike('XREQS#*', requestPk(id))).toBe(false);
    expect(stringLike('XREQ#*', requestPk(id))).toBe(true);
    expect(stringLike('DEMAND#*', 'DEMAND#')).toBe(true);
    expect(stringLike('DEMAND#*', 'DEMANDS')).toBe(false);
    expect(stringLike('NEWCOMERS', 'NEWCOMERS#x')).toBe(false);
    expect(stringLike('a?c', 'abc')).toBe(true);
    expect(stringLike('a.c', 'abc')).toBe(false);
  });
});
