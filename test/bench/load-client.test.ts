/**
 * The load generator's two ways of measuring (bench/load-client.ts) against a tiny server that stalls once:
 * the open loop keeps its schedule and charges the stall to every request it delayed (no coordinated
 * omission); the closed loop sends no more than its connections allow.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJsonScript } from '../../bench/harness.ts';

const CLIENT = fileURLToPath(new URL('../../bench/load-client.ts', import.meta.url));
let url = '';
let served = 0;
let stallNext = false;
const server = createServer((req, res) => {
  served++;
  const answer = () => res.end(req.url?.includes('mixed') ? '[gen 1] [gen 2]' : '[gen 1]');
  if (stallNext && req.url?.includes('stall')) {
    stallNext = false;
    setTimeout(answer, 300);
  } else answer();
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  server.closeAllConnections();
});

interface ClientResult {
  requests: number;
  p50: number;
  p95: number;
  max: number;
  errors: number;
  mixedVersions: number;
  kinds: Record<'search' | 'listing' | 'item', { requests: number; p50: number; p99: number }>;
}
const drive = (args: string[]) => runJsonScript<ClientResult>(CLIENT, [`--url=${url}`, ...args]);

describe('the load generator', () => {
  it('open loop: sends on schedule and counts a stall against every request it held up', async () => {
    served = 0;
    stallNext = true;
    // One connection: a 300 ms stall of the first request holds up the ~30 scheduled behind it.
    const r = await drive([
      '--rate=100',
      '--seconds=1',
      '--warmup-seconds=0',
      '--connections=1',
      '--paths=["/stall","/a","/b"]',
    ]);
    expect(r.requests).toBe(100);
    expect(served).toBe(100);
    expect(r.errors).toBe(0);
    // Measured from the scheduled start, at least a quarter of the requests waited ≥ 100 ms.
    expect(r.p50).toBeLessThan(r.p95);
    expect(r.p95).toBeGreaterThanOrEqual(100);
    expect(r.max).toBeGreaterThanOrEqual(290);
    // By kind: "/stall", "/a" and "/b" are none of search or listing, so all count as item reads.
    expect(r.kinds).toMatchObject({
      search: { requests: 0 },
      listing: { requests: 0 },
      item: { requests: 100 },
    });
    expect(r.kinds.item.p99).toBeGreaterThanOrEqual(r.p95);
  });

  it('closed loop: counts every answer it got and reports the answers that mix two generations', async () => {
    served = 0;
    const r = await drive([
      '--seconds=0.5',
      '--warmup-seconds=0',
      '--connections=2',
      '--watch=r1',
      '--paths=["/api/regions/r1/interventions?mixed","/api/regions/r1/interventions"]',
    ]);
    expect(r.requests).toBe(served);
    expect(r.requests).toBeGreaterThan(10);
    expect(r.mixedVersions).toBeGreaterThan(0);
    expect(r.mixedVersions).toBeLessThan(r.requests);
    expect(r.kinds.listing.requests).toBe(r.requests);
  });

  it('warm-up: its requests are sent and checked but their latency is not counted', async () => {
    served = 0;
    stallNext = true;
    // The stall falls in the half-second warm-up: sent and answered, but no counted request waited for it.
    const r = await drive([
      '--rate=100',
      '--seconds=1',
      '--warmup-seconds=0.5',
      '--connections=1',
      '--watch=r1',
      '--paths=["/stall","/api/regions/r1/interventions?mixed","/a","/b","/c","/d","/e","/f","/g","/h"]',
    ]);
    expect(served).toBe(150);
    expect(r.requests).toBe(100);
    expect(r.max).toBeLessThan(290);
    // A mixed answer is reported whenever it comes, warm-up or not: 15 of the 150 answers were mixed.
    expect(r.mixedVersions).toBe(15);
  });
});
