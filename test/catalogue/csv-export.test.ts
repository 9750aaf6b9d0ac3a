import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCsv, neutraliseCell, templateCsv } from '../../functions/catalogue/upload/csv-export.ts';
import { parseUpload } from '../../functions/catalogue/upload/parse-upload.ts';
import type { Intervention } from '../../shared/intervention.ts';
import { catalogue } from './arbitraries.ts';
import { CONTEXT, fixture } from './helpers.ts';

const upload = (csv: string) => parseUpload(new TextEncoder().encode(csv), 'text/csv', CONTEXT);

const sample: Intervention = {
  id: 'hud-1',
  title: { sv: 'Språkcafé på Värmdö', en: 'Language café', ar: 'مقهى اللغة' },
  description: { sv: 'Rad ett; med "citat".\nRad två – å, ä, ö.' },
  category: 'arbete.praktik',
  municipalities: ['0126', '0120'],
  languages: ['sv', 'prs'],
  audiences: ['women', 'youth'],
  delivery: 'hybrid',
  provider: { name: '=Huddinge kommun', type: 'municipality' },
  contact: { phone: '+46 8 535 300 00', email: 'a@example.se' },
  startDate: '2026-09-01',
  cost: { free: false, amountSek: 12.5 },
  interMunicipal: { open: true, pricePerParticipantSek: 2500, pricePeriod: 'month', placesAvailable: 3 },
  lastReviewedAt: '2026-06-01T10:00:00.000Z',
};

describe('CSV export in the template shape', () => {
  it('UTF-8 BOM, ";", CRLF, Swedish headers in template order, translation and extra columns in use', () => {
    const csv = exportCsv([sample]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rest] = csv.slice(1).split('\r\n');
    expect(header).toBe(
      'id;titel;sammanfattning;beskrivning;kategori;kommuner;språk;målgrupp;form;anordnare;anordnartyp;adress;postnummer;ort;webbplats;e-post;telefon;startdatum;slutdatum;kostnad;öppen_för_andra_kommuner;pris_per_deltagare;lediga_platser;senast_granskad;granskad_av;prisperiod;titel_en;titel_ar',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    const row = rest.join('\r\n');
    expect(row).toContain(';arbete.praktik;0126|0120;sv|prs;women|youth;hybrid;');
    expect(row).toContain('"Rad ett; med ""citat"".\nRad två – å, ä, ö."');
    expect(row).toContain(";'=Huddinge kommun;");
    expect(row).toContain(";'+46 8 535 300 00;");
    expect(row).toContain(';12,5;ja;2500;3;');
  });

  it('export → upload gives back the same items (å/ä/ö, line breaks, quotes, formulas, + phone numbers)', () => {
    const result = upload(exportCsv([sample]));
    expect(result.errors).toEqual([]);
    expect(result.items).toEqual([sample]);
  });

  it('a parsed Excel file round-trips through the export', () => {
    const first = parseUpload(fixture('sodertorn-windows-1252.csv'), 'text/csv', CONTEXT);
    const again = upload(exportCsv(first.items));
    expect(again.errors).toEqual([]);
    expect(again.items).toEqual(first.items);
  });

  it('property: export → upload is lossless for any valid catalogue', () => {
    fc.assert(
      fc.property(catalogue(5), (items) => {
        const result = upload(exportCsv(items));
        expect(result.errors).toEqual([]);
        expect(result.items).toEqual(items);
      }),
      { numRuns: 300 },
    );
  });

  it('neutraliseCell: every cell a spreadsheet could run gets a leading apostrophe', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1'].map(neutraliseCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@A1",
      "'\t=1",
      "'\r=1",
    ]);
    expect(neutraliseCell('Kurs - bra')).toBe('Kurs - bra');
  });

  it('the blank template: a header row and one example row that uploads cleanly', () => {
    const csv = templateCsv();
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]!.split(';').slice(0, 6)).toEqual([
      'id',
      'titel',
      'sammanfattning',
      'beskrivning',
      'kategori',
      'kommuner',
    ]);
    const result = upload(csv);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({
      category: 'sprakstod',
      municipalities: ['0126', '0136'],
      languages: ['sv', 'ar', 'prs'],
      title: { en: 'Language café for newcomers' },
    });
  });
});
