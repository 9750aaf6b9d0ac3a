/**
 * The marketplace page's island (/admin/marknad/): search what other regions sell (live price and free
 * places), ask for places — with the "no personal data" notice and a personnummer check before sending
 * (the API refuses one too) — and answer requests to the own region: accept, decline with a reason,
 * withdraw an own request. Both sides see each request's history.
 */
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  ExchangeRequest,
  Offer,
  OffersResponse,
  PricePeriod,
  RequestsResponse,
} from '../../../../shared/exchange.ts';
import { containsPersonnummer } from '../../../../shared/personnummer.ts';
import type { ExchangeKey, ExchangeLang, Tr } from '../../i18n/exchange/t.ts';
import { type Api, ApiError, formatDay, formatNumber, formatWhen, type Session, today } from './api.ts';
import { SessionGate, SessionLine, useSignedApi } from './Signed.tsx';

export interface AdminRegionInfo {
  id: string;
  name: string;
  municipalities: string[];
}

export interface MarketplaceProps {
  lang: ExchangeLang;
  regions: AdminRegionInfo[];
  municipalityNames: Record<string, string>;
  categories: { code: string; label: string }[];
}

const PERIODS: PricePeriod[] = ['participant', 'course', 'month', 'week', 'hour'];

export default function Marketplace(props: MarketplaceProps) {
  return (
    <SessionGate
      lang={props.lang}
      render={(tr, session, onEnded) => <Market {...props} tr={tr} session={session} onEnded={onEnded} />}
    />
  );
}

interface MarketProps extends MarketplaceProps {
  tr: Tr;
  session: Session;
  onEnded(): void;
}

function priceText(tr: Tr, lang: ExchangeLang, price: number | undefined, period: PricePeriod | undefined) {
  if (price === undefined) return tr('market.offer.noPrice');
  return `${formatNumber(lang, price)} kr ${period ? tr(`period.${period}` as ExchangeKey) : ''}`.trim();
}

function Market({ lang, regions, municipalityNames, categories, tr, session, onEnded }: MarketProps) {
  const { api, explain } = useSignedApi(session, lang, tr, onEnded);
  const regionNames = useMemo(() => Object.fromEntries(regions.map((r) => [r.id, r.name])), [regions]);
  const ownMunicipalities = useMemo(
    () =>
      regions
        .filter((r) => session.regions.includes(r.id))
        .flatMap((r) => r.municipalities)
        .map((code) => ({ code, name: municipalityNames[code] ?? code }))
        .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    [regions, session.regions, municipalityNames],
  );
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [requestsVersion, setRequestsVersion] = useState(0);

  return (
    <>
      <SessionLine tr={tr} session={session} regionNames={regionNames} />
      <p className="admin-status" role="status" id="market-status">
        {status}
      </p>
      <p className="admin-error" role="alert">
        {error}
      </p>
      <OfferSearch
        lang={lang}
        tr={tr}
        api={api}
        categories={categories}
        ownMunicipalities={ownMunicipalities}
        municipalityNames={municipalityNames}
        explain={explain}
        onSent={(message) => {
          setError('');
          setStatus(message);
          setRequestsVersion((v) => v + 1);
        }}
      />
      <Requests
        direction="incoming"
        lang={lang}
        tr={tr}
        api={api}
        version={requestsVersion}
        regionNames={regionNames}
        municipalityNames={municipalityNames}
        explain={explain}
        onChange={(message) => {
          setError('');
          setStatus(message);
          setRequestsVersion((v) => v + 1);
        }}
        onError={(message) => {
          setStatus('');
          setError(message);
        }}
      />
      <Requests
        direction="outgoing"
        lang={lang}
        tr={tr}
        api={api}
        version={requestsVersion}
        regionNames={regionNames}
        municipalityNames={municipalityNames}
        explain={explain}
        onChange={(message) => {
          setError('');
          setStatus(message);
          setRequestsVersion((v) => v + 1);
        }}
        onError={(message) => {
          setStatus('');
          setError(message);
        }}
      />
    </>
  );
}

// ── Search and offers ──────────────────────────────────────────────────────────────────────────────

interface SearchProps {
  lang: ExchangeLang;
  tr: Tr;
  api: Api;
  categories: { code: string; label: string }[];
  ownMunicipalities: { code: string; name: string }[];
  municipalityNames: Record<string, string>;
  explain(error: unknown): string;
  onSent(message: string): void;
}

function OfferSearch({
  lang,
  tr,
  api,
  categories,
  ownMunicipalities,
  municipalityNames,
  explain,
  onSent,
}: SearchProps) {
  const [form, setForm] = useState({
    q: '',
    category: '',
    municipality: '',
    minPrice: '',
    maxPrice: '',
    pricePeriod: '',
    minPlaces: '1',
    sameCounty: false,
  });
  const [answer, setAnswer] = useState<OffersResponse>();
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState('');
  const [openOffer, setOpenOffer] = useState<string>();

  const search = useCallback(
    async (cursor?: string) => {
      setSearching(true);
      setSearchError('');
      const params = new URLSearchParams({ lang, limit: '20' });
      if (form.q.trim()) params.set('q', form.q.trim());
      if (form.category) params.set('category', form.category);
      if (form.municipality) params.set('municipality', form.municipality);
      if (form.minPrice) params.set('minPrice', form.minPrice);
      if (form.maxPrice) params.set('maxPrice', form.maxPrice);
      if (form.pricePeriod) params.set('pricePeriod', form.pricePeriod);
      if (form.minPlaces && form.minPlaces !== '1') params.set('minPlaces', form.minPlaces);
      if (form.sameCounty) params.set('sameCounty', 'true');
      if (cursor) params.set('cursor', cursor);
      try {
        const next = await api<OffersResponse>(`/api/exchange/offers?${params}`);
        setAnswer((previous) =>
          cursor && previous ? { ...next, offers: [...previous.offers, ...next.offers] } : next,
        );
      } catch (caught) {
        setSearchError(explain(caught));
      } finally {
        setSearching(false);
      }
    },
    [api, explain, form, lang],
  );

  // The first search shows everything on offer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only once, on arrival
  useEffect(() => {
    void search();
  }, []);

  const set = (key: keyof typeof form) => (value: string | boolean) =>
    setForm((f) => ({ ...f, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search();
  };

  return (
    <section className="admin-panel" aria-labelledby="market-search-title">
      <h2 id="market-search-title">{tr('market.search.title')}</h2>
      <form className="exchange-search" onSubmit={submit} noValidate>
        <div className="admin-field">
          <label htmlFor="market-q">{tr('market.search.q')}</label>
          <p className="admin-hint" id="market-q-hint">
            {tr('market.search.qHint')}
          </p>
          <input
            id="market-q"
            type="search"
            value={form.q}
            onChange={(e) => set('q')(e.target.value)}
            aria-describedby="market-q-hint"
            maxLength={200}
          />
        </div>
        <div className="exchange-grid">
          <div className="admin-field">
            <label htmlFor="market-category">{tr('market.search.category')}</label>
            <select
              id="market-category"
              value={form.category}
              onChange={(e) => set('category')(e.target.value)}
            >
              <option value="">{tr('market.search.anyCategory')}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <div className="admin-field">
            <label htmlFor="market-buyer">{tr('market.search.buyer')}</label>
            <p className="admin-hint" id="market-buyer-hint">
              {tr('market.search.buyerHint')}
            </p>
            <select
              id="market-buyer"
              value={form.municipality}
              onChange={(e) => set('municipality')(e.target.value)}
              aria-describedby="market-buyer-hint"
            >
              <option value="">{tr('market.search.anyBuyer')}</option>
              {ownMunicipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="admin-field">
            <label htmlFor="market-min-price">{tr('market.search.minPrice')}</label>
            <input
              id="market-min-price"
              type="number"
              inputMode="numeric"
              min={0}
              value={form.minPrice}
              onChange={(e) => set('minPrice')(e.target.value)}
            />
          </div>
          <div className="admin-field">
            <label htmlFor="market-max-price">{tr('market.search.maxPrice')}</label>
            <input
              id="market-max-price"
              type="number"
              inputMode="numeric"
              min={0}
              value={form.maxPrice}
              onChange={(e) => set('maxPrice')(e.target.value)}
            />
          </div>
          <div className="admin-field">
            <label htmlFor="market-period">{tr('market.search.period')}</label>
            <select
              id="market-period"
              value={form.pricePeriod}
              onChange={(e) => set('pricePeriod')(e.target.value)}
            >
              <option value="">{tr('market.search.anyPeriod')}</option>
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {tr(`period.${p}` as ExchangeKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="admin-field">
            <label htmlFor="market-min-places">{tr('market.search.minPlaces')}</label>
            <input
              id="market-min-places"
              type="number"
              inputMode="numeric"
              min={1}
              value={form.minPlaces}
              onChange={(e) => set('minPlaces')(e.target.value)}
            />
          </div>
        </div>
        <div className="admin-check exchange-check">
          <input
            id="market-same-county"
            type="checkbox"
            checked={form.sameCounty}
            onChange={(e) => set('sameCounty')(e.target.checked)}
          />
          <label htmlFor="market-same-county">{tr('market.search.sameCounty')}</label>
        </div>
        <button
          type="submit"
          className="admin-button admin-button-primary"
          aria-disabled={searching || undefined}
        >
          {tr('market.search.submit')}
        </button>
      </form>
      <p className="admin-status" role="status" id="market-results-status">
        {searching
          ? tr('market.search.searching')
          : answer
            ? tr('market.results.count', { count: answer.total })
            : ''}
      </p>
      <p className="admin-error" role="alert">
        {searchError}
      </p>
      {answer && answer.total === 0 ? <p>{tr('market.results.none')}</p> : null}
      {answer && answer.offers.length > 0 ? (
        <ul className="exchange-list" aria-labelledby="market-search-title">
          {answer.offers.map((offer) => {
            const key = `${offer.regionId}/${offer.id}`;
            return (
              <li key={key}>
                <OfferCard
                  offer={offer}
                  lang={lang}
                  tr={tr}
                  municipalityNames={municipalityNames}
                  open={openOffer === key}
                  onToggle={() => setOpenOffer((o) => (o === key ? undefined : key))}
                >
                  <RequestForm
                    offer={offer}
                    lang={lang}
                    tr={tr}
                    api={api}
                    buyers={ownMunicipalities}
                    explain={explain}
                    onSent={(message) => {
                      setOpenOffer(undefined);
                      onSent(message);
                      document.getElementById('market-status')?.focus();
                      void search();
                    }}
                  />
                </OfferCard>
              </li>
            );
          })}
        </ul>
      ) : null}
      {answer?.nextCursor ? (
        <button
          type="button"
          className="admin-button"
          onClick={() => void search(answer.nextCursor ?? undefined)}
        >
          {tr('market.results.more')}
        </button>
      ) : null}
    </section>
  );
}

const domId = (offer: Offer) => `offer-${offer.regionId}-${offer.id}`.replace(/[^A-Za-z0-9_-]/g, '_');

function OfferCard({
  offer,
  lang,
  tr,
  municipalityNames,
  open,
  onToggle,
  children,
}: {
  offer: Offer;
  lang: ExchangeLang;
  tr: Tr;
  municipalityNames: Record<string, string>;
  open: boolean;
  onToggle(): void;
  children: React.ReactNode;
}) {
  const id = domId(offer);
  const title = offer.title[lang] ?? offer.title.sv ?? offer.id;
  const titleLang = offer.title[lang] ? lang : 'sv';
  return (
    <article className="exchange-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} lang={titleLang}>
        {title}
      </h3>
      <p className="exchange-badges">
        <span className="admin-badge">{tr(`market.offer.distance.${offer.distance}` as ExchangeKey)}</span>
        {offer.placesStale ? (
          <span className="admin-badge exchange-badge-warn">{tr('market.offer.stale')}</span>
        ) : null}
        {offer.reviewState !== 'current' && offer.lastReviewedAt ? (
          <span className="admin-badge exchange-badge-warn">
            {tr('market.offer.notReviewed', { date: formatDay(offer.lastReviewedAt) })}
          </span>
        ) : null}
      </p>
      <dl className="exchange-facts">
        <div>
          <dt>{tr('market.offer.region')}</dt>
          <dd>{offer.regionName}</dd>
        </div>
        <div>
          <dt>{tr('market.offer.where')}</dt>
          <dd>{offer.municipalities.map((m) => municipalityNames[m] ?? m).join(', ')}</dd>
        </div>
        <div>
          <dt>{tr('market.offer.price')}</dt>
          <dd>{priceText(tr, lang, offer.pricePerParticipantSek, offer.pricePeriod)}</dd>
        </div>
        <div>
          <dt>{tr('market.offer.places')}</dt>
          <dd>{formatNumber(lang, offer.placesAvailable)}</dd>
        </div>
        <div>
          <dt>{tr('market.offer.updated')}</dt>
          <dd>
            {offer.placesUpdatedAt ? formatDay(offer.placesUpdatedAt) : tr('market.offer.updatedNever')}
          </dd>
        </div>
      </dl>
      <button
        type="button"
        className="admin-button"
        aria-expanded={open}
        aria-controls={`${id}-request`}
        onClick={onToggle}
        id={`${id}-ask`}
      >
        {open ? tr('market.offer.close') : tr('market.offer.ask')}
      </button>
      <div id={`${id}-request`} hidden={!open}>
        {open ? children : null}
      </div>
    </article>
  );
}

function RequestForm({
  offer,
  lang,
  tr,
  api,
  buyers,
  explain,
  onSent,
}: {
  offer: Offer;
  lang: ExchangeLang;
  tr: Tr;
  api: Api;
  buyers: { code: string; name: string }[];
  explain(error: unknown): string;
  onSent(message: string): void;
}) {
  const id = domId(offer);
  const [buyer, setBuyer] = useState(buyers[0]?.code ?? '');
  const [places, setPlaces] = useState('1');
  const [from, setFrom] = useState(today());
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'places' | 'from' | 'message', string>>>({});
  const [failure, setFailure] = useState('');
  const [sending, setSending] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const title = offer.title[lang] ?? offer.title.sv ?? offer.id;
  const max = offer.placesAvailable;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const n = Number(places);
    const found: typeof errors = {};
    if (!Number.isInteger(n) || n < 1 || n > max) found.places = tr('request.error.places', { max });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || from < today()) found.from = tr('request.error.from');
    if (containsPersonnummer(message)) found.message = tr('request.error.personnummer');
    setErrors(found);
    setFailure('');
    const invalid = (['places', 'from', 'message'] as const).find((k) => found[k]);
    if (invalid) {
      document.getElementById(`${id}-${invalid}`)?.focus();
      return;
    }
    setSending(true);
    try {
      await api('/api/exchange/requests', {
        body: {
          sellerRegionId: offer.regionId,
          interventionId: offer.id,
          buyerMunicipality: buyer,
          places: n,
          fromDate: from,
          ...(message.trim() ? { message: message.trim() } : {}),
        },
      });
      onSent(tr('request.sent', { places: n, title, region: offer.regionName }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'personal-data') {
        setErrors({ message: caught.message });
        document.getElementById(`${id}-message`)?.focus();
      } else setFailure(explain(caught));
    } finally {
      setSending(false);
    }
  }

  const describedBy = (field: 'places' | 'from' | 'message', hint?: string) =>
    [hint, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form className="exchange-request" onSubmit={submit} noValidate aria-labelledby={`${id}-form-title`}>
      <h4 id={`${id}-form-title`}>{tr('request.form.title', { title })}</h4>
      <p className="exchange-privacy" id={`${id}-privacy`}>
        <strong>{tr('request.privacy')}</strong>
      </p>
      <div className="admin-field">
        <label htmlFor={`${id}-buyer`}>{tr('request.buyer')}</label>
        <select id={`${id}-buyer`} ref={first} value={buyer} onChange={(e) => setBuyer(e.target.value)}>
          {buyers.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div className="admin-field">
        <label htmlFor={`${id}-places`}>{tr('request.places')}</label>
        <p className="admin-hint" id={`${id}-places-hint`}>
          {tr('request.placesHint', { max })}
        </p>
        <input
          id={`${id}-places`}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          required
          value={places}
          onChange={(e) => setPlaces(e.target.value)}
          aria-invalid={errors.places ? true : undefined}
          aria-describedby={describedBy('places', `${id}-places-hint`)}
        />
        {errors.places ? (
          <p className="admin-field-error" id={`${id}-places-error`}>
            {errors.places}
          </p>
        ) : null}
      </div>
      <div className="admin-field">
        <label htmlFor={`${id}-from`}>{tr('request.from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          min={today()}
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          aria-invalid={errors.from ? true : undefined}
          aria-describedby={describedBy('from')}
        />
        {errors.from ? (
          <p className="admin-field-error" id={`${id}-from-error`}>
            {errors.from}
          </p>
        ) : null}
      </div>
      <div className="admin-field">
        <label htmlFor={`${id}-message`}>{tr('request.message')}</label>
        <p className="admin-hint" id={`${id}-message-hint`}>
          {tr('request.messageHint')}
        </p>
        <textarea
          id={`${id}-message`}
          rows={4}
          maxLength={1000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={describedBy('message', `${id}-privacy ${id}-message-hint`)}
        />
        {errors.message ? (
          <p className="admin-field-error" id={`${id}-message-error`}>
            {errors.message}
          </p>
        ) : null}
      </div>
      <p className="admin-error" role="alert">
        {failure}
      </p>
      <button
        type="submit"
        className="admin-button admin-button-primary"
        aria-disabled={sending || undefined}
      >
        {sending ? tr('request.sending') : tr('request.send')}
      </button>
    </form>
  );
}

// ── Requests ───────────────────────────────────────────────────────────────────────────────────────

interface RequestsProps {
  direction: 'incoming' | 'outgoing';
  lang: ExchangeLang;
  tr: Tr;
  api: Api;
  version: number;
  regionNames: Record<string, string>;
  municipalityNames: Record<string, string>;
  explain(error: unknown): string;
  onChange(message: string): void;
  onError(message: string): void;
}

function Requests({
  direction,
  lang,
  tr,
  api,
  version,
  regionNames,
  municipalityNames,
  explain,
  onChange,
  onError,
}: RequestsProps) {
  const [requests, setRequests] = useState<ExchangeRequest[]>();
  const [loadError, setLoadError] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes to reload the list on purpose
  useEffect(() => {
    let stale = false;
    api<RequestsResponse>(`/api/exchange/requests?direction=${direction}`).then(
      (answer) => {
        if (!stale) {
          setRequests(answer.requests);
          setLoadError('');
        }
      },
      (caught) => {
        if (!stale) setLoadError(explain(caught));
      },
    );
    return () => {
      stale = true;
    };
  }, [api, direction, explain, version]);
  const titleId = `requests-${direction}-title`;
  return (
    <section className="admin-panel" aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1}>
        {tr(direction === 'incoming' ? 'requests.incoming.title' : 'requests.outgoing.title')}
      </h2>
      <p className="admin-error" role="alert">
        {loadError}
      </p>
      {requests === undefined && !loadError ? <p>{tr('requests.loading')}</p> : null}
      {requests?.length === 0 ? <p>{tr('requests.none')}</p> : null}
      {requests && requests.length > 0 ? (
        <ul className="exchange-list">
          {requests.map((request) => (
            <li key={request.id}>
              <RequestCard
                request={request}
                direction={direction}
                lang={lang}
                tr={tr}
                api={api}
                regionNames={regionNames}
                municipalityNames={municipalityNames}
                explain={explain}
                onChange={onChange}
                onError={onError}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function RequestCard({
  request,
  direction,
  lang,
  tr,
  api,
  regionNames,
  municipalityNames,
  explain,
  onChange,
  onError,
}: Omit<RequestsProps, 'version'> & { request: ExchangeRequest }) {
  const id = `request-${request.id}`;
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [busy, setBusy] = useState(false);
  const buyer = municipalityNames[request.buyerMunicipality] ?? request.buyerMunicipality;

  async function act(path: 'accept' | 'decline' | 'withdraw', body: object = {}) {
    if (busy) return;
    setBusy(true);
    try {
      // Decided under the deciding region's own path: the seller's for accept and decline, the buyer's
      // for withdraw (in AWS, that region's own function with that region's credentials).
      const regionId = path === 'withdraw' ? request.buyerRegionId : request.sellerRegionId;
      const answer = await api<{ request: ExchangeRequest; places?: { placesAvailable?: number } }>(
        `/api/admin/regions/${encodeURIComponent(regionId)}/exchange/requests/${encodeURIComponent(request.id)}/${path}`,
        { body },
      );
      onChange(
        path === 'accept'
          ? tr('requests.accepted', { places: answer.places?.placesAvailable ?? '–' })
          : tr(path === 'decline' ? 'requests.declined' : 'requests.withdrawn'),
      );
      document.getElementById('market-status')?.focus();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'personal-data') setReasonError(caught.message);
      else onError(explain(caught));
    } finally {
      setBusy(false);
    }
  }

  function submitDecline(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(tr('requests.error.reason'));
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    if (containsPersonnummer(reason)) {
      setReasonError(tr('request.error.personnummer'));
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setReasonError('');
    void act('decline', { reason: reason.trim() });
  }

  return (
    <article className="exchange-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <span lang="sv">{request.interventionTitle}</span>
      </h3>
      <p className="exchange-badges">
        <span className={`admin-badge exchange-status-${request.status}`}>
          {tr(`requests.status.${request.status}` as ExchangeKey)}
        </span>
      </p>
      <p>{tr('requests.summary', { places: request.places, from: request.fromDate, buyer })}</p>
      <dl className="exchange-facts">
        <div>
          <dt>{tr('requests.from')}</dt>
          <dd>
            {regionNames[request.buyerRegionId] ?? request.buyerRegionId} ({buyer}), {request.requestedBy}
          </dd>
        </div>
        <div>
          <dt>{tr('requests.to')}</dt>
          <dd>{regionNames[request.sellerRegionId] ?? request.sellerRegionId}</dd>
        </div>
        {request.pricePerParticipantSek !== undefined ? (
          <div>
            <dt>{tr('requests.price')}</dt>
            <dd>{priceText(tr, lang, request.pricePerParticipantSek, request.pricePeriod)}</dd>
          </div>
        ) : null}
        {request.message ? (
          <div>
            <dt>{tr('requests.message')}</dt>
            <dd className="exchange-message">{request.message}</dd>
          </div>
        ) : null}
      </dl>
      <h4 id={`${id}-history`}>{tr('requests.history')}</h4>
      <ol className="exchange-history" aria-labelledby={`${id}-history`}>
        {request.history.map((event) => (
          <li key={`${event.status}-${event.at}`}>
            {tr('requests.event', {
              status: tr(`requests.status.${event.status}` as ExchangeKey),
              when: formatWhen(event.at),
              by: event.by,
              region: regionNames[event.regionId] ?? event.regionId,
            })}
            {event.reason ? ` ${tr('requests.reason', { reason: event.reason })}` : ''}
          </li>
        ))}
      </ol>
      {request.status === 'pending' && direction === 'incoming' ? (
        <>
          <div className="admin-actions">
            <button
              type="button"
              className="admin-button admin-button-primary"
              aria-disabled={busy || undefined}
              onClick={() => void act('accept')}
              aria-describedby={`${id}-title`}
            >
              {tr('requests.accept')}
            </button>
            <button
              type="button"
              className="admin-button"
              aria-expanded={declining}
              aria-controls={`${id}-decline`}
              onClick={() => setDeclining((d) => !d)}
              aria-describedby={`${id}-title`}
            >
              {tr('requests.decline')}
            </button>
          </div>
          <form id={`${id}-decline`} hidden={!declining} onSubmit={submitDecline} noValidate>
            <div className="admin-field">
              <label htmlFor={`${id}-reason`}>{tr('requests.declineReason')}</label>
              <p className="admin-hint" id={`${id}-reason-hint`}>
                {tr('requests.declineReasonHint')}
              </p>
              <textarea
                id={`${id}-reason`}
                rows={3}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ''}`}
              />
              {reasonError ? (
                <p className="admin-field-error" id={`${id}-reason-error`}>
                  {reasonError}
                </p>
              ) : null}
            </div>
            <div className="admin-actions">
              <button
                type="submit"
                className="admin-button admin-button-primary"
                aria-disabled={busy || undefined}
              >
                {tr('requests.declineSend')}
              </button>
              <button type="button" className="admin-button" onClick={() => setDeclining(false)}>
                {tr('requests.cancel')}
              </button>
            </div>
          </form>
        </>
      ) : null}
      {request.status === 'pending' && direction === 'outgoing' ? (
        <div className="admin-actions">
          <button
            type="button"
            className="admin-button"
            aria-disabled={busy || undefined}
            onClick={() => void act('withdraw')}
            aria-describedby={`${id}-title`}
          >
            {tr('requests.withdraw')}
          </button>
        </div>
      ) : null}
    </article>
  );
}
