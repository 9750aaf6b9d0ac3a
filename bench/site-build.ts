/**
 * The site build at national scale: the 60,000-intervention benchmark corpus (30 regions × 2,000)
 * published into a local portal, then `astro build` against its API, timed. Prints the build time, the
 * number of pages, the largest pages, and checks the budgets: the build under 3 minutes and every listing
 * page at most 60 kB of gzipped HTML (docs/site.md).
 *
 *   node bench/site-build.ts [--regions 30] [--per-region 2000] [--out /tmp/insats-bench-site]
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { publish } from '../functions/catalogue/store.ts';
import { buildSite } from '../local/build-site.ts';
import { startPortal } from '../local/server.ts';
import { visibleInSearch } from '../shared/review.ts';
import { municipalitySlug } from '../site/src/lib/vocabulary.ts';
import { BENCH_ITEMS_PER_REGION, BENCH_REGIONS, benchCorpus } from './corpus.ts';

/** The budgets. */
const BUILD_BUDGET_S = 180;
const LISTING_HTML_BUDGET_GZ = 60_000;

const { values } = parseArgs({
  options: {
    regions: { type: 'string', default: String(BENCH_REGIONS) },
    'per-region': { type: 'string', default: String(BENCH_ITEMS_PER_REGION) },
    out: { type: 'string', default: '/tmp/insats-bench-site' },
  },
});
const regionCount = Number(values.regions);
const perRegion = Number(values['per-region']);
const outDir = values.out;

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith('.html')) yield path;
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

console.log(`Site build · ${regionCount} regions × ${perRegion} interventions → ${outDir}`);
const corpus = benchCorpus(regionCount, perRegion);
const portal = await startPortal({
  regions: corpus.map((c) => c.region),
  seedDemo: false,
  dynamoProcess: true,
  rateLimit: false,
});
process.env.INSATS_LOG_LEVEL = 'error';
try {
  let started = Date.now();
  for (const { region, items } of corpus) {
    await publish(region.tableName, {
      items,
      publishedBy: 'bench',
      source: 'seed',
      counts: { added: items.length, changed: 0, removed: 0, unchanged: 0 },
    });
  }
  console.log(
    `published ${regionCount * perRegion} interventions in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  await rm(outDir, { recursive: true, force: true });
  await rm(`${outDir}.cache`, { recursive: true, force: true });
  started = Date.now();
  await buildSite(portal.url, { outDir, quiet: true });
  const seconds = (Date.now() - started) / 1000;

  const pages: { path: string; raw: number; gz: number }[] = [];
  for await (const file of htmlFiles(outDir)) {
    const body = await readFile(file);
    pages.push({
      path: `/${relative(outDir, file)}`,
      raw: (await stat(file)).size,
      gz: gzipSync(body).length,
    });
  }
  // Region pages and every page of a municipality's listing (not the list of municipalities).
  const listings = pages.filter((p) =>
    /^\/(?:[a-z]{2}\/)?(regioner|kommuner)\/[^/]+\/(?:\d+\/)?index\.html$/.test(p.path),
  );
  const largest = [...pages].sort((a, b) => b.gz - a.gz).slice(0, 5);
  const largestListing = [...listings].sort((a, b) => b.gz - a.gz)[0];
  const totalRaw = pages.reduce((sum, p) => sum + p.raw, 0);

  console.log(`build: ${seconds.toFixed(1)} s (budget ${BUILD_BUDGET_S} s)`);
  console.log(
    `pages: ${pages.length} (${listings.length} region and municipality pages), ${(totalRaw / 1e6).toFixed(1)} MB of HTML`,
  );
  console.log('largest pages (gzip / raw):');
  for (const page of largest) console.log(`  ${page.path}  ${kB(page.gz)} / ${kB(page.raw)}`);
  if (largestListing)
    console.log(
      `largest listing page: ${largestListing.path} ${kB(largestListing.gz)} gzip (budget ${kB(LISTING_HTML_BUDGET_GZ)})`,
    );
  // Every intervention is on a built page: the Swedish pages of each municipality list exactly its items
  // (but those the review routine hides: unconfirmed for 210 days, docs/review.md; the default interval).
  const expected = new Map<string, number>();
  for (const { items } of corpus)
    for (const item of items) {
      if (!visibleInSearch(item, Date.now())) continue;
      for (const code of item.municipalities) expected.set(code, (expected.get(code) ?? 0) + 1);
    }
  const missing: string[] = [];
  for (const [code, count] of expected) {
    const slug = municipalitySlug(code);
    let listed = 0;
    for (let page = 1; ; page++) {
      const file = join(outDir, 'kommuner', slug, page > 1 ? String(page) : '', 'index.html');
      const body = await readFile(file, 'utf8').catch(() => undefined);
      if (body === undefined) break;
      listed += body.match(/<article class="intervention"/g)?.length ?? 0;
    }
    if (listed !== count) missing.push(`${slug}: ${listed} of ${count} interventions on its pages`);
  }
  console.log(
    `municipality pages list every intervention: ${missing.length === 0 ? 'yes' : 'NO'} (${expected.size} municipalities)`,
  );

  const failures = [
    ...missing,
    ...(seconds > BUILD_BUDGET_S ? [`the build took ${seconds.toFixed(0)} s`] : []),
    ...listings.filter((p) => p.gz > LISTING_HTML_BUDGET_GZ).map((p) => `${p.path} is ${kB(p.gz)} gzip`),
  ];
  if (failures.length > 0) {
    console.error(`OVER BUDGET:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
} finally {
  await portal.close();
}
