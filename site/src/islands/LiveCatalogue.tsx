/**
 * Island on the region page: when JavaScript runs, asks the API whether a newer catalogue version
 * than the one the page was built with has been published, and if so shows it instead of the
 * build-time list (its children). Without JavaScript, or when anything fails, the build-time list stays.
 */
import { type ReactNode, useEffect, useState } from 'react';
import type { UiLanguage } from '../../../shared/languages.ts';
import CatalogueList from '../components/CatalogueList.tsx';
import type { ListStrings } from '../lib/catalogue-view.ts';
import { type LiveCatalogue as Fresh, fetchNewerCatalogue } from '../lib/live.ts';

export interface LiveCatalogueProps {
  regionId: string;
  /** The catalogue version the page was built with (0: none published then). */
  version: number;
  lang: UiLanguage;
  strings: ListStrings & { updated: string };
  children?: ReactNode;
}

export default function LiveCatalogue({ regionId, version, lang, strings, children }: LiveCatalogueProps) {
  const [fresh, setFresh] = useState<Fresh | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    fetchNewerCatalogue(regionId, version, { signal: controller.signal })
      .then((catalogue) => {
        if (catalogue) setFresh(catalogue);
      })
      .catch(() => {
        // Offline, aborted or an unexpected answer: the build-time list is complete and stays.
      });
    return () => controller.abort();
  }, [regionId, version]);

  return (
    <div className="live-catalogue" data-version={fresh?.version ?? version}>
      <p className="live-status" role="status">
        {fresh ? strings.updated : ''}
      </p>
      {fresh ? <CatalogueList items={fresh.items} lang={lang} strings={strings} /> : children}
    </div>
  );
}
