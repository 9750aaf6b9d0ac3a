import { describe, expect, it } from 'vitest';
import { ids, region, search } from './helpers.ts';

// Two regions, six interventions, every attribute varied on purpose.
const nordost = region('nordost', [
  {
    id: 'n1',
    title: 'Praktik på förskola',
    category: 'arbete.praktik',
    municipalities: ['0162'],
    languages: ['sv', 'ar'],
    audiences: ['women'],
    delivery: 'on-site',
    cost: { free: true },
    interMunicipal: { open: true },
    lastReviewedAt: '2026-03-01',
  },
  {
    id: 'n2',
    title: 'Praktik och jobbcoachning',
    category: 'arbete',
    municipalities: ['0162', '0160'],
    languages: ['sv'],
    audiences: ['youth'],
    delivery: 'hybrid',
    cost: { free: false, amountSek: 500 },
    interMunicipal: { open: false },
    lastReviewedAt: '2026-01-15',
  },
  {
    id: 'n3',
    title: 'SFI på distans',
    category: 'sfi',
    municipalities: ['0160'],
    languages: ['ar', 'fa'],
    audiences: ['all'],
    delivery: 'remote',
    cost: { free: true },
    lastReviewedAt: '2026-02-10T08:00:00Z',
  },
]);
const sodertorn = region('sodertorn', [
  {
    id: 's1',
    title: 'Vägledning för mammor',
    category: 'arbete.vagledning',
    municipalities: ['0126'],
    languages: ['sv'],
    audiences: ['women', 'parents'],
    delivery: 'on-site',
    cost: { free: true },
    interMunicipal: { open: true, placesAvailable: 3 },
    lastReviewedAt: '2026-03-01',
  },
  {
    id: 's2',
    title: 'Hälsokommunikation online',
    category: 'halsa',
    municipalities: ['0126', '0136'],
    languages: ['so'],
    audiences: ['all'],
    delivery: 'remote',
    cost: { free: false, amountSek: 200 },
  },
  {
    id: 's3',
    title: 'Samtal efter trauma',
    category: 'halsa.trauma',
    municipalities: ['0136'],
    languages: ['ar'],
    audiences: ['parents'],
    delivery: 'on-site',
    cost: { free: true },
    lastReviewedAt: '2025-12-24',
  },
]);
const all = [nordost, sodertorn];
const sorted = (list: string[]) => [...list].sort();

describe('filters', () => {
  it('region', () => {
    expect(sorted(ids(all, { region: 'nordost' }))).toEqual(['n1', 'n2', 'n3']);
    expect(ids(all, { region: 'nowhere' })).toEqual([]);
  });

  it('municipality: an intervention offered in several municipalities matches each', () => {
    expect(sorted(ids(all, { municipality: '0162' }))).toContain('n2');
    expect(sorted(ids(all, { municipality: '0160' }))).toContain('n2');
  });

  it('municipality: a remote intervention matches every municipality, even in another region', () => {
    expect(sorted(ids(all, { municipality: '0126' }))).toEqual(['n3', 's1', 's2']);
    expect(sorted(ids(all, { municipality: '0162' }))).toEqual(['n1', 'n2', 'n3', 's2']);
    expect(sorted(ids(all, { municipality: '2580' }))).toEqual(['n3', 's2']); // Luleå: only remote ones
  });

  it('category: a parent code includes its children', () => {
    expect(sorted(ids(all, { category: 'arbete' }))).toEqual(['n1', 'n2', 's1']);
    expect(ids(all, { category: 'arbete.praktik' })).toEqual(['n1']);
    expect(sorted(ids(all, { category: 'halsa' }))).toEqual(['s2', 's3']);
    expect(ids(all, { category: 'boende' })).toEqual([]);
  });

  it('language of delivery', () => {
    expect(sorted(ids(all, { language: 'ar' }))).toEqual(['n1', 'n3', 's3']);
    expect(ids(all, { language: 'fa' })).toEqual(['n3']);
  });

  it('audience', () => {
    expect(sorted(ids(all, { audience: 'women' }))).toEqual(['n1', 's1']);
    expect(sorted(ids(all, { audience: 'parents' }))).toEqual(['s1', 's3']);
  });

  it('delivery', () => {
    expect(sorted(ids(all, { delivery: 'remote' }))).toEqual(['n3', 's2']);
    expect(ids(all, { delivery: 'hybrid' })).toEqual(['n2']);
  });

  it('free (cost.free), both ways', () => {
    expect(sorted(ids(all, { free: true }))).toEqual(['n1', 'n3', 's1', 's3']);
    expect(sorted(ids(all, { free: false }))).toEqual(['n2', 's2']);
  });

  it('open to other municipalities (interMunicipal.open), both ways', () => {
    expect(sorted(ids(all, { openToOtherMunicipalities: true }))).toEqual(['n1', 's1']);
    expect(sorted(ids(all, { openToOtherMunicipalities: false }))).toEqual(['n2', 'n3', 's2', 's3']);
  });

  it('filters combine, with the text query too', () => {
    expect(sorted(ids(all, { category: 'arbete', language: 'sv', free: true }))).toEqual(['n1', 's1']);
    expect(ids(all, { q: 'praktik', free: false })).toEqual(['n2']);
    expect(ids(all, { q: 'praktik', municipality: '0160' })).toEqual(['n2']);
  });
});

describe('facets', () => {
  it('count every field over the whole result without filters', () => {
    const { facets, total } = search(all, {});
    expect(total).toBe(6);
    expect(facets.category).toEqual({
      arbete: 3,
      'arbete.praktik': 1,
      'arbete.vagledning': 1,
      sfi: 1,
      halsa: 2,
      'halsa.trauma': 1,
    });
    expect(facets.language).toEqual({ sv: 3, ar: 3, fa: 1, so: 1 });
    expect(facets.region).toEqual({ nordost: 3, sodertorn: 3 });
    expect(facets.audience).toEqual({ all: 2, women: 2, parents: 2, youth: 1 });
    expect(facets.delivery).toEqual({ 'on-site': 3, remote: 2, hybrid: 1 });
  });

  it('category counts each code and rolls children up into the parent', () => {
    const { facets } = search(all, {});
    expect(facets.category['arbete']).toBe(3); // n2 (arbete itself) + n1 (praktik) + s1 (vägledning)
    expect(facets.category['arbete.praktik']).toBe(1);
  });

  it('municipality counts what the municipality filter would give: remote interventions count everywhere', () => {
    const { facets } = search(all, {});
    expect(facets.municipality).toEqual({ '0162': 4, '0160': 3, '0126': 3, '0136': 3 });
    for (const [code, count] of Object.entries(facets.municipality)) {
      expect(search(all, { municipality: code }).total).toBe(count);
    }
  });

  it("a field's facet ignores that field's own filter and applies every other one", () => {
    const page = search(all, { category: 'arbete', language: 'ar' });
    expect(page.results.map((r) => r.id)).toEqual(['n1']);
    // category facet: language=ar only
    expect(page.facets.category).toEqual({
      arbete: 1,
      'arbete.praktik': 1,
      sfi: 1,
      halsa: 1,
      'halsa.trauma': 1,
    });
    // language facet: category=arbete only
    expect(page.facets.language).toEqual({ sv: 3, ar: 1 });
    // other facets: both filters
    expect(page.facets.region).toEqual({ nordost: 1 });
    expect(page.facets.delivery).toEqual({ 'on-site': 1 });
  });

  it('the region facet shows the other regions while one region is selected', () => {
    const page = search(all, { region: 'sodertorn', free: true });
    expect(sorted(page.results.map((r) => r.id))).toEqual(['s1', 's3']);
    expect(page.facets.region).toEqual({ nordost: 2, sodertorn: 2 });
    expect(page.facets.category).toEqual({ arbete: 1, 'arbete.vagledning': 1, halsa: 1, 'halsa.trauma': 1 });
  });

  it('each facet of every field: selecting a value gives the count the facet showed', () => {
    const base = { language: 'ar' as const };
    const { facets } = search(all, base);
    for (const [value, count] of Object.entries(facets.category)) {
      expect(search(all, { ...base, category: value }).total).toBe(count);
    }
    for (const [value, count] of Object.entries(facets.audience)) {
      expect(search(all, { ...base, audience: value as never }).total).toBe(count);
    }
    for (const [value, count] of Object.entries(facets.delivery)) {
      expect(search(all, { ...base, delivery: value as never }).total).toBe(count);
    }
    for (const [value, count] of Object.entries(facets.region)) {
      expect(search(all, { ...base, region: value }).total).toBe(count);
    }
  });

  it('facets reflect the text query', () => {
    const page = search(all, { q: 'praktik' });
    expect(sorted(page.results.map((r) => r.id))).toEqual(['n1', 'n2']);
    expect(page.facets.category).toEqual({ arbete: 2, 'arbete.praktik': 1 });
    expect(page.facets.region).toEqual({ nordost: 2 });
    expect(page.facets.municipality).toEqual({ '0162': 2, '0160': 1 });
  });
});

describe('an empty query', () => {
  it('lists everything matching the filters, freshest review first, then region and id', () => {
    expect(ids(all, {})).toEqual(['n1', 's1', 'n3', 'n2', 's3', 's2']);
    expect(ids(all, { category: 'arbete' })).toEqual(['n1', 's1', 'n2']);
  });

  it('reports score 0 and match "browse"', () => {
    const page = search(all, { municipality: '0126' });
    expect(page.match).toBe('browse');
    expect(page.results.every((r) => r.score === 0)).toBe(true);
  });
});
