import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../local/rate-limit.ts';
import { type Portal, startPortal } from '../../local/server.ts';

describe('the per-client rate limit', () => {
  it('allows a burst, then refuses with the seconds to wait, and refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now += 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });
});

describe('the local server', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({
      seedDemo: false,
      siteDir: '/nonexistent',
      rateLimit: { perSecond: 1, burst: 2 },
    });
  });
  afterAll(async () => {
    await portal.close();
  });

  it('answers 429 with Retry-After in the error shape when one client asks too often', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await fetch(`${portal.url}/api/regions`);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await last!.json()) as { error: { code: string; messages: { sv: string; en: string } } };
    expect(body.error.code).toBe('too-many-requests');
  });
});
