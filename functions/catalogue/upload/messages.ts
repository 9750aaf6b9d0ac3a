/**
 * Every user-facing text of an upload problem, in Swedish (the portal's default) and English.
 * The reader is a municipal civil servant with an Excel sheet, not a developer: say what is wrong,
 * where, and what to do about it, without technical words.
 */
import type { UiLanguage } from '../../../shared/languages.ts';
import { COLUMN_BY_KEY, type FieldKey } from './columns.ts';
import type { Problem, Severity } from './types.ts';

export interface Texts {
  sv: string;
  en: string;
}
type Params = Record<string, string | number | undefined>;
interface Entry {
  severity: Severity;
  text: (p: Params) => Texts;
}

const s = (v: string | number | undefined) => (v === undefined ? '' : String(v));

const EXCEL_SAVE_AS_SV =
  'Välj Arkiv > Spara som > "CSV UTF-8 (kommaavgränsad) (*.csv)" i Excel och ladda upp den filen.';
const EXCEL_SAVE_AS_EN =
  'In Excel choose File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)" and upload that file.';
const DATE_HINT_SV =
  'Skriv datum som ÅÅÅÅ-MM-DD, till exempel 2026-09-01. Formatera kolumnen som text i Excel om datumen ändras av sig själva.';
const DATE_HINT_EN =
  'Write dates as YYYY-MM-DD (ÅÅÅÅ-MM-DD), for example 2026-09-01. Format the column as text in Excel if the dates change by themselves.';

const CATALOGUE = {
  // ---- the file as a whole
  'empty-file': {
    severity: 'error',
    text: () => ({
      sv: 'Filen är tom. Ladda upp kalkylbladet sparat som CSV, med rubrikraden först.',
      en: 'The file is empty. Upload the spreadsheet saved as CSV, with the header row first.',
    }),
  },
  'file-too-large': {
    severity: 'error',
    text: (p) => ({
      sv: `Filen är för stor (${s(p.size)} MB). Största tillåtna storlek är ${s(p.max)} MB.`,
      en: `The file is too large (${s(p.size)} MB). The largest allowed size is ${s(p.max)} MB.`,
    }),
  },
  'binary-file': {
    severity: 'error',
    text: () => ({
      sv: `Filen går inte att läsa som text – den verkar vara en annan sorts fil än CSV. ${EXCEL_SAVE_AS_SV}`,
      en: `The file cannot be read as text – it seems to be another kind of file than CSV. ${EXCEL_SAVE_AS_EN}`,
    }),
  },
  'excel-workbook': {
    severity: 'error',
    text: () => ({
      sv: `Filen är en Excel-arbetsbok (.xlsx eller .xls), inte en CSV-fil. ${EXCEL_SAVE_AS_SV}`,
      en: `The file is an Excel workbook (.xlsx or .xls), not a CSV file. ${EXCEL_SAVE_AS_EN}`,
    }),
  },
  mojibake: {
    severity: 'warning',
    text: () => ({
      sv: 'Filen verkar ha sparats med fel teckenkodning (till exempel "Ã¤" i stället för "ä"). Kontrollera å, ä och ö i resultatet och spara som "CSV UTF-8" i Excel.',
      en: 'The file seems to have been saved with the wrong character encoding (for example "Ã¤" instead of "ä"). Check å, ä and ö in the result and save as "CSV UTF-8" in Excel.',
    }),
  },
  'unbalanced-quotes': {
    severity: 'error',
    text: (p) => ({
      sv: `Ett citattecken (") på rad ${s(p.row)} avslutas aldrig, så resten av filen kan inte läsas. Kontrollera cellen som börjar med " på rad ${s(p.row)}. Ett citattecken inne i en text skrivs dubbelt ("").`,
      en: `A quotation mark (") on row ${s(p.row)} is never closed, so the rest of the file cannot be read. Check the cell that starts with " on row ${s(p.row)}. A quotation mark inside text is written twice ("").`,
    }),
  },
  'no-header': {
    severity: 'error',
    text: () => ({
      sv: 'Första raden ska vara rubrikraden (id, titel, kategori, kommuner, anordnare …), men inga kända rubriker hittades. Utgå från mallen.',
      en: 'The first row must be the header row (id, titel, kategori, kommuner, anordnare …), but no known headers were found. Start from the template.',
    }),
  },
  'missing-column': {
    severity: 'error',
    text: (p) => ({
      sv: `Kolumnen "${s(p.column)}" saknas. Den behövs för varje insats – lägg till den i rubrikraden (se mallen).`,
      en: `The column "${s(p.column)}" is missing. Every intervention needs it – add it to the header row (see the template).`,
    }),
  },
  'unknown-column': {
    severity: 'warning',
    text: (p) => ({
      sv: `Kolumnen "${s(p.column)}" känns inte igen och har inte lästs in. Kontrollera stavningen om den ska användas.`,
      en: `The column "${s(p.column)}" is not recognised and was not read. Check the spelling if it is meant to be used.`,
    }),
  },
  'duplicate-column': {
    severity: 'error',
    text: (p) => ({
      sv: `Kolumnen "${s(p.column)}" finns två gånger (även som "${s(p.other)}"). Ta bort den ena.`,
      en: `The column "${s(p.column)}" appears twice (also as "${s(p.other)}"). Remove one of them.`,
    }),
  },
  'unnamed-column': {
    severity: 'warning',
    text: (p) => ({
      sv: `Kolumn nummer ${s(p.index)} saknar rubrik men innehåller värden. Värdena har inte lästs in.`,
      en: `Column number ${s(p.index)} has no header but contains values. The values were not read.`,
    }),
  },
  'extra-cells': {
    severity: 'warning',
    text: () => ({
      sv: 'Raden har fler celler än rubrikraden. De extra cellerna har inte lästs in. Saknas citattecken runt en text som innehåller semikolon eller komma?',
      en: 'The row has more cells than the header row. The extra cells were not read. Are quotation marks missing around a text that contains a semicolon or comma?',
    }),
  },
  'no-rows': {
    severity: 'warning',
    text: () => ({
      sv: 'Filen innehåller inga insatser, bara rubrikraden. Om den publiceras blir katalogen tom.',
      en: 'The file contains no interventions, only the header row. If it is published the catalogue becomes empty.',
    }),
  },
  'too-many-rows': {
    severity: 'error',
    text: (p) => ({
      sv: `Filen har ${s(p.count)} insatser. En katalog får ha högst ${s(p.max)}. Ta bort rader som inte ska publiceras och ladda upp igen.`,
      en: `The file has ${s(p.count)} interventions. A catalogue may have at most ${s(p.max)}. Remove rows that should not be published and upload again.`,
    }),
  },
  'too-many-problems': {
    severity: 'warning',
    text: (p) => ({
      sv: `Ytterligare ${s(p.count)} problem visas inte. Rätta dem som visas och ladda upp igen.`,
      en: `${s(p.count)} more problems are not shown. Fix the ones shown and upload again.`,
    }),
  },

  // ---- one value
  required: {
    severity: 'error',
    text: (p) => ({ sv: `${s(p.fieldSv)} måste fyllas i.`, en: `${s(p.fieldEn)} must be filled in.` }),
  },
  'missing-swedish': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)} finns bara på andra språk. Den svenska texten måste också fyllas i.`,
      en: `${s(p.fieldEn)} is only given in other languages. The Swedish text must be filled in too.`,
    }),
  },
  'too-long': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)} är för lång: ${s(p.length)} tecken. Högst ${s(p.max)} tecken är tillåtet.`,
      en: `${s(p.fieldEn)} is too long: ${s(p.length)} characters. At most ${s(p.max)} characters are allowed.`,
    }),
  },
  'too-many-values': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)} har för många värden. Högst ${s(p.max)} är tillåtet.`,
      en: `${s(p.fieldEn)} has too many values. At most ${s(p.max)} are allowed.`,
    }),
  },
  'unknown-municipality': {
    severity: 'error',
    text: (p) =>
      p.code
        ? {
            sv: `Kommunen "${s(p.value)}" finns inte. Menade du ${s(p.name)} (${s(p.code)})?`,
            en: `The municipality "${s(p.value)}" does not exist. Did you mean ${s(p.name)} (${s(p.code)})?`,
          }
        : {
            sv: `Kommunen "${s(p.value)}" finns inte. Skriv kommunens namn (till exempel Huddinge) eller dess fyrsiffriga kommunkod (till exempel 0126).`,
            en: `The municipality "${s(p.value)}" does not exist. Write the municipality's name (for example Huddinge) or its four-digit code (for example 0126).`,
          },
  },
  'unknown-category': {
    severity: 'error',
    text: (p) =>
      p.code
        ? {
            sv: `Kategorin "${s(p.value)}" finns inte. Menade du ${s(p.labelSv)} (${s(p.code)})?`,
            en: `The category "${s(p.value)}" does not exist. Did you mean ${s(p.labelEn)} (${s(p.code)})?`,
          }
        : {
            sv: `Kategorin "${s(p.value)}" finns inte. Använd en kategori från listan i mallen, till exempel "praktik", "sfi" eller "samhällsorientering".`,
            en: `The category "${s(p.value)}" does not exist. Use a category from the list in the template, for example "praktik", "sfi" or "samhällsorientering".`,
          },
  },
  'unknown-language': {
    severity: 'error',
    text: (p) =>
      p.code
        ? {
            sv: `Språket "${s(p.value)}" känns inte igen. Menade du ${s(p.nameSv)} (${s(p.code)})?`,
            en: `The language "${s(p.value)}" is not recognised. Did you mean ${s(p.nameEn)} (${s(p.code)})?`,
          }
        : {
            sv: `Språket "${s(p.value)}" känns inte igen. Skriv språkets namn på svenska (till exempel arabiska) eller dess kod (till exempel ar).`,
            en: `The language "${s(p.value)}" is not recognised. Write the language's Swedish name (for example arabiska) or its code (for example ar).`,
          },
  },
  'unknown-term': {
    severity: 'error',
    text: (p) =>
      p.code
        ? {
            sv: `${s(p.fieldSv)}: "${s(p.value)}" känns inte igen. Menade du ${s(p.labelSv)} (${s(p.code)})?`,
            en: `${s(p.fieldEn)}: "${s(p.value)}" is not recognised. Did you mean ${s(p.labelEn)} (${s(p.code)})?`,
          }
        : {
            sv: `${s(p.fieldSv)}: "${s(p.value)}" känns inte igen. Möjliga värden: ${s(p.allowedSv)}.`,
            en: `${s(p.fieldEn)}: "${s(p.value)}" is not recognised. Possible values: ${s(p.allowedEn)}.`,
          },
  },
  'invalid-boolean': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)}: "${s(p.value)}" ska vara ja eller nej.`,
      en: `${s(p.fieldEn)}: "${s(p.value)}" must be yes or no (ja/nej).`,
    }),
  },
  'invalid-number': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)}: "${s(p.value)}" är inte ett tal. Skriv bara siffror, till exempel 1500 eller 12,50.`,
      en: `${s(p.fieldEn)}: "${s(p.value)}" is not a number. Write digits only, for example 1500 or 12,50.`,
    }),
  },
  'invalid-cost': {
    severity: 'error',
    text: (p) => ({
      sv: `Kostnaden "${s(p.value)}" går inte att förstå. Skriv "gratis" eller ett belopp i kronor, till exempel 500.`,
      en: `The cost "${s(p.value)}" cannot be understood. Write "gratis" (free) or an amount in kronor, for example 500.`,
    }),
  },
  'invalid-date': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)}: "${s(p.value)}" går inte att läsa som ett datum. ${DATE_HINT_SV}`,
      en: `${s(p.fieldEn)}: "${s(p.value)}" cannot be read as a date. ${DATE_HINT_EN}`,
    }),
  },
  'end-before-start': {
    severity: 'error',
    text: (p) => ({
      sv: `Slutdatumet ${s(p.end)} är före startdatumet ${s(p.start)}.`,
      en: `The end date ${s(p.end)} is before the start date ${s(p.start)}.`,
    }),
  },
  'invalid-email': {
    severity: 'error',
    text: (p) => ({
      sv: `E-postadressen "${s(p.value)}" är inte giltig. Skriv den som namn@exempel.se.`,
      en: `The e-mail address "${s(p.value)}" is not valid. Write it as name@example.se.`,
    }),
  },
  'invalid-url': {
    severity: 'error',
    text: (p) => ({
      sv: `Webbadressen "${s(p.value)}" är inte giltig. Den ska vara en fullständig adress som börjar med https:// (eller http://), till exempel https://www.huddinge.se/sfi.`,
      en: `The web address "${s(p.value)}" is not valid. It must be a full address starting with https:// (or http://), for example https://www.huddinge.se/sfi.`,
    }),
  },
  'invalid-phone': {
    severity: 'error',
    text: (p) => ({
      sv: `Telefonnumret "${s(p.value)}" är inte giltigt. Skriv siffror, mellanslag och bindestreck, eventuellt med + först, till exempel 08-535 300 00 eller +46 8 535 300 00.`,
      en: `The phone number "${s(p.value)}" is not valid. Write digits, spaces and dashes, optionally with + first, for example 08-535 300 00 or +46 8 535 300 00.`,
    }),
  },
  'invalid-postal-code': {
    severity: 'error',
    text: (p) => ({
      sv: `Postnumret "${s(p.value)}" är inte giltigt. Ett postnummer har fem siffror, till exempel 141 35.`,
      en: `The postal code "${s(p.value)}" is not valid. A Swedish postal code has five digits, for example 141 35.`,
    }),
  },
  'invalid-id': {
    severity: 'error',
    text: (p) => ({
      sv: `Id "${s(p.value)}" får bara innehålla bokstäverna a–z (utan å, ä, ö), siffror, punkt, bindestreck och understreck, högst 64 tecken. Till exempel: hud-sfi-1.`,
      en: `The id "${s(p.value)}" may only contain the letters a–z (without å, ä, ö), digits, dot, dash and underscore, at most 64 characters. For example: hud-sfi-1.`,
    }),
  },
  'duplicate-id': {
    severity: 'error',
    text: (p) => ({
      sv: `Id "${s(p.value)}" används på flera rader (${s(p.rowsSv)}). Varje insats behöver ett eget id.`,
      en: `The id "${s(p.value)}" is used on several rows (${s(p.rowsEn)}). Each intervention needs its own id.`,
    }),
  },
  'municipality-outside-region': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.name)} (${s(p.code)}) ingår inte i ${s(p.region)}. Ta bort kommunen, eller be portalens förvaltare att lägga till den som samarbetskommun.`,
      en: `${s(p.name)} (${s(p.code)}) is not part of ${s(p.region)}. Remove the municipality, or ask the portal's administrators to add it as a partner municipality.`,
    }),
  },
  'municipality-joint': {
    severity: 'warning',
    text: (p) => ({
      sv: `${s(p.name)} (${s(p.code)}) ligger utanför ${s(p.region)} men är en samarbetskommun. Insatsen visas även där.`,
      en: `${s(p.name)} (${s(p.code)}) is outside ${s(p.region)} but is a partner municipality. The intervention is shown there too.`,
    }),
  },
  formula: {
    severity: 'error',
    text: (p) => ({
      sv: `Värdet "${s(p.value)}" börjar med "${s(p.char)}" och kan därför tolkas som en formel i Excel. Av säkerhetsskäl tas sådana värden inte emot. Ta bort tecknet i början eller börja med ett ord (skriv till exempel "Kurs i svenska" i stället för "-Kurs i svenska"). Negativa tal är inte tillåtna.`,
      en: `The value "${s(p.value)}" starts with "${s(p.char)}" and may therefore be read as a formula by Excel. For safety such values are not accepted. Remove the character at the start or start with a word (for example "Swedish course" instead of "-Swedish course"). Negative numbers are not allowed.`,
    }),
  },
  'control-characters': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)} innehåller osynliga styrtecken. Skriv in texten på nytt eller klistra in den som oformaterad text.`,
      en: `${s(p.fieldEn)} contains invisible control characters. Type the text again or paste it as plain text.`,
    }),
  },
  'number-out-of-range': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)}: ${s(p.value)} är för stort. Högst ${s(p.max)} är tillåtet.`,
      en: `${s(p.fieldEn)}: ${s(p.value)} is too large. At most ${s(p.max)} is allowed.`,
    }),
  },
  'negative-number': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)}: ${s(p.value)} får inte vara negativt.`,
      en: `${s(p.fieldEn)}: ${s(p.value)} must not be negative.`,
    }),
  },
  'not-integer': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)}: "${s(p.value)}" ska vara ett heltal, till exempel 5.`,
      en: `${s(p.fieldEn)}: "${s(p.value)}" must be a whole number, for example 5.`,
    }),
  },
  'wrong-type': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)} har fel sorts värde (${s(p.value)}); förväntade ${s(p.expectedSv)}.`,
      en: `${s(p.fieldEn)} has the wrong kind of value (${s(p.value)}); expected ${s(p.expectedEn)}.`,
    }),
  },
  'invalid-value': {
    severity: 'error',
    text: (p) => ({
      sv: `${s(p.fieldSv)}: värdet "${s(p.value)}" är ogiltigt.`,
      en: `${s(p.fieldEn)}: the value "${s(p.value)}" is not valid (${s(p.detail)}).`,
    }),
  },
  'provider-type-inferred': {
    severity: 'warning',
    text: (p) => ({
      sv: `Anordnartyp saknas; "${s(p.name)}" tolkades som ${s(p.labelSv)}. Fyll i anordnartyp om det är fel.`,
      en: `The provider type is missing; "${s(p.name)}" was read as ${s(p.labelEn)}. Fill in the provider type if this is wrong.`,
    }),
  },
  'provider-type-column-missing': {
    severity: 'warning',
    text: () => ({
      sv: 'Kolumnen "anordnartyp" saknas. Typen har härletts från anordnarens namn där det gick (till exempel "Huddinge kommun" → Kommun).',
      en: 'The column "anordnartyp" (provider type) is missing. The type was derived from the provider\'s name where possible (for example "Huddinge kommun" → Municipality).',
    }),
  },
  'open-inferred': {
    severity: 'warning',
    text: () => ({
      sv: 'Pris eller lediga platser är ifyllt men inte om insatsen är öppen för andra kommuner. Den har tolkats som öppen (ja).',
      en: 'A price or places available is filled in, but not whether the intervention is open to other municipalities. It was read as open (yes).',
    }),
  },
  ended: {
    severity: 'warning',
    text: (p) => ({
      sv: `Slutdatumet ${s(p.end)} har redan passerat. Uppdatera datumet, eller ta bort raden om insatsen inte längre finns.`,
      en: `The end date ${s(p.end)} has already passed. Update the date, or remove the row if the intervention no longer exists.`,
    }),
  },

  // ---- JSON
  'invalid-json': {
    severity: 'error',
    text: (p) => ({
      sv: `Filen är inte giltig JSON (fel nära rad ${s(p.line)}, tecken ${s(p.col)}).`,
      en: `The file is not valid JSON (error near line ${s(p.line)}, character ${s(p.col)}).`,
    }),
  },
  'json-shape': {
    severity: 'error',
    text: () => ({
      sv: 'JSON-filen ska innehålla en lista med insatser, [ {…}, {…} ], eller { "interventions": [ … ] }.',
      en: 'The JSON file must contain a list of interventions, [ {…}, {…} ], or { "interventions": [ … ] }.',
    }),
  },
  'not-an-object': {
    severity: 'error',
    text: (p) => ({
      sv: `Post nummer ${s(p.row)} i listan är inte en insats (ett objekt med fält).`,
      en: `Entry number ${s(p.row)} in the list is not an intervention (an object with fields).`,
    }),
  },
  'unknown-field': {
    severity: 'error',
    text: (p) => ({
      sv: `Fältet "${s(p.field)}" finns inte i formatet och kan inte tas emot. Kontrollera stavningen.`,
      en: `The field "${s(p.field)}" is not part of the format and cannot be accepted. Check the spelling.`,
    }),
  },
  'forbidden-key': {
    severity: 'error',
    text: (p) => ({
      sv: `Nyckeln "${s(p.key)}" är inte tillåten av säkerhetsskäl. Ta bort den ur filen.`,
      en: `The key "${s(p.key)}" is not allowed for security reasons. Remove it from the file.`,
    }),
  },
  'too-deep': {
    severity: 'error',
    text: (p) => ({
      sv: `JSON-filen är nästlad i mer än ${s(p.max)} nivåer och tas inte emot.`,
      en: `The JSON file is nested more than ${s(p.max)} levels deep and is not accepted.`,
    }),
  },

  // ---- HSDS
  'hsds-shape': {
    severity: 'error',
    text: () => ({
      sv: 'HSDS-filen ska innehålla en tjänst, en lista med tjänster eller en sida med tjänster, { "contents": [ … ] }.',
      en: 'The HSDS file must contain a service, a list of services or a page of services, { "contents": [ … ] }.',
    }),
  },
  'hsds-not-a-service': {
    severity: 'error',
    text: (p) => ({
      sv: `Post nummer ${s(p.row)} är inte en HSDS-tjänst (ett objekt med "name").`,
      en: `Entry number ${s(p.row)} is not an HSDS service (an object with "name").`,
    }),
  },
  'hsds-missing-municipality': {
    severity: 'error',
    text: (p) => ({
      sv: `Tjänsten "${s(p.name)}" anger ingen kommun som portalen känner igen. Lägg till kommunkoder i "x-insats.municipalities" eller i service_areas, eller ange standardkommuner vid uppladdningen.`,
      en: `The service "${s(p.name)}" names no municipality the portal recognises. Add municipality codes in "x-insats.municipalities" or in service_areas, or give default municipalities with the upload.`,
    }),
  },
  'hsds-missing-category': {
    severity: 'error',
    text: (p) => ({
      sv: `Tjänsten "${s(p.name)}" har ingen kategori ur portalens taxonomi. Lägg till "x-insats.category" (till exempel "arbete.praktik") eller ange en standardkategori vid uppladdningen.`,
      en: `The service "${s(p.name)}" has no category from the portal's taxonomy. Add "x-insats.category" (for example "arbete.praktik") or give a default category with the upload.`,
    }),
  },
  'hsds-missing-provider': {
    severity: 'error',
    text: (p) => ({
      sv: `Tjänsten "${s(p.name)}" saknar organisation (anordnare). Lägg till "organization" med "name".`,
      en: `The service "${s(p.name)}" has no organization (provider). Add "organization" with "name".`,
    }),
  },
  'hsds-defaulted': {
    severity: 'warning',
    text: (p) => ({
      sv: `${s(p.fieldSv)} saknades i HSDS-tjänsten och sattes till ${s(p.valueSv)}.`,
      en: `${s(p.fieldEn)} was missing in the HSDS service and was set to ${s(p.valueEn)}.`,
    }),
  },
  'hsds-dropped': {
    severity: 'warning',
    text: (p) => ({
      sv: `${s(p.fieldSv)} "${s(p.value)}" kunde inte användas och hoppades över.`,
      en: `${s(p.fieldEn)} "${s(p.value)}" could not be used and was skipped.`,
    }),
  },
  'hsds-inactive': {
    severity: 'warning',
    text: (p) => ({
      sv: `Tjänsten "${s(p.name)}" har status "${s(p.status)}" och har inte lästs in.`,
      en: `The service "${s(p.name)}" has status "${s(p.status)}" and was not read.`,
    }),
  },
} satisfies Record<string, Entry>;

export type ProblemCode = keyof typeof CATALOGUE;

export interface ProblemAt {
  row: number;
  column: string;
  value?: string;
  suggestion?: string;
  severity?: Severity;
  line?: number;
}

const MAX_VALUE_CHARS = 200;

/** Build a problem: the Swedish text is `message`, both languages are in `messages`. */
export function problem(code: ProblemCode, params: Params, at: ProblemAt): Problem {
  const entry: Entry = CATALOGUE[code];
  const messages = entry.text(params);
  const out: Problem = {
    row: at.row,
    column: at.column,
    code,
    message: messages.sv,
    messages,
    severity: at.severity ?? entry.severity,
  };
  if (at.value !== undefined) out.value = clip(at.value);
  if (at.suggestion !== undefined) out.suggestion = at.suggestion;
  if (at.line !== undefined && at.line !== at.row) out.line = at.line;
  return out;
}

export function clip(value: string, max = MAX_VALUE_CHARS): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

// ---------------------------------------------------------------------------------------------
// Field names in messages

const FIELD_LABELS: Record<FieldKey, Texts> = {
  id: { sv: 'Id', en: 'Id' },
  title: { sv: 'Titel', en: 'Title' },
  summary: { sv: 'Sammanfattning', en: 'Summary' },
  description: { sv: 'Beskrivning', en: 'Description' },
  category: { sv: 'Kategori', en: 'Category' },
  municipalities: { sv: 'Kommuner', en: 'Municipalities' },
  languages: { sv: 'Språk', en: 'Languages' },
  audiences: { sv: 'Målgrupp', en: 'Target group' },
  delivery: { sv: 'Form', en: 'Delivery' },
  providerName: { sv: 'Anordnare', en: 'Provider' },
  providerType: { sv: 'Anordnartyp', en: 'Provider type' },
  street: { sv: 'Adress', en: 'Street address' },
  postalCode: { sv: 'Postnummer', en: 'Postal code' },
  city: { sv: 'Ort', en: 'City' },
  url: { sv: 'Webbplats', en: 'Website' },
  email: { sv: 'E-post', en: 'E-mail' },
  phone: { sv: 'Telefon', en: 'Phone' },
  startDate: { sv: 'Startdatum', en: 'Start date' },
  endDate: { sv: 'Slutdatum', en: 'End date' },
  cost: { sv: 'Kostnad', en: 'Cost' },
  openToOthers: { sv: 'Öppen för andra kommuner', en: 'Open to other municipalities' },
  pricePerParticipant: { sv: 'Pris per deltagare', en: 'Price per participant' },
  placesAvailable: { sv: 'Lediga platser', en: 'Places available' },
  lastReviewed: { sv: 'Senast granskad', en: 'Last reviewed' },
  reviewedBy: { sv: 'Granskad av', en: 'Reviewed by' },
  pricePeriod: { sv: 'Prisperiod', en: 'Price period' },
  placesUpdatedAt: { sv: 'Platser uppdaterade', en: 'Places updated' },
};

const UI_LANGUAGE_NAMES: Record<UiLanguage, Texts> = {
  sv: { sv: 'svenska', en: 'Swedish' },
  en: { sv: 'engelska', en: 'English' },
  ar: { sv: 'arabiska', en: 'Arabic' },
  fa: { sv: 'dari', en: 'Dari' },
  so: { sv: 'somaliska', en: 'Somali' },
  ti: { sv: 'tigrinska', en: 'Tigrinya' },
  uk: { sv: 'ukrainska', en: 'Ukrainian' },
};

/** "Titel" / "Title", or for a translation "Titel (engelska)" / "Title (English)". */
export function fieldLabel(key: FieldKey, lang?: UiLanguage): Texts {
  const base = FIELD_LABELS[key];
  if (!lang || lang === 'sv') return base;
  const name = UI_LANGUAGE_NAMES[lang] ?? { sv: lang, en: lang };
  return { sv: `${base.sv} (${name.sv})`, en: `${base.en} (${name.en})` };
}

/** Params `fieldSv`/`fieldEn` for a field. */
export function fieldParams(key: FieldKey, lang?: UiLanguage): { fieldSv: string; fieldEn: string } {
  const label = fieldLabel(key, lang);
  return { fieldSv: label.sv, fieldEn: label.en };
}

/** "2, 5 och 7" / "2, 5 and 7". */
export function listRows(rows: readonly number[]): { rowsSv: string; rowsEn: string } {
  const join = (and: string) =>
    rows.length <= 1 ? rows.join('') : `${rows.slice(0, -1).join(', ')} ${and} ${rows[rows.length - 1]}`;
  return { rowsSv: `rad ${join('och')}`, rowsEn: `rows ${join('and')}` };
}

export function columnHeader(key: FieldKey): string {
  return COLUMN_BY_KEY.get(key)?.sv ?? key;
}
