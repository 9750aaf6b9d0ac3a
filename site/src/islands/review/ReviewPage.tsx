/**
 * The review page's island (/admin/granskning/): the region names its owners (per municipality or
 * category, a coordinator for the rest) and its review period; lists what is due, overdue or hidden
 * from newcomer search, with one-click confirmation and "confirm all unchanged" for a municipality.
 * The reminder e-mails link here (`?region=<id>#granska-<item id>`).
 */
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DueItem, DueResponse, ReviewConfig } from '../../../../shared/review-api.ts';
import type { ExchangeKey, ExchangeLang, Tr } from '../../i18n/exchange/t.ts';
import { type Api, formatDay, formatWhen, type Session } from '../exchange/api.ts';
import { SessionGate, SessionLine, useSignedApi } from '../exchange/Signed.tsx';

export interface ReviewRegionInfo {
  id: string;
  name: string;
  municipalities: string[];
  jointMunicipalities: string[];
}

export interface ReviewPageProps {
  lang: ExchangeLang;
  regions: ReviewRegionInfo[];
  municipalityNames: Record<string, string>;
  /** Top-level categories (a parent includes its children). */
  categories: { code: string; label: string }[];
}

export default function ReviewPage(props: ReviewPageProps) {
  return (
    <SessionGate
      lang={props.lang}
      render={(tr, session, onEnded) => <Review {...props} tr={tr} session={session} onEnded={onEnded} />}
    />
  );
}

interface ReviewProps extends ReviewPageProps {
  tr: Tr;
  session: Session;
  onEnded(): void;
}

function Review({ lang, regions, municipalityNames, categories, tr, session, onEnded }: ReviewProps) {
  const { api, explain } = useSignedApi(session, lang, tr, onEnded);
  const regionNames = useMemo(() => Object.fromEntries(regions.map((r) => [r.id, r.name])), [regions]);
  const mine = useMemo(
    () => regions.filter((r) => session.regions.includes(r.id)),
    [regions, session.regions],
  );
  const [regionId, setRegionId] = useState(() => {
    const wanted = new URLSearchParams(window.location.search).get('region');
    return mine.find((r) => r.id === wanted)?.id ?? mine[0]?.id ?? '';
  });
  const region = mine.find((r) => r.id === regionId);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [dueVersion, setDueVersion] = useState(0);
  const say = useCallback((message: string) => {
    setError('');
    setStatus(message);
  }, []);
  const fail = useCallback((message: string) => {
    setStatus('');
    setError(message);
  }, []);

  if (!region) return <p className="admin-error">{tr('error.forbidden')}</p>;
  return (
    <>
      <SessionLine tr={tr} session={session} regionNames={regionNames} />
      {mine.length > 1 ? (
        <div className="admin-field">
          <label htmlFor="review-region">{tr('review.region')}</label>
          <select id="review-region" value={regionId} onChange={(e) => setRegionId(e.target.value)}>
            {mine.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p className="admin-status" role="status" id="review-status" tabIndex={-1}>
        {status}
      </p>
      <p className="admin-error" role="alert">
        {error}
      </p>
      <DueList
        key={`due-${regionId}`}
        lang={lang}
        tr={tr}
        api={api}
        region={region}
        version={dueVersion}
        municipalityNames={municipalityNames}
        explain={explain}
        say={say}
        fail={fail}
        changed={() => setDueVersion((v) => v + 1)}
      />
      <Owners
        key={`owners-${regionId}`}
        tr={tr}
        api={api}
        region={region}
        municipalityNames={municipalityNames}
        categories={categories}
        explain={explain}
        say={say}
        fail={fail}
        saved={() => setDueVersion((v) => v + 1)}
      />
    </>
  );
}

// ── Due list ───────────────────────────────────────────────────────────────────────────────────────

interface DueListProps {
  lang: ExchangeLang;
  tr: Tr;
  api: Api;
  region: ReviewRegionInfo;
  version: number;
  municipalityNames: Record<string, string>;
  explain(error: unknown): string;
  say(message: string): void;
  fail(message: string): void;
  changed(): void;
}

const itemDomId = (id: string) => `granska-${id}`;

function DueList({ tr, api, region, version, municipalityNames, explain, say, fail, changed }: DueListProps) {
  const [due, setDue] = useState<DueResponse>();
  const [municipality, setMunicipality] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState<string>();
  const focusedHash = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes to reload the list on purpose
  useEffect(() => {
    let stale = false;
    api<DueResponse>(`/api/admin/regions/${encodeURIComponent(region.id)}/review/due`).then(
      (answer) => {
        if (!stale) setDue(answer);
      },
      (caught) => {
        if (!stale) fail(explain(caught));
      },
    );
    return () => {
      stale = true;
    };
  }, [api, region.id, version, explain, fail]);

  // A reminder e-mail's link: bring its item into view, once.
  useEffect(() => {
    if (!due || focusedHash.current) return;
    focusedHash.current = true;
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (!hash.startsWith('granska-')) return;
    const target = document.getElementById(hash);
    target?.focus();
    target?.scrollIntoView({ block: 'start' });
  }, [due]);

  const shown = useMemo(
    () => (due?.items ?? []).filter((i) => !municipality || i.municipalities.includes(municipality)),
    [due, municipality],
  );
  const municipalities = [...region.municipalities, ...region.jointMunicipalities];

  async function confirm(item: DueItem) {
    if (busy) return;
    setBusy(item.id);
    try {
      await api(
        `/api/admin/regions/${encodeURIComponent(region.id)}/interventions/${encodeURIComponent(item.id)}`,
        {
          method: 'PATCH',
          body: { confirmReviewed: true },
        },
      );
      say(tr('review.due.confirmed', { title: item.title }));
      document.getElementById('review-status')?.focus();
      changed();
    } catch (caught) {
      fail(explain(caught));
    } finally {
      setBusy(undefined);
    }
  }

  async function confirmAll() {
    if (busy || !municipality) return;
    setBusy('*');
    try {
      const answer = await api<{ confirmed: number }>(
        `/api/admin/regions/${encodeURIComponent(region.id)}/catalogue/review`,
        {
          body: { municipality },
        },
      );
      setAsking(false);
      say(
        tr('review.due.confirmAllDone', {
          count: answer.confirmed,
          municipality: municipalityNames[municipality] ?? municipality,
        }),
      );
      document.getElementById('review-status')?.focus();
      changed();
    } catch (caught) {
      fail(explain(caught));
    } finally {
      setBusy(undefined);
    }
  }

  const municipalityName = municipalityNames[municipality] ?? municipality;
  return (
    <section className="admin-panel" aria-labelledby="review-due-title">
      <h2 id="review-due-title">{tr('review.due.title')}</h2>
      {!due ? <p>{tr('review.loading')}</p> : null}
      {due ? (
        <>
          <p>{tr('review.due.counts', due.counts)}</p>
          {due.counts.unassigned > 0 ? (
            <p className="exchange-badge-warn">
              {tr('review.due.unassigned', { count: due.counts.unassigned })}
            </p>
          ) : null}
          <div className="admin-field">
            <label htmlFor="review-municipality">{tr('review.due.municipality')}</label>
            <select
              id="review-municipality"
              value={municipality}
              onChange={(e) => {
                setMunicipality(e.target.value);
                setAsking(false);
              }}
            >
              <option value="">{tr('review.due.allMunicipalities')}</option>
              {municipalities.map((code) => (
                <option key={code} value={code}>
                  {municipalityNames[code] ?? code}
                </option>
              ))}
            </select>
          </div>
          {municipality ? (
            <div>
              <button
                type="button"
                className="admin-button"
                aria-expanded={asking}
                aria-controls="review-confirm-all"
                onClick={() => setAsking((a) => !a)}
              >
                {tr('review.due.confirmAll', { municipality: municipalityName })}
              </button>
              <div id="review-confirm-all" hidden={!asking} className="admin-dev-note">
                <p>
                  {tr('review.due.confirmAllQuestion', {
                    count: shown.length,
                    municipality: municipalityName,
                  })}
                </p>
                <div className="admin-actions">
                  <button
                    type="button"
                    className="admin-button admin-button-primary"
                    aria-disabled={busy ? true : undefined}
                    onClick={() => void confirmAll()}
                  >
                    {tr('review.due.confirmAllYes')}
                  </button>
                  <button type="button" className="admin-button" onClick={() => setAsking(false)}>
                    {tr('requests.cancel')}
                  </button>
                </div>
              </div>
            </div>
          ) : null}
          {shown.length === 0 ? <p>{tr('review.due.none')}</p> : null}
          <ul className="exchange-list">
            {shown.map((item) => (
              <li key={item.id}>
                <article
                  className="exchange-card"
                  id={itemDomId(item.id)}
                  tabIndex={-1}
                  aria-labelledby={`${itemDomId(item.id)}-title`}
                >
                  <h3 id={`${itemDomId(item.id)}-title`} lang="sv">
                    {item.title}
                  </h3>
                  <p className="exchange-badges">
                    <span className={`admin-badge exchange-state-${item.state}`}>
                      {tr(`review.due.state.${item.state}` as ExchangeKey)}
                    </span>
                  </p>
                  <p>
                    {item.lastReviewedAt
                      ? tr('review.due.notConfirmedSince', { date: formatDay(item.lastReviewedAt) })
                      : tr('review.due.neverConfirmed')}
                    {item.lastReviewedAt && item.reviewedBy
                      ? ` ${tr('review.due.by', { by: item.reviewedBy })}`
                      : ''}
                  </p>
                  <p>{item.municipalities.map((m) => municipalityNames[m] ?? m).join(', ')}</p>
                  <p>
                    {item.owners.length
                      ? tr('review.due.owners', { owners: item.owners.map((o) => o.name).join(', ') })
                      : tr('review.due.noOwner')}
                  </p>
                  <div className="admin-actions">
                    <button
                      type="button"
                      className="admin-button admin-button-primary"
                      aria-label={tr('review.due.confirm', { title: item.title })}
                      aria-disabled={busy ? true : undefined}
                      onClick={() => void confirm(item)}
                    >
                      {tr('review.due.confirmShort')}
                    </button>
                    <a className="admin-button admin-link-button" href="/admin/">
                      {tr('review.due.edit')}
                    </a>
                  </div>
                </article>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

// ── Owners ─────────────────────────────────────────────────────────────────────────────────────────

interface OwnerDraft {
  key: number;
  name: string;
  email: string;
  municipalities: string[];
  categories: string[];
}

interface OwnersProps {
  tr: Tr;
  api: Api;
  region: ReviewRegionInfo;
  municipalityNames: Record<string, string>;
  categories: { code: string; label: string }[];
  explain(error: unknown): string;
  say(message: string): void;
  fail(message: string): void;
  saved(): void;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
let nextKey = 1;

function Owners({ tr, api, region, municipalityNames, categories, explain, say, fail, saved }: OwnersProps) {
  const [config, setConfig] = useState<ReviewConfig>();
  const [interval, setIntervalDays] = useState('90');
  const [owners, setOwners] = useState<OwnerDraft[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const municipalities = [...region.municipalities, ...region.jointMunicipalities];

  const adopt = useCallback((next: ReviewConfig) => {
    setConfig(next);
    setIntervalDays(String(next.reviewIntervalDays));
    setOwners(next.owners.map((o) => ({ key: nextKey++, ...o })));
  }, []);

  useEffect(() => {
    let stale = false;
    api<ReviewConfig>(`/api/admin/regions/${encodeURIComponent(region.id)}/review/owners`).then(
      (answer) => {
        if (!stale) adopt(answer);
      },
      (caught) => {
        if (!stale) fail(explain(caught));
      },
    );
    return () => {
      stale = true;
    };
  }, [api, region.id, adopt, explain, fail]);

  const update = (key: number, change: Partial<OwnerDraft>) =>
    setOwners((list) => list.map((o) => (o.key === key ? { ...o, ...change } : o)));
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving || !config) return;
    const found: Record<string, string> = {};
    const days = Number(interval);
    if (!Number.isInteger(days) || days < 30 || days > 180)
      found['review-interval'] = tr('review.owners.error.interval');
    for (const owner of owners) {
      if (!owner.name.trim()) found[`owner-${owner.key}-name`] = tr('review.owners.error.name');
      if (!EMAIL.test(owner.email.trim()))
        found[`owner-${owner.key}-email`] = tr('review.owners.error.email');
    }
    setErrors(found);
    const firstInvalid = Object.keys(found)[0];
    if (firstInvalid) {
      document.getElementById(firstInvalid)?.focus();
      return;
    }
    setSaving(true);
    try {
      const answer = await api<ReviewConfig>(
        `/api/admin/regions/${encodeURIComponent(region.id)}/review/owners`,
        {
          method: 'PUT',
          body: {
            reviewIntervalDays: days,
            revision: config.revision,
            owners: owners.map(({ name, email, municipalities: m, categories: c }) => ({
              name: name.trim(),
              email: email.trim(),
              municipalities: m,
              categories: c,
            })),
          },
        },
      );
      adopt(answer);
      say(tr('review.owners.saved'));
      document.getElementById('review-status')?.focus();
      saved();
    } catch (caught) {
      fail(explain(caught));
    } finally {
      setSaving(false);
    }
  }

  const describedBy = (id: string, hint?: string) =>
    [hint, errors[id] ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (id: string) =>
    errors[id] ? (
      <p className="admin-field-error" id={`${id}-error`}>
        {errors[id]}
      </p>
    ) : null;

  return (
    <section className="admin-panel" aria-labelledby="review-owners-title">
      <h2 id="review-owners-title">{tr('review.owners.title')}</h2>
      <p>{tr('review.owners.intro')}</p>
      {!config ? <p>{tr('review.loading')}</p> : null}
      {config ? (
        <form onSubmit={save} noValidate>
          {config.updatedAt && config.updatedBy ? (
            <p className="admin-hint">
              {tr('review.owners.savedBy', { when: formatWhen(config.updatedAt), by: config.updatedBy })}
            </p>
          ) : null}
          <div className="admin-field">
            <label htmlFor="review-interval">{tr('review.owners.interval')}</label>
            <p className="admin-hint" id="review-interval-hint">
              {tr('review.owners.intervalHint')}
            </p>
            <input
              id="review-interval"
              type="number"
              inputMode="numeric"
              min={30}
              max={180}
              value={interval}
              onChange={(e) => setIntervalDays(e.target.value)}
              aria-invalid={errors['review-interval'] ? true : undefined}
              aria-describedby={describedBy('review-interval', 'review-interval-hint')}
            />
            {fieldError('review-interval')}
          </div>
          {owners.length === 0 ? <p>{tr('review.owners.none')}</p> : null}
          {owners.map((owner, index) => {
            const base = `owner-${owner.key}`;
            const n = index + 1;
            return (
              <fieldset key={owner.key} className="exchange-owner">
                <legend>{tr('review.owners.owner', { n })}</legend>
                <div className="admin-field">
                  <label htmlFor={`${base}-name`}>{tr('review.owners.name')}</label>
                  <input
                    id={`${base}-name`}
                    type="text"
                    autoComplete="off"
                    maxLength={120}
                    value={owner.name}
                    onChange={(e) => update(owner.key, { name: e.target.value })}
                    aria-invalid={errors[`${base}-name`] ? true : undefined}
                    aria-describedby={describedBy(`${base}-name`)}
                  />
                  {fieldError(`${base}-name`)}
                </div>
                <div className="admin-field">
                  <label htmlFor={`${base}-email`}>{tr('review.owners.email')}</label>
                  <input
                    id={`${base}-email`}
                    type="email"
                    autoComplete="off"
                    maxLength={254}
                    value={owner.email}
                    onChange={(e) => update(owner.key, { email: e.target.value })}
                    aria-invalid={errors[`${base}-email`] ? true : undefined}
                    aria-describedby={describedBy(`${base}-email`)}
                  />
                  {fieldError(`${base}-email`)}
                </div>
                <fieldset className="exchange-choices">
                  <legend>{tr('review.owners.municipalities')}</legend>
                  {municipalities.map((code) => (
                    <div className="admin-check exchange-check" key={code}>
                      <input
                        id={`${base}-m-${code}`}
                        type="checkbox"
                        checked={owner.municipalities.includes(code)}
                        onChange={(e) =>
                          update(owner.key, {
                            municipalities: toggle(owner.municipalities, code, e.target.checked),
                          })
                        }
                      />
                      <label htmlFor={`${base}-m-${code}`}>{municipalityNames[code] ?? code}</label>
                    </div>
                  ))}
                </fieldset>
                <fieldset className="exchange-choices">
                  <legend>{tr('review.owners.categories')}</legend>
                  {categories.map((c) => (
                    <div className="admin-check exchange-check" key={c.code}>
                      <input
                        id={`${base}-c-${c.code}`}
                        type="checkbox"
                        checked={owner.categories.includes(c.code)}
                        onChange={(e) =>
                          update(owner.key, {
                            categories: toggle(owner.categories, c.code, e.target.checked),
                          })
                        }
                      />
                      <label htmlFor={`${base}-c-${c.code}`}>{c.label}</label>
                    </div>
                  ))}
                </fieldset>
                <button
                  type="button"
                  className="admin-button"
                  onClick={() => {
                    setOwners((list) => list.filter((o) => o.key !== owner.key));
                    document.getElementById('review-owner-add')?.focus();
                  }}
                >
                  {tr('review.owners.remove', { n })}
                </button>
              </fieldset>
            );
          })}
          <div className="admin-actions">
            <button
              type="button"
              id="review-owner-add"
              className="admin-button"
              onClick={() => {
                const key = nextKey++;
                setOwners((list) => [
                  ...list,
                  { key, name: '', email: '', municipalities: [], categories: [] },
                ]);
                setTimeout(() => document.getElementById(`owner-${key}-name`)?.focus(), 0);
              }}
            >
              {tr('review.owners.add')}
            </button>
            <button
              type="submit"
              className="admin-button admin-button-primary"
              aria-disabled={saving || undefined}
            >
              {saving ? tr('review.owners.saving') : tr('review.owners.save')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
