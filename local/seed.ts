/**
 * Demo catalogues: on first start, each region that has no published catalogue yet gets its demo
 * catalogue from local/demo/<regionId>.json, published through the real publish path.
 *
 * The demo files are written as of DEMO_WRITTEN_ON. What the demo shows depends on the date (the review
 * routine, shared/review.ts: current, due, overdue, hidden; courses that have started or ended; stale
 * free places), so every date in them is moved by the whole days between that day and the day they are
 * loaded: loaded on any day, the demo looks as it did on DEMO_WRITTEN_ON. A date stays a date and a date
 * with a time keeps its time (only the calendar day moves).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { publish, readPointer } from '../functions/catalogue/store.ts';
import { InterventionSchema } from '../shared/intervention.ts';
import type { RegionConfig } from '../shared/region.ts';
import { DAY_MS } from '../shared/review.ts';

export const DEMO_DIR = fileURLToPath(new URL('./demo/', import.meta.url));

/** The day the demo files' dates are written as of (`2026-11-23`: Södertörn has current, due, overdue and hidden items). */
export const DEMO_WRITTEN_ON = '2026-11-23';

/** A whole ISO date (`2026-11-23`) or date-time (`2026-11-09T08:00:00Z`, with seconds, fraction, offset). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})((?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)$/;

/** Whole days from DEMO_WRITTEN_ON to the UTC calendar day of `now` (negative before it). */
export function demoShiftDays(now: Date | number = Date.now()): number {
  const t = typeof now === 'number' ? now : now.getTime();
  return Math.floor(t / DAY_MS) - Math.floor(Date.parse(`${DEMO_WRITTEN_ON}T00:00:00Z`) / DAY_MS);
}

/**
 * A date of the demo files as loaded at `now`: moved by demoShiftDays(now) whole days, in the same ISO
 * form. Anything that is not a whole ISO date or date-time is returned as it is.
 */
export function demoDate(value: string, now: Date | number = Date.now()): string {
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const [, year, month, day, rest] = match;
  const days = Date.UTC(Number(year), Number(month) - 1, Number(day)) / DAY_MS + demoShiftDays(now);
  return `${new Date(days * DAY_MS).toISOString().slice(0, 10)}${rest}`;
}

/** Every date string anywhere in a demo value, moved as demoDate does. */
export function shiftDemoDates<T>(value: T, now: Date | number = Date.now()): T {
  if (typeof value === 'string') return demoDate(value, now) as T;
  if (Array.isArray(value)) return value.map((entry) => shiftDemoDates(entry, now)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, shiftDemoDates(entry, now)]),
    ) as T;
  }
  return value;
}

export interface DemoOptions {
  /** Where the demo files are (default local/demo/). */
  dir?: string;
  /** The instant the demo is loaded at (default now): its dates are moved to it. */
  now?: Date | number;
}

/** A region's demo catalogue with its dates moved to `now`, or undefined when the region has none. */
export function loadDemoCatalogue(regionId: string, options: DemoOptions = {}) {
  const file = `${options.dir ?? DEMO_DIR}${regionId}.json`;
  if (!existsSync(file)) return undefined;
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return z.array(InterventionSchema).parse(shiftDemoDates(raw, options.now ?? Date.now()));
}

export async function seedDemoCatalogues(
  regions: readonly RegionConfig[],
  options: DemoOptions = {},
): Promise<string[]> {
  const now = options.now ?? Date.now();
  const seeded: string[] = [];
  await Promise.all(
    regions.map(async (region) => {
      if (await readPointer(region.tableName)) return;
      const items = loadDemoCatalogue(region.id, { ...options, now });
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
