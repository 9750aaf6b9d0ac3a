/** Shared test helpers for catalogue uploads: a fixed region, a fixed "today", fixture bytes. */
import { readFileSync } from 'node:fs';
import type { Problem } from '../../functions/catalogue/upload/types.ts';
import { type RegionConfig, RegionConfigSchema } from '../../shared/region.ts';

/** Etablering Södertörn as in config/regions.json, fixed here so the tests do not move with the config. */
export const SODERTORN: RegionConfig = RegionConfigSchema.parse({
  id: 'sodertorn',
  name: 'Etablering Södertörn',
  county: ['01'],
  municipalities: ['0126', '0136', '0192', '0128', '0138', '0120'],
  jointMunicipalities: ['0127', '0181', '0182'],
  tableName: 'insats-region-sodertorn',
});

export const NOW = new Date('2026-07-01T08:00:00Z');
export const CONTEXT = { region: SODERTORN, now: NOW };

export const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/uploads/${name}`, import.meta.url)));

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A CSV in the template's minimal shape, `;`-separated, one line per row. */
export const csvOf = (...rows: string[]): Uint8Array => bytes(`${rows.join('\r\n')}\r\n`);
export const MINIMAL_HEADER = 'id;titel;kategori;kommuner;anordnare;anordnartyp';

export const codes = (problems: readonly Problem[]): string[] => problems.map((p) => p.code);
export const find = (problems: readonly Problem[], code: string): Problem | undefined =>
  problems.find((p) => p.code === code);
