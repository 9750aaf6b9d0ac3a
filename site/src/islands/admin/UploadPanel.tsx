/**
 * Upload: choose or drop a file → a dry run (`?dryRun=true`) with progress → the report and the diff →
 * publish the very bytes that were checked (with `confirmRemovals=true` when the API asks for it).
 */
import { type ChangeEvent, type DragEvent, useEffect, useState } from 'react';
import { AdminApiError } from '../../lib/admin/client.ts';
import { explainFailure } from '../../lib/admin/errors.ts';
import { formatBytes, MAX_UPLOAD_BYTES, uploadKindOf } from '../../lib/admin/files.ts';
import type { UploadReport } from '../../lib/admin/types.ts';
import type { PanelContext } from './context.ts';
import { Feedback } from './Feedback.tsx';
import { Counts, DiffSummary, ProblemTablesView, tablesOf } from './Report.tsx';
import { uploadCatalogueFile } from './upload.ts';

interface ChosenFile {
  name: string;
  size: number;
  contentType: string;
  format: 'csv' | 'json';
  /** The bytes as chosen: what is checked is exactly what is published, even if the sheet changes on disk. */
  bytes: Blob;
}

type Progress = { phase: 'uploading' | 'validating' | 'publishing'; fraction: number };

interface Outcome {
  report: UploadReport;
  fileName: string;
  /** The report is of a dry run that passed: publishing is possible. */
  publishable: boolean;
}

function isUploadReport(body: unknown): body is UploadReport {
  return (
    !!body &&
    typeof body === 'object' &&
    typeof (body as UploadReport).status === 'string' &&
    Array.isArray((body as UploadReport).errors) &&
    !!(body as UploadReport).counts
  );
}

export function UploadPanel({ ctx }: { ctx: PanelContext }) {
  const { tr, lang, session, region } = ctx;
  const [file, setFile] = useState<ChosenFile>();
  const [fileError, setFileError] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [confirmRemovals, setConfirmRemovals] = useState(false);
  const [confirmError, setConfirmError] = useState(false);
  const [defaultCategory, setDefaultCategory] = useState('');
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  // A file dropped beside the zone would make the browser open it and leave the page (and the report).
  useEffect(() => {
    const keep = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, []);

  async function choose(chosen: File | undefined) {
    setOutcome(undefined);
    setStatus(undefined);
    setError(undefined);
    setConfirmRemovals(false);
    setConfirmError(false);
    if (!chosen) return;
    const kind = uploadKindOf(chosen.name, chosen.type);
    const size = formatBytes(chosen.size, lang);
    let problem: string | undefined;
    if (!kind.ok)
      problem = tr(kind.reason === 'spreadsheet' ? 'upload.error.spreadsheet' : 'upload.error.unknown', {
        name: chosen.name,
      });
    else if (chosen.size > MAX_UPLOAD_BYTES)
      problem = tr('upload.error.tooLarge', { name: chosen.name, size });
    else if (chosen.size === 0) problem = tr('upload.error.empty', { name: chosen.name });
    if (problem || !kind.ok) {
      setFile(undefined);
      setFileError(problem);
      return;
    }
    setFileError(undefined);
    const bytes = new Blob([await chosen.arrayBuffer()], { type: kind.contentType });
    setFile({
      name: chosen.name,
      size: chosen.size,
      contentType: kind.contentType,
      format: kind.format,
      bytes,
    });
    setStatus(tr('upload.chosen', { name: chosen.name, size }));
  }

  function onInput(event: ChangeEvent<HTMLInputElement>) {
    void choose(event.target.files?.[0]);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files?.[0];
    if (dropped) void choose(dropped);
  }

  async function send(dryRun: boolean) {
    if (!file) {
      setFileError(tr('upload.noFile'));
      ctx.focus('admin-file');
      return;
    }
    if (progress) return;
    setError(undefined);
    setProgress({ phase: dryRun ? 'uploading' : 'publishing', fraction: 0 });
    setStatus(tr(dryRun ? 'upload.phase.sending' : 'upload.phase.publishing'));
    const answer = await uploadCatalogueFile({
      regionId: region.id,
      token: session.token,
      lang,
      file: file.bytes,
      fileName: file.name,
      contentType: file.contentType,
      dryRun,
      confirmRemovals: !dryRun && confirmRemovals,
      defaultCategory: file.format === 'json' && defaultCategory ? defaultCategory : undefined,
      onProgress: ({ fraction, sent }) => {
        if (!dryRun) return;
        setProgress(sent ? { phase: 'validating', fraction: 1 } : { phase: 'uploading', fraction });
        if (sent) setStatus(tr('upload.phase.validating'));
      },
    });
    setProgress(undefined);
    const report = isUploadReport(answer.body) ? answer.body : undefined;
    if ((answer.status === 200 || answer.status === 422) && report) {
      const onlyNeedsConfirmation =
        report.status === 'rejected' &&
        report.requiresConfirmRemovals === true &&
        report.errors.every((e) => e.code === 'confirm-removals');
      const publishable = report.status === 'validated' || onlyNeedsConfirmation;
      const shown: UploadReport = onlyNeedsConfirmation ? { ...report, errors: [] } : report;
      setOutcome({ report: shown, fileName: file.name, publishable });
      if (report.status === 'published') {
        setStatus(tr('report.status.published', { version: report.version ?? '' }));
        setConfirmRemovals(false);
        ctx.published();
      } else {
        setStatus(tr(publishable ? 'report.status.validated' : 'report.status.rejected'));
      }
      ctx.focus(onlyNeedsConfirmation && !dryRun ? 'admin-confirm-removals' : 'admin-report-title');
      return;
    }
    setStatus(undefined);
    setError(ctx.explain(new AdminApiError(explainFailure(answer.status, answer.body, lang), answer.body)));
    ctx.focus('admin-upload-error');
  }

  function publish() {
    if (outcome?.report.requiresConfirmRemovals && !confirmRemovals) {
      setConfirmError(true);
      ctx.focus('admin-confirm-removals');
      return;
    }
    void send(false);
  }

  const report = outcome?.report;
  const tables = report ? tablesOf(report, ctx) : undefined;
  const fileDescribedBy = ['admin-file-hint', fileError ? 'admin-file-error' : ''].filter(Boolean).join(' ');
  const liveCount = report ? report.counts.removed + report.counts.changed + report.counts.unchanged : 0;

  return (
    <section className="admin-panel" aria-labelledby="admin-upload-title">
      <h2 id="admin-upload-title" tabIndex={-1}>
        {tr('upload.title')}
      </h2>
      <p>{tr('upload.intro')}</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the file input inside is the keyboard way */}
      <div
        className={`admin-drop${dragging ? ' admin-drop-active' : ''}`}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <label htmlFor="admin-file">{tr('upload.fileLabel')}</label>
        <p id="admin-file-hint" className="admin-hint">
          {tr('upload.fileHint')}
        </p>
        <input
          id="admin-file"
          type="file"
          accept=".csv,.txt,.tsv,.json,text/csv,application/json"
          aria-describedby={fileDescribedBy}
          aria-invalid={fileError ? true : undefined}
          onClick={(e) => {
            // Choosing the same file again (after fixing the sheet) must count as a new choice.
            e.currentTarget.value = '';
          }}
          onChange={onInput}
        />
        <p className="admin-drop-text" aria-hidden="true">
          {dragging ? tr('upload.dropActive') : tr('upload.drop')}
        </p>
        {fileError ? (
          <p id="admin-file-error" className="admin-field-error">
            {fileError}
          </p>
        ) : null}
        {file ? (
          <p className="admin-chosen">
            {tr('upload.chosen', { name: file.name, size: formatBytes(file.size, lang) })}
          </p>
        ) : null}
      </div>
      {file?.format === 'json' ? (
        <div className="admin-field">
          <label htmlFor="admin-hsds-category">{tr('upload.hsdsCategory')}</label>
          <p id="admin-hsds-category-hint" className="admin-hint">
            {tr('upload.hsdsCategoryHint')}
          </p>
          <select
            id="admin-hsds-category"
            value={defaultCategory}
            aria-describedby="admin-hsds-category-hint"
            onChange={(e) => setDefaultCategory(e.target.value)}
          >
            <option value="">{tr('upload.hsdsCategoryNone')}</option>
            {ctx.data.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p id="admin-check-hint" className="admin-hint">
        {tr('upload.checkHint')}
      </p>
      <button
        type="button"
        className="admin-button admin-button-primary"
        aria-describedby="admin-check-hint"
        aria-disabled={progress ? true : undefined}
        onClick={() => void send(true)}
      >
        {tr('upload.check')}
      </button>
      {progress ? (
        <div className="admin-progress">
          <label htmlFor="admin-progress">{tr('upload.progress')}</label>
          {progress.phase === 'uploading' ? (
            <progress id="admin-progress" max={100} value={Math.round(progress.fraction * 100)} />
          ) : (
            <progress id="admin-progress" />
          )}
          <span aria-hidden="true">
            {progress.phase === 'uploading'
              ? tr('upload.phase.uploading', { percent: Math.round(progress.fraction * 100) })
              : tr(progress.phase === 'validating' ? 'upload.phase.validating' : 'upload.phase.publishing')}
          </span>
        </div>
      ) : null}
      <Feedback id="admin-upload" status={status} error={error} quiet={Boolean(outcome) && !progress} />

      {report && tables ? (
        <section className="admin-report" aria-labelledby="admin-report-title">
          <h3 id="admin-report-title" tabIndex={-1}>
            {tr('report.title')}
          </h3>
          <p
            className={`admin-outcome admin-outcome-${report.status === 'published' ? 'published' : outcome.publishable ? 'validated' : 'rejected'}`}
          >
            {report.status === 'published'
              ? tr('report.status.published', { version: report.version ?? '' })
              : tr(outcome.publishable ? 'report.status.validated' : 'report.status.rejected')}
          </p>
          <p>
            {tr('report.file')}: <span className="admin-id">{outcome.fileName}</span>
          </p>
          <Counts report={report} tables={tables} tr={tr} lang={lang} />
          <ProblemTablesView tables={tables} fileName={outcome.fileName} tr={tr} lang={lang} />
          {report.diff ? (
            <DiffSummary
              diff={report.diff}
              against={report.status === 'published' ? 'published' : report.version}
              ctx={ctx}
            />
          ) : null}
          {outcome.publishable ? (
            <section className="admin-publish" aria-labelledby="admin-publish-title">
              <h3 id="admin-publish-title">{tr('publish.title')}</h3>
              {report.requiresConfirmRemovals ? (
                <div className="admin-warning">
                  <p id="admin-removals-warning">
                    {tr('publish.removalsWarning', { removed: report.counts.removed, live: liveCount })}
                  </p>
                  <div className="admin-check">
                    <input
                      id="admin-confirm-removals"
                      type="checkbox"
                      checked={confirmRemovals}
                      aria-describedby={`admin-removals-warning${confirmError ? ' admin-confirm-error' : ''}`}
                      aria-invalid={confirmError && !confirmRemovals ? true : undefined}
                      onChange={(e) => {
                        setConfirmRemovals(e.target.checked);
                        if (e.target.checked) setConfirmError(false);
                      }}
                    />
                    <label htmlFor="admin-confirm-removals">
                      {tr('publish.confirmRemovals', { removed: report.counts.removed })}
                    </label>
                  </div>
                  {confirmError && !confirmRemovals ? (
                    <p id="admin-confirm-error" className="admin-field-error">
                      {tr('publish.confirmRequired')}
                    </p>
                  ) : null}
                </div>
              ) : null}
              <button
                type="button"
                className="admin-button admin-button-primary"
                aria-disabled={progress ? true : undefined}
                onClick={publish}
              >
                {tr('publish.button')}
              </button>
            </section>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
