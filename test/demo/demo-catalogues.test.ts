/**
 * The demo catalogues that `npm start` loads on first start (local/demo/<regionId>.json) must be valid
 * catalogues in the API's own JSON shape, cover every municipality of their region with the required
 * categories, and together use every category of the national taxonomy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import regions from '../../config/regions.json' with { type: 'json' };
import { type Intervention, InterventionSchema } from '../../shared/intervention.ts';
import { CATEGORIES, REQUIRED_CATEGORIES } from '../../shared/taxonomy.ts';

const demoDir = new URL('../../local/demo/', import.meta.url);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function loadRaw(regionId: string): unknown[] {
  const raw: unknown = JSON.parse(readFileSync(new URL(`${regionId}.json`, demoDir), 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`local/demo/${regionId}.json is not a JSON array`);
  return raw;
}

describe.each(regions.regions)('demo catalogue $id', (region) => {
  const raw = loadRaw(region.id);
  const items: Intervention[] = [];
  for (const entry of raw) {
    const parsed = InterventionSchema.safeParse(entry);
    if (parsed.success) items.push(parsed.data);
  }
  it('has 30–40 interventions', () => {
    expect(raw.length).toBeGreaterThanOrEqual(30);
    expect(raw.length).toBeLessThanOrEqual(40);
  });

  it('parses every item with InterventionSchema', () => {
    const failures = raw.flatMap((entry, index) => {
      const parsed = InterventionSchema.safeParse(entry);
      if (parsed.success) return [];
      const id = (entry as { id?: unknown } | null)?.id ?? `#${index}`;
      return [
        { id, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
      ];
    });
    expect(failures).toEqual([]);
  });

  it('has unique lowercase slug ids', () => {
    const ids = items.map((item) => item.id);
    const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(duplicates).toEqual([]);
    expect(ids.filter((id) => !SLUG.test(id))).toEqual([]);
  });

  it("offers interventions only in the region's own or joint municipalities", () => {
    const allowed = new Set([...region.municipalities, ...region.jointMunicipalities]);
    const outside = items.flatMap((item) =>
      item.municipalities.filter((code) => !allowed.has(code)).map((code) => `${item.id}: ${code}`),
    );
    expect(outside).toEqual([]);
  });

  it.each(region.municipalities)('municipality %s has SFI and samhällsorientering', (code) => {
    const categoriesHere = new Set(
      items.filter((item) => item.municipalities.includes(code)).map((item) => item.category),
    );
    const missing = REQUIRED_CATEGORIES.filter((required) => !categoriesHere.has(required));
    expect(missing).toEqual([]);
  });
});

describe('demo catalogues together', () => {
  it('use every category of the national taxonomy', () => {
    const usedCategories = new Set<string>();
    for (const region of regions.regions) {
      for (const entry of loadRaw(region.id)) {
        const parsed = InterventionSchema.safeParse(entry);
        if (parsed.success) usedCategories.add(parsed.data.category);
      }
    }
    const unused = CATEGORIES.map((category) => category.code).filter((code) => !usedCategories.has(code));
    expect(unused).toEqual([]);
  });
});
