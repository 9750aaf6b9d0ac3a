/**
 * Writes site/public/data/postnummer.json (the "where am I?" postal code box) from the reference table
 * `postal_to_municipality.csv` (sjbrg/swedish-geodata, CC0 1.0), kept outside the repository:
 *
 *   node site/scripts/make-postal-codes.ts ../shared/data/sweden/postal_to_municipality.csv
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePostalTable } from '../src/lib/where.ts';

const input = process.argv[2];
if (!input) {
  console.error('usage: node site/scripts/make-postal-codes.ts <postal_to_municipality.csv>');
  process.exit(2);
}
const [header, ...lines] = readFileSync(input, 'utf8').trim().split(/\r?\n/);
const columns = header!.split(',');
const codeAt = columns.indexOf('postal_code');
const municipalityAt = columns.indexOf('municipality_code');
if (codeAt < 0 || municipalityAt < 0) throw new Error(`Unexpected header: ${header}`);
const rows = lines.map((line) => {
  const cells = line.split(',');
  return { postalCode: cells[codeAt]!, municipality: cells[municipalityAt]! };
});
const table = encodePostalTable(rows, {
  source: 'sjbrg/swedish-geodata data/postal_to_municipality.csv',
  licence: 'CC0 1.0',
});
const out = fileURLToPath(new URL('../public/data/postnummer.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(table)}\n`);
console.log(`${rows.length} postal codes → ${table.runs.length} runs → ${out}`);
