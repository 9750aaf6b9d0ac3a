/**
 * The administrator of the load test (bench/load.ts): a separate process that uploads a new version of
 * one region's catalogue every `--every-ms` for `--seconds`, through the admin API as a browser would,
 * each version's items tagged with its generation (`[gen N]`) so the load client can tell versions apart.
 * Building and sending the 2,000-item upload happens here, not in the server's process, so the server
 * pays only for what it would pay in production. Prints what happened as JSON.
 */
import { yieldCpuToPublicRoutes } from '../local/priority.ts';
import { benchCatalogue, benchRegions, tagGeneration } from './corpus.ts';

// The administrator's browser is another machine: here it takes only CPU that nothing else wants.
yieldCpuToPublicRoutes();

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const url = arg('url')!;
const token = arg('token')!;
const everyMs = Number(arg('every-ms') ?? 10_000);
const seconds = Number(arg('seconds') ?? 30);
// The first region of the corpus, as bench/load.ts builds it (benchCorpus), without the other 29 × 2,000.
const region = benchRegions(Number(arg('regions') ?? 30))[0]!;
const items = benchCatalogue(region, 0, Number(arg('per-region') ?? 2_000));

/** What went wrong, and when each publish was sent and answered (epoch ms, to line up with latencies). */
const log: string[] = [];
const times: string[] = [];
let publishes = 0;
let failures = 0;
let generation = 0;
const startedAt = Date.now();
const stopAt = startedAt + seconds * 1_000;
// Publish k starts at startedAt + k × everyMs, whatever the one before took (at once if it overran).
while (startedAt + (generation + 1) * everyMs <= stopAt) {
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, startedAt + (generation + 1) * everyMs - Date.now())),
  );
  generation++;
  const sentAt = Date.now();
  try {
    const response = await fetch(`${url}/api/admin/regions/${region.id}/catalogue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(tagGeneration(items, generation)),
    });
    const text = await response.text();
    if (response.status === 200) publishes++;
    else {
      failures++;
      log.push(`publish ${generation} answered ${response.status}: ${text.slice(0, 200)}`);
    }
  } catch (error) {
    failures++;
    log.push(`publish ${generation} failed: ${error}`);
  }
  times.push(`publish ${generation}: ${sentAt} → ${Date.now()}`);
}
process.stdout.write(`${JSON.stringify({ publishes, failures, log, times })}\n`);
