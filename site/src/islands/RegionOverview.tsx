/**
 * The summary of a region's page: how many interventions it has, per municipality and per category,
 * each a link (to the municipality's page; to the category in the list below, or in the search when the
 * region is too large to list on one page). When JavaScript runs and the region has published since the
 * build, the counts are recounted from the new catalogue (one small request when nothing changed; the
 * download is shared with the page's list). Items hidden by the review routine are not counted; when the
 * page is opened after one of its items became hidden (`reviewChangeAt`), the counts are recounted too.
 */
import { useEffect, useState } from 'react';
import type { UiLanguage } from '../../../shared/languages.ts';
import { countItems, type RegionCounts, reviewChangePassed, visibleItems } from '../lib/catalogue-view.ts';
import { formatNumber, interpolate } from '../lib/format.ts';
import { fetchNewerCatalogue } from '../lib/live.ts';

export interface RegionOverviewProps {
  regionId: string;
  version: number;
  lang: UiLanguage;
  strings: {
    itemCount: string;
    byMunicipality: string;
    byCategory: string;
    countsUpdated: string;
  };
  counts: RegionCounts;
  /** The region's review interval (days), for what is hidden from newcomers. */
  reviewIntervalDays: number;
  /** When one of the counted items next changes review state (epoch ms; none: never). */
  reviewChangeAt?: number;
  municipalities: { code: string; name: string; href?: string }[];
  /** Top-level categories in taxonomy order; `href` when there is somewhere to go. */
  categories: { code: string; label: string; href: string }[];
}

export default function RegionOverview(props: RegionOverviewProps) {
  const { regionId, version, lang, strings, municipalities, categories, reviewIntervalDays, reviewChangeAt } =
    props;
  const [fresh, setFresh] = useState<RegionCounts | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    // As the list beside it (LiveListing): known version 0 reads the catalogue whatever its version.
    const known = reviewChangePassed(reviewChangeAt, Date.now()) ? 0 : version;
    fetchNewerCatalogue(regionId, known, { signal: controller.signal })
      .then((catalogue) => {
        if (!catalogue) return;
        const items = catalogue.items.map((item) => ({ ...item, regionId }));
        setFresh(countItems(visibleItems(items, Date.now(), { [regionId]: reviewIntervalDays })));
      })
      .catch(() => {
        // Offline or an unexpected answer: the build-time counts stay.
      });
    return () => controller.abort();
  }, [regionId, version, reviewIntervalDays, reviewChangeAt]);

  const counts = fresh ?? props.counts;
  const number = (value: number | undefined) => formatNumber(value ?? 0, lang);
  const swedish = lang === 'sv' ? {} : { lang: 'sv', dir: 'ltr' as const };
  const shownCategories = categories.filter((category) => (counts.category[category.code] ?? 0) > 0);

  return (
    <div className="region-overview">
      <p className="live-status" role="status">
        {fresh ? strings.countsUpdated : ''}
      </p>
      <p className="region-count">{interpolate(strings.itemCount, { count: number(counts.total) })}</p>
      <section aria-labelledby="per-kommun">
        <h2 id="per-kommun">{strings.byMunicipality}</h2>
        <ul className="count-list">
          {municipalities.map((m) => {
            const count = counts.municipality[m.code] ?? 0;
            const name = <span {...swedish}>{m.name}</span>;
            return (
              <li key={m.code}>
                {m.href && count > 0 ? <a href={m.href}>{name}</a> : name}{' '}
                <span className="count">({number(count)})</span>
              </li>
            );
          })}
        </ul>
      </section>
      {shownCategories.length > 0 ? (
        <section aria-labelledby="per-kategori">
          <h2 id="per-kategori">{strings.byCategory}</h2>
          <ul className="count-list">
            {shownCategories.map((category) => (
              <li key={category.code}>
                <a href={category.href}>{category.label}</a>{' '}
                <span className="count">({number(counts.category[category.code])})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
