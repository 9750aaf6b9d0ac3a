/** Every limit that matters, in one place. Handlers, validation, the site and the CDK stack read them here. */
export const LIMITS = {
  /** Upload body size; larger → 413. */
  maxUploadBytes: 5 * 1024 * 1024,
  /** Rows in one catalogue; more → 422. */
  maxCatalogueRows: 20_000,
  idPattern: /^[A-Za-z0-9._-]{1,64}$/,
  titleMaxChars: 200,
  summaryMaxChars: 300,
  descriptionMaxChars: 5_000,
  providerNameMaxChars: 200,
  shortTextMaxChars: 200,
  reviewedByMaxChars: 120,
  /** Free-text query length; longer → 400. */
  queryMaxChars: 200,
  pageSizeDefault: 20,
  pageSizeMax: 100,
  /** Versions kept per region for rollback (older ones are pruned). */
  versionsKept: 12,
  /** Review routine: an item is due after this many days without confirmation. */
  reviewIntervalDays: 90,
  overdueGraceDays: 30,
  /** Statistics: counts below this are never shown. */
  minimumReportableCount: 5,
  /** Search: a region's store gets this long per request before it is reported stale/unavailable. */
  regionDeadlineMs: 800,
  /** Search: how often the live-version pointer of a region is checked. */
  pointerCheckIntervalMs: 2_000,
  /**
   * Search: before a region's new version is swapped in, an instance recomputes up to this many of its most
   * recently used answers over the next indexes, between requests, for at most this long (answer-cache.ts).
   * A publish is searchable within pointerCheckIntervalMs + the load + searchWarmMs.
   */
  searchWarmAnswers: 256,
  searchWarmMs: 2_500,
  /**
   * Public catalogue reads: how long an instance reuses the live state it read — a region's live-version
   * pointer, an intervention's free places. A publish or a change of places shows on listings and item
   * pages within this time (at once to a request with `Cache-Control: no-cache`, as the admin pages send);
   * without it every read cost a consistent GetItem each.
   */
  publicLiveMaxAgeMs: 1_000,
} as const;
