/**
 * Per-item work on the live catalogue: edit one intervention (a JSON merge patch validated like an
 * upload row) and confirm items reviewed. Each change publishes a new version.
 */
import { municipalityName } from '../../shared/geo.ts';
import type { Intervention } from '../../shared/intervention.ts';
import type { RegionConfig } from '../../shared/region.ts';
import type { Caller } from '../auth/claims.ts';
import { HttpError, notFound } from '../lib/errors.ts';
import { publishChangedItems, reviewStamp } from './publishing.ts';
import { readPointer, readSnapshot } from './store.ts';
import { type Problem, parseUpload } from './upload/parse-upload.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** RFC 7396 JSON merge patch: objects merge recursively, null removes, everything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, Json> =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key] ?? null, value);
  }
  return base;
}

export class ItemRejectedError extends Error {
  readonly errors: Problem[];
  readonly warnings: Problem[];
  constructor(errors: Problem[], warnings: Problem[]) {
    super('The edited intervention is invalid');
    this.name = 'ItemRejectedError';
    this.errors = errors;
    this.warnings = warnings;
  }
}

/** Validate one edited item exactly like a row of a JSON upload for this region. */
export function validateItem(
  region: RegionConfig,
  item: unknown,
): { item: Intervention; warnings: Problem[] } {
  const parsed = parseUpload(Buffer.from(JSON.stringify([item]), 'utf8'), 'application/json', { region });
  if (parsed.errors.length > 0 || parsed.items.length !== 1)
    throw new ItemRejectedError(parsed.errors, parsed.warnings);
  return { item: parsed.items[0]!, warnings: parsed.warnings };
}

export async function editItem(
  region: RegionConfig,
  caller: Caller,
  id: string,
  patch: Record<string, Json>,
  options: { confirmReviewed: boolean; now?: Date },
) {
  if ('id' in patch && patch.id !== id) {
    throw new HttpError(422, 'id-immutable', {
      sv: 'En insats id kan inte ändras. Skapa en ny insats med det nya id:t i stället.',
      en: "An intervention's id cannot be changed. Create a new intervention with the new id instead.",
    });
  }
  const live = await readPointer(region.tableName);
  const current = live
    ? (await readSnapshot(region.tableName, live.version)).find((i) => i.id === id)
    : undefined;
  if (!current) throw notFound('intervention', id);
  const merged = mergePatch(current as unknown as Json, patch) as Record<string, Json>;
  if (options.confirmReviewed) Object.assign(merged, reviewStamp(caller, options.now ?? new Date()));
  const { item, warnings } = validateItem(region, merged);
  const { record } = await publishChangedItems(
    region,
    caller,
    (items) => ({ items: items.map((i) => (i.id === id ? item : i)), changedIds: [id] }),
    Object.keys(patch).length === 0 && options.confirmReviewed ? 'review' : 'edit',
    `Ändrad: ${id}`,
  );
  return { regionId: region.id, status: 'published' as const, version: record.version, item, warnings };
}

export async function confirmReviewed(
  region: RegionConfig,
  caller: Caller,
  selection: { ids?: string[]; municipality?: string },
  now = new Date(),
) {
  const stamp = reviewStamp(caller, now);
  const wanted = selection.ids ? new Set(selection.ids) : undefined;
  const { record, changedIds } = await publishChangedItems(
    region,
    caller,
    (items) => {
      const changedIds: string[] = [];
      const next = items.map((item) => {
        const selected =
          (!wanted || wanted.has(item.id)) &&
          (!selection.municipality || item.municipalities.includes(selection.municipality));
        if (!selected) return item;
        changedIds.push(item.id);
        return { ...item, ...stamp };
      });
      return { items: next, changedIds };
    },
    'review',
    selection.ids
      ? `Granskade: ${selection.ids.length}`
      : selection.municipality
        ? `Granskade i ${municipalityName(selection.municipality)}, inget ändrat`
        : 'Alla granskade, inget ändrat',
  );
  const unknownIds = wanted ? [...wanted].filter((id) => !changedIds.includes(id)) : [];
  return {
    regionId: region.id,
    status: 'published' as const,
    version: record.version,
    confirmed: changedIds.length,
    unknownIds,
  };
}
