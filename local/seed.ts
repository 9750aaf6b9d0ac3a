/**
 * Demo catalogues: on first start, each region that has no published catalogue yet gets its demo
 * catalogue from local/demo/<regionId>.json, published through the real publish path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { publish, readPointer } from '../functions/catalogue/store.ts';
import { InterventionSchema } from '../shared/intervention.ts';
import type { RegionConfig } from '../shared/region.ts';

export const DEMO_DIR = fileURLToPath(new URL('./demo/', import.meta.url));

export function loadDemoCatalogue(regionId: string, dir = DEMO_DIR) {
  const file = `${dir}${regionId}.json`;
  if (!existsSync(file)) return undefined;
  return z.array(InterventionSchema).parse(JSON.parse(readFileSync(file, 'utf8')));
}

export async function seedDemoCatalogues(regions: readonly RegionConfig[]): Promise<string[]> {
  const seeded: string[] = [];
  await Promise.all(
    regions.map(async (region) => {
      if (await readPointer(region.tableName)) return;
      const items = loadDemoCatalogue(region.id);
      if (!items) return;
      await publish(region.tableName, {
        items,
        publishedBy: 'demo',
        source: 'seed',
        fileName: `${region.id}.json`,
        counts: {
          rows: items.length,
          valid: items.length,
          invalid: 0,
          added: items.length,
          changed: 0,
          removed: 0,
          unchanged: 0,
        },
      });
      seeded.push(region.id);
    }),
  );
  return seeded.sort();
}
