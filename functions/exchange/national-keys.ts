/**
 * The partition keys of the exchange's items in the national (registry) table, in a module without
 * dependencies: the request store uses them, and the CDK app scopes the regional admin functions'
 * write on the national table to them (`dynamodb:LeadingKeys`, infra/constructs/bind-stores.ts).
 */

/** `XREQ#<id>`: one request record. */
export const REQUEST_PK_PREFIX = 'XREQ#';
/** `XREQS#IN#<region>` / `XREQS#OUT#<region>`: the listing indexes (written when a request is made). */
export const REQUEST_INDEX_PK_PREFIX = 'XREQS#';
/** All exchange counters in one partition (they change rarely): the national answer is one Query. */
export const STATS_PK = 'XSTATS';

/**
 * What a decision (accept, decline, withdraw) may change in the national table: request records and the
 * counters, as `dynamodb:LeadingKeys` patterns (`StringLike`). Not the listing indexes (`XREQS#…` does
 * not match `XREQ#*`), not the region registry, not the review markers.
 */
export const DECISION_LEADING_KEYS: readonly string[] = [`${REQUEST_PK_PREFIX}*`, STATS_PK];
