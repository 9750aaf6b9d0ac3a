/**
 * Sweden's 21 counties and 290 municipalities with their SCB codes.
 * Data: sjbrg/swedish-geodata `data/*.csv`, licence CC0 1.0 (copied into data/sweden.json).
 * Codes are strings: `0120` is Värmdö, not 120.
 */
import sweden from './data/sweden.json' with { type: 'json' };

export interface County {
  code: string;
  name: string;
  shortName: string;
}
export interface Municipality {
  code: string;
  name: string;
  county: string;
}

export const COUNTIES: readonly County[] = sweden.counties;
export const MUNICIPALITIES: readonly Municipality[] = sweden.municipalities;
export const GEO_LICENCE = `${sweden.source}, ${sweden.licence}`;

const municipalityByCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));
const countyByCode = new Map(COUNTIES.map((c) => [c.code, c]));

export const isMunicipalityCode = (code: string): boolean => municipalityByCode.has(code);
export const isCountyCode = (code: string): boolean => countyByCode.has(code);
export const getMunicipality = (code: string): Municipality | undefined => municipalityByCode.get(code);
export const getCounty = (code: string): County | undefined => countyByCode.get(code);
export const municipalityName = (code: string): string => municipalityByCode.get(code)?.name ?? code;
export const municipalitiesInCounty = (county: string): Municipality[] =>
  MUNICIPALITIES.filter((m) => m.county === county);

/** Lower-case, accent-preserving key for matching names typed in spreadsheets ("värmdö kommun" → "värmdö"). */
export function nameKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/\s+kommun$/, '')
    .replace(/s\s+stad$/, '')
    .replace(/\s+stad$/, '')
    .replace(/\s+/g, ' ');
}

const municipalityByName = new Map(MUNICIPALITIES.map((m) => [nameKey(m.name), m]));

/**
 * Resolve a code ("0126") or a name ("Huddinge", "Huddinge kommun", and the genitive "Salems kommun",
 * "Nynäshamns kommun") to a municipality.
 */
export function resolveMunicipality(input: string): Municipality | undefined {
  const value = input.trim();
  if (/^\d{3,4}$/.test(value)) return municipalityByCode.get(value.padStart(4, '0'));
  const key = nameKey(value);
  const exact = municipalityByName.get(key);
  if (exact) return exact;
  const genitive = /^(.+)s kommun$/i.exec(value.trim().replace(/\s+/g, ' '));
  return genitive ? municipalityByName.get(nameKey(genitive[1]!)) : undefined;
}
