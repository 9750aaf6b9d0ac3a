/** The coverage page's pure helpers: its strings in 7 languages, the map projection, the legend steps. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTIES, municipalitiesInCounty } from '../../shared/geo.ts';
import { UI_LANGUAGES } from '../../shared/languages.ts';
import { COVERAGE_STRINGS } from '../../site/src/lib/coverage/i18n.ts';
import { countyMap, type FeatureCollection, simplifyRing } from '../../site/src/lib/coverage/map.ts';
import { csvHref, mapSteps, stepOf } from '../../site/src/lib/coverage/view.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('coverage strings', () => {
  const sv = COVERAGE_STRINGS.sv;
  it.each(UI_LANGUAGES.map((lang) => [lang] as const))(
    '%s has every key, with the same placeholders',
    (lang) => {
      const strings = COVERAGE_STRINGS[lang];
      expect(Object.keys(strings).sort()).toEqual(Object.keys(sv).sort());
      for (const [key, text] of Object.entries(strings)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(sv[key as keyof typeof sv]));
      }
    },
  );
});

describe('county maps from the municipal boundaries', () => {
  const geo = JSON.parse(
    readFileSync(new URL('../../site/src/lib/coverage/municipalities.geojson', import.meta.url), 'utf8'),
  ) as FeatureCollection;

  it('the boundary copy has all 290 municipalities', () => {
    expect(new Set(geo.features.map((f) => f.properties.id)).size).toBe(290);
  });

  it.each(COUNTIES.map((c) => [c.code, c.name] as const))(
    'county %s (%s): one path per municipality, inside the view box, small',
    (code) => {
      const map = countyMap(geo, code);
      expect(map.municipalities.map((m) => m.code)).toEqual(
        municipalitiesInCounty(code)
          .map((m) => m.code)
          .sort(),
      );
      expect(map.width).toBeLessThanOrEqual(400);
      expect(map.height).toBeLessThanOrEqual(520);
      for (const { d } of map.municipalities) {
        expect(d).toMatch(/^M[\d. ]+Z(M[\d. ]+Z)*$/);
        const numbers = d.match(/[\d.]+/g)!.map(Number);
        for (let i = 0; i < numbers.length; i += 2) {
          expect(numbers[i]).toBeLessThanOrEqual(map.width);
          expect(numbers[i + 1]).toBeLessThanOrEqual(map.height);
        }
      }
      expect(JSON.stringify(map).length).toBeLessThan(30_000);
    },
  );

  it('simplification keeps the corners of a square and drops points on its edges', () => {
    const ring: [number, number][] = [
      [0, 0],
      [5, 0.01],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    expect(simplifyRing(ring, 0.5)).toEqual([
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ]);
  });
});

describe('map legend steps', () => {
  it.each([
    [0, ['0', '1']],
    [1, ['0', '1']],
    [3, ['0', '1', '2', '3']],
    [4, ['0', '1', '2', '3', '4']],
    [18, ['0', '1', '2–5', '6–9', '10–18']],
    [100, ['0', '1', '2–25', '26–50', '51–100']],
  ])('max %i → %j', (max, labels) => {
    const steps = mapSteps(max);
    expect(steps.map((s) => s.label)).toEqual(labels);
    for (let value = 0; value <= max; value++) {
      const step = steps[stepOf(steps, value)]!;
      expect(value).toBeGreaterThanOrEqual(step.from);
      expect(value).toBeLessThanOrEqual(step.to!);
    }
  });

  it('CSV links: Swedish headers by default, English otherwise', () => {
    expect(csvHref('01', 'municipalities', 'sv')).toBe('/api/coverage?format=csv&county=01');
    expect(csvHref('14', 'gaps', 'ar')).toBe('/api/coverage?format=csv&county=14&table=gaps&lang=ar');
  });
});
