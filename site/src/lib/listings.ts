/**
 * Build time: which listing pages exist and what they list. One page per region (with a published
 * catalogue or not) and one per municipality that has interventions in any region's catalogue.
 *
 * The page strategy (docs/site.md): a region page is a summary (counts per municipality and category,
 * with links) and lists its interventions itself only when its catalogue is small; a municipality page
 * lists all its interventions compactly, grouped by category, `MUNICIPALITY_PAGE_SIZE` per page; each
 * intervention has its full page at `/insats/?r=<region>&id=<id>`, one static page per language that an
 * island fills from the API.
 *
 * The review routine (docs/review.md): an item unconfirmed for two review intervals and the grace
 * (`hidden`) is left out of the listings, as newcomer search leaves it out — decided at the build's
 * instant (`buildTime`), with each region's interval. Each listing also knows when its next item changes
 * state after the build (`reviewChangeAt`), so the live island can bring a page viewed later up to date.
 */
import type { RegionSummary } from '../../../shared/region.ts';
import { TOP_LEVEL_CATEGORIES } from '../../../shared/taxonomy.ts';
import { getCatalogue, getRegions } from './api.ts';
import {
  countItems,
  type InterventionView,
  nextReviewChange,
  type RegionalItem,
  visibleItems,
} from './catalogue-view.ts';
import { paginate } from './listing-html.ts';
import { municipalityNameOf, municipalitySlug } from './vocabulary.ts';

/** A region page lists every intervention itself up to this many; above, it links to its municipalities. */
export const REGION_FULL_LIST_MAX_ITEMS = 150;

/**
 * A municipality's interventions are listed MUNICIPALITY_PAGE_SIZE per page (`/kommuner/huddinge/`,
 * `/kommuner/huddinge/2/`, …), so every intervention is on a built page whatever a catalogue holds.
 * Measured on the demo catalogues' real prose, an entry costs 190–235 bytes of gzipped HTML (a
 * 300-character summary ~280): 150 × 280 B + the page (~6 kB) ≈ 48 kB, under the 60 kB budget.
 */
export const MUNICIPALITY_PAGE_SIZE = 150;

export interface MunicipalityListing {
  code: string;
  name: string;
  slug: string;
  /** Every intervention offered there, from every region (but the hidden ones). */
  items: RegionalItem[];
  /**
   * Region id → the catalogue version the items were read from (regions with items here, hidden ones
   * included: confirming one publishes, and the page then shows it).
   */
  versions: Record<string, number>;
  /** When one of `items` next changes state after the build (epoch ms; none: never). */
  reviewChangeAt?: number;
  /** The regions the municipality belongs to (registry membership, not where items come from). */
  regions: RegionSummary[];
}

export interface RegionListing {
  region: RegionSummary;
  version: number;
  /** The published items newcomers see (the hidden ones left out). */
  items: RegionalItem[];
  /** The published items left out at the build (hidden). */
  hidden: RegionalItem[];
  /** When one of `items` next changes state after the build (epoch ms; none: never). */
  reviewChangeAt?: number;
}

let builtAt: number | undefined;

/** The instant the build decides review states at (epoch ms): one instant for every page and language. */
export function buildTime(): number {
  builtAt ??= Date.now();
  return builtAt;
}

/**
 * A region's published items split as a listing shows them at `now` (pure; test/site/listings.test.ts):
 * the visible ones, the hidden ones, and when the next visible one changes state.
 */
export function reviewListing(
  items: readonly RegionalItem[],
  now: number,
  intervals: Record<string, number>,
): Pick<RegionListing, 'items' | 'hidden' | 'reviewChangeAt'> {
  const visible = visibleItems(items, now, intervals);
  const shown = new Set(visible);
  return {
    items: visible,
    hidden: items.filter((item) => !shown.has(item)),
    reviewChangeAt: nextReviewChange(visible, now, intervals),
  };
}

let regionListings: Promise<RegionListing[]> | undefined;
let municipalityListings: Promise<Map<string, MunicipalityListing>> | undefined;

/** Every region with its published items (read once per build). */
export function getRegionListings(): Promise<RegionListing[]> {
  regionListings ??= getRegions().then((regions) =>
    Promise.all(
      regions.map(async (region) => {
        const catalogue = await getCatalogue(region.id);
        const items = catalogue.items.map((item) => ({ ...item, regionId: region.id }));
        const intervals = { [region.id]: region.reviewIntervalDays };
        return { region, version: catalogue.version, ...reviewListing(items, buildTime(), intervals) };
      }),
    ),
  );
  return regionListings;
}

export async function getRegionListing(regionId: string): Promise<RegionListing> {
  const listing = (await getRegionListings()).find((l) => l.region.id === regionId);
  if (!listing) throw new Error(`Unknown region "${regionId}"`);
  return listing;
}

/** Municipality code → its listing, for every municipality with at least one intervention. */
export function getMunicipalityListings(): Promise<Map<string, MunicipalityListing>> {
  municipalityListings ??= getRegionListings().then((listings) => {
    const byCode = new Map<string, MunicipalityListing>();
    for (const { region, version, items } of listings) {
      for (const item of items) {
        for (const code of item.municipalities) {
          let listing = byCode.get(code);
          if (!listing) {
            listing = {
              code,
              name: municipalityNameOf(code),
              slug: municipalitySlug(code),
              items: [],
              versions: {},
              regions: listings.map((l) => l.region).filter((r) => r.municipalities.includes(code)),
            };
            byCode.set(code, listing);
          }
          listing.items.push(item);
          listing.versions[region.id] = version;
        }
      }
    }
    // A region whose items there are all hidden: its publish (a confirmation) updates the page live.
    for (const { region, version, hidden } of listings) {
      for (const item of hidden) {
        for (const code of item.municipalities) {
          const listing = byCode.get(code);
          if (listing) listing.versions[region.id] = version;
        }
      }
    }
    const intervals = Object.fromEntries(listings.map((l) => [l.region.id, l.region.reviewIntervalDays]));
    for (const listing of byCode.values()) {
      listing.reviewChangeAt = nextReviewChange(listing.items, buildTime(), intervals);
    }
    return new Map([...byCode].sort(([, a], [, b]) => a.name.localeCompare(b.name, 'sv')));
  });
  return municipalityListings;
}

export async function getMunicipalityListingBySlug(slug: string): Promise<MunicipalityListing> {
  for (const listing of (await getMunicipalityListings()).values()) if (listing.slug === slug) return listing;
  throw new Error(`No municipality page "${slug}"`);
}

/** Pages of a municipality's listing: `/kommuner/huddinge/`, `/kommuner/huddinge/2/` (language-neutral). */
export function municipalityPagePath(slug: string, page = 1): string {
  return `/kommuner/${slug}/${page > 1 ? `${page}/` : ''}`;
}

/**
 * How many pages a municipality's listing has: `paginate` over its categories (their sizes and taxonomy
 * order do not depend on the language, so every language has the same pages).
 */
export function municipalityPageCount(
  items: readonly Pick<RegionalItem, 'category'>[],
  pageSize = MUNICIPALITY_PAGE_SIZE,
): number {
  const counts = countItems(items.map((item) => ({ category: item.category, municipalities: [] }))).category;
  const groups = TOP_LEVEL_CATEGORIES.filter((category) => counts[category.code]).map((category) => ({
    code: category.code,
    label: '',
    anchor: '',
    items: new Array<InterventionView>(counts[category.code]!),
  }));
  return Math.max(1, paginate(groups, pageSize).length);
}

/** Region id → its review interval in days (GET /api/regions), for the vocabulary. */
export async function reviewIntervals(): Promise<Record<string, number>> {
  return Object.fromEntries((await getRegions()).map((region) => [region.id, region.reviewIntervalDays]));
}

/** Region id → name, for labels. */
export async function regionNames(): Promise<Record<string, string>> {
  return Object.fromEntries((await getRegions()).map((region) => [region.id, region.name]));
}

export { countItems };
