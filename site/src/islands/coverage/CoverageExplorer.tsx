/**
 * The coverage page's island. Server-rendered at build time with the build's figures for one county
 * (what a visitor without JavaScript sees, with a note saying so and CSV links that are always current);
 * once hydrated it shows the county, category and language choices and fetches `/api/coverage`,
 * `/api/coverage/demand`, `/api/exchange/stats` and the county's map from the same origin, so the page
 * is always current.
 * Types only from the shared modules: no zod, no Intl in the browser bundle.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CoverageResponse, DemandResponse } from '../../../../shared/coverage.ts';
import type { ExchangeStatsResponse } from '../../../../shared/exchange.ts';
import type { UiLanguage } from '../../../../shared/languages.ts';
import type { CountyMap } from '../../lib/coverage/map.ts';
import {
  type CoverageStrings,
  csvHref,
  ct,
  describeFilters,
  exchangeCell,
  exchangeRows,
  type Labels,
  mapSteps,
  mapValue,
  num,
  percent,
  staleCell,
} from '../../lib/coverage/view.ts';
import CoverageMap from './CoverageMap.tsx';
import FreshnessChart from './FreshnessChart.tsx';

export interface CoverageExplorerProps {
  lang: UiLanguage;
  strings: CoverageStrings;
  labels: Labels;
  initial: {
    county: string;
    coverage: CoverageResponse;
    demand: DemandResponse | null;
    exchange: ExchangeStatsResponse | null;
    map: CountyMap;
  };
}

type Status = 'idle' | 'loading' | 'updated' | 'error';

const LONG_QUERY = '*';

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

export default function CoverageExplorer({ lang, strings, labels, initial }: CoverageExplorerProps) {
  const t = (key: Parameters<typeof ct>[1], vars?: Parameters<typeof ct>[2]) => ct(strings, key, vars);
  const ids = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const [hydrated, setHydrated] = useState(false);
  const [county, setCounty] = useState(initial.county);
  const [category, setCategory] = useState('sfi');
  const [language, setLanguage] = useState('');
  const [coverage, setCoverage] = useState(initial.coverage);
  const [demand, setDemand] = useState(initial.demand);
  const [exchange, setExchange] = useState(initial.exchange);
  const [map, setMap] = useState<CountyMap | null>(initial.map);
  const [status, setStatus] = useState<Status>('idle');
  const mapRef = useRef(map);
  mapRef.current = map;

  useEffect(() => setHydrated(true), []);

  // Coverage for the county and language; the map and the demand list change with the county only.
  useEffect(() => {
    if (!hydrated) return;
    const controller = new AbortController();
    const params = new URLSearchParams({ county });
    if (language) params.set('language', language);
    setStatus('loading');
    getJson<CoverageResponse>(`/api/coverage?${params}`, controller.signal)
      .then((answer) => {
        setCoverage(answer);
        setStatus('updated');
      })
      .catch(() => {
        if (!controller.signal.aborted) setStatus('error');
      });
    return () => controller.abort();
  }, [hydrated, county, language]);

  useEffect(() => {
    if (!hydrated) return;
    const controller = new AbortController();
    getJson<DemandResponse>(`/api/coverage/demand?county=${county}`, controller.signal)
      .then(setDemand)
      .catch(() => {
        if (!controller.signal.aborted) setDemand(null);
      });
    getJson<ExchangeStatsResponse>(`/api/exchange/stats?county=${county}`, controller.signal)
      .then(setExchange)
      .catch(() => {
        if (!controller.signal.aborted) setExchange(null);
      });
    if (mapRef.current?.county !== county) {
      getJson<CountyMap>(`/tackning/karta/${county}.json`, controller.signal)
        .then(setMap)
        .catch(() => {
          if (!controller.signal.aborted) setMap(null);
        });
    }
    return () => controller.abort();
  }, [hydrated, county]);

  const countyName =
    labels.counties.find((c) => c.code === (coverage.scope.county ?? county))?.name ?? county;
  const categoryName = category ? (labels.categories[category] ?? category) : t('controls.categoryAll');
  const languageName = language ? (labels.languages[language] ?? language) : t('controls.languageAll');
  const readOn = coverage.generatedAt.slice(0, 10);
  const rows = coverage.municipalities;
  const steps = useMemo(
    () => mapSteps(Math.max(0, ...rows.map((r) => mapValue(r, category)))),
    [rows, category],
  );
  const svAttrs = lang === 'sv' ? {} : { lang: 'sv' };
  const currentMap = map && map.county === (coverage.scope.county ?? county) ? map : null;

  const statusText =
    status === 'loading'
      ? t('status.loading')
      : status === 'updated'
        ? t('status.updated', { county: countyName })
        : status === 'error'
          ? t('status.error', { date: readOn })
          : '';

  const requiredGaps = coverage.gaps.requiredCategories.map((code) => ({
    code,
    municipalities: coverage.gaps.municipalities.filter((g) => g.category === code),
  }));
  const exchangeCounty = coverage.scope.county ?? county;
  const exchangeTable = exchange ? exchangeRows(exchange, exchangeCounty, labels.topCategories) : null;
  const k = exchange?.minimumReportableCount ?? 5;
  const missingByCategory = new Map<string, string[]>();
  for (const gap of coverage.gaps.categoryLanguages) {
    const list = missingByCategory.get(gap.category) ?? [];
    list.push(labels.languages[gap.language] ?? gap.language);
    missingByCategory.set(gap.category, list);
  }

  return (
    <div
      className="cov"
      data-county={coverage.scope.county ?? ''}
      data-language={coverage.scope.language ?? ''}
      data-state={status}
    >
      <p className="cov-status" role="status">
        {statusText}
      </p>
      {hydrated ? (
        <fieldset className="cov-controls">
          <legend>{t('controls.legend')}</legend>
          <div className="cov-control">
            <label htmlFor={`county-${ids}`}>{t('controls.county')}</label>
            <select id={`county-${ids}`} value={county} onChange={(e) => setCounty(e.target.value)}>
              {labels.counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="cov-control">
            <label htmlFor={`category-${ids}`}>{t('controls.category')}</label>
            <select id={`category-${ids}`} value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">{t('controls.categoryAll')}</option>
              {labels.topCategories.map((code) => (
                <option key={code} value={code}>
                  {labels.categories[code] ?? code}
                </option>
              ))}
            </select>
          </div>
          <div className="cov-control">
            <label htmlFor={`language-${ids}`}>{t('controls.language')}</label>
            <select id={`language-${ids}`} value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">{t('controls.languageAll')}</option>
              {labels.languageOptions.map((code) => (
                <option key={code} value={code}>
                  {labels.languages[code] ?? code}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      ) : (
        <p className="cov-note">{t('page.staticNote', { county: countyName, date: readOn })}</p>
      )}

      <p className="cov-summary">
        {t('summary.text', {
          county: countyName,
          onSite: coverage.totals.onSite,
          remote: coverage.totals.remote,
          municipalities: rows.length,
        })}
      </p>

      <section aria-labelledby={`map-${ids}`}>
        <h2 id={`map-${ids}`}>{t('map.heading')}</h2>
        <div className="cov-grid">
          {currentMap ? (
            <CoverageMap
              map={currentMap}
              rows={rows}
              category={category}
              steps={steps}
              strings={strings}
              title={t('map.title', { county: countyName, category: categoryName, language: languageName })}
            />
          ) : (
            <p className="cov-map-missing">{t('value.none')}</p>
          )}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable with the keyboard (WCAG 2.1.1) */}
          <section className="cov-scroll" aria-labelledby={`table-${ids}`} tabIndex={0}>
            <table className="cov-table">
              <caption id={`table-${ids}`}>
                {t('table.caption', { category: categoryName, language: languageName })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('table.municipality')}</th>
                  <th scope="col">{t('table.selected', { category: categoryName })}</th>
                  {category ? <th scope="col">{t('table.total')}</th> : null}
                  <th scope="col">{t('table.remote')}</th>
                  <th scope="col">{t('table.newcomers')}</th>
                  <th scope="col">{t('table.perHundred')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.code} data-code={row.code}>
                    <th scope="row">
                      <span {...svAttrs}>{row.name}</span>
                    </th>
                    <td>{mapValue(row, category)}</td>
                    {category ? <td>{row.total}</td> : null}
                    <td>{row.remote}</td>
                    <td>
                      {row.newcomers ? `${row.newcomers.count} (${row.newcomers.year})` : t('value.none')}
                    </td>
                    <td>{num(row.perHundredNewcomers, strings)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      </section>

      <section aria-labelledby={`regions-${ids}`}>
        <h2 id={`regions-${ids}`}>{t('regions.heading')}</h2>
        {coverage.regions.length === 0 ? (
          <p>{t('regions.none')}</p>
        ) : (
          <>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable with the keyboard (WCAG 2.1.1) */}
            <section className="cov-scroll" aria-labelledby={`regions-caption-${ids}`} tabIndex={0}>
              <table className="cov-table">
                <caption id={`regions-caption-${ids}`}>{t('regions.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('regions.region')}</th>
                    <th scope="col">{t('regions.status')}</th>
                    <th scope="col">{t('regions.items')}</th>
                    <th scope="col">{t('regions.reviewed', { days: coverage.reviewIntervalDays })}</th>
                    <th scope="col">{t('regions.summary')}</th>
                    <th scope="col">{t('regions.contact')}</th>
                    <th scope="col">{t('regions.dates')}</th>
                    <th scope="col">{t('regions.translations')}</th>
                    <th scope="col">{t('regions.stale')}</th>
                    <th scope="col">{t('regions.published')}</th>
                  </tr>
                </thead>
                <tbody>
                  {coverage.regions.map((region) => (
                    <tr key={region.id} data-region={region.id}>
                      <th scope="row">
                        <span {...svAttrs}>{region.name}</span>
                      </th>
                      <td>{t(`store.${region.status}`)}</td>
                      <td>{region.itemCount}</td>
                      <td>{percent(strings, region.reviewed.share)}</td>
                      <td>{percent(strings, region.fields.summary)}</td>
                      <td>{percent(strings, region.fields.contact)}</td>
                      <td>{percent(strings, region.fields.dates)}</td>
                      <td>{percent(strings, region.fields.translations)}</td>
                      <td>{staleCell(region, strings)}</td>
                      <td>{num(region.daysSinceLastPublish, strings)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <h3>{t('freshness.heading')}</h3>
            <FreshnessChart
              regions={coverage.regions}
              days={coverage.reviewIntervalDays}
              strings={strings}
              svAttrs={svAttrs}
            />
          </>
        )}
      </section>

      <section aria-labelledby={`gaps-${ids}`}>
        <h2 id={`gaps-${ids}`}>{t('gaps.heading')}</h2>
        {requiredGaps.map(({ code, municipalities }) => {
          const name = labels.categories[code] ?? code;
          return (
            <div key={code} className="cov-gap" data-category={code}>
              <h3>{t('gaps.required', { category: name })}</h3>
              {municipalities.length === 0 ? (
                <p>{t('gaps.requiredNone', { category: name })}</p>
              ) : (
                <ul className="cov-list">
                  {municipalities.map((gap) => (
                    <li key={gap.code}>
                      <span {...svAttrs}>{gap.name}</span>
                      {gap.remoteOffers > 0 ? ` (${t('gaps.remote', { count: gap.remoteOffers })})` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
        <h3>{t('gaps.combinations')}</h3>
        {missingByCategory.size === 0 ? (
          <p>{t('gaps.combinationsNone')}</p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable with the keyboard (WCAG 2.1.1)
          <section className="cov-scroll" aria-labelledby={`combos-${ids}`} tabIndex={0}>
            <table className="cov-table">
              <caption id={`combos-${ids}`}>{t('gaps.combinations')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('gaps.category')}</th>
                  <th scope="col">{t('gaps.languages')}</th>
                </tr>
              </thead>
              <tbody>
                {[...missingByCategory].map(([code, languages]) => (
                  <tr key={code}>
                    <th scope="row">{labels.categories[code] ?? code}</th>
                    <td>{languages.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>

      <section aria-labelledby={`demand-${ids}`}>
        <h2 id={`demand-${ids}`}>{t('demand.heading')}</h2>
        {demand ? (
          <>
            <p>{t('demand.intro', { k: demand.minimumReportableCount, days: demand.days })}</p>
            {demand.unmet.length === 0 ? (
              <p className="cov-demand-none">{t('demand.none', { k: demand.minimumReportableCount })}</p>
            ) : (
              <table className="cov-table cov-demand">
                <caption>{t('demand.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('demand.terms')}</th>
                    <th scope="col">{t('demand.filters')}</th>
                    <th scope="col">{t('demand.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {demand.unmet.map((row) => (
                    <tr key={`${row.terms.join(' ')}|${JSON.stringify(row.filters)}`}>
                      <td>
                        {row.terms.length === 0 ? (
                          t('demand.filtersOnly')
                        ) : row.terms[0] === LONG_QUERY ? (
                          t('demand.longText')
                        ) : (
                          <bdi>{row.terms.join(' ')}</bdi>
                        )}
                      </td>
                      <td>{describeFilters(row.filters, strings, labels) || t('value.none')}</td>
                      <td>{row.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h3>{t('demand.languages')}</h3>
            {demand.languages.length === 0 ? (
              <p>{t('demand.languagesNone', { k: demand.minimumReportableCount })}</p>
            ) : (
              <ul className="cov-list">
                {demand.languages.map((row) => (
                  <li key={row.language}>
                    {labels.languages[row.language] ?? row.language}: {row.count}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p>{t('demand.unavailable')}</p>
        )}
      </section>

      <section aria-labelledby={`exchange-${ids}`} className="cov-exchange" data-county={exchangeCounty}>
        <h2 id={`exchange-${ids}`}>{t('exchange.heading')}</h2>
        {exchange === null ? (
          <p>{t('exchange.unavailable')}</p>
        ) : exchangeTable === null ? (
          <p>{t('status.loading')}</p>
        ) : (
          <>
            <p>{t('exchange.intro', { county: countyName, k })}</p>
            {exchangeTable.length === 0 ? (
              <p className="cov-exchange-none">{t('exchange.none', { county: countyName })}</p>
            ) : (
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable with the keyboard (WCAG 2.1.1)
              <section className="cov-scroll" aria-labelledby={`exchange-caption-${ids}`} tabIndex={0}>
                <table className="cov-table">
                  <caption id={`exchange-caption-${ids}`}>
                    {t('exchange.caption', { county: countyName })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('exchange.category')}</th>
                      <th scope="col">{t('exchange.boughtRequested')}</th>
                      <th scope="col">{t('exchange.boughtAccepted')}</th>
                      <th scope="col">{t('exchange.soldRequested')}</th>
                      <th scope="col">{t('exchange.soldAccepted')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {exchangeTable.map((row) => (
                      <tr key={row.category} data-category={row.category}>
                        <th scope="row">{labels.categories[row.category] ?? row.category}</th>
                        <td>{exchangeCell(row.bought?.requestedPlaces, k, strings)}</td>
                        <td>{exchangeCell(row.bought?.acceptedPlaces, k, strings)}</td>
                        <td>{exchangeCell(row.sold?.requestedPlaces, k, strings)}</td>
                        <td>{exchangeCell(row.sold?.acceptedPlaces, k, strings)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
          </>
        )}
      </section>

      <section aria-labelledby={`download-${ids}`}>
        <h2 id={`download-${ids}`}>{t('download.heading')}</h2>
        <ul className="cov-downloads">
          <li>
            <a href={csvHref(county, 'municipalities', lang)} download>
              {t('download.municipalities', { county: countyName })}
            </a>
          </li>
          <li>
            <a href={csvHref(county, 'regions', lang)} download>
              {t('download.regions', { county: countyName })}
            </a>
          </li>
          <li>
            <a href={csvHref(county, 'gaps', lang)} download>
              {t('download.gaps', { county: countyName })}
            </a>
          </li>
        </ul>
        <details className="cov-all-counties">
          <summary>{t('download.allCounties')}</summary>
          <ul className="cov-list">
            {labels.counties.map((c) => (
              <li key={c.code}>
                <a href={csvHref(c.code, 'municipalities', lang)} download>
                  {c.name}
                </a>
              </li>
            ))}
          </ul>
        </details>
      </section>

      <section aria-labelledby={`rules-${ids}`}>
        <h2 id={`rules-${ids}`}>{t('rules.heading')}</h2>
        <ul className="cov-list">
          <li>{t('rules.onSite')}</li>
          <li>{t('rules.remote')}</li>
          <li>{t('rules.gaps')}</li>
          <li>{t('rules.reviewed', { days: coverage.reviewIntervalDays })}</li>
          <li>{t('rules.stale')}</li>
        </ul>
      </section>
    </div>
  );
}
