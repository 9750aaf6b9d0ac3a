/**
 * Reading a region's published catalogue for the public API: resolve the region, resolve its live
 * version once (a consistent read of the pointer, reused for up to LIMITS.publicLiveMaxAgeMs: a publish
 * shows within a second, at once to a request with `Cache-Control: no-cache`), read from that version
 * only. Store failures become a retryable 503.
 *
 * A published version never changes, so pages and items read from the live version are kept in a
 * bounded cache keyed by table, version (with its publication instant) and position: a warm instance reads a popular page from the
 * store once per version, and a new version is simply other keys. Only the live version is cached
 * (an older version a cursor pins may be removed by cleanup, so it is always read from the store).
 */
import { z } from 'zod';
import type { Intervention } from '../../shared/intervention.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { getItem, type LivePointer, listItems, readPointer } from '../catalogue/store.ts';
import { isStoreUnavailable } from '../lib/dynamo.ts';
import { HttpError, notFound, serviceUnavailable } from '../lib/errors.ts';
import { type Freshness, TtlCache } from '../lib/ttl-cache.ts';
import { getRegion } from '../registry/store.ts';

export async function requireRegion(regionId: string): Promise<RegionConfig> {
  const region = await guardStore(() => getRegion(regionId));
  if (!region) throw notFound('region', regionId);
  return region;
}

/** Run a store call; an unreachable or failing store becomes 503 with Retry-After (nothing changed). */
export async function guardStore<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isStoreUnavailable(error)) throw serviceUnavailable(error);
    throw error;
  }
}

// The live pointer, read consistently at most once per LIMITS.publicLiveMaxAgeMs per table: a publish
// shows within a second, and a busy instance reads it once a second, not once per request (it was most of
// the store calls of a public read, each a signed request).
const pointerCache = new TtlCache<LivePointer | null>(LIMITS.publicLiveMaxAgeMs, { maxEntries: 1_000 });

// `fresh`: the request asked for the live version as it is now (`Cache-Control: no-cache`): the admin
// pages do, after a publish, an edit or a rollback, so an administrator sees their change at once.
export const livePointer = (region: RegionConfig, read: Freshness = {}): Promise<LivePointer | null> =>
  pointerCache.get(region.tableName, () => guardStore(() => readPointer(region.tableName)), read);

// Never stale by time (a version never changes), so no expiry; concurrent readers share one store read.
const pageCache = new TtlCache<CataloguePage>(Number.POSITIVE_INFINITY, { maxEntries: 2_000 });
const itemCache = new TtlCache<Intervention | null>(Number.POSITIVE_INFINITY, { maxEntries: 20_000 });

/** A published version, told apart from a store rebuilt with the same numbers by its publication instant. */
const versionKey = (region: RegionConfig, live: LivePointer) =>
  `${region.tableName}\u0000${live.version}\u0000${live.publishedAt}`;

const CursorSchema = z.strictObject({ v: z.number().int().positive(), a: z.string().min(1).max(64) });
export type ListCursor = z.output<typeof CursorSchema>;

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(value: string): ListCursor | undefined {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A page of the live catalogue. A cursor pins the version it was made from, so paging stays
 * consistent across a publish (older versions are kept for rollback).
 */
export async function pageOfCatalogue(
  region: RegionConfig,
  options: { limit: number; cursor?: string },
  read: Freshness = {},
): Promise<CataloguePage> {
  const cursor = options.cursor ? decodeCursor(options.cursor) : undefined;
  if (options.cursor && !cursor) {
    throw new HttpError(400, 'invalid-cursor', {
      sv: 'Sidmarkören är ogiltig. Börja om från första sidan.',
      en: 'The page cursor is invalid. Start again from the first page.',
    });
  }
  const live = await livePointer(region, read);
  const version = cursor?.v ?? live?.version;
  if (!version || !live) return { version: null, publishedAt: null, total: 0, items: [], nextCursor: null };
  if (version !== live.version) return readPage(region, version, live, options.limit, cursor?.a);
  const key = `${versionKey(region, live)}\u0000${options.limit}\u0000${cursor?.a ?? ''}`;
  return pageCache.get(key, () => readPage(region, version, live, options.limit, cursor?.a));
}

export interface CataloguePage {
  version: number | null;
  publishedAt: string | null;
  total: number | null;
  items: Intervention[];
  nextCursor: string | null;
}

async function readPage(
  region: RegionConfig,
  version: number,
  live: LivePointer,
  limit: number,
  afterId: string | undefined,
): Promise<CataloguePage> {
  const page = await guardStore(() => listItems(region.tableName, version, { limit, afterId }));
  return {
    version,
    publishedAt: version === live.version ? live.publishedAt : null,
    total: version === live.version ? live.itemCount : null,
    items: page.items,
    nextCursor: page.lastId ? encodeCursor({ v: version, a: page.lastId }) : null,
  };
}

export async function liveItem(region: RegionConfig, id: string, read: Freshness = {}) {
  const live = await livePointer(region, read);
  if (!live) throw notFound('intervention', id);
  const key = `${versionKey(region, live)}\u0000${id}`;
  const item = await itemCache.get(
    key,
    async () => (await guardStore(() => getItem(region.tableName, live.version, id))) ?? null,
  );
  if (!item) throw notFound('intervention', id);
  return { version: live.version, item };
}
