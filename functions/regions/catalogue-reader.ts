/**
 * Reading a region's published catalogue for the public API: resolve the region, resolve its live
 * version once, read from that version only. Store failures become a retryable 503.
 */
import { z } from 'zod';
import type { RegionConfig } from '../../shared/region.ts';
import { getItem, type LivePointer, listItems, readPointer } from '../catalogue/store.ts';
import { isStoreUnavailable } from '../lib/dynamo.ts';
import { HttpError, notFound, serviceUnavailable } from '../lib/errors.ts';
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

export const livePointer = (region: RegionConfig): Promise<LivePointer | null> =>
  guardStore(() => readPointer(region.tableName));

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
export async function pageOfCatalogue(region: RegionConfig, options: { limit: number; cursor?: string }) {
  const cursor = options.cursor ? decodeCursor(options.cursor) : undefined;
  if (options.cursor && !cursor) {
    throw new HttpError(400, 'invalid-cursor', {
      sv: 'Sidmarkören är ogiltig. Börja om från första sidan.',
      en: 'The page cursor is invalid. Start again from the first page.',
    });
  }
  const live = await livePointer(region);
  const version = cursor?.v ?? live?.version;
  if (!version || !live) return { version: null, publishedAt: null, total: 0, items: [], nextCursor: null };
  const page = await guardStore(() =>
    listItems(region.tableName, version, { limit: options.limit, afterId: cursor?.a }),
  );
  return {
    version,
    publishedAt: version === live.version ? live.publishedAt : null,
    total: version === live.version ? live.itemCount : null,
    items: page.items,
    nextCursor: page.lastId ? encodeCursor({ v: version, a: page.lastId }) : null,
  };
}

export async function liveItem(region: RegionConfig, id: string) {
  const live = await livePointer(region);
  if (!live) throw notFound('intervention', id);
  const item = await guardStore(() => getItem(region.tableName, live.version, id));
  if (!item) throw notFound('intervention', id);
  return { version: live.version, item };
}
