/**
 * "Nothing changed this quarter": confirm every item of the region reviewed in one action
 * (POST …/catalogue/review `{}`), or one municipality's items (`{ "municipality": "0126" }`).
 */
import { useState } from 'react';
import { formatCount } from '../../lib/admin/format.ts';
import type { PanelContext } from './context.ts';
import { Feedback } from './Feedback.tsx';

export function ReviewPanel({ ctx }: { ctx: PanelContext }) {
  const { tr, lang, api, region, data, explain } = ctx;
  const [municipality, setMunicipality] = useState(region.municipalities[0] ?? '');
  const [working, setWorking] = useState(false);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  async function confirm(selection: { municipality?: string }) {
    if (working) return;
    setWorking(true);
    setError(undefined);
    setStatus(tr('review.working'));
    try {
      const result = await api.review(region.id, selection);
      setStatus(tr('review.done', { count: formatCount(result.confirmed, lang), version: result.version }));
      ctx.published();
    } catch (failure) {
      setStatus(undefined);
      setError(explain(failure));
    } finally {
      setWorking(false);
      ctx.focus('admin-review-feedback');
    }
  }

  return (
    <section className="admin-panel" aria-labelledby="admin-review-title">
      <h2 id="admin-review-title" tabIndex={-1}>
        {tr('review.title')}
      </h2>
      <p>{tr('review.intro')}</p>
      <button
        type="button"
        className="admin-button admin-button-primary"
        aria-disabled={working || undefined}
        onClick={() => void confirm({})}
      >
        {tr('review.all')}
      </button>
      {region.municipalities.length > 0 ? (
        <div className="admin-inline-form">
          <div className="admin-field">
            <label htmlFor="admin-review-municipality">{tr('review.municipality')}</label>
            <select
              id="admin-review-municipality"
              value={municipality}
              onChange={(e) => setMunicipality(e.target.value)}
            >
              {region.municipalities.map((code) => (
                <option key={code} value={code}>
                  {data.municipalityNames[code] ?? code}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="admin-button"
            aria-disabled={working || undefined}
            onClick={() => void confirm({ municipality })}
          >
            {tr('review.byMunicipality')}
          </button>
        </div>
      ) : null}
      <div id="admin-review-feedback" tabIndex={-1}>
        <Feedback id="admin-review" status={status} error={error} />
      </div>
    </section>
  );
}
