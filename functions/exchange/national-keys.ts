/**
 * The partition keys of the exchange's items in the national (registry) table, in a module without
 * dependencies: the request store builds its keys here, and the CDK app scopes every write on the
 * national table that touches the exchange to them (`dynamodb:LeadingKeys`, infra/constructs/bind-stores.ts):
 * the regional admin functions' decisions, and the shared CreateExchangeRequest function's new requests.
 */

/** `XREQ#<id>`: one request record. */
export const REQUEST_PK_PREFIX = 'XREQ#';
export const requestPk = (id: string) => `${REQUEST_PK_PREFIX}${id}`;
/** `XREQS#IN#<region>` / `XREQS#OUT#<region>`: the listing indexes (written when a request is made). */
export const REQUEST_INDEX_PK_PREFIX = 'XREQS#';
export const indexPk = (direction: 'incoming' | 'outgoing', regionId: string) =>
  `${REQUEST_INDEX_PK_PREFIX}${direction === 'incoming' ? 'IN' : 'OUT'}#${regionId}`;
/** All exchange counters in one partition (they change rarely): the national answer is one Query. */
export const STATS_PK = 'XSTATS';

/**
 * What a decision (accept, decline, withdraw) may change in the national table: request records and the
 * counters, as `dynamodb:LeadingKeys` patterns (`StringLike`). Not the listing indexes (`XREQS#…` does
 * not match `XREQ#*`), not the region registry, not the review markers.
 */
export const DECISION_LEADING_KEYS: readonly string[] = [`${REQUEST_PK_PREFIX}*`, STATS_PK];
