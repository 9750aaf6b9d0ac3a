import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clampInterval,
  nextStateChange,
  reviewDeadlines,
  reviewState,
  utcDay,
  visibleInSearch,
} from '../../shared/review.ts';

const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);

afterEach(() => {
  vi.useRealTimers();
});

describe('reviewState at the boundary dates (default interval 90 days, grace 30)', () => {
  // Confirmed 2026-01-01 (a date: midnight UTC). +90 d = 2026-04-01, +120 d = 2026-05-01, +210 d = 2026-07-30.
  const item = { lastReviewedAt: '2026-01-01' };

  it.each([
    ['the day it was confirmed', '2026-01-01T00:00:00.000Z', 'current'],
    ['exactly 90 days later (not older than 90 days)', '2026-04-01T00:00:00.000Z', 'current'],
    ['one millisecond after 90 days', '2026-04-01T00:00:00.001Z', 'due'],
    ['exactly 120 days later (the grace is not over)', '2026-05-01T00:00:00.000Z', 'due'],
    ['one millisecond after 120 days', '2026-05-01T00:00:00.001Z', 'overdue'],
    ['exactly 210 days later (2 × 90 + 30)', '2026-07-30T00:00:00.000Z', 'overdue'],
    ['one millisecond after 210 days', '2026-07-30T00:00:00.001Z', 'hidden'],
    ['a year later', '2027-01-01T00:00:00.000Z', 'hidden'],
  ])('%s → %s', (_label, now, expected) => {
    expect(reviewState(item, at(now))).toBe(expected);
  });

  it('with a fake clock: shown to newcomers until exactly 210 days have passed, hidden from the next instant', () => {
    vi.useFakeTimers();
    vi.setSystemTime(at('2026-07-29T12:00:00.000Z'));
    expect(visibleInSearch(item, Date.now())).toBe(true);
    vi.setSystemTime(at('2026-07-30T00:00:00.000Z'));
    expect(visibleInSearch(item, Date.now())).toBe(true);
    vi.setSystemTime(at('2026-07-30T00:00:00.001Z'));
    expect(visibleInSearch(item, Date.now())).toBe(false);
    vi.setSystemTime(at('2026-07-30T23:59:59.999Z'));
    expect(visibleInSearch(item, Date.now())).toBe(false);
  });

  it('a date-time counts from its instant', () => {
    const timed = { lastReviewedAt: '2026-01-01T15:30:00Z' };
    expect(reviewState(timed, at('2026-04-01T15:30:00Z'))).toBe('current');
    expect(reviewState(timed, at('2026-04-01T15:30:01Z'))).toBe('due');
  });

  it("uses the region's interval: 60 days → due after 60, overdue after 90, hidden after 150", () => {
    expect(reviewState(item, at('2026-03-02T00:00:00.000Z'), 60)).toBe('current');
    expect(reviewState(item, at('2026-03-02T00:00:00.001Z'), 60)).toBe('due');
    expect(reviewState(item, at('2026-04-01T00:00:00.001Z'), 60)).toBe('overdue');
    expect(reviewState(item, at('2026-05-31T00:00:00.000Z'), 60)).toBe('overdue');
    expect(reviewState(item, at('2026-05-31T00:00:00.001Z'), 60)).toBe('hidden');
  });

  it('deadlines are reported as instants', () => {
    expect(reviewDeadlines(item)).toEqual({
      reviewedAt: ms('2026-01-01T00:00:00Z'),
      dueAt: ms('2026-04-01T00:00:00Z'),
      overdueAt: ms('2026-05-01T00:00:00Z'),
      hiddenAt: ms('2026-07-30T00:00:00Z'),
    });
  });

  it('never confirmed: due, never hidden', () => {
    expect(reviewState({}, at('2030-01-01T00:00:00Z'))).toBe('due');
    expect(visibleInSearch({}, at('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it('confirmed "in the future" (a clock ahead) is current; an unreadable date counts as never', () => {
    expect(reviewState({ lastReviewedAt: '2027-01-01' }, at('2026-01-01T00:00:00Z'))).toBe('current');
    expect(reviewState({ lastReviewedAt: 'igår' }, at('2026-01-01T00:00:00Z'))).toBe('due');
  });
});

describe('helpers', () => {
  it('clampInterval keeps 30–180 days, defaulting to 90', () => {
    expect(clampInterval(undefined)).toBe(90);
    expect(clampInterval(Number.NaN)).toBe(90);
    expect(clampInterval(7)).toBe(30);
    expect(clampInterval(365)).toBe(180);
    expect(clampInterval(60)).toBe(60);
  });

  it('utcDay', () => {
    expect(utcDay(at('2026-11-23T23:59:59Z'))).toBe('2026-11-23');
  });
});

describe('nextStateChange', () => {
  const item = { lastReviewedAt: '2026-01-01' };

  it('is the millisecond after the next deadline, where reviewState changes', () => {
    for (const now of ['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z']) {
      const next = nextStateChange(item, ms(now));
      expect(reviewState(item, next - 1)).not.toBe(reviewState(item, next));
      expect(reviewState(item, ms(now))).toBe(reviewState(item, next - 1));
    }
    expect(nextStateChange(item, ms('2026-04-01T00:00:00.001Z'))).toBe(ms('2026-05-01T00:00:00.001Z'));
  });

  it('only at the deadlines asked for; never for an item past them all or never confirmed', () => {
    expect(nextStateChange(item, ms('2026-01-02T00:00:00Z'), 90, ['overdueAt', 'hiddenAt'])).toBe(
      ms('2026-05-01T00:00:00.001Z'),
    );
    expect(nextStateChange(item, ms('2026-07-30T00:00:00.001Z'))).toBe(Number.POSITIVE_INFINITY);
    expect(nextStateChange({}, ms('2026-01-02T00:00:00Z'))).toBe(Number.POSITIVE_INFINITY);
  });
});
