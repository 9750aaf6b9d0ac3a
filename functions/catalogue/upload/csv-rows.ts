/**
 * One spreadsheet row → a candidate intervention in the API's shape, with the problems of its cells.
 * Swedish names become codes here; everything else is left to the schema (validate.ts).
 */
import { PRICE_PERIODS } from '../../../shared/intervention.ts';
import { languageName, type UiLanguage } from '../../../shared/languages.ts';
import { AUDIENCES, DELIVERY_MODES, PROVIDER_TYPES, termLabel } from '../../../shared/taxonomy.ts';
import {
  formulaStart,
  isBlank,
  parseBoolean,
  parseCost,
  parseDate,
  parseDateOrDateTime,
  parseNumber,
  splitMulti,
  unneutraliseCell,
} from './cells.ts';
import { COLUMN_BY_KEY, columnOfPath, type FieldKey } from './columns.ts';
import type { CsvRecord, Delimiter } from './csv.ts';
import { fieldId, type HeaderMapping } from './headers.ts';
import { clip, fieldParams, type ProblemCode, problem } from './messages.ts';
import { suggestCategory, suggestLanguage, suggestMunicipality } from './suggest.ts';
import type { Problem } from './types.ts';
import { type Candidate, termProblemAt } from './validate.ts';
import {
  inferProviderType,
  resolveCategory,
  resolveLanguageLoose,
  resolveMunicipalityLoose,
  resolveTerm,
} from './vocab.ts';

type Json = Record<string, unknown>;

const PRICE_PERIOD_WORDS: Record<string, (typeof PRICE_PERIODS)[number]> = {
  deltagare: 'participant',
  'per deltagare': 'participant',
  kurs: 'course',
  'per kurs': 'course',
  månad: 'month',
  'per månad': 'month',
  vecka: 'week',
  'per vecka': 'week',
  timme: 'hour',
  'per timme': 'hour',
};

/** The column header (as written in the file) of a path in the Intervention. */
export function columnResolver(mapping: HeaderMapping): (path: readonly PropertyKey[]) => string {
  return (path) => {
    const col = columnOfPath(path);
    if (!col) return path.map(String).join('.');
    const id = fieldId(col.def.key, col.lang);
    return mapping.headerOf.get(id) ?? id.replace(col.def.key, col.def.sv);
  };
}

export function recordToCandidate(
  record: CsvRecord,
  mapping: HeaderMapping,
  delimiter: Delimiter,
  column: (path: readonly PropertyKey[]) => string,
): Candidate {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const input: Json = {};
  const where = (header: string, value?: string) => ({
    row: record.row,
    column: header,
    ...(record.line !== record.row ? { line: record.line } : {}),
    ...(value !== undefined ? { value: clip(value) } : {}),
  });
  const report = (
    code: ProblemCode,
    key: FieldKey,
    header: string,
    value: string,
    params: Record<string, string | number | undefined> = {},
    lang?: UiLanguage,
    suggestion?: string,
  ) => {
    problems.push(
      problem(
        code,
        { ...fieldParams(key, lang), value, ...params },
        {
          ...where(header, value),
          ...(suggestion ? { suggestion } : {}),
        },
      ),
    );
    reported.add(pathOf(key, lang));
  };
  const objectAt = (name: string): Json => {
    input[name] ??= {};
    return input[name] as Json;
  };

  for (const col of mapping.columns) {
    const raw = record.cells[col.index] ?? '';
    if (isBlank(raw)) continue;
    const { key, header, lang } = col;
    const char = formulaStart(raw);
    if (char && !(key === 'phone' && char === '+')) {
      report('formula', key, header, raw.trim(), { char }, lang);
      continue;
    }
    const cell = unneutraliseCell(raw);
    const value = cell.trim();

    switch (key) {
      case 'id':
        input.id = value;
        break;
      case 'title':
      case 'summary':
      case 'description':
        objectAt(key)[lang ?? 'sv'] = cell;
        break;
      case 'category': {
        const found = resolveCategory(value);
        if (found) input.category = found.code;
        else {
          const near = suggestCategory(value);
          report(
            'unknown-category',
            key,
            header,
            value,
            { labelSv: near?.labels.sv, labelEn: near?.labels.en, code: near?.code },
            undefined,
            near?.code,
          );
        }
        break;
      }
      case 'municipalities': {
        const codes: string[] = [];
        for (const part of splitMulti(value, delimiter)) {
          const found = resolveMunicipalityLoose(part);
          if (found) {
            if (!codes.includes(found.code)) codes.push(found.code);
          } else {
            const near = suggestMunicipality(part);
            report(
              'unknown-municipality',
              key,
              header,
              part,
              { name: near?.name, code: near?.code },
              undefined,
              near?.code,
            );
          }
        }
        input.municipalities = codes;
        break;
      }
      case 'languages': {
        const codes: string[] = [];
        for (const part of splitMulti(value, delimiter)) {
          const found = resolveLanguageLoose(part);
          if (found) {
            if (!codes.includes(found)) codes.push(found);
          } else {
            const near = suggestLanguage(part);
            report(
              'unknown-language',
              key,
              header,
              part,
              {
                nameSv: near && languageName(near, 'sv'),
                nameEn: near && languageName(near, 'en'),
                code: near,
              },
              undefined,
              near,
            );
          }
        }
        input.languages = codes;
        break;
      }
      case 'audiences': {
        const codes: string[] = [];
        for (const part of splitMulti(value, delimiter)) {
          const found = resolveTerm(AUDIENCES, part);
          if (found) {
            if (!codes.includes(found.code)) codes.push(found.code);
          } else {
            problems.push(termProblemAt(AUDIENCES, part, fieldParams(key), where(header)));
            reported.add('audiences');
          }
        }
        input.audiences = codes;
        break;
      }
      case 'delivery': {
        const found = resolveTerm(DELIVERY_MODES, value);
        if (found) input.delivery = found.code;
        else {
          problems.push(termProblemAt(DELIVERY_MODES, value, fieldParams(key), where(header)));
          reported.add('delivery');
        }
        break;
      }
      case 'providerName':
        objectAt('provider').name = cell;
        break;
      case 'providerType': {
        const found = resolveTerm(PROVIDER_TYPES, value);
        if (found) objectAt('provider').type = found.code;
        else {
          problems.push(termProblemAt(PROVIDER_TYPES, value, fieldParams(key), where(header)));
          reported.add('provider.type');
        }
        break;
      }
      case 'street':
        objectAt('location').street = cell;
        break;
      case 'postalCode':
        objectAt('location').postalCode = value;
        break;
      case 'city':
        objectAt('location').city = cell;
        break;
      case 'url':
      case 'email':
      case 'phone':
        objectAt('contact')[key] = value;
        break;
      case 'startDate':
      case 'endDate': {
        const date = parseDate(value);
        if (date) input[key] = date;
        else report('invalid-date', key, header, value);
        break;
      }
      case 'cost': {
        const cost = parseCost(value);
        if (cost) input.cost = cost;
        else report('invalid-cost', key, header, value);
        break;
      }
      case 'openToOthers': {
        const open = parseBoolean(value);
        if (open !== undefined) objectAt('interMunicipal').open = open;
        else report('invalid-boolean', key, header, value);
        break;
      }
      case 'pricePerParticipant':
      case 'placesAvailable': {
        const amount = parseNumber(value);
        const field = key === 'placesAvailable' ? 'placesAvailable' : 'pricePerParticipantSek';
        if (amount !== undefined) objectAt('interMunicipal')[field] = amount;
        else report('invalid-number', key, header, value);
        break;
      }
      case 'pricePeriod': {
        const lower = value.toLowerCase();
        const period = (PRICE_PERIODS as readonly string[]).includes(lower)
          ? lower
          : PRICE_PERIOD_WORDS[lower];
        if (period) objectAt('interMunicipal').pricePeriod = period;
        else {
          report('unknown-term', key, header, value, {
            allowedSv: 'deltagare, kurs, månad, vecka, timme',
            allowedEn: PRICE_PERIODS.join(', '),
          });
        }
        break;
      }
      case 'placesUpdatedAt':
        objectAt('interMunicipal').placesUpdatedAt = value;
        break;
      case 'lastReviewed': {
        const date = parseDateOrDateTime(value);
        if (date) input.lastReviewedAt = date;
        else report('invalid-date', key, header, value);
        break;
      }
      case 'reviewedBy':
        input.reviewedBy = cell;
        break;
    }
  }

  // Inter-municipal sales: a price or places without "open" means open.
  const inter = input.interMunicipal as Json | undefined;
  if (inter && inter.open === undefined && !reported.has('interMunicipal.open')) {
    inter.open = true;
    problems.push(problem('open-inferred', {}, where(column(['interMunicipal', 'open']))));
  }

  // Provider type: derived from the name when not given ("Huddinge kommun" → municipality).
  const provider = input.provider as Json | undefined;
  if (
    provider &&
    provider.type === undefined &&
    !reported.has('provider.type') &&
    typeof provider.name === 'string'
  ) {
    const type = inferProviderType(provider.name);
    if (type) {
      provider.type = type;
      if (mapping.headerOf.has('providerType')) {
        problems.push(
          problem(
            'provider-type-inferred',
            {
              name: provider.name.trim(),
              labelSv: termLabel(PROVIDER_TYPES, type, 'sv'),
              labelEn: termLabel(PROVIDER_TYPES, type, 'en'),
            },
            where(column(['provider', 'type'])),
          ),
        );
      }
    }
  }

  // A required column missing from the whole file was reported once, on the header row.
  for (const key of mapping.missing) reported.add(pathOf(key));

  // Extra cells beyond the header row.
  const width = mapping.headerCount;
  if (record.cells.slice(width).some((c) => !isBlank(c)))
    problems.push(problem('extra-cells', {}, where('')));

  return {
    row: record.row,
    ...(record.line !== record.row ? { line: record.line } : {}),
    input,
    problems,
    reported,
    column,
  };
}

function pathOf(key: FieldKey, lang?: UiLanguage): string {
  const def = COLUMN_BY_KEY.get(key)!;
  return def.localized ? `${def.path}.${lang ?? 'sv'}` : def.path;
}
