/**
 * Binding a function to the stores: the IAM grant and the environment variable are made in one call,
 * where the function is created, so they cannot drift apart.
 *
 * Read access is GetItem/Query/BatchGetItem only. Scan is never granted: search reads each published
 * version's precomputed search documents (decision 4), and a Scan would also defeat the
 * `dynamodb:LeadingKeys` conditions below (`ForAllValues` is vacuously true for a request without keys).
 *
 * Writes on the national (registry) table, which every region shares, are always scoped to the partition
 * keys of the writer's own items (NATIONAL_WRITES): no statement grants a write on the whole table, and
 * none matches the region registry (`REGION`), so no deployed function can change the region
 * configurations.
 */

import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { NEWCOMERS_PK } from '../../functions/coverage/newcomers-store.ts';
import {
  DECISION_LEADING_KEYS,
  REQUEST_INDEX_PK_PREFIX,
  REQUEST_PK_PREFIX,
  STATS_PK,
} from '../../functions/exchange/national-keys.ts';
import { REGISTRY_TABLE_ENV } from '../../functions/lib/config.ts';
import { REMINDER_PK_PREFIX } from '../../functions/review/reminder-config.ts';
import type { NationalWrite, Route } from '../../functions/routes.ts';
import { DEMAND_PK_PREFIX } from '../../functions/statistics/demand-key.ts';

export type StoreAccess = Route['stores'];

export const STORE_READ_ACTIONS: readonly string[] = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:BatchGetItem',
];
export const STORE_WRITE_ACTIONS: readonly string[] = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export interface Stores {
  regionTables: readonly ITable[];
  registryTable: ITable;
}

export function storeActions(access: StoreAccess): string[] {
  return access === 'write' ? [...STORE_READ_ACTIONS, ...STORE_WRITE_ACTIONS] : [...STORE_READ_ACTIONS];
}

/** One statement on the national table: these actions, on items whose partition key matches a pattern. */
export interface NationalGrant {
  sid: string;
  actions: readonly string[];
  /** `dynamodb:LeadingKeys` patterns (`StringLike`: `*` any run of characters). */
  leadingKeys: readonly string[];
}

/**
 * Who may write what in the national table (`national` of a route, or of the reminder function): the
 * actions its code calls there, each on the partitions it writes with that action and no others. The
 * prefixes come from the modules that build the keys, so code and grant share one definition
 * (test/infra/national-writes.test.ts also runs the writers and checks every write they make).
 *
 * No writer uses TransactWriteItems, so no ConditionCheckItem is granted; a conditional Put or Update
 * (`attribute_not_exists`, `#status = :pending`) needs no permission beyond its own action.
 */
export const NATIONAL_WRITES: Readonly<Record<NationalWrite, readonly NationalGrant[]>> = {
  // The exchange decisions (accept, decline, withdraw), in the regional admin functions: a status change
  // and the acceptance mark on the request record, the counters. The request ids are random, so IAM cannot
  // tell one region's requests from another's: that the deciding region is the request's seller or buyer
  // is the handler's check (functions/exchange/requests.ts).
  decisions: [
    { sid: 'NationalRequestsWrite', actions: ['dynamodb:UpdateItem'], leadingKeys: DECISION_LEADING_KEYS },
  ],
  // Asking for places (CreateExchangeRequest): the two listing index items in one BatchWriteItem, then
  // the record (a conditional Put), then the counters.
  'new-requests': [
    {
      sid: 'NationalRequestIndexes',
      actions: ['dynamodb:BatchWriteItem'],
      leadingKeys: [`${REQUEST_INDEX_PK_PREFIX}*`],
    },
    { sid: 'NationalRequestCreate', actions: ['dynamodb:PutItem'], leadingKeys: [`${REQUEST_PK_PREFIX}*`] },
    { sid: 'NationalRequestCounters', actions: ['dynamodb:UpdateItem'], leadingKeys: [STATS_PK] },
  ],
  // The public search's anonymous demand counters (`ADD count`), one partition per day.
  demand: [
    { sid: 'DemandCounters', actions: ['dynamodb:UpdateItem'], leadingKeys: [`${DEMAND_PK_PREFIX}*`] },
  ],
  // A county board's newcomer figures: one conditional UpdateItem per upload.
  newcomers: [{ sid: 'NewcomerFigures', actions: ['dynamodb:UpdateItem'], leadingKeys: [NEWCOMERS_PK] }],
  // The daily reminders' markers: claimed with a conditional Put, stamped when sent, removed when sending
  // failed (so a later run that day may try again).
  reminders: [
    {
      sid: 'ReminderMarkers',
      actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      leadingKeys: [`${REMINDER_PK_PREFIX}*`],
    },
  ],
};

/**
 * `ForAllValues`: every partition key the request touches must match one pattern (a PutItem, UpdateItem
 * or DeleteItem has exactly one; a BatchWriteItem one per item).
 */
export function leadingKeysCondition(patterns: readonly string[]): Record<string, Record<string, string[]>> {
  return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] } };
}

/** The statements of `writes` on the national table, in NATIONAL_WRITES order, each once. */
export function nationalStatements(
  registryTable: ITable,
  writes: readonly NationalWrite[],
): PolicyStatement[] {
  const wanted = new Set(writes);
  return (Object.keys(NATIONAL_WRITES) as NationalWrite[])
    .filter((write) => wanted.has(write))
    .flatMap((write) => NATIONAL_WRITES[write])
    .map(
      (grant) =>
        new PolicyStatement({
          sid: grant.sid,
          actions: [...grant.actions],
          resources: [registryTable.tableArn],
          conditions: leadingKeysCondition(grant.leadingKeys),
        }),
    );
}

/**
 * The route a function was created for, when `fn` is the function of a RouteFunction construct
 * (which keeps its route): how `bindStores` learns a route's `national` when its caller passes only
 * the store access.
 */
function routeOf(fn: LambdaFunction): Route | undefined {
  const owner = fn.node.scope as { route?: Route } | undefined;
  return owner?.route;
}

/** A route's national writes as a list (none or one). */
export const nationalOf = (route: Pick<Route, 'national'> | undefined): NationalWrite[] =>
  route?.national ? [route.national] : [];

/**
 * A shared function (not a region's own): read every regional table and the registry, tell the function
 * the registry's name, and grant its `national` writes (the argument, or else the function's route) on
 * the registry. It never writes a regional table: `access: 'write'` is refused here, because the writers
 * of a region's table are that region's admin function alone (docs/reliability.md).
 */
export function bindStores(
  fn: LambdaFunction,
  access: StoreAccess,
  stores: Stores,
  national: readonly NationalWrite[] = nationalOf(routeOf(fn)),
): void {
  if (access === 'write') {
    throw new Error(
      `${fn.node.path}: a shared function may only read the stores; a region's table is written by that region's admin function`,
    );
  }
  const tables = [...stores.regionTables, stores.registryTable];
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'StoresRead',
      actions: storeActions('read'),
      resources: tables.map((t) => t.tableArn),
    }),
  );
  for (const statement of nationalStatements(stores.registryTable, national)) fn.addToRolePolicy(statement);
  fn.addEnvironment(REGISTRY_TABLE_ENV, stores.registryTable.tableName);
}

/** What a region's admin function needs: the union over the routes it serves. */
export interface RegionStoreNeeds {
  /** On the region's own table. */
  access: StoreAccess;
  /** On the national table. */
  national: readonly NationalWrite[];
}

/**
 * A region's own admin function (docs/reliability.md, "Tenant isolation in AWS"): `access` on that
 * region's table alone, read on the national table (the region registry, the exchange requests), and a
 * write there only for its routes' `national` (`decisions`: UpdateItem on the request records and
 * counters only). No other region's table appears in its role: a bug in the region check cannot reach
 * another region, because the credentials cannot.
 */
export function bindRegionStores(
  fn: LambdaFunction,
  regionTable: ITable,
  registryTable: ITable,
  needs: RegionStoreNeeds,
): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: needs.access === 'write' ? 'RegionStoreReadWrite' : 'RegionStoreRead',
      actions: storeActions(needs.access),
      resources: [regionTable.tableArn],
    }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'NationalRead',
      actions: [...STORE_READ_ACTIONS],
      resources: [registryTable.tableArn],
    }),
  );
  for (const statement of nationalStatements(registryTable, needs.national)) fn.addToRolePolicy(statement);
  fn.addEnvironment(REGISTRY_TABLE_ENV, registryTable.tableName);
}
