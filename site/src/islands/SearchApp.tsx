/**
 * The search page: one text box, filter chips with counts, results that arrive as you type (debounced,
 * the previous request aborted), "show more", the state in the URL, a helpful empty state, a message with
 * a retry when the API fails, and "where am I?" (the visitor's municipality, remembered on the device).
 *
 * Budget: this island, React and Astro's loader must stay under 80 kB gzip (test/browser/portal.test.ts).
 * Labels come in as props (the vocabulary of one language); nothing here imports the taxonomy, the list of
 * municipalities or zod.
 */
import { type FormEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { textDirection, type UiLanguage } from '../../../shared/languages.ts';
import {
  interventionView,
  type ListStrings,
  type RegionalItem,
  shortList,
  type Vocabulary,
} from '../lib/catalogue-view.ts';
import { formatNumber, interpolate } from '../lib/format.ts';
import type { SearchStringKey } from '../lib/island-strings.ts';
import { createRequester, parseSearchAnswer, type SearchAnswer } from '../lib/search-client.ts';
import {
  type ActiveFilter,
  activeFilters,
  EMPTY_SEARCH,
  type FilterKey,
  type KnownCodes,
  parseSearchState,
  type SearchState,
  searchApiUrl,
  serializeSearchState,
  toggleFilter,
  withFilter,
  withoutFilter,
} from '../lib/search-state.ts';
import { syncLanguageLinks } from '../lib/switcher.ts';
import {
  forgetMyMunicipality,
  formatPostalCode,
  loadPostalTable,
  lookupPostalCode,
  normalizePostalCode,
  readMyMunicipality,
  saveMyMunicipality,
} from '../lib/where.ts';

/** The UI strings this island uses (the page picks them with `pickStrings`). */
export type SearchStrings = Record<SearchStringKey, string> & ListStrings;

export interface SearchAppProps {
  lang: UiLanguage;
  strings: SearchStrings;
  vocab: Vocabulary;
}

/** Options of a filter shown before "show all". */
const OPTIONS_SHOWN = 8;
/** Remote interventions suggested when a search finds nothing. */
const REMOTE_SUGGESTIONS = 5;
/** Municipalities named in a result before "and N more". */
const RESULT_MUNICIPALITIES_SHOWN = 4;

type Phase = 'idle' | 'loading' | 'ready' | 'error';

function knownCodes(vocab: Vocabulary): KnownCodes {
  return {
    municipality: new Set(Object.keys(vocab.municipalities)),
    category: new Set(Object.keys(vocab.categories)),
    language: new Set(Object.keys(vocab.languages)),
    audience: new Set(Object.keys(vocab.audiences)),
    delivery: new Set(Object.keys(vocab.delivery)),
    region: new Set(Object.keys(vocab.regions)),
  };
}

function filterLabel(filter: ActiveFilter, vocab: Vocabulary, strings: SearchStrings): string {
  switch (filter.key) {
    case 'free':
      return strings['search.free'];
    case 'municipality':
      return vocab.municipalities[filter.value] ?? filter.value;
    case 'category':
      return vocab.categories[filter.value] ?? filter.value;
    case 'language':
      return vocab.languages[filter.value] ?? filter.value;
    case 'audience':
      return vocab.audiences[filter.value] ?? filter.value;
    case 'delivery':
      return vocab.delivery[filter.value] ?? filter.value;
    case 'region':
      return vocab.regions[filter.value] ?? filter.value;
  }
}

/** A translated sentence with an element in place of its `{name}` placeholder. */
function fill(template: string, name: string, node: ReactNode): ReactNode {
  const [before, after] = template.split(`{${name}}`);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}

/** Swedish names on a page in another language (municipalities, regions, providers). */
const swedishAttrs = (lang: UiLanguage) => (lang === 'sv' ? {} : { lang: 'sv', dir: 'ltr' as const });

export default function SearchApp({ lang, strings, vocab }: SearchAppProps) {
  const known = useMemo(() => knownCodes(vocab), [vocab]);
  const [state, setState] = useState<SearchState>(EMPTY_SEARCH);
  const [phase, setPhase] = useState<Phase>('idle');
  const [answer, setAnswer] = useState<SearchAnswer | undefined>(undefined);
  const [morePhase, setMorePhase] = useState<Phase>('idle');
  const [remote, setRemote] = useState<RegionalItem[] | undefined>(undefined);
  const [home, setHome] = useState<string | undefined>(undefined);
  const stateRef = useRef(state);
  const focusFrom = useRef<number | undefined>(undefined);
  const listRef = useRef<HTMLOListElement>(null);

  const requesters = useMemo(() => {
    const others = createRequester({
      parse: parseSearchAnswer,
      onResult: (result) => setRemote(result.results),
      onError: () => setRemote(undefined),
    });
    const main = createRequester({
      parse: parseSearchAnswer,
      onStart: () => setPhase('loading'),
      onResult: (result) => {
        setAnswer(result);
        setPhase('ready');
        setRemote(undefined);
        if (result.total === 0) {
          const current = stateRef.current;
          // Nothing here: remote interventions can be joined from anywhere.
          const suggestion = { ...EMPTY_SEARCH, delivery: 'remote', category: current.category };
          if (current.delivery !== 'remote' || current.municipality || current.q)
            others.now(searchApiUrl(suggestion, { lang, limit: REMOTE_SUGGESTIONS }));
        }
      },
      onError: () => setPhase('error'),
    });
    const more = createRequester({
      parse: parseSearchAnswer,
      onStart: () => setMorePhase('loading'),
      onResult: (result) => {
        setAnswer((previous) => {
          if (!previous) return result;
          focusFrom.current = previous.results.length;
          return { ...result, results: [...previous.results, ...result.results] };
        });
        setMorePhase('idle');
      },
      onError: () => setMorePhase('error'),
    });
    return { main, more, others };
  }, [lang]);

  /** Make `next` the search: into the URL (a new history entry, or replacing it while typing), then ask. */
  function commit(next: SearchState, how: 'push' | 'replace' | 'typing' | 'none') {
    stateRef.current = next;
    setState(next);
    requesters.more.cancel();
    setMorePhase('idle');
    if (how !== 'none') {
      const url = `${location.pathname}${serializeSearchState(next)}`;
      if (how === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
      syncLanguageLinks(location.search);
    }
    const api = searchApiUrl(next, { lang });
    if (how === 'typing') requesters.main.debounced(api);
    else requesters.main.now(api);
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when the island starts
  useEffect(() => {
    const stored = readMyMunicipality();
    setHome(stored);
    let initial = parseSearchState(location.search, known);
    // A bare visit to the search page starts in the visitor's own municipality; a shared link does not.
    if (location.search === '' && stored && known.municipality?.has(stored))
      initial = withFilter(initial, 'municipality', stored);
    commit(initial, location.search === serializeSearchState(initial) ? 'none' : 'replace');
    syncLanguageLinks(location.search);
    const onPop = () => commit(parseSearchState(location.search, known), 'none');
    addEventListener('popstate', onPop);
    return () => {
      removeEventListener('popstate', onPop);
      requesters.main.cancel();
      requesters.more.cancel();
      requesters.others.cancel();
    };
  }, []);

  // After "show more", move focus to the first new result so keyboard and screen reader users continue there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new answer has rendered
  useEffect(() => {
    if (focusFrom.current === undefined) return;
    const link = listRef.current?.querySelectorAll<HTMLAnchorElement>('h3 a')[focusFrom.current];
    focusFrom.current = undefined;
    link?.focus();
  }, [answer]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    commit(stateRef.current, 'push');
  };
  const toggle = (key: FilterKey, value: string) =>
    commit(toggleFilter(stateRef.current, key, value), 'push');
  const remove = (filter: ActiveFilter) => commit(withoutFilter(stateRef.current, filter), 'push');
  const retry = () => commit(stateRef.current, 'none');
  const loadMore = () => {
    if (answer?.nextCursor)
      requesters.more.now(searchApiUrl(stateRef.current, { lang, cursor: answer.nextCursor }));
  };
  const chooseHome = (code: string | undefined) => {
    setHome(code);
    if (code) {
      saveMyMunicipality(code);
      commit(withFilter(stateRef.current, 'municipality', code), 'push');
    } else {
      forgetMyMunicipality();
    }
  };

  const active = activeFilters(state);
  // Each result carries its review state from the API; the clock is the fallback for an answer without.
  const ctx = { lang, strings, vocab, now: Date.now() };
  const facets = answer?.facets;
  const unavailable = answer
    ? Object.entries(answer.regions)
        .filter(([, region]) => region.status === 'unavailable')
        .map(([id]) => vocab.regions[id] ?? id)
    : [];

  return (
    <div className="search-app">
      <search>
        <form className="search" action="" method="get" onSubmit={onSubmit}>
          <label htmlFor="q">{strings['search.label']}</label>
          <p className="hint" id="q-hint">
            {strings['search.hint']}
          </p>
          <div className="search-row">
            <input
              id="q"
              name="q"
              type="search"
              autoComplete="off"
              aria-describedby="q-hint"
              maxLength={200}
              value={state.q}
              onChange={(event) => commit({ ...stateRef.current, q: event.target.value }, 'typing')}
            />
            <button type="submit">{strings['search.button']}</button>
          </div>
        </form>
      </search>

      <WherePanel
        lang={lang}
        strings={strings}
        vocab={vocab}
        home={home}
        state={state}
        onChoose={chooseHome}
        onShow={toggle}
      />

      {active.length > 0 ? (
        <section className="active-filters" aria-labelledby="active-filters-title">
          <h2 id="active-filters-title" className="small-heading">
            {strings['search.activeFilters']}
          </h2>
          <ul className="chips">
            {active.map((filter) => {
              const text = filterLabel(filter, vocab, strings);
              return (
                <li key={filter.key}>
                  <button
                    type="button"
                    className="chip chip-remove"
                    aria-label={interpolate(strings['search.removeFilter'], { filter: text })}
                    onClick={() => remove(filter)}
                  >
                    {text}
                    <span aria-hidden="true"> ×</span>
                  </button>
                </li>
              );
            })}
            {active.length > 1 ? (
              <li>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => commit({ ...EMPTY_SEARCH, q: state.q }, 'push')}
                >
                  {strings['search.clearAll']}
                </button>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <section className="filters" aria-labelledby="filters-title">
        <h2 id="filters-title" className="small-heading">
          {strings['search.filters']}
        </h2>
        <div className="facet-free">
          <button
            type="button"
            className="chip"
            aria-pressed={state.free}
            onClick={() => commit({ ...stateRef.current, free: !state.free }, 'push')}
          >
            {strings['search.free']}
          </button>
        </div>
        <Facet
          id="municipality"
          title={strings['search.facet.municipality']}
          options={optionsOf(facets?.municipality, vocab.municipalities, state.municipality, 'count')}
          selected={state.municipality}
          onToggle={(value) => toggle('municipality', value)}
          strings={strings}
          lang={lang}
          swedishNames
        />
        <Facet
          id="category"
          title={strings['search.facet.category']}
          options={categoryOptions(facets?.category, vocab.categories, state.category)}
          selected={state.category}
          onToggle={(value) => toggle('category', value)}
          strings={strings}
          lang={lang}
        />
        <Facet
          id="language"
          title={strings['search.facet.language']}
          options={optionsOf(facets?.language, vocab.languages, state.language, 'count')}
          selected={state.language}
          onToggle={(value) => toggle('language', value)}
          strings={strings}
          lang={lang}
        />
        <Facet
          id="audience"
          title={strings['search.facet.audience']}
          options={optionsOf(facets?.audience, vocab.audiences, state.audience, 'count')}
          selected={state.audience}
          onToggle={(value) => toggle('audience', value)}
          strings={strings}
          lang={lang}
        />
        <Facet
          id="delivery"
          title={strings['search.facet.delivery']}
          options={optionsOf(facets?.delivery, vocab.delivery, state.delivery, 'vocabulary')}
          selected={state.delivery}
          onToggle={(value) => toggle('delivery', value)}
          strings={strings}
          lang={lang}
        />
        <Facet
          id="region"
          title={strings['search.facet.region']}
          options={optionsOf(facets?.region, vocab.regions, state.region, 'count')}
          selected={state.region}
          onToggle={(value) => toggle('region', value)}
          strings={strings}
          lang={lang}
          swedishNames
        />
      </section>

      <section className="results" aria-labelledby="results-title" aria-busy={phase === 'loading'}>
        <h2 id="results-title">{strings['search.results']}</h2>
        {/* Announced by screen readers whenever a search completes. */}
        <p className="result-count" role="status">
          {phase === 'ready' && answer
            ? interpolate(strings['search.count'], { count: formatNumber(answer.total, lang) })
            : ''}
        </p>
        {phase === 'loading' && !answer ? <p className="loading">{strings['search.loading']}</p> : null}
        {phase === 'error' ? (
          <div className="error-message" role="alert">
            <p>{strings['search.error']}</p>
            <button type="button" className="secondary-button" onClick={retry}>
              {strings['search.retry']}
            </button>
          </div>
        ) : null}
        {unavailable.length > 0 && phase !== 'error' ? (
          <p className="note">
            {interpolate(strings['search.partial'], { regions: unavailable.join(', ') })}
          </p>
        ) : null}
        {answer && phase !== 'error' ? (
          answer.total === 0 ? (
            <EmptyState
              lang={lang}
              strings={strings}
              vocab={vocab}
              state={state}
              remote={remote}
              onRemove={remove}
            />
          ) : (
            <>
              <ol className="result-list" ref={listRef}>
                {answer.results.map((item) => (
                  <Result key={`${item.regionId}/${item.id}`} item={item} ctx={ctx} />
                ))}
              </ol>
              <p className="showing">
                {interpolate(strings['search.showing'], {
                  shown: formatNumber(answer.results.length, lang),
                  total: formatNumber(answer.total, lang),
                })}
              </p>
              {morePhase === 'error' ? (
                <div className="error-message" role="alert">
                  <p>{strings['search.error']}</p>
                </div>
              ) : null}
              {answer.nextCursor ? (
                <button
                  type="button"
                  className="secondary-button load-more"
                  onClick={loadMore}
                  disabled={morePhase === 'loading'}
                >
                  {morePhase === 'loading'
                    ? strings['search.loading']
                    : morePhase === 'error'
                      ? strings['search.retry']
                      : strings['search.loadMore']}
                </button>
              ) : null}
            </>
          )
        ) : null}
      </section>
    </div>
  );
}

interface Option {
  value: string;
  label: string;
  count: number;
}

function optionsOf(
  counts: Record<string, number> | undefined,
  labels: Record<string, string>,
  selected: string | undefined,
  order: 'count' | 'vocabulary',
): Option[] {
  const entries = Object.entries(counts ?? {}).filter(([, count]) => count > 0);
  if (selected && !entries.some(([value]) => value === selected)) entries.push([selected, 0]);
  const options = entries.map(([value, count]) => ({ value, label: labels[value] ?? value, count }));
  if (order === 'vocabulary') {
    const position = Object.keys(labels);
    return options.sort((a, b) => position.indexOf(a.value) - position.indexOf(b.value));
  }
  return options.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** Top-level categories; the sub-categories of the chosen one as well. */
function categoryOptions(
  counts: Record<string, number> | undefined,
  labels: Record<string, string>,
  selected: string | undefined,
): Option[] {
  const open = selected?.split('.')[0];
  return optionsOf(counts, labels, selected, 'vocabulary').filter(
    (option) => !option.value.includes('.') || option.value.startsWith(`${open}.`),
  );
}

function Facet(props: {
  id: string;
  title: string;
  options: Option[];
  selected: string | undefined;
  onToggle: (value: string) => void;
  strings: SearchStrings;
  lang: UiLanguage;
  swedishNames?: boolean;
}) {
  const { id, title, options, selected, onToggle, strings, lang } = props;
  const [all, setAll] = useState(false);
  if (options.length === 0) return null;
  // The chosen option is always visible, whatever its rank.
  const visible = all
    ? options
    : options.filter((option, i) => i < OPTIONS_SHOWN || option.value === selected);
  const nameAttrs = props.swedishNames ? swedishAttrs(lang) : {};
  return (
    <details className="facet" id={`filter-${id}`}>
      <summary>
        {title}
        {selected ? (
          <>
            {': '}
            <span {...nameAttrs}>{options.find((o) => o.value === selected)?.label ?? selected}</span>
          </>
        ) : null}
      </summary>
      <ul className="chips">
        {visible.map((option) => (
          <li key={option.value} className={option.value.includes('.') ? 'sub' : undefined}>
            <button
              type="button"
              className="chip"
              aria-pressed={option.value === selected}
              onClick={() => onToggle(option.value)}
            >
              <span {...nameAttrs}>{option.label}</span>{' '}
              <span className="count">({formatNumber(option.count, lang)})</span>
            </button>
          </li>
        ))}
      </ul>
      {options.length > OPTIONS_SHOWN ? (
        <button type="button" className="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all
            ? strings['search.showFewerOptions']
            : interpolate(strings['search.showAllOptions'], { count: formatNumber(options.length, lang) })}
        </button>
      ) : null}
    </details>
  );
}

function Result({
  item,
  ctx,
}: {
  item: RegionalItem;
  ctx: { lang: UiLanguage; strings: SearchStrings; vocab: Vocabulary; now: number };
}) {
  const { lang, strings } = ctx;
  const view = interventionView(item, ctx);
  const fallbackAttrs = (text: typeof view.title) => (text.fallback ? { lang: text.tag, dir: text.dir } : {});
  const municipalities = shortList(
    view.municipalities,
    RESULT_MUNICIPALITIES_SHOWN,
    lang,
    strings['intervention.moreMunicipalities'],
  );
  const sv = swedishAttrs(lang);
  return (
    <li className="result">
      <article aria-labelledby={`${view.anchor}-t`}>
        <h3 id={`${view.anchor}-t`}>
          <a href={view.href}>
            <span {...fallbackAttrs(view.title)}>{view.title.text}</span>
          </a>
        </h3>
        <p className="tag">{view.subcategory ? `${view.category} › ${view.subcategory}` : view.category}</p>
        {view.notConfirmedSince ? (
          <p className="not-confirmed">
            {interpolate(strings['intervention.notConfirmedSince'], { date: view.notConfirmedSince })}
          </p>
        ) : null}
        {view.onlySwedish ? <p className="only-swedish">{strings['intervention.onlySwedish']}</p> : null}
        {view.summary ? (
          <p className="summary" {...fallbackAttrs(view.summary)}>
            {view.summary.text}
          </p>
        ) : null}
        <dl className="facts">
          <div className="fact">
            <dt>{strings['intervention.municipalities']}</dt>
            <dd>
              <ul className="inline-list">
                {municipalities.shown.map((name) => (
                  <li key={name}>
                    <span {...sv}>{name}</span>
                  </li>
                ))}
                {municipalities.more ? <li>{municipalities.more}</li> : null}
              </ul>
            </dd>
          </div>
          {view.languages.length > 0 ? (
            <div className="fact">
              <dt>{strings['intervention.languages']}</dt>
              <dd>
                <ul className="inline-list">
                  {view.languages.map((name) => (
                    <li key={name}>{name}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          <div className="fact">
            <dt>{strings['intervention.provider']}</dt>
            <dd>
              <span {...sv}>{view.provider}</span>
            </dd>
          </div>
          <div className="fact">
            <dt>{strings['intervention.when']}</dt>
            <dd>{view.when}</dd>
          </div>
          <div className="fact">
            <dt>{strings['intervention.lastReviewed']}</dt>
            <dd>{view.lastReviewed ?? strings['intervention.notReviewed']}</dd>
          </div>
        </dl>
      </article>
    </li>
  );
}

function EmptyState(props: {
  lang: UiLanguage;
  strings: SearchStrings;
  vocab: Vocabulary;
  state: SearchState;
  remote: RegionalItem[] | undefined;
  onRemove: (filter: ActiveFilter) => void;
}) {
  const { lang, strings, vocab, state, remote, onRemove } = props;
  const active = activeFilters(state);
  return (
    <div className="empty-state">
      <h3>{strings['search.empty.title']}</h3>
      {active.length > 0 ? (
        <>
          <p>{strings['search.empty.removeFilter']}</p>
          <ul className="chips">
            {active.map((filter) => {
              const text = filterLabel(filter, vocab, strings);
              return (
                <li key={filter.key}>
                  <button type="button" className="chip chip-remove" onClick={() => onRemove(filter)}>
                    {interpolate(strings['search.removeFilter'], { filter: text })}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {state.q ? <p>{strings['search.empty.otherWords']}</p> : null}
      {remote && remote.length > 0 ? (
        <>
          <p>{strings['search.empty.remote']}</p>
          <ol className="result-list">
            {remote.map((item) => (
              <Result
                key={`${item.regionId}/${item.id}`}
                item={item}
                ctx={{ lang, strings, vocab, now: Date.now() }}
              />
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}

function WherePanel(props: {
  lang: UiLanguage;
  strings: SearchStrings;
  vocab: Vocabulary;
  home: string | undefined;
  state: SearchState;
  onChoose: (code: string | undefined) => void;
  onShow: (key: FilterKey, value: string) => void;
}) {
  const { lang, strings, vocab, home, state, onChoose, onShow } = props;
  const [editing, setEditing] = useState(false);
  // Closed by default, so results come first on a phone; a link to #var-bor-du opens it.
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState('');
  const [postal, setPostal] = useState('');
  const [message, setMessage] = useState('');
  const sv = swedishAttrs(lang);
  const municipalities = useMemo(
    () => Object.entries(vocab.municipalities).sort(([, a], [, b]) => a.localeCompare(b, 'sv')),
    [vocab],
  );
  const name = (code: string) => vocab.municipalities[code] ?? code;

  useEffect(() => {
    if (location.hash === '#var-bor-du') setOpen(true);
  }, []);

  const choose = (code: string) => {
    setEditing(false);
    setMessage('');
    onChoose(code);
  };

  const onPostal = async (event: FormEvent) => {
    event.preventDefault();
    const code = normalizePostalCode(postal);
    if (!code) {
      setMessage(strings['where.postalInvalid']);
      return;
    }
    // "141 46" keeps its order in a right-to-left sentence (a left-to-right isolate).
    const shown =
      textDirection(lang) === 'rtl' ? `\u2066${formatPostalCode(code)}\u2069` : formatPostalCode(code);
    try {
      const municipality = lookupPostalCode(await loadPostalTable(), code);
      if (!municipality || !vocab.municipalities[municipality]) {
        setMessage(interpolate(strings['where.postalNotFound'], { code: shown }));
        return;
      }
      setSelected(municipality);
      choose(municipality);
      setMessage(
        interpolate(strings['where.postalFound'], {
          code: shown,
          municipality: name(municipality),
        }),
      );
    } catch {
      setMessage(strings['where.postalError']);
    }
  };

  return (
    <details
      className="where"
      id="var-bor-du"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        {home
          ? fill(strings['where.current'], 'municipality', <span {...sv}>{name(home)}</span>)
          : strings['where.title']}
      </summary>
      {home && !editing ? (
        <div className="button-row where-current">
          {state.municipality !== home ? (
            <button type="button" className="secondary-button" onClick={() => onShow('municipality', home)}>
              {interpolate(strings['where.show'], { municipality: name(home) })}
            </button>
          ) : null}
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {strings['where.change']}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setMessage('');
              onChoose(undefined);
            }}
          >
            {strings['where.forget']}
          </button>
        </div>
      ) : (
        <div className="where-pick">
          <p className="hint">{strings['where.intro']}</p>
          <form
            className="where-row"
            onSubmit={(event) => {
              event.preventDefault();
              if (selected) choose(selected);
            }}
          >
            <label htmlFor="where-select">{strings['where.select']}</label>
            <div className="search-row">
              <select
                id="where-select"
                value={selected}
                onChange={(event) => setSelected(event.target.value)}
              >
                <option value="">{strings['where.choose']}</option>
                {municipalities.map(([code, municipality]) => (
                  <option key={code} value={code}>
                    {municipality}
                  </option>
                ))}
              </select>
              <button type="submit" className="secondary-button">
                {strings['where.use']}
              </button>
            </div>
          </form>
          <form className="where-row" onSubmit={onPostal}>
            <label htmlFor="where-postal">{strings['where.postal']}</label>
            <p className="hint" id="where-postal-hint">
              {strings['where.postalHint']}
            </p>
            <div className="search-row">
              <input
                id="where-postal"
                inputMode="numeric"
                autoComplete="postal-code"
                maxLength={12}
                aria-describedby="where-postal-hint"
                value={postal}
                onChange={(event) => setPostal(event.target.value)}
              />
              <button type="submit" className="secondary-button">
                {strings['where.postalButton']}
              </button>
            </div>
          </form>
        </div>
      )}
      <p className="where-message" role="status">
        {message}
      </p>
    </details>
  );
}
