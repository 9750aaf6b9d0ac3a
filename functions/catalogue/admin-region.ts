/** Shared edge helpers of the admin catalogue handlers: the region from the path, store errors as 503. */
import { RegionPathSchema } from '../../shared/api.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { type HttpEvent, parsePath } from '../lib/http.ts';
import { guardStore, requireRegion } from '../regions/catalogue-reader.ts';

export async function regionOf(event: HttpEvent): Promise<RegionConfig> {
  const { regionId } = parsePath(RegionPathSchema, event);
  return requireRegion(regionId);
}

export { guardStore };
