/**
 * Each region's live catalogue for the coverage answer, kept warm in memory and keyed by the live
 * version: a request never scans a table. Like the search federation, a region's pointer (one GetItem)
 * is checked at most every LIMITS.pointerCheckIntervalMs, with a deadline; only a new version is read
 * (its compact snapshot, one or two queries). Unlike search, a request waits for a due pointer check
 * (coverage is read rarely and should show a publish at once); concurrent requests share it.
 * A region whose store fails keeps its last loaded version (`stale`); never loaded, it is `unavailable`.
 */
import type { Intervention } from '../../shared/intervention.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { type LivePointer, readPointer, readSnapshot } from '../catalogue/store.ts';
import { withDeadline } from '../lib/deadline.ts';
import { log } from '../lib/log.ts';
import type { RegionSnapshot } from './coverage.ts';

interface State {
  region: RegionConfig;
  pointer: { version: number; publishedAt: string } | null;
  items: readonly Intervention[];
  loaded: boolean;
  healthy: boolean;
  lastCheckAt: number;
  checking?: Promise<void>;
}

/** What the cache reads of a region's store (tests pass a failing or counting one). */
export interface SnapshotReader {
  readPointer(tableName: string): Promise<LivePointer | null>;
  readSnapshot(tableName: string, version: number): Promise<Intervention[]>;
}

export interface SnapshotCacheOptions {
  reader?: SnapshotReader;
  checkIntervalMs?: number;
  /** Deadline of a pointer check. */
  deadlineMs?: number;
  /** Deadline of loading a new version's snapshot. */
  loadDeadlineMs?: number;
  now?: () => number;
}

export class SnapshotCache {
  readonly states = new Map<string, State>();
  /** How many snapshots were read (tests: proves the cache is keyed by version). */
  snapshotReads = 0;
  private readonly reader: SnapshotReader;
  private readonly checkIntervalMs: number;
  private readonly deadlineMs: number;
  private readonly loadDeadlineMs: number;
  private readonly now: () => number;

  constructor(options: SnapshotCacheOptions = {}) {
    this.reader = options.reader ?? { readPointer, readSnapshot };
    this.checkIntervalMs = options.checkIntervalMs ?? LIMITS.pointerCheckIntervalMs;
    this.deadlineMs = options.deadlineMs ?? LIMITS.regionDeadlineMs;
    this.loadDeadlineMs = options.loadDeadlineMs ?? 8_000;
    this.now = options.now ?? Date.now;
  }

  private stateOf(region: RegionConfig): State {
    let state = this.states.get(region.id);
    if (!state || state.region.tableName !== region.tableName) {
      state = { region, pointer: null, items: [], loaded: false, healthy: false, lastCheckAt: 0 };
      this.states.set(region.id, state);
    }
    state.region = region;
    return state;
  }

  private refresh(state: State): Promise<void> {
    if (state.checking) return state.checking;
    state.lastCheckAt = this.now();
    const run = (async () => {
      try {
        const pointer = await withDeadline(this.reader.readPointer(state.region.tableName), this.deadlineMs);
        if (!pointer) {
          state.pointer = null;
          state.items = [];
        } else if (!state.loaded || pointer.version !== state.pointer?.version) {
          const items = await withDeadline(
            this.reader.readSnapshot(state.region.tableName, pointer.version),
            this.loadDeadlineMs,
          );
          this.snapshotReads++;
          // One assignment each: a request holds the arrays it started with.
          state.items = items;
          state.pointer = { version: pointer.version, publishedAt: pointer.publishedAt };
        }
        state.loaded = true;
        state.healthy = true;
      } catch (error) {
        state.healthy = false;
        log.warn('region store check failed', { regionId: state.region.id, error });
      } finally {
        state.checking = undefined;
      }
    })();
    state.checking = run;
    return run;
  }

  /** Every region's live items, checking the pointers that are due (concurrently). */
  async current(regions: readonly RegionConfig[]): Promise<RegionSnapshot[]> {
    const now = this.now();
    const due: Promise<void>[] = [];
    for (const region of regions) {
      const state = this.stateOf(region);
      if (state.checking) due.push(state.checking);
      else if (!state.loaded || now - state.lastCheckAt >= this.checkIntervalMs)
        due.push(this.refresh(state));
    }
    await Promise.all(due);
    return regions.map((region) => {
      const state = this.stateOf(region);
      const status = state.healthy ? 'ok' : state.loaded ? 'stale' : 'unavailable';
      return { region, status, pointer: state.pointer, items: state.items };
    });
  }
}
