/**
 * A region's review configuration — its interval and its named owners — in the region's own table:
 *
 *   REVIEW / CONFIG   { reviewIntervalDays, owners: [{ name, email, municipalities, categories }],
 *                       revision, updatedAt, updatedBy }
 *
 * Saved whole, with optimistic concurrency (`revision`). The interval is also what newcomer search hides
 * by, so it is cached per function instance (a minute) for the search and the marketplace.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { LIMITS } from '../../shared/limits.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { clampInterval } from '../../shared/review.ts';
import type { ReviewConfig, ReviewConfigBody, ReviewOwner } from '../../shared/review-api.ts';
import { storeClient } from '../lib/dynamo.ts';
import { log } from '../lib/log.ts';

export const REVIEW_PK = 'REVIEW';
export const CONFIG_SK = 'CONFIG';
export const INTERVAL_CACHE_MS = 60_000;

export class ConfigConflictError extends Error {
  constructor() {
    super('The review configuration was saved by someone else meanwhile');
    this.name = 'ConfigConflictError';
  }
}

export function emptyConfig(regionId: string): ReviewConfig {
  return {
    regionId,
    reviewIntervalDays: LIMITS.reviewIntervalDays,
    overdueGraceDays: LIMITS.overdueGraceDays,
    owners: [],
    revision: 0,
    updatedAt: null,
    updatedBy: null,
  };
}

export async function readReviewConfig(region: RegionConfig): Promise<ReviewConfig> {
  const result = await storeClient(region.tableName).send(
    new GetCommand({
      TableName: region.tableName,
      Key: { pk: REVIEW_PK, sk: CONFIG_SK },
      ConsistentRead: true,
    }),
  );
  const row = result.Item;
  const config = row
    ? {
        regionId: region.id,
        reviewIntervalDays: clampInterval(Number(row.reviewIntervalDays)),
        overdueGraceDays: LIMITS.overdueGraceDays,
        owners: (row.owners ?? []) as ReviewOwner[],
        revision: Number(row.revision ?? 0),
        updatedAt: (row.updatedAt as string) ?? null,
        updatedBy: (row.updatedBy as string) ?? null,
      }
    : emptyConfig(region.id);
  intervals.set(region.id, { days: config.reviewIntervalDays, at: Date.now() });
  return config;
}

export async function writeReviewConfig(
  region: RegionConfig,
  body: ReviewConfigBody,
  by: string,
  now = new Date(),
): Promise<ReviewConfig> {
  const current = await readReviewConfig(region);
  if (body.revision !== undefined && body.revision !== current.revision) throw new ConfigConflictError();
  const next: ReviewConfig = {
    regionId: region.id,
    reviewIntervalDays: body.reviewIntervalDays,
    overdueGraceDays: LIMITS.overdueGraceDays,
    owners: body.owners,
    revision: current.revision + 1,
    updatedAt: now.toISOString(),
    updatedBy: by,
  };
  try {
    await storeClient(region.tableName).send(
      new PutCommand({
        TableName: region.tableName,
        Item: {
          pk: REVIEW_PK,
          sk: CONFIG_SK,
          reviewIntervalDays: next.reviewIntervalDays,
          owners: next.owners,
          revision: next.revision,
          updatedAt: next.updatedAt,
          updatedBy: next.updatedBy,
        },
        ConditionExpression: current.revision === 0 ? 'attribute_not_exists(pk)' : 'revision = :revision',
        ...(current.revision === 0 ? {} : { ExpressionAttributeValues: { ':revision': current.revision } }),
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException')
      throw new ConfigConflictError();
    throw error;
  }
  intervals.set(region.id, { days: next.reviewIntervalDays, at: Date.now() });
  return next;
}

// ── The interval cache (search and marketplace) ─────────────────────────────────────────────────────

const intervals = new Map<string, { days: number; at: number }>();
const loading = new Map<string, Promise<void>>();

/** The region's interval as last read (the default until it has been read). */
export function reviewIntervalOf(regionId: string): number {
  return intervals.get(regionId)?.days ?? LIMITS.reviewIntervalDays;
}

/**
 * Read the intervals older than a minute. Regions never read are awaited (up to `deadlineMs`); the others
 * refresh in the background. A store that fails keeps its last value (or the default).
 */
export async function refreshReviewIntervals(
  regions: readonly RegionConfig[],
  options: { now?: number; deadlineMs?: number } = {},
): Promise<void> {
  const now = options.now ?? Date.now();
  const cold: Promise<void>[] = [];
  for (const region of regions) {
    const known = intervals.get(region.id);
    if (known && now - known.at < INTERVAL_CACHE_MS) continue;
    let run = loading.get(region.id);
    if (!run) {
      run = readReviewConfig(region)
        .then(() => undefined)
        .catch((error) => {
          log.warn('review interval unreadable; keeping the last one', { regionId: region.id, error });
          intervals.set(region.id, { days: reviewIntervalOf(region.id), at: now });
        })
        .finally(() => loading.delete(region.id));
      loading.set(region.id, run);
    }
    if (!known) cold.push(run);
  }
  if (cold.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(cold),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.deadlineMs ?? LIMITS.regionDeadlineMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Tests: forget every cached interval. */
export function clearReviewIntervals(): void {
  intervals.clear();
}
