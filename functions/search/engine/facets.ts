/**
 * Filters and disjunctive facets. Each filter is one bit; a document's fail mask says which filters it fails.
 * It is a result when the mask is 0; it counts in the facet of field F when it fails no filter other than
 * F's own (mask & ~F == 0) — so each facet shows what selecting one of its values would give, with every
 * other filter and the text query applied.
 */

import { MUNICIPALITIES } from '../../../shared/geo.ts';
import { CONTENT_LANGUAGES } from '../../../shared/languages.ts';
import type { SearchFacets, SearchQuery } from '../../../shared/search.ts';
import {
  AUDIENCE_CODES,
  CATEGORIES,
  CATEGORY_CODES,
  categoryMatches,
  DELIVERY_CODES,
} from '../../../shared/taxonomy.ts';
import { CATEGORY_COUNT, categoryParent } from './category-vocab.ts';
import {
  audienceIndexByCode,
  deliveryIndexByCode,
  FLAG_FREE,
  FLAG_OPEN,
  languageIndexByCode,
  municipalityIndexByCode,
  REMOTE,
  type RegionIndex,
} from './region-index.ts';

export const F_REGION = 1;
export const F_MUNICIPALITY = 2;
export const F_CATEGORY = 4;
export const F_LANGUAGE = 8;
export const F_AUDIENCE = 16;
export const F_DELIVERY = 32;
export const F_FREE = 64;
export const F_OPEN = 128;

const NONE = -1;
const UNKNOWN = -2;

export interface CompiledFilters {
  region: string | undefined;
  /** Municipality index, NONE, or UNKNOWN (a code we do not know: only remote interventions match). */
  municipality: number;
  /** Per category: passes the category filter (null: no category filter). */
  categoryPass: Uint8Array | null;
  /** Language bit in one half of the 64-bit set; `languageActive` false when no language filter. */
  languageActive: boolean;
  languageLo: number;
  languageHi: number;
  /** Audience bit (0 with `audienceActive`: nothing matches). */
  audienceActive: boolean;
  audienceBit: number;
  delivery: number;
  free: boolean | undefined;
  open: boolean | undefined;
  /** Whether any filter other than region is active. */
  any: boolean;
}

export function compileFilters(query: Partial<SearchQuery>): CompiledFilters {
  const municipality =
    query.municipality === undefined ? NONE : (municipalityIndexByCode.get(query.municipality) ?? UNKNOWN);
  let categoryPass: Uint8Array | null = null;
  if (query.category !== undefined) {
    categoryPass = new Uint8Array(CATEGORY_COUNT);
    CATEGORIES.forEach((c, i) => {
      if (categoryMatches(c.code, query.category!)) categoryPass![i] = 1;
    });
  }
  const language = query.language === undefined ? undefined : languageIndexByCode.get(query.language);
  const audience = query.audience === undefined ? undefined : audienceIndexByCode.get(query.audience);
  const delivery = query.delivery === undefined ? NONE : (deliveryIndexByCode.get(query.delivery) ?? UNKNOWN);
  const filters: CompiledFilters = {
    region: query.region,
    municipality,
    categoryPass,
    languageActive: query.language !== undefined,
    languageLo: language !== undefined && language < 32 ? 1 << language : 0,
    languageHi: language !== undefined && language >= 32 ? 1 << (language - 32) : 0,
    audienceActive: query.audience !== undefined,
    audienceBit: audience === undefined ? 0 : 1 << audience,
    delivery,
    free: query.free,
    open: query.openToOtherMunicipalities,
    any: false,
  };
  filters.any =
    municipality !== NONE ||
    categoryPass !== null ||
    filters.languageActive ||
    filters.audienceActive ||
    delivery !== NONE ||
    filters.free !== undefined ||
    filters.open !== undefined;
  return filters;
}

/** Per region: which municipality combos pass the municipality filter (null: no such filter). */
export function municipalityPass(index: RegionIndex, filters: CompiledFilters): Uint8Array | null {
  if (filters.municipality === NONE) return null;
  const combos = index.muniComboStart.length - 1;
  const pass = new Uint8Array(combos);
  for (let c = 0; c < combos; c++) {
    for (let j = index.muniComboStart[c]!; j < index.muniComboStart[c + 1]!; j++) {
      if (index.muniComboIds[j] === filters.municipality) pass[c] = 1;
    }
  }
  return pass;
}

/**
 * Facet counts for one query, across regions. Within a region, languages and municipalities are counted per
 * combo (one increment per document) and expanded when the region ends (`endRegion`).
 */
export class FacetCounter {
  readonly category = new Uint32Array(CATEGORY_COUNT);
  readonly language = new Uint32Array(CONTENT_LANGUAGES.length);
  readonly municipality = new Uint32Array(MUNICIPALITIES.length);
  /** Municipalities listed by a remote intervention in the municipality facet's base set. */
  readonly listedByRemote = new Uint8Array(MUNICIPALITIES.length);
  remote = 0;
  region: Uint32Array;
  /** Documents per audience bit set (expanded at the end). */
  readonly audienceSets = new Uint32Array(1 << AUDIENCE_CODES.length);
  readonly delivery = new Uint32Array(DELIVERY_CODES.length);
  private langCombos = new Uint32Array(64);
  private muniCombos = new Uint32Array(64);
  private remoteCombos = new Uint32Array(64);
  private inRegion = 0;

  constructor(regions: number) {
    this.region = new Uint32Array(regions);
  }

  /** Zero every count, for reuse by the next query (saves allocating a few kilobytes per query). */
  reset(regions: number): void {
    this.category.fill(0);
    this.language.fill(0);
    this.municipality.fill(0);
    this.listedByRemote.fill(0);
    this.remote = 0;
    if (this.region.length < regions) this.region = new Uint32Array(regions);
    else this.region.fill(0);
    this.audienceSets.fill(0);
    this.delivery.fill(0);
  }

  beginRegion(index: RegionIndex): void {
    const langs = index.langComboLo.length;
    if (this.langCombos.length < langs) this.langCombos = new Uint32Array(langs * 2);
    else this.langCombos.fill(0, 0, langs);
    const munis = index.muniComboStart.length - 1;
    if (this.muniCombos.length < munis) {
      this.muniCombos = new Uint32Array(munis * 2);
      this.remoteCombos = new Uint32Array(munis * 2);
    } else {
      this.muniCombos.fill(0, 0, munis);
      this.remoteCombos.fill(0, 0, munis);
    }
    this.inRegion = 0;
  }

  /** `countAll` for documents `docs[0..count)` of one region. */
  countAllBatch(index: RegionIndex, docs: Int32Array, count: number): void {
    const category = this.category;
    const delivery = this.delivery;
    const audienceSets = this.audienceSets;
    const langCombos = this.langCombos;
    const muniCombos = this.muniCombos;
    const remoteCombos = this.remoteCombos;
    const docCategory = index.category;
    const docDelivery = index.delivery;
    const docLang = index.langCombo;
    const docMuni = index.muniCombo;
    const docAudience = index.audience;
    for (let i = 0; i < count; i++) {
      const d = docs[i]!;
      category[docCategory[d]!]!++;
      langCombos[docLang[d]!]!++;
      const how = docDelivery[d]!;
      if (how === REMOTE) remoteCombos[docMuni[d]!]!++;
      else muniCombos[docMuni[d]!]!++;
      audienceSets[docAudience[d]!]!++;
      delivery[how]!++;
    }
    this.inRegion += count;
  }

  /**
   * Apply the filters to documents `docs[0..count)` of one region (keys alongside): count each in the facets
   * its fail mask allows, and compact the documents that pass every filter to the front of `docs`/`keys`.
   * Returns how many passed.
   */
  filterBatch(
    index: RegionIndex,
    docs: Int32Array,
    keys: Float64Array,
    count: number,
    filters: CompiledFilters,
    regionFail: number,
    muniPass: Uint8Array | null,
  ): number {
    const category = this.category;
    const delivery = this.delivery;
    const audienceSets = this.audienceSets;
    const langCombos = this.langCombos;
    const muniCombos = this.muniCombos;
    const remoteCombos = this.remoteCombos;
    const docCategory = index.category;
    const docDelivery = index.delivery;
    const docLang = index.langCombo;
    const docMuni = index.muniCombo;
    const docAudience = index.audience;
    const docFlags = index.flags;
    const comboLo = index.langComboLo;
    const comboHi = index.langComboHi;
    const categoryPass = filters.categoryPass;
    const languageActive = filters.languageActive;
    const languageLo = filters.languageLo;
    const languageHi = filters.languageHi;
    const audienceActive = filters.audienceActive;
    const audienceBit = filters.audienceBit;
    const wantDelivery = filters.delivery;
    const free = filters.free === undefined ? -1 : filters.free ? FLAG_FREE : 0;
    const open = filters.open === undefined ? -1 : filters.open ? FLAG_OPEN : 0;
    let passed = 0;
    let inRegion = 0;
    for (let i = 0; i < count; i++) {
      const d = docs[i]!;
      const how = docDelivery[d]!;
      const cat = docCategory[d]!;
      const lang = docLang[d]!;
      const muni = docMuni[d]!;
      const aud = docAudience[d]!;
      const flags = docFlags[d]!;
      let mask = regionFail;
      if (muniPass && how !== REMOTE && !muniPass[muni]) mask |= F_MUNICIPALITY;
      if (categoryPass && !categoryPass[cat]) mask |= F_CATEGORY;
      if (languageActive && !(comboLo[lang]! & languageLo) && !(comboHi[lang]! & languageHi))
        mask |= F_LANGUAGE;
      if (audienceActive && !(aud & audienceBit)) mask |= F_AUDIENCE;
      if (wantDelivery !== NONE && how !== wantDelivery) mask |= F_DELIVERY;
      if (free !== -1 && (flags & FLAG_FREE) !== free) mask |= F_FREE;
      if (open !== -1 && (flags & FLAG_OPEN) !== open) mask |= F_OPEN;
      if (mask & (mask - 1)) continue; // fails two filters or more: in no facet
      if ((mask & ~F_CATEGORY) === 0) category[cat]!++;
      if ((mask & ~F_LANGUAGE) === 0) langCombos[lang]!++;
      if ((mask & ~F_MUNICIPALITY) === 0) {
        if (how === REMOTE) remoteCombos[muni]!++;
        else muniCombos[muni]!++;
      }
      if ((mask & ~F_REGION) === 0) inRegion++;
      if ((mask & ~F_AUDIENCE) === 0) audienceSets[aud]!++;
      if ((mask & ~F_DELIVERY) === 0) delivery[how]!++;
      if (mask === 0) {
        keys[passed] = keys[i]!;
        docs[passed++] = d;
      }
    }
    this.inRegion += inRegion;
    return passed;
  }

  /** Count n documents that fail only the region filter: they appear in the region facet alone. */
  countRegionOnly(n: number): void {
    this.inRegion += n;
  }

  endRegion(index: RegionIndex, r: number): void {
    this.region[r]! += this.inRegion;
    for (let c = 0; c < index.langComboLo.length; c++) {
      const n = this.langCombos[c]!;
      if (n === 0) continue;
      addBits(this.language, 0, index.langComboLo[c]!, n);
      addBits(this.language, 32, index.langComboHi[c]!, n);
    }
    for (let c = 0; c < index.muniComboStart.length - 1; c++) {
      const n = this.muniCombos[c]!;
      const remote = this.remoteCombos[c]!;
      if (n === 0 && remote === 0) continue;
      this.remote += remote;
      for (let j = index.muniComboStart[c]!; j < index.muniComboStart[c + 1]!; j++) {
        const m = index.muniComboIds[j]!;
        this.municipality[m]! += n;
        if (remote) this.listedByRemote[m] = 1;
      }
    }
  }

  /**
   * The facets as records of the values with a count. Categories: each code's own count, and each parent code
   * rolled up (its own documents plus its children's). Municipalities: what the municipality filter would
   * give, so remote interventions count in every municipality listed in the base set.
   */
  toFacets(regionIds: readonly string[]): SearchFacets {
    const rolled = new Uint32Array(CATEGORY_COUNT);
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      rolled[c]! += this.category[c]!;
      if (categoryParent[c] !== c) rolled[categoryParent[c]!]! += this.category[c]!;
    }
    const audience = new Uint32Array(AUDIENCE_CODES.length);
    for (let set = 1; set < this.audienceSets.length; set++) {
      if (this.audienceSets[set]) addBits(audience, 0, set, this.audienceSets[set]!);
    }
    const municipality = new Uint32Array(MUNICIPALITY_CODES.length);
    for (let i = 0; i < municipality.length; i++) {
      if (this.municipality[i]! > 0 || this.listedByRemote[i])
        municipality[i] = this.municipality[i]! + this.remote;
    }
    return {
      category: record(CATEGORY_CODES, rolled),
      language: record(CONTENT_LANGUAGES, this.language),
      municipality: record(MUNICIPALITY_CODES, municipality),
      region: record(regionIds, this.region),
      audience: record(AUDIENCE_CODES, audience),
      delivery: record(DELIVERY_CODES, this.delivery),
    };
  }
}

const MUNICIPALITY_CODES = MUNICIPALITIES.map((m) => m.code);

function addBits(counts: Uint32Array, offset: number, bits: number, n: number): void {
  let rest = bits;
  while (rest) {
    const bit = 31 - Math.clz32(rest);
    counts[offset + bit]! += n;
    rest &= ~(1 << bit);
  }
}

/** Codes with a count above zero, largest count first (JavaScript lists integer-like keys first anyway). */
function record(codes: readonly string[], counts: ArrayLike<number>): Record<string, number> {
  const present: number[] = [];
  for (let i = 0; i < codes.length; i++) if (counts[i]! > 0) present.push(i);
  present.sort((a, b) => counts[b]! - counts[a]! || (codes[a]! < codes[b]! ? -1 : 1));
  const out: Record<string, number> = {};
  for (const i of present) out[codes[i]!] = counts[i]!;
  return out;
}
