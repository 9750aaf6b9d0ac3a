/**
 * The administration page in a real browser: sign in with a development token, choose the region,
 * upload real files through the file input (a broken one, then a good one: dry run → diff → confirm
 * removals → publish), the version history and rollback, editing an item (a 422 next to its field, then
 * a good edit), review confirmations, the template and an export — and axe (WCAG 2.2 AA) with zero
 * violations in the page's main states, in Swedish and English. One portal and one browser.
 *
 * The site must be built first (`npm test` builds site/dist; INSATS_TEST_SITE_DIR points the test at a
 * private build, as for the other browser tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_DIR, type Portal, startPortal } from '../../local/server.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { t } from '../../site/src/islands/admin/i18n.ts';
import {
  axeViolations,
  describeViolations,
  inlineScripts,
  islandsHydrated,
  launchBrowser,
  newContext,
  type PageProblems,
  watchPage,
} from '../support/browser.ts';

const SITE_DIR = process.env.INSATS_TEST_SITE_DIR || DEFAULT_SITE_DIR;
const FIXTURES = fileURLToPath(new URL('../fixtures/uploads/', import.meta.url));
const BROKEN = join(FIXTURES, 'broken-wrong-municipality.csv');
const GOOD = join(FIXTURES, 'sodertorn-windows-1252.csv');
const TOKEN_KEY = 'insatsportalen.admin.token';
const NAME = 'Anna Administratör';

let portal: Portal;
let browser: Browser;
let context: BrowserContext;
let token: string;

function expectNoProblems(problems: PageProblems): void {
  expect(problems.exceptions, 'uncaught exceptions').toEqual([]);
  expect(
    problems.console.filter(
      (m) => !/Failed to load resource: the server responded with a status of (401|422)/.test(m),
    ),
    'console errors',
  ).toEqual([]);
  expect(
    problems.requests.filter((r) => !/\/api\/admin\/.*: (401|422)$/.test(r)),
    'failed requests',
  ).toEqual([]);
}

async function open(
  path: string,
  on: BrowserContext = context,
): Promise<{ page: Page; problems: PageProblems }> {
  const page = await on.newPage();
  const problems = watchPage(page, { ignoreStatusFor: /\/api\/admin\// });
  const response = await page.goto(`${portal.url}${path}`, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await islandsHydrated(page);
  return { page, problems };
}

async function expectAccessible(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${state}\n${describeViolations(violations)}`).toEqual([]);
  await expect(inlineScripts(page)).resolves.toEqual([]);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
async function expectFocus(page: Page, id: string): Promise<void> {
  await expect.poll(() => focusedId(page), { timeout: 5_000 }).toBe(id);
}

async function signIn(page: Page, lang: 'sv' | 'en', regionToken = token): Promise<void> {
  await page.getByLabel(t(lang, 'signIn.tokenLabel')).fill(regionToken);
  await page.getByRole('button', { name: t(lang, 'signIn.submit') }).click();
  await expectFocus(page, 'admin-session-title');
}

/** The public API as it is now (`no-cache`: not a live pointer an instance read up to a second ago). */
async function publicApi<T>(path: string): Promise<T> {
  const response = await fetch(`${portal.url}${path}`, { headers: { 'cache-control': 'no-cache' } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}
const liveVersion = async () =>
  (
    await publicApi<{ regions: { id: string; catalogue: { version: number; itemCount: number } }[] }>(
      '/api/regions',
    )
  ).regions.find((r) => r.id === 'sodertorn')!.catalogue;

beforeAll(async () => {
  if (!existsSync(join(SITE_DIR, 'admin', 'index.html'))) {
    throw new Error(
      `The site is not built at ${SITE_DIR}: run \`npm run build:site\` (or \`npm test\`, which builds it first).`,
    );
  }
  portal = await startPortal({ port: 0, seedDemo: true, siteDir: SITE_DIR });
  browser = await launchBrowser();
  context = await newContext(browser);
  token = portal.tokenFor(['sodertorn'], NAME);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await portal?.close();
});

describe('signed out', () => {
  it.each([
    ['sv', '/admin/'],
    ['en', '/en/admin/'],
  ] as const)(
    '%s: a development sign-in with a labelled token field; no axe violations',
    async (lang, path) => {
      const { page, problems } = await open(path);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      await expect(page.locator('h1').textContent()).resolves.toBe(t(lang, 'page.title'));
      await expect(page.locator('#admin-signin-title').textContent()).resolves.toBe(t(lang, 'signIn.title'));
      await expect(page.locator('.admin-dev-note code').textContent()).resolves.toBe(
        'npm run token -- <regionId>',
      );
      await expect(page.getByLabel(t(lang, 'signIn.tokenLabel')).count()).resolves.toBe(1);
      await expectAccessible(page, `${path} signed out`);

      if (lang === 'sv') {
        // Not a token, then a token the server did not sign: explained next to the field, still signed out.
        await page.getByLabel(t(lang, 'signIn.tokenLabel')).fill('hello');
        await page.getByRole('button', { name: t(lang, 'signIn.submit') }).click();
        await expect(page.locator('#admin-token-error').textContent()).resolves.toBe(
          t(lang, 'signIn.error.malformed'),
        );
        await expectFocus(page, 'admin-token');
        const [header, payload] = token.split('.');
        await page.getByLabel(t(lang, 'signIn.tokenLabel')).fill(`${header}.${payload}.forged`);
        await page.getByRole('button', { name: t(lang, 'signIn.submit') }).click();
        await page.locator('#admin-token-error', { hasText: t(lang, 'signIn.error.rejected') }).waitFor();
        await expect(page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).resolves.toBeNull();
        await expectAccessible(page, `${path} sign-in error`);
      }
      await page.close();
      expectNoProblems(problems);
    },
  );

  it('other languages get a page pointing to the Swedish and English ones', async () => {
    const { page, problems } = await open('/ar/admin/');
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('main a[href="/admin/"]').count()).resolves.toBe(1);
    await expect(page.locator('main a[href="/en/admin/"]').count()).resolves.toBe(1);
    await expectAccessible(page, '/ar/admin/');
    await page.close();
    expectNoProblems(problems);
  });
});

describe('a regional administrator at work (Swedish)', () => {
  let page: Page;
  let problems: PageProblems;
  const uploads: Request[] = [];
  const sv = (key: Parameters<typeof t>[1], vars?: Record<string, string | number>) => t('sv', key, vars);

  beforeAll(async () => {
    ({ page, problems } = await open('/admin/'));
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/catalogue(\?|$)/.test(request.url())) uploads.push(request);
    });
  });
  afterAll(async () => {
    await page?.close();
    if (problems) expectNoProblems(problems);
  });

  it('signs in with a development token kept in sessionStorage only, shows who and which regions', async () => {
    await signIn(page, 'sv');
    await expect(page.locator('#admin-session-title').textContent()).resolves.toBe(
      sv('session.signedInAs', { name: NAME }),
    );
    await expect(page.locator('.admin-facts').textContent()).resolves.toContain('Etablering Södertörn');
    await expect(page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).resolves.toBe(token);
    await expect(page.evaluate(() => localStorage.length)).resolves.toBe(0);
    await expect(context.cookies()).resolves.toEqual([]);
    await page.getByLabel(sv('region.label')).selectOption('sodertorn');
    await page.locator('#admin-history-table').waitFor();
  });

  it('a broken file: the report table names row, column, problem and suggestion; nothing is published', async () => {
    const before = await liveVersion();
    await page.getByLabel(sv('upload.fileLabel')).setInputFiles(BROKEN);
    await page.getByRole('button', { name: sv('upload.check') }).click();
    await expectFocus(page, 'admin-report-title');
    await expect(page.locator('.admin-outcome').textContent()).resolves.toBe(sv('report.status.rejected'));

    const upload = uploads.at(-1)!;
    expect(upload.url()).toMatch(/\/api\/admin\/regions\/sodertorn\/catalogue\?dryRun=true$/);
    expect(upload.headers()['content-type']).toBe('text/csv');
    expect(upload.headers()['content-disposition']).toMatch(
      /^attachment; filename="broken-wrong-municipality.csv"/,
    );

    const table = page.locator('#admin-errors');
    await expect(table.locator('caption').textContent()).resolves.toBe(
      sv('report.errors.caption', { count: 2 }),
    );
    await expect(table.locator('thead th').allTextContents()).resolves.toEqual(
      ['row', 'column', 'message', 'value', 'suggestion'].map((c) =>
        sv(`report.col.${c}` as Parameters<typeof t>[1]),
      ),
    );
    const first = table.locator('tbody tr').first();
    await expect(first.locator('th').textContent()).resolves.toBe('2');
    await expect(first.locator('td').allTextContents()).resolves.toEqual([
      'kommuner',
      'Kommunen "Huddinnge" finns inte. Menade du Huddinge (0126)?',
      'Huddinnge',
      'Huddinge (0126)',
    ]);
    await expect(table.locator('tbody tr').nth(1).textContent()).resolves.toContain(
      'Stockholm (0180) ingår inte i Etablering Södertörn',
    );
    await expect(page.locator('.admin-counts').textContent()).resolves.toContain(sv('report.count.invalid'));
    await expect(page.getByRole('button', { name: sv('publish.button') }).count()).resolves.toBe(0);
    await expectAccessible(page, 'sv: signed in, a rejected report');
    expect(await liveVersion()).toEqual(before);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: sv('report.download') }).click();
    const report = await download;
    expect(report.suggestedFilename()).toBe('broken-wrong-municipality-rapport.csv');
    const csv = readFileSync((await report.path())!, 'utf8');
    expect(csv).toContain(
      'Fel;2;kommuner;"Kommunen ""Huddinnge"" finns inte. Menade du Huddinge (0126)?";Huddinnge;Huddinge (0126)\r\n',
    );
  });

  it('a good file: dry run → the diff → confirm the removals → publish; the history shows who, when and which file', async () => {
    await page.getByLabel(sv('upload.fileLabel')).setInputFiles(GOOD);
    await page.getByRole('button', { name: sv('upload.check') }).click();
    await expectFocus(page, 'admin-report-title');
    await expect(page.locator('.admin-outcome').textContent()).resolves.toBe(sv('report.status.validated'));
    await expect(page.locator('#admin-warnings caption').textContent()).resolves.toBe(
      sv('report.warnings.caption', { count: 1 }),
    );
    await expect(page.locator('#admin-warnings tbody').textContent()).resolves.toContain('Södertälje (0181)');
    await expect(page.locator('#admin-diff-added').textContent()).resolves.toBe(
      sv('diff.added', { count: 4 }),
    );
    await expect(page.locator('#admin-diff-removed').textContent()).resolves.toBe(
      sv('diff.removed', { count: 39 }),
    );
    await expect(page.locator('.admin-diff-added li').allTextContents()).resolves.toEqual([
      'vdo-sfi-1',
      'hud-praktik-2',
      'nyn-halsa-3',
      'tyr-so-4',
    ]);
    // Removed items are named by their titles (from the live catalogue), with their ids.
    await expect(page.locator('.admin-diff-removed li').first().textContent()).resolves.toMatch(
      /^Arbetsmarknadsutbildning.*\(af-sodertorn-amu-barnskotare\)$/,
    );
    await expect(page.locator('#admin-removals-warning').textContent()).resolves.toBe(
      sv('publish.removalsWarning', { removed: 39, live: 39 }),
    );
    await expectAccessible(page, 'sv: a validated report with the diff');

    // Publishing without the confirmation is refused on the page, with focus on the checkbox.
    await page.getByRole('button', { name: sv('publish.button') }).click();
    await expect(page.locator('#admin-confirm-error').textContent()).resolves.toBe(
      sv('publish.confirmRequired'),
    );
    await expectFocus(page, 'admin-confirm-removals');
    expect(uploads.at(-1)!.url()).toContain('dryRun=true');
    await page.getByLabel(sv('publish.confirmRemovals', { removed: 39 })).check();
    await page.getByRole('button', { name: sv('publish.button') }).click();
    await page.locator('.admin-outcome-published').waitFor();
    await expect(page.locator('.admin-outcome').textContent()).resolves.toBe(
      sv('report.status.published', { version: 2 }),
    );
    expect(uploads.at(-1)!.url()).toMatch(/\/catalogue\?confirmRemovals=true$/);
    await expect(liveVersion()).resolves.toMatchObject({ version: 2, itemCount: 4 });

    const row = page.locator('#admin-history-table tbody tr', {
      has: page.locator('th', { hasText: /^2$/ }),
    });
    await row.waitFor();
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      expect.stringMatching(/\d{4}/),
      NAME,
      sv('history.source.upload'),
      'sodertorn-windows-1252.csv',
      '4',
      '4 / 0 / 39',
      sv('history.live'),
    ]);
    await expectAccessible(page, 'sv: published, with the history');
  });

  it('rolls back with a confirm step; cancel returns focus to the button', async () => {
    const restore = page.getByRole('button', { name: sv('history.rollback', { version: 1 }), exact: true });
    await restore.click();
    await expectFocus(page, 'admin-rollback-title');
    await expect(restore.getAttribute('aria-expanded')).resolves.toBe('true');
    await expectAccessible(page, 'sv: the rollback confirmation');
    await page.getByRole('button', { name: sv('history.confirm.cancel') }).click();
    await expectFocus(page, 'admin-rollback-1');
    await expect(liveVersion()).resolves.toMatchObject({ version: 2 });

    await restore.click();
    await page.getByRole('button', { name: sv('history.confirm.yes', { version: 1 }) }).click();
    await page
      .locator('#admin-history-status', { hasText: sv('history.rolledBack', { from: 1, version: 3 }) })
      .waitFor();
    await expectFocus(page, 'admin-history-status');
    await expect(liveVersion()).resolves.toMatchObject({ version: 3, itemCount: 39 });
    const live = page.locator('#admin-history-table tbody tr').first();
    await expect(live.locator('th').textContent()).resolves.toBe('3');
    await expect(live.textContent()).resolves.toContain(sv('history.source.rollback'));
  });

  it('edits an item: problems next to their fields, then a good edit published as a new version', async () => {
    await page.getByLabel(sv('edit.filter')).fill('salem-sfi');
    await page.getByLabel(sv('edit.pick'), { exact: true }).selectOption('salem-sfi');
    const email = page.getByLabel(sv('edit.field.email'));
    await email.fill('inte-en-adress');
    await page.getByRole('button', { name: sv('edit.save') }).click();
    await expectFocus(page, 'admin-edit-summary-title');
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#admin-edit-email-error').textContent()).resolves.toContain(
      'E-postadressen "inte-en-adress" är inte giltig',
    );
    await expect(email.getAttribute('aria-describedby')).resolves.toContain('admin-edit-email-error');
    await expectAccessible(page, 'sv: an edit with problems');
    await expect(liveVersion()).resolves.toMatchObject({ version: 3 });

    await email.fill('sfi@salem.se');
    await page.getByLabel(sv('edit.field.summarySv')).fill('Kvällskurs två gånger i veckan.');
    await page.getByLabel('Haninge').check();
    await page.getByRole('button', { name: sv('edit.save') }).click();
    await page
      .locator('#admin-edit-status', { hasText: sv('edit.saved', { title: 'SFI i Salem', version: 4 }) })
      .waitFor();
    await expectFocus(page, 'admin-edit-status');
    const { item } = await publicApi<{ item: Intervention }>(
      '/api/regions/sodertorn/interventions/salem-sfi',
    );
    expect(item.summary).toEqual({ sv: 'Kvällskurs två gånger i veckan.' });
    expect(item.contact?.email).toBe('sfi@salem.se');
    expect(item.municipalities).toEqual(['0128', '0136']);
  });

  it('confirms reviewed: the item, one municipality, then every item', async () => {
    await page.getByRole('button', { name: sv('edit.confirmReviewed') }).click();
    await page
      .locator('#admin-edit-status', {
        hasText: sv('edit.confirmedReviewed', { title: 'SFI i Salem', version: 5 }),
      })
      .waitFor();
    const { item } = await publicApi<{ item: Intervention }>(
      '/api/regions/sodertorn/interventions/salem-sfi',
    );
    expect(item.reviewedBy).toBe(NAME);
    await page.locator('.admin-edit-form .admin-hint', { hasText: NAME }).waitFor();

    await page.getByLabel(sv('review.municipality')).selectOption('0128');
    await page.getByRole('button', { name: sv('review.byMunicipality') }).click();
    await page.locator('#admin-review-status', { hasText: /version 6/ }).waitFor();
    await page.getByRole('button', { name: sv('review.all') }).click();
    await page
      .locator('#admin-review-status', { hasText: sv('review.done', { count: 39, version: 7 }) })
      .waitFor();
    const items = (
      await publicApi<{ items: Intervention[] }>('/api/regions/sodertorn/interventions?limit=100')
    ).items;
    expect(items).toHaveLength(39);
    expect(items.every((i) => i.reviewedBy === NAME)).toBe(true);
  });

  it('downloads the blank template and the export (fetched with the token, saved from a Blob URL)', async () => {
    const template = page.waitForEvent('download');
    await page.getByRole('link', { name: sv('downloads.template') }).click();
    const templateFile = await template;
    expect(templateFile.suggestedFilename()).toBe('insatser-mall.csv');
    expect(readFileSync((await templateFile.path())!, 'utf8').replace(/^\uFEFF/, '')).toMatch(/^id;titel;/);

    const exported = page.waitForEvent('download');
    await page.getByRole('button', { name: sv('downloads.format.csv') }).click();
    const exportFile = await exported;
    expect(exportFile.suggestedFilename()).toBe('insatser-sodertorn-v7.csv');
    expect(exportFile.url()).toMatch(/^blob:/);
    const csv = readFileSync((await exportFile.path())!, 'utf8');
    expect(csv).toContain('salem-sfi;SFI i Salem;Kvällskurs två gånger i veckan.');
    await page.locator('#admin-downloads-status', { hasText: 'insatser-sodertorn-v7.csv' }).waitFor();
  });

  it('signs out: the token is gone and the sign-in is back, with focus on it', async () => {
    await page.getByRole('button', { name: sv('session.signOut') }).click();
    await expectFocus(page, 'admin-signin-title');
    await expect(page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).resolves.toBeNull();
    await expect(page.locator('#admin-signin-title ~ [role="status"]').textContent()).resolves.toBe(
      sv('signIn.signedOut'),
    );
  });
});

describe('in English', () => {
  it('a dropped file, the report, the history and a session that ends (401 → sign in again); no axe violations', async () => {
    const { page, problems } = await open('/en/admin/');
    const en = (key: Parameters<typeof t>[1], vars?: Record<string, string | number>) => t('en', key, vars);
    await signIn(page, 'en');
    // This time the file is dropped on the drop zone.
    const bytes = [...readFileSync(BROKEN)];
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(
        new File([new Uint8Array(content)], 'broken-wrong-municipality.csv', { type: 'text/csv' }),
      );
      return transfer;
    }, bytes);
    await page.dispatchEvent('.admin-drop', 'dragenter', { dataTransfer });
    await expect(page.locator('.admin-drop-text').textContent()).resolves.toBe(en('upload.dropActive'));
    await page.dispatchEvent('.admin-drop', 'drop', { dataTransfer });
    await page.locator('.admin-chosen', { hasText: 'broken-wrong-municipality.csv' }).waitFor();
    await page.getByRole('button', { name: en('upload.check') }).click();
    await expectFocus(page, 'admin-report-title');
    await expect(
      page.locator('#admin-errors tbody tr').first().locator('td').allTextContents(),
    ).resolves.toEqual([
      'kommuner',
      'The municipality "Huddinnge" does not exist. Did you mean Huddinge (0126)?',
      'Huddinnge',
      'Huddinge (0126)',
    ]);
    await page.locator('#admin-history-table').waitFor();
    await expect(page.locator('#admin-history-caption').textContent()).resolves.toBe(en('history.caption'));
    await expectAccessible(page, 'en: signed in, a rejected report, the history');

    // The token stops being accepted (here: replaced by a forged one): the next request sends the
    // administrator back to the sign-in, with a note why.
    const [header, payload] = token.split('.');
    await page.evaluate(
      ([key, forged]) => sessionStorage.setItem(key!, forged!),
      [TOKEN_KEY, `${header}.${payload}.forged`],
    );
    await page.reload();
    await islandsHydrated(page);
    await expectFocus(page, 'admin-signin-title');
    await expect(page.locator('#admin-signin-title ~ [role="status"]').textContent()).resolves.toBe(
      en('signIn.sessionEnded'),
    );
    await expect(page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).resolves.toBeNull();
    await page.close();
    expectNoProblems(problems);
  });
});

describe('weight', () => {
  it("the admin island stays small (React's runtime is shared with every page that has an island)", async () => {
    const page = await context.newPage();
    const scripts: { url: string; gz: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        pending.push(
          response.body().then((b) => void scripts.push({ url: response.url(), gz: gzipSync(b).length })),
        );
      }
    });
    await page.goto(`${portal.url}/admin/`);
    await islandsHydrated(page);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    await page.close();
    const runtime = scripts.filter((s) => /\/_astro\/(client|react)\.[^/]*\.js$/.test(s.url));
    const island = scripts.filter((s) => !runtime.includes(s));
    const sum = (list: typeof scripts) => list.reduce((n, s) => n + s.gz, 0);
    expect(runtime.length).toBeGreaterThan(0);
    expect(sum(island), island.map((s) => `${s.url} ${s.gz}`).join('\n')).toBeLessThanOrEqual(60_000);
    expect(sum(scripts)).toBeLessThanOrEqual(100_000);
  });
});
