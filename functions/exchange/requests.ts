/**
 * Requests for places between municipalities: ask, accept (the places go down atomically), decline,
 * withdraw. Plain functions; the handlers parse HTTP and map results. Every refusal changes nothing.
 *
 * Acceptance, without transactions:
 *   1. the request must be pending and the caller an administrator of the selling region;
 *   2. take the places on the offer's PLACES item (one conditional UpdateItem, idempotent per request);
 *   3. move the request pending → accepted (one conditional UpdateItem).
 * If step 3 loses to a decline or withdrawal that came in between, the places are given back. A crash
 * between 2 and 3 leaves the request pending with its places taken: accepting it again completes it
 * (step 2 finds the request's id and takes nothing more), declining it gives the places back.
 */
import { randomUUID } from 'node:crypto';
import type {
  CreateRequest,
  ExchangeRequest,
  Places,
  RequestEvent,
  RequestStatus,
} from '../../shared/exchange.ts';
import { getMunicipality } from '../../shared/geo.ts';
import type { Intervention } from '../../shared/intervention.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { topLevelCategory } from '../../shared/taxonomy.ts';
import type { Caller } from '../auth/claims.ts';
import { getItem, readPointer } from '../catalogue/store.ts';
import { HttpError, notFound } from '../lib/errors.ts';
import { log } from '../lib/log.ts';
import { getRegion, listRegions } from '../registry/store.ts';
import {
  effectivePlaces,
  PlacesConflictError,
  readPlaces,
  returnPlaces,
  takePlaces,
} from './places-store.ts';
import { addToStats, changeStatus, createRequest, getRequest, listRequests } from './requests-store.ts';

const forbidden = (messages: { sv: string; en: string }) => new HttpError(403, 'forbidden', messages);

export const notYourRequest = () =>
  forbidden({
    sv: 'Förfrågan gäller inte någon av dina regioner. Ingenting har ändrats.',
    en: 'The request does not concern any of your regions. Nothing was changed.',
  });

const requestNotFound = (id: string) =>
  new HttpError(404, 'request-not-found', {
    sv: `Förfrågan "${id}" finns inte.`,
    en: `The request "${id}" does not exist.`,
  });

const STATUS_SV: Record<RequestStatus, string> = {
  pending: 'väntar på svar',
  accepted: 'accepterad',
  declined: 'avböjd',
  withdrawn: 'återkallad',
};

const alreadyDecided = (request: ExchangeRequest) =>
  new HttpError(
    409,
    'request-decided',
    {
      sv: `Förfrågan är redan ${STATUS_SV[request.status]}. Ingenting har ändrats.`,
      en: `The request is already ${request.status}. Nothing was changed.`,
    },
    { details: { status: request.status } },
  );

export function placesConflict(error: PlacesConflictError, wanted: number): HttpError {
  const details = { reason: error.reason, placesAvailable: error.available, placesRequested: wanted };
  switch (error.reason) {
    case 'not-enough':
      return new HttpError(
        409,
        'not-enough-places',
        {
          sv: `Det finns bara ${error.available} lediga platser, men förfrågan gäller ${wanted}. Ingenting har ändrats. Uppdatera antalet lediga platser eller avböj förfrågan med en förklaring.`,
          en: `Only ${error.available} places are free, but the request is for ${wanted}. Nothing was changed. Update the free places or decline the request with an explanation.`,
        },
        { details },
      );
    case 'closed':
      return new HttpError(
        409,
        'offer-closed',
        {
          sv: 'Insatsen är inte längre öppen för andra kommuner. Ingenting har ändrats.',
          en: 'The intervention is no longer open to other municipalities. Nothing was changed.',
        },
        { details },
      );
    case 'unknown-places':
      return new HttpError(
        409,
        'places-unknown',
        {
          sv: 'Antalet lediga platser är inte angivet för insatsen. Ange lediga platser först. Ingenting har ändrats.',
          en: 'The number of free places is not set for the intervention. Set the free places first. Nothing was changed.',
        },
        { details },
      );
    default:
      return new HttpError(
        409,
        'places-busy',
        {
          sv: 'Platserna ändrades samtidigt av någon annan. Ingenting har ändrats. Försök igen.',
          en: 'The places were changed by someone else at the same moment. Nothing was changed. Try again.',
        },
        { details },
      );
  }
}

async function requireRegion(regionId: string): Promise<RegionConfig> {
  const region = await getRegion(regionId);
  if (!region) throw notFound('region', regionId);
  return region;
}

/** The intervention as the live catalogue has it now. */
export async function liveIntervention(region: RegionConfig, id: string): Promise<Intervention | undefined> {
  const live = await readPointer(region.tableName);
  return live ? getItem(region.tableName, live.version, id) : undefined;
}

const eventOf = (caller: Caller, regionId: string, status: RequestStatus, now: Date, reason?: string) =>
  ({
    status,
    at: now.toISOString(),
    by: caller.name.slice(0, 120),
    regionId,
    ...(reason ? { reason } : {}),
  }) satisfies RequestEvent;

/** Count into the public statistics; a failure is logged, never fails the decision already made. */
async function count(request: ExchangeRequest, delta: Parameters<typeof addToStats>[3]): Promise<void> {
  const category = topLevelCategory(request.category);
  try {
    await Promise.all([
      addToStats(request.buyerCounty, 'BUY', category, delta),
      addToStats(request.sellerCounty, 'SELL', category, delta),
    ]);
  } catch (error) {
    log.error('exchange statistics not counted', { requestId: request.id, error });
  }
}

export async function askForPlaces(caller: Caller, body: CreateRequest, now = new Date()) {
  const regions = await listRegions();
  const buyer = regions.find(
    (r) => caller.regions.includes(r.id) && r.municipalities.includes(body.buyerMunicipality),
  );
  if (!buyer) {
    throw forbidden({
      sv: `Kommunen ${body.buyerMunicipality} hör inte till någon av dina regioner. Välj en av dina egna kommuner som köpare.`,
      en: `The municipality ${body.buyerMunicipality} is not in any of your regions. Choose one of your own municipalities as the buyer.`,
    });
  }
  const seller = regions.find((r) => r.id === body.sellerRegionId);
  if (!seller) throw notFound('region', body.sellerRegionId);
  if (seller.id === buyer.id) {
    throw new HttpError(400, 'own-region', {
      sv: 'Insatsen hör till din egen region. Förfrågningar går bara till andra regioner.',
      en: 'The intervention belongs to your own region. Requests go to other regions only.',
    });
  }
  if (body.fromDate < now.toISOString().slice(0, 10)) {
    throw new HttpError(400, 'from-date-past', {
      sv: 'Startdatumet har redan passerat. Välj dagens datum eller ett senare.',
      en: 'The start date has passed. Choose today or a later date.',
    });
  }
  const item = await liveIntervention(seller, body.interventionId);
  if (!item) throw notFound('intervention', body.interventionId);
  const places = effectivePlaces(item, await readPlaces(seller.tableName, item.id));
  if (!places.open)
    throw placesConflict(new PlacesConflictError('closed', places.placesAvailable ?? 0), body.places);
  if ((places.placesAvailable ?? 0) < body.places) {
    throw placesConflict(new PlacesConflictError('not-enough', places.placesAvailable ?? 0), body.places);
  }
  const at = now.toISOString();
  const request: ExchangeRequest = {
    id: randomUUID(),
    status: 'pending',
    buyerRegionId: buyer.id,
    buyerMunicipality: body.buyerMunicipality,
    buyerCounty: getMunicipality(body.buyerMunicipality)?.county ?? buyer.county[0]!,
    sellerRegionId: seller.id,
    sellerCounty: getMunicipality(item.municipalities[0]!)?.county ?? seller.county[0]!,
    interventionId: item.id,
    interventionTitle: item.title.sv,
    category: item.category,
    places: body.places,
    fromDate: body.fromDate,
    ...(body.message ? { message: body.message } : {}),
    ...(places.pricePerParticipantSek !== undefined
      ? { pricePerParticipantSek: places.pricePerParticipantSek }
      : {}),
    ...(places.pricePeriod ? { pricePeriod: places.pricePeriod } : {}),
    requestedBy: caller.name.slice(0, 120),
    createdAt: at,
    updatedAt: at,
    history: [eventOf(caller, buyer.id, 'pending', now)],
  };
  await createRequest(request);
  await count(request, { requestedPlaces: request.places, requests: 1 });
  return request;
}

async function loadFor(caller: Caller, id: string, side: 'seller' | 'buyer' | 'either') {
  const request = await getRequest(id);
  if (!request) throw requestNotFound(id);
  const isSeller = caller.regions.includes(request.sellerRegionId);
  const isBuyer = caller.regions.includes(request.buyerRegionId);
  const allowed = side === 'seller' ? isSeller : side === 'buyer' ? isBuyer : isSeller || isBuyer;
  if (!allowed) throw notYourRequest();
  return request;
}

export const readRequest = (caller: Caller, id: string) => loadFor(caller, id, 'either');

export async function acceptRequest(
  caller: Caller,
  id: string,
  now = new Date(),
): Promise<{ request: ExchangeRequest; places: Places }> {
  const request = await loadFor(caller, id, 'seller');
  if (request.status !== 'pending') throw alreadyDecided(request);
  const seller = await requireRegion(request.sellerRegionId);
  const item = await liveIntervention(seller, request.interventionId);
  if (!item) {
    throw new HttpError(409, 'offer-gone', {
      sv: 'Insatsen finns inte längre i katalogen. Avböj förfrågan med en förklaring. Ingenting har ändrats.',
      en: 'The intervention is no longer in the catalogue. Decline the request with an explanation. Nothing was changed.',
    });
  }
  let taken: Awaited<ReturnType<typeof takePlaces>>;
  try {
    taken = await takePlaces(
      seller.tableName,
      item,
      request.id,
      request.places,
      caller.name.slice(0, 120),
      now,
    );
  } catch (error) {
    if (error instanceof PlacesConflictError) throw placesConflict(error, request.places);
    throw error;
  }
  const accepted = await changeStatus(request.id, 'pending', eventOf(caller, seller.id, 'accepted', now));
  if (!accepted) {
    const current = (await getRequest(request.id)) ?? request;
    // Another decision came first. If it was not an acceptance, these places were never given: return them.
    if (current.status !== 'accepted') {
      await returnPlaces(
        seller.tableName,
        item.id,
        request.id,
        request.places,
        caller.name.slice(0, 120),
        now,
      );
    }
    throw alreadyDecided(current);
  }
  await count(accepted, { acceptedPlaces: accepted.places, acceptedRequests: 1 });
  return { request: accepted, places: effectivePlaces(item, taken.record) };
}

async function close(
  caller: Caller,
  id: string,
  side: 'seller' | 'buyer',
  status: 'declined' | 'withdrawn',
  reason: string | undefined,
  now: Date,
): Promise<ExchangeRequest> {
  const request = await loadFor(caller, id, side);
  if (request.status !== 'pending') throw alreadyDecided(request);
  const regionId = side === 'seller' ? request.sellerRegionId : request.buyerRegionId;
  const closed = await changeStatus(request.id, 'pending', eventOf(caller, regionId, status, now, reason));
  if (!closed) throw alreadyDecided((await getRequest(request.id)) ?? request);
  // An acceptance interrupted after taking the places (or racing this decision) gave nothing: give them back.
  const seller = await getRegion(request.sellerRegionId);
  if (seller) {
    await returnPlaces(
      seller.tableName,
      request.interventionId,
      request.id,
      request.places,
      caller.name.slice(0, 120),
      now,
    ).catch((error) => log.error('places not returned', { requestId: request.id, error }));
  }
  return closed;
}

export const declineRequest = (caller: Caller, id: string, reason: string, now = new Date()) =>
  close(caller, id, 'seller', 'declined', reason, now);

export const withdrawRequest = (caller: Caller, id: string, reason: string | undefined, now = new Date()) =>
  close(caller, id, 'buyer', 'withdrawn', reason, now);

export async function requestsOf(
  caller: Caller,
  direction: 'incoming' | 'outgoing',
  options: { region?: string; status?: RequestStatus; limit: number },
) {
  if (options.region && !caller.regions.includes(options.region)) {
    throw forbidden({
      sv: `Du är inte administratör för regionen "${options.region}".`,
      en: `You are not an administrator of the region "${options.region}".`,
    });
  }
  const regions = options.region ? [options.region] : caller.regions;
  const lists = await Promise.all(
    regions.map((regionId) =>
      listRequests(direction, regionId, { limit: options.limit, status: options.status }),
    ),
  );
  const requests = lists
    .flat()
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1))
    .slice(0, options.limit);
  return { direction, regions, requests };
}
