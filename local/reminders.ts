/**
 * The review reminders on this machine (docs/review.md). Locally the "e-mail" is an `.eml` file in the
 * outbox folder (.data/outbox/) that any mail program opens.
 *
 * - `npm start` runs them once at start and then once a day (`scheduleReminders`, from local/start.ts).
 * - `npm run reminders` runs them once now: against the running portal's store when `npm start` is up
 *   (it leaves its address in .data/portal.json), else against the persisted store in .data/dynamo/.
 * Either way an owner gets at most one e-mail a day.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY_TABLE_ENV } from '../functions/lib/config.ts';
import { resetDocumentClient } from '../functions/lib/dynamo.ts';
import { clearRegistryCache } from '../functions/registry/store.ts';
import { OutboxMailer } from '../functions/review/mail.ts';
import { type ReminderReport, runReminders } from '../functions/review/reminders.ts';
import { pointSdkAt, startEmbeddedDynamo } from './embedded-dynamo.ts';
import { DATA_DIR, DYNAMO_DIR, OUTBOX_DIR } from './paths.ts';
import { REGISTRY_TABLE } from './server.ts';

export const RUNNING_FILE = join(DATA_DIR, 'portal.json');
export const REMINDER_INTERVAL_MS = 24 * 60 * 60 * 1000;
const SENDER = { name: 'Insatsportalen', address: 'granskning@insatsportalen.local' };

export function remindNow(portalUrl: string, now = new Date()): Promise<ReminderReport> {
  return runReminders({
    mailer: new OutboxMailer(OUTBOX_DIR),
    from: SENDER,
    portalUrl: portalUrl.replace('127.0.0.1', 'localhost'),
    now,
  });
}

export function describeReport(report: ReminderReport): string {
  const lines = [`Review reminders for ${report.day}: ${report.sent.length} sent to ${OUTBOX_DIR}`];
  for (const sent of report.sent) lines.push(`  ${sent.email}: ${sent.items} items → ${sent.messageId}`);
  if (report.alreadySent.length) lines.push(`  already sent today: ${report.alreadySent.join(', ')}`);
  for (const failed of report.failed) lines.push(`  NOT SENT ${failed.email}: ${failed.error}`);
  for (const [region, count] of Object.entries(report.unassigned)) {
    lines.push(`  ${region}: ${count} items need review but have no owner (name one on /admin/granskning/)`);
  }
  if (report.unreadable.length) lines.push(`  regions unreadable: ${report.unreadable.join(', ')}`);
  return lines.join('\n');
}

/** For `npm start`: tell `npm run reminders` where the store is, run now, then daily. Returns a stop function. */
export function scheduleReminders(portal: { url: string; dynamoEndpoint: string }): () => void {
  writeFileSync(RUNNING_FILE, JSON.stringify({ ...portal, pid: process.pid }));
  const run = () =>
    remindNow(portal.url).then(
      (report) => {
        if (report.sent.length || report.failed.length) console.log(describeReport(report));
      },
      (error) => console.error('Review reminders failed:', error),
    );
  void run();
  const timer = setInterval(run, REMINDER_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    rmSync(RUNNING_FILE, { force: true });
  };
}

function runningPortal(): { url: string; dynamoEndpoint: string; pid: number } | undefined {
  if (!existsSync(RUNNING_FILE)) return undefined;
  try {
    const running = JSON.parse(readFileSync(RUNNING_FILE, 'utf8')) as {
      url: string;
      dynamoEndpoint: string;
      pid: number;
    };
    process.kill(running.pid, 0); // throws when that process is gone
    return running;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const running = runningPortal();
  let close = async () => {};
  if (running) {
    pointSdkAt(running.dynamoEndpoint);
  } else if (existsSync(DYNAMO_DIR)) {
    const dynamo = await startEmbeddedDynamo({ dataDir: DYNAMO_DIR });
    pointSdkAt(dynamo.endpoint);
    close = () => dynamo.close();
  } else {
    console.error('No local portal data yet: run `npm start` once first.');
    process.exit(2);
  }
  process.env[REGISTRY_TABLE_ENV] = REGISTRY_TABLE;
  process.env.INSATS_STAGE ??= 'local';
  resetDocumentClient();
  clearRegistryCache();
  try {
    const report = await remindNow(running?.url ?? `http://localhost:${process.env.PORT ?? 8787}`);
    console.log(describeReport(report));
    if (report.failed.length) process.exitCode = 1;
  } finally {
    resetDocumentClient();
    await close();
  }
}

if ((import.meta as { main?: boolean }).main) await main();
