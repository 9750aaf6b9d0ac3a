/**
 * An intervention's own page: one static page per language (`/insats/?r=<region>&id=<id>`) that this
 * island fills from GET /api/regions/{r}/interventions/{id}, so 60,000 interventions need no 420,000
 * built pages and a newly published one has its page at once. Everything about the intervention, a
 * "how to sign up" block, a share link and print-friendly markup (styles/global.css, @media print).
 * An overdue item (or a hidden one, reached by a link) says "not confirmed since <date>" (docs/review.md).
 */
import { type ReactNode, useEffect, useState } from 'react';
import type { UiLanguage } from '../../../shared/languages.ts';
import {
  interventionView,
  type ListStrings,
  label,
  localText,
  municipalityPath,
  type RegionalItem,
  type Vocabulary,
} from '../lib/catalogue-view.ts';
import { formatDate, formatNumber, interpolate } from '../lib/format.ts';
import type { DetailStringKey } from '../lib/island-strings.ts';
import { localizedPath } from '../lib/paths.ts';
import { isRenderableIntervention } from '../lib/renderable.ts';
import { syncLanguageLinks } from '../lib/switcher.ts';

export type DetailStrings = Record<DetailStringKey, string> & ListStrings;

export interface InterventionDetailProps {
  lang: UiLanguage;
  strings: DetailStrings;
  vocab: Vocabulary;
}

type Loaded =
  | { phase: 'loading' }
  | { phase: 'not-found' }
  | { phase: 'error' }
  | { phase: 'ready'; item: RegionalItem };

const REGION_ID = /^[a-z][a-z0-9-]{1,39}$/;
const ITEM_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The intervention named by the page's query, or `not-found` for a malformed or unknown one. */
async function load(search: string, signal: AbortSignal): Promise<Loaded> {
  const params = new URLSearchParams(search);
  const regionId = params.get('r') ?? '';
  const id = params.get('id') ?? '';
  if (!REGION_ID.test(regionId) || !ITEM_ID.test(id)) return { phase: 'not-found' };
  const url = `/api/regions/${encodeURIComponent(regionId)}/interventions/${encodeURIComponent(id)}`;
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (response.status === 404) return { phase: 'not-found' };
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const body = (await response.json()) as { item?: unknown };
  if (!isRenderableIntervention(body.item)) throw new Error(`GET ${url} answered an unexpected shape`);
  return { phase: 'ready', item: { ...body.item, regionId } };
}

const swedishAttrs = (lang: UiLanguage) => (lang === 'sv' ? {} : { lang: 'sv', dir: 'ltr' as const });

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default function InterventionDetail({ lang, strings, vocab }: InterventionDetailProps) {
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load (retry)
  useEffect(() => {
    syncLanguageLinks(location.search);
    const controller = new AbortController();
    load(location.search, controller.signal).then(setLoaded, () => {
      if (!controller.signal.aborted) setLoaded({ phase: 'error' });
    });
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    if (loaded.phase !== 'ready') return;
    const title = localText(loaded.item.title, lang).text;
    document.title = interpolate(strings['site.pageTitle'], { page: title, site: strings['site.name'] });
  }, [loaded, lang, strings]);

  if (loaded.phase === 'loading') {
    return (
      <div className="intervention-page">
        <h1>{strings['detail.title']}</h1>
        <p className="loading" role="status">
          {strings['detail.loading']}
        </p>
      </div>
    );
  }
  if (loaded.phase === 'not-found' || loaded.phase === 'error') {
    const notFound = loaded.phase === 'not-found';
    return (
      <div className="intervention-page">
        <h1>{notFound ? strings['detail.notFound'] : strings['detail.title']}</h1>
        <div className={notFound ? 'note' : 'error-message'} role="alert">
          <p>{notFound ? strings['detail.notFoundText'] : strings['detail.error']}</p>
          {notFound ? null : (
            <button type="button" className="secondary-button" onClick={() => setAttempt(attempt + 1)}>
              {strings['search.retry']}
            </button>
          )}
        </div>
        <p>
          <a href={localizedPath(lang, '/sok/')}>{strings['detail.toSearch']}</a>
        </p>
      </div>
    );
  }
  return <Details item={loaded.item} lang={lang} strings={strings} vocab={vocab} />;
}

function Details({
  item,
  lang,
  strings,
  vocab,
}: {
  item: RegionalItem;
  lang: UiLanguage;
  strings: DetailStrings;
  vocab: Vocabulary;
}) {
  // The item's review state now, with its region's interval (vocab.reviewIntervals, from the build).
  const view = interventionView(item, { lang, strings, vocab, now: Date.now() });
  const description = item.description ? localText(item.description, lang) : undefined;
  const fallback = (text: { fallback: boolean; tag: string; dir: 'ltr' | 'rtl' }) =>
    text.fallback ? { lang: text.tag, dir: text.dir } : {};
  const sv = swedishAttrs(lang);
  const regionName = label(vocab.regions, item.regionId);
  const regionHref = localizedPath(lang, `/regioner/${item.regionId}/`);
  const { email, phone, url } = view.contact;
  const location = item.location;
  const address = location
    ? [location.street, [location.postalCode, location.city].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ')
    : '';
  const hasContact = Boolean(email || phone || url || address);
  const cost = item.cost.free
    ? strings['detail.free']
    : item.cost.amountSek !== undefined
      ? interpolate(strings['detail.amount'], { amount: formatNumber(item.cost.amountSek, lang) })
      : strings['detail.no'];
  const market = item.interMunicipal;

  return (
    <article className="intervention-page" aria-labelledby="insats-titel">
      <nav className="breadcrumbs no-print" aria-label={strings['breadcrumb.label']}>
        <ol>
          <li>
            <a href={localizedPath(lang, '/')}>{strings['nav.home']}</a>
          </li>
          <li>
            <a href={regionHref} {...sv}>
              {regionName}
            </a>
          </li>
        </ol>
      </nav>
      <h1 id="insats-titel">
        <span {...fallback(view.title)}>{view.title.text}</span>
      </h1>
      <p className="tag">{view.subcategory ? `${view.category} › ${view.subcategory}` : view.category}</p>
      {view.notConfirmedSince ? (
        <p className="not-confirmed">
          {interpolate(strings['intervention.notConfirmedSince'], { date: view.notConfirmedSince })}
        </p>
      ) : null}
      {view.onlySwedish || description?.fallback ? (
        <p className="only-swedish">{strings['intervention.onlySwedish']}</p>
      ) : null}
      {view.summary ? (
        <p className="lead" {...fallback(view.summary)}>
          {view.summary.text}
        </p>
      ) : null}

      <section className="sign-up" aria-labelledby="anmalan">
        <h2 id="anmalan">{strings['detail.signUp']}</h2>
        <p>{hasContact ? strings['detail.signUpText'] : strings['detail.signUpNone']}</p>
        {hasContact ? (
          <ul className="contact contact-block">
            {phone ? (
              <li>
                {strings['intervention.phone']}:{' '}
                <a href={phone.href} dir="ltr">
                  {phone.text}
                </a>
              </li>
            ) : null}
            {email ? (
              <li>
                {strings['intervention.email']}:{' '}
                <a href={`mailto:${email}`} dir="ltr">
                  {email}
                </a>
              </li>
            ) : null}
            {url ? (
              <li>
                {strings['intervention.website']}:{' '}
                <a href={url.href} dir="ltr">
                  {url.text}
                </a>
              </li>
            ) : null}
            {address ? (
              <li>
                {strings['detail.address']}: <span {...sv}>{address}</span>
              </li>
            ) : null}
          </ul>
        ) : null}
      </section>

      {description ? (
        <section aria-labelledby="om-insatsen">
          <h2 id="om-insatsen">{strings['detail.about']}</h2>
          <div className="description" {...fallback(description)}>
            {description.text
              .split(/\n+/)
              .filter((paragraph) => paragraph.trim())
              .map((paragraph, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, never reordered
                <p key={index}>{paragraph}</p>
              ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="var-nar">
        <h2 id="var-nar">{strings['detail.whereWhen']}</h2>
        <dl className="facts">
          <Fact term={strings['intervention.municipalities']}>
            <ul className="inline-list">
              {item.municipalities.map((code) => {
                const href = municipalityPath(lang, vocab, code);
                const name = <span {...sv}>{label(vocab.municipalities, code)}</span>;
                return <li key={code}>{href ? <a href={href}>{name}</a> : name}</li>;
              })}
            </ul>
          </Fact>
          <Fact term={strings['intervention.when']}>{view.when}</Fact>
          <Fact term={strings['intervention.delivery']}>{view.delivery}</Fact>
          {address ? (
            <Fact term={strings['detail.address']}>
              <span {...sv}>{address}</span>
            </Fact>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="fakta">
        <h2 id="fakta">{strings['detail.facts']}</h2>
        <dl className="facts">
          <Fact term={strings['intervention.category']}>
            {view.subcategory ? `${view.category} › ${view.subcategory}` : view.category}
          </Fact>
          <Fact term={strings['intervention.audiences']}>
            <ul className="inline-list">
              {view.audiences.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </Fact>
          {view.languages.length > 0 ? (
            <Fact term={strings['intervention.languages']}>
              <ul className="inline-list">
                {view.languages.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            </Fact>
          ) : null}
          <Fact term={strings['detail.cost']}>{cost}</Fact>
          <Fact term={strings['intervention.provider']}>
            <span {...sv}>{view.provider}</span> ({label(vocab.providerTypes, item.provider.type)})
          </Fact>
          <Fact term={strings['intervention.region']}>
            <a href={regionHref} {...sv}>
              {regionName}
            </a>
          </Fact>
          <Fact term={strings['intervention.lastReviewed']}>
            {view.lastReviewed ?? strings['intervention.notReviewed']}
          </Fact>
          {item.reviewedBy ? (
            <Fact term={strings['detail.reviewedBy']}>
              <span {...sv}>{item.reviewedBy}</span>
            </Fact>
          ) : null}
        </dl>
      </section>

      {market?.open ? (
        <section aria-labelledby="for-kommuner">
          <h2 id="for-kommuner">{strings['detail.forMunicipalities']}</h2>
          <ul className="plain-list">
            <li>{strings['detail.openToOthers']}</li>
            {market.pricePerParticipantSek !== undefined ? (
              <li>
                {interpolate(strings['detail.price'], {
                  amount: formatNumber(market.pricePerParticipantSek, lang),
                })}
              </li>
            ) : null}
            {market.placesAvailable !== undefined ? (
              <li>
                {interpolate(strings['detail.places'], { count: formatNumber(market.placesAvailable, lang) })}
                {market.placesUpdatedAt ? ` (${formatDate(market.placesUpdatedAt, lang)})` : null}
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <Share strings={strings} />

      <p className="no-print">
        <a href={regionHref}>{interpolate(strings['detail.regionLink'], { region: regionName })}</a>
        {' · '}
        <a href={localizedPath(lang, '/sok/')}>{strings['detail.toSearch']}</a>
      </p>
    </article>
  );
}

function Share({ strings }: { strings: DetailStrings }) {
  const [copied, setCopied] = useState(false);
  const href = location.href;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(href);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin, a refused permission): select the link for the visitor to copy.
      const input = document.getElementById('dela-lank') as HTMLInputElement | null;
      input?.focus();
      input?.select();
    }
  };
  return (
    <section className="share no-print" aria-labelledby="dela">
      <h2 id="dela">{strings['detail.share']}</h2>
      <label htmlFor="dela-lank">{strings['detail.shareLink']}</label>
      <div className="search-row">
        <input
          id="dela-lank"
          type="url"
          readOnly
          value={href}
          dir="ltr"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="secondary-button" onClick={copy}>
          {strings['detail.copy']}
        </button>
        <button type="button" className="secondary-button" onClick={() => print()}>
          {strings['detail.print']}
        </button>
      </div>
      <p role="status">{copied ? strings['detail.copied'] : ''}</p>
    </section>
  );
}
