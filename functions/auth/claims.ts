/**
 * Who the caller is, from the verified JWT claims that API Gateway's JWT authorizer (Cognito in AWS)
 * or the local server (development tokens) puts in the event. A token names the regions its holder
 * administers through groups `region-<id>-admin`; county boards are in the group `county-board`.
 */
export interface Caller {
  subject: string;
  name: string;
  regions: string[];
  countyBoard: boolean;
}

export const regionGroup = (regionId: string) => `region-${regionId}-admin`;
export const COUNTY_BOARD_GROUP = 'county-board';

function groupsOf(claims: Record<string, unknown>): string[] {
  const raw = claims['cognito:groups'];
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === 'string');
  if (typeof raw === 'string') {
    // API Gateway flattens array claims to "[a b]" or "a,b"
    return raw
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  return [];
}

export function callerFromClaims(claims: Record<string, unknown> | undefined): Caller | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const groups = groupsOf(claims);
  const regions = groups
    .map((g) => /^region-([a-z][a-z0-9-]{1,39})-admin$/.exec(g)?.[1])
    .filter((r): r is string => Boolean(r));
  const name =
    (typeof claims.name === 'string' && claims.name) ||
    (typeof claims.email === 'string' && claims.email) ||
    claims.sub;
  return { subject: claims.sub, name, regions, countyBoard: groups.includes(COUNTY_BOARD_GROUP) };
}
