/**
 * The county maps at build time: the boundary file is read once (Vite `?raw`, so it works from the
 * bundled build as well as in tests) and each county's map is projected once per build.
 * Server-side only: never import this from an island (it carries 800 kB of boundaries).
 */

import { type CountyMap, countyMap, type FeatureCollection } from './map.ts';
import boundaries from './municipalities.geojson?raw';

let parsed: FeatureCollection | undefined;
const maps = new Map<string, CountyMap>();

export function mapOfCounty(county: string): CountyMap {
  let map = maps.get(county);
  if (!map) {
    parsed ??= JSON.parse(boundaries) as FeatureCollection;
    map = countyMap(parsed, county);
    maps.set(county, map);
  }
  return map;
}
