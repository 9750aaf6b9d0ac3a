/**
 * The scheduled function (EventBridge, daily): review reminders through Amazon SES.
 * Configuration (checked at cold start): REMINDER_SENDER (the verified SES identity's address),
 * PORTAL_URL (for the links), optionally REMINDER_SENDER_NAME and SES_CONFIGURATION_SET.
 */
import { requireEnv } from '../lib/config.ts';
import { SesMailer } from './mail.ts';
import { PORTAL_URL_ENV, REMINDER_SENDER_ENV } from './reminder-config.ts';
import { runReminders } from './reminders.ts';

const sender = requireEnv(REMINDER_SENDER_ENV);
const portalUrl = requireEnv(PORTAL_URL_ENV);
const mailer = new SesMailer({ configurationSet: process.env.SES_CONFIGURATION_SET || undefined });

export const handler = async () => {
  const report = await runReminders({
    mailer,
    from: { name: process.env.REMINDER_SENDER_NAME || 'Insatsportalen', address: sender },
    portalUrl,
  });
  // A failed send is retried by tomorrow's run at the latest; make it visible to the alarm on errors.
  if (report.failed.length > 0 || report.unreadable.length > 0) {
    throw new Error(
      `Review reminders: ${report.failed.length} not sent, ${report.unreadable.length} regions unreadable (see the log)`,
    );
  }
  return { day: report.day, sent: report.sent.length, alreadySent: report.alreadySent.length };
};
