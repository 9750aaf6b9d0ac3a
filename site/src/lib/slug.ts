/**
 * Path segments from Swedish names: `Upplands Väsby` → `upplands-vasby`, `Malung-Sälen` → `malung-salen`.
 * ASCII only, so a link survives an SMS, a chat app and being read aloud.
 */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
