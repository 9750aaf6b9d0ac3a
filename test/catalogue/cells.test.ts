import { describe, expect, it } from 'vitest';
import {
  formulaStart,
  neutraliseCell,
  parseBoolean,
  parseCost,
  parseDate,
  parseNumber,
  splitMulti,
  unneutraliseCell,
} from '../../functions/catalogue/upload/cells.ts';
import { matchHeader } from '../../functions/catalogue/upload/headers.ts';
import {
  editDistance,
  suggestCategory,
  suggestLanguage,
  suggestMunicipality,
  withSuggestionLimit,
} from '../../functions/catalogue/upload/suggest.ts';
import {
  inferProviderType,
  resolveCategory,
  resolveLanguageLoose,
  resolveMunicipalityLoose,
  resolveTerm,
} from '../../functions/catalogue/upload/vocab.ts';
import { AUDIENCES, DELIVERY_MODES } from '../../shared/taxonomy.ts';

describe('cell values', () => {
  it('ja/nej/yes/no/x', () => {
    expect(['ja', 'JA', ' x ', 'yes', 'Sant', '1'].map(parseBoolean)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['nej', 'No', 'falskt', '0'].map(parseBoolean)).toEqual([false, false, false, false]);
    expect(parseBoolean('kanske')).toBeUndefined();
  });

  it('numbers with spaces, comma decimals, kr and :-', () => {
    expect(parseNumber('1 500')).toBe(1500);
    expect(parseNumber('1\u00a0500,50')).toBe(1500.5);
    expect(parseNumber('12,50')).toBe(12.5);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber('500 kr')).toBe(500);
    expect(parseNumber('500:-')).toBe(500);
    expect(parseNumber('500 SEK')).toBe(500);
    expect(parseNumber('1,500,000')).toBeUndefined();
    expect(parseNumber('-5')).toBeUndefined();
    expect(parseNumber('fem')).toBeUndefined();
  });

  it('cost: gratis/kostnadsfri/0/empty are free; an amount is not', () => {
    for (const free of ['gratis', 'Kostnadsfri', 'kostnadsfritt', '0', '', 'ingen kostnad']) {
      expect(parseCost(free)).toEqual({ free: true });
    }
    expect(parseCost('500')).toEqual({ free: false, amountSek: 500 });
    expect(parseCost('500 kr')).toEqual({ free: false, amountSek: 500 });
    expect(parseCost('avgift')).toEqual({ free: false });
    expect(parseCost('lite')).toBeUndefined();
  });

  it('dates: ISO and without leading zeros; never guessing day/month order', () => {
    expect(parseDate('2026-09-01')).toBe('2026-09-01');
    expect(parseDate('2026-9-1')).toBe('2026-09-01');
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('1/9/2026')).toBeUndefined();
    expect(parseDate('01.09.2026')).toBeUndefined();
    expect(parseDate('46266')).toBeUndefined();
  });

  it('multi-value cells split on , or | (and ; when the file is not ;-separated)', () => {
    expect(splitMulti('Huddinge, Haninge | Tyresö', ';')).toEqual(['Huddinge', 'Haninge', 'Tyresö']);
    expect(splitMulti('a;b', ';')).toEqual(['a;b']);
    expect(splitMulti('a;b|c', ',')).toEqual(['a', 'b', 'c']);
    expect(splitMulti('a, ,a,', ';')).toEqual(['a']);
  });

  it('formula-looking cells, neutralising and removing the neutraliser', () => {
    expect(['=1', '+1', '-1', '@x', '  =1'].map(formulaStart)).toEqual(['=', '+', '-', '@', '=']);
    expect(formulaStart('Kurs = bra')).toBeUndefined();
    expect(neutraliseCell('=1')).toBe("'=1");
    expect(neutraliseCell('\tx')).toBe("'\tx");
    expect(neutraliseCell("'=1")).toBe("''=1");
    expect(neutraliseCell("'hej")).toBe("'hej");
    expect(neutraliseCell('Kurs')).toBe('Kurs');
    for (const value of ['=1', '+46 8', '-x', '@y', "'=1", "''-x", "'hej", 'Kurs', '\tx']) {
      expect(unneutraliseCell(neutraliseCell(value))).toBe(value);
    }
  });
});

describe('Swedish names where codes are expected', () => {
  it('municipalities by name, code, "kommun" form, genitive, lost leading zero, without diacritics', () => {
    const code = (s: string) => resolveMunicipalityLoose(s)?.code;
    expect(['Huddinge', '0126', '126', 'Huddinge kommun', 'HUDDINGE'].map(code)).toEqual(
      Array(5).fill('0126'),
    );
    expect(code('Salems kommun')).toBe('0128');
    expect(code('Nynäshamns kommun')).toBe('0192');
    expect(code('Varmdo')).toBe('0120');
    expect(code('Habo')).toBe('0643'); // Habo, not Håbo
    expect(code('Huddinnge')).toBeUndefined();
  });

  it('languages by Swedish name or code', () => {
    expect(
      ['arabiska', 'ar', 'Dari', 'persiska', 'tigrinja', 'somaliska', 'teckenspråk', 'ukrainska'].map(
        resolveLanguageLoose,
      ),
    ).toEqual(['ar', 'ar', 'prs', 'fa', 'ti', 'so', 'sgn', 'uk']);
  });

  it('categories by label, alias, code or the last part of the code', () => {
    const code = (s: string) => resolveCategory(s)?.code;
    expect(code('praktik')).toBe('arbete.praktik');
    expect(code('Praktik')).toBe('arbete.praktik');
    expect(code('arbete.praktik')).toBe('arbete.praktik');
    expect(code('praktikplats')).toBe('arbete.praktik');
    expect(code('Arbete > Praktik')).toBe('arbete.praktik');
    expect(code('SFI')).toBe('sfi');
    expect(code('samhällsorientering')).toBe('samhallsorientering');
    expect(code('Work placement')).toBe('arbete.praktik');
    expect(code('komvux')).toBe('utbildning.komvux');
    expect(code('okänd')).toBeUndefined();
  });

  it('terms by Swedish label or alias', () => {
    expect(resolveTerm(AUDIENCES, 'Kvinnor')?.code).toBe('women');
    expect(resolveTerm(AUDIENCES, 'ensamkommande')?.code).toBe('unaccompanied-minors');
    expect(resolveTerm(DELIVERY_MODES, 'pa plats')?.code).toBe('on-site');
    expect(resolveTerm(DELIVERY_MODES, 'digitalt')?.code).toBe('remote');
  });

  it('the provider type from the name', () => {
    expect(inferProviderType('Huddinge kommun')).toBe('municipality');
    expect(inferProviderType('Arbetsförmedlingen Södertörn')).toBe('employment-service');
    expect(inferProviderType('Länsstyrelsen i Stockholms län')).toBe('county-board');
    expect(inferProviderType('Region Stockholm')).toBe('region');
    expect(inferProviderType('ABF Södertörn')).toBe('education');
    expect(inferProviderType('Röda Korset Haninge')).toBe('ngo');
    expect(inferProviderType('Lernia AB')).toBe('private');
    expect(inferProviderType('Någon')).toBeUndefined();
  });
});

describe('suggestions', () => {
  it('edit distance with transpositions', () => {
    expect(editDistance('huddinge', 'huddinnge')).toBe(1);
    expect(editDistance('haninge', 'hanigne')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('near misses get the intended value; far ones nothing', () => {
    expect(suggestMunicipality('Huddinnge')?.code).toBe('0126');
    expect(suggestMunicipality('Hanigne kommun')?.code).toBe('0136');
    expect(suggestMunicipality('Vrmdö')?.code).toBe('0120');
    expect(suggestMunicipality('Atlantis')).toBeUndefined();
    expect(suggestCategory('praktk')?.code).toBe('arbete.praktik');
    expect(suggestCategory('samhällsorienterng')?.code).toBe('samhallsorientering');
    expect(suggestLanguage('arabsika')).toBe('ar');
    expect(suggestLanguage('klingon')).toBeUndefined();
  });

  it('a limited number of new searches per upload; remembered answers stay free', () => {
    expect(suggestMunicipality('Tyresöö')?.code).toBe('0138');
    withSuggestionLimit(0, () => {
      expect(suggestMunicipality('Tyresöö')?.code).toBe('0138');
      expect(suggestMunicipality('Nynäshamm')).toBeUndefined();
    });
    expect(suggestMunicipality('Nynäshamm')?.code).toBe('0192');
  });
});

describe('header names', () => {
  const key = (header: string) => {
    const m = matchHeader(header);
    return m ? `${m.def.key}${m.lang && m.lang !== 'sv' ? `_${m.lang}` : ''}` : undefined;
  };

  it('Swedish, English and tolerant spellings', () => {
    expect(['Språk', 'sprak', 'languages', ' SPRÅK '].map(key)).toEqual(Array(4).fill('languages'));
    expect(['e-post', 'E-post', 'epost', 'E post', 'email', 'e-mail'].map(key)).toEqual(
      Array(6).fill('email'),
    );
    expect(
      ['öppen_för_andra_kommuner', 'Öppen för andra kommuner', 'open_to_other_municipalities'].map(key),
    ).toEqual(Array(3).fill('openToOthers'));
    expect(key('Postnummer')).toBe('postalCode');
    expect(key('färg')).toBeUndefined();
  });

  it('translations: titel_en, sammanfattning_ar, beskrivning_fa, _prs as fa, English aliases, language names', () => {
    expect(['titel_en', 'title_en', 'Titel EN', 'titel (engelska)'].map(key)).toEqual(
      Array(4).fill('title_en'),
    );
    expect(['sammanfattning_ar', 'summary_ar', 'Sammanfattning (arabiska)'].map(key)).toEqual(
      Array(3).fill('summary_ar'),
    );
    expect(['beskrivning_fa', 'beskrivning_prs', 'description_prs', 'beskrivning (dari)'].map(key)).toEqual(
      Array(4).fill('description_fa'),
    );
    expect(key('titel_sv')).toBe('title');
    expect(key('titel_xx')).toBeUndefined();
    expect(key('granskad_av')).toBe('reviewedBy');
  });
});
