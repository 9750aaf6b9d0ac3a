/**
 * An upload's report: counts, the errors and the warnings as tables a person fixes their sheet from
 * (row, column, problem, the value in the file, the suggestion), a CSV of the whole report, and what
 * would change.
 */
import { diffView } from '../../lib/admin/diff.ts';
import { formatCount } from '../../lib/admin/format.ts';
import {
  municipalitySuggestionNamer,
  type ProblemRow,
  type ProblemTables,
  problemTables,
  reportCsv,
} from '../../lib/admin/problems.ts';
import type { AdminLang, CatalogueDiff, UploadReport } from '../../lib/admin/types.ts';
import type { PanelContext } from './context.ts';
import type { T } from './i18n.ts';
import { saveBlob } from './upload.ts';

/** Rows shown per table; the downloadable report has them all (a 20,000-row file can have 20,000). */
export const SHOWN_PROBLEMS = 200;

export function tablesOf(report: UploadReport, ctx: PanelContext): ProblemTables {
  return problemTables(report, ctx.lang, municipalitySuggestionNamer(ctx.data.municipalityNames));
}

export function Counts({
  report,
  tables,
  tr,
  lang,
}: {
  report: UploadReport;
  tables: ProblemTables;
  tr: T;
  lang: AdminLang;
}) {
  const counts: [string, number][] = [
    [tr('report.count.rows'), report.counts.rows],
    [tr('report.count.valid'), report.counts.valid],
    [tr('report.count.invalid'), report.counts.invalid],
    [tr('report.count.errors'), tables.errors.length],
    [tr('report.count.warnings'), tables.warnings.length],
  ];
  return (
    <dl className="admin-counts" aria-label={tr('report.summary')}>
      {counts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{formatCount(value, lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ProblemTable({
  id,
  caption,
  rows,
  severity,
  tr,
  lang,
}: {
  id: string;
  caption: string;
  rows: ProblemRow[];
  severity: 'error' | 'warning';
  tr: T;
  lang: AdminLang;
}) {
  const shown = rows.slice(0, SHOWN_PROBLEMS);
  return (
    <div className={`admin-problems admin-problems-${severity}`}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls here; the keyboard must reach it */}
      <section className="admin-table-scroll" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table id={id}>
          <caption id={`${id}-caption`}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('report.col.row')}</th>
              <th scope="col">{tr('report.col.column')}</th>
              <th scope="col">{tr('report.col.message')}</th>
              <th scope="col">{tr('report.col.value')}</th>
              <th scope="col">{tr('report.col.suggestion')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  {row.row > 0 ? formatCount(row.row, lang) : tr('report.wholeFile')}
                  {row.line ? (
                    <span className="admin-line"> ({tr('report.line', { line: row.line })})</span>
                  ) : null}
                </th>
                <td>{row.column}</td>
                <td>{row.message}</td>
                <td className="admin-value">{row.value ?? ''}</td>
                <td>{row.suggestion ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {rows.length > shown.length ? (
        <p className="admin-hint">{tr('report.truncated', { shown: shown.length, total: rows.length })}</p>
      ) : null}
    </div>
  );
}

export function ProblemTablesView({
  tables,
  fileName,
  tr,
  lang,
}: {
  tables: ProblemTables;
  fileName: string;
  tr: T;
  lang: AdminLang;
}) {
  if (tables.errors.length === 0 && tables.warnings.length === 0) return null;
  const download = () => {
    const csv = reportCsv(
      tables,
      {
        severity: tr('report.col.severity'),
        row: tr('report.col.row'),
        column: tr('report.col.column'),
        message: tr('report.col.message'),
        value: tr('report.col.value'),
        suggestion: tr('report.col.suggestion'),
      },
      { error: tr('report.severity.error'), warning: tr('report.severity.warning') },
    );
    const base = fileName.replace(/\.[^.]*$/, '') || 'insatser';
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${base}-${tr('report.fileName')}.csv`);
  };
  return (
    <>
      <p className="admin-hint">{tr('report.rowsHint')}</p>
      {tables.errors.length > 0 ? (
        <ProblemTable
          id="admin-errors"
          severity="error"
          caption={tr('report.errors.caption', { count: formatCount(tables.errors.length, lang) })}
          rows={tables.errors}
          tr={tr}
          lang={lang}
        />
      ) : null}
      {tables.warnings.length > 0 ? (
        <ProblemTable
          id="admin-warnings"
          severity="warning"
          caption={tr('report.warnings.caption', { count: formatCount(tables.warnings.length, lang) })}
          rows={tables.warnings}
          tr={tr}
          lang={lang}
        />
      ) : null}
      <button type="button" className="admin-button" onClick={download}>
        {tr('report.download')}
      </button>
    </>
  );
}

export function DiffSummary({
  diff,
  against,
  ctx,
}: {
  diff: CatalogueDiff;
  /** The live version a dry run was compared with (null: none yet), or 'published' after publishing. */
  against: number | null | 'published';
  ctx: PanelContext;
}) {
  const { tr, lang } = ctx;
  const titles = new Map((ctx.items ?? []).map((item) => [item.id, item.title.sv]));
  const view = diffView(diff, { titleOf: (id) => titles.get(id), columns: ctx.data.fieldColumns });
  const groups = [
    ['added', tr('diff.added', { count: formatCount(view.added.total, lang) }), view.added],
    ['changed', tr('diff.changed', { count: formatCount(view.changed.total, lang) }), view.changed],
    ['removed', tr('diff.removed', { count: formatCount(view.removed.total, lang) }), view.removed],
  ] as const;
  return (
    <section className="admin-diff" aria-labelledby="admin-diff-title">
      <h3 id="admin-diff-title">{tr(against === 'published' ? 'diff.titlePublished' : 'diff.title')}</h3>
      {against === 'published' ? null : (
        <p>{against ? tr('diff.against', { version: against }) : tr('diff.firstVersion')}</p>
      )}
      {view.empty ? <p>{tr('diff.none')}</p> : null}
      {groups.map(([kind, heading, list]) =>
        list.total > 0 ? (
          <div key={kind} className={`admin-diff-group admin-diff-${kind}`}>
            <h4 id={`admin-diff-${kind}`}>{heading}</h4>
            <ul aria-labelledby={`admin-diff-${kind}`}>
              {list.shown.map((entry) => (
                <li key={entry.id}>
                  {entry.title ? (
                    <>
                      <span lang={lang === 'sv' ? undefined : 'sv'}>{entry.title}</span>{' '}
                      <span className="admin-id">({entry.id})</span>
                    </>
                  ) : (
                    <span className="admin-id">{entry.id}</span>
                  )}
                  {entry.fields.length > 0 ? (
                    <span className="admin-fields">
                      {' '}
                      – {tr('diff.fields', { fields: entry.fields.join(', ') })}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
            {list.more > 0 ? (
              <p className="admin-hint">{tr('diff.more', { count: formatCount(list.more, lang) })}</p>
            ) : null}
          </div>
        ) : null,
      )}
      <p>{tr('diff.unchanged', { count: formatCount(view.unchanged, lang) })}</p>
    </section>
  );
}
