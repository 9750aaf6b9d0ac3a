/**
 * Editing one intervention: the form's values from an item, and the JSON merge patch (RFC 7396) that
 * changes exactly what the person changed: `null` removes an optional field, arrays are replaced whole,
 * nested objects (title, contact) merge. And the way back: which form field a problem of the API's
 * 422 answer belongs to (`contact.email` → the e-mail field, `municipalities.0` → the municipalities).
 */
import type { Intervention } from './types.ts';

export interface EditValues {
  titleSv: string;
  titleEn: string;
  summarySv: string;
  category: string;
  municipalities: string[];
  languages: string[];
  email: string;
  phone: string;
  url: string;
  startDate: string;
  endDate: string;
}

export type EditField = keyof EditValues;

export const EDIT_FIELDS: readonly EditField[] = [
  'titleSv',
  'titleEn',
  'summarySv',
  'category',
  'municipalities',
  'languages',
  'email',
  'phone',
  'url',
  'startDate',
  'endDate',
];

export function editValuesOf(item: Intervention): EditValues {
  return {
    titleSv: item.title.sv,
    titleEn: item.title.en ?? '',
    summarySv: item.summary?.sv ?? '',
    category: item.category,
    municipalities: [...item.municipalities],
    languages: [...item.languages],
    email: item.contact?.email ?? '',
    phone: item.contact?.phone ?? '',
    url: item.contact?.url ?? '',
    startDate: item.startDate ?? '',
    endDate: item.endDate ?? '',
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type MergePatch = { [key: string]: Json };

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** The merge patch from `item` to `values`; empty when nothing changed. Text is trimmed; "" removes. */
export function mergePatchFor(item: Intervention, values: EditValues): MergePatch {
  const patch: MergePatch = {};
  const before = editValuesOf(item);
  const text = (field: EditField) => String(values[field]).trim();
  const changed = (field: EditField) => text(field) !== String(before[field]).trim();
  const valueOrNull = (field: EditField) => text(field) || null;

  const title: MergePatch = {};
  // Swedish is required: an empty title is sent as it is, so the API explains it next to the field.
  if (changed('titleSv')) title['sv'] = text('titleSv');
  if (changed('titleEn')) title['en'] = valueOrNull('titleEn');
  if (Object.keys(title).length) patch['title'] = title;

  if (changed('summarySv')) {
    const otherLanguages = Object.keys(item.summary ?? {}).filter((lang) => lang !== 'sv');
    // Removing the only summary removes the field; a Swedish summary with translations stays required.
    patch['summary'] =
      !text('summarySv') && otherLanguages.length === 0 ? null : { sv: valueOrNull('summarySv') };
  }
  if (changed('category')) patch['category'] = text('category');
  if (!sameList(values.municipalities, before.municipalities))
    patch['municipalities'] = [...values.municipalities];
  if (!sameList(values.languages, before.languages)) patch['languages'] = [...values.languages];

  const contact: MergePatch = {};
  for (const [field, key] of [
    ['email', 'email'],
    ['phone', 'phone'],
    ['url', 'url'],
  ] as const) {
    if (changed(field)) contact[key] = valueOrNull(field);
  }
  if (Object.keys(contact).length) patch['contact'] = item.contact ? contact : dropNulls(contact);

  if (changed('startDate')) patch['startDate'] = valueOrNull('startDate');
  if (changed('endDate')) patch['endDate'] = valueOrNull('endDate');
  return patch;
}

function dropNulls(object: MergePatch): MergePatch {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null));
}

/** The form field a problem's column (a JSON field path) belongs to; undefined for anything else. */
export function editFieldOfColumn(column: string): EditField | undefined {
  const path = column.replace(/\.\d+$/, '').replace(/\[\d+\]$/, '');
  switch (path) {
    case 'title':
    case 'title.sv':
      return 'titleSv';
    case 'title.en':
      return 'titleEn';
    case 'summary':
    case 'summary.sv':
      return 'summarySv';
    case 'category':
      return 'category';
    case 'municipalities':
      return 'municipalities';
    case 'languages':
      return 'languages';
    case 'contact.email':
      return 'email';
    case 'contact.phone':
      return 'phone';
    case 'contact.url':
      return 'url';
    case 'startDate':
      return 'startDate';
    case 'endDate':
      return 'endDate';
    default:
      return undefined;
  }
}
