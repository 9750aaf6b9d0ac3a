import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, startPortal } from '../../local/server.ts';
import { apiAs, inDays } from './helpers.ts';

let portal: Portal;
let sodertorn: ReturnType<typeof apiAs>;
let nordost: ReturnType<typeof apiAs>;
let goteborg: ReturnType<typeof apiAs>;
let anonymous: ReturnType<typeof apiAs>;

const ITEM = 'haninge-arbetsplatsorientering-vard'; // Södertörn, 4 places at 6 500 kr/month, county 01
const PLACES = `/api/admin/regions/sodertorn/interventions/${ITEM}/places`;

const ask = (body: Record<string, unknown> = {}, who = () => nordost) =>
  who()('/api/exchange/requests', {
    body: {
      sellerRegionId: 'sodertorn',
      interventionId: ITEM,
      buyerMunicipality: '0160', // Täby, in Nordost
      places: 1,
      fromDate: inDays(14),
      message: 'Vi har två deltagare som passar. Ring mig på 08-555 123 45.',
      ...body,
    },
  });

/** A decision at a region's own path: accept and decline are the seller's, withdraw the buyer's. */
const decide = (regionId: string, requestId: string, action: 'accept' | 'decline' | 'withdraw') =>
  `/api/admin/regions/${regionId}/exchange/requests/${requestId}/${action}`;

const outgoingIds = async () =>
  ((await nordost('/api/exchange/requests?direction=outgoing')).body.requests as { id: string }[]).map(
    (r) => r.id,
  );

beforeAll(async () => {
  portal = await startPortal({ siteDir: '/nonexistent' });
  sodertorn = apiAs(portal, portal.tokenFor(['sodertorn'], 'Sara Säljare'));
  nordost = apiAs(portal, portal.tokenFor(['nordost'], 'Nils Köpare'));
  goteborg = apiAs(portal, portal.tokenFor(['goteborgsregionen'], 'Greta Göteborg'));
  anonymous = apiAs(portal, null);
});
afterAll(async () => {
  await portal.close();
});

describe('asking for places', () => {
  it('an administrator of Nordost asks Södertörn for 2 places for Täby; both sides see it with its history', async () => {
    const answer = await ask({ places: 2 });
    expect(answer.status).toBe(201);
    const request = answer.body.request;
    expect(request).toMatchObject({
      status: 'pending',
      buyerRegionId: 'nordost',
      buyerMunicipality: '0160',
      buyerCounty: '01',
      sellerRegionId: 'sodertorn',
      sellerCounty: '01',
      interventionId: ITEM,
      interventionTitle: 'Arbetsplatsorientering inom vård och omsorg',
      category: 'arbete.arbetsplatsorientering',
      places: 2,
      pricePerParticipantSek: 6500,
      pricePeriod: 'month',
      requestedBy: 'Nils Köpare',
    });
    expect(request.history).toEqual([
      { status: 'pending', at: request.createdAt, by: 'Nils Köpare', regionId: 'nordost' },
    ]);
    const incoming = await sodertorn('/api/exchange/requests?direction=incoming');
    expect(incoming.status).toBe(200);
    expect(incoming.body.requests.map((r: { id: string }) => r.id)).toContain(request.id);
    expect(await outgoingIds()).toContain(request.id);
    // Not the other way round, and not for a third region.
    expect((await nordost('/api/exchange/requests?direction=incoming')).body.requests).toEqual([]);
    expect((await goteborg('/api/exchange/requests?direction=outgoing')).body.requests).toEqual([]);
    expect((await goteborg(`/api/exchange/requests/${request.id}`)).status).toBe(403);
    expect((await sodertorn(`/api/exchange/requests/${request.id}`)).body.request.id).toBe(request.id);
  });

  it.each([
    ['YYMMDD-NNNN', 'Deltagaren har personnummer 850709-1234.'],
    ['YYYYMMDDNNNN', 'Gäller 198507091234'],
    ['YYYYMMDD-NNNN', 'Elev: 19850709-1234'],
    ['a samordningsnummer', 'Samordningsnummer 850769-1234'],
    ['ten digits with a valid check digit', 'id 8112189876'],
  ])(
    'a personnummer in the message (%s) is refused with 422 and nothing is stored',
    async (_label, message) => {
      const before = await outgoingIds();
      const answer = await ask({ message });
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('personal-data');
      expect(answer.body.error.details).toEqual({ fields: ['message'] });
      expect(answer.body.error.message).toMatch(/personnummer/);
      // The number is never echoed back.
      expect(JSON.stringify(answer.body)).not.toMatch(/\d{6}[-+]?\d{4}/);
      expect(await outgoingIds()).toEqual(before);
    },
  );

  it('a personnummer in a field that does not exist is refused as personal data too', async () => {
    const answer = await ask({ participant: '850709-1234' });
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toEqual({ fields: ['participant'] });
  });

  it('an ordinary phone number, a year and a date in the message are fine', async () => {
    const answer = await ask({
      message:
        'Start hösten 2026 (från 2026-12-01). Ring 070-123 45 67 eller +46 8 555 123 45, org.nr 212000-0142.',
    });
    expect(answer.status).toBe(201);
    await sodertorn(decide('sodertorn', answer.body.request.id, 'decline'), {
      body: { reason: 'Testet är klart.' },
    });
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ['a field about participants', { participantName: 'Anna' }, 400, 'invalid-body'],
    ['zero places', { places: 0 }, 400, 'invalid-body'],
    ['a start date that has passed', { fromDate: '2020-01-01' }, 400, 'from-date-past'],
    ['a municipality of another region as buyer', { buyerMunicipality: '0126' }, 403, 'forbidden'],
    [
      'an intervention of the own region',
      { sellerRegionId: 'nordost', interventionId: 'taby-sfi-akademiker' },
      400,
      'own-region',
    ],
    ['an unknown intervention', { interventionId: 'finns-inte' }, 404, 'intervention-not-found'],
    ['more places than are free', { places: 50 }, 409, 'not-enough-places'],
  ])('%s is refused', async (_label, body, status, code) => {
    const before = await outgoingIds();
    const answer = await ask(body);
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(await outgoingIds()).toEqual(before);
  });

  it('without signing in: 401', async () => {
    expect((await ask({}, () => anonymous)).status).toBe(401);
    expect((await anonymous('/api/exchange/requests?direction=incoming')).status).toBe(401);
  });
});

describe('deciding on a request', () => {
  let requestId: string;

  beforeAll(async () => {
    await sodertorn(PLACES, { method: 'PATCH', body: { placesAvailable: 4 } });
    requestId = (await ask({ places: 3 })).body.request.id;
  });

  it('tenant isolation: neither the buyer nor a third region can accept or decline (403), nothing changes', async () => {
    const places = (await sodertorn(PLACES)).body.places.placesAvailable;
    const both = apiAs(portal, portal.tokenFor(['sodertorn', 'nordost'], 'Bea Båda'));
    const refusals: [ReturnType<typeof apiAs>, string, 'accept' | 'decline' | 'withdraw', RegExp][] = [
      // The buyer and a third region, at their own paths: the request is not theirs to decide.
      [nordost, 'nordost', 'accept', /not made to the region "nordost"/],
      [nordost, 'nordost', 'decline', /not made to the region "nordost"/],
      [goteborg, 'goteborgsregionen', 'accept', /not made to the region "goteborgsregionen"/],
      [goteborg, 'goteborgsregionen', 'decline', /not made to the region "goteborgsregionen"/],
      [goteborg, 'goteborgsregionen', 'withdraw', /not made by the region "goteborgsregionen"/],
      // …and at the seller's path: they do not administer it.
      [nordost, 'sodertorn', 'accept', /not an administrator of the region "sodertorn"/],
      [nordost, 'sodertorn', 'decline', /not an administrator of the region "sodertorn"/],
      [goteborg, 'sodertorn', 'accept', /not an administrator of the region "sodertorn"/],
      [goteborg, 'nordost', 'withdraw', /not an administrator of the region "nordost"/],
      // The seller cannot withdraw the buyer's request, at its own path or the buyer's.
      [sodertorn, 'sodertorn', 'withdraw', /not made by the region "sodertorn"/],
      [sodertorn, 'nordost', 'withdraw', /not an administrator of the region "nordost"/],
      // An administrator of both decides for each region at that region's path only.
      [both, 'nordost', 'accept', /not made to the region "nordost"/],
      [both, 'nordost', 'decline', /not made to the region "nordost"/],
      [both, 'sodertorn', 'withdraw', /not made by the region "sodertorn"/],
    ];
    for (const [who, regionId, action, message] of refusals) {
      const answer = await who(decide(regionId, requestId, action), {
        body: action === 'decline' ? { reason: 'Nej' } : {},
      });
      expect(answer.status, `${action} at ${regionId}`).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
      expect(answer.body.error.messages.en, `${action} at ${regionId}`).toMatch(message);
      expect(answer.body.error.messages.sv).toMatch(/Ingenting har ändrats/);
    }
    expect((await sodertorn(`/api/exchange/requests/${requestId}`)).body.request).toMatchObject({
      status: 'pending',
      history: [{ status: 'pending' }],
    });
    expect((await sodertorn(PLACES)).body.places.placesAvailable).toBe(places);
  });

  it('the old shared decision paths are gone (404)', async () => {
    for (const action of ['accept', 'decline', 'withdraw']) {
      const answer = await sodertorn(`/api/exchange/requests/${requestId}/${action}`, { body: {} });
      expect(answer.status, action).toBe(404);
    }
    expect((await sodertorn(`/api/exchange/requests/${requestId}`)).body.request.status).toBe('pending');
  });

  it('an unknown request at the own path is 404; a request id that is no uuid is 400', async () => {
    const unknown = await sodertorn(decide('sodertorn', '00000000-0000-4000-8000-000000000000', 'accept'), {
      body: {},
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('request-not-found');
    expect((await sodertorn(decide('sodertorn', 'r1', 'accept'), { body: {} })).status).toBe(400);
  });

  it('the owner accepts: free places go down by 3, both sides see who accepted and when', async () => {
    const answer = await sodertorn(decide('sodertorn', requestId, 'accept'), { body: {} });
    expect(answer.status).toBe(200);
    expect(answer.body.request.status).toBe('accepted');
    expect(answer.body.places.placesAvailable).toBe(1);
    const seen = await nordost(`/api/exchange/requests/${requestId}`);
    expect(
      seen.body.request.history.map((h: { status: string; by: string; regionId: string }) => [
        h.status,
        h.by,
        h.regionId,
      ]),
    ).toEqual([
      ['pending', 'Nils Köpare', 'nordost'],
      ['accepted', 'Sara Säljare', 'sodertorn'],
    ]);
    const history = (await sodertorn(PLACES)).body.history;
    expect(history[0]).toMatchObject({
      reason: 'accept',
      by: 'Sara Säljare',
      requestId,
      changes: { placesAvailable: [4, 1] },
    });
  });

  it('accepting or declining it again is 409 and changes nothing', async () => {
    expect((await sodertorn(decide('sodertorn', requestId, 'accept'), { body: {} })).body.error.code).toBe(
      'request-decided',
    );
    const declined = await sodertorn(decide('sodertorn', requestId, 'decline'), {
      body: { reason: 'Ångrar' },
    });
    expect(declined.status).toBe(409);
    expect((await sodertorn(PLACES)).body.places.placesAvailable).toBe(1);
  });

  it('accepting more than is free is 409 with a clear message, and nothing changes', async () => {
    await sodertorn(PLACES, { method: 'PATCH', body: { placesAvailable: 2 } });
    const id = (await ask({ places: 2 })).body.request.id;
    await sodertorn(PLACES, { method: 'PATCH', body: { placesAvailable: 1 } });
    const answer = await sodertorn(decide('sodertorn', id, 'accept'), { body: {} });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('not-enough-places');
    expect(answer.body.error.message).toBe(
      'Det finns bara 1 lediga platser, men förfrågan gäller 2. Ingenting har ändrats. Uppdatera antalet lediga platser eller avböj förfrågan med en förklaring.',
    );
    expect(answer.body.error.details).toEqual({
      reason: 'not-enough',
      placesAvailable: 1,
      placesRequested: 2,
    });
    expect((await sodertorn(`/api/exchange/requests/${id}`)).body.request.status).toBe('pending');
    expect((await sodertorn(PLACES)).body.places.placesAvailable).toBe(1);
  });

  it('the owner declines with a reason (required, no personal data); the buyer sees it', async () => {
    const id = (await ask({ places: 1 })).body.request.id;
    expect((await sodertorn(decide('sodertorn', id, 'decline'), { body: {} })).status).toBe(400);
    const withPnr = await sodertorn(decide('sodertorn', id, 'decline'), {
      body: { reason: 'Gäller 850709-1234' },
    });
    expect(withPnr.status).toBe(422);
    const answer = await sodertorn(decide('sodertorn', id, 'decline'), {
      body: { reason: 'Fullt till januari.' },
    });
    expect(answer.status).toBe(200);
    const seen = (await nordost(`/api/exchange/requests/${id}`)).body.request;
    expect(seen.status).toBe('declined');
    expect(seen.history[1]).toMatchObject({
      status: 'declined',
      by: 'Sara Säljare',
      reason: 'Fullt till januari.',
    });
    expect((await sodertorn(PLACES)).body.places.placesAvailable).toBe(1);
  });

  it('the buyer withdraws a pending request', async () => {
    const id = (await ask({ places: 1 })).body.request.id;
    const answer = await nordost(decide('nordost', id, 'withdraw'), {
      body: { reason: 'Löst på annat sätt' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.request.status).toBe('withdrawn');
    const pending = await sodertorn('/api/exchange/requests?direction=incoming&status=pending');
    expect(pending.body.requests.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('a listing for a region the caller does not administer is 403', async () => {
    expect((await nordost('/api/exchange/requests?direction=incoming&region=sodertorn')).status).toBe(403);
  });
});

describe('the numbers for the coverage page', () => {
  it('per county and category, requested and accepted places; counts 1–4 are withheld', async () => {
    const answer = await anonymous('/api/exchange/stats?county=01');
    expect(answer.status).toBe(200);
    const [county] = answer.body.counties;
    expect(county).toMatchObject({ county: '01', name: 'Stockholms län' });
    // Requested in this file: 2 + 1 + 3 + 2 + 1 + 1 places (6 requests), 3 accepted in 1 request.
    expect(county.bought.arbete).toEqual({
      requestedPlaces: 10,
      acceptedPlaces: null,
      requests: 6,
      acceptedRequests: null,
    });
    expect(county.sold.arbete).toEqual(county.bought.arbete);
    expect(answer.body.minimumReportableCount).toBe(5);
    expect(JSON.stringify(answer.body)).not.toMatch(/Nils|Sara|Täby|0160/);
  });

  it('without a county: only counties with exchanges; an unknown county is 400', async () => {
    const all = await anonymous('/api/exchange/stats');
    expect(all.body.counties.map((c: { county: string }) => c.county)).toEqual(['01']);
    expect((await anonymous('/api/exchange/stats?county=99')).status).toBe(400);
  });
});

/**
 * What the seller's function does to accept a request before it marks it accepted — mark it as being
 * accepted, take the places — and then "crashes". Returns whether the acceptance mark was taken.
 */
async function crashMidAcceptance(id: string, places: number): Promise<boolean> {
  const { beginAcceptance } = await import('../../functions/exchange/requests-store.ts');
  const { takePlaces } = await import('../../functions/exchange/places-store.ts');
  const { liveIntervention } = await import('../../functions/exchange/requests.ts');
  const { getRegion } = await import('../../functions/registry/store.ts');
  const seller = (await getRegion('sodertorn'))!;
  const marked = await beginAcceptance(id, 'crashed-acceptance');
  await takePlaces(
    seller.tableName,
    (await liveIntervention(seller, ITEM))!,
    id,
    places,
    'Sara Säljare',
    new Date(),
  );
  return marked;
}

describe('a withdrawal while the seller accepts (the buyer cannot give the seller’s places back)', () => {
  // After the statistics above, so their counts stay the ones of the requests made before.
  beforeAll(async () => {
    await sodertorn(PLACES, { method: 'PATCH', body: { placesAvailable: 4 } });
  });

  it('an acceptance interrupted after taking the places: the withdrawal waits (409), accepting again completes it once', async () => {
    const { getRequest } = await import('../../functions/exchange/requests-store.ts');
    const id = (await ask({ places: 2 })).body.request.id as string;
    expect(await crashMidAcceptance(id, 2)).toBe(true);
    expect((await sodertorn(PLACES)).body.places.placesAvailable).toBe(2);

    const withdrawn = await nordost(decide('nordost', id, 'withdraw'), { body: { reason: 'Hinner inte' } });
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.body.error.code).toBe('request-being-accepted');
    expect(withdrawn.body.error.messages.sv).toMatch(/Ingenting har ändrats/);
    expect((await getRequest(id))?.status).toBe('pending');
    // The mark is never part of the answered request.
    expect(Object.keys((await nordost(`/api/exchange/requests/${id}`)).body.request)).not.toContain(
      'accepting',
    );

    const accepted = await sodertorn(decide('sodertorn', id, 'accept'), { body: {} });
    expect(accepted.status).toBe(200);
    expect(accepted.body.places.placesAvailable).toBe(2); // taken once, not twice
    expect((await nordost(decide('nordost', id, 'withdraw'), { body: {} })).body.error.code).toBe(
      'request-decided',
    );
  });

  it('…or the seller declines it, which gives the places back; then the buyer may not withdraw it', async () => {
    await sodertorn(PLACES, { method: 'PATCH', body: { placesAvailable: 4 } });
    const id = (await ask({ places: 3 })).body.request.id as string;
    await crashMidAcceptance(id, 3);
    expect((await sodertorn(PLACES)).body.places.placesAvailable).toBe(1);
    const declined = await sodertorn(decide('sodertorn', id, 'decline'), { body: { reason: 'Ändrade oss' } });
    expect(declined.status).toBe(200);
    expect((await sodertorn(PLACES)).body.places).toMatchObject({ placesAvailable: 4 });
    expect((await sodertorn(PLACES)).body.history[0]).toMatchObject({ reason: 'refund', requestId: id });
  });

  it('an acceptance refused for want of places lets the withdrawal through again', async () => {
    await sodertorn(PLACES, { method: 'PATCH', body: { placesAvailable: 2 } });
    const id = (await ask({ places: 2 })).body.request.id as string;
    await sodertorn(PLACES, { method: 'PATCH', body: { placesAvailable: 1 } });
    expect((await sodertorn(decide('sodertorn', id, 'accept'), { body: {} })).body.error.code).toBe(
      'not-enough-places',
    );
    const withdrawn = await nordost(decide('nordost', id, 'withdraw'), { body: {} });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.request.status).toBe('withdrawn');
    expect((await sodertorn(PLACES)).body.places.placesAvailable).toBe(1);
  });
});
