/**
 * The region registry: which regions exist, their municipalities and where their store is.
 * Records live in the national (registry) table as `pk = REGION, sk = <regionId>`; functions cache
 * them for a minute, so adding a region is a configuration change that reaches warm functions quickly.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type RegionConfig, RegionConfigSchema } from '../../shared/region.ts';
import { registryTableName } from '../lib/config.ts';
import { batchWriteAll, documentClient, registerStoreLocations } from '../lib/dynamo.ts';

export const REGISTRY_CACHE_MS = 60_000;
/** The region records' one partition. No deployed function may write it (infra/constructs/bind-stores.ts). */
export const REGION_PK = 'REGION';

let cache: { at: number; regions: RegionConfig[] } | undefined;

export async function listRegions(now = Date.now()): Promise<RegionConfig[]> {
  if (cache && now - cache.at < REGISTRY_CACHE_MS) return cache.regions;
  const regions: RegionConfig[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: registryTableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': REGION_PK },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) regions.push(RegionConfigSchema.parse(item.config));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  regions.sort((a, b) => a.id.localeCompare(b.id));
  registerStoreLocations(regions);
  cache = { at: now, regions };
  return regions;
}

export async function getRegion(regionId: string): Promise<RegionConfig | undefined> {
  return (await listRegions()).find((r) => r.id === regionId);
}

/** Write the registry (from config/regions.json): at local start, and by the deployment in AWS. */
export async function putRegions(regions: readonly RegionConfig[]): Promise<void> {
  await batchWriteAll(
    registryTableName(),
    regions.map((config) => ({ PutRequest: { Item: { pk: REGION_PK, sk: config.id, config } } })),
  );
  clearRegistryCache();
}

export function clearRegistryCache(): void {
  cache = undefined;
}
