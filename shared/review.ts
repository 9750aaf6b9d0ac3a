/**
 * The review routine (Delmål 5: "uppdateringsrutiner 4 ggr/år"): when an intervention is due for a
 * person's confirmation, overdue, or so long unconfirmed that newcomer search hides it.
 *
 * Pure and zod-free: the functions, the site (the "not confirmed since" note) and the coverage page all
 * use it. With r = lastReviewedAt, I = the region's interval (default 90 days), G = the grace (30 days):
 *
 *   current   now ≤ r + I
 *   due       r + I < now ≤ r + I + G            (or never confirmed: no lastReviewedAt at all)
 *   overdue   r + I + G < now ≤ r + 2I + G
 *   hidden    now > r + 2I + G                    ("overdue for two intervals": 210 days by default)
 *
 * "Older than" is strict: at exactly r + I the item is still current; one millisecond later it is due.
 * A date without a time (`2026-08-25`) is midnight UTC of that day. An item confirmed "in the future"
 * (a clock ahead) is current. An item never confirmed is `due` and stays so — there is no date to
 * count from — so it is listed and reminded about but never hidden.
 */
import { LIMITS } from './limits.ts';

export const REVIEW_STATES = ['current', 'due', 'overdue', 'hidden'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** The shortest and longest review interval a region may choose (monthly … half-yearly). */
export const REVIEW_INTERVAL_MIN_DAYS = 30;
export const REVIEW_INTERVAL_MAX_DAYS = 180;
export const DAY_MS = 86_400_000;

export interface Reviewable {
  lastReviewedAt?: string | undefined;
}

export interface ReviewDeadlines {
  reviewedAt: number;
  /** After this instant the item is due. */
  dueAt: number;
  /** After this instant the item is overdue. */
  overdueAt: number;
  /** After this instant newcomer search hides the item. */
  hiddenAt: number;
}

/** Epoch ms of a lastReviewedAt value (ISO date or date-time), or undefined when missing or unreadable. */
export function reviewedAtMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isFinite(ms) ? ms : undefined;
}

export function reviewDeadlines(
  item: Reviewable,
  intervalDays: number = LIMITS.reviewIntervalDays,
  graceDays: number = LIMITS.overdueGraceDays,
): ReviewDeadlines | undefined {
  const reviewedAt = reviewedAtMs(item.lastReviewedAt);
  if (reviewedAt === undefined) return undefined;
  const dueAt = reviewedAt + intervalDays * DAY_MS;
  const overdueAt = dueAt + graceDays * DAY_MS;
  return { reviewedAt, dueAt, overdueAt, hiddenAt: overdueAt + intervalDays * DAY_MS };
}

export function reviewState(
  item: Reviewable,
  now: Date | number,
  intervalDays: number = LIMITS.reviewIntervalDays,
  graceDays: number = LIMITS.overdueGraceDays,
): ReviewState {
  const deadlines = reviewDeadlines(item, intervalDays, graceDays);
  if (!deadlines) return 'due';
  const t = typeof now === 'number' ? now : now.getTime();
  if (t <= deadlines.dueAt) return 'current';
  if (t <= deadlines.overdueAt) return 'due';
  if (t <= deadlines.hiddenAt) return 'overdue';
  return 'hidden';
}

/**
 * The first instant after `now` at which the item's review state changes at one of `deadlines` (one
 * millisecond after the deadline: "older than" is strict); +Infinity when none is ahead (never
 * confirmed, or past them all). Caches of what depends on the state (an answer's JSON, a built listing)
 * are valid until then.
 */
export function nextStateChange(
  item: Reviewable,
  now: number,
  intervalDays: number = LIMITS.reviewIntervalDays,
  deadlines: readonly ('dueAt' | 'overdueAt' | 'hiddenAt')[] = ['dueAt', 'overdueAt', 'hiddenAt'],
): number {
  const at = reviewDeadlines(item, intervalDays);
  if (!at) return Number.POSITIVE_INFINITY;
  for (const name of deadlines) if (at[name] >= now) return at[name] + 1;
  return Number.POSITIVE_INFINITY;
}

/** True when newcomer search shows the item (everything but `hidden`). */
export const visibleInSearch = (item: Reviewable, now: Date | number, intervalDays?: number): boolean =>
  reviewState(item, now, intervalDays) !== 'hidden';

/** True when the item needs a person's confirmation (due, overdue or hidden). */
export const needsReview = (state: ReviewState): boolean => state !== 'current';

/** A region's interval, clamped to the allowed range (a missing or broken value is the default). */
export function clampInterval(days: number | undefined): number {
  if (days === undefined || !Number.isFinite(days)) return LIMITS.reviewIntervalDays;
  return Math.min(REVIEW_INTERVAL_MAX_DAYS, Math.max(REVIEW_INTERVAL_MIN_DAYS, Math.round(days)));
}

/** The UTC calendar day of an instant, `YYYY-MM-DD` (reminders are once per owner and day). */
export const utcDay = (now: Date | number): string =>
  new Date(typeof now === 'number' ? now : now.getTime()).toISOString().slice(0, 10);
