import { describe, expect, it } from 'vitest';
import { parseUpload, UnsupportedMediaTypeError } from '../../functions/catalogue/upload/parse-upload.ts';
import { LIMITS } from '../../shared/limits.ts';
import { bytes, CONTEXT, codes, csvOf, find, fixture, MINIMAL_HEADER } from './helpers.ts';

const csv = (body: Uint8Array) => parseUpload(body, 'text/csv', CONTEXT);

describe('CSV uploads as Excel writes them', () => {
  it('a Windows-1252 semicolon file with Swedish headers parses', () => {
    const result = csv(fixture('sodertorn-windows-1252.csv'));
    expect(result.format).toBe('csv');
    expect(result.source).toEqual({ encoding: 'windows-1252', delimiter: ';' });
    expect(result.errors).toEqual([]);
    // The blank row and the trailing empty line are skipped.
    expect(result.counts).toEqual({ rows: 4, valid: 4, invalid: 0 });

    const [sfi, praktik, halsa, so] = result.items;
    expect(sfi).toMatchObject({
      id: 'vdo-sfi-1',
      title: { sv: 'SFI på Värmdö', en: 'Swedish for immigrants in Värmdö' },
      summary: { sv: 'Svenska för invandrare – grundläggande nivå.' },
      description: { sv: 'Undervisning dagtid; kvällsgrupp finns. Ta med "legitimation" första dagen.' },
      category: 'sfi',
      municipalities: ['0120'],
      languages: ['sv', 'ar', 'so'],
      audiences: ['all'],
      delivery: 'on-site',
      provider: { name: 'Värmdö kommun', type: 'municipality' },
      location: { street: 'Skogsbovägen 9', postalCode: '134 40', city: 'Gustavsberg' },
      startDate: '2026-08-17',
      endDate: '2026-12-18',
      cost: { free: true },
      interMunicipal: { open: false },
      reviewedBy: 'Karin Öberg',
    });
    expect(praktik).toMatchObject({
      category: 'arbete.praktik',
      municipalities: ['0126', '0128'],
      languages: ['ar', 'prs', 'ti'],
      audiences: ['women', 'establishment-programme'],
      interMunicipal: { open: true, pricePerParticipantSek: 1500, placesAvailable: 4 },
    });
    expect(halsa).toMatchObject({
      category: 'halsa.halsokommunikation',
      municipalities: ['0192', '0136', '0181'],
      delivery: 'hybrid',
      provider: { name: 'Region Stockholm', type: 'region' },
      cost: { free: true },
    });
    expect(so).toMatchObject({ category: 'samhallsorientering', languages: ['prs'], delivery: 'remote' });

    // Södertälje is a partner municipality of Södertörn: a warning, not an error.
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({
      code: 'municipality-joint',
      row: 4,
      column: 'Kommuner',
      value: '0181',
    });
  });

  it('a UTF-8-BOM Excel export, with line breaks inside a quoted cell and translations', () => {
    const result = csv(fixture('sodertorn-utf8-bom.csv'));
    expect(result.source).toEqual({ encoding: 'utf-8-bom', delimiter: ';' });
    expect(result.errors).toEqual([]);
    expect(result.counts).toEqual({ rows: 2, valid: 2, invalid: 0 });
    const [cafe, jobb] = result.items;
    expect(cafe!.description!.sv).toBe(
      'Varje onsdag 17–19.\nBiblioteket i Handen, plan 2.\nVälkommen – även "nybörjare"!',
    );
    expect(cafe!.title).toEqual({ sv: 'Språkcafé i Handen', ar: 'مقهى اللغة في هاندن' });
    // `_prs` (Dari) is the portal's `fa`.
    expect(cafe!.summary).toEqual({ sv: 'Prata svenska över en kopp kaffe.', fa: 'گپ زدن به زبان سویدنی' });
    expect(cafe!.provider).toEqual({ name: 'Röda Korset Haninge', type: 'ngo' });
    expect(jobb).toMatchObject({
      municipalities: ['0128'],
      languages: ['ar', 'en'],
      provider: { type: 'employment-service' },
      contact: { phone: '+46 10 486 00 00', email: 'jobb@example.se' },
      cost: { free: false, amountSek: 500 },
    });
    // The second record starts on physical line 5 (the first one spans lines 2–4) but is spreadsheet row 3.
    const ended = find(result.warnings, 'ended');
    expect(ended).toMatchObject({ row: 3, line: 5, column: 'slutdatum', value: '2026-06-30' });
  });

  it('a UTF-16 file (Excel "Unicode text": BOM FF FE, tab-separated)', () => {
    const result = csv(fixture('sodertorn-utf16le.txt'));
    expect(result.source).toEqual({ encoding: 'utf-16le', delimiter: '\t' });
    expect(result.errors).toEqual([]);
    expect(result.items.map((i) => i.title.sv)).toEqual(['Språkcafé på Värmdö', 'Läxhjälp för föräldrar']);
    expect(result.items[0]).toMatchObject({
      category: 'sprakstod',
      municipalities: ['0120'],
      languages: ['sv', 'uk'],
    });
    expect(result.items[1]).toMatchObject({ category: 'barn-familj', provider: { type: 'ngo' } });
  });

  it('a UTF-16 BE file with BOM', () => {
    const result = csv(fixture('sodertorn-utf16be.csv'));
    expect(result.source?.encoding).toBe('utf-16be');
    expect(result.errors).toEqual([]);
    expect(result.items[0]).toMatchObject({
      title: { sv: 'Cykelskola för kvinnor' },
      category: 'fritid-forening',
    });
  });

  it('a comma-separated file with English headers; multi-values with ";" or "|"', () => {
    const result = csv(fixture('sodertorn-english-comma.csv'));
    expect(result.source?.delimiter).toBe(',');
    expect(result.errors).toEqual([]);
    const [amu, val] = result.items;
    expect(amu).toMatchObject({
      category: 'arbete.arbetsmarknadsutbildning',
      municipalities: ['0126', '0136'],
      languages: ['ar', 'en', 'sv'],
      audiences: ['youth'],
      provider: { name: 'Lernia', type: 'private' },
      interMunicipal: { open: true, pricePerParticipantSek: 12500.5, placesAvailable: 3 },
      summary: { sv: 'Forklift licence, safety and Swedish at work.' },
    });
    expect(val).toMatchObject({
      municipalities: ['0126', '0138'],
      languages: ['ti', 'so'],
      delivery: 'hybrid',
      cost: { free: false, amountSek: 1500 },
      interMunicipal: { open: false },
    });
  });
});

describe('broken files', () => {
  it('unbalanced quotes: a clear error with the row number', () => {
    const result = csv(fixture('broken-unbalanced-quotes.csv'));
    expect(result.items).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'unbalanced-quotes', row: 3, severity: 'error' });
    expect(result.errors[0]!.message).toContain('rad 3');
    expect(result.errors[0]!.messages.en).toContain('row 3');
  });

  it('a wrong municipality, with a suggestion', () => {
    const result = csv(fixture('broken-wrong-municipality.csv'));
    const wrong = find(result.errors, 'unknown-municipality')!;
    expect(wrong).toMatchObject({
      row: 2,
      column: 'kommuner',
      value: 'Huddinnge',
      suggestion: '0126',
      severity: 'error',
    });
    expect(wrong.message).toBe('Kommunen "Huddinnge" finns inte. Menade du Huddinge (0126)?');
    expect(wrong.messages.en).toBe(
      'The municipality "Huddinnge" does not exist. Did you mean Huddinge (0126)?',
    );
    // Stockholm exists, but is not in Södertörn.
    expect(find(result.errors, 'municipality-outside-region')).toMatchObject({ row: 3, value: '0180' });
    expect(result.counts).toEqual({ rows: 2, valid: 0, invalid: 2 });
  });

  it('a missing title', () => {
    const result = csv(fixture('broken-missing-title.csv'));
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'required',
        row: 3,
        column: 'titel',
        message: 'Titel måste fyllas i.',
      }),
    ]);
    expect(result.items.map((i) => i.id)).toEqual(['a-1']);
    expect(result.counts).toEqual({ rows: 2, valid: 1, invalid: 1 });
  });

  it('duplicate ids: both rows are named', () => {
    const result = csv(fixture('broken-duplicate-ids.csv'));
    const duplicates = result.errors.filter((p) => p.code === 'duplicate-id');
    expect(duplicates.map((p) => p.row)).toEqual([2, 4]);
    for (const p of duplicates) {
      expect(p.message).toBe(
        'Id "kurs-1" används på flera rader (rad 2 och 4). Varje insats behöver ett eget id.',
      );
      expect(p.messages.en).toContain('rows 2 and 4');
    }
    expect(result.items.map((i) => i.id)).toEqual(['kurs-2']);
  });

  it('binary junk is refused with a clear error', () => {
    const result = csv(fixture('broken-binary-junk.bin'));
    expect(codes(result.errors)).toEqual(['binary-file']);
    expect(result.errors[0]!.message).toContain('CSV UTF-8');
    expect(result.items).toEqual([]);
  });

  it('an Excel workbook (.xlsx) instead of CSV says how to save as CSV', () => {
    const result = csv(fixture('broken-workbook.xlsx'));
    expect(codes(result.errors)).toEqual(['excel-workbook']);
    expect(result.errors[0]!.message).toContain('Spara som');
  });

  it('formula-looking cells are refused; a phone number with + is not; neutralised cells are read back', () => {
    const result = csv(fixture('broken-formulas.csv'));
    const formulas = result.errors.filter((p) => p.code === 'formula');
    expect(formulas.map((p) => p.column).sort()).toEqual([
      'pris_per_deltagare',
      'sammanfattning',
      'titel',
      'webbplats',
    ]);
    expect(formulas.every((p) => p.row === 2)).toBe(true);
    expect(find(result.errors, 'formula')!.message).toContain('formel');
    expect(result.errors.some((p) => p.column === 'telefon')).toBe(false);
    // Row 3 was written by the export: the leading ' is removed again.
    expect(result.items).toEqual([
      expect.objectContaining({
        id: 'f-2',
        title: { sv: '=1+1 är två' },
        summary: { sv: '-Kurs' },
        contact: { phone: '+46 8 535 300 00' },
      }),
    ]);
  });
});

describe('header mapping', () => {
  it('headers in any order, case, spacing and diacritics; translations by code or Swedish name', () => {
    const result = csv(
      csvOf(
        ' ANORDNARE ;sprak;Kommuner;E post;Kategori;ID;Öppen för andra kommuner;Title_EN;beskrivning (engelska);summary_prs;titel;Beskrivning;SAMMANFATTNING',
        'Huddinge kommun;arabiska;0126;a@example.se;Praktik;x-1;ja;Placement;In English;به دری;Praktik;På svenska;Kort',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.items[0]).toMatchObject({
      id: 'x-1',
      title: { sv: 'Praktik', en: 'Placement' },
      description: { sv: 'På svenska', en: 'In English' },
      summary: { sv: 'Kort', fa: 'به دری' },
      languages: ['ar'],
      contact: { email: 'a@example.se' },
      interMunicipal: { open: true },
      provider: { name: 'Huddinge kommun', type: 'municipality' },
    });
  });

  it('a translation without the Swedish text', () => {
    const result = csv(
      csvOf(`${MINIMAL_HEADER};sammanfattning_en`, 'a;Kurs;sfi;Huddinge;Huddinge kommun;Kommun;Short'),
    );
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'missing-swedish', column: 'sammanfattning', row: 2 }),
    ]);
  });

  it('missing required columns are errors; unknown columns warnings', () => {
    const result = csv(csvOf('id;titel;kommuner;färg', 'a;Kurs;Huddinge;blå'));
    expect(result.errors.map((p) => [p.code, p.column])).toEqual([
      ['missing-column', 'kategori'],
      ['missing-column', 'anordnare'],
    ]);
    // The missing columns are reported once, not again on every row.
    expect(result.errors.every((p) => p.row === 1)).toBe(true);
    expect(find(result.warnings, 'unknown-column')).toMatchObject({ row: 1, column: 'färg' });
    expect(result.items).toEqual([]);
    expect(result.counts).toEqual({ rows: 1, valid: 0, invalid: 1 });
  });

  it('a file whose first row is not a header', () => {
    const result = csv(csvOf('a-1;Kurs;sfi;Huddinge', 'a-2;Kurs;sfi;Huddinge'));
    expect(codes(result.errors)).toEqual(['no-header']);
  });

  it('a duplicated column is an error', () => {
    const result = csv(csvOf(`${MINIMAL_HEADER};Title`, 'a;Kurs;sfi;Huddinge;Huddinge kommun;Kommun;Kurs'));
    expect(find(result.errors, 'duplicate-column')).toMatchObject({ row: 1, column: 'Title' });
  });

  it('the provider type is derived from the name when the column is missing', () => {
    const result = csv(
      csvOf(
        'id;titel;kategori;kommuner;anordnare',
        'a;Kurs;sfi;Huddinge;Salems kommun',
        'b;Kurs;sfi;Huddinge;Okänd AB',
      ),
    );
    expect(result.items.map((i) => i.provider.type)).toEqual(['municipality', 'private']);
    expect(find(result.warnings, 'provider-type-column-missing')).toBeDefined();
  });
});

describe('cells and validation', () => {
  const row = (cells: Record<string, string>) => {
    const base: Record<string, string> = {
      id: 'a-1',
      titel: 'Kurs',
      kategori: 'sfi',
      kommuner: 'Huddinge',
      anordnare: 'Huddinge kommun',
      anordnartyp: 'Kommun',
      ...cells,
    };
    const headers = Object.keys(base);
    return csv(
      bytes(
        `${headers.join(';')}\r\n${headers.map((h) => `"${base[h]!.replaceAll('"', '""')}"`).join(';')}\r\n`,
      ),
    );
  };

  it('Swedish names where codes are expected', () => {
    const result = row({
      kommuner: 'Huddinge kommun | 136 | Värmdö',
      kategori: 'Arbete > Praktik',
      språk: 'Arabiska, dari, TIGRINJA, sv',
      målgrupp: 'kvinnor|Unga',
      form: 'På distans',
      anordnartyp: 'Ideell organisation',
      kostnad: '1 500 kr',
      öppen_för_andra_kommuner: 'x',
      pris_per_deltagare: '12,50',
      lediga_platser: '3',
    });
    expect(result.errors).toEqual([]);
    expect(result.items[0]).toMatchObject({
      municipalities: ['0126', '0136', '0120'],
      category: 'arbete.praktik',
      languages: ['ar', 'prs', 'ti', 'sv'],
      audiences: ['women', 'youth'],
      delivery: 'remote',
      provider: { type: 'ngo' },
      cost: { free: false, amountSek: 1500 },
      interMunicipal: { open: true, pricePerParticipantSek: 12.5, placesAvailable: 3 },
    });
  });

  it('end date before start date', () => {
    const result = row({ startdatum: '2026-09-01', slutdatum: '2026-8-1' });
    expect(find(result.errors, 'end-before-start')).toMatchObject({
      column: 'slutdatum',
      message: 'Slutdatumet 2026-08-01 är före startdatumet 2026-09-01.',
    });
  });

  it('an Excel date like 1/9/2026 is not guessed: an error with a hint to use ÅÅÅÅ-MM-DD', () => {
    const result = row({ startdatum: '1/9/2026' });
    const problem = find(result.errors, 'invalid-date')!;
    expect(problem).toMatchObject({ column: 'startdatum', value: '1/9/2026' });
    expect(problem.message).toContain('ÅÅÅÅ-MM-DD');
    expect(problem.messages.en).toContain('YYYY-MM-DD');
  });

  it('invalid e-mail, URL (javascript: refused, only http/https) and phone', () => {
    const result = row({
      'e-post': 'kurs(at)example.se',
      webbplats: 'javascript:alert(1)',
      telefon: 'ring oss',
    });
    expect(result.errors.map((p) => [p.code, p.column])).toEqual(
      expect.arrayContaining([
        ['invalid-email', 'e-post'],
        ['invalid-url', 'webbplats'],
        ['invalid-phone', 'telefon'],
      ]),
    );
    expect(row({ webbplats: 'ftp://example.se/fil' }).errors.map((p) => p.code)).toEqual(['invalid-url']);
  });

  it('text over its limit says the limit and the length', () => {
    const result = row({ titel: 'x'.repeat(LIMITS.titleMaxChars + 5) });
    const problem = find(result.errors, 'too-long')!;
    expect(problem.column).toBe('titel');
    expect(problem.message).toBe(
      `Titel är för lång: ${LIMITS.titleMaxChars + 5} tecken. Högst ${LIMITS.titleMaxChars} tecken är tillåtet.`,
    );
  });

  it('a municipality outside the region is an error, a joint one a warning', () => {
    const result = row({ kommuner: 'Huddinge, Botkyrka, Göteborg' });
    expect(find(result.errors, 'municipality-outside-region')).toMatchObject({ value: '1480' });
    expect(find(result.warnings, 'municipality-joint')).toMatchObject({ value: '0127' });
  });

  it('an unknown category and language get suggestions', () => {
    const result = row({ kategori: 'praktk', språk: 'arabsika' });
    expect(find(result.errors, 'unknown-category')).toMatchObject({ suggestion: 'arbete.praktik' });
    expect(find(result.errors, 'unknown-category')!.message).toBe(
      'Kategorin "praktk" finns inte. Menade du Praktik (arbete.praktik)?',
    );
    expect(find(result.errors, 'unknown-language')).toMatchObject({ suggestion: 'ar', value: 'arabsika' });
  });

  it('every problem of a row is reported, not only the first', () => {
    const result = row({
      id: 'a b',
      kommuner: 'Huddinnge',
      kategori: 'okänd',
      'e-post': 'nej',
      kostnad: 'lite',
      startdatum: '2026-13-01',
    });
    expect(codes(result.errors).sort()).toEqual(
      [
        'invalid-cost',
        'invalid-date',
        'invalid-email',
        'invalid-id',
        'unknown-category',
        'unknown-municipality',
      ].sort(),
    );
    expect(result.errors.every((p) => p.row === 2)).toBe(true);
  });

  it('ja/nej/yes/no/x and cost words', () => {
    expect(row({ öppen_för_andra_kommuner: 'Nej' }).items[0]!.interMunicipal).toEqual({ open: false });
    expect(row({ öppen_för_andra_kommuner: 'yes' }).items[0]!.interMunicipal).toEqual({ open: true });
    expect(row({ kostnad: 'Kostnadsfri' }).items[0]!.cost).toEqual({ free: true });
    expect(row({ kostnad: '0' }).items[0]!.cost).toEqual({ free: true });
    expect(codes(row({ öppen_för_andra_kommuner: 'kanske' }).errors)).toEqual(['invalid-boolean']);
  });

  it('messages are in Swedish and English, and message is the Swedish one', () => {
    const result = row({ id: 'a b', kommuner: 'Huddinnge, Göteborg', kategori: 'x', telefon: '=1' });
    for (const p of [...result.errors, ...result.warnings]) {
      expect(p.message).toBe(p.messages.sv);
      expect(p.messages.sv.length).toBeGreaterThan(10);
      expect(p.messages.en.length).toBeGreaterThan(10);
      expect(p.messages.sv).not.toBe(p.messages.en);
    }
  });
});

describe('limits and formats', () => {
  it(`more than ${LIMITS.maxCatalogueRows} data rows: one clear error`, () => {
    const rows = Array.from(
      { length: LIMITS.maxCatalogueRows + 1 },
      (_, i) => `r-${i};Kurs;sfi;Huddinge;Huddinge kommun;Kommun`,
    );
    const result = csv(csvOf(MINIMAL_HEADER, ...rows));
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'too-many-rows' });
    expect(result.errors[0]!.message).toContain(String(LIMITS.maxCatalogueRows));
    expect(result.items).toEqual([]);
  });

  it('an empty file, and a file with only the header', () => {
    expect(codes(csv(new Uint8Array()).errors)).toEqual(['empty-file']);
    expect(codes(csv(bytes('\r\n\r\n')).errors)).toEqual(['empty-file']);
    const onlyHeader = csv(csvOf(MINIMAL_HEADER));
    expect(onlyHeader.errors).toEqual([]);
    expect(codes(onlyHeader.warnings)).toEqual(['no-rows']);
  });

  it('the format is chosen by content type; others are refused', () => {
    const body = csvOf(MINIMAL_HEADER, 'a;Kurs;sfi;Huddinge;Huddinge kommun;Kommun');
    for (const type of [
      'text/csv; charset=windows-1252',
      'application/vnd.ms-excel',
      'text/plain',
      'TEXT/CSV',
    ]) {
      expect(parseUpload(body, type, CONTEXT).items).toHaveLength(1);
    }
    expect(() => parseUpload(body, 'application/pdf', CONTEXT)).toThrow(UnsupportedMediaTypeError);
    expect(() => parseUpload(body, '', CONTEXT)).toThrow(UnsupportedMediaTypeError);
    expect(parseUpload(body, 'application/octet-stream', { ...CONTEXT, format: 'csv' }).items).toHaveLength(
      1,
    );
  });

  it('at most 1000 errors are listed, then one line saying how many more', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `r-${i};Kurs;sfi;Huddinnge;Huddinge kommun;Kommun`);
    const result = csv(csvOf(MINIMAL_HEADER, ...rows));
    expect(result.counts).toEqual({ rows: 1500, valid: 0, invalid: 1500 });
    expect(result.errors).toHaveLength(1001);
    expect(result.errors.at(-1)).toMatchObject({ code: 'too-many-problems', severity: 'error' });
    expect(result.errors.at(-1)!.message).toContain('500');
  });

  it('blank rows before the header keep the spreadsheet row numbers', () => {
    const result = csv(
      bytes(`;;\r\n\r\n${MINIMAL_HEADER};färg\r\na;Kurs;sfi;Huddinnge;Huddinge kommun;Kommun;blå\r\n`),
    );
    expect(find(result.warnings, 'unknown-column')).toMatchObject({ row: 3 });
    expect(find(result.errors, 'unknown-municipality')).toMatchObject({ row: 4 });
  });

  it('a file larger than the upload limit', () => {
    const result = csv(new Uint8Array(LIMITS.maxUploadBytes + 1));
    expect(codes(result.errors)).toEqual(['file-too-large']);
  });
});
