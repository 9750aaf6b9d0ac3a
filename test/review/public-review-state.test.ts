/**
 * What the newcomer portal needs to show the review routine (issue 7, item 7): the region's interval in
 * GET /api/regions and each search result's review state at answer time (fake Date, real handlers).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Portal, startPortal } from '../../local/server.ts';
import { RegionsResponseSchema } from '../../shared/api.ts';
import { SearchResponseSchema } from '../../shared/search.ts';
import { apiAs } from '../exchange/helpers.ts';
import { uploadReviewed } from './fixtures.ts';

const DAY = 86_400_000;

let portal: Portal;
let admin: ReturnType<typeof apiAs>;
const T0 = Date.parse('2026-12-01T08:00:00.000Z');
const ago = (ms: number) => new Date(T0 - ms).toISOString();

async function regions() {
  const answer = await apiAs(portal, null)('/api/regions');
  expect(answer.status).toBe(200);
  return RegionsResponseSchema.parse(answer.body).regions;
}

/** Item id → its review state, as the search answers it. */
async function states(): Promise<Record<string, string>> {
  const answer = await apiAs(portal, null)('/api/search?region=nordost&limit=100');
  expect(answer.status).toBe(200);
  const body = SearchResponseSchema.parse(answer.body);
  return Object.fromEntries(body.results.map((r) => [r.id, r.reviewState]));
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  portal = await startPortal({ seedDemo: false, siteDir: '/nonexistent' });
  admin = apiAs(portal, portal.tokenFor(['nordost'], 'Nora'));
  await uploadReviewed(admin, [
    { id: 'fresh', lastReviewedAt: ago(10 * DAY) },
    { id: 'due', lastReviewedAt: ago(100 * DAY) },
    { id: 'edge', lastReviewedAt: ago(120 * DAY) }, // overdue one millisecond after T0
    { id: 'late', lastReviewedAt: ago(140 * DAY) },
    { id: 'gone', lastReviewedAt: ago(211 * DAY) },
    { id: 'never' },
  ]);
});
afterAll(async () => {
  await portal.close();
  vi.useRealTimers();
});

describe('GET /api/regions', () => {
  it('gives every region its review interval (the default 90 days until a region chooses)', async () => {
    const list = await regions();
    expect(list.map((r) => [r.id, r.reviewIntervalDays]).sort()).toEqual([
      ['goteborgsregionen', 90],
      ['nordost', 90],
      ['sodertorn', 90],
    ]);
  });
});

describe('GET /api/search', () => {
  it('gives each result its review state at answer time; hidden items are not among them', async () => {
    expect(await states()).toEqual({
      fresh: 'current',
      due: 'due',
      edge: 'due',
      late: 'overdue',
      never: 'due',
    });
  });

  it('computes the state when it answers: one millisecond past the deadline the item is overdue', async () => {
    vi.setSystemTime(T0 + 1);
    expect((await states())['edge']).toBe('overdue');
  });
});

describe("a region's own interval", () => {
  it('is served by /api/regions and counts in the search results', async () => {
    const saved = await admin('/api/admin/regions/nordost/review/owners', {
      method: 'PUT',
      body: { reviewIntervalDays: 60, owners: [] },
    });
    expect(saved.status).toBe(200);
    expect((await regions()).find((r) => r.id === 'nordost')!.reviewIntervalDays).toBe(60);
    // 60 days: due after 60, overdue after 90, hidden after 150 (the search rebuilds at its next check).
    vi.setSystemTime(Date.now() + 2_001);
    await expect
      .poll(states, { interval: 50, timeout: 3_000 })
      .toEqual({ fresh: 'current', due: 'overdue', edge: 'overdue', late: 'overdue', never: 'due' });
  });
});
