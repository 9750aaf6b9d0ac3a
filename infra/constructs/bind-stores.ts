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

/** Grant `access` to every regional table and the registry, and tell the function the registry's name. */
export function bindStores(fn: LambdaFunction, access: StoreAccess, stores: Stores): void {
  const tables = [...stores.regionTables, stores.registryTable];
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: access === 'write' ? 'StoresReadWrite' : 'StoresRead',
      actions: storeActions(access),
      resources: tables.map((t) => t.tableArn),
    }),
  );
  fn.addEnvironment(REGISTRY_TABLE_ENV, stores.registryTable.tableName);
}
