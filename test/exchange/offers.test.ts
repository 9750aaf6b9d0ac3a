import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDate } from '../../local/seed.ts';
import { type Portal, startPortal } from '../../local/server.ts';
import { apiAs } from './helpers.ts';

let portal: Portal;
let nordost: ReturnType<typeof apiAs>;
let goteborg: ReturnType<typeof apiAs>;
let sodertorn: ReturnType<typeof apiAs>;

interface OfferLike {
  regionId: string;
  id: string;
  distance: string;
  placesAvailable: number;
  placesUpdatedAt: string | null;
  placesStale: boolean;
  pricePerParticipantSek?: number;
  score: number;
}
const offers = async (who: ReturnType<typeof apiAs>, query = '') => {
  const answer = await who(`/api/exchange/offers${query}`);
  expect(answer.status).toBe(200);
  return answer.body as {
    total: number;
    offers: OfferLike[];
    nextCursor: string | null;
    buyer: object;
    regions: object;
  };
};
const keys = (list: OfferLike[]) => list.map((o) => `${o.regionId}/${o.id}`);

beforeAll(async () => {
  portal = await startPortal({ siteDir: '/nonexistent' });
  nordost = apiAs(portal, portal.tokenFor(['nordost'], 'Nils'));
  goteborg = apiAs(portal, portal.tokenFor(['goteborgsregionen'], 'Greta'));
  sodertorn = apiAs(portal, portal.tokenFor(['sodertorn'], 'Sara'));
});
afterAll(async () => {
  await portal.close();
});

describe('the marketplace', () => {
  it("shows what OTHER regions sell, the buyer's county first", async () => {
    const answer = await offers(nordost, '?limit=100');
    expect(answer.offers.every((o) => o.regionId !== 'nordost')).toBe(true);
    expect(answer.total).toBe(7); // 3 in Södertörn + 4 in Göteborgsregionen
    const distances = answer.offers.map((o) => o.distance);
    // Stockholm county (Södertörn) before Västra Götaland (GR), never interleaved.
    expect(distances).toEqual([...Array(3).fill('same-county'), ...Array(4).fill('other-county')]);
    expect(answer.offers.slice(0, 3).every((o) => o.regionId === 'sodertorn')).toBe(true);
    expect(answer.buyer).toEqual({ municipality: null, counties: ['01'] });
    expect(answer.regions).toMatchObject({
      sodertorn: { status: 'ok' },
      goteborgsregionen: { status: 'ok' },
    });
    // Within a distance, the lowest price first.
    const prices = answer.offers.slice(0, 3).map((o) => o.pricePerParticipantSek!);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('for Göteborgsregionen the same offers of Stockholm are "other county"', async () => {
    const answer = await offers(goteborg, '?limit=100');
    expect(new Set(answer.offers.map((o) => o.regionId))).toEqual(new Set(['sodertorn', 'nordost']));
    expect(answer.offers.every((o) => o.distance === 'other-county')).toBe(true);
  });

  it('each offer has price, period, free places and when they were updated; older than 30 days is flagged', async () => {
    const answer = await offers(sodertorn, '?limit=100');
    const validering = answer.offers.find((o) => o.id === 'norrtalje-validering-bygg-restaurang')!;
    expect(validering).toMatchObject({
      pricePerParticipantSek: 14500,
      pricePeriod: 'participant',
      placesAvailable: 5,
      placesUpdatedAt: demoDate('2026-09-30T12:00:00Z'), // as written in the demo, moved to today
    });
    for (const offer of answer.offers) {
      const age = Date.now() - Date.parse(offer.placesUpdatedAt!);
      expect(offer.placesStale).toBe(age > 30 * 86_400_000);
    }
  });

  it('text search uses the search engine (stemming, Swedish letters folded)', async () => {
    const answer = await offers(goteborg, '?q=samhallsorientering');
    // The best match first; the engine may also find "…orientering" compounds, ranked below.
    expect(keys(answer.offers)[0]).toBe('sodertorn/sodertorn-samhallsorientering');
    expect(answer.offers[0]!.score).toBeGreaterThan(0);
    expect(answer.offers.map((o) => o.score)).toEqual(
      answer.offers.map((o) => o.score).sort((a, b) => b - a),
    );
    const sfi = await offers(sodertorn, '?q=akademiker');
    expect(keys(sfi.offers).sort()).toEqual([
      'goteborgsregionen/goteborg-sfi-akademiker',
      'nordost/taby-sfi-akademiker',
    ]);
    expect((await offers(sodertorn, '?q=zzzqqq')).total).toBe(0);
  });

  it('price range, period, category, free places and same county', async () => {
    expect(keys((await offers(sodertorn, '?maxPrice=9000')).offers).sort()).toEqual([
      'goteborgsregionen/gr-samhallsorientering',
      'goteborgsregionen/molndal-arbetsplatsorientering',
      'nordost/nordost-sfi-distans',
    ]);
    const mid = (await offers(sodertorn, '?minPrice=20000&maxPrice=30000')).offers;
    expect(mid.every((o) => o.pricePerParticipantSek! >= 20000 && o.pricePerParticipantSek! <= 30000)).toBe(
      true,
    );
    expect(keys(mid).sort()).toEqual([
      'goteborgsregionen/goteborg-sfi-akademiker',
      'nordost/taby-sfi-akademiker',
    ]);
    expect((await offers(sodertorn, '?pricePeriod=month')).offers.map((o) => o.id).sort()).toEqual([
      'molndal-arbetsplatsorientering',
      'nordost-sfi-distans',
    ]);
    expect((await offers(sodertorn, '?category=sfi')).total).toBe(3);
    expect((await offers(sodertorn, '?minPlaces=10')).offers.map((o) => o.id).sort()).toEqual([
      'goteborg-sfi-akademiker',
      'gr-samhallsorientering',
      'nordost-sfi-distans',
    ]);
    expect((await offers(sodertorn, '?sameCounty=true')).offers.every((o) => o.regionId === 'nordost')).toBe(
      true,
    );
    expect((await sodertorn('/api/exchange/offers?minPrice=10&maxPrice=5')).status).toBe(400);
  });

  it("distance from a chosen municipality of the caller's own; another region's municipality is refused", async () => {
    const answer = await offers(goteborg, '?municipality=1480');
    expect(answer.buyer).toEqual({ municipality: '1480', counties: ['14'] });
    expect((await goteborg('/api/exchange/offers?municipality=0126')).status).toBe(400);
  });

  it('live places rule: closed, or no free places → not an offer; the live number is shown', async () => {
    const path = '/api/admin/regions/nordost/interventions/nordost-sfi-distans/places';
    expect((await nordost(path, { method: 'PATCH', body: { placesAvailable: 7 } })).status).toBe(200);
    const seven = (await offers(sodertorn, '?limit=100')).offers.find((o) => o.id === 'nordost-sfi-distans')!;
    expect(seven).toMatchObject({ placesAvailable: 7, placesStale: false });
    await nordost(path, { method: 'PATCH', body: { placesAvailable: 0 } });
    expect(keys((await offers(sodertorn, '?limit=100')).offers)).not.toContain('nordost/nordost-sfi-distans');
    await nordost(path, { method: 'PATCH', body: { placesAvailable: 3, open: false } });
    expect(keys((await offers(sodertorn, '?limit=100')).offers)).not.toContain('nordost/nordost-sfi-distans');
    await nordost(path, { method: 'PATCH', body: { open: true } });
    expect(keys((await offers(sodertorn, '?limit=100')).offers)).toContain('nordost/nordost-sfi-distans');
  });

  it('pages with a cursor', async () => {
    const first = await offers(nordost, '?limit=3');
    expect(first.offers).toHaveLength(3);
    const second = await offers(nordost, `?limit=3&cursor=${first.nextCursor}`);
    const third = await offers(nordost, `?limit=3&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBeNull();
    expect([...keys(first.offers), ...keys(second.offers), ...keys(third.offers)]).toEqual(
      keys((await offers(nordost, '?limit=100')).offers),
    );
  });

  it('needs a signed-in administrator', async () => {
    expect((await apiAs(portal, null)('/api/exchange/offers')).status).toBe(401);
  });
});
