/** The region registry's configuration file, validated. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type RegionConfig, RegistrySchema } from '../shared/region.ts';

export const REGIONS_CONFIG_PATH = fileURLToPath(new URL('../config/regions.json', import.meta.url));

export function loadRegionsConfig(path = REGIONS_CONFIG_PATH): RegionConfig[] {
  return RegistrySchema.parse(JSON.parse(readFileSync(path, 'utf8'))).regions;
}
