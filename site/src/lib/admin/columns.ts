/**
 * Field paths of an intervention (`title.en`, `contact.email`, as the API's diff names them) → the
 * upload template's column headers (`titel_en`, `e-post`), so "what changed" reads in the words of the
 * administrator's own sheet. Built at build time from the template's one definition and passed to the
 * island as a plain map (the island does not carry the column table).
 */
import { COLUMNS } from '../../../../functions/catalogue/upload/columns.ts';
import { UI_LANGUAGES } from '../../../../shared/languages.ts';
import type { AdminLang } from './types.ts';

/** Path → header in the page's language (the template's Swedish headers, or their English aliases). */
export function fieldColumnMap(lang: AdminLang): Record<string, string> {
  const map: Record<string, string> = {};
  for (const column of COLUMNS) {
    const header = column[lang];
    if (column.localized) {
      map[column.path] = header;
      for (const ui of UI_LANGUAGES) map[`${column.path}.${ui}`] = ui === 'sv' ? header : `${header}_${ui}`;
    } else {
      map[column.path] = header;
    }
  }
  // Containers whose parts share one column.
  const cost = COLUMNS.find((c) => c.key === 'cost');
  if (cost) for (const part of ['free', 'amountSek']) map[`cost.${part}`] = cost[lang];
  return map;
}
