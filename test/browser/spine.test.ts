/**
 * The spine in a real browser: the whole portal in-process (embedded DynamoDB, the API's handlers, the
 * built site), Debian's Chromium, axe. The site must be built first (`npm run build:site`; `npm test`
 * does it).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from '../../local/server.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { textDirection, UI_LANGUAGE_TAG, UI_LANGUAGES } from '../../shared/languages.ts';
import type { RegionSummary } from '../../shared/region.ts';
import { visibleInSearch } from '../../shared/review.ts';
import { categoryLabel, TOP_LEVEL_CATEGORIES, topLevelCategory } from '../../shared/taxonomy.ts';
import { t } from '../../site/src/lib/i18n.ts';
import {
  axeViolations,
  describeViolations,
  islandsHydrated,
  launchBrowser,
  newContext,
  type PageProblems,
  TEST_SITE_DIR,
  watchPage,
} from '../support/browser.ts';
import { untilPublic } from '../support/published.ts';

const SODERTORN = 'sodertorn';
const DEMO_REGIONS = ['sodertorn', 'nordost', 'goteborgsregionen'];

let portal: Awaited<ReturnType<typeof startPortal>>;
let browser: Browser;
let context: BrowserContext;
let regions: RegionSummary[];
let sodertorn: Intervention[];
/** What Södertörn's page lists: every item but those hidden by the review routine (docs/review.md). */
let sodertornShown: Intervention[];
const opened: { page: Page; problems: PageProblems }[] = [];

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${portal.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The items a region's page lists (the region's interval; hidden ones left out). */
const listed = (items: Intervention[], region: RegionSummary): Intervention[] =>
  items.filter((item) => visibleInSearch(item, Date.now(), region.reviewIntervalDays));

async function allInterventions(regionId: string): Promise<Intervention[]> {
  const items: Intervention[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Intervention[]; nextCursor: string | null } = await getJson(
      `/api/regions/${regionId}/interventions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Open a page of the portal, recording its problems; every test ends by expecting none. */
async function open(path: string, on: BrowserContext = context): Promise<Page> {
  const page = await on.newPage();
  const problems = watchPage(page);
  opened.push({ page, problems });
  const response = await page.goto(`${portal.url}${path}`, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  // The test only proves "no inline scripts" if the CDN's policy is actually in force.
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  return page;
}

const html = (page: Page) => page.locator('html');

beforeAll(async () => {
  if (!existsSync(join(TEST_SITE_DIR, 'index.html'))) {
    throw new Error(
      'The site is not built: run `npm run build:site` (or `npm test`, which builds it first).',
    );
  }
  portal = await startPortal({ port: 0, seedDemo: true, siteDir: TEST_SITE_DIR });
  browser = await launchBrowser();
  context = await newContext(browser);
  regions = (await getJson<{ regions: RegionSummary[] }>('/api/regions')).regions;
  sodertorn = await allInterventions(SODERTORN);
  sodertornShown = listed(sodertorn, regions.find((r) => r.id === SODERTORN)!);
});

afterEach(async () => {
  const problems = opened.splice(0);
  for (const { page } of problems) await page.close();
  for (const { problems: p } of problems) {
    expect(p.exceptions, 'uncaught exceptions').toEqual([]);
    expect(p.console, 'console errors').toEqual([]);
    expect(p.requests, 'failed requests').toEqual([]);
  }
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await portal?.close();
});

describe('the home page', () => {
  it('in Swedish shows what the portal is, a search box and the three regions with links', async () => {
    expect(regions.map((r) => r.id).sort()).toEqual([...DEMO_REGIONS].sort());
    const page = await open('/');
    await expect(html(page).getAttribute('lang')).resolves.toBe('sv');
    await expect(html(page).getAttribute('dir')).resolves.toBe('ltr');
    await expect(page.locator('h1').textContent()).resolves.toBe(t('sv', 'home.title'));
    await expect(page.title()).resolves.toContain('Insatsportalen');

    const search = page.getByRole('search');
    await expect(search.getAttribute('action')).resolves.toBe('/sok/');
    await expect(search.getAttribute('method')).resolves.toBe('get');
    await expect(search.getByLabel(t('sv', 'search.label')).getAttribute('name')).resolves.toBe('q');

    for (const region of regions) {
      const link = page.locator(`a[href="/regioner/${region.id}/"]`);
      await expect(link.textContent()).resolves.toBe(region.name);
      const card = page.locator('.region-card', { has: link });
      const count = region.catalogue
        ? t('sv', 'region.itemCount', { count: listed(await allInterventions(region.id), region).length })
        : t('sv', 'region.noCatalogue');
      await expect(card.locator('.region-count').textContent()).resolves.toBe(count);
      await expect(card.locator('.inline-list li').count()).resolves.toBe(region.municipalities.length);
    }
  });
});

describe('the region page', () => {
  it('lists every Södertörn intervention (but the hidden ones), grouped by category in taxonomy order', async () => {
    expect(sodertornShown.length, 'the demo catalogue of Södertörn').toBeGreaterThan(0);
    const page = await open('/regioner/sodertorn/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Etablering Södertörn');
    await expect(page.locator('article.intervention').count()).resolves.toBe(sodertornShown.length);

    const expectedOrder = TOP_LEVEL_CATEGORIES.map((c) => c.code).filter((code) =>
      sodertornShown.some((item) => topLevelCategory(item.category) === code),
    );
    const headings = await page.locator('section.category > h2').allTextContents();
    expect(headings).toEqual(expectedOrder.map((code) => categoryLabel(code, 'sv')));

    for (const item of sodertornShown) {
      const section = page.locator(`section[aria-labelledby="kategori-${topLevelCategory(item.category)}"]`);
      const article = section.locator(`article[id="insats-${SODERTORN}-${item.id}"]`);
      await expect(article.locator('h3').textContent(), item.id).resolves.toBe(item.title.sv);
      if (item.contact?.email) {
        await expect(article.locator(`a[href="mailto:${item.contact.email}"]`).count()).resolves.toBe(1);
      }
      if (item.contact?.phone) await expect(article.locator('a[href^="tel:"]').count()).resolves.toBe(1);
      const when = await article
        .locator('.fact', { hasText: t('sv', 'intervention.when') })
        .locator('dd')
        .textContent();
      if (!item.startDate && !item.endDate) expect(when).toBe(t('sv', 'intervention.ongoing'));
      const reviewed = await article
        .locator('.fact', { hasText: t('sv', 'intervention.lastReviewed') })
        .locator('dd')
        .textContent();
      if (!item.lastReviewedAt) expect(reviewed).toBe(t('sv', 'intervention.notReviewed'));
    }
  });

  it('is complete without JavaScript', async () => {
    const noScript = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await open('/regioner/sodertorn/', noScript);
      await expect(page.locator('article.intervention').count()).resolves.toBe(sodertornShown.length);
    } finally {
      await noScript.close();
    }
  });

  it('keeps the build-time list when nothing newer is published', async () => {
    const page = await open('/regioner/sodertorn/');
    await islandsHydrated(page);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.live-catalogue .live-status[role="status"]').textContent()).resolves.toBe('');
    await expect(page.locator('.region-overview .live-status[role="status"]').textContent()).resolves.toBe(
      '',
    );
    await expect(page.locator('article.intervention').count()).resolves.toBe(sodertornShown.length);
  });
});

describe('in Arabic', () => {
  it('the home page is right-to-left with Arabic labels', async () => {
    const page = await open('/ar/');
    await expect(html(page).getAttribute('lang')).resolves.toBe('ar');
    await expect(html(page).getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('h1').textContent()).resolves.toBe('ابحث عن الدعم بالقرب منك');
    await expect(page.locator('.main-nav a').first().textContent()).resolves.toBe('الصفحة الرئيسية');
    await expect(page.getByRole('search').getAttribute('action')).resolves.toBe('/ar/sok/');
    for (const region of regions) {
      await expect(page.locator(`a[href="/ar/regioner/${region.id}/"]`).count()).resolves.toBe(1);
    }
  });

  it('the Södertörn page is right-to-left, with Arabic categories and Swedish text marked as Swedish', async () => {
    const page = await open('/ar/regioner/sodertorn/');
    await expect(html(page).getAttribute('lang')).resolves.toBe('ar');
    await expect(html(page).getAttribute('dir')).resolves.toBe('rtl');
    const headings = await page.locator('section.category > h2').allTextContents();
    for (const heading of headings) expect(heading).toMatch(/[\u0600-\u06FF]/);
    await expect(page.locator('.fact dt').first().textContent()).resolves.toBe(
      t('ar', 'intervention.municipalities'),
    );

    for (const item of sodertornShown) {
      const article = page.locator(`article[id="insats-${SODERTORN}-${item.id}"]`);
      const title = article.locator('h3');
      if (item.title.ar) {
        await expect(title.textContent()).resolves.toBe(item.title.ar);
        await expect(title.locator('[lang]').count()).resolves.toBe(0);
      } else {
        const swedish = title.locator('[lang="sv"]');
        await expect(swedish.textContent()).resolves.toBe(item.title.sv);
        await expect(swedish.getAttribute('dir')).resolves.toBe('ltr');
        await expect(article.locator('.only-swedish').textContent()).resolves.toBe(
          'متوفر باللغة السويدية فقط',
        );
      }
    }
  });
});

describe('the language switcher', () => {
  it('keeps the visitor on the same page', async () => {
    const page = await open('/regioner/sodertorn/');
    const switcher = page.locator('.language-switcher');
    await expect(switcher.locator('a[aria-current="true"]').getAttribute('lang')).resolves.toBe('sv');

    await switcher.locator('a[lang="ar"]').click();
    await page.waitForURL(`${portal.url}/ar/regioner/sodertorn/`);
    await expect(html(page).getAttribute('dir')).resolves.toBe('rtl');

    await page.locator('.language-switcher a[lang="fa-AF"]').click();
    await page.waitForURL(`${portal.url}/fa/regioner/sodertorn/`);
    await expect(html(page).getAttribute('lang')).resolves.toBe('fa-AF');

    await page.locator('.language-switcher a[lang="sv"]').click();
    await page.waitForURL(`${portal.url}/regioner/sodertorn/`);

    await page.goto(`${portal.url}/`);
    await page.locator('.language-switcher a[lang="uk"]').click();
    await page.waitForURL(`${portal.url}/uk/`);
    await expect(page.locator('h1').textContent()).resolves.toBe(t('uk', 'home.title'));
  });

  it('names every language by its own name, in targets of at least 24 × 24 px', async () => {
    const page = await open('/so/');
    const links = page.locator('.language-switcher a');
    await expect(links.count()).resolves.toBe(UI_LANGUAGES.length);
    for (const lang of UI_LANGUAGES) {
      const link = page.locator(`.language-switcher a[lang="${UI_LANGUAGE_TAG[lang]}"]`);
      await expect(link.getAttribute('dir')).resolves.toBe(textDirection(lang));
      const box = await link.boundingBox();
      expect(box!.width, lang).toBeGreaterThanOrEqual(24);
      expect(box!.height, lang).toBeGreaterThanOrEqual(24);
    }
  });
});

// Every page type × every language: axe, CSP, 360 px in test/browser/portal.test.ts.
describe('accessibility and CSP', () => {
  it('the region page has no axe violations on a wide screen either', async () => {
    const wide = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    try {
      for (const path of ['/', '/regioner/sodertorn/']) {
        const page = await open(path, wide);
        await islandsHydrated(page);
        const violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
    } finally {
      await wide.close();
    }
  });

  it('no built page has an inline script or an external resource', async () => {
    const files: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.name.endsWith('.html')) files.push(path);
      }
    };
    await walk(TEST_SITE_DIR);
    expect(files.length).toBeGreaterThanOrEqual(UI_LANGUAGES.length * (1 + DEMO_REGIONS.length));
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      const inline = [...text.matchAll(/<script\b([^>]*)>/gi)].filter(
        ([, attributes]) => !/\bsrc=/i.test(attributes!) && !/application\/(ld\+)?json/i.test(attributes!),
      );
      expect(
        inline.map(([tag]) => tag),
        file,
      ).toEqual([]);
      // Resources the page loads (scripts, styles, images, icons) come from the site itself; links to
      // providers' websites are fine.
      const external = [
        ...text.matchAll(/<(script|link|img|iframe|source)\b[^>]*\b(?:src|href)="((?:https?:)?\/\/[^"]*)"/gi),
      ]
        .filter(([tag]) => !/^<link\b[^>]*\brel="alternate"/i.test(tag))
        .map(([tag]) => tag);
      expect(external, file).toEqual([]);
    }
  });
});

/**
 * JavaScript a visitor downloads, gzipped. React DOM is about 65 kB of the region page's budget; the
 * island and Astro's loader about 15 kB. zod or a second framework in the bundle would break it.
 */
const REGION_PAGE_JS_BUDGET_GZ = 90_000;

describe('weight on a phone', () => {
  async function scriptBytes(path: string): Promise<number> {
    const page = await context.newPage();
    opened.push({ page, problems: watchPage(page) });
    const sizes: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        sizes.push(response.body().then((b) => gzipSync(b).length));
    });
    await page.goto(`${portal.url}${path}`);
    await islandsHydrated(page);
    await page.waitForLoadState('networkidle');
    return (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
  }

  it('the home page runs no JavaScript; the region page stays within its budget', async () => {
    await expect(scriptBytes('/ar/')).resolves.toBe(0);
    const regionPage = await scriptBytes('/ar/regioner/sodertorn/');
    expect(regionPage).toBeGreaterThan(0);
    expect(regionPage).toBeLessThanOrEqual(REGION_PAGE_JS_BUDGET_GZ);
  });
});

// Last: it publishes a new catalogue version, which every later page would then show.
describe('publishing after the build', () => {
  it('shows the newly published catalogue on the built page, without a redeploy', async () => {
    const added = { ...sodertornShown[0]!, id: 'nyss-publicerad', title: { sv: 'Nyss publicerad insats' } };
    delete (added as Partial<Intervention>).summary;
    const response = await fetch(`${portal.url}/api/admin/regions/${SODERTORN}/catalogue`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${portal.tokenFor([SODERTORN])}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify([...sodertorn, added]),
    });
    const result = (await response.json()) as { status: string; version: number };
    expect(response.status, JSON.stringify(result)).toBe(200);
    expect(result.status).toBe('published');
    await untilPublic(portal.url, SODERTORN, result.version);

    const page = await open('/ar/regioner/sodertorn/');
    const article = page.locator('article[id="insats-sodertorn-nyss-publicerad"]');
    await article.waitFor();
    await expect(page.locator('.live-catalogue .live-status[role="status"]').textContent()).resolves.toBe(
      t('ar', 'region.live.updated'),
    );
    // The counts above the list are recounted from the same new catalogue.
    await expect(page.locator('.region-overview .live-status[role="status"]').textContent()).resolves.toBe(
      t('ar', 'region.countsUpdated'),
    );
    await expect(page.locator('.region-overview .region-count').textContent()).resolves.toBe(
      t('ar', 'region.itemCount', { count: sodertornShown.length + 1 }),
    );
    await expect(page.locator('article.intervention').count()).resolves.toBe(sodertornShown.length + 1);
    await expect(article.locator('h3 [lang="sv"]').textContent()).resolves.toBe('Nyss publicerad insats');
    await expect(article.locator('.only-swedish').textContent()).resolves.toBe(
      t('ar', 'intervention.onlySwedish'),
    );
  });
});
