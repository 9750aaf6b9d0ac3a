/**
 * Two acceptances can never oversell: many concurrent accepts through the real handlers against the
 * embedded DynamoDB (dynalite), each a conditional UpdateItem on the offer's PLACES item. The decisions
 * go to the deciding region's own path (`/api/admin/regions/{regionId}/exchange/requests/{id}/…`),
 * the routes each region's own admin function serves in AWS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, startPortal } from '../../local/server.ts';
import { apiAs, inDays } from './helpers.ts';

let portal: Portal;
let seller: ReturnType<typeof apiAs>;
let buyer: ReturnType<typeof apiAs>;

const ITEM = 'gr-yrkesvux-barnskotare'; // Göteborgsregionen
const PLACES = `/api/admin/regions/goteborgsregionen/interventions/${ITEM}/places`;
const INITIAL = 10;
/** Accept and decline at the seller's path, withdraw at the buyer's. */
const SELLER = (id: string, action: 'accept' | 'decline') =>
  `/api/admin/regions/goteborgsregionen/exchange/requests/${id}/${action}`;
const BUYER = (id: string) => `/api/admin/regions/sodertorn/exchange/requests/${id}/withdraw`;

async function askMany(sizes: number[]): Promise<{ id: string; places: number }[]> {
  const made: { id: string; places: number }[] = [];
  for (const places of sizes) {
    const answer = await buyer('/api/exchange/requests', {
      body: {
        sellerRegionId: 'goteborgsregionen',
        interventionId: ITEM,
        buyerMunicipality: '0126',
        places,
        fromDate: inDays(30),
      },
    });
    expect(answer.status).toBe(201);
    made.push({ id: answer.body.request.id, places });
  }
  return made;
}

beforeAll(async () => {
  portal = await startPortal({ siteDir: '/nonexistent' });
  seller = apiAs(portal, portal.tokenFor(['goteborgsregionen'], 'Greta Säljare'));
  buyer = apiAs(portal, portal.tokenFor(['sodertorn'], 'Bo Köpare'));
});
afterAll(async () => {
  await portal.close();
});

describe('concurrent acceptances', () => {
  it('never oversell: 24 requests for 1–3 places each, all accepted at once, against 10 free places', async () => {
    expect((await seller(PLACES, { method: 'PATCH', body: { placesAvailable: INITIAL } })).status).toBe(200);
    // Asked while there were places (asking checks the free places at that moment).
    const requests = await askMany(Array.from({ length: 24 }, (_, i) => (i % 3) + 1));
    const answers = await Promise.all(requests.map((r) => seller(SELLER(r.id, 'accept'), { body: {} })));
    const accepted = requests.filter((_, i) => answers[i]!.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    const acceptedPlaces = accepted.reduce((sum, r) => sum + r.places, 0);

    expect(acceptedPlaces).toBeLessThanOrEqual(INITIAL);
    expect(accepted.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('not-enough-places');
    }
    const now = (await seller(PLACES)).body;
    expect(now.places.placesAvailable).toBe(INITIAL - acceptedPlaces);
    // One history entry per acceptance, each for its own request.
    const taken = now.history.filter((h: { reason: string }) => h.reason === 'accept');
    expect(taken.map((h: { requestId: string }) => h.requestId).sort()).toEqual(
      accepted.map((r) => r.id).sort(),
    );
    // The requests agree with the places: exactly the accepted ones say so.
    const statuses = await Promise.all(
      requests.map(
        async (r) => (await seller(`/api/exchange/requests/${r.id}`)).body.request.status as string,
      ),
    );
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(accepted.length);
    expect(statuses.filter((s) => s === 'pending')).toHaveLength(refused.length);
  });

  it('one request accepted ten times at once takes its places once', async () => {
    await seller(PLACES, { method: 'PATCH', body: { placesAvailable: 5 } });
    const [request] = await askMany([2]);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => seller(SELLER(request!.id, 'accept'), { body: {} })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('request-decided');
    }
    expect((await seller(PLACES)).body.places.placesAvailable).toBe(3);
  });

  it('an acceptance racing a decline: exactly one wins, and declined places are never taken', async () => {
    await seller(PLACES, { method: 'PATCH', body: { placesAvailable: 6 } });
    const requests = await askMany([1, 1, 1, 1, 1, 1]);
    const answers = await Promise.all(
      requests.flatMap((r) => [
        seller(SELLER(r.id, 'accept'), { body: {} }),
        seller(SELLER(r.id, 'decline'), { body: { reason: 'Samtidigt beslut' } }),
      ]),
    );
    let acceptedCount = 0;
    for (let i = 0; i < requests.length; i++) {
      const [accept, decline] = [answers[2 * i]!, answers[2 * i + 1]!];
      expect([accept.status, decline.status].filter((s) => s === 200)).toHaveLength(1);
      const status = (await seller(`/api/exchange/requests/${requests[i]!.id}`)).body.request.status;
      expect(status).toBe(accept.status === 200 ? 'accepted' : 'declined');
      if (status === 'accepted') acceptedCount++;
    }
    expect((await seller(PLACES)).body.places.placesAvailable).toBe(6 - acceptedCount);
  });

  it('an acceptance racing a withdrawal: exactly one wins, and withdrawn requests never keep places', async () => {
    await seller(PLACES, { method: 'PATCH', body: { placesAvailable: 6 } });
    const requests = await askMany([1, 1, 1, 1, 1, 1]);
    const answers = await Promise.all(
      requests.flatMap((r) => [
        seller(SELLER(r.id, 'accept'), { body: {} }),
        buyer(BUYER(r.id), { body: { reason: 'Samtidigt beslut' } }),
      ]),
    );
    let acceptedCount = 0;
    for (let i = 0; i < requests.length; i++) {
      const [accept, withdraw] = [answers[2 * i]!, answers[2 * i + 1]!];
      expect([accept.status, withdraw.status].filter((s) => s === 200)).toHaveLength(1);
      // The loser says why: decided already, or (the withdrawal) the acceptance under way.
      const loser = accept.status === 200 ? withdraw : accept;
      expect(loser.status).toBe(409);
      expect(['request-decided', 'request-being-accepted']).toContain(loser.body.error.code);
      const status = (await seller(`/api/exchange/requests/${requests[i]!.id}`)).body.request.status;
      expect(status).toBe(accept.status === 200 ? 'accepted' : 'withdrawn');
      if (status === 'accepted') acceptedCount++;
    }
    expect((await seller(PLACES)).body.places.placesAvailable).toBe(6 - acceptedCount);
  });
});
