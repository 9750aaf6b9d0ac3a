/**
 * What an upload changes, for people: the API's diff (ids, and field paths for changed items) with the
 * interventions' titles where the page knows them, the fields in the words of the sheet's columns, and
 * long lists cut to a readable length.
 */
import type { CatalogueDiff } from './types.ts';

/** A field path in the sheet's words: the mapped header, else the container's, else the path itself. */
export function columnOfField(path: string, map: Readonly<Record<string, string>>): string {
  return map[path] ?? map[path.split('.')[0]!] ?? path;
}

export interface DiffEntry {
  id: string;
  title: string | undefined;
  /** Changed items: the columns that changed, without repeats (`title.sv` and `title.en` → `titel`, `titel_en`). */
  fields: string[];
}

export interface DiffList {
  total: number;
  shown: DiffEntry[];
  /** How many are not shown. */
  more: number;
}

export interface DiffView {
  added: DiffList;
  changed: DiffList;
  removed: DiffList;
  unchanged: number;
  /** Nothing would change at all. */
  empty: boolean;
}

export function diffView(
  diff: CatalogueDiff,
  options: {
    titleOf?: (id: string) => string | undefined;
    columns?: Readonly<Record<string, string>>;
    limit?: number;
  } = {},
): DiffView {
  const limit = options.limit ?? 50;
  const titleOf = options.titleOf ?? (() => undefined);
  const columns = options.columns ?? {};
  const list = (entries: DiffEntry[]): DiffList => ({
    total: entries.length,
    shown: entries.slice(0, limit),
    more: Math.max(0, entries.length - limit),
  });
  const plain = (id: string): DiffEntry => ({ id, title: titleOf(id), fields: [] });
  return {
    added: list(diff.added.map(plain)),
    changed: list(
      diff.changed.map(({ id, fields }) => ({
        id,
        title: titleOf(id),
        fields: [...new Set(fields.map((f) => columnOfField(f, columns)))],
      })),
    ),
    removed: list(diff.removed.map(plain)),
    unchanged: diff.unchanged,
    empty: diff.added.length === 0 && diff.changed.length === 0 && diff.removed.length === 0,
  };
}
