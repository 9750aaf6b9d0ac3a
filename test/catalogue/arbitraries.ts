/** fast-check arbitraries: valid interventions (as the schema outputs them) for round-trip properties. */
import fc from 'fast-check';
import { type Intervention, InterventionSchema, PRICE_PERIODS } from '../../shared/intervention.ts';
import {
  AUDIENCE_CODES,
  CATEGORY_CODES,
  DELIVERY_CODES,
  PROVIDER_TYPE_CODES,
} from '../../shared/taxonomy.ts';
import { SODERTORN } from './helpers.ts';

/** Text an administrator might type, including what is hard for CSV and spreadsheets. */
export const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(maxLength, 60) }),
    fc.constantFrom(
      'Språkcafé på Värmdö',
      'SFI – svenska för invandrare',
      '=SUM(A1:A3)',
      '-Kurs i svenska',
      '+46 8 123 45',
      '@kommunen',
      "'=redan neutraliserad",
      "'vanlig apostrof",
      'a;b,c|d',
      'Säg "hej" och ""dubbelt""',
      'rad ett\nrad två\r\nrad tre',
      'مقهى اللغة',
      'گپ زدن به زبان سویدنی',
      'Українська мова',
      '\tindraget',
    ),
  );

const localized = (max: number) =>
  fc.record(
    {
      sv: text(max),
      en: text(max),
      ar: text(max),
      fa: text(max),
      so: text(max),
      ti: text(max),
      uk: text(max),
    },
    { requiredKeys: ['sv'] },
  );

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const isoDateTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
const amount = fc.oneof(
  fc.integer({ min: 1, max: 10_000_000 }),
  fc.double({ min: 0.01, max: 10_000_000, noNaN: true }),
);

const candidate = fc.record(
  {
    id: fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/),
    title: localized(200),
    summary: localized(300),
    description: localized(5000),
    category: fc.constantFrom(...CATEGORY_CODES),
    municipalities: fc.uniqueArray(
      fc.constantFrom(...SODERTORN.municipalities, ...SODERTORN.jointMunicipalities),
      {
        minLength: 1,
        maxLength: 5,
      },
    ),
    languages: fc.uniqueArray(fc.constantFrom('sv', 'en', 'ar', 'prs', 'fa', 'so', 'ti', 'uk', 'sgn'), {
      maxLength: 4,
    }),
    audiences: fc.uniqueArray(fc.constantFrom(...AUDIENCE_CODES), { minLength: 1, maxLength: 3 }),
    delivery: fc.constantFrom(...DELIVERY_CODES),
    provider: fc.record({ name: text(200), type: fc.constantFrom(...PROVIDER_TYPE_CODES) }),
    contact: fc.record(
      {
        email: fc.tuple(word, word).map(([a, b]) => `${a}@${b}.se`),
        phone: fc.stringMatching(/^\+?[0-9][0-9 ()-]{4,20}[0-9]$/),
        url: fc.tuple(word, word).map(([a, b]) => `https://www.${a}.se/${b}`),
      },
      { requiredKeys: ['email'] },
    ),
    location: fc.record(
      { street: text(200), postalCode: fc.stringMatching(/^[1-9]\d{2} ?\d{2}$/), city: text(200) },
      { requiredKeys: ['city'] },
    ),
    dates: fc.tuple(isoDate, isoDate).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
    cost: fc.oneof(
      fc.constant({ free: true }),
      fc.constant({ free: false }),
      amount.map((amountSek) => ({ free: false, amountSek })),
    ),
    interMunicipal: fc.record(
      {
        open: fc.boolean(),
        pricePerParticipantSek: fc.oneof(fc.constant(0), amount),
        pricePeriod: fc.constantFrom(...PRICE_PERIODS),
        placesAvailable: fc.integer({ min: 0, max: 100_000 }),
        placesUpdatedAt: isoDateTime,
      },
      { requiredKeys: ['open'] },
    ),
    lastReviewedAt: fc.oneof(isoDate, isoDateTime),
    reviewedBy: text(120),
  },
  { requiredKeys: ['id', 'title', 'category', 'municipalities', 'provider', 'audiences', 'cost'] },
);

/** A valid intervention as the schema outputs it (text trimmed, defaults applied). */
export const intervention: fc.Arbitrary<Intervention> = candidate
  .map(({ dates, ...rest }) => {
    const withDates = { ...rest } as Record<string, unknown>;
    if (dates) {
      withDates.startDate = dates[0];
      withDates.endDate = dates[1];
    }
    return InterventionSchema.safeParse(withDates);
  })
  .filter((r) => r.success)
  .map((r) => r.data!);

/** Catalogues with unique ids. */
export const catalogue = (maxLength = 6) =>
  fc.uniqueArray(intervention, { selector: (item) => item.id, minLength: 1, maxLength });
