import { describe, expect, it } from 'vitest';
import { detectDelimiter, formatCsvRow, parseCsv } from '../../functions/catalogue/upload/csv.ts';

const cells = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result.records.map((r) => r.cells);
};

describe('the CSV reader', () => {
  it('detects ; , or tab from the header line', () => {
    expect(detectDelimiter('id;titel;kategori\r\na,b,c,d,e')).toBe(';');
    expect(detectDelimiter('id,title,category\n')).toBe(',');
    expect(detectDelimiter('id\ttitle\tcategory')).toBe('\t');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    expect(detectDelimiter('id')).toBe(';');
  });

  it('reads quoted cells with doubled quotes, delimiters and line breaks inside', () => {
    expect(cells('a;"b ""c"";d"\r\n"rad 1\r\nrad 2\nrad 3";e\r\n')).toEqual([
      ['a', 'b "c";d'],
      ['rad 1\r\nrad 2\nrad 3', 'e'],
    ]);
  });

  it('accepts CRLF, LF and CR line ends, and numbers rows as the spreadsheet does', () => {
    const result = parseCsv('h1;h2\r\n"x\ny";1\n\nz;2\rw;3');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records.map((r) => [r.row, r.line, r.cells])).toEqual([
      [1, 1, ['h1', 'h2']],
      [2, 2, ['x\ny', '1']],
      [3, 4, ['']],
      [4, 5, ['z', '2']],
      [5, 6, ['w', '3']],
    ]);
  });

  it('a final line break adds no row; empty cells are kept', () => {
    expect(cells('a;;c\r\n;;\r\n')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });

  it("honours Excel's sep= first line, which is not a spreadsheet row", () => {
    const result = parseCsv('sep=,\r\nid,titel\r\na,b\r\n');
    expect(result.ok && result.delimiter).toBe(',');
    expect(result.ok && result.records.map((r) => [r.row, r.line, r.cells])).toEqual([
      [1, 2, ['id', 'titel']],
      [2, 3, ['a', 'b']],
    ]);
  });

  it('is lenient with a quote inside an unquoted cell, as Excel is', () => {
    expect(cells('5" skärm;x\r\n"a"b;y')).toEqual([
      ['5" skärm', 'x'],
      ['ab', 'y'],
    ]);
  });

  it('an unbalanced quote is an error naming the row where the record starts', () => {
    const result = parseCsv('id;titel\r\na;"ok"\r\nb;"aldrig slut\r\nc;d\r\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ code: 'unbalanced-quotes', row: 3 });
  });

  it('formatCsvRow quotes what needs quoting, and reads back the same', () => {
    const row = ['plain', 'with;semicolon', 'with "quotes"', 'line\nbreak', 'cr\ronly', ''];
    const text = formatCsvRow(row, ';');
    expect(text).toBe('plain;"with;semicolon";"with ""quotes""";"line\nbreak";"cr\ronly";');
    expect(cells(text)).toEqual([row]);
  });
});
