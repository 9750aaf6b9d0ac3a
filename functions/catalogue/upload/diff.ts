/**
 * What an upload changes in the live catalogue: added, changed (which fields), removed, unchanged.
 * Deep comparison that ignores key order and treats a key holding `undefined` as absent.
 */
import type { Intervention } from '../../../shared/intervention.ts';

export interface CatalogueDiff {
  added: string[];
  changed: { id: string; fields: string[] }[];
  removed: string[];
  unchanged: number;
}

export function diffCatalogues(live: readonly Intervention[], next: readonly Intervention[]): CatalogueDiff {
  const liveById = new Map(live.map((item) => [item.id, item]));
  const nextIds = new Set(next.map((item) => item.id));
  const diff: CatalogueDiff = { added: [], changed: [], removed: [], unchanged: 0 };
  for (const item of next) {
    const before = liveById.get(item.id);
    if (!before) {
      diff.added.push(item.id);
      continue;
    }
    const fields = changedFields(before, item);
    if (fields.length > 0) diff.changed.push({ id: item.id, fields });
    else diff.unchanged++;
  }
  for (const item of live) if (!nextIds.has(item.id)) diff.removed.push(item.id);
  return diff;
}

/**
 * Removing more than half of a live catalogue is more often a mistake (the wrong file, a filtered sheet)
 * than an intention: the caller asks for an explicit confirmation.
 */
export function requiresRemovalConfirmation(diff: CatalogueDiff, liveCount: number): boolean {
  return liveCount > 0 && diff.removed.length > liveCount / 2;
}

/**
 * The paths that differ: nested objects by leaf (`title.en`, `contact.email`), arrays and scalars as a
 * whole (`municipalities`). Sorted, so the answer does not depend on key order.
 */
export function changedFields(a: unknown, b: unknown, prefix = ''): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...definedKeys(a), ...definedKeys(b)]);
    const out: string[] = [];
    for (const key of [...keys].sort()) {
      out.push(...changedFields(a[key], b[key], prefix ? `${prefix}.${key}` : key));
    }
    return out;
  }
  return deepEqual(a, b) ? [] : [prefix];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = definedKeys(a);
    const kb = definedKeys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const definedKeys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
