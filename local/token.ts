/**
 * `npm run token -- <regionId> [<regionId>...]` prints a development administrator token for the
 * local portal (`--county-board` for a county-board token). Production configurations refuse them.
 */
import { COUNTY_BOARD_GROUP, regionGroup } from '../functions/auth/claims.ts';
import { signDevToken } from '../functions/auth/dev-token.ts';
import { devTokenSecret } from './paths.ts';
import { loadRegionsConfig } from './regions-config.ts';

const args = process.argv.slice(2);
const countyBoard = args.includes('--county-board');
const regionIds = args.filter((a) => !a.startsWith('--'));
const known = new Set(loadRegionsConfig().map((r) => r.id));
const unknown = regionIds.filter((id) => !known.has(id));
if ((regionIds.length === 0 && !countyBoard) || unknown.length > 0) {
  console.error(
    `${unknown.length ? `Unknown region: ${unknown.join(', ')}\n` : ''}Usage: npm run token -- <regionId>... [--county-board]\nRegions: ${[...known].join(', ')}`,
  );
  process.exit(2);
}
const secret = devTokenSecret(false);
if (!secret) {
  console.error('No local portal data yet: run `npm start` once first.');
  process.exit(2);
}
const groups = [...regionIds.map(regionGroup), ...(countyBoard ? [COUNTY_BOARD_GROUP] : [])];
console.log(
  signDevToken(secret, { sub: `dev-${regionIds.join('-') || 'county-board'}`, name: 'Utvecklare', groups }),
);
