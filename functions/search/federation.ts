/**
 * Warm, federated indexes over the regional stores. Search never touches DynamoDB per query: each
 * region's live version is loaded once (its compact snapshot and the index built at its publish), and replaced
 * atomically when a cheap pointer check sees a new version. Pointer checks run in the background at
 * most every LIMITS.pointerCheckIntervalMs per region, each with a deadline; a region whose store fails
 * keeps serving its last loaded version (`stale`) or, never loaded, is `unavailable`.
 */
import type { Intervention } from '../../shared/intervention.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { RegionConfig } from '../../shared/region.ts';
import {
  type LivePointer,
  readPointer,
  readSearchSnapshot,
  type SearchSnapshot,
} from '../catalogue/store.ts';
import { withDeadline } from '../lib/deadline.ts';
import { log } from '../lib/log.ts';
import { buildRegionIndex, type RegionIndex } from './engine/index.ts';
import { decodeRegionIndex } from './engine/index-codec.ts';

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
  /** A version's items and the search index built at its publish (null for a version without one). */
  readSearchSnapshot(tableName: string, version: number): Promise<SearchSnapshot>;
}

const dynamoReader: StoreReader = { readPointer, readSearchSnapshot };

/**
 * Work to finish before a region's new index is swapped in (the search function warms its answers for
 * the next set of indexes: functions/search/answer-cache.ts). Until it resolves, search answers from the
 * region's previous index, whole.
 */
export type BeforeSwap = (next: RegionIndex) => Promise<void>;

/** A stored index, or null (with a warning) when it cannot be read: the caller builds one instead. */
function decodeLogged(
  bytes: Uint8Array,
  regionId: string,
  version: number,
  items: readonly Intervention[],
): RegionIndex | null {
  try {
    const index = decodeRegionIndex(bytes, regionId, version, items);
    if (!index) log.warn('stored search index not used', { regionId, version, reason: 'format or size' });
    return index;
  } catch (error) {
    log.warn('stored search index not used', { regionId, version, error });
    return null;
  }
}

export class Federation {
  readonly states = new Map<string, RegionState>();
  private readonly reader: StoreReader;
  private readonly checkIntervalMs: number;
  private readonly deadlineMs: number;
  private readonly now: () => number;
  private readonly filter: IndexFilter | undefined;
  private readonly beforeSwap: BeforeSwap | undefined;
  /** Swaps happen one after another, so each one's preparation sees the indexes the previous left. */
  private swaps: Promise<void> = Promise.resolve();

  constructor(
    options: {
      reader?: StoreReader;
      checkIntervalMs?: number;
      deadlineMs?: number;
      now?: () => number;
      filter?: IndexFilter;
      beforeSwap?: BeforeSwap;
    } = {},
  ) {
    this.reader = options.reader ?? dynamoReader;
    this.filter = options.filter;
    this.beforeSwap = options.beforeSwap;
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
          const { items, searchIndex } = await this.reader.readSearchSnapshot(
            state.region.tableName,
            pointer.version,
          );
          await this.install(state, pointer.version, items, searchIndex);
        } else if (
          this.filter &&
          state.items &&
          (this.now() > (state.filterValidUntil ?? Number.POSITIVE_INFINITY) ||
            this.filter.key(state.region) !== state.filterKey)
        ) {
          await this.install(state, pointer.version, state.items);
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

  /**
   * Swap in a region's index (through the filter, when there is one): the one built at publish when the
   * filter keeps every item (it is the index of exactly these items), else one built here from the kept items.
   * A region already searched is swapped after `beforeSwap` (one swap at a time); a cold one at once.
   */
  private install(
    state: RegionState,
    version: number,
    items: readonly Intervention[],
    prebuilt: Uint8Array | null = null,
  ): Promise<void> {
    let indexed = items;
    if (this.filter) {
      const selection = this.filter.select(items, state.region, this.now());
      indexed = selection.items;
      state.items = items;
      state.filterKey = this.filter.key(state.region);
      state.filterValidUntil = selection.validUntil;
    }
    const index =
      (prebuilt &&
        indexed.length === items.length &&
        decodeLogged(prebuilt, state.region.id, version, items)) ||
      buildRegionIndex(state.region.id, version, indexed);
    const swap = () => {
      // Atomic swap: one assignment; a query holds the index object it started with.
      state.index = index;
      state.version = version;
    };
    const prepare = this.beforeSwap;
    if (!state.index || !prepare) {
      swap();
      return Promise.resolve();
    }
    // A preparation that fails (or throws) still lets the new index go live.
    const swapped = this.swaps
      .then(() => prepare(index))
      .catch(() => undefined)
      .then(swap);
    this.swaps = swapped;
    return swapped;
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
