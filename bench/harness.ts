/** Small helpers shared by the benchmarks: an embedded store, percentiles, memory, events, child scripts. */
import { spawn } from 'node:child_process';
import { REGISTRY_TABLE_ENV } from '../functions/lib/config.ts';
import { resetDocumentClient } from '../functions/lib/dynamo.ts';
import type { HttpEvent } from '../functions/lib/http.ts';
import { clearRegistryCache, putRegions } from '../functions/registry/store.ts';
import { type EmbeddedDynamo, pointSdkAt, startEmbeddedDynamoProcess } from '../local/embedded-dynamo.ts';
import { ensureTables } from '../local/tables.ts';
import type { RegionConfig } from '../shared/region.ts';

export const BENCH_REGISTRY = 'insats-registry-bench';

/** The regional stores in an embedded DynamoDB running in its own process, as DynamoDB does in AWS. */
export async function benchStores(regions: RegionConfig[]): Promise<EmbeddedDynamo> {
  const dynamo = await startEmbeddedDynamoProcess();
  pointSdkAt(dynamo.endpoint);
  process.env[REGISTRY_TABLE_ENV] = BENCH_REGISTRY;
  process.env.INSATS_LOG_LEVEL ??= 'error';
  resetDocumentClient();
  clearRegistryCache();
  await ensureTables(dynamo.endpoint, BENCH_REGISTRY, regions);
  await putRegions(regions);
  return dynamo;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

export { heapMb, heldMb } from './memory.ts';

/** Sample the process's peak memory while `work` runs. */
export async function withPeakMemory<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakRssMb: number; peakHeapMb: number }> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 10);
  try {
    sample();
    const result = await work();
    sample();
    return { result, peakRssMb: peakRss / 1024 / 1024, peakHeapMb: peakHeap / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export function apiEvent(
  method: string,
  path: string,
  query: Record<string, string | undefined> = {},
  extra: Partial<HttpEvent> = {},
): HttpEvent {
  const queryStringParameters = Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  return {
    version: '2.0',
    rawPath: path,
    rawQueryString: new URLSearchParams(queryStringParameters).toString(),
    headers: {},
    queryStringParameters,
    requestContext: { requestId: 'bench', http: { method, path } },
    isBase64Encoded: false,
    ...extra,
  };
}

export const lambdaContext = {
  functionName: 'bench',
  awsRequestId: 'bench',
  getRemainingTimeInMillis: () => 30_000,
  callbackWaitsForEmptyEventLoop: false,
};

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** Encode text as Windows-1252, as Excel on Swedish Windows saves a CSV (unmappable characters → '?'). */
export function encodeWindows1252(text: string): Buffer {
  const extra = new Map<string, number>();
  const decoder = new TextDecoder('windows-1252');
  for (let byte = 0x80; byte <= 0x9f; byte++) extra.set(decoder.decode(Uint8Array.of(byte)), byte);
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out[n++] = extra.get(ch) ?? (code <= 0xff && (code < 0x80 || code > 0x9f) ? code : 0x3f);
  }
  return out.subarray(0, n);
}

/**
 * Run a script in a new Node process (this process's environment plus `env`) and return the JSON it
 * printed on stdout; its stderr passes through. Throws when it exits with anything but 0.
 */
export async function runJsonScript<T>(
  script: string,
  args: string[] = [],
  options: { nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<T> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return JSON.parse(output) as T;
}
