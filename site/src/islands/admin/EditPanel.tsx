/**
 * Edit one intervention of the live catalogue: pick it, change its main fields, save — a JSON merge
 * patch of exactly what changed (PATCH …/interventions/{id}), published as a new version. A 422 answer's
 * problems are shown next to their fields and in a summary that links to them. Also "confirm reviewed"
 * for the item (`{"confirmReviewed":true}`).
 */
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import {
  type EditField,
  type EditValues,
  editFieldOfColumn,
  editValuesOf,
  mergePatchFor,
} from '../../lib/admin/edit.ts';
import { formatCount, formatWhen } from '../../lib/admin/format.ts';
import { problemMessage } from '../../lib/admin/problems.ts';
import type { Intervention, Problem } from '../../lib/admin/types.ts';
import type { PanelContext } from './context.ts';
import { Feedback } from './Feedback.tsx';
import type { AdminKey } from './i18n.ts';

const fieldId = (field: EditField) => `admin-edit-${field}`;
/** The element a summary link or focus goes to (a group's first checkbox). */
const focusTargetOf = (field: EditField) =>
  field === 'municipalities' || field === 'languages' ? `${fieldId(field)}-0` : fieldId(field);

const LABEL_KEYS: Record<EditField, AdminKey> = {
  titleSv: 'edit.field.titleSv',
  titleEn: 'edit.field.titleEn',
  summarySv: 'edit.field.summarySv',
  category: 'edit.field.category',
  municipalities: 'edit.field.municipalities',
  languages: 'edit.field.languages',
  email: 'edit.field.email',
  phone: 'edit.field.phone',
  url: 'edit.field.url',
  startDate: 'edit.field.startDate',
  endDate: 'edit.field.endDate',
};

type FieldErrors = Partial<Record<EditField, string[]>>;

export function EditPanel({ ctx, loadError }: { ctx: PanelContext; loadError: string | undefined }) {
  const { tr, lang, api, region, items, explain, data } = ctx;
  const [filter, setFilter] = useState('');
  const [selectedId, setSelectedId] = useState('');
  const [values, setValues] = useState<EditValues>();
  const [loadedFrom, setLoadedFrom] = useState<Intervention>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [working, setWorking] = useState(false);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  const sorted = useMemo(
    () => [...(items ?? [])].sort((a, b) => a.title.sv.localeCompare(b.title.sv, 'sv')),
    [items],
  );
  const needle = filter.trim().toLowerCase();
  const matching = needle
    ? sorted.filter((i) => i.id.toLowerCase().includes(needle) || i.title.sv.toLowerCase().includes(needle))
    : sorted;
  const item = items?.find((i) => i.id === selectedId);

  // A newer published item (after any publish) replaces the form's values unless the person is editing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new item reloads the form; loadedFrom is read
  useEffect(() => {
    if (!item) {
      setValues(undefined);
      setLoadedFrom(undefined);
      return;
    }
    setValues((current) => {
      const dirty = current && loadedFrom && Object.keys(mergePatchFor(loadedFrom, current)).length > 0;
      return dirty ? current : editValuesOf(item);
    });
    setLoadedFrom(item);
  }, [item]);

  function pick(id: string) {
    setSelectedId(id);
    setFieldErrors({});
    setOtherErrors([]);
    setStatus(undefined);
    setError(undefined);
    const next = items?.find((i) => i.id === id);
    setValues(next ? editValuesOf(next) : undefined);
    setLoadedFrom(next);
  }

  const set = <K extends EditField>(field: K, value: EditValues[K]) =>
    setValues((current) => (current ? { ...current, [field]: value } : current));
  const toggle = (field: 'municipalities' | 'languages', code: string, on: boolean) =>
    setValues((current) => {
      if (!current) return current;
      const list = current[field].filter((c) => c !== code);
      return { ...current, [field]: on ? [...list, code] : list };
    });

  function showRejection(problems: Problem[]) {
    const byField: FieldErrors = {};
    const other: string[] = [];
    for (const problem of problems) {
      const field = editFieldOfColumn(problem.column);
      const message = problemMessage(problem, lang);
      if (field) byField[field] = [...(byField[field] ?? []), message];
      else other.push(problem.column ? `${problem.column}: ${message}` : message);
    }
    setFieldErrors(byField);
    setOtherErrors(other);
    ctx.focus('admin-edit-summary-title');
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!item || !values || working) return;
    const patch = mergePatchFor(loadedFrom ?? item, values);
    setError(undefined);
    setFieldErrors({});
    setOtherErrors([]);
    if (Object.keys(patch).length === 0) {
      setStatus(tr('edit.nothingChanged'));
      return;
    }
    setWorking(true);
    setStatus(tr('edit.saving'));
    try {
      const answer = await api.editItem(region.id, item.id, patch);
      if (!answer.ok) {
        setStatus(undefined);
        showRejection(answer.rejection.errors);
        return;
      }
      const saved = answer.result.item;
      setValues(editValuesOf(saved));
      setLoadedFrom(saved);
      const warnings = answer.result.warnings.map((w) => problemMessage(w, lang));
      setStatus(
        [tr('edit.saved', { title: saved.title.sv, version: answer.result.version }), ...warnings].join(' '),
      );
      ctx.published();
      ctx.focus('admin-edit-status');
    } catch (failure) {
      setStatus(undefined);
      setError(explain(failure));
      ctx.focus('admin-edit-error');
    } finally {
      setWorking(false);
    }
  }

  async function confirmReviewed() {
    if (!item || working) return;
    setWorking(true);
    setError(undefined);
    try {
      const answer = await api.editItem(region.id, item.id, { confirmReviewed: true });
      if (!answer.ok) {
        showRejection(answer.rejection.errors);
        return;
      }
      setStatus(
        tr('edit.confirmedReviewed', { title: answer.result.item.title.sv, version: answer.result.version }),
      );
      ctx.published();
      ctx.focus('admin-edit-status');
    } catch (failure) {
      setError(explain(failure));
      ctx.focus('admin-edit-error');
    } finally {
      setWorking(false);
    }
  }

  const errorCount =
    Object.values(fieldErrors).reduce((n, list) => n + (list?.length ?? 0), 0) + otherErrors.length;
  const describedBy = (field: EditField, hint?: string) =>
    [hint, fieldErrors[field] ? `${fieldId(field)}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const errorsOf = (field: EditField): ReactNode =>
    fieldErrors[field] ? (
      <p id={`${fieldId(field)}-error`} className="admin-field-error">
        {fieldErrors[field]!.join(' ')}
      </p>
    ) : null;
  const textField = (
    field: EditField,
    type: 'text' | 'email' | 'tel' | 'url' | 'date' = 'text',
    hint?: string,
  ) => (
    <div className="admin-field">
      <label htmlFor={fieldId(field)}>{tr(LABEL_KEYS[field])}</label>
      <input
        id={fieldId(field)}
        type={type}
        value={String(values?.[field] ?? '')}
        onChange={(e) => set(field, e.target.value)}
        aria-invalid={fieldErrors[field] ? true : undefined}
        aria-describedby={describedBy(field, hint)}
        autoComplete="off"
      />
      {errorsOf(field)}
    </div>
  );
  const municipalityCodes = values
    ? [...region.municipalities, ...values.municipalities.filter((c) => !region.municipalities.includes(c))]
    : [];
  const reviewed = item?.lastReviewedAt
    ? item.reviewedBy
      ? tr('edit.reviewed', { when: formatWhen(item.lastReviewedAt, lang), by: item.reviewedBy })
      : tr('edit.reviewedNoName', { when: formatWhen(item.lastReviewedAt, lang) })
    : tr('edit.notReviewed');

  return (
    <section className="admin-panel" aria-labelledby="admin-edit-title">
      <h2 id="admin-edit-title" tabIndex={-1}>
        {tr('edit.title')}
      </h2>
      <p>{tr('edit.intro')}</p>
      {loadError ? <p className="admin-error">{loadError}</p> : null}
      {!items && !loadError ? <p>{tr('edit.loading')}</p> : null}
      {items && items.length === 0 ? <p>{tr('edit.noItems')}</p> : null}
      {items && items.length > 0 ? (
        <div className="admin-picker">
          <div className="admin-field">
            <label htmlFor="admin-edit-filter">{tr('edit.filter')}</label>
            <input
              id="admin-edit-filter"
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-describedby="admin-edit-matches"
              autoComplete="off"
            />
            <p id="admin-edit-matches" className="admin-hint" role="status">
              {needle ? tr('edit.matches', { count: formatCount(matching.length, lang) }) : ''}
            </p>
          </div>
          <div className="admin-field">
            <label htmlFor="admin-edit-item">{tr('edit.pick')}</label>
            <select id="admin-edit-item" value={selectedId} onChange={(e) => pick(e.target.value)}>
              <option value="">{tr('edit.pickNone')}</option>
              {item && !matching.includes(item) ? (
                <option value={item.id}>
                  {item.title.sv} ({item.id})
                </option>
              ) : null}
              {matching.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title.sv} ({i.id})
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      <Feedback id="admin-edit" status={status} error={error} />

      {item && values ? (
        <form
          className="admin-form admin-edit-form"
          onSubmit={save}
          noValidate
          aria-labelledby="admin-edit-form-title"
        >
          <h3 id="admin-edit-form-title">{tr('edit.formTitle', { title: item.title.sv })}</h3>
          <p className="admin-hint">
            <span className="admin-id">{item.id}</span> · {reviewed}
          </p>
          {errorCount > 0 ? (
            <div id="admin-edit-summary" className="admin-error-summary">
              <h4 id="admin-edit-summary-title" tabIndex={-1}>
                {tr('edit.rejected', { count: errorCount })}
              </h4>
              <ul>
                {(Object.keys(fieldErrors) as EditField[]).map((field) => (
                  <li key={field}>
                    <a
                      href={`#${focusTargetOf(field)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(focusTargetOf(field))?.focus();
                      }}
                    >
                      {tr(LABEL_KEYS[field])}: {fieldErrors[field]!.join(' ')}
                    </a>
                  </li>
                ))}
                {otherErrors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {textField('titleSv')}
          {textField('titleEn')}
          <div className="admin-field">
            <label htmlFor={fieldId('summarySv')}>{tr('edit.field.summarySv')}</label>
            <textarea
              id={fieldId('summarySv')}
              rows={3}
              value={values.summarySv}
              onChange={(e) => set('summarySv', e.target.value)}
              aria-invalid={fieldErrors.summarySv ? true : undefined}
              aria-describedby={describedBy('summarySv')}
            />
            {errorsOf('summarySv')}
          </div>
          <div className="admin-field">
            <label htmlFor={fieldId('category')}>{tr('edit.field.category')}</label>
            <select
              id={fieldId('category')}
              value={values.category}
              onChange={(e) => set('category', e.target.value)}
              aria-invalid={fieldErrors.category ? true : undefined}
              aria-describedby={describedBy('category')}
            >
              {data.categories.some((c) => c.code === values.category) ? null : (
                <option value={values.category}>{values.category}</option>
              )}
              {data.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
            {errorsOf('category')}
          </div>
          <fieldset
            className="admin-checks"
            aria-describedby={fieldErrors.municipalities ? `${fieldId('municipalities')}-error` : undefined}
          >
            <legend>{tr('edit.field.municipalities')}</legend>
            {errorsOf('municipalities')}
            <div className="admin-check-grid">
              {municipalityCodes.map((code, index) => (
                <div className="admin-check" key={code}>
                  <input
                    id={`${fieldId('municipalities')}-${index}`}
                    type="checkbox"
                    checked={values.municipalities.includes(code)}
                    onChange={(e) => toggle('municipalities', code, e.target.checked)}
                  />
                  <label htmlFor={`${fieldId('municipalities')}-${index}`}>
                    {data.municipalityNames[code] ?? code}
                    {region.municipalities.includes(code) ? null : (
                      <span className="admin-hint"> ({tr('edit.otherMunicipality')})</span>
                    )}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <fieldset
            className="admin-checks"
            aria-describedby={fieldErrors.languages ? `${fieldId('languages')}-error` : undefined}
          >
            <legend>{tr('edit.field.languages')}</legend>
            {errorsOf('languages')}
            <div className="admin-check-grid">
              {data.languages.map((language, index) => (
                <div className="admin-check" key={language.code}>
                  <input
                    id={`${fieldId('languages')}-${index}`}
                    type="checkbox"
                    checked={values.languages.includes(language.code)}
                    onChange={(e) => toggle('languages', language.code, e.target.checked)}
                  />
                  <label htmlFor={`${fieldId('languages')}-${index}`}>{language.label}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <fieldset className="admin-group">
            <legend>{tr('edit.contact')}</legend>
            {textField('email', 'email')}
            {textField('phone', 'tel')}
            {textField('url', 'url')}
          </fieldset>
          <fieldset className="admin-group" aria-describedby="admin-edit-dates-hint">
            <legend>{tr('edit.dates')}</legend>
            <p id="admin-edit-dates-hint" className="admin-hint">
              {tr('edit.datesHint')}
            </p>
            {textField('startDate', 'date')}
            {textField('endDate', 'date')}
          </fieldset>
          <div className="admin-actions">
            <button
              type="submit"
              className="admin-button admin-button-primary"
              aria-disabled={working || undefined}
            >
              {tr('edit.save')}
            </button>
            <button
              type="button"
              className="admin-button"
              onClick={() => {
                setValues(editValuesOf(loadedFrom ?? item));
                setFieldErrors({});
                setOtherErrors([]);
              }}
            >
              {tr('edit.reset')}
            </button>
            <button
              type="button"
              className="admin-button"
              aria-disabled={working || undefined}
              onClick={() => void confirmReviewed()}
            >
              {tr('edit.confirmReviewed')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
