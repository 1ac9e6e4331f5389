/**
 * The app's languages, one list for every layer: the engine's rule-set texts, the screen, the signing panel,
 * the launch error page, the EHR's error sentences and the note. Every catalogue is a `Record<Lang, …>` and
 * every rule-set text a `Localized`, so a language added here is a compile error at each text that lacks it
 * (README, "Adding a language"). No React and no I/O: the clinical engine imports it.
 */
export const LANGS = ['en', 'de'] as const;

export type Lang = (typeof LANGS)[number];

/** A text in every language of the app. Rule sets carry their wording in each. */
export type Localized = Record<Lang, string>;

/**
 * A text put together the same way in every language from texts that are already `Localized`
 * ("`${pain[lang]} ${why[lang]}`"): a language added to LANGS needs nothing here. A sentence with words of
 * its own is an object literal, `{ en: '…', de: '…' }`, checked as a `Localized`.
 */
export function localized(compose: (lang: Lang) => string): Localized {
  return Object.fromEntries(LANGS.map((lang) => [lang, compose(lang)])) as Localized;
}

/**
 * A fixed text of a catalogue (src/clinical/set-aside.ts, evidence-words.ts), typed `Localized` where it
 * is written: a language it lacks is one error there, not again at each place that uses it.
 */
export const fixedText = (text: Localized): Localized => text;

/** Each language's name in itself, for the language switch. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', de: 'Deutsch' };

/** The language of a BCP 47 tag ("de-AT", "de_DE", "EN"), or undefined when the app does not speak it. */
export function langOf(tag: string | undefined): Lang | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return LANGS.find((lang) => lang === base);
}

/** The date and number format of each language when the launch names no locale of it. */
export const DEFAULT_LOCALE: Record<Lang, string> = { en: 'en-GB', de: 'de-DE' };

/** A word or phrase in each plural category a language has (CLDR's: 'one', 'few', 'many', ...); `other` always. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const pluralRules = new Map<Lang, Intl.PluralRules>();

/**
 * The form of `forms` that goes with `count` in `lang`, as Intl.PluralRules (CLDR) says: "1 level", "2 levels",
 * "0 levels"; "1 Höhe", "2 Höhen". The one place a count chooses its word, so a language with more forms than
 * English and German (Polish: one, few, many) needs only its forms.
 */
export function plural(lang: Lang, count: number, forms: PluralForms): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return forms[rules.select(count)] ?? forms.other;
}
