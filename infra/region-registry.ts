/**
 * The region registry as the infrastructure sees it: config/regions.json, validated with the same
 * schema the functions use. One region = one regional store = one DynamoDB table, so adding a region
 * to the file adds a table on the next deploy (configuration, not code).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type RegionConfig, RegistrySchema } from '../shared/region.ts';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..');
export const REGION_REGISTRY_FILE = path.join(REPOSITORY_ROOT, 'config', 'regions.json');

export class RegionRegistryError extends Error {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`Region registry ${file} is invalid: ${message}`, options);
    this.name = 'RegionRegistryError';
    this.file = file;
  }
}

/** Read and validate the registry; ids and table names must be unique (each region owns its table). */
export function loadRegionRegistry(file: string = REGION_REGISTRY_FILE): RegionConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new RegionRegistryError(file, 'it cannot be read as JSON', { cause });
  }
  const parsed = RegistrySchema.safeParse(raw);
  if (!parsed.success) throw new RegionRegistryError(file, z.prettifyError(parsed.error));
  const regions = parsed.data.regions;
  assertUnique(
    file,
    'region id',
    regions.map((r) => r.id),
  );
  assertUnique(
    file,
    'tableName',
    regions.map((r) => r.tableName),
  );
  return regions;
}

function assertUnique(file: string, what: string, values: string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new RegionRegistryError(file, `${what} "${value}" appears twice`);
    seen.add(value);
  }
}
