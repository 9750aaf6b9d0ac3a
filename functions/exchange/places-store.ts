/**
 * The live places of interventions open to other municipalities, in the region's own table.
 *
 * A published catalogue version is an immutable snapshot, so it cannot count places down atomically.
 * Each intervention whose places the exchange has touched gets one mutable item instead:
 *
 *   PLACES / <id>              { open, available, availableKnown, price, period, updatedAt, updatedBy,
 *                                baseline, revision, taken: string set of request ids }
 *   PLACES#<id> / H#<revision> one history entry per change: who, when, why, field → [before, after]
 *
 * `baseline` is the fingerprint of the catalogue's `interMunicipal` when the item was last aligned with
 * it. Reading: while the live catalogue still has that fingerprint, the PLACES item is the truth;
 * once a publish changes the catalogue's `interMunicipal` (an upload, an edit), the catalogue is the
 * newer statement and wins — and the next write aligns the item again (reason `catalogue`). A catalogue
 * re-uploaded unchanged (an export edited elsewhere) keeps the fingerprint, so the live places survive.
 *
 * Taking places is one conditional UpdateItem: `available = available - :n` only if `available >= :n`,
 * the offer is open, the baseline still holds and the request id is not yet in `taken` — so two
 * acceptances can never oversell, and an acceptance retried after a crash never takes twice.
 * No transactions (dynalite has none).
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Places, PlacesChangeReason, PlacesHistoryEntry, PlacesPatch } from '../../shared/exchange.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { storeClient } from '../lib/dynamo.ts';
import { log } from '../lib/log.ts';

export const PLACES_PK = 'PLACES';
const historyPk = (id: string) => `PLACES#${id}`;
const historySk = (revision: number) => `H#${String(revision).padStart(10, '0')}`;
/** How often a write re-aligns with a catalogue that changed under it before giving up (→ 409). */
const MAX_ATTEMPTS = 4;

export interface PlacesRecord {
  id: string;
  open: boolean;
  available: number;
  availableKnown: boolean;
  pricePerParticipantSek?: number;
  pricePeriod?: Places['pricePeriod'];
  updatedAt: string;
  updatedBy: string;
  baseline: string;
  revision: number;
  taken?: Set<string>;
}

export class PlacesConflictError extends Error {
  readonly reason: 'not-enough' | 'closed' | 'unknown-places' | 'busy';
  readonly available: number;
  constructor(reason: PlacesConflictError['reason'], available: number) {
    super(`Places cannot be taken: ${reason}`);
    this.name = 'PlacesConflictError';
    this.reason = reason;
    this.available = available;
  }
}

const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** The catalogue's statement about places, as a string that changes when any of it changes. */
export function catalogueFingerprint(item: Intervention): string {
  const im = item.interMunicipal;
  return JSON.stringify([
    im?.open ?? false,
    im?.placesAvailable ?? null,
    im?.pricePerParticipantSek ?? null,
    im?.pricePeriod ?? null,
    im?.placesUpdatedAt ?? null,
  ]);
}

function fromRow(row: Record<string, unknown>): PlacesRecord {
  const taken = row.taken;
  return {
    id: row.sk as string,
    open: row.open === true,
    available: Number(row.available ?? 0),
    availableKnown: row.availableKnown === true,
    ...(typeof row.pricePerParticipantSek === 'number'
      ? { pricePerParticipantSek: row.pricePerParticipantSek }
      : {}),
    ...(typeof row.pricePeriod === 'string' ? { pricePeriod: row.pricePeriod as Places['pricePeriod'] } : {}),
    updatedAt: row.updatedAt as string,
    updatedBy: row.updatedBy as string,
    baseline: row.baseline as string,
    revision: Number(row.revision ?? 0),
    ...(taken instanceof Set ? { taken: taken as Set<string> } : {}),
  };
}

export async function readPlaces(tableName: string, id: string): Promise<PlacesRecord | undefined> {
  const result = await storeClient(tableName).send(
    new GetCommand({ TableName: tableName, Key: { pk: PLACES_PK, sk: id }, ConsistentRead: true }),
  );
  return result.Item ? fromRow(result.Item) : undefined;
}

/**
 * Every PLACES item of a region (one partition, a handful of pages at most). `consistent`: as a GetItem
 * of one would read it (the public overlay, whose fresh reads must show a change at once).
 */
export async function readAllPlaces(
  tableName: string,
  options: { consistent?: boolean } = {},
): Promise<Map<string, PlacesRecord>> {
  const records = new Map<string, PlacesRecord>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await storeClient(tableName).send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PLACES_PK },
        ExclusiveStartKey: startKey,
        ...(options.consistent ? { ConsistentRead: true } : {}),
      }),
    );
    for (const row of page.Items ?? []) records.set(row.sk as string, fromRow(row));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return records;
}

/** The places to show: the PLACES item while its baseline matches the live catalogue, else the catalogue. */
export function effectivePlaces(item: Intervention, record: PlacesRecord | undefined): Places {
  if (record && record.baseline === catalogueFingerprint(item)) {
    return {
      open: record.open,
      ...(record.availableKnown ? { placesAvailable: record.available } : {}),
      ...(record.pricePerParticipantSek !== undefined
        ? { pricePerParticipantSek: record.pricePerParticipantSek }
        : {}),
      ...(record.pricePeriod ? { pricePeriod: record.pricePeriod } : {}),
      placesUpdatedAt: record.updatedAt,
      source: 'exchange',
      updatedBy: record.updatedBy,
      revision: record.revision,
    };
  }
  const im = item.interMunicipal;
  return {
    open: im?.open ?? false,
    ...(im?.placesAvailable !== undefined ? { placesAvailable: im.placesAvailable } : {}),
    ...(im?.pricePerParticipantSek !== undefined
      ? { pricePerParticipantSek: im.pricePerParticipantSek }
      : {}),
    ...(im?.pricePeriod ? { pricePeriod: im.pricePeriod } : {}),
    ...(im?.placesUpdatedAt ? { placesUpdatedAt: im.placesUpdatedAt } : {}),
    source: 'catalogue',
    revision: record?.revision ?? 0,
  };
}

/** The intervention with its `interMunicipal` as the exchange says now (for every API answer that shows places). */
export function withLivePlaces(item: Intervention, record: PlacesRecord | undefined): Intervention {
  if (!record && !item.interMunicipal) return item;
  const places = effectivePlaces(item, record);
  if (places.source === 'catalogue') return item;
  return {
    ...item,
    interMunicipal: {
      open: places.open,
      ...(places.pricePerParticipantSek !== undefined
        ? { pricePerParticipantSek: places.pricePerParticipantSek }
        : {}),
      ...(places.pricePeriod ? { pricePeriod: places.pricePeriod } : {}),
      ...(places.placesAvailable !== undefined ? { placesAvailable: places.placesAvailable } : {}),
      ...(places.placesUpdatedAt ? { placesUpdatedAt: places.placesUpdatedAt } : {}),
    },
  };
}

const snapshotOf = (record: PlacesRecord | Places | undefined) => {
  if (!record) return {};
  const r = record as Partial<PlacesRecord> & Partial<Places>;
  return {
    open: r.open,
    placesAvailable: 'available' in r ? (r.availableKnown ? r.available : undefined) : r.placesAvailable,
    pricePerParticipantSek: r.pricePerParticipantSek,
    pricePeriod: r.pricePeriod,
  } as Record<string, unknown>;
};

function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of ['open', 'placesAvailable', 'pricePerParticipantSek', 'pricePeriod']) {
    if (before[key] !== after[key]) changes[key] = [before[key] ?? null, after[key] ?? null];
  }
  return changes;
}

async function appendHistory(tableName: string, id: string, entry: PlacesHistoryEntry): Promise<void> {
  try {
    await storeClient(tableName).send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: historyPk(id), sk: historySk(entry.revision), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    // The change itself is done; a lost history line is logged (the revision numbers show the gap).
    log.error('places history entry not written', { id, revision: entry.revision, error });
  }
}

export async function placesHistory(
  tableName: string,
  id: string,
  limit: number,
): Promise<PlacesHistoryEntry[]> {
  const result = await storeClient(tableName).send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
      ExpressionAttributeValues: { ':pk': historyPk(id), ':h': 'H#' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((row) => ({
    revision: Number(row.revision),
    at: row.at as string,
    by: row.by as string,
    reason: row.reason as PlacesChangeReason,
    changes: (row.changes ?? {}) as Record<string, [unknown, unknown]>,
    ...(row.requestId ? { requestId: row.requestId as string } : {}),
  }));
}

/**
 * Make the PLACES item agree with the live catalogue item: create it from the catalogue when missing,
 * or reset it when a publish changed the catalogue's statement. Returns the aligned record.
 */
export async function alignWithCatalogue(
  tableName: string,
  item: Intervention,
  now: Date,
): Promise<PlacesRecord> {
  const fingerprint = catalogueFingerprint(item);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readPlaces(tableName, item.id);
    if (current && current.baseline === fingerprint) return current;
    const im = item.interMunicipal;
    const at = now.toISOString();
    const values = {
      open: im?.open ?? false,
      available: im?.placesAvailable ?? 0,
      availableKnown: im?.placesAvailable !== undefined,
      updatedAt: im?.placesUpdatedAt ?? at,
      updatedBy: 'katalogen',
      baseline: fingerprint,
    };
    const price = im?.pricePerParticipantSek;
    const period = im?.pricePeriod;
    const revision = (current?.revision ?? 0) + 1;
    try {
      // A put replaces every field but keeps `taken` (acceptances in flight must stay idempotent).
      await storeClient(tableName).send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: PLACES_PK,
            sk: item.id,
            ...values,
            ...(price !== undefined ? { pricePerParticipantSek: price } : {}),
            ...(period ? { pricePeriod: period } : {}),
            revision,
            ...(current?.taken?.size ? { taken: current.taken } : {}),
          },
          ConditionExpression: current ? 'revision = :revision' : 'attribute_not_exists(pk)',
          ...(current ? { ExpressionAttributeValues: { ':revision': current.revision } } : {}),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) continue; // someone else wrote first: read again
      throw error;
    }
    const aligned: PlacesRecord = {
      id: item.id,
      ...values,
      ...(price !== undefined ? { pricePerParticipantSek: price } : {}),
      ...(period ? { pricePeriod: period } : {}),
      revision,
      ...(current?.taken?.size ? { taken: current.taken } : {}),
    };
    await appendHistory(tableName, item.id, {
      revision,
      at,
      by: 'katalogen',
      reason: 'catalogue',
      changes: changesBetween(snapshotOf(current), snapshotOf(aligned)),
    });
    return aligned;
  }
  throw new PlacesConflictError('busy', 0);
}

/** The owner's change of open / places / price / period; every call is one history entry. */
export async function patchPlaces(
  tableName: string,
  item: Intervention,
  patch: PlacesPatch,
  by: string,
  now: Date,
): Promise<PlacesRecord> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await alignWithCatalogue(tableName, item, now);
    const at = now.toISOString();
    const sets = ['updatedAt = :at', 'updatedBy = :by'];
    const values: Record<string, unknown> = {
      ':at': at,
      ':by': by,
      ':one': 1,
      ':baseline': current.baseline,
    };
    const names: Record<string, string> = {};
    if (patch.open !== undefined) {
      sets.push('#open = :open');
      names['#open'] = 'open';
      values[':open'] = patch.open;
    }
    if (patch.placesAvailable !== undefined) {
      sets.push('available = :available', 'availableKnown = :true');
      values[':available'] = patch.placesAvailable;
      values[':true'] = true;
    }
    if (patch.pricePerParticipantSek !== undefined) {
      sets.push('pricePerParticipantSek = :price');
      values[':price'] = patch.pricePerParticipantSek;
    }
    if (patch.pricePeriod !== undefined) {
      sets.push('pricePeriod = :period');
      values[':period'] = patch.pricePeriod;
    }
    let result: Record<string, unknown> | undefined;
    try {
      const answer = await storeClient(tableName).send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: PLACES_PK, sk: item.id },
          UpdateExpression: `SET ${sets.join(', ')} ADD revision :one`,
          ConditionExpression: 'baseline = :baseline',
          ExpressionAttributeValues: values,
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      );
      result = answer.Attributes;
    } catch (error) {
      if (isConditionFailure(error)) continue; // a publish changed the catalogue meanwhile: align again
      throw error;
    }
    const updated = fromRow(result ?? {});
    // `before` is the aligned record; a concurrent acceptance between the two is the only other writer of
    // `available`, and it has its own history entry.
    await appendHistory(tableName, item.id, {
      revision: updated.revision,
      at,
      by,
      reason: 'edit',
      changes: changesBetween(snapshotOf(current), snapshotOf(updated)),
    });
    return updated;
  }
  throw new PlacesConflictError('busy', 0);
}

/**
 * Take `places` for an accepted request, atomically. Idempotent per request id: a retry after a crash
 * finds the id in `taken` and takes nothing more. Throws PlacesConflictError when the offer is closed,
 * its places are unknown, or fewer than `places` are free.
 */
export async function takePlaces(
  tableName: string,
  item: Intervention,
  requestId: string,
  places: number,
  by: string,
  now: Date,
): Promise<{ record: PlacesRecord; alreadyTaken: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await alignWithCatalogue(tableName, item, now);
    if (current.taken?.has(requestId)) return { record: current, alreadyTaken: true };
    const at = now.toISOString();
    try {
      const answer = await storeClient(tableName).send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: PLACES_PK, sk: item.id },
          UpdateExpression:
            'SET available = available - :n, updatedAt = :at, updatedBy = :by ADD revision :one, taken :request',
          ConditionExpression:
            'baseline = :baseline AND #open = :true AND availableKnown = :true AND available >= :n ' +
            'AND (attribute_not_exists(taken) OR NOT contains(taken, :requestId))',
          ExpressionAttributeNames: { '#open': 'open' },
          ExpressionAttributeValues: {
            ':n': places,
            ':at': at,
            ':by': by,
            ':one': 1,
            ':request': new Set([requestId]),
            ':requestId': requestId,
            ':baseline': current.baseline,
            ':true': true,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const updated = fromRow(answer.Attributes ?? {});
      await appendHistory(tableName, item.id, {
        revision: updated.revision,
        at,
        by,
        reason: 'accept',
        changes: { placesAvailable: [updated.available + places, updated.available] },
        requestId,
      });
      return { record: updated, alreadyTaken: false };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Why did the condition fail? Read the item as it is now.
    const now2 = await readPlaces(tableName, item.id);
    if (!now2) continue;
    if (now2.taken?.has(requestId)) return { record: now2, alreadyTaken: true };
    if (now2.baseline !== current.baseline) continue; // the catalogue changed: align and try again
    if (!now2.open) throw new PlacesConflictError('closed', now2.available);
    if (!now2.availableKnown) throw new PlacesConflictError('unknown-places', 0);
    if (now2.available < places) throw new PlacesConflictError('not-enough', now2.available);
  }
  throw new PlacesConflictError('busy', 0);
}

/** Give back the places a request took (a decision that lost a race). Only if this request took them. */
export async function returnPlaces(
  tableName: string,
  id: string,
  requestId: string,
  places: number,
  by: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  try {
    const answer = await storeClient(tableName).send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: PLACES_PK, sk: id },
        UpdateExpression:
          'SET available = available + :n, updatedAt = :at, updatedBy = :by ADD revision :one DELETE taken :request',
        ConditionExpression: 'contains(taken, :requestId)',
        ExpressionAttributeValues: {
          ':n': places,
          ':at': at,
          ':by': by,
          ':one': 1,
          ':request': new Set([requestId]),
          ':requestId': requestId,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const updated = fromRow(answer.Attributes ?? {});
    await appendHistory(tableName, id, {
      revision: updated.revision,
      at,
      by,
      reason: 'refund',
      changes: { placesAvailable: [updated.available - places, updated.available] },
      requestId,
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
