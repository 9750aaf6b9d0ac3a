/**
 * The one place that decides who may act on a region: every admin handler uses `regionAdmin()`.
 * No verified token → 401; a token that does not name the path's region → 403 (nothing changes).
 */
import type middy from '@middy/core';
import { HttpError } from '../lib/errors.ts';
import type { HttpEvent, HttpResult } from '../lib/http.ts';
import { type Caller, callerFromClaims } from './claims.ts';

export type AuthorizedEvent = HttpEvent & { caller: Caller };

export const unauthenticated = () =>
  new HttpError(401, 'unauthorized', {
    sv: 'Du behöver logga in som administratör.',
    en: 'You need to sign in as an administrator.',
  });

export const forbiddenRegion = (regionId: string) =>
  new HttpError(403, 'forbidden', {
    sv: `Du är inte administratör för regionen "${regionId}". Ingenting har ändrats.`,
    en: `You are not an administrator of the region "${regionId}". Nothing was changed.`,
  });

export const forbiddenCountyBoard = () =>
  new HttpError(403, 'forbidden', {
    sv: 'Bara länsstyrelser får göra detta. Ingenting har ändrats.',
    en: 'Only county administrative boards may do this. Nothing was changed.',
  });

function authenticate(event: HttpEvent): Caller {
  const caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
  if (!caller) throw unauthenticated();
  return caller;
}

/** Requires a caller who administers the region named by the `regionId` path parameter. */
export function regionAdmin(): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    name: 'regionAdmin',
    before: (request) => {
      const caller = authenticate(request.event);
      const regionId = request.event.pathParameters?.regionId ?? '';
      if (!caller.regions.includes(regionId)) throw forbiddenRegion(regionId);
      (request.event as AuthorizedEvent).caller = caller;
    },
  };
}

/** Requires any signed-in administrator (the marketplace: every region's admins). */
export function anyAdmin(): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    name: 'anyAdmin',
    before: (request) => {
      const caller = authenticate(request.event);
      if (caller.regions.length === 0 && !caller.countyBoard) throw forbiddenRegion('*');
      (request.event as AuthorizedEvent).caller = caller;
    },
  };
}

/** Requires a county-board caller. */
export function countyBoard(): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    name: 'countyBoard',
    before: (request) => {
      const caller = authenticate(request.event);
      if (!caller.countyBoard) throw forbiddenCountyBoard();
      (request.event as AuthorizedEvent).caller = caller;
    },
  };
}

export function callerOf(event: HttpEvent): Caller {
  const caller = (event as Partial<AuthorizedEvent>).caller;
  if (!caller) throw unauthenticated();
  return caller;
}
