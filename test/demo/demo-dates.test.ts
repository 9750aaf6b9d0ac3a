/**
 * The demo's dates are relative to the day it is loaded (local/seed.ts): loaded on any day, the demo shows
 * what it showed on the day it was written (DEMO_WRITTEN_ON), so the tests that use it are not time bombs.
 * Seeded through the real publish path with a faked "today" and read back from the store.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPointer, readSnapshot } from '../../functions/catalogue/store.ts';
import type { EmbeddedDynamo } from '../../local/embedded-dynamo.ts';
import { loadRegionsConfig } from '../../local/regions-config.ts';
import { DEMO_DIR, DEMO_WRITTEN_ON, demoDate, demoShiftDays, seedDemoCatalogues } from '../../local/seed.ts';
import type { Intervention } from '../../shared/intervention.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { REVIEW_STATES, type ReviewState, reviewState } from '../../shared/review.ts';
import { startStores } from '../support/embedded.ts';

const DAY = 86_400_000;
const WRITTEN = Date.parse(`${DEMO_WRITTEN_ON}T12:00:00Z`);
/** The day the demo was written, and days well after it (at other times of day, and across a leap day). */
const TODAYS = [
  `${DEMO_WRITTEN_ON}T12:00:00Z`,
  '2027-06-01T00:30:00Z',
  '2028-01-15T23:30:00Z',
  '2028-03-01T08:00:00Z',
];

const sodertorn = loadRegionsConfig().find((region) => region.id === 'sodertorn')!;
const tableFor = (today: string) => `demo-dates-${today.slice(0, 10)}`;
const regions: RegionConfig[] = TODAYS.map((today) => ({ ...sodertorn, tableName: tableFor(today) }));

let dynamo: EmbeddedDynamo;
const seeded = new Map<string, Intervention[]>();

beforeAll(async () => {
  // The registry needs distinct ids; the seeding reads the demo file by the region's id.
  dynamo = await startStores(regions.map((region, index) => ({ ...region, id: `sodertorn-${index}` })));
  for (const [index, today] of TODAYS.entries()) {
    expect(await seedDemoCatalogues([regions[index]!], { now: Date.parse(today) })).toEqual(['sodertorn']);
    const pointer = await readPointer(tableFor(today));
    seeded.set(today, await readSnapshot(tableFor(today), pointer!.version));
  }
});
afterAll(async () => {
  await dynamo?.close();
});

/** Each item's review state at `now` (the demo has no review configuration: the default interval, 90 days). */
const statesAt = (items: Intervention[], now: number) =>
  Object.fromEntries(items.map((item) => [item.id, reviewState(item, now)]));
const countStates = (states: Record<string, ReviewState>) =>
  Object.fromEntries(
    REVIEW_STATES.map((state) => [state, Object.values(states).filter((s) => s === state).length]),
  );

describe('the demo seeded on another day', () => {
  it('as written: Södertörn has current, due, overdue and hidden items on the day it was written', () => {
    const states = statesAt(seeded.get(TODAYS[0]!)!, WRITTEN);
    expect(countStates(states)).toEqual({ current: 31, due: 2, overdue: 4, hidden: 2 });
    // Seeded on that day, nothing moved.
    const raw = JSON.parse(readFileSync(`${DEMO_DIR}sodertorn.json`, 'utf8')) as Intervention[];
    expect(
      seeded
        .get(TODAYS[0]!)!
        .map((item) => item.lastReviewedAt)
        .sort(),
    ).toEqual(raw.map((item) => item.lastReviewedAt).sort());
  });

  it.each(TODAYS.slice(1))('on %s Södertörn has the same review states, item by item', (today) => {
    const expected = statesAt(seeded.get(TODAYS[0]!)!, WRITTEN);
    const states = statesAt(seeded.get(today)!, Date.parse(today));
    expect(states).toEqual(expected);
    expect(countStates(states)).toEqual(countStates(expected));
  });

  it.each(TODAYS.slice(1))('on %s every date moved by whole days, in its own ISO form', (today) => {
    const shift = demoShiftDays(Date.parse(today));
    expect(shift).toBe(Math.floor(Date.parse(today) / DAY) - Math.floor(WRITTEN / DAY));
    const written = new Map(seeded.get(TODAYS[0]!)!.map((item) => [item.id, item]));
    for (const item of seeded.get(today)!) {
      const original = written.get(item.id)!;
      const pairs: [string | undefined, string | undefined][] = [
        [original.lastReviewedAt, item.lastReviewedAt],
        [original.startDate, item.startDate],
        [original.endDate, item.endDate],
        [original.interMunicipal?.placesUpdatedAt, item.interMunicipal?.placesUpdatedAt],
      ];
      for (const [before, after] of pairs) {
        if (before === undefined) {
          expect(after).toBeUndefined();
          continue;
        }
        expect(after!.length, `${item.id}: ${before} → ${after}`).toBe(before.length);
        expect(after!.slice(10)).toBe(before.slice(10)); // the time of day (if any) is kept
        const ms = (value: string) => Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
        expect(ms(after!) - ms(before)).toBe(shift * DAY);
      }
    }
  });
});

describe('demoDate', () => {
  const on = (day: string) => Date.parse(`${day}T10:00:00Z`);
  it('moves dates and date-times by the days since DEMO_WRITTEN_ON, keeping the form', () => {
    expect(demoDate('2026-11-09', on(DEMO_WRITTEN_ON))).toBe('2026-11-09');
    expect(demoDate('2026-11-09', on('2026-11-24'))).toBe('2026-11-10');
    expect(demoDate('2026-11-09T08:00:00Z', on('2027-01-01'))).toBe('2026-12-18T08:00:00Z'); // 39 days
    expect(demoDate('2026-12-31T23:59:59.500+01:00', on('2026-11-24'))).toBe('2027-01-01T23:59:59.500+01:00');
    expect(demoDate('2027-02-28', on('2027-11-24'))).toBe('2028-02-29'); // a leap day
    expect(demoDate('2026-11-23', on('2026-11-22'))).toBe('2026-11-22'); // a clock behind the anchor
  });
  it('leaves anything else as it is', () => {
    for (const text of ['Start 2026-11-23', '2026-11', 'huddinge-sfi', '2026-11-23 08:00', ''])
      expect(demoDate(text, on('2027-06-01'))).toBe(text);
  });
});
