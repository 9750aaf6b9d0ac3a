/**
 * The reminder function's configuration names (read by the handler, set by infra/constructs/reminders.ts)
 * and the partition key of its markers (written by reminders.ts, granted by infra/constructs/bind-stores.ts).
 * No dependencies: the CDK app imports it.
 */
export const REMINDER_SENDER_ENV = 'REMINDER_SENDER';
export const PORTAL_URL_ENV = 'PORTAL_URL';

/**
 * The once-a-day reminder markers in the national table: `REMINDER#<day> / <e-mail>`. The CDK app lets the
 * reminder function write these partitions only (`REMINDER#*`, `dynamodb:LeadingKeys`).
 */
export const REMINDER_PK_PREFIX = 'REMINDER#';
export const reminderPk = (day: string) => `${REMINDER_PK_PREFIX}${day}`;
