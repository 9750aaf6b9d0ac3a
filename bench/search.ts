/**
 * Search benchmark: the 60,000-intervention national corpus published through the real publish path
 * into the embedded DynamoDB, loaded by the search function's federation (cold), then a fixed mixed
 * query set through the search handler (invocation, no HTTP). The same queries run against MiniSearch
 * over the same corpus in the same process, and federated top-20 is checked against one merged index.
 */
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { publish } from '../functions/catalogue/store.ts';
import { buildRegionIndex, searchFederated } from '../functions/search/engine/index.ts';
import type { Intervention } from '../shared/intervention.ts';
import type { RegionConfig } from '../shared/region.ts';
import { type SearchQuery, SearchQuerySchema } from '../shared/search.ts';
import { categoryMatches, getCategory } from '../shared/taxonomy.ts';
import { BENCH_ITEMS_PER_REGION, BENCH_REGIONS, benchCorpus } from './corpus.ts';
import { apiEvent, benchStores, fmt, heldMb, lambdaContext, runJsonScript, summarize } from './harness.ts';
import { type BenchQuery, benchQueries } from './queries.ts';

/** Cold starts measured in new processes. */
const COLD_STARTS = 3;

/** bench/cold-start.ts in a new process against the same stores. */
const coldStartInNewProcess = (regions: RegionConfig[]) =>
  runJsonScript<{ importMs: number; coldLoadMs: number; regionsLoaded: number; heldMb: number }>(
    fileURLToPath(new URL('./cold-start.ts', import.meta.url)),
    [],
    { nodeArgs: ['--expose-gc'], env: { INSATS_BENCH_REGIONS: JSON.stringify(regions) } },
  );

export interface SearchBenchOptions {
  regions?: number;
  perRegion?: number;
  queries?: number;
  log?: (line: string) => void;
}

function miniSearchDocs(items: (Intervention & { regionId: string })[]) {
  return items.map((item, i) => ({
    i,
    title: Object.values(item.title).join(' '),
    summary: item.summary ? Object.values(item.summary).join(' ') : '',
    description: item.description ? Object.values(item.description).join(' ') : '',
    provider: item.provider.name,
    category: getCategory(item.category)?.labels.sv ?? '',
  }));
}

function miniFilter(items: readonly (Intervention & { regionId: string })[], q: SearchQuery) {
  return (i: number) => {
    const item = items[i]!;
    if (q.region && item.regionId !== q.region) return false;
    if (q.municipality && item.delivery !== 'remote' && !item.municipalities.includes(q.municipality))
      return false;
    if (q.category && !categoryMatches(item.category, q.category)) return false;
    if (q.language && !item.languages.includes(q.language)) return false;
    if (q.audience && !item.audiences.includes(q.audience)) return false;
    if (q.delivery && item.delivery !== q.delivery) return false;
    if (q.free !== undefined && item.cost.free !== q.free) return false;
    return true;
  };
}

/**
 * Ranking quality of one known-item query's top 10, by the standard measures: precision@10 (relevant
 * results in the top 10, divided by 10), nDCG@10 (binary relevance; the ideal puts min(10, |relevant|)
 * relevant results first) and the reciprocal rank of the first relevant result.
 */
export function rankingQuality(ids: readonly string[], relevant: ReadonlySet<string>) {
  const top = ids.slice(0, 10);
  let hits = 0;
  let dcg = 0;
  let firstRank = 0;
  top.forEach((id, i) => {
    if (!relevant.has(id)) return;
    hits++;
    dcg += 1 / Math.log2(i + 2);
    if (!firstRank) firstRank = i + 1;
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(10, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return {
    precisionAt10: hits / 10,
    ndcgAt10: ideal ? dcg / ideal : 0,
    reciprocalRank: firstRank ? 1 / firstRank : 0,
  };
}

type Quality = ReturnType<typeof rankingQuality>;
const addQuality = (sum: Quality, q: Quality): Quality => ({
  precisionAt10: sum.precisionAt10 + q.precisionAt10,
  ndcgAt10: sum.ndcgAt10 + q.ndcgAt10,
  reciprocalRank: sum.reciprocalRank + q.reciprocalRank,
});
const meanQuality = (sum: Quality, n: number): Quality => ({
  precisionAt10: sum.precisionAt10 / n,
  ndcgAt10: sum.ndcgAt10 / n,
  reciprocalRank: sum.reciprocalRank / n,
});

export async function searchBenchmark(options: SearchBenchOptions = {}) {
  const log = options.log ?? console.log;
  const regionCount = options.regions ?? BENCH_REGIONS;
  const perRegion = options.perRegion ?? BENCH_ITEMS_PER_REGION;

  let t = performance.now();
  const corpus = benchCorpus(regionCount, perRegion);
  const total = corpus.reduce((n, c) => n + c.items.length, 0);
  log(
    `corpus: ${regionCount} regions × ${perRegion} = ${total} interventions generated in ${fmt((performance.now() - t) / 1000, 1)} s`,
  );

  const regions = corpus.map((c) => c.region);
  const dynamo = await benchStores(regions);
  try {
    t = performance.now();
    for (const { region, items } of corpus) {
      await publish(region.tableName, {
        items,
        publishedBy: 'bench',
        source: 'seed',
        counts: { added: items.length, changed: 0, removed: 0, unchanged: 0 },
      });
    }
    const publishSeconds = (performance.now() - t) / 1000;
    log(
      `published through the real publish path in ${fmt(publishSeconds, 1)} s (${fmt(total / publishSeconds, 0)} items/s)`,
    );

    // --- cold load: the search function's federation, all regions concurrently ----------------------
    // As a cold start is: a new process (Lambda starts one), three times; then in this process, which
    // also holds the generated corpus (its heap makes every collection slower).
    const coldStarts = [];
    for (let i = 0; i < COLD_STARTS; i++) coldStarts.push(await coldStartInNewProcess(regions));
    const coldStartMs = summarize(coldStarts.map((c) => c.coldLoadMs));
    log(
      `cold start in a new process (${COLD_STARTS}×): loading all ${coldStarts[0]!.regionsLoaded} regions ${coldStarts.map((c) => fmt(c.coldLoadMs, 0)).join(' / ')} ms (median ${fmt(coldStartMs.p50, 0)}); importing the handler ${fmt(coldStarts[0]!.importMs, 0)} ms; memory held ${fmt(coldStarts[0]!.heldMb, 0)} MB`,
    );
    const { answers, federation, handler } = await import('../functions/search/search.ts');
    const heldBefore = heldMb();
    t = performance.now();
    await federation.current(regions);
    await federation.settle();
    const coldLoadMs = performance.now() - t;
    const indexHeldMb = heldMb() - heldBefore;
    const indexes = [...federation.states.values()].map((s) => s.index!).filter(Boolean);
    log(
      `cold load in this process of all ${indexes.length} region indexes: ${fmt(coldLoadMs, 0)} ms; memory held by indexes and items (heap and array buffers): ${fmt(indexHeldMb, 0)} MB`,
    );

    // --- latency through the handler ----------------------------------------------------------------
    const queries = benchQueries(corpus, options.queries ?? 600);
    const run = async (reuse = false) => {
      const samples: number[] = [];
      const byKind = new Map<string, number[]>();
      for (const query of queries) {
        const event = apiEvent('GET', '/api/search', query.params as Record<string, string>);
        if (!reuse) answers.clear(); // the engine's own cost: no answer computed before
        const start = performance.now();
        const result = await handler(event, lambdaContext as never);
        const ms = performance.now() - start;
        if (result.statusCode !== 200)
          throw new Error(`search answered ${result.statusCode} for ${JSON.stringify(query.params)}`);
        samples.push(ms);
        const list = byKind.get(query.kind) ?? [];
        list.push(ms);
        byKind.set(query.kind, list);
      }
      return { samples, byKind };
    };
    await run(); // warm-up (JIT)
    const measured = await run();
    const ours = summarize(measured.samples);
    log(
      `insatsportalen search (handler, ${queries.length} queries): p50 ${fmt(ours.p50)} ms · p95 ${fmt(ours.p95)} ms · p99 ${fmt(ours.p99)} ms · max ${fmt(ours.max)} ms`,
    );
    for (const [kind, list] of measured.byKind) {
      const s = summarize(list);
      log(
        `  ${kind.padEnd(13)} n=${String(s.n).padStart(3)}  p50 ${fmt(s.p50)}  p95 ${fmt(s.p95)}  p99 ${fmt(s.p99)} ms`,
      );
    }
    // The same queries asked again over the same indexes: answered from the answer cache (answer-cache.ts).
    await run(true); // fills the cache
    const repeated = summarize((await run(true)).samples);
    log(
      `the same queries again (answer cache): p50 ${fmt(repeated.p50)} ms · p95 ${fmt(repeated.p95)} ms · p99 ${fmt(repeated.p99)} ms`,
    );

    // --- federated = merged --------------------------------------------------------------------------
    const allItems = corpus.flatMap(({ region, items }) =>
      items.map((item) => ({ ...item, regionId: region.id })),
    );
    t = performance.now();
    const merged = buildRegionIndex('merged', 1, allItems);
    const mergedBuildMs = performance.now() - t;
    let compared = 0;
    let mismatches = 0;
    for (const query of queries) {
      if (query.params.region) continue;
      const parsed = SearchQuerySchema.parse({ ...query.params, limit: '20' });
      const a = searchFederated(indexes, parsed).results.map((h) => `${h.id}:${h.score.toFixed(9)}`);
      const b = searchFederated([merged], parsed).results.map((h) => `${h.id}:${h.score.toFixed(9)}`);
      compared++;
      if (a.join('|') !== b.join('|')) mismatches++;
    }
    log(
      `federated top-20 = single merged index top-20: ${compared - mismatches}/${compared} queries equal (merged index built in ${fmt(mergedBuildMs, 0)} ms)`,
    );

    // --- MiniSearch over the same corpus, same queries -----------------------------------------------
    const docs = miniSearchDocs(allItems);
    const miniHeldBefore = heldMb();
    t = performance.now();
    const mini = new MiniSearch({
      idField: 'i',
      fields: ['title', 'summary', 'description', 'provider', 'category'],
      searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3, summary: 1.5, category: 1 } },
    });
    mini.addAll(docs);
    const miniBuildMs = performance.now() - t;
    const miniHeld = heldMb() - miniHeldBefore;
    const miniRun = () => {
      const samples: number[] = [];
      for (const query of queries) {
        const parsed = SearchQuerySchema.parse(query.params);
        const start = performance.now();
        const filter = miniFilter(allItems, parsed);
        const hits = mini.search(parsed.q ?? MiniSearch.wildcard, { filter: (r) => filter(r.id as number) });
        hits.slice(0, parsed.limit);
        samples.push(performance.now() - start);
      }
      return samples;
    };
    miniRun();
    const miniStats = summarize(miniRun());
    log(
      `MiniSearch (prefix + fuzzy 0.2, same corpus and queries): built in ${fmt(miniBuildMs, 0)} ms, ${fmt(miniHeld, 0)} MB; p50 ${fmt(miniStats.p50)} ms · p95 ${fmt(miniStats.p95)} ms · p99 ${fmt(miniStats.p99)} ms`,
    );
    log(
      `ratio MiniSearch / insatsportalen: p50 ${fmt(miniStats.p50 / ours.p50, 1)}× · p95 ${fmt(miniStats.p95 / ours.p95, 1)}× · p99 ${fmt(miniStats.p99 / ours.p99, 1)}×`,
    );

    // --- ranking quality on known-item queries --------------------------------------------------------
    const zero: Quality = { precisionAt10: 0, ndcgAt10: 0, reciprocalRank: 0 };
    let oursSum = zero;
    let miniSum = zero;
    let judged = 0;
    for (const query of queries.filter(
      (q): q is BenchQuery & { relevant: string[] } => q.kind === 'known-item' && Boolean(q.relevant?.length),
    )) {
      const relevant = new Set(query.relevant);
      const parsed = SearchQuerySchema.parse({ ...query.params, limit: '10' });
      const ourIds = searchFederated(indexes, parsed).results.map((h) => h.id);
      const miniIds = mini
        .search(parsed.q!)
        .slice(0, 10)
        .map((r) => allItems[r.id as number]!.id);
      oursSum = addQuality(oursSum, rankingQuality(ourIds, relevant));
      miniSum = addQuality(miniSum, rankingQuality(miniIds, relevant));
      judged++;
    }
    const oursQ = meanQuality(oursSum, judged);
    const miniQ = meanQuality(miniSum, judged);
    for (const [name, key] of [
      ['precision@10', 'precisionAt10'],
      ['nDCG@10', 'ndcgAt10'],
      ['MRR', 'reciprocalRank'],
    ] as const) {
      log(
        `ranking on ${judged} known-item queries, ${name.padEnd(12)}: insatsportalen ${fmt(oursQ[key], 3)} · MiniSearch ${fmt(miniQ[key], 3)}`,
      );
    }

    return {
      corpus: { regions: regionCount, perRegion, total },
      publishSeconds,
      coldStart: { runs: coldStarts, medianMs: coldStartMs.p50 },
      coldLoadMs,
      indexHeldMb,
      latency: ours,
      repeatedLatency: repeated,
      byKind: Object.fromEntries([...measured.byKind].map(([k, v]) => [k, summarize(v)])),
      federatedEqualsMerged: { compared, mismatches },
      minisearch: { buildMs: miniBuildMs, heldMb: miniHeld, latency: miniStats },
      ratio: { p50: miniStats.p50 / ours.p50, p95: miniStats.p95 / ours.p95, p99: miniStats.p99 / ours.p99 },
      ranking: { judged, ours: oursQ, minisearch: miniQ },
    };
  } finally {
    await dynamo.close();
  }
}
