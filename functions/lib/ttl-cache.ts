/**
 * A small time-bounded cache for a warm function instance: answers that may be a little old
 * (statistics aggregated per day, region summaries) are computed at most once per key and period,
 * and concurrent callers share one computation. Bounded in size; failures are not cached.
 */
/** `fresh`: load anew even if a recent value is held (and keep the new one for the others). */
export interface Freshness {
  fresh?: boolean;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(ttlMs: number, options: { maxEntries?: number; now?: () => number } = {}) {
    this.ttlMs = ttlMs;
    this.maxEntries = options.maxEntries ?? 500;
    this.now = options.now ?? Date.now;
  }

  get(key: string, load: () => Promise<V>, options: Freshness = {}): Promise<V> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && !options.fresh && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
