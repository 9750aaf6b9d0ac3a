/**
 * The blank template (public, a plain link) and the live catalogue as CSV, JSON or HSDS (needs the
 * token, so it is fetched and saved through a Blob URL).
 */
import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../lib/admin/client.ts';
import type { PanelContext } from './context.ts';
import { Feedback } from './Feedback.tsx';
import type { AdminKey } from './i18n.ts';
import { saveBlob } from './upload.ts';

const FORMAT_KEYS: Record<ExportFormat, AdminKey> = {
  csv: 'downloads.format.csv',
  json: 'downloads.format.json',
  hsds: 'downloads.format.hsds',
};

export function DownloadsPanel({ ctx }: { ctx: PanelContext }) {
  const { tr, api, region, explain } = ctx;
  const [working, setWorking] = useState<ExportFormat>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  async function download(format: ExportFormat) {
    if (working) return;
    setWorking(format);
    setError(undefined);
    setStatus(tr('downloads.preparing', { format: tr(FORMAT_KEYS[format]) }));
    try {
      const { blob, fileName } = await api.exportFile(region.id, format);
      saveBlob(blob, fileName);
      setStatus(tr('downloads.ready', { file: fileName }));
    } catch (failure) {
      setStatus(undefined);
      setError(explain(failure));
    } finally {
      setWorking(undefined);
    }
  }

  return (
    <section className="admin-panel" aria-labelledby="admin-downloads-title">
      <h2 id="admin-downloads-title" tabIndex={-1}>
        {tr('downloads.title')}
      </h2>
      <p>
        <a
          className="admin-button admin-link-button"
          href="/api/catalogue/template.csv"
          download="insatser-mall.csv"
        >
          {tr('downloads.template')}
        </a>
      </p>
      <p className="admin-hint">{tr('downloads.templateHint')}</p>
      <h3 id="admin-export-title">{tr('downloads.export')}</h3>
      <p className="admin-hint">{tr('downloads.exportHint')}</p>
      <ul className="admin-actions admin-export" aria-labelledby="admin-export-title">
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <button
              type="button"
              className="admin-button"
              aria-disabled={working ? true : undefined}
              onClick={() => void download(format)}
            >
              {tr(FORMAT_KEYS[format])}
            </button>
          </li>
        ))}
      </ul>
      <Feedback id="admin-downloads" status={status} error={error} />
    </section>
  );
}
