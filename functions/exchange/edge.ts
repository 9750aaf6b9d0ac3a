/** Edge helpers of the exchange handlers: bodies without personal data, store failures as 503. */
import { z } from 'zod';
import { personnummerFields } from '../../shared/personnummer.ts';
import { HttpError } from '../lib/errors.ts';
import { type HttpEvent, parseJsonBody } from '../lib/http.ts';

export { guardStore } from '../regions/catalogue-reader.ts';

export const personalData = (fields: string[]) =>
  new HttpError(
    422,
    'personal-data',
    {
      sv: `Fältet ${fields.join(', ')} ser ut att innehålla ett personnummer eller samordningsnummer. Skriv aldrig personuppgifter om deltagare här. Ta bort numret och skicka igen. Ingenting har sparats.`,
      en: `The field ${fields.join(', ')} looks like it contains a Swedish personal identity number or coordination number. Never enter personal data about participants here. Remove the number and send again. Nothing was saved.`,
    },
    // The fields only: the number itself is never echoed back or logged.
    { details: { fields } },
  );

/**
 * A JSON body validated by `schema`, after every string in it (known field or not) was checked for a
 * personnummer: such a body is refused with 422 `personal-data` before anything else is said about it.
 */
export function parseBodyWithoutPersonalData<S extends z.ZodType>(schema: S, event: HttpEvent): z.output<S> {
  const raw = parseJsonBody(z.unknown(), event);
  const fields = personnummerFields(raw);
  if (fields.length > 0) throw personalData(fields);
  return parseJsonBody(schema, event);
}
