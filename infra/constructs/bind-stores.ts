/**
 * Binding a function to the stores: the IAM grant and the environment variable are made in one call,
 * where the function is created, so they cannot drift apart.
 *
 * Read access is GetItem/Query/BatchGetItem only. Scan is never granted: search reads each published
 * version's precomputed search documents (decision 4), and a Scan would also defeat any future
 * `dynamodb:LeadingKeys` condition (vacuously true for a request without keys).
 */

import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { DECISION_LEADING_KEYS } from '../../functions/exchange/national-keys.ts';
import { REGISTRY_TABLE_ENV } from '../../functions/lib/config.ts';
import type { Route } from '../../functions/routes.ts';

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

/**
 * Adding to the statistics (demand counters, newcomer figures) is UpdateItem on the national table
 * only: a route with `statistics: 'write'` (the public search) stays read-only on every regional store.
 */
export const STATISTICS_WRITE_ACTIONS: readonly string[] = ['dynamodb:UpdateItem'];

/**
 * Writing records in the national table only (exchange requests, reminder markers): a function with
 * `national: 'write'` and `stores: 'read'` may change the registry table but no regional store.
 */
export const NATIONAL_WRITE_ACTIONS: readonly string[] = STORE_WRITE_ACTIONS;

/**
 * The exchange decisions (`national: 'requests'`): UpdateItem on the national table, and only on items
 * whose partition key is a request record (`XREQ#<id>`) or the counters (`XSTATS`). Not the region
 * registry, not the listing indexes, not the review markers; no Put, Delete or BatchWrite. The request
 * ids are random, so IAM cannot tell one region's requests from another's: that the deciding region is
 * the request's seller or buyer is the handler's check (functions/exchange/requests.ts).
 */
export const NATIONAL_REQUESTS_ACTIONS: readonly string[] = ['dynamodb:UpdateItem'];
/** `ForAllValues`: every partition key the request touches must match (an UpdateItem has exactly one). */
export const NATIONAL_REQUESTS_CONDITION: Readonly<Record<string, Record<string, string[]>>> = {
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...DECISION_LEADING_KEYS] },
};

function nationalRequestsStatement(registryTable: ITable): PolicyStatement {
  return new PolicyStatement({
    sid: 'NationalRequestsWrite',
    actions: [...NATIONAL_REQUESTS_ACTIONS],
    resources: [registryTable.tableArn],
    conditions: structuredClone(NATIONAL_REQUESTS_CONDITION),
  });
}

/**
 * The route a function was created for, when `fn` is the function of a RouteFunction construct
 * (which keeps its route): how `bindStores` learns a route's `statistics` when its caller passes only
 * the store access.
 */
function routeOf(fn: LambdaFunction): Route | undefined {
  const owner = fn.node.scope as { route?: Route } | undefined;
  return owner?.route;
}

/**
 * Grant `access` to every regional table and the registry, and tell the function the registry's name;
 * with `statistics: 'write'` (the argument, or else the function's route), also UpdateItem on the registry;
 * with `national: 'write'`, also Put/Update/Delete/BatchWrite on the registry (never on a regional store).
 */
export function bindStores(
  fn: LambdaFunction,
  access: StoreAccess,
  stores: Stores,
  statistics: Route['statistics'] = routeOf(fn)?.statistics,
  national: Route['national'] = routeOf(fn)?.national,
): void {
  const tables = [...stores.regionTables, stores.registryTable];
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: access === 'write' ? 'StoresReadWrite' : 'StoresRead',
      actions: storeActions(access),
      resources: tables.map((t) => t.tableArn),
    }),
  );
  if (statistics === 'write') {
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'StatisticsWrite',
        actions: [...STATISTICS_WRITE_ACTIONS],
        resources: [stores.registryTable.tableArn],
      }),
    );
  }
  if (national === 'write' && access !== 'write') {
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'NationalWrite',
        actions: [...NATIONAL_WRITE_ACTIONS],
        resources: [stores.registryTable.tableArn],
      }),
    );
  } else if (national === 'requests' && access !== 'write') {
    fn.addToRolePolicy(nationalRequestsStatement(stores.registryTable));
  }
  fn.addEnvironment(REGISTRY_TABLE_ENV, stores.registryTable.tableName);
}

/** What a region's admin function needs: the union over the routes it serves. */
export interface RegionStoreNeeds {
  /** On the region's own table. */
  access: StoreAccess;
  statistics?: Route['statistics'];
  national?: Route['national'];
}

/**
 * A region's own admin function (docs/reliability.md, "Tenant isolation in AWS"): `access` on that
 * region's table alone, read on the national table (the region registry, the exchange requests), and a
 * write there only for `statistics`/`national` (`requests`: UpdateItem on the request records and
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
  if (needs.national === 'write') {
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'NationalWrite',
        actions: [...NATIONAL_WRITE_ACTIONS],
        resources: [registryTable.tableArn],
      }),
    );
  } else {
    if (needs.national === 'requests') fn.addToRolePolicy(nationalRequestsStatement(registryTable));
    if (needs.statistics === 'write') {
      fn.addToRolePolicy(
        new PolicyStatement({
          sid: 'StatisticsWrite',
          actions: [...STATISTICS_WRITE_ACTIONS],
          resources: [registryTable.tableArn],
        }),
      );
    }
  }
  fn.addEnvironment(REGISTRY_TABLE_ENV, registryTable.tableName);
}
