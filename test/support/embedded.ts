/**
 * Test support: an embedded DynamoDB (dynalite, in memory) with the registry and region tables,
 * the SDK of this test process pointed at it. Real wire protocol, real SDK — no mocks.
 */
import { REGISTRY_TABLE_ENV } from '../../functions/lib/config.ts';
import { resetDocumentClient } from '../../functions/lib/dynamo.ts';
import { clearRegistryCache, putRegions } from '../../functions/registry/store.ts';
import { type EmbeddedDynamo, pointSdkAt, startEmbeddedDynamo } from '../../local/embedded-dynamo.ts';
import { ensureTables } from '../../local/tables.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { InterventionSchema } from '../../shared/intervention.ts';
import type { RegionConfig } from '../../shared/region.ts';

export const TEST_REGISTRY = 'insats-registry-test';

export async function startStores(regions: RegionConfig[]): Promise<EmbeddedDynamo> {
  const dynamo = await startEmbeddedDynamo();
  pointSdkAt(dynamo.endpoint);
  process.env[REGISTRY_TABLE_ENV] = TEST_REGISTRY;
  resetDocumentClient();
  clearRegistryCache();
  await ensureTables(dynamo.endpoint, TEST_REGISTRY, regions);
  await putRegions(regions);
  return {
    endpoint: dynamo.endpoint,
    close: async () => {
      resetDocumentClient();
      await dynamo.close();
    },
  };
}

export function testRegion(
  id: string,
  municipalities: string[],
  overrides: Partial<RegionConfig> = {},
): RegionConfig {
  return {
    id,
    name: `Region ${id}`,
    county: ['01'],
    municipalities,
    jointMunicipalities: [],
    tableName: `test-region-${id}`,
    ...overrides,
  };
}

/** A valid intervention with sensible defaults, parsed through the one schema. */
export function makeIntervention(id: string, overrides: Record<string, unknown> = {}): Intervention {
  return InterventionSchema.parse({
    id,
    title: { sv: `Insats ${id}` },
    category: 'sfi',
    municipalities: ['0126'],
    provider: { name: 'Huddinge kommun', type: 'municipality' },
    ...overrides,
  });
}
