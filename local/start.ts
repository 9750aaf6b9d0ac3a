/**
 * `npm start`: the whole portal on this machine, no AWS account and no Docker. The embedded
 * DynamoDB persists under .data/, the demo catalogues load on first start, the site is built on
 * first start (or with --rebuild), and one server answers /api/* and the site.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from './build-site.ts';
import { DATA_DIR, DYNAMO_DIR, devTokenSecret, ROOT_DIR } from './paths.ts';
import { scheduleReminders } from './reminders.ts';
import { DEFAULT_SITE_DIR, startPortal } from './server.ts';

const started = Date.now();
const port = Number(process.env.PORT ?? 8787);
const portal = await startPortal({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: DYNAMO_DIR,
  seedDemo: true,
  devTokenSecret: devTokenSecret(),
});
if (portal.seeded.length) console.log(`Loaded the demo catalogues of ${portal.seeded.join(', ')}.`);
const rebuild = process.argv.includes('--rebuild');
if (rebuild || !existsSync(join(DEFAULT_SITE_DIR, 'index.html'))) {
  console.log('Building the site from the published catalogues (first start)…');
  await buildSite(portal.url, { quiet: true });
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const url = portal.url.replace('127.0.0.1', 'localhost');
console.log(`
Insatsportalen is running (ready in ${seconds} s).

  Open          ${url}/
  API           ${url}/api/regions   ·   ${url}/api/openapi.json
  Data          ${DATA_DIR.replace(ROOT_DIR, '')} (embedded DynamoDB; delete the folder to start over)

Administrator tokens (development only) for the admin page and the admin API:
${portal.regions.map((r) => `  ${r.id.padEnd(20)} npm run token -- ${r.id}`).join('\n')}
  county board         npm run token -- --county-board

Stop with Ctrl+C.`);

// Review reminders (docs/review.md): now and daily, as .eml files in .data/outbox/; `npm run reminders` for once.
const stopReminders = scheduleReminders(portal);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    stopReminders();
    portal.close().then(() => process.exit(0));
  });
}
