/**
 * The deterministic national benchmark corpus: 30 synthetic regions × 2,000 interventions = 60,000,
 * built from the real municipalities (grouped by county), the taxonomy's labels and the vocabulary of
 * the Södertörn minutes. The same seed always gives the same corpus; every item passes the one schema.
 */

import { MUNICIPALITIES } from '../shared/geo.ts';
import { type Intervention, InterventionSchema } from '../shared/intervention.ts';
import type { RegionConfig } from '../shared/region.ts';
import { AUDIENCE_CODES, CATEGORIES } from '../shared/taxonomy.ts';

export const BENCH_REGIONS = 30;
export const BENCH_ITEMS_PER_REGION = 2_000;

/** mulberry32: a tiny deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

/** 30 regions of consecutive municipalities (SCB order keeps counties together). */
export function benchRegions(count = BENCH_REGIONS): RegionConfig[] {
  const n = MUNICIPALITIES.length;
  return Array.from({ length: count }, (_, i) => {
    const municipalities = MUNICIPALITIES.slice(
      Math.floor((i * n) / count),
      Math.floor(((i + 1) * n) / count),
    );
    return {
      id: `bench-${String(i + 1).padStart(2, '0')}`,
      name: `Region ${municipalities[0]!.name}`,
      county: [...new Set(municipalities.map((m) => m.county))],
      municipalities: municipalities.map((m) => m.code),
      jointMunicipalities: [],
      tableName: `bench-region-${String(i + 1).padStart(2, '0')}`,
    };
  });
}

const QUALIFIERS = [
  'kvällstid',
  'dagtid',
  'för kvinnor',
  'för unga',
  'för föräldrar',
  'för akademiker',
  'intensivkurs',
  'på distans',
  'för nybörjare',
  'fortsättning',
  'med barnpassning',
  'på lätt svenska',
  'i grupp',
  'individuellt stöd',
  'för ensamkommande',
  'inom vård och omsorg',
  'inom bygg',
  'inom transport',
];

const VOCABULARY = (
  'nyanlända etablering arbetsförmedlingen kommunen samverkan insats deltagare handläggare kartläggning ' +
  'meritportfölj praktik praktikplats arbetsplats arbetsgivare språk svenska undervisning kurs utbildning ' +
  'vägledning studier yrke yrkesinriktning validering kompetens rekrytering matchning bosättning boende ' +
  'hälsa hälsokommunikatörer trauma föräldraskap barn familj förening fritid idrott samhället rättigheter ' +
  'skyldigheter myndigheter försörjning ekonomi budget bostad lots mentor språkcafé studiebesök ' +
  'introduktion orientering nivåtest grupp individuell plan mål uppföljning tolk modersmål stöd ' +
  'vardag arbetsmarknad körkort digital dator ansökan cv intervju nätverk ideell volontär region län'
).split(' ');

const PROVIDERS: readonly [string, Intervention['provider']['type']][] = [
  ['Arbetsförmedlingen', 'employment-service'],
  ['Komvux', 'education'],
  ['Folkhögskolan', 'education'],
  ['Röda Korset', 'ngo'],
  ['ABF', 'education'],
  ['Studieförbundet Vuxenskolan', 'education'],
  ['Länsstyrelsen', 'county-board'],
  ['Regionen', 'region'],
];

const LANGS = ['sv', 'ar', 'prs', 'fa', 'so', 'ti', 'uk', 'en', 'ku', 'am', 'ps'] as const;

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(rand, VOCABULARY));
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** One region's catalogue, deterministic by region index. */
export function benchCatalogue(
  region: RegionConfig,
  regionIndex: number,
  count = BENCH_ITEMS_PER_REGION,
): Intervention[] {
  const rand = prng(0xc0ffee + regionIndex * 7919);
  const items: Intervention[] = [];
  for (let i = 0; i < count; i++) {
    const category = pick(rand, CATEGORIES);
    const municipality = pick(rand, region.municipalities);
    const name = MUNICIPALITIES.find((m) => m.code === municipality)!.name;
    const qualifier = pick(rand, QUALIFIERS);
    const multi = rand() < 0.2 ? [municipality, pick(rand, region.municipalities)] : [municipality];
    const [providerBase, providerType] =
      rand() < 0.5 ? [`${name} kommun`, 'municipality' as const] : pick(rand, PROVIDERS);
    const translated = rand() < 0.3;
    const descriptionWords = 30 + Math.floor(rand() * 41);
    const reviewedDaysAgo = Math.floor(rand() * 200);
    const delivery = rand() < 0.08 ? 'remote' : rand() < 0.1 ? 'hybrid' : 'on-site';
    const languages = [...new Set(['sv', pick(rand, LANGS), pick(rand, LANGS)])];
    const start =
      rand() < 0.3
        ? new Date(Date.UTC(2026, Math.floor(rand() * 12), 1 + Math.floor(rand() * 27)))
        : undefined;
    items.push(
      InterventionSchema.parse({
        id: `${region.id}-${String(i).padStart(5, '0')}`,
        title: {
          sv: `${category.labels.sv} ${qualifier} i ${name}`,
          ...(translated
            ? { en: `${category.labels.en} in ${name}`, ar: `${category.labels.ar} في ${name}` }
            : {}),
        },
        summary: { sv: sentence(rand, 12 + Math.floor(rand() * 10)).slice(0, 300) },
        description: { sv: sentence(rand, descriptionWords) },
        category: category.code,
        municipalities: [...new Set(multi)],
        languages,
        audiences: rand() < 0.6 ? ['all'] : [pick(rand, AUDIENCE_CODES)],
        delivery,
        provider: { name: providerBase, type: providerType },
        contact: { email: `info@${region.id}.example.se`, phone: '08-123 456 00' },
        ...(start
          ? {
              startDate: start.toISOString().slice(0, 10),
              endDate: new Date(start.getTime() + 90 * 86_400_000).toISOString().slice(0, 10),
            }
          : {}),
        cost: rand() < 0.9 ? { free: true } : { free: false, amountSek: 100 * Math.floor(rand() * 20) },
        ...(rand() < 0.1
          ? {
              interMunicipal: {
                open: true,
                pricePerParticipantSek: 1000 * (1 + Math.floor(rand() * 30)),
                pricePeriod: 'month',
                placesAvailable: Math.floor(rand() * 12),
              },
            }
          : {}),
        lastReviewedAt: new Date(Date.UTC(2026, 10, 23) - reviewedDaysAgo * 86_400_000).toISOString(),
        reviewedBy: 'Handläggare',
      }),
    );
  }
  return items;
}

/** The whole national corpus. */
export function benchCorpus(regionCount = BENCH_REGIONS, perRegion = BENCH_ITEMS_PER_REGION) {
  const regions = benchRegions(regionCount);
  return regions.map((region, i) => ({ region, items: benchCatalogue(region, i, perRegion) }));
}

/**
 * A catalogue version's items marked with its generation (`[gen N]` at the end of the Swedish summary):
 * the load test republishes one region so, and its client finds any answer that mixes two versions.
 */
export function tagGeneration(items: Intervention[], generation: number): Intervention[] {
  return items.map((item) => ({
    ...item,
    summary: { sv: `${item.summary?.sv ?? ''} [gen ${generation}]`.trim().slice(-300) },
  }));
}
