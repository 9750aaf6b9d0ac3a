/**
 * Requests for places, in the national (registry) table. Layout (pk / sk):
 *
 *   XREQ#<id>               / REQUEST              the request: parties, places, dates, status, history
 *   XREQS#IN#<sellerRegion> / <createdAt>#<id>     listing index: requests a region received
 *   XREQS#OUT#<buyerRegion> / <createdAt>#<id>     listing index: requests a region sent
 *   XSTATS                  / <county>#BUY#<cat>   counters: places municipalities of the county asked for / got
 *   XSTATS                  / <county>#SELL#<cat>  counters: places asked of / given by sellers in the county
 *
 * Listing is a Query on an index partition (newest first) and a BatchGet of the records: never a Scan.
 * The index items are written before the record, so a crash in between leaves an index item without a
 * record, which listing skips. A status change is one conditional UpdateItem (`status = :pending`), so
 * of two concurrent decisions exactly one wins; the history grows in the same write (list_append).
 *
 * `accepting` (a string set, never part of the answered record) holds one token per acceptance under
 * way: the seller's admin function adds its token before it takes the places in its own table and the
 * acceptance removes it. A withdrawal (the buyer's function, which cannot write the seller's table, so
 * cannot give places back) is refused while the set exists, so a request is never withdrawn while places
 * may be taken for it (docs/exchange.md, "Acceptance").
 *
 * The decisions run in the regional admin functions, whose role may UpdateItem here only on
 * `XREQ#…` and `XSTATS` (national-keys.ts); creating is the shared CreateExchangeRequest function's, whose
 * role may BatchWriteItem only on `XREQS#…`, PutItem only on `XREQ#…` and UpdateItem only on `XSTATS`.
 */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ExchangeRequest, RequestEvent, RequestStatus } from '../../shared/exchange.ts';
import { registryTableName } from '../lib/config.ts';
import { batchWriteAll, documentClient } from '../lib/dynamo.ts';
import { indexPk, requestPk, STATS_PK } from './national-keys.ts';

const REQUEST_SK = 'REQUEST';
const indexSk = (request: Pick<ExchangeRequest, 'createdAt' | 'id'>) => `${request.createdAt}#${request.id}`;
const statsSk = (county: string, side: StatsSide, category: string) => `${county}#${side}#${category}`;
const BATCH_GET_MAX = 100;

const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

function toRequest(row: Record<string, unknown>): ExchangeRequest {
  const { pk: _pk, sk: _sk, accepting: _accepting, ...rest } = row;
  return rest as unknown as ExchangeRequest;
}

export async function createRequest(request: ExchangeRequest): Promise<void> {
  const table = registryTableName();
  await batchWriteAll(table, [
    {
      PutRequest: {
        Item: { pk: indexPk('incoming', request.sellerRegionId), sk: indexSk(request), id: request.id },
      },
    },
    {
      PutRequest: {
        Item: { pk: indexPk('outgoing', request.buyerRegionId), sk: indexSk(request), id: request.id },
      },
    },
  ]);
  await documentClient().send(
    new PutCommand({
      TableName: table,
      Item: { pk: requestPk(request.id), sk: REQUEST_SK, ...request },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getRequest(id: string): Promise<ExchangeRequest | undefined> {
  return (await getRequestState(id))?.request;
}

/** The request and whether an acceptance is under way (its `accepting` set exists). */
export async function getRequestState(
  id: string,
): Promise<{ request: ExchangeRequest; accepting: boolean } | undefined> {
  const result = await documentClient().send(
    new GetCommand({
      TableName: registryTableName(),
      Key: { pk: requestPk(id), sk: REQUEST_SK },
      ConsistentRead: true,
    }),
  );
  return result.Item
    ? { request: toRequest(result.Item), accepting: result.Item.accepting !== undefined }
    : undefined;
}

/** Add `token` to, or remove it from, a request's `accepting` set while it is pending; false when it is not. */
async function changeAccepting(id: string, token: string, action: 'ADD' | 'DELETE'): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: registryTableName(),
        Key: { pk: requestPk(id), sk: REQUEST_SK },
        UpdateExpression: `${action} accepting :token`,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':token': new Set([token]), ':pending': 'pending' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Mark an acceptance under way (add `token` to `accepting`) while the request is pending. False when it
 * is not pending any more (another decision came first).
 */
export const beginAcceptance = (id: string, token: string): Promise<boolean> =>
  changeAccepting(id, token, 'ADD');

/**
 * An acceptance that took no places (refused, or failed before) removes its token again. Only while
 * the request is pending: a decided request no longer has the set (changeStatus removes it).
 */
export async function endAcceptance(id: string, token: string): Promise<void> {
  await changeAccepting(id, token, 'DELETE');
}

/**
 * Move a request from `from` to `event.status`, appending the event to its history and ending any
 * acceptance under way. Returns the updated request, or undefined when its status was no longer `from`
 * (another decision came first) or, with `unlessAccepting`, when an acceptance is under way.
 */
export async function changeStatus(
  id: string,
  from: RequestStatus,
  event: RequestEvent,
  options: { unlessAccepting?: boolean } = {},
): Promise<ExchangeRequest | undefined> {
  try {
    const result = await documentClient().send(
      new UpdateCommand({
        TableName: registryTableName(),
        Key: { pk: requestPk(id), sk: REQUEST_SK },
        UpdateExpression:
          'SET #status = :to, updatedAt = :at, history = list_append(history, :event) REMOVE accepting',
        ConditionExpression: options.unlessAccepting
          ? '#status = :from AND attribute_not_exists(accepting)'
          : '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':to': event.status, ':from': from, ':at': event.at, ':event': [event] },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRequest(result.Attributes ?? {});
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** A region's requests in one direction, newest first (optionally only one status). */
export async function listRequests(
  direction: 'incoming' | 'outgoing',
  regionId: string,
  options: { limit: number; status?: RequestStatus },
): Promise<ExchangeRequest[]> {
  const table = registryTableName();
  const found: ExchangeRequest[] = [];
  let startKey: Record<string, unknown> | undefined;
  // Pages of ids until enough records (of the wanted status) are found or the partition ends.
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': indexPk(direction, regionId) },
        ScanIndexForward: false,
        Limit: BATCH_GET_MAX,
        ExclusiveStartKey: startKey,
      }),
    );
    const ids = (page.Items ?? []).map((row) => row.id as string);
    const records = await getMany(ids);
    for (const id of ids) {
      const record = records.get(id);
      if (!record) continue; // an index item whose record was never written
      if (options.status && record.status !== options.status) continue;
      found.push(record);
      if (found.length >= options.limit) return found;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

async function getMany(ids: readonly string[]): Promise<Map<string, ExchangeRequest>> {
  const table = registryTableName();
  const records = new Map<string, ExchangeRequest>();
  for (let i = 0; i < ids.length; i += BATCH_GET_MAX) {
    let keys: Record<string, unknown>[] = ids
      .slice(i, i + BATCH_GET_MAX)
      .map((id) => ({ pk: requestPk(id), sk: REQUEST_SK }));
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 20));
      if (attempt > 6)
        throw Object.assign(new Error('BatchGet kept returning unprocessed keys'), {
          name: 'ThrottlingException',
        });
      const result = await documentClient().send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const row of result.Responses?.[table] ?? []) {
        const request = toRequest(row);
        records.set(request.id, request);
      }
      keys = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return records;
}

export type StatsSide = 'BUY' | 'SELL';
export interface StatsDelta {
  requestedPlaces?: number;
  acceptedPlaces?: number;
  requests?: number;
  acceptedRequests?: number;
}

/** Add to one county × side × category counter (atomic ADD; the counters only ever grow). */
export async function addToStats(
  county: string,
  side: StatsSide,
  category: string,
  delta: StatsDelta,
): Promise<void> {
  const entries = Object.entries(delta).filter(([, v]) => v);
  if (entries.length === 0) return;
  await documentClient().send(
    new UpdateCommand({
      TableName: registryTableName(),
      Key: { pk: STATS_PK, sk: statsSk(county, side, category) },
      UpdateExpression: `ADD ${entries.map(([k]) => `${k} :${k}`).join(', ')}`,
      ExpressionAttributeValues: Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v])),
    }),
  );
}

export interface StatsRow {
  side: StatsSide;
  category: string;
  requestedPlaces: number;
  acceptedPlaces: number;
  requests: number;
  acceptedRequests: number;
}

/** The counters of one county, or of every county (keyed by county) with one Query. */
export async function readStats(county?: string): Promise<(StatsRow & { county: string })[]> {
  const rows: (StatsRow & { county: string })[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: registryTableName(),
        KeyConditionExpression: county ? 'pk = :pk AND begins_with(sk, :county)' : 'pk = :pk',
        ExpressionAttributeValues: county
          ? { ':pk': STATS_PK, ':county': `${county}#` }
          : { ':pk': STATS_PK },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const row of page.Items ?? []) {
      const [rowCounty, side, category] = String(row.sk).split('#') as [string, StatsSide, string];
      rows.push({
        county: rowCounty,
        side,
        category,
        requestedPlaces: Number(row.requestedPlaces ?? 0),
        acceptedPlaces: Number(row.acceptedPlaces ?? 0),
        requests: Number(row.requests ?? 0),
        acceptedRequests: Number(row.acceptedRequests ?? 0),
      });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}
