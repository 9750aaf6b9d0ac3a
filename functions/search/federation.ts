/**
 * Warm, federated indexes over the regional stores. Search never touches DynamoDB per query: each
 * region's live version is loaded once (from its compact snapshot), indexed in memory, and replaced
 * atomically when a cheap pointer check sees a new version. Pointer checks run in the background at
 * most every LIMITS.pointerCheckIntervalMs per region, each with a deadline; a region whose store fails
 * keeps serving its last loaded version (`stale`) or, never loaded, is `unavailable`.
 */
import type { Intervention } from '../../shared/intervention.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { type LivePointer, readPointer, readSnapshot } from '../catalogue/store.ts';
import { withDeadline } from '../lib/deadline.ts';
import { log } from '../lib/log.ts';
import { buildRegionIndex, type RegionIndex } from './engine/index.ts';

export type RegionStatus = 'ok' | 'stale' | 'unavailable';

export interface RegionState {
  region: RegionConfig;
  index?: RegionIndex;
  version: number | null;
  /** Outcome of the last pointer check or load. */
  healthy: boolean;
  lastCheckAt: number;
  checking?: Promise<void>;
  /** The very first check: cold requests wait for it (up to the cold deadline); later ones never block. */
  firstCheck?: Promise<void>;
  firstCheckAt?: number;
  loadingVersion?: number;
  /** With a filter: every item of the loaded version (the index holds the selected ones), and until when the selection holds. */
  items?: readonly Intervention[];
  filterKey?: string;
  filterValidUntil?: number;
}

/**
 * Which items of a region's live version go into its index. Applied when a version is loaded, and again
 * (from the items in memory, no store read) once `validUntil` has passed or `key` changed — so a rule in
 * time, such as hiding items unconfirmed for two review intervals (functions/review/search-visibility.ts),
 * takes effect within a pointer check of its instant.
 */
export interface IndexFilter {
  /** What the selection depends on besides time (e.g. the region's review interval). */
  key(region: RegionConfig): string;
  select(
    items: readonly Intervention[],
    region: RegionConfig,
    now: number,
  ): { items: Intervention[]; validUntil: number };
}

/** How long a cold request waits for the first load of all regions before answering with what it has. */
export const COLD_LOAD_DEADLINE_MS = 2_500;

export interface StoreReader {
  readPointer(tableName: string): Promise<LivePointer | null>;
  readSnapshot(tableName: string, version: number): Promise<Intervention[]>;
}

const dynamoReader: StoreReader = { readPointer, readSnapshot };

export class Federation {
  readonly states = new Map<string, RegionState>();
  private readonly reader: StoreReader;
  private readonly checkIntervalMs: number;
  private readonly deadlineMs: number;
  private readonly now: () => number;
  private readonly filter: IndexFilter | undefined;

  constructor(
    options: {
      reader?: StoreReader;
      checkIntervalMs?: number;
      deadlineMs?: number;
      now?: () => number;
      filter?: IndexFilter;
    } = {},
  ) {
    this.reader = options.reader ?? dynamoReader;
    this.filter = options.filter;
    this.checkIntervalMs = options.checkIntervalMs ?? LIMITS.pointerCheckIntervalMs;
    this.deadlineMs = options.deadlineMs ?? LIMITS.regionDeadlineMs;
    this.now = options.now ?? Date.now;
  }

  private stateOf(region: RegionConfig): RegionState {
    let state = this.states.get(region.id);
    if (!state) {
      state = { region, version: null, healthy: false, lastCheckAt: 0 };
      this.states.set(region.id, state);
    }
    state.region = region;
    return state;
  }

  /** Check the region's pointer and, if its version changed, load and swap in the new index. */
  private refresh(state: RegionState): Promise<void> {
    if (state.checking) return state.checking;
    state.lastCheckAt = this.now();
    state.firstCheckAt ??= state.lastCheckAt;
    const run = (async () => {
      try {
        // A warm region gets the per-request deadline; the first (cold) check may take the cold deadline.
        const deadline = state.index ? this.deadlineMs : COLD_LOAD_DEADLINE_MS;
        const pointer = await withDeadline(this.reader.readPointer(state.region.tableName), deadline);
        if (!pointer) {
          state.index = undefined;
          state.version = null;
          state.healthy = true;
          return;
        }
        if (pointer.version !== state.version) {
          state.loadingVersion = pointer.version;
          const items = await this.reader.readSnapshot(state.region.tableName, pointer.version);
          this.install(state, pointer.version, items);
        } else if (
          this.filter &&
          state.items &&
          (this.now() > (state.filterValidUntil ?? Number.POSITIVE_INFINITY) ||
            this.filter.key(state.region) !== state.filterKey)
        ) {
          this.install(state, pointer.version, state.items);
        }
        state.healthy = true;
      } catch (error) {
        state.healthy = false;
        log.warn('region store check failed', { regionId: state.region.id, error });
      } finally {
        state.loadingVersion = undefined;
        state.checking = undefined;
      }
    })();
    state.checking = run;
    return run;
  }

  /** Build and swap in a region's index (through the filter, when there is one). */
  private install(state: RegionState, version: number, items: readonly Intervention[]): void {
    let indexed = items;
    if (this.filter) {
      const selection = this.filter.select(items, state.region, this.now());
      indexed = selection.items;
      state.items = items;
      state.filterKey = this.filter.key(state.region);
      state.filterValidUntil = selection.validUntil;
    }
    // Atomic swap: one assignment; a query holds the index object it started with.
    state.index = buildRegionIndex(state.region.id, version, indexed);
    state.version = version;
  }

  /**
   * The indexes to search now. Regions never loaded are awaited (cold start, all concurrently, up to
   * the cold deadline); loaded regions answer at once and are refreshed in the background.
   */
  async current(regions: readonly RegionConfig[]): Promise<{
    indexes: RegionIndex[];
    statuses: Record<string, { status: RegionStatus; version: number | null }>;
  }> {
    const cold: Promise<void>[] = [];
    const now = this.now();
    for (const region of regions) {
      const state = this.stateOf(region);
      const due = now - state.lastCheckAt >= this.checkIntervalMs;
      if (!state.firstCheck) {
        state.firstCheck = this.refresh(state);
        cold.push(state.firstCheck);
      } else if (state.checking && state.lastCheckAt === state.firstCheckAt) {
        cold.push(state.checking);
      } else if (due) {
        void this.refresh(state);
      }
    }
    if (cold.length) await withDeadline(Promise.all(cold), COLD_LOAD_DEADLINE_MS).catch(() => undefined);
    const indexes: RegionIndex[] = [];
    const statuses: Record<string, { status: RegionStatus; version: number | null }> = {};
    for (const region of regions) {
      const state = this.stateOf(region);
      if (state.index) indexes.push(state.index);
      const status: RegionStatus =
        state.version === null && !state.healthy ? 'unavailable' : state.healthy ? 'ok' : 'stale';
      statuses[region.id] = { status, version: state.version };
    }
    return { indexes, statuses };
  }

  /** Wait for every check in flight (tests and the benchmark). */
  async settle(): Promise<void> {
    await Promise.all([...this.states.values()].map((s) => s.checking ?? Promise.resolve()));
  }
}
