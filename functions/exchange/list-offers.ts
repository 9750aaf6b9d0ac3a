/**
 * GET /api/exchange/offers — the marketplace for signed-in administrators: interventions other regions
 * sell, with live free places and price; text search, price range, free places, same county first.
 */
import { OffersQuerySchema } from '../../shared/exchange.ts';
import { anyAdmin, callerOf } from '../auth/middleware.ts';
import { httpHandler, json, parseQuery } from '../lib/http.ts';
import { listRegions } from '../registry/store.ts';
import { refreshReviewIntervals } from '../review/config-store.ts';
import { guardStore } from './edge.ts';
import { findOffers } from './offers.ts';

export const handler = httpHandler(async (event) => {
  const query = parseQuery(OffersQuerySchema, event);
  const caller = callerOf(event);
  return json(
    200,
    await guardStore(async () => {
      await refreshReviewIntervals(await listRegions());
      return findOffers(caller, query);
    }),
  );
}, anyAdmin());
