/** What every panel of a signed-in administrator gets from the page. */
import type { AdminApi } from '../../lib/admin/client.ts';
import type { AdminSession } from '../../lib/admin/jwt.ts';
import type { AdminLang, AdminRegion, Intervention, Option } from '../../lib/admin/types.ts';
import type { T } from './i18n.ts';

export interface BuildData {
  regions: AdminRegion[];
  /** SCB code → name, every municipality (joint offers may lie outside the region). */
  municipalityNames: Record<string, string>;
  categories: Option[];
  languages: Option[];
  /** Field path → the template's column header in the page's language. */
  fieldColumns: Record<string, string>;
}

export interface PanelContext {
  lang: AdminLang;
  tr: T;
  api: AdminApi;
  session: AdminSession;
  region: AdminRegion;
  data: BuildData;
  /** The published catalogue's items (for titles, the edit picker); undefined while loading. */
  items: Intervention[] | undefined;
  /** Bumps after every publish; panels reload what they show. */
  revision: number;
  /** Something was published: reload the history and the items. */
  published(): void;
  /** Explain a failure in plain words (a 401 signs out and returns to the sign-in). */
  explain(error: unknown): string;
  /** Move focus to the element with this id after the next render. */
  focus(id: string): void;
}
