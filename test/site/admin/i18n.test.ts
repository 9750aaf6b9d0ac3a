import { describe, expect, it } from 'vitest';
import en from '../../../site/src/i18n/admin/en.json' with { type: 'json' };
import sv from '../../../site/src/i18n/admin/sv.json' with { type: 'json' };
import { t } from '../../../site/src/islands/admin/i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the admin page’s strings', () => {
  it('exist in Swedish and English with the same keys and placeholders, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    for (const [key, text] of Object.entries(sv)) {
      const english = (en as Record<string, string>)[key]!;
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it('fill placeholders', () => {
    expect(t('sv', 'history.rollback', { version: 3 })).toBe('Återställ version 3');
    expect(t('en', 'history.rollback', { version: 3 })).toBe('Restore version 3');
  });
});
