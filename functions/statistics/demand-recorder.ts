/**
 * Counting searches without slowing them: `recordSearch` computes the search's counter key (see
 * demand-key.ts), adds one to an in-memory map and returns. Nothing waits for the store. The map is
 * flushed in the background — when it holds DEMAND_FLUSH_ENTRIES distinct keys or DEMAND_FLUSH_MS after
 * its first entry, whichever comes first — as one `UpdateItem ADD count` per key on the national table,
 * one at a time and at most DEMAND_WRITES_PER_SECOND, so a flush never crowds out the searches.
 * A flush that fails is logged (error name and entry count only: never the keys, which hold query terms)
 * and dropped; nothing is ever thrown into a search.
 *
 * Stored per key: `pk = DEMAND#<day>`, `sk = county|municipality|bucket|filters|terms`, `count`. No IP,
 * user agent, session, raw query, time of day or anything else about the request exists in this module.
 *
 * In Lambda, a frozen instance flushes on its next invocation; counts of an instance that is retired
 * before it flushes are lost (statistics are best effort, searches are not).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { registryTableName } from '../lib/config.ts';
import { documentClient } from '../lib/dynamo.ts';
import { log } from '../lib/log.ts';
import { type DemandSearch, demandPk, demandSortKey, swedishDay } from './demand-key.ts';

/**
 * A busy instance flushes on time, not on count: a 10 s window gathers each popular search into one write
 * (at 100 keys a flush, the load test wrote ~250 counters a second, a third of its server's CPU in the SDK
 * and the national table's write capacity). The count bounds memory and a flush's size.
 */
export const DEMAND_FLUSH_ENTRIES = 5_000;
export const DEMAND_FLUSH_MS = 10_000;
/** Above this many distinct pending keys (a store that keeps failing), new searches are not counted. */
export const DEMAND_MAX_PENDING = 20_000;
/**
 * A flush's pace. Each write is a signed store call, ~0.5–1 ms of this instance's CPU: the load test's
 * 400 keys, written 8 at a time, held its server's event loop for ~300 ms every 10 s, and that was most
 * of its slowest searches. One at a time and 5 ms apart, a flush takes at most a fifth of the thread
 * (400 keys in ~2 s, well inside the 10 s window).
 */
export const DEMAND_WRITES_PER_SECOND = 200;

/** `<day>\n<sk>` → count. */
const pending = new Map<string, number>();
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> = Promise.resolve();
let enabled = process.env.INSATS_DEMAND_COUNTING !== 'off';
let options = {
  entries: DEMAND_FLUSH_ENTRIES,
  ms: DEMAND_FLUSH_MS,
  writesPerSecond: DEMAND_WRITES_PER_SECOND,
};

/** Switch counting on or off (the benchmark compares both; `INSATS_DEMAND_COUNTING=off` at start). */
export function setDemandCounting(on: boolean): void {
  enabled = on;
}

/** Tests and the benchmark: other flush thresholds. */
export function configureDemandFlush(next: {
  entries?: number;
  ms?: number;
  writesPerSecond?: number;
}): void {
  options = {
    entries: next.entries ?? DEMAND_FLUSH_ENTRIES,
    ms: next.ms ?? DEMAND_FLUSH_MS,
    writesPerSecond: next.writesPerSecond ?? DEMAND_WRITES_PER_SECOND,
  };
}

export const pendingDemandEntries = (): number => pending.size;

/** Count one search. Synchronous, never throws, never waits for I/O. */
export function recordSearch(search: DemandSearch, total: number, now: number = Date.now()): void {
  if (!enabled) return;
  try {
    const sk = demandSortKey(search, total);
    if (sk === undefined) return;
    const key = `${swedishDay(now)}\n${sk}`;
    const count = pending.get(key);
    if (count === undefined && pending.size >= DEMAND_MAX_PENDING) return;
    pending.set(key, (count ?? 0) + 1);
    if (pending.size >= options.entries) void flushDemand();
    else if (!timer) {
      timer = setTimeout(() => void flushDemand(), options.ms);
      timer.unref();
    }
  } catch (error) {
    log.warn('demand counting skipped', { errorName: error instanceof Error ? error.name : 'unknown' });
  }
}

async function write(entries: [string, number][]): Promise<void> {
  const table = registryTableName();
  const gapMs = 1_000 / options.writesPerSecond;
  let failed = 0;
  let errorName: string | undefined;
  let startedAt = Number.NEGATIVE_INFINITY;
  for (const [key, count] of entries) {
    const wait = startedAt + gapMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    startedAt = performance.now();
    const cut = key.indexOf('\n');
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: demandPk(key.slice(0, cut)), sk: key.slice(cut + 1) },
          UpdateExpression: 'ADD #count :n',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':n': count },
        }),
      );
    } catch (error) {
      failed++;
      errorName ??= error instanceof Error ? error.name : 'unknown';
    }
  }
  if (failed) log.warn('demand counters dropped', { failed, of: entries.length, errorName });
}

/**
 * Write what is pending now (in the background for searches; awaited by tests and at shutdown).
 * Resolves when this flush and every earlier one are done; never rejects.
 */
export function flushDemand(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = undefined;
  }
  if (pending.size === 0) return flushing;
  const entries = [...pending];
  pending.clear();
  flushing = flushing.then(() => write(entries)).catch(() => undefined);
  return flushing;
}
