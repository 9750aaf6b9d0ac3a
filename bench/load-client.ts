/**
 * The load generator: a separate process that drives the portal over HTTP on loopback for `--seconds`,
 * and reports what it measured as JSON on stdout. Two ways:
 *   - closed loop (`--connections=N`, no `--rate`): N keep-alive connections, each sending its next request
 *     when the last is answered. This finds the most the server can do; latency then only says how long
 *     requests queue (N / throughput), so it is reported but is not the latency figure.
 *   - open loop (`--rate=R`): requests start on a fixed schedule, R per second, whatever the answers do
 *     (at most `--connections` open at once; beyond, requests wait for a connection). Each latency runs from
 *     the request's scheduled start, so a stalled server counts for every request it kept waiting (no
 *     "coordinated omission"). This is the latency at a given throughput.
 * Every answer is checked: status 200, and no page or search result mixes two catalogue generations of
 * the region being republished during the run. The first `--warmup-seconds` (2) run the same way but are
 * not counted: they open the connections and warm this process's own code, whose start would otherwise
 * count as the server's latency (as wrk2 calibrates before it measures).
 */
import { Agent, request } from 'node:http';
import { watchStalls } from './stalls.ts';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const base = new URL(arg('url', 'http://127.0.0.1:8787'));
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname))
  throw new Error('The load test only targets loopback');
const seconds = Number(arg('seconds', '30'));
const connections = Number(arg('connections', '32'));
const rate = Number(arg('rate', '0'));
const paths: string[] = JSON.parse(arg('paths', '[]'));
const watchedRegion = arg('watch', '');
const warmupMs = Number(arg('warmup-seconds', '2')) * 1000;

// An idle socket is closed here after 4 s, before the server's 5 s keep-alive ends it, as a browser
// closes idle connections: a request is then not sent on a socket the server is closing at that moment.
const agent = new Agent({ keepAlive: true, maxSockets: connections, timeout: 4_000 });
/** Requests sent again after the server closed an idle keep-alive socket as they were sent on it. */
let resent = 0;
const latencies: number[] = [];
/** The same latencies by kind of request, to tell which kind a tail belongs to. */
const byKind: Record<'search' | 'listing' | 'item', number[]> = { search: [], listing: [], item: [] };
const kindOf = (path: string) =>
  path.startsWith('/api/search') ? 'search' : /\/interventions(\?|$)/.test(path) ? 'listing' : 'item';
/** With LOAD_TIMELINE=<file>: every request's start (epoch ms) and latency, to line up with publishes. */
const timeline: string[] | undefined = process.env.LOAD_TIMELINE ? [] : undefined;
// …and this process's own event-loop stalls of 30 ms or more (a late client delays what it measures).
if (timeline)
  watchStalls((ms) =>
    timeline.push(`${Math.round(performance.timeOrigin + performance.now())} client-stall ${ms}`),
  );
let errors = 0;
let mixed = 0;
const statusCounts: Record<string, number> = {};
const TAG = Buffer.from('[gen ');

/**
 * The catalogue generations an answer holds. Only the watched region's items carry a `[gen N]` tag
 * (bench/load.ts), so scanning the bytes finds exactly the tags of its items in a page or in search
 * results — without decoding or parsing the answer: decoding every body as UTF-8 and matching a regular
 * expression was a quarter of this client's CPU, taken from the server it shares the machine with.
 */
function generationsIn(body: Buffer): Set<number> {
  const found = new Set<number>();
  for (let at = body.indexOf(TAG); at !== -1; at = body.indexOf(TAG, at + TAG.length)) {
    let i = at + TAG.length;
    let n = 0;
    while (i < body.length && body[i]! >= 0x30 && body[i]! <= 0x39) n = n * 10 + body[i++]! - 0x30;
    if (i > at + TAG.length && body[i] === 0x5d) found.add(n);
  }
  return found;
}

function get(path: string, started = performance.now(), retry = false): Promise<void> {
  const counted = started >= measuredFrom;
  return new Promise((resolve) => {
    const req = request({ host: base.hostname, port: base.port, path, agent, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // Warm-up answers are checked like the others; only their latency is not counted.
        if (counted) {
          const latency = performance.now() - started;
          const kind = kindOf(path);
          latencies.push(latency);
          byKind[kind].push(latency);
          timeline?.push(`${Math.round(performance.timeOrigin + started)} ${latency.toFixed(1)} ${kind}`);
        }
        statusCounts[res.statusCode ?? 0] = (statusCounts[res.statusCode ?? 0] ?? 0) + 1;
        if (res.statusCode !== 200) errors++;
        else if (
          watchedRegion &&
          (path.includes(`/regions/${watchedRegion}/`) || path.startsWith('/api/search'))
        ) {
          if (generationsIn(Buffer.concat(chunks)).size > 1) mixed++;
        }
        resolve();
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server closed this idle keep-alive socket (its 5 s timeout) just as the request went out on
      // it: nothing reached the server. Browsers send such a GET again on a new connection, and so does
      // this client, once (Node's documented `reusedSocket` pattern); the latency keeps its start.
      if (error.code === 'ECONNRESET' && req.reusedSocket && !retry) {
        resent++;
        get(path, started, true).then(resolve);
        return;
      }
      errors++;
      const key = `network ${error.code ?? error.message}`;
      statusCounts[key] = (statusCounts[key] ?? 0) + 1;
      resolve();
    });
    req.end();
  });
}

let next = 0;
const startedAt = performance.now();
const measuredFrom = startedAt + warmupMs;
if (rate > 0) {
  // Open loop: request k is due at startedAt + k / rate. The timer wakes every millisecond or so and
  // starts every request that is due; the agent queues those beyond `connections` open sockets.
  const total = Math.floor(((warmupMs + seconds * 1000) * rate) / 1000);
  let outstanding = 0;
  await new Promise<void>((resolve) => {
    const done = () => {
      outstanding--;
      if (next === total && outstanding === 0) resolve();
    };
    const tick = () => {
      const now = performance.now();
      while (next < total && startedAt + (next * 1000) / rate <= now) {
        outstanding++;
        get(paths[next % paths.length]!, startedAt + (next * 1000) / rate).then(done);
        next++;
      }
      if (next < total) setTimeout(tick, 1);
      else if (outstanding === 0) resolve();
    };
    tick();
  });
} else {
  const deadline = measuredFrom + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) await get(paths[next++ % paths.length]!);
    }),
  );
}
const elapsed = (performance.now() - measuredFrom) / 1000;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
latencies.sort((a, b) => a - b);
const at = (p: number) => percentile(latencies, p);
const kinds = Object.fromEntries(
  Object.entries(byKind).map(([kind, list]) => {
    list.sort((a, b) => a - b);
    return [kind, { requests: list.length, p50: percentile(list, 50), p99: percentile(list, 99) }];
  }),
);
process.stdout.write(
  `${JSON.stringify({
    requests: latencies.length,
    warmupSeconds: warmupMs / 1000,
    mode: rate > 0 ? 'open' : 'closed',
    offeredRps: rate > 0 ? rate : null,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: latencies.at(-1) ?? 0,
    errors,
    resent,
    mixedVersions: mixed,
    statusCounts,
    kinds,
  })}\n`,
);
agent.destroy();
if (timeline) (await import('node:fs')).writeFileSync(process.env.LOAD_TIMELINE!, `${timeline.join('\n')}\n`);
