/**
 * Newcomer figures in the national (registry) table. One upload is one item, written once with a
 * conditional UpdateItem, so an upload is stored completely or not at all:
 *
 *   pk = NEWCOMERS, sk = U#<uploadedAt ISO>#<uuid>
 *   { rows: [[municipality, year, count], …], uploadedAt, uploadedBy: { subject, name }, fileName? }
 *
 * Reading takes every upload in time order; a later upload's figure for the same municipality and year
 * replaces an earlier one. The coverage answer shows each municipality's newest year.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { registryTableName } from '../lib/config.ts';
import { documentClient } from '../lib/dynamo.ts';
import type { NewcomerFigure } from './coverage.ts';
import type { NewcomerRow } from './newcomers.ts';

/**
 * Every upload in one partition. The CDK app lets the newcomer upload UpdateItem this partition only
 * (`dynamodb:LeadingKeys`, infra/constructs/bind-stores.ts).
 */
export const NEWCOMERS_PK = 'NEWCOMERS';

export interface NewcomersUpload {
  rows: readonly NewcomerRow[];
  uploadedBy: { subject: string; name: string };
  uploadedAt: string;
  fileName?: string;
}

export async function storeNewcomers(upload: NewcomersUpload): Promise<string> {
  const sk = `U#${upload.uploadedAt}#${randomUUID()}`;
  const values: Record<string, unknown> = {
    ':rows': upload.rows.map((r) => [r.municipality, r.year, r.count]),
    ':at': upload.uploadedAt,
    ':by': upload.uploadedBy,
  };
  let set = 'SET #rows = :rows, uploadedAt = :at, uploadedBy = :by';
  if (upload.fileName) {
    set += ', fileName = :file';
    values[':file'] = upload.fileName;
  }
  await documentClient().send(
    new UpdateCommand({
      TableName: registryTableName(),
      Key: { pk: NEWCOMERS_PK, sk },
      UpdateExpression: set,
      ConditionExpression: 'attribute_not_exists(pk)',
      ExpressionAttributeNames: { '#rows': 'rows' },
      ExpressionAttributeValues: values,
    }),
  );
  return sk;
}

/** Every figure, later uploads winning: municipality → year → count. */
export async function readNewcomerFigures(): Promise<Map<string, Map<number, number>>> {
  const figures = new Map<string, Map<number, number>>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: registryTableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :u)',
        ExpressionAttributeValues: { ':pk': NEWCOMERS_PK, ':u': 'U#' },
        ProjectionExpression: '#rows',
        ExpressionAttributeNames: { '#rows': 'rows' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      for (const [municipality, year, count] of (item.rows ?? []) as [string, number, number][]) {
        let years = figures.get(municipality);
        if (!years) {
          years = new Map();
          figures.set(municipality, years);
        }
        years.set(Number(year), Number(count));
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return figures;
}

/** Each municipality's newest figure. */
export function latestFigures(
  figures: ReadonlyMap<string, ReadonlyMap<number, number>>,
): Map<string, NewcomerFigure> {
  const latest = new Map<string, NewcomerFigure>();
  for (const [municipality, years] of figures) {
    const year = Math.max(...years.keys());
    latest.set(municipality, { year, count: years.get(year)! });
  }
  return latest;
}
