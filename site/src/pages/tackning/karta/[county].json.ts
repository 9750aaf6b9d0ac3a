/**
 * `/tackning/karta/<county>.json`: the county's map (projected, simplified SVG paths per municipality),
 * written once per county at build time from the boundary file. The coverage island fetches it when the
 * visitor chooses another county; no tile server, no geometry work in the browser.
 */
import type { APIRoute } from 'astro';
import { COUNTIES } from '../../../../../shared/geo.ts';
import { mapOfCounty } from '../../../lib/coverage/county-maps.ts';

export function getStaticPaths() {
  return COUNTIES.map((county) => ({ params: { county: county.code } }));
}

export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(mapOfCounty(params.county!)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
