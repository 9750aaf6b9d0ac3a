/** The reminder function's configuration names (read by the handler, set by infra/constructs/reminders.ts). */
export const REMINDER_SENDER_ENV = 'REMINDER_SENDER';
export const PORTAL_URL_ENV = 'PORTAL_URL';
