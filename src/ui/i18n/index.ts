import { createContext, useContext } from 'react';
import { DEFAULT_LOCALE, langOf, type Lang, type Localized } from '../../lang';
import { readableText } from '../../report/readable';
import { de } from './de';
import { en, type Strings } from './en';

const STRINGS: Record<Lang, Strings> = { en, de };

export interface I18n {
  lang: Lang;
  /** the BCP 47 tag for Intl: the launch's own locale when it is in this language */
  locale: string;
  t: Strings;
  /** picks the rule set's text in this language, as the surgeon reads it: no codes, dates in the locale */
  text: (value: Localized) => string;
  /** "1,000 entries" / "1.000 Einträge" */
  entries: (count: number) => string;
}

/** The UI language from the launch's locale, else the browser's; English when the app speaks neither. */
export function pickLang(...tags: (string | undefined)[]): Lang {
  for (const tag of tags) {
    const lang = langOf(tag);
    if (lang) return lang;
  }
  return 'en';
}

/**
 * A well-formed tag in canonical form ("de_DE" from some EHRs becomes "de-DE"), or undefined.
 * Intl falls back by itself for a region it lacks; asking which locales it supports would load
 * ICU's locale list (30-50 ms) before the first render.
 */
function validLocale(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

export function makeI18n(lang: Lang, preferredLocale?: string): I18n {
  const preferred = validLocale(preferredLocale);
  const locale = preferred && pickLang(preferred) === lang ? preferred : DEFAULT_LOCALE[lang];
  const t = STRINGS[lang];
  // a NumberFormat costs tens of milliseconds to create in a browser, on the way to the first
  // paint; counts below 1,000 have no separators and need none
  let numbers: Intl.NumberFormat | undefined;
  const format = (count: number) =>
    Number.isInteger(count) && Math.abs(count) < 1000
      ? String(count)
      : (numbers ??= new Intl.NumberFormat(locale)).format(count);
  return {
    lang,
    locale,
    t,
    text: (value) => readableText(value[lang], locale),
    entries: (count) => t.entries(count, format(count)),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { Strings };
