/**
 * What the anonymous demand counting costs a search: the search handler over a generated corpus in the
 * embedded DynamoDB, the same fixed query set with counting off and on — each query both ways back to
 * back, alternating which goes first — so drift (JIT, GC, the machine) hits both alike. With counting on, the recorder flushes to the national table in
 * the background exactly as in production (batches of DEMAND_FLUSH_ENTRIES keys), so the figure includes
 * the flushes' share of the event loop, not only the in-memory `recordSearch` call.
 *
 *   node bench/demand-overhead.ts [--regions=10] [--per-region=1000] [--queries=600] [--rounds=4]
 *
 * `bench/run.ts` calls `measureDemandOverhead()`.
 */
import { publish } from '../functions/catalogue/store.ts';
import {
  DEMAND_FLUSH_ENTRIES,
  flushDemand,
  pendingDemandEntries,
  recordSearch,
  setDemandCounting,
} from '../functions/statistics/demand-recorder.ts';
import { benchCorpus } from './corpus.ts';
import { apiEvent, benchStores, fmt, lambdaContext, summarize } from './harness.ts';
import { benchQueries } from './queries.ts';

export interface DemandOverheadOptions {
  regions?: number;
  perRegion?: number;
  queries?: number;
  rounds?: number;
  log?: (line: string) => void;
}

export async function measureDemandOverhead(options: DemandOverheadOptions = {}) {
  const log = options.log ?? console.log;
  const regionCount = options.regions ?? 10;
  const perRegion = options.perRegion ?? 1_000;
  const rounds = options.rounds ?? 6;
  const corpus = benchCorpus(regionCount, perRegion);
  const regions = corpus.map((c) => c.region);
  const dynamo = await benchStores(regions);
  try {
    for (const { region, items } of corpus) {
      await publish(region.tableName, {
        items,
        publishedBy: 'bench',
        source: 'seed',
        counts: { added: items.length, changed: 0, removed: 0, unchanged: 0 },
      });
    }
    const { answers, federation, handler } = await import('../functions/search/search.ts');
    federation.states.clear(); // a run before this one may have left other corpora's indexes
    await federation.current(regions);
    await federation.settle();

    const queries = benchQueries(corpus, options.queries ?? 600);
    const events = queries.map((q) => apiEvent('GET', '/api/search', q.params as Record<string, string>));
    const timed = async (index: number, counting: boolean, into: number[]) => {
      setDemandCounting(counting);
      answers.clear(); // both runs compute the answer: the difference is the counting alone
      const start = performance.now();
      const result = await handler(events[index]!, lambdaContext as never);
      into.push(performance.now() - start);
      if (result.statusCode !== 200) throw new Error(`search answered ${result.statusCode}`);
    };

    const warm: number[] = [];
    for (let i = 0; i < events.length; i++) {
      await timed(i, false, warm);
      await timed(i, true, warm);
    }
    await flushDemand();

    // Each query runs both ways back to back, alternating which goes first: both see the same JIT,
    // GC and machine state, so the difference is the counting (and its background flushes).
    const off: number[] = [];
    const on: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < events.length; i++) {
        if ((i + round) % 2 === 0) {
          await timed(i, false, off);
          await timed(i, true, on);
        } else {
          await timed(i, true, on);
          await timed(i, false, off);
        }
      }
    }
    const pendingAtEnd = pendingDemandEntries();
    await flushDemand();

    // The synchronous call alone, on the same queries (counting on, flushes as they come).
    setDemandCounting(true);
    const parsed = queries.map((q) => ({
      q: q.params.q,
      municipality: q.params.municipality,
      language: q.params.language,
      category: q.params.category,
    }));
    const reps = 20;
    const start = performance.now();
    for (let r = 0; r < reps; r++) for (let i = 0; i < parsed.length; i++) recordSearch(parsed[i]!, i % 13);
    const recordMicros = ((performance.now() - start) * 1000) / (reps * parsed.length);
    await flushDemand();
    setDemandCounting(true);

    const offStats = summarize(off);
    const onStats = summarize(on);
    const ratio = onStats.p95 / offStats.p95;
    // off[k] and on[k] are the same query in the same round: their difference is the counting's cost.
    const differences = on.map((ms, k) => ms - off[k]!).sort((a, b) => a - b);
    const medianDifferenceMs = differences[Math.floor(differences.length / 2)]!;
    const meanDifferenceMs = differences.reduce((a, b) => a + b, 0) / differences.length;
    log(
      `corpus ${regionCount} regions × ${perRegion} = ${regionCount * perRegion} interventions; ${queries.length} queries × ${rounds} rounds each way; flush every ${DEMAND_FLUSH_ENTRIES} distinct keys`,
    );
    log(
      `counting off: p50 ${fmt(offStats.p50)} ms · p95 ${fmt(offStats.p95)} ms · p99 ${fmt(offStats.p99)} ms`,
    );
    log(`counting on:  p50 ${fmt(onStats.p50)} ms · p95 ${fmt(onStats.p95)} ms · p99 ${fmt(onStats.p99)} ms`);
    log(
      `p95 on/off: ${fmt(ratio, 3)} (${fmt((ratio - 1) * 100, 1)} %) · paired difference per search: median ${fmt(medianDifferenceMs * 1000, 1)} µs, mean ${fmt(meanDifferenceMs * 1000, 1)} µs · recordSearch alone: ${fmt(recordMicros, 2)} µs`,
    );
    return {
      corpus: { regions: regionCount, perRegion, queries: queries.length, rounds },
      off: offStats,
      on: onStats,
      p95Ratio: ratio,
      medianDifferenceMs,
      meanDifferenceMs,
      recordSearchMicros: recordMicros,
      flushEntries: DEMAND_FLUSH_ENTRIES,
      pendingAtEnd,
    };
  } finally {
    await dynamo.close();
  }
}

if (import.meta.main) {
  const arg = (name: string) => {
    const value = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
    return value === undefined ? undefined : Number(value);
  };
  process.env.INSATS_LOG_LEVEL ??= 'error';
  await measureDemandOverhead({
    regions: arg('regions'),
    perRegion: arg('per-region'),
    queries: arg('queries'),
    rounds: arg('rounds'),
  });
  process.exit(0);
}
