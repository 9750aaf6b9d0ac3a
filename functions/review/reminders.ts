/**
 * The review reminders (Delmål 5: "uppdateringsrutiner 4 ggr/år"): once a day, every owner named in a
 * region's review configuration gets one e-mail listing their due, overdue and hidden items, with links
 * to the review page. Nothing is sent to an owner with nothing due.
 *
 * Idempotent per owner and day: before sending, a marker `REMINDER#<day> / <e-mail>` is put in the
 * national table with `attribute_not_exists` — the run that wins the put sends, every other run (a
 * retry, a second timer, `npm run reminders` twice) skips that owner. If sending fails, the marker is
 * removed again so a later run that day can try once more.
 */
import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { municipalityName } from '../../shared/geo.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { utcDay } from '../../shared/review.ts';
import type { DueItem } from '../../shared/review-api.ts';
import { categoryLabel } from '../../shared/taxonomy.ts';
import { readPointer, readSnapshot } from '../catalogue/store.ts';
import { registryTableName } from '../lib/config.ts';
import { documentClient } from '../lib/dynamo.ts';
import { log } from '../lib/log.ts';
import { listRegions } from '../registry/store.ts';
import { readReviewConfig } from './config-store.ts';
import { dueItems } from './due.ts';
import type { Mailer, MailMessage } from './mail.ts';
import { reminderPk } from './reminder-config.ts';

/** Markers are kept this long (a TTL attribute where the table has TTL enabled). */
const MARKER_TTL_DAYS = 400;

export interface ReminderOptions {
  mailer: Mailer;
  from: { name?: string; address: string };
  /** The portal's address, for the links (`https://insatsportalen.se`). */
  portalUrl: string;
  now?: Date;
  regions?: readonly RegionConfig[];
}

export interface OwnerReminder {
  name: string;
  email: string;
  entries: { region: RegionConfig; item: DueItem }[];
}

export interface ReminderReport {
  day: string;
  sent: { email: string; items: number; messageId: string }[];
  alreadySent: string[];
  failed: { email: string; error: string }[];
  /** Items needing review that no owner's share covers, per region. */
  unassigned: Record<string, number>;
  unreadable: string[];
}

/** Every owner with something to review, across all regions (one entry per e-mail address). */
export async function collectReminders(
  regions: readonly RegionConfig[],
  now: Date,
): Promise<{ owners: OwnerReminder[]; unassigned: Record<string, number>; unreadable: string[] }> {
  const owners = new Map<string, OwnerReminder>();
  const unassigned: Record<string, number> = {};
  const unreadable: string[] = [];
  for (const region of regions) {
    try {
      const [config, live] = await Promise.all([readReviewConfig(region), readPointer(region.tableName)]);
      if (!live || config.owners.length === 0) continue;
      const items = await readSnapshot(region.tableName, live.version);
      const due = dueItems(items, config, now);
      if (due.unassigned) unassigned[region.id] = due.unassigned;
      for (const item of due.items) {
        for (const owner of item.owners) {
          const key = owner.email.toLowerCase();
          const entry = owners.get(key) ?? { name: owner.name, email: owner.email, entries: [] };
          entry.entries.push({ region, item });
          owners.set(key, entry);
        }
      }
    } catch (error) {
      log.error('review reminders: region unreadable', { regionId: region.id, error });
      unreadable.push(region.id);
    }
  }
  return { owners: [...owners.values()], unassigned, unreadable };
}

const STATE_HEADINGS = {
  hidden: 'Dolda i sökningen för nyanlända (inte bekräftade på två granskningsperioder)',
  overdue: 'Försenade',
  due: 'Dags att granska',
} as const;

/** The reminder e-mail, in Swedish. */
export function reminderMessage(owner: OwnerReminder, options: ReminderOptions, now: Date): MailMessage {
  const base = options.portalUrl.replace(/\/+$/, '');
  const reviewPage = (regionId: string) => `${base}/admin/granskning/?region=${encodeURIComponent(regionId)}`;
  const counts = { hidden: 0, overdue: 0, due: 0 };
  for (const { item } of owner.entries) if (item.state !== 'current') counts[item.state]++;
  const total = owner.entries.length;
  const late = counts.overdue + counts.hidden;
  const lines: string[] = [
    `Hej ${owner.name},`,
    '',
    `Du är utsedd att hålla insatserna i Insatsportalen aktuella. ${total === 1 ? 'En insats' : `${total} insatser`} behöver din bekräftelse${late ? `, varav ${late} är försenade` : ''}.`,
    'Granska uppgifterna (tider, platser, kontakt, pris) och bekräfta att de stämmer, eller ändra det som inte stämmer.',
    'En insats som inte bekräftas på två granskningsperioder döljs i sökningen för nyanlända tills någon bekräftar den.',
    '',
  ];
  for (const state of ['hidden', 'overdue', 'due'] as const) {
    const entries = owner.entries.filter((e) => e.item.state === state);
    if (entries.length === 0) continue;
    lines.push(`${STATE_HEADINGS[state]} (${entries.length}):`, '');
    for (const { region, item } of entries) {
      const since = item.lastReviewedAt
        ? `senast bekräftad ${item.lastReviewedAt.slice(0, 10)}`
        : 'aldrig bekräftad';
      const where = item.municipalities.map(municipalityName).join(', ');
      lines.push(
        `- ${item.title} [${item.id}]`,
        `  ${region.name} · ${categoryLabel(item.category)} · ${where} · ${since}${item.reviewedBy ? ` av ${item.reviewedBy}` : ''}`,
        `  ${reviewPage(region.id)}#granska-${encodeURIComponent(item.id)}`,
        '',
      );
    }
  }
  const regions = [...new Map(owner.entries.map((e) => [e.region.id, e.region])).values()];
  lines.push(
    'Bekräfta med ett klick per insats, eller "Bekräfta alla oförändrade" för en kommun, på granskningssidan:',
    ...regions.map((r) => `  ${r.name}: ${reviewPage(r.id)}`),
    '',
    'Du får det här meddelandet som ansvarig i regionens granskningsrutin (högst ett om dagen).',
    'Regionens administratör ändrar vem som är ansvarig på granskningssidan.',
    '',
    'Skriv aldrig personuppgifter om deltagare i insatsernas texter.',
    '',
    '-- ',
    'Insatsportalen',
  );
  const subject =
    late > 0
      ? `Insatsportalen: ${total} ${total === 1 ? 'insats' : 'insatser'} att granska (${late} försenade)`
      : `Insatsportalen: ${total} ${total === 1 ? 'insats' : 'insatser'} att granska`;
  return {
    from: options.from,
    to: { name: owner.name, address: owner.email },
    subject,
    text: lines.join('\n'),
    date: now,
  };
}

async function claim(day: string, email: string, token: string, items: number, now: Date): Promise<boolean> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: registryTableName(),
        Item: {
          pk: reminderPk(day),
          sk: email.toLowerCase(),
          token,
          items,
          claimedAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + MARKER_TTL_DAYS * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function runReminders(options: ReminderOptions): Promise<ReminderReport> {
  const now = options.now ?? new Date();
  const day = utcDay(now);
  const regions = options.regions ?? (await listRegions());
  const { owners, unassigned, unreadable } = await collectReminders(regions, now);
  const report: ReminderReport = { day, sent: [], alreadySent: [], failed: [], unassigned, unreadable };
  for (const owner of owners) {
    const token = randomUUID();
    if (!(await claim(day, owner.email, token, owner.entries.length, now))) {
      report.alreadySent.push(owner.email);
      continue;
    }
    const key = { pk: reminderPk(day), sk: owner.email.toLowerCase() };
    try {
      const { id } = await options.mailer.send(reminderMessage(owner, options, now));
      await documentClient().send(
        new UpdateCommand({
          TableName: registryTableName(),
          Key: key,
          UpdateExpression: 'SET sentAt = :at, messageId = :id',
          ExpressionAttributeValues: { ':at': new Date().toISOString(), ':id': id },
        }),
      );
      report.sent.push({ email: owner.email, items: owner.entries.length, messageId: id });
    } catch (error) {
      log.error('review reminder not sent', { error });
      report.failed.push({
        email: owner.email,
        error: error instanceof Error ? error.message : String(error),
      });
      // Give the day back to a later run.
      await documentClient()
        .send(
          new DeleteCommand({
            TableName: registryTableName(),
            Key: key,
            ConditionExpression: '#token = :token',
            ExpressionAttributeNames: { '#token': 'token' },
            ExpressionAttributeValues: { ':token': token },
          }),
        )
        .catch(() => undefined);
    }
  }
  log.info('review reminders', {
    day,
    sent: report.sent.length,
    alreadySent: report.alreadySent.length,
    failed: report.failed.length,
  });
  return report;
}
