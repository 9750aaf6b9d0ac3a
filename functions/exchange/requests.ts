/**
 * Requests for places between municipalities: ask, accept (the places go down atomically), decline,
 * withdraw. Plain functions; the handlers parse HTTP and map results. Every refusal changes nothing.
 *
 * The decisions run in the deciding region's own admin function in AWS (accept and decline: the
 * seller's; withdraw: the buyer's), under `/api/admin/regions/{regionId}/exchange/requests/{id}/…`:
 * `regionId` must be that party of the request, and the function's role reaches that region's table
 * only (docs/reliability.md, "Tenant isolation in AWS"). So only the seller's function ever writes the
 * seller's places.
 *
 * Acceptance, without transactions:
 *   1. the request must be pending and `regionId` (administered by the caller) its seller;
 *   2. mark the acceptance under way on the request (`accepting`, while it is pending);
 *   3. take the places on the offer's PLACES item (one conditional UpdateItem, idempotent per request);
 *   4. move the request pending → accepted (one conditional UpdateItem, which ends the mark).
 * If step 4 loses to a decline that came in between, the places are given back. A withdrawal is refused
 * while the mark is there (the buyer's function cannot give the seller's places back), so it never
 * leaves places taken. A crash between 3 and 4 leaves the request pending and marked with its places
 * taken: accepting it again completes it (step 3 finds the request's id and takes nothing more),
 * declining it gives the places back; until then the buyer cannot withdraw it.
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
import { forbiddenRegion } from '../auth/middleware.ts';
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
import {
  addToStats,
  beginAcceptance,
  changeStatus,
  createRequest,
  endAcceptance,
  getRequest,
  getRequestState,
  listRequests,
} from './requests-store.ts';

const forbidden = (messages: { sv: string; en: string }) => new HttpError(403, 'forbidden', messages);

export const notYourRequest = () =>
  forbidden({
    sv: 'Förfrågan gäller inte någon av dina regioner. Ingenting har ändrats.',
    en: 'The request does not concern any of your regions. Nothing was changed.',
  });

/** A decision asked at the path of a region that is not the deciding party of the request. */
export const notThisRegionsDecision = (regionId: string, side: 'seller' | 'buyer') =>
  side === 'seller'
    ? forbidden({
        sv: `Förfrågan är inte ställd till regionen "${regionId}". Bara den säljande regionen kan acceptera eller avböja den, under sin egen region. Ingenting har ändrats.`,
        en: `The request was not made to the region "${regionId}". Only the selling region can accept or decline it, under its own region. Nothing was changed.`,
      })
    : forbidden({
        sv: `Förfrågan är inte ställd av regionen "${regionId}". Bara den köpande regionen kan återkalla den, under sin egen region. Ingenting har ändrats.`,
        en: `The request was not made by the region "${regionId}". Only the buying region can withdraw it, under its own region. Nothing was changed.`,
      });

const beingAccepted = () =>
  new HttpError(409, 'request-being-accepted', {
    sv: 'Säljaren håller på att acceptera förfrågan just nu. Ingenting har ändrats. Försök igen om en stund, eller kontakta säljaren.',
    en: 'The seller is accepting the request right now. Nothing was changed. Try again in a moment, or contact the seller.',
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

/** One request, for an administrator of its buyer or its seller. */
export async function readRequest(caller: Caller, id: string): Promise<ExchangeRequest> {
  const request = await getRequest(id);
  if (!request) throw requestNotFound(id);
  const isParty =
    caller.regions.includes(request.sellerRegionId) || caller.regions.includes(request.buyerRegionId);
  if (!isParty) throw notYourRequest();
  return request;
}

/**
 * A request decided at `regionId`'s path: the caller must administer `regionId` (regionAdmin() checked
 * it; checked again here) and `regionId` must be the request's seller (accept, decline) or buyer
 * (withdraw). A region never decides for another, even when the caller administers both.
 */
async function loadAt(caller: Caller, regionId: string, id: string, side: 'seller' | 'buyer') {
  if (!caller.regions.includes(regionId)) throw forbiddenRegion(regionId);
  const request = await getRequest(id);
  if (!request) throw requestNotFound(id);
  const party = side === 'seller' ? request.sellerRegionId : request.buyerRegionId;
  if (party !== regionId) throw notThisRegionsDecision(regionId, side);
  return request;
}

export async function acceptRequest(
  caller: Caller,
  regionId: string,
  id: string,
  now = new Date(),
): Promise<{ request: ExchangeRequest; places: Places }> {
  const request = await loadAt(caller, regionId, id, 'seller');
  if (request.status !== 'pending') throw alreadyDecided(request);
  const seller = await requireRegion(regionId);
  const item = await liveIntervention(seller, request.interventionId);
  if (!item) {
    throw new HttpError(409, 'offer-gone', {
      sv: 'Insatsen finns inte längre i katalogen. Avböj förfrågan med en förklaring. Ingenting har ändrats.',
      en: 'The intervention is no longer in the catalogue. Decline the request with an explanation. Nothing was changed.',
    });
  }
  const token = randomUUID();
  if (!(await beginAcceptance(request.id, token))) {
    throw alreadyDecided((await getRequest(request.id)) ?? request);
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
    if (error instanceof PlacesConflictError) {
      // Refused before anything was taken: a withdrawal may come through again.
      await endAcceptance(request.id, token).catch((cause) =>
        log.error('acceptance mark not removed', { requestId: request.id, error: cause }),
      );
      throw placesConflict(error, request.places);
    }
    // Any other failure may have come after the take: the mark stays until the seller accepts again
    // (which completes it) or declines (which gives the places back).
    throw error;
  }
  const accepted = await changeStatus(request.id, 'pending', eventOf(caller, seller.id, 'accepted', now));
  if (!accepted) {
    const current = (await getRequest(request.id)) ?? request;
    // Another decision came first (an acceptance, or the seller's decline: a withdrawal waits for the
    // mark). If it was not an acceptance, these places were never given: return them.
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

/** The seller declines, at its own region's path; places an interrupted acceptance took go back. */
export async function declineRequest(
  caller: Caller,
  regionId: string,
  id: string,
  reason: string,
  now = new Date(),
): Promise<ExchangeRequest> {
  const request = await loadAt(caller, regionId, id, 'seller');
  if (request.status !== 'pending') throw alreadyDecided(request);
  const closed = await changeStatus(
    request.id,
    'pending',
    eventOf(caller, regionId, 'declined', now, reason),
  );
  if (!closed) throw alreadyDecided((await getRequest(request.id)) ?? request);
  // An acceptance interrupted after taking the places (or racing this decision) gave nothing: give them
  // back. The seller's own table: this runs in the seller's function.
  const seller = await getRegion(regionId);
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

/**
 * The buyer withdraws, at its own region's path. It writes the national table only (this runs in the
 * buyer's function, which cannot reach the seller's places), so it is refused while the seller's
 * acceptance is under way: then places may be taken for the request, and only the seller can give them back.
 */
export async function withdrawRequest(
  caller: Caller,
  regionId: string,
  id: string,
  reason: string | undefined,
  now = new Date(),
): Promise<ExchangeRequest> {
  const request = await loadAt(caller, regionId, id, 'buyer');
  if (request.status !== 'pending') throw alreadyDecided(request);
  const closed = await changeStatus(
    request.id,
    'pending',
    eventOf(caller, regionId, 'withdrawn', now, reason),
    { unlessAccepting: true },
  );
  if (closed) return closed;
  const current = await getRequestState(request.id);
  if (current?.request.status === 'pending' && current.accepting) throw beingAccepted();
  throw alreadyDecided(current?.request ?? request);
}

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
