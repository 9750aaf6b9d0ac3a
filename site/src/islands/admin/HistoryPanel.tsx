/**
 * The publish history (who, when, which file, counts) and rollback with a confirm step: choosing
 * "Restore version N" opens a confirmation; yes publishes N again as a new version.
 */
import { useEffect, useState } from 'react';
import { formatCount, formatWhen } from '../../lib/admin/format.ts';
import type { PublishSource, VersionHistory, VersionRecord } from '../../lib/admin/types.ts';
import type { PanelContext } from './context.ts';
import { Feedback } from './Feedback.tsx';
import type { AdminKey } from './i18n.ts';

const SOURCE_KEYS: Record<PublishSource, AdminKey> = {
  upload: 'history.source.upload',
  edit: 'history.source.edit',
  review: 'history.source.review',
  rollback: 'history.source.rollback',
  seed: 'history.source.seed',
  places: 'history.source.places',
};

export function HistoryPanel({ ctx }: { ctx: PanelContext }) {
  const { tr, lang, api, region, revision, explain } = ctx;
  const [history, setHistory] = useState<VersionHistory>();
  const [loading, setLoading] = useState(true);
  const [confirming, setConfirming] = useState<number>();
  const [working, setWorking] = useState(false);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` is the trigger: every publish reloads
  useEffect(() => {
    let current = true;
    setLoading(true);
    api.versions(region.id).then(
      (loaded) => {
        if (!current) return;
        setHistory(loaded);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setLoading(false);
        setError(explain(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [api, region.id, revision, explain]);

  function ask(version: number) {
    setConfirming(version);
    setError(undefined);
    setStatus(undefined);
    ctx.focus('admin-rollback-title');
  }

  function cancel() {
    const version = confirming;
    setConfirming(undefined);
    if (version !== undefined) ctx.focus(`admin-rollback-${version}`);
  }

  async function rollback(version: number) {
    if (working) return;
    setWorking(true);
    try {
      const result = await api.rollback(region.id, version);
      setConfirming(undefined);
      setStatus(tr('history.rolledBack', { from: result.restoredFrom, version: result.version }));
      ctx.published();
      ctx.focus('admin-history-status');
    } catch (failure) {
      setError(explain(failure));
      ctx.focus('admin-history-error');
    } finally {
      setWorking(false);
    }
  }

  const versions = history?.versions ?? [];
  const live = history?.liveVersion ?? null;
  const confirmRecord = versions.find((v) => v.version === confirming);
  return (
    <section className="admin-panel" aria-labelledby="admin-history-title">
      <h2 id="admin-history-title" tabIndex={-1}>
        {tr('history.title')}
      </h2>
      <p>{tr('history.intro')}</p>
      <Feedback
        id="admin-history"
        status={status ?? (loading && !history ? tr('history.loading') : undefined)}
        error={error}
      />
      {history && versions.length === 0 ? <p>{tr('history.empty')}</p> : null}
      {versions.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls here; the keyboard must reach it
        <section className="admin-table-scroll" aria-labelledby="admin-history-caption" tabIndex={0}>
          <table id="admin-history-table">
            <caption id="admin-history-caption">{tr('history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('history.col.version')}</th>
                <th scope="col">{tr('history.col.when')}</th>
                <th scope="col">{tr('history.col.by')}</th>
                <th scope="col">{tr('history.col.source')}</th>
                <th scope="col">{tr('history.col.file')}</th>
                <th scope="col">{tr('history.col.items')}</th>
                <th scope="col">{tr('history.col.changes')}</th>
                <th scope="col">{tr('history.col.action')}</th>
              </tr>
            </thead>
            <tbody>{versions.map((record) => versionRow(record, record.version === live))}</tbody>
          </table>
        </section>
      ) : null}
      {confirmRecord ? (
        <div id="admin-rollback-confirm" className="admin-confirm">
          <h3 id="admin-rollback-title" tabIndex={-1}>
            {tr('history.confirm.title', { version: confirmRecord.version })}
          </h3>
          <p>
            {tr('history.confirm.text', {
              version: confirmRecord.version,
              live: live ?? '–',
            })}
          </p>
          <div className="admin-actions">
            <button
              type="button"
              className="admin-button admin-button-primary"
              aria-disabled={working || undefined}
              onClick={() => void rollback(confirmRecord.version)}
            >
              {tr('history.confirm.yes', { version: confirmRecord.version })}
            </button>
            <button type="button" className="admin-button" onClick={cancel}>
              {tr('history.confirm.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );

  function versionRow(record: VersionRecord, isLive: boolean) {
    const counts = record.counts;
    return (
      <tr key={record.version} className={isLive ? 'admin-live-row' : undefined}>
        <th scope="row">{record.version}</th>
        <td>{formatWhen(record.publishedAt ?? record.startedAt, lang)}</td>
        <td>{record.publishedBy}</td>
        <td>{SOURCE_KEYS[record.source] ? tr(SOURCE_KEYS[record.source]) : record.source}</td>
        <td className="admin-file-cell">{record.fileName ?? record.note ?? ''}</td>
        <td>{formatCount(record.itemCount, lang)}</td>
        <td>
          {counts
            ? `${formatCount(counts.added, lang)} / ${formatCount(counts.changed, lang)} / ${formatCount(counts.removed, lang)}`
            : ''}
        </td>
        <td>
          {isLive ? (
            <strong className="admin-badge admin-badge-live">{tr('history.live')}</strong>
          ) : (
            <button
              type="button"
              id={`admin-rollback-${record.version}`}
              className="admin-button admin-button-small"
              aria-expanded={confirming === record.version}
              aria-controls={confirming === record.version ? 'admin-rollback-confirm' : undefined}
              onClick={() => ask(record.version)}
            >
              {tr('history.rollback', { version: record.version })}
            </button>
          )}
        </td>
      </tr>
    );
  }
}
