/**
 * `npm run load`: the local server on the 60,000-intervention benchmark corpus, driven over HTTP from a
 * separate process (bench/load-client.ts, loopback only, bounded in time) with a mix of searches,
 * listing pages and intervention reads, while an upload publishes a new version of one region every
 * 10 seconds. Two phases, each printing requests/second, p50/p95/p99, errors and whether any answer
 * mixed two catalogue versions:
 *   1. capacity: a closed loop of `--connections` (32) for `--capacity-seconds` (10): the most it serves;
 *   2. latency at a rate: an open loop at `--rate` requests/s (1,000, the target) for `--seconds` (30),
 *      latency measured from each request's scheduled start (see bench/load-client.ts).
 * Then the server's heap at the start and the end.
 * Each phase first runs `--warmup-seconds` (2) uncounted, as load generators calibrate (see load-client.ts).
 * Every Node process of the test runs with `--v8-pool-size=1` (npm run load passes it to this one): by
 * default each starts 4 V8 helper threads, sized for a machine it has to itself, and here four processes
 * share 2 cores. A major collection's concurrent marking in the server then took both cores, and the
 * public event loop waited on the run queue (its schedstat: 20–55 ms of every 40–80 ms stall). With one
 * helper a process, marking takes at most one core. (The admin process runs at the lowest priority.)
 *   --seconds=30   --soak (300 s)   --rate=1000   --capacity-seconds=10   --connections=32
 *   --regions=30 --per-region=2000   --publish-every-ms=10000 (a large value: no publishes, to tell their
 *   cost from the rest)
 */
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { publish } from '../functions/catalogue/store.ts';
import { startPortal } from '../local/server.ts';
import { benchCorpus, tagGeneration } from './corpus.ts';
import { fmt, heapMb, runJsonScript } from './harness.ts';
import { benchQueries } from './queries.ts';
import { watchStalls } from './stalls.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const seconds = process.argv.includes('--soak') ? 300 : Number(arg('seconds') ?? 30);
const connections = Number(arg('connections') ?? 32);
const TARGET_RPS = 1_000;
const rate = Number(arg('rate') ?? TARGET_RPS);
const capacitySeconds = Number(arg('capacity-seconds') ?? 10);
const regionCount = Number(arg('regions') ?? 30);
const perRegion = Number(arg('per-region') ?? 2_000);
const PUBLISH_EVERY_MS = Number(arg('publish-every-ms') ?? 10_000);
/** Each phase first runs this long uncounted (bench/load-client.ts: connections opened, client warm). */
const warmupSeconds = Number(arg('warmup-seconds') ?? 2);

console.log(
  `Load test · ${regionCount} × ${perRegion} interventions · capacity: ${connections} connections for ${capacitySeconds} s · latency: ${rate} requests/s for ${seconds} s`,
);
process.env.INSATS_LOG_LEVEL = 'error'; // the admin process takes this environment when it starts
const corpus = benchCorpus(regionCount, perRegion);
const portal = await startPortal({
  regions: corpus.map((c) => c.region),
  seedDemo: false,
  dynamoProcess: true,
  adminProcess: true, // uploads apart from public reads, as in AWS (other functions)
  rateLimit: false,
});
const watched = corpus[0]!;
for (const [i, { region, items }] of corpus.entries()) {
  await publish(region.tableName, {
    items: i === 0 ? tagGeneration(items, 0) : items,
    publishedBy: 'load',
    source: 'seed',
    counts: { added: items.length, changed: 0, removed: 0, unchanged: 0 },
  });
}
// Warm the search function (the cold load of every region), as a warm Lambda would be.
await fetch(`${portal.url}/api/search?q=sfi`);
await new Promise((resolve) => setTimeout(resolve, 500));
await fetch(`${portal.url}/api/search?q=sfi`);

const queries = benchQueries(corpus, 400);
const paths: string[] = [];
for (let i = 0; paths.length < 1_000; i++) {
  const c = corpus[i % corpus.length]!;
  const item = c.items[(i * 7919) % c.items.length]!;
  const r = i % 20;
  if (r < 12)
    paths.push(
      `/api/search?${new URLSearchParams(queries[i % queries.length]!.params as Record<string, string>)}`,
    );
  else if (r < 17) paths.push(`/api/regions/${c.region.id}/interventions?limit=20`);
  else paths.push(`/api/regions/${c.region.id}/interventions/${item.id}`);
}
// The watched region is read often, so a mixed answer would be seen if one were possible.
for (let i = 0; i < 100; i++)
  paths.splice(i * 10, 0, `/api/regions/${watched.region.id}/interventions?limit=50`);

const heapStart = heapMb();
// With LOAD_TIMELINE: the server's event-loop stalls of 30 ms or more, with when they ended (epoch ms).
const stalls: string[] = [];
if (process.env.LOAD_TIMELINE) {
  console.log(`clock ${Date.now()} epoch ms = ${process.hrtime.bigint() / 1000n} monotonic µs`);
  watchStalls((ms) => stalls.push(`stall ${ms} ms ending ${Date.now()}`));
}
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const token = portal.tokenFor([watched.region.id], 'Lasttest');
// The administrator publishing every 10 s, in a process of its own (bench/load-publisher.ts), for both phases.
const ONE_HELPER = { nodeArgs: ['--v8-pool-size=1'] };
const publisher = runJsonScript<{ publishes: number; failures: number; log: string[]; times: string[] }>(
  fileURLToPath(new URL('./load-publisher.ts', import.meta.url)),
  [
    `--url=${portal.url}`,
    `--token=${token}`,
    `--every-ms=${PUBLISH_EVERY_MS}`,
    `--seconds=${(capacitySeconds > 0 ? capacitySeconds + warmupSeconds : 0) + seconds + warmupSeconds + 1}`,
    `--regions=${regionCount}`,
    `--per-region=${perRegion}`,
  ],
  ONE_HELPER,
);

interface ClientResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  resent: number;
  mixedVersions: number;
  statusCounts: Record<string, number>;
  kinds: Record<string, { requests: number; p50: number; p99: number }>;
}

const drive = (args: string[]) =>
  runJsonScript<ClientResult>(
    fileURLToPath(new URL('./load-client.ts', import.meta.url)),
    [
      `--url=${portal.url}`,
      `--watch=${watched.region.id}`,
      `--paths=${JSON.stringify(paths)}`,
      `--warmup-seconds=${warmupSeconds}`,
      ...args,
    ],
    ONE_HELPER,
  );

function report(r: ClientResult, seconds: number): void {
  console.log(`  requests      ${r.requests} in ${fmt(seconds, 0)} s → ${fmt(r.rps, 0)} requests/s`);
  console.log(
    `  latency       p50 ${fmt(r.p50)} ms · p95 ${fmt(r.p95)} ms · p99 ${fmt(r.p99)} ms · max ${fmt(r.max)} ms`,
  );
  console.log(
    `  errors        ${r.errors} (statuses ${JSON.stringify(r.statusCounts)}; ${r.resent} sent again after the server closed an idle keep-alive socket)`,
  );
  console.log(
    `  by kind       ${Object.entries(r.kinds)
      .map(([kind, k]) => `${kind} ${k.requests}: p50 ${fmt(k.p50)} · p99 ${fmt(k.p99)} ms`)
      .join(' · ')}`,
  );
  console.log(`  mixed answers ${r.mixedVersions} (answers holding items of two catalogue versions)`);
}

const heapAfterMajor: number[] = [];
let capacity: ClientResult | undefined;
let atRate: ClientResult | undefined;
try {
  if (capacitySeconds > 0) {
    loopDelay.reset();
    capacity = await drive([`--seconds=${capacitySeconds}`, `--connections=${connections}`]);
    console.log(
      `capacity (closed loop, ${connections} connections; latency here is queueing: ${connections} / throughput)`,
    );
    report(capacity, capacitySeconds);
  }
  loopDelay.reset();
  // The heap after each major collection the server made by itself during the rate phase (read when V8
  // reports it, without forcing one, which would stall the server): a leak shows as a level that rises.
  const afterMajor = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        heapAfterMajor.push(process.memoryUsage().heapUsed / 2 ** 20);
  });
  afterMajor.observe({ entryTypes: ['gc'] });
  atRate = await drive([
    `--seconds=${seconds}`,
    `--rate=${rate}`,
    `--connections=${Math.max(64, connections)}`,
  ]).finally(() => afterMajor.disconnect());
  console.log(`at ${rate} requests/s (open loop; latency from each request's scheduled start)`);
  report(atRate, seconds);
} finally {
  loopDelay.disable();
}
const published = await publisher; // a publish under way when the client stopped finishes first
for (const line of published.log) console.log(line);
if (process.env.LOAD_TIMELINE) for (const line of [...published.times, ...stalls]) console.log(line);
await new Promise((resolve) => setTimeout(resolve, 2_000));
const heapEnd = heapMb();
await portal.close();
console.log(
  `publishes     ${published.publishes} new versions of ${watched.region.id} during the run (${published.failures} failed)`,
);
console.log(`server heap   ${fmt(heapStart, 0)} MB at start → ${fmt(heapEnd, 0)} MB at end`);
console.log(
  `heap          after each of the server's own major collections in the rate phase: ${heapAfterMajor.length ? `${heapAfterMajor.map((mb) => fmt(mb, 0)).join(', ')} MB` : 'none in this run'}`,
);
console.log(
  `event loop    delay p50 ${fmt(loopDelay.percentile(50) / 1e6)} ms · p99 ${fmt(loopDelay.percentile(99) / 1e6)} ms · max ${fmt(loopDelay.max / 1e6)} ms (the server's, during the rate phase)`,
);
const { answers } = await import('../functions/search/search.ts');
console.log(
  `search cache  ${answers.hits} answers reused, ${answers.misses} computed on request (${fmt((100 * answers.hits) / Math.max(1, answers.hits + answers.misses), 0)} % reused), ${answers.prepares} computed ahead of ${answers.adopted} swaps`,
);
if (atRate) {
  // Met only at the target rate or above, and only if the server kept up with it (the open loop's last
  // requests drain after the schedule ends, hence 98 %).
  const met =
    rate >= TARGET_RPS &&
    atRate.rps >= rate * 0.98 &&
    atRate.p99 < 50 &&
    atRate.errors === 0 &&
    atRate.mixedVersions === 0;
  console.log(
    `target        ≥ 1,000 requests/s with p99 < 50 ms, 0 errors, 0 mixed: ${met ? 'met' : 'not met'} at ${fmt(atRate.rps, 0)} requests/s offered ${rate}${capacity ? `; capacity ${fmt(capacity.rps, 0)} requests/s` : ''}`,
  );
}
process.exit(0);
