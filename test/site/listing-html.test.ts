import { describe, expect, it } from 'vitest';
import { type InterventionInput, InterventionSchema } from '../../shared/intervention.ts';
import type { UiLanguage } from '../../shared/languages.ts';
import { groupByCategory, LIST_STRING_KEYS, type RegionalItem } from '../../site/src/lib/catalogue-view.ts';
import { attrs, escapeHtml, html, interpolateHtml, trusted } from '../../site/src/lib/html.ts';
import { pickStrings } from '../../site/src/lib/i18n.ts';
import { paginate, renderEntry, renderListing } from '../../site/src/lib/listing-html.ts';
import { vocabulary } from '../../site/src/lib/vocabulary.ts';

const item = (input: Partial<InterventionInput> & Pick<InterventionInput, 'id'>): RegionalItem => ({
  ...InterventionSchema.parse({
    title: { sv: `Insats ${input.id}` },
    category: 'sfi',
    municipalities: ['0126'],
    provider: { name: 'Huddinge kommun', type: 'municipality' },
    ...input,
  }),
  regionId: 'sodertorn',
});

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

const context = (lang: UiLanguage, now = NOW) => ({
  lang,
  strings: pickStrings(lang, LIST_STRING_KEYS),
  vocab: vocabulary(lang, { municipalityPages: ['0126'], regions: { sodertorn: 'Etablering Södertörn' } }),
  now,
});

describe('html (escaped by default)', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const title = '<script>alert(1)</script>';
    const quote = '" onmouseover="alert(1)';
    expect(html`<h3 title="${quote}">${title}</h3>`.value).toBe(
      '<h3 title="&quot; onmouseover=&quot;alert(1)">&lt;script&gt;alert(1)&lt;/script&gt;</h3>',
    );
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('keeps nested html as markup, joins arrays, and leaves out empty values', () => {
    const items = ['a', '<b>'].map((text) => html`<li>${text}</li>`);
    expect(html`<ul>${items}${undefined}${null}${false}${0}</ul>`.value).toBe(
      '<ul><li>a</li><li>&lt;b&gt;</li>0</ul>',
    );
  });

  it('does not take a plain object for markup', () => {
    const forged = { value: '<script>' } as unknown as string;
    expect(html`${forged}`.value).not.toContain('<script>');
  });

  it('writes attributes, refusing names that are not attribute names', () => {
    expect(attrs({ lang: 'sv', dir: 'ltr', hidden: true, title: undefined, open: false }).value).toBe(
      ' lang="sv" dir="ltr" hidden',
    );
    expect(() => attrs({ 'onclick="x"': 'y' })).toThrow(/Not an attribute name/);
  });

  it('fills a translated sentence with markup, escaping the sentence', () => {
    const name = html`<span lang="sv">${'Håbo'}</span>`;
    expect(interpolateHtml('<Insatser> i {municipality} {unknown}', { municipality: name }).value).toBe(
      '&lt;Insatser&gt; i <span lang="sv">Håbo</span> {unknown}',
    );
    expect(trusted('<b>').value).toBe('<b>');
  });
});

describe('a listing of interventions', () => {
  it('shows catalogue text as text: a script title cannot run', () => {
    const evil = item({
      id: 'xss',
      title: { sv: '<script>alert(1)</script>' },
      summary: { sv: '<img src=x onerror=alert(1)>' },
      provider: { name: '"><svg onload=alert(1)>', type: 'ngo' },
      contact: { url: 'https://example.se/?a="><script>' },
    });
    const markup = renderListing(groupByCategory([evil], context('sv')), context('sv')).value;
    expect(markup).not.toMatch(/<script|<img|<svg/);
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('links the title to the intervention page and marks Swedish text on other-language pages', () => {
    const ctx = context('ar');
    const [group] = groupByCategory([item({ id: 'a', contact: { phone: '08-535 300 00' } })], ctx);
    const markup = renderEntry(group!.items[0]!, ctx).value;
    expect(markup).toContain(
      '<a href="/ar/insats/?r=sodertorn&amp;id=a"><span lang="sv" dir="ltr">Insats a</span></a>',
    );
    expect(markup).toContain('<p class="only-swedish">متوفر باللغة السويدية فقط</p>');
    expect(markup).toContain('<span lang="sv" dir="ltr">Huddinge</span>');
    expect(markup).toContain('href="tel:0853530000"');
    expect(markup).not.toContain('lang="sv" dir="ltr">Insats a</span></h3>');
  });

  it('pages a long listing, keeping small categories whole and linking categories across pages', () => {
    const ctx = context('sv');
    const items = [
      ...['a', 'b', 'c'].map((id) => item({ id, category: 'sfi' })),
      ...['d', 'e'].map((id) => item({ id, category: 'samhallsorientering' })),
      ...['f', 'g', 'h', 'i', 'j'].map((id) => item({ id, category: 'arbete' })),
    ];
    const groups = groupByCategory(items, ctx);
    const pages = paginate(groups, 4);
    expect(pages.map((page) => page.map((g) => `${g.code}:${g.items.map((v) => v.id).join('')}`))).toEqual([
      ['sfi:abc'],
      ['samhallsorientering:de', 'arbete:fg'],
      ['arbete:hij'],
    ]);
    const pageHref = (n: number) => (n > 1 ? `/kommuner/huddinge/${n}/` : '/kommuner/huddinge/');
    const second = renderListing(groups, ctx, {
      nav: true,
      paging: { page: 2, pageSize: 4, pageHref },
    }).value;
    expect(second.match(/<article /g)).toHaveLength(4);
    expect(second).toContain(
      '<a href="/kommuner/huddinge/#kategori-sfi">SFI – svenska för invandrare <span class="count">(3)</span></a>',
    );
    expect(second).toContain('<a href="#kategori-arbete">Arbete <span class="count">(5)</span></a>');
    expect(second).toContain('<p>Sida 2 av 3</p>');
    expect(second).toContain('<a href="/kommuner/huddinge/" rel="prev">Föregående sida</a>');
    expect(second).toContain('<a href="/kommuner/huddinge/2/" aria-current="page">2</a>');
    expect(second).toContain('<a href="/kommuner/huddinge/3/" rel="next">Nästa sida</a>');
    // Every intervention is on exactly one page.
    const all = [1, 2, 3].map(
      (page) => renderListing(groups, ctx, { paging: { page, pageSize: 4, pageHref } }).value,
    );
    for (const id of 'abcdefghij')
      expect(all.filter((html) => html.includes(`insats-sodertorn-${id}"`))).toHaveLength(1);
    // A page beyond the last (the listing shrank after a publish) shows the last.
    expect(renderListing(groups, ctx, { paging: { page: 9, pageSize: 4, pageHref } }).value).toBe(all[2]);
  });

  it('needs no page navigation when everything fits', () => {
    const ctx = context('en');
    const markup = renderListing(groupByCategory([item({ id: 'a' })], ctx), ctx, {
      paging: { page: 1, pageSize: 150, pageHref: () => '/x/' },
    }).value;
    expect(markup).not.toContain('pagination');
  });

  it('notes an overdue item near the top of its entry, from one millisecond after the overdue instant', () => {
    const overdueAt = Date.parse('2026-01-01T00:00:00Z') + 120 * 86_400_000; // 90 days + 30 days' grace
    const entry = (at: number, lang: UiLanguage = 'sv') => {
      const ctx = context(lang, at);
      const [group] = groupByCategory([item({ id: 'k', lastReviewedAt: '2026-01-01' })], ctx);
      return renderEntry(group!.items[0]!, ctx).value;
    };
    expect(entry(overdueAt)).not.toContain('not-confirmed');
    expect(entry(overdueAt + 1)).toContain(
      '</h3><p class="not-confirmed">Inte bekräftad sedan 1 januari 2026</p>',
    );
    expect(entry(overdueAt + 1, 'uk')).toContain(
      '<p class="not-confirmed">Не підтверджено з 1 січня 2026 р.</p>',
    );
  });

  it('says so when there is nothing to list', () => {
    const ctx = context('en');
    expect(renderListing([], ctx).value).toBe(`<p class="empty">${ctx.strings['region.empty']}</p>`);
  });
});
