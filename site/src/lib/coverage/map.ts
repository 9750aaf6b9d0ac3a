/**
 * Municipality boundaries → one compact SVG map per county, at build time. Pure functions over parsed
 * GeoJSON (no I/O): an equirectangular projection scaled by the cosine of the county's middle latitude
 * (good enough for a county), fitted into a fixed width, y pointing down, then each ring simplified
 * (Douglas–Peucker, sub-pixel tolerance) and written as an absolute path with one decimal.
 */

type Position = [number, number];
interface Feature {
  type: 'Feature';
  properties: { id: string; kom_namn?: string; lan_code: string };
  geometry:
    | { type: 'Polygon'; coordinates: Position[][] }
    | { type: 'MultiPolygon'; coordinates: Position[][][] };
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

export interface MunicipalityShape {
  /** SCB code. */
  code: string;
  /** SVG path data in the map's viewBox. */
  d: string;
}

export interface CountyMap {
  county: string;
  width: number;
  height: number;
  municipalities: MunicipalityShape[];
}

export interface MapOptions {
  width?: number;
  maxHeight?: number;
  /** Simplification tolerance in map units (pixels at the default size). */
  tolerance?: number;
}

const polygonsOf = (feature: Feature): Position[][][] =>
  feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;

/** Douglas–Peucker on a closed ring (first point = last point), keeping at least a triangle. */
export function simplifyRing(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 4) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  // A closed ring has the same first and last point: split it at the point farthest from the first.
  let far = 0;
  let farDistance = -1;
  for (let i = 1; i < points.length - 1; i++) {
    const dx = points[i]![0] - points[0]![0];
    const dy = points[i]![1] - points[0]![1];
    const d = dx * dx + dy * dy;
    if (d > farDistance) {
      farDistance = d;
      far = i;
    }
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, points.length - 1],
  ];
  const t2 = tolerance * tolerance;
  while (stack.length) {
    const [from, to] = stack.pop()!;
    const [ax, ay] = points[from]!;
    const [bx, by] = points[to]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    let worst = -1;
    let worstDistance = t2;
    for (let i = from + 1; i < to; i++) {
      const [px, py] = points[i]!;
      let d: number;
      if (length2 === 0) d = (px - ax) ** 2 + (py - ay) ** 2;
      else {
        const cross = (px - ax) * dy - (py - ay) * dx;
        d = (cross * cross) / length2;
      }
      if (d > worstDistance) {
        worstDistance = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([from, worst], [worst, to]);
    }
  }
  const out = points.filter((_, i) => keep[i]);
  return out.length >= 4 ? out : [...points];
}

const round = (n: number) => Math.round(n * 10) / 10;

function ringPath(points: readonly Position[]): string {
  let d = '';
  let last = '';
  for (let i = 0; i < points.length - 1; i++) {
    const pair = `${round(points[i]![0])} ${round(points[i]![1])}`;
    if (pair === last) continue;
    d += i === 0 ? `M${pair}` : ` ${pair}`;
    last = pair;
  }
  return `${d}Z`;
}

/** The map of one county's municipalities, in SCB code order. */
export function countyMap(
  collection: FeatureCollection,
  county: string,
  options: MapOptions = {},
): CountyMap {
  const width = options.width ?? 400;
  const maxHeight = options.maxHeight ?? 520;
  const tolerance = options.tolerance ?? 0.35;
  const features = collection.features
    .filter((f) => f.properties.lan_code === county)
    .sort((a, b) => a.properties.id.localeCompare(b.properties.id));
  if (features.length === 0) return { county, width, height: 0, municipalities: [] };

  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const feature of features) {
    for (const polygon of polygonsOf(feature)) {
      for (const [lon, lat] of polygon[0]!) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * kx;
  const spanY = maxLat - minLat;
  const margin = 2;
  const scale = Math.min((width - 2 * margin) / spanX, (maxHeight - 2 * margin) / spanY);
  const mapWidth = Math.ceil(spanX * scale + 2 * margin);
  const height = Math.ceil(spanY * scale + 2 * margin);
  const project = ([lon, lat]: Position): Position => [
    margin + (lon - minLon) * kx * scale,
    margin + (maxLat - lat) * scale,
  ];

  return {
    county,
    width: mapWidth,
    height,
    municipalities: features.map((feature) => ({
      code: feature.properties.id,
      d: polygonsOf(feature)
        .flatMap((polygon) => polygon.map((ring) => ringPath(simplifyRing(ring.map(project), tolerance))))
        .join(''),
    })),
  };
}
