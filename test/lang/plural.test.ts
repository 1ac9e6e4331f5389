import { describe, expect, it } from 'vitest';
import { langOf, LANGS, plural } from '../../src/lang';
import { makeI18n } from '../../src/ui/i18n';

const LEVEL = { one: 'level', other: 'levels' };

describe('plural: the form a count takes, from Intl.PluralRules', () => {
  it('English and German: one for 1, other for 0, 2 and fractions', () => {
    expect([0, 1, 2, 1.5].map((n) => plural('en', n, LEVEL))).toEqual(['levels', 'level', 'levels', 'levels']);
    expect([0, 1, 2].map((n) => plural('de', n, { one: 'Höhe', other: 'Höhen' }))).toEqual(['Höhen', 'Höhe', 'Höhen']);
  });

  it('a category the forms lack falls back to other', () => {
    expect(plural('en', 1, { other: 'entries' })).toBe('entries');
  });

  it('the screen counts entries with it, the number in the locale', () => {
    expect([1, 2, 1000].map((n) => makeI18n('en').entries(n))).toEqual(['1 entry', '2 entries', '1,000 entries']);
    expect([1, 2, 1000].map((n) => makeI18n('de').entries(n))).toEqual(['1 Eintrag', '2 Einträge', '1.000 Einträge']);
  });
});

describe('langOf: the app language of a BCP 47 tag', () => {
  it('reads the base language of any case and separator; undefined when the app does not speak it', () => {
    expect(['de', 'de-AT', 'DE_ch', 'en-US', 'fr', '', undefined].map(langOf)).toEqual([
      'de',
      'de',
      'de',
      'en',
      undefined,
      undefined,
      undefined,
    ]);
    expect(LANGS).toContain('en');
  });
});
