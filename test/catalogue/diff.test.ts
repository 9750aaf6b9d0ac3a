import { describe, expect, it } from 'vitest';
import { diffCatalogues, requiresRemovalConfirmation } from '../../functions/catalogue/upload/diff.ts';
import type { Intervention } from '../../shared/intervention.ts';

const item = (id: string, extra: Partial<Intervention> = {}): Intervention => ({
  id,
  title: { sv: `Kurs ${id}` },
  category: 'sfi',
  municipalities: ['0126'],
  languages: [],
  audiences: ['all'],
  delivery: 'on-site',
  provider: { name: 'Huddinge kommun', type: 'municipality' },
  cost: { free: true },
  ...extra,
});

describe('the diff between the live catalogue and an upload', () => {
  it('added, changed (which fields), removed and unchanged', () => {
    const live = [item('a'), item('b'), item('c', { contact: { email: 'a@example.se' } })];
    const next = [
      item('a'),
      item('c', {
        contact: { email: 'b@example.se' },
        title: { sv: 'Kurs c', en: 'Course c' },
        municipalities: ['0126', '0136'],
      }),
      item('d'),
    ];
    expect(diffCatalogues(live, next)).toEqual({
      added: ['d'],
      changed: [{ id: 'c', fields: ['contact.email', 'municipalities', 'title.en'] }],
      removed: ['b'],
      unchanged: 1,
    });
  });

  it('ignores key order and keys holding undefined', () => {
    const a = item('a', { location: { city: 'Huddinge', street: 'Storgatan 1' } });
    const b = {
      ...item('a'),
      location: { street: 'Storgatan 1', city: 'Huddinge', postalCode: undefined },
    } as Intervention;
    const reordered = Object.fromEntries(Object.entries(b).reverse()) as Intervention;
    expect(diffCatalogues([a], [reordered])).toEqual({ added: [], changed: [], removed: [], unchanged: 1 });
  });

  it('array order matters (languages are listed in the order given)', () => {
    const diff = diffCatalogues(
      [item('a', { languages: ['ar', 'sv'] })],
      [item('a', { languages: ['sv', 'ar'] })],
    );
    expect(diff.changed).toEqual([{ id: 'a', fields: ['languages'] }]);
  });

  it('removing more than half of the live catalogue needs a confirmation', () => {
    const live = ['a', 'b', 'c', 'd'].map((id) => item(id));
    expect(requiresRemovalConfirmation(diffCatalogues(live, live.slice(0, 2)), live.length)).toBe(false);
    expect(requiresRemovalConfirmation(diffCatalogues(live, live.slice(0, 1)), live.length)).toBe(true);
    expect(requiresRemovalConfirmation(diffCatalogues(live, []), live.length)).toBe(true);
    expect(requiresRemovalConfirmation(diffCatalogues([], [item('a')]), 0)).toBe(false);
  });
});
