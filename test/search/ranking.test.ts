import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../functions/search/engine/index.ts';
import { ids, region, search } from './helpers.ts';

describe('Swedish folding', () => {
  const index = region('sodertorn', [
    { id: 'so-1', title: 'Samhällsorientering för nyanlända', category: 'samhallsorientering' },
    { id: 'ha-1', title: 'Hälsa och motion', category: 'halsa' },
    { id: 'ha-2', title: 'Halsa och motion', category: 'fritid-forening' },
  ]);

  it('a query without å/ä/ö finds the word written with them', () => {
    expect(ids(index, { q: 'samhallsorientering' })).toEqual(['so-1']);
    expect(ids(index, { q: 'SAMHÄLLSORIENTERING' })).toEqual(['so-1']);
  });

  it('an exact-form match outranks a folded one: "hälsa" puts Hälsa above Halsa', () => {
    const page = search(index, { q: 'hälsa motion' });
    expect(page.results.map((r) => r.id)).toEqual(['ha-1', 'ha-2']);
    expect(page.results[0]!.score).toBeGreaterThan(page.results[1]!.score);
  });

  it('typed without the Swedish letters, both spellings match', () => {
    expect(ids(index, { q: 'halsa motion' }).sort()).toEqual(['ha-1', 'ha-2']);
  });

  it('typed without them, the word written without them ranks first: "habo" puts Habo above Håbo', () => {
    const towns = region('r', [
      { id: 'hbo', title: 'Praktik i Håbo', category: 'arbete.praktik' },
      { id: 'habo', title: 'Praktik i Habo', category: 'arbete.praktik' },
      { id: 'ha-1', title: 'Hälsa och motion', category: 'fritid-forening' },
      { id: 'ha-2', title: 'Halsa och motion', category: 'fritid-forening' },
    ]);
    const page = search(towns, { q: 'habo' });
    expect(page.results.map((r) => r.id)).toEqual(['habo', 'hbo']);
    expect(page.results[0]!.score).toBeGreaterThan(page.results[1]!.score);
    expect(ids(towns, { q: 'håbo' })).toEqual(['hbo', 'habo']);
    expect(ids(towns, { q: 'halsa motion' })).toEqual(['ha-2', 'ha-1']);
    expect(ids(towns, { q: 'hälsa motion' })).toEqual(['ha-1', 'ha-2']);
    // Without a word written without them, nothing changes: "samhallsorientering" still finds its word.
    expect(ids(index, { q: 'samhallsorientering' })).toEqual(['so-1']);
  });
});

describe('stemming and compounds', () => {
  const index = region('r', [
    { id: 'praktik', title: 'Praktik för unga', category: 'radgivning' },
    { id: 'praktiker', title: 'Träffa praktiker inom vården', category: 'radgivning' },
    { id: 'platser', title: 'Lediga platser på kursen', category: 'radgivning' },
    { id: 'annat', title: 'Cykelkurs för vuxna', category: 'fritid-forening' },
  ]);

  it('"praktikplatser" finds "praktik"', () => {
    expect(ids(index, { q: 'praktikplatser' })).toContain('praktik');
  });

  it('an inflected query finds the other forms of the word', () => {
    expect(ids(index, { q: 'praktiken' }).sort()).toEqual(['praktik', 'praktiker']);
  });

  it('the form typed ranks above other inflections', () => {
    expect(ids(index, { q: 'praktiker' })[0]).toBe('praktiker');
  });
});

describe('prefix matching', () => {
  const index = region('r', [
    { id: 'kurs', title: 'Kurs i matlagning', category: 'fritid-forening' },
    { id: 'kursledare', title: 'Kursledare sökes', category: 'fritid-forening' },
    { id: 'so', title: 'Samhällsorienteringskurs', category: 'samhallsorientering' },
  ]);

  it('a term of three letters or more completes to longer words, compounds included', () => {
    expect(ids(index, { q: 'samhäll' })).toEqual(['so']);
    expect(ids(index, { q: 'sam' })).toEqual(['so']);
    expect(ids(index, { q: 'kursled' })).toEqual(['kursledare']);
  });

  it('a two-letter term is not completed', () => {
    expect(ids(index, { q: 'ku' })).toEqual([]);
  });

  it('an exact match ranks above a completion', () => {
    expect(ids(index, { q: 'kurs' })).toEqual(['kurs', 'kursledare']);
  });
});

describe('typo tolerance', () => {
  const index = region('r', [
    { id: 'vagledning', title: 'Vägledning inför studier', category: 'arbete.vagledning' },
    { id: 'cykel', title: 'Cykel för vuxna', category: 'fritid-forening' },
    { id: 'kurs', title: 'Kurs i matlagning', category: 'fritid-forening' },
    { id: 'bok', title: 'Bokcirkel', category: 'fritid-forening' },
    { id: 'bok2', title: 'Bokcirkeln', category: 'fritid-forening' },
  ]);

  it('one edit in a word of five letters or more still finds it', () => {
    expect(ids(index, { q: 'väglednig' })).toEqual(['vagledning']); // deletion
    expect(ids(index, { q: 'vägledniing' })).toEqual(['vagledning']); // insertion
    expect(ids(index, { q: 'vägledming' })).toEqual(['vagledning']); // substitution
    expect(ids(index, { q: 'cykle' })).toEqual(['cykel']); // swap of neighbours
    expect(ids(index, { q: 'matlagnig' })).toEqual(['kurs']);
  });

  it('no typo is allowed in a shorter word', () => {
    expect(ids(index, { q: 'kurz' })).toEqual([]);
  });

  it('two edits are too many', () => {
    expect(ids(index, { q: 'vägledxxng' })).toEqual([]);
  });

  it('an exact match outranks a fuzzy one', () => {
    const page = search(index, { q: 'bokcirkel' });
    expect(page.results.map((r) => r.id)).toEqual(['bok', 'bok2']);
    expect(page.results[0]!.score).toBeGreaterThan(page.results[1]!.score);
  });
});

describe('synonyms for the domain abbreviations', () => {
  const index = region('r', [
    { id: 'so-title', title: 'Samhällsorientering på arabiska', category: 'radgivning' },
    { id: 'so-abbr', title: 'SO-kurs på dari', category: 'radgivning' },
    {
      id: 'sfi-phrase',
      title: 'Kurs',
      description: { sv: 'Svenska för invandrare på kvällstid.' },
      category: 'radgivning',
    },
    { id: 'sfi-abbr', title: 'SFI intensiv', category: 'radgivning' },
    {
      id: 'af',
      title: 'Jobbsökarstöd',
      category: 'radgivning',
      provider: { name: 'Arbetsförmedlingen', type: 'employment-service' },
    },
    { id: 'other', title: 'Svenska med barn', category: 'barn-familj' },
  ]);

  it('"so" finds samhällsorientering, and "samhällsorientering" finds "SO"', () => {
    expect(ids(index, { q: 'so' }).sort()).toEqual(['so-abbr', 'so-title']);
    expect(ids(index, { q: 'samhällsorientering' }).sort()).toEqual(['so-abbr', 'so-title']);
  });

  it('"SFI" finds "svenska för invandrare", and the phrase finds "SFI"', () => {
    expect(ids(index, { q: 'SFI' }).sort()).toEqual(['sfi-abbr', 'sfi-phrase']);
    expect(ids(index, { q: 'svenska för invandrare' }).sort()).toEqual(['sfi-abbr', 'sfi-phrase']);
  });

  it('"AF" finds Arbetsförmedlingen', () => {
    expect(ids(index, { q: 'AF' })).toEqual(['af']);
    expect(ids(index, { q: 'arbetsförmedlingen' })).toEqual(['af']);
  });
});

describe('fields', () => {
  const index = region('r', [
    {
      id: 'desc',
      title: 'Träffpunkt',
      description: { sv: 'Vi lagar mat tillsammans och pratar om matlagning.' },
      category: 'fritid-forening',
    },
    { id: 'title', title: 'Matlagning på svenska', category: 'fritid-forening' },
    {
      id: 'summary',
      title: 'Kvällsträff',
      summary: { sv: 'Matlagning för alla.' },
      category: 'fritid-forening',
    },
    {
      id: 'translated',
      title: { sv: 'Praktik', ar: 'التدريب العملي', uk: 'Мовна підтримка', en: 'Work placement' },
      summary: { sv: 'Praktik på en arbetsplats.', en: 'Practice at a workplace.' },
      category: 'radgivning',
    },
    {
      id: 'provider',
      title: 'Läxhjälp',
      provider: { name: 'Röda Korset', type: 'ngo' },
      category: 'barn-familj',
    },
    { id: 'category', title: 'Samtalsgrupp', category: 'halsa.trauma' },
  ]);

  it('a title match outranks a summary match, which outranks a description match', () => {
    expect(ids(index, { q: 'matlagning' })).toEqual(['title', 'summary', 'desc']);
  });

  it('an Arabic query finds the Arabic title, whatever alef or article it is written with', () => {
    expect(ids(index, { q: 'التدريب' })).toEqual(['translated']);
    expect(ids(index, { q: 'تدريب' })).toEqual(['translated']);
    expect(ids(index, { q: 'العملى' })).toEqual(['translated']);
  });

  it('translated titles and summaries in every language are searchable', () => {
    expect(ids(index, { q: 'МОВНА' })).toEqual(['translated']);
    expect(ids(index, { q: 'workplace' })).toEqual(['translated']);
  });

  it('the provider name is searchable', () => {
    expect(ids(index, { q: 'röda korset' })).toEqual(['provider']);
  });

  it('category labels are searchable in every UI language', () => {
    expect(ids(index, { q: 'trauma' })).toEqual(['category']);
    expect(ids(index, { q: 'psykisk hälsa' })).toEqual(['category']);
    expect(ids(index, { q: 'الصحة' })).toEqual(['category']);
  });
});

describe('several terms', () => {
  const index = region('r', [
    { id: 'both', title: 'Praktik i Huddinge', category: 'radgivning' },
    { id: 'one', title: 'Praktik i Haninge', category: 'radgivning' },
    { id: 'swim', title: 'Simning för kvinnor', category: 'fritid-forening' },
  ]);

  it('every term must match when some document has them all', () => {
    const page = search(index, { q: 'praktik huddinge' });
    expect(page.match).toBe('all');
    expect(page.results.map((r) => r.id)).toEqual(['both']);
  });

  it('falls back to any term when no document has them all, more terms matched ranking higher', () => {
    const page = search(index, { q: 'praktik huddinge simning' });
    expect(page.match).toBe('any');
    expect(page.results[0]!.id).toBe('both');
    expect(page.results.map((r) => r.id).sort()).toEqual(['both', 'one', 'swim']);
  });

  it('the fall-back depends on the text only: a filter excluding the full matches gives nothing', () => {
    const page = search(index, { q: 'praktik huddinge', category: 'fritid-forening' });
    expect(page.match).toBe('all');
    expect(page.total).toBe(0);
  });

  it('stop words are not required: absent from every title, they change nothing', () => {
    expect(search(index, { q: 'praktik och i' }).results).toEqual(search(index, { q: 'praktik' }).results);
  });

  it('text with nothing searchable lists everything', () => {
    const page = search(index, { q: '!!! och ?' });
    expect(page.match).toBe('browse');
    expect(page.total).toBe(3);
  });

  it('searches at most 12 distinct terms, whatever is typed', () => {
    const many = Array.from({ length: 40 }, (_, i) => `ord${i}`).join(' ');
    expect(parseQuery(many)).toHaveLength(12);
    expect(parseQuery('praktik Praktik PRAKTIK')).toHaveLength(1);
    expect(() => search(index, { q: `${many} praktik` })).not.toThrow();
  });
});
