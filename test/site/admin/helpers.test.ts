import { describe, expect, it } from 'vitest';
import { signDevToken } from '../../../functions/auth/dev-token.ts';
import { fileNameOf } from '../../../functions/catalogue/upload-catalogue.ts';
import { fieldColumnMap } from '../../../site/src/lib/admin/columns.ts';
import { columnOfField, diffView } from '../../../site/src/lib/admin/diff.ts';
import { editFieldOfColumn, editValuesOf, mergePatchFor } from '../../../site/src/lib/admin/edit.ts';
import { explainFailure, failureKindOf } from '../../../site/src/lib/admin/errors.ts';
import {
  baseName,
  contentDisposition,
  fileNameFromDisposition,
  formatBytes,
  uploadKindOf,
} from '../../../site/src/lib/admin/files.ts';
import { formatWhen, interpolate } from '../../../site/src/lib/admin/format.ts';
import { decodeJwtPayload, sessionFromToken } from '../../../site/src/lib/admin/jwt.ts';
import {
  municipalitySuggestionNamer,
  problemTables,
  reportCsv,
} from '../../../site/src/lib/admin/problems.ts';
import type { Intervention, Problem } from '../../../site/src/lib/admin/types.ts';

const problem = (over: Partial<Problem>): Problem => ({
  row: 2,
  column: 'kommuner',
  code: 'unknown-municipality',
  message: 'sv',
  messages: { sv: 'Kommunen finns inte.', en: 'The municipality does not exist.' },
  severity: 'error',
  ...over,
});

describe('the token, decoded for display only', () => {
  const now = 1_800_000_000;
  const token = signDevToken(
    'secret',
    {
      sub: 'dev-sodertorn',
      name: 'Anna Administratör',
      groups: ['region-sodertorn-admin', 'region-nordost-admin'],
    },
    now,
    3600,
  );

  it('names the person (UTF-8), the account and the regions, with the expiry', () => {
    const result = sessionFromToken(`  Bearer ${token}\n`, now * 1000);
    expect(result).toEqual({
      ok: true,
      session: {
        token,
        subject: 'dev-sodertorn',
        name: 'Anna Administratör',
        regions: ['sodertorn', 'nordost'],
        countyBoard: false,
        expiresAt: (now + 3600) * 1000,
      },
    });
  });

  it('refuses what is not a usable token, and says why', () => {
    expect(sessionFromToken('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(sessionFromToken('not a token')).toEqual({ ok: false, reason: 'malformed' });
    expect(sessionFromToken('a.b.c')).toEqual({ ok: false, reason: 'malformed' });
    expect(sessionFromToken(token, (now + 3600) * 1000)).toEqual({ ok: false, reason: 'expired' });
    const countyBoard = signDevToken('s', { sub: 'cb', groups: ['county-board'] }, now);
    expect(sessionFromToken(countyBoard, now * 1000)).toEqual({ ok: false, reason: 'no-regions' });
  });

  it('reads groups as API Gateway flattens them', () => {
    const payload = Buffer.from(
      JSON.stringify({ sub: 'x', 'cognito:groups': '[region-salem-admin region-x-y-admin]' }),
    ).toString('base64url');
    expect(decodeJwtPayload(`e30.${payload}.sig`)).toMatchObject({ sub: 'x' });
    const result = sessionFromToken(`e30.${payload}.sig`);
    expect(result.ok && result.session.regions).toEqual(['salem', 'x-y']);
    expect(result.ok && result.session.expiresAt).toBeUndefined();
  });
});

describe('files', () => {
  it('sends .csv as text/csv and .json as application/json, whatever the browser says', () => {
    expect(uploadKindOf('insatser.csv', 'application/vnd.ms-excel')).toEqual({
      ok: true,
      format: 'csv',
      contentType: 'text/csv',
    });
    expect(uploadKindOf('Export.TXT')).toMatchObject({ contentType: 'text/csv' });
    expect(uploadKindOf('hsds.json', '')).toEqual({
      ok: true,
      format: 'json',
      contentType: 'application/json',
    });
    expect(uploadKindOf('noname', 'text/csv')).toMatchObject({ contentType: 'text/csv' });
  });

  it('explains workbooks and unknown types before anything is sent', () => {
    expect(uploadKindOf('insatser.xlsx')).toEqual({ ok: false, reason: 'spreadsheet' });
    expect(uploadKindOf('insatser.ods')).toEqual({ ok: false, reason: 'spreadsheet' });
    expect(uploadKindOf('bild.png', 'image/png')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('carries any file name through Content-Disposition to the version history, as written', () => {
    for (const name of ['insatser höst.csv', 'Södertörn – 2026 (v2).csv', 'إدراج.json', '100% "klart".csv']) {
      const header = contentDisposition(name);
      expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      // The API's own parser (the history keeps a printable base name).
      const event = { headers: { 'content-disposition': header } } as unknown as Parameters<
        typeof fileNameOf
      >[0];
      expect(fileNameOf(event)).toBe(name.replace(/[^\p{L}\p{N} ._()-]/gu, '_'));
    }
    expect(baseName('C:\\fakepath\\insatser.csv')).toBe('insatser.csv');
  });

  it('names downloads from Content-Disposition, safely', () => {
    expect(fileNameFromDisposition('attachment; filename="insatser-sodertorn-v4.csv"', 'x')).toBe(
      'insatser-sodertorn-v4.csv',
    );
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''h%C3%B6st.csv", 'x')).toBe('höst.csv');
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"', 'x')).toBe('passwd');
    expect(fileNameFromDisposition(null, 'fallback.csv')).toBe('fallback.csv');
    expect(fileNameFromDisposition('attachment; filename=".."', 'fallback.csv')).toBe('fallback.csv');
  });

  it('writes sizes for people', () => {
    expect(formatBytes(812, 'sv')).toBe('812 B');
    expect(formatBytes(4_200_000, 'sv')).toBe('4,2 MB');
    expect(formatBytes(4_200_000, 'en')).toBe('4.2 MB');
  });
});

describe('the report table', () => {
  const report = {
    errors: [
      problem({ row: 3, column: 'kommuner', value: 'Huddinnge', suggestion: '0126' }),
      problem({
        row: 0,
        column: '',
        code: 'too-many-rows',
        messages: { sv: 'För många rader.', en: 'Too many rows.' },
      }),
      problem({
        row: 3,
        column: 'e-post',
        code: 'invalid-email',
        messages: { sv: 'Fel e-post.', en: 'Bad e-mail.' },
      }),
      problem({
        row: 2,
        column: 'titel',
        code: 'required',
        line: 4,
        messages: { sv: 'Titel saknas.', en: '' },
      }),
    ],
    warnings: [problem({ row: 5, column: 'okänd', code: 'unknown-column', severity: 'warning' })],
  };

  it('sorts problems as the sheet reads: whole file, then row, then column; errors and warnings apart', () => {
    const tables = problemTables(report, 'en', municipalitySuggestionNamer({ '0126': 'Huddinge' }));
    expect(tables.errors.map((e) => [e.row, e.column])).toEqual([
      [0, ''],
      [2, 'titel'],
      [3, 'e-post'],
      [3, 'kommuner'],
    ]);
    expect(tables.errors[3]).toMatchObject({
      message: 'The municipality does not exist.',
      value: 'Huddinnge',
      suggestion: 'Huddinge (0126)',
    });
    // A missing translation falls back to Swedish; a record spanning lines shows where it starts.
    expect(tables.errors[1]).toMatchObject({ message: 'Titel saknas.', line: 4 });
    expect(tables.warnings).toHaveLength(1);
    expect(tables.rowsWithErrors).toBe(2);
  });

  it('is downloadable as a CSV Excel opens (BOM, semicolons, quoted cells, no formulas)', () => {
    const tables = problemTables(
      { errors: [problem({ value: '=HYPERLINK("x")', messages: { sv: 'Fel; "citat"', en: '' } })] },
      'sv',
    );
    const csv = reportCsv(
      tables,
      {
        severity: 'Typ',
        row: 'Rad',
        column: 'Kolumn',
        message: 'Problem',
        value: 'Värde',
        suggestion: 'Förslag',
      },
      { error: 'Fel', warning: 'Varning' },
    );
    expect(csv.startsWith('\uFEFFTyp;Rad;Kolumn;Problem;Värde;Förslag\r\n')).toBe(true);
    expect(csv).toContain('Fel;2;kommuner;"Fel; ""citat""";"\'=HYPERLINK(""x"")";\r\n');
  });
});

describe('the diff', () => {
  const columns = fieldColumnMap('sv');
  it('names changed fields by the sheet’s columns', () => {
    expect(columnOfField('title.sv', columns)).toBe('titel');
    expect(columnOfField('title.en', columns)).toBe('titel_en');
    expect(columnOfField('contact.email', columns)).toBe('e-post');
    expect(columnOfField('cost.free', columns)).toBe('kostnad');
    expect(columnOfField('interMunicipal.placesAvailable', columns)).toBe('lediga_platser');
    expect(columnOfField('somethingNew', columns)).toBe('somethingNew');
    expect(columnOfField('title.en', fieldColumnMap('en'))).toBe('title_en');
  });

  it('adds titles, removes repeats and cuts long lists', () => {
    const view = diffView(
      {
        added: ['a', 'b', 'c'],
        changed: [{ id: 'x', fields: ['summary.sv', 'summary.en', 'contact.email'] }],
        removed: [],
        unchanged: 7,
      },
      { titleOf: (id) => (id === 'x' ? 'SFI i Salem' : undefined), columns, limit: 2 },
    );
    expect(view.added).toMatchObject({ total: 3, more: 1 });
    expect(view.added.shown.map((e) => e.id)).toEqual(['a', 'b']);
    expect(view.changed.shown[0]).toEqual({
      id: 'x',
      title: 'SFI i Salem',
      fields: ['sammanfattning', 'sammanfattning_en', 'e-post'],
    });
    expect(view.empty).toBe(false);
    expect(diffView({ added: [], changed: [], removed: [], unchanged: 3 }).empty).toBe(true);
  });
});

describe('editing an item', () => {
  const item = {
    id: 'salem-sfi',
    title: { sv: 'SFI i Salem', en: 'SFI in Salem' },
    summary: { sv: 'Dagtid.' },
    category: 'sfi',
    municipalities: ['0128'],
    languages: ['sv', 'ar'],
    audiences: ['all'],
    delivery: 'on-site',
    provider: { name: 'Salems kommun', type: 'municipality' },
    contact: { email: 'sfi@salem.se', phone: '08-532 598 00' },
    cost: { free: true },
    startDate: '2026-09-01',
  } as Intervention;

  it('sends nothing when nothing changed', () => {
    expect(mergePatchFor(item, editValuesOf(item))).toEqual({});
    expect(mergePatchFor(item, { ...editValuesOf(item), titleSv: ' SFI i Salem ' })).toEqual({});
  });

  it('sends exactly what changed, as a merge patch: null removes, lists are replaced, objects merge', () => {
    const values = {
      ...editValuesOf(item),
      titleEn: '',
      summarySv: 'Kvällstid.',
      municipalities: ['0128', '0126'],
      email: '',
      url: 'https://www.salem.se/sfi',
      startDate: '',
      endDate: '2027-06-01',
    };
    expect(mergePatchFor(item, values)).toEqual({
      title: { en: null },
      summary: { sv: 'Kvällstid.' },
      municipalities: ['0128', '0126'],
      contact: { email: null, url: 'https://www.salem.se/sfi' },
      startDate: null,
      endDate: '2027-06-01',
    });
  });

  it('removes the summary when its only text is emptied; keeps a required Swedish title for the API to explain', () => {
    expect(mergePatchFor(item, { ...editValuesOf(item), summarySv: '' })).toEqual({ summary: null });
    const translated = { ...item, summary: { sv: 'Dagtid.', en: 'Daytime.' } } as Intervention;
    expect(mergePatchFor(translated, { ...editValuesOf(translated), summarySv: '' })).toEqual({
      summary: { sv: null },
    });
    expect(mergePatchFor(item, { ...editValuesOf(item), titleSv: '' })).toEqual({ title: { sv: '' } });
    const noContact = { ...item, contact: undefined } as Intervention;
    expect(mergePatchFor(noContact, { ...editValuesOf(noContact), phone: '08-1234567' })).toEqual({
      contact: { phone: '08-1234567' },
    });
  });

  it('puts the API’s problems next to their fields', () => {
    expect(editFieldOfColumn('title.sv')).toBe('titleSv');
    expect(editFieldOfColumn('title')).toBe('titleSv');
    expect(editFieldOfColumn('municipalities.0')).toBe('municipalities');
    expect(editFieldOfColumn('languages.3')).toBe('languages');
    expect(editFieldOfColumn('contact.email')).toBe('email');
    expect(editFieldOfColumn('endDate')).toBe('endDate');
    expect(editFieldOfColumn('provider.name')).toBeUndefined();
  });
});

describe('failures', () => {
  it('says what kind of failure each answer is', () => {
    expect(failureKindOf(undefined, undefined)).toBe('network');
    expect(failureKindOf(0, undefined)).toBe('network');
    expect(failureKindOf(401, 'unauthorized')).toBe('sign-in');
    expect(failureKindOf(403, 'forbidden')).toBe('forbidden');
    expect(failureKindOf(404, 'version-not-found')).toBe('not-found');
    expect(failureKindOf(409, 'publish-conflict')).toBe('conflict');
    expect(failureKindOf(409, 'already-live')).toBe('state');
    expect(failureKindOf(413, 'payload-too-large')).toBe('too-large');
    expect(failureKindOf(415, 'unsupported-media-type')).toBe('unsupported');
    expect(failureKindOf(400, 'invalid-body')).toBe('invalid');
    expect(failureKindOf(503, 'store-unavailable')).toBe('unavailable');
    expect(failureKindOf(429, undefined)).toBe('unavailable');
  });

  it('takes the API’s message in the page’s language', () => {
    const body = {
      error: {
        code: 'forbidden',
        message: 'Du är inte administratör.',
        messages: { sv: 'Du är inte administratör.', en: 'You are not an administrator.' },
      },
    };
    expect(explainFailure(403, body, 'en')).toEqual({
      kind: 'forbidden',
      status: 403,
      code: 'forbidden',
      message: 'You are not an administrator.',
    });
    expect(explainFailure(403, body, 'sv').message).toBe('Du är inte administratör.');
    expect(explainFailure(502, '<html>', 'sv')).toEqual({
      kind: 'unavailable',
      status: 502,
      code: undefined,
      message: undefined,
    });
  });
});

describe('formatting', () => {
  it('writes times in Swedish time with Latin digits', () => {
    expect(formatWhen('2026-11-23T13:05:00Z', 'sv')).toMatch(/23 nov\.? 2026.*14:05/);
    expect(formatWhen('2026-09-01', 'en')).toBe('1 Sept 2026');
    expect(formatWhen('not a date', 'sv')).toBe('not a date');
    expect(interpolate('Version {v} av {x}', { v: 3 })).toBe('Version 3 av {x}');
  });
});
