/**
 * A per-client rate limit for the local server (in AWS: API Gateway stage throttling and a WAF rate
 * rule). Token buckets keyed by the client address, held in memory only, never logged or stored.
 */
export interface RateLimitOptions {
  /** Sustained requests per second per client. */
  perSecond: number;
  /** Burst size. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 100, burst: 500 };
const MAX_CLIENTS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly options: RateLimitOptions;
  private readonly now: () => number;

  constructor(options: RateLimitOptions = DEFAULT_RATE_LIMIT, now: () => number = Date.now) {
    this.options = options;
    this.now = now;
  }

  /** Take one token; returns 0 when allowed, else the seconds to wait (for Retry-After). */
  take(client: string): number {
    const now = this.now();
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size >= MAX_CLIENTS) this.buckets.clear();
      bucket = { tokens: this.options.burst, at: now };
      this.buckets.set(client, bucket);
    }
    bucket.tokens = Math.min(
      this.options.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond,
    );
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond));
  }
}
