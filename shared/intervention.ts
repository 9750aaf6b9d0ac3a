/**
 * The one definition of an intervention (insats). The API, the upload validation, the stores,
 * search and the site all use this schema and its types.
 */
import { z } from 'zod';
import { isMunicipalityCode } from './geo.ts';
import { CONTENT_LANGUAGES, UI_LANGUAGES, type UiLanguage } from './languages.ts';
import { LIMITS } from './limits.ts';
import { AUDIENCE_CODES, CATEGORY_CODES, DELIVERY_CODES, PROVIDER_TYPE_CODES } from './taxonomy.ts';

/** Text that people read. Control characters (other than line breaks and tabs) are refused. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'Contains control characters' });

/** Localized text: Swedish required, every other portal language optional. */
export const localizedText = (max: number) =>
  z.strictObject({
    sv: text(max),
    en: text(max).optional(),
    ar: text(max).optional(),
    fa: text(max).optional(),
    so: text(max).optional(),
    ti: text(max).optional(),
    uk: text(max).optional(),
  });
export type LocalizedText = Partial<Record<UiLanguage, string>> & { sv: string };

export const IsoDate = z.iso.date();
export const MunicipalityCode = z
  .string()
  .regex(/^\d{4}$/, 'A municipality code has four digits')
  .refine(isMunicipalityCode, { message: 'Unknown municipality code' });
export const InterventionId = z
  .string()
  .regex(LIMITS.idPattern, 'An id is 1–64 letters, digits, dot, dash or underscore');

/** URLs a person can follow: only http(s). */
export const WebUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(500);
export const PhoneNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()\-–]{4,22}$/, 'A phone number has digits, spaces, +, - or parentheses');

export const PRICE_PERIODS = ['participant', 'course', 'month', 'week', 'hour'] as const;

export const InterventionSchema = z
  .strictObject({
    id: InterventionId,
    title: localizedText(LIMITS.titleMaxChars),
    summary: localizedText(LIMITS.summaryMaxChars).optional(),
    description: localizedText(LIMITS.descriptionMaxChars).optional(),
    category: z.enum(CATEGORY_CODES),
    municipalities: z.array(MunicipalityCode).min(1).max(290),
    languages: z.array(z.enum(CONTENT_LANGUAGES)).max(40).default([]),
    audiences: z.array(z.enum(AUDIENCE_CODES)).max(20).default(['all']),
    delivery: z.enum(DELIVERY_CODES).default('on-site'),
    provider: z.strictObject({
      name: text(LIMITS.providerNameMaxChars),
      type: z.enum(PROVIDER_TYPE_CODES),
    }),
    contact: z
      .strictObject({
        email: z.email().max(254).optional(),
        phone: PhoneNumber.optional(),
        url: WebUrl.optional(),
      })
      .optional(),
    location: z
      .strictObject({
        street: text(LIMITS.shortTextMaxChars).optional(),
        postalCode: z
          .string()
          .regex(/^\d{3} ?\d{2}$/, 'A Swedish postal code has five digits')
          .optional(),
        city: text(LIMITS.shortTextMaxChars).optional(),
      })
      .optional(),
    startDate: IsoDate.optional(),
    endDate: IsoDate.optional(),
    cost: z
      .strictObject({
        free: z.boolean(),
        amountSek: z.number().nonnegative().max(10_000_000).optional(),
      })
      .default({ free: true }),
    interMunicipal: z
      .strictObject({
        open: z.boolean(),
        pricePerParticipantSek: z.number().nonnegative().max(10_000_000).optional(),
        pricePeriod: z.enum(PRICE_PERIODS).optional(),
        placesAvailable: z.number().int().nonnegative().max(100_000).optional(),
        placesUpdatedAt: z.iso.datetime().optional(),
      })
      .optional(),
    lastReviewedAt: z.union([z.iso.datetime(), IsoDate]).optional(),
    reviewedBy: text(LIMITS.reviewedByMaxChars).optional(),
  })
  .check((ctx) => {
    const { startDate, endDate } = ctx.value;
    if (startDate && endDate && endDate < startDate) {
      ctx.issues.push({
        code: 'custom',
        path: ['endDate'],
        message: 'The end date is before the start date',
        input: endDate,
      });
    }
  });

export type Intervention = z.output<typeof InterventionSchema>;
export type InterventionInput = z.input<typeof InterventionSchema>;

/** An intervention as the public API answers it: with the region that holds it. */
export type RegionalIntervention = Intervention & { regionId: string };

export const localizedFields = ['title', 'summary', 'description'] as const;

/** Text in the visitor's language, or Swedish with `fallback: true` when the intervention lacks it. */
export function localize(
  value: LocalizedText | undefined,
  ui: UiLanguage,
): { text: string; lang: UiLanguage; fallback: boolean } | undefined {
  if (!value) return undefined;
  const own = value[ui];
  if (own) return { text: own, lang: ui, fallback: false };
  return { text: value.sv, lang: 'sv', fallback: ui !== 'sv' };
}

export { UI_LANGUAGES };
