/**
 * The marketplace: interventions OTHER regions sell, with their live places and price.
 *
 * Per request: every other region's live catalogue comes from a warm snapshot cache (a pointer check at
 * most every 2 s, a snapshot read only when the version changed); its PLACES items (one small Query per
 * region) are overlaid; what is open with enough free places and inside the price range is an offer.
 * A text query is answered by the national search engine over the offers only: one small index per
 * region is built from its offers (a few hundred items at most: milliseconds) and searched with
 * `searchFederated`, so text matching, stemming, synonyms and ranking are those of the portal's search.
 *
 * Order ("distance in municipalities"): offers given in a municipality of the buyer's county first, then
 * the rest; within each, the best text match first (with a query), then the lowest price, then region
 * and id. The buyer is the `municipality` parameter, else every county of the caller's regions.
 */
import { EXCHANGE_LIMITS, type Offer, type OffersQuery, type OffersResponse } from '../../shared/exchange.ts';
import { getMunicipality } from '../../shared/geo.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { reviewState } from '../../shared/review.ts';
import { categoryMatches } from '../../shared/taxonomy.ts';
import type { Caller } from '../auth/claims.ts';
import { SnapshotCache } from '../coverage/snapshots.ts';
import { HttpError } from '../lib/errors.ts';
import { log } from '../lib/log.ts';
import { listRegions } from '../registry/store.ts';
import { reviewIntervalOf } from '../review/config-store.ts';
import { buildRegionIndex, searchFederated } from '../search/engine/index.ts';
import { effectivePlaces, type PlacesRecord, readAllPlaces } from './places-store.ts';

/** One warm cache per function instance. */
export const offerSnapshots = new SnapshotCache();

const DAY_MS = 86_400_000;
/** Pages of 100 the text search may walk through (offers are few; this is only a bound). */
const MAX_TEXT_PAGES = 50;

interface Candidate {
  region: RegionConfig;
  item: Intervention;
  offer: Omit<Offer, 'distance' | 'score'>;
}

function countiesOf(item: Intervention): string[] {
  return [
    ...new Set(item.municipalities.map((m) => getMunicipality(m)?.county).filter((c): c is string => !!c)),
  ];
}

function buyerCounties(caller: Caller, regions: readonly RegionConfig[], municipality: string | undefined) {
  if (municipality) {
    const own = regions.some((r) => caller.regions.includes(r.id) && r.municipalities.includes(municipality));
    if (!own && !caller.countyBoard) {
      throw new HttpError(400, 'invalid-query', {
        sv: `Kommunen ${municipality} hör inte till någon av dina regioner.`,
        en: `The municipality ${municipality} is not in any of your regions.`,
      });
    }
    return [getMunicipality(municipality)!.county];
  }
  return [...new Set(regions.filter((r) => caller.regions.includes(r.id)).flatMap((r) => r.county))];
}

async function placesWithDeadline(region: RegionConfig): Promise<Map<string, PlacesRecord> | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      readAllPlaces(region.tableName),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('places deadline passed')), LIMITS.regionDeadlineMs);
      }),
    ]);
  } catch (error) {
    log.warn('places of a region unreadable; the catalogue is shown', { regionId: region.id, error });
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function toCandidate(
  region: RegionConfig,
  item: Intervention,
  record: PlacesRecord | undefined,
  query: OffersQuery,
  now: number,
): Candidate | undefined {
  const places = effectivePlaces(item, record);
  if (!places.open) return undefined;
  const free = places.placesAvailable ?? 0;
  if (free < query.minPlaces) return undefined;
  const price = places.pricePerParticipantSek;
  if ((query.minPrice !== undefined || query.maxPrice !== undefined) && price === undefined) return undefined;
  if (query.minPrice !== undefined && price! < query.minPrice) return undefined;
  if (query.maxPrice !== undefined && price! > query.maxPrice) return undefined;
  if (query.pricePeriod && places.pricePeriod !== query.pricePeriod) return undefined;
  if (query.category && !categoryMatches(item.category, query.category)) return undefined;
  const updated = places.placesUpdatedAt ? Date.parse(places.placesUpdatedAt) : Number.NaN;
  return {
    region,
    item,
    offer: {
      regionId: region.id,
      regionName: region.name,
      id: item.id,
      title: item.title,
      ...(item.summary ? { summary: item.summary } : {}),
      category: item.category,
      municipalities: item.municipalities,
      counties: countiesOf(item),
      provider: item.provider,
      languages: item.languages,
      delivery: item.delivery,
      ...(item.startDate ? { startDate: item.startDate } : {}),
      ...(item.endDate ? { endDate: item.endDate } : {}),
      ...(price !== undefined ? { pricePerParticipantSek: price } : {}),
      ...(places.pricePeriod ? { pricePeriod: places.pricePeriod } : {}),
      placesAvailable: free,
      placesUpdatedAt: places.placesUpdatedAt ?? null,
      placesStale: !(now - updated <= EXCHANGE_LIMITS.placesStaleDays * DAY_MS),
      reviewState: reviewState(item, now, reviewIntervalOf(region.id)),
      ...(item.lastReviewedAt ? { lastReviewedAt: item.lastReviewedAt } : {}),
    },
  };
}

/** Text scores of the candidates (key `regionId\u0000id`), by the search engine over the offers only. */
function textScores(candidates: readonly Candidate[], q: string): Map<string, number> {
  const byRegion = new Map<string, Intervention[]>();
  for (const c of candidates) {
    const list = byRegion.get(c.region.id) ?? [];
    list.push(c.item);
    byRegion.set(c.region.id, list);
  }
  const indexes = [...byRegion].map(([regionId, items]) => buildRegionIndex(regionId, 1, items));
  const scores = new Map<string, number>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_TEXT_PAGES; page++) {
    const answer = searchFederated(indexes, { q, limit: 100, ...(cursor ? { cursor } : {}) });
    for (const hit of answer.results) scores.set(`${hit.regionId}\u0000${hit.id}`, hit.score);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return scores;
}

export async function findOffers(
  caller: Caller,
  query: OffersQuery,
  now = new Date(),
  cache: SnapshotCache = offerSnapshots,
): Promise<OffersResponse> {
  const regions = await listRegions();
  const counties = buyerCounties(caller, regions, query.municipality);
  const others = regions.filter((r) => !caller.regions.includes(r.id));
  const snapshots = await cache.current(others);
  const t = now.getTime();
  const perRegion = await Promise.all(
    snapshots.map(async (snapshot) => {
      const records = snapshot.items.length ? await placesWithDeadline(snapshot.region) : undefined;
      const found: Candidate[] = [];
      for (const item of snapshot.items) {
        const record = records?.get(item.id);
        if (!item.interMunicipal && !record) continue;
        const candidate = toCandidate(snapshot.region, item, record, query, t);
        if (candidate) found.push(candidate);
      }
      return found;
    }),
  );
  let candidates = perRegion.flat();
  let scores: Map<string, number> | undefined;
  if (query.q && candidates.length) {
    scores = textScores(candidates, query.q);
    candidates = candidates.filter((c) => scores!.has(`${c.region.id}\u0000${c.item.id}`));
  } else if (query.q) candidates = [];
  const offers: Offer[] = candidates.map((c) => ({
    ...c.offer,
    distance: c.offer.counties.some((county) => counties.includes(county)) ? 'same-county' : 'other-county',
    score: scores?.get(`${c.region.id}\u0000${c.item.id}`) ?? 0,
  }));
  const wanted = query.sameCounty ? offers.filter((o) => o.distance === 'same-county') : offers;
  wanted.sort(
    (a, b) =>
      (a.distance === b.distance ? 0 : a.distance === 'same-county' ? -1 : 1) ||
      b.score - a.score ||
      (a.pricePerParticipantSek ?? Number.POSITIVE_INFINITY) -
        (b.pricePerParticipantSek ?? Number.POSITIVE_INFINITY) ||
      a.regionId.localeCompare(b.regionId) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const start = query.cursor ? Number(query.cursor) : 0;
  const page = wanted.slice(start, start + query.limit);
  return {
    total: wanted.length,
    offers: page,
    buyer: { municipality: query.municipality ?? null, counties },
    regions: Object.fromEntries(
      snapshots.map((s) => [s.region.id, { status: s.status, version: s.pointer?.version ?? null }]),
    ),
    nextCursor: start + query.limit < wanted.length ? String(start + query.limit) : null,
  };
}
