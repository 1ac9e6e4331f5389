import { fixedText as fixed, localized, type Localized } from '../lang';

/** a text of the record (a FHIR display, a name, a code): the same in every language, as the record wrote it */
export const asWritten = (text: string): Localized => localized(() => text);

/**
 * The app's own words in an evidence line ("Allergy: …", "X-ray …", "Surgeon: levels …"), in each language: the
 * screen shows the line in the surgeon's language, the note's sentences quote it in the note's. Around them the
 * record's own texts stay as the record wrote them. Each is a `Localized`, so a language added to LANGS is a
 * compile error here (README, "Adding a language"). The English line is also `summary`, which the command line
 * and the note's audit trail keep.
 */
export const EVIDENCE_WORDS = {
  medication: fixed({ en: 'Medication', de: 'Medikament' }),
  condition: fixed({ en: 'Condition', de: 'Diagnose' }),
  procedure: fixed({ en: 'Procedure', de: 'Prozedur' }),
  observation: fixed({ en: 'Observation', de: 'Beobachtung' }),
  component: fixed({ en: 'component', de: 'Komponente' }),
  diagnosticReport: fixed({ en: 'Diagnostic report', de: 'Befundbericht' }),
  substance: fixed({ en: 'substance', de: 'Substanz' }),
  xRay: fixed({ en: 'X-ray', de: 'Röntgen' }),
  imagingStudy: fixed({ en: 'imaging study', de: 'Bildgebung' }),
  resultNotReadable: fixed({ en: 'result not readable', de: 'Ergebnis nicht lesbar' }),
  positive: fixed({ en: 'positive', de: 'positiv' }),
  negative: fixed({ en: 'negative', de: 'negativ' }),
  hospitalised: fixed({
    en: 'Launch encounter: hospitalised (inpatient class)',
    de: 'Aktueller Kontakt: stationär (Klasse inpatient)',
  }),
  notHospitalised: fixed({ en: 'Launch encounter: not hospitalised', de: 'Aktueller Kontakt: nicht stationär' }),
  allergy: (substance: Localized): Localized => ({ en: `Allergy: ${substance.en}`, de: `Allergie: ${substance.de}` }),
  atLevels: (levels: readonly string[]): Localized => ({
    en: ` at ${levels.join(', ')}`,
    de: ` in Höhe ${levels.join(', ')}`,
  }),
  recordedAs: (value: string, asRecorded: string): Localized => ({
    en: `${value} (recorded as ${asRecorded})`,
    de: `${value} (dokumentiert als ${asRecorded})`,
  }),
  surgeon: (answer: Localized, detail: Localized | undefined): Localized => ({
    en: `Surgeon: ${answer.en}${detail ? ` (${detail.en})` : ''}`,
    de: `Operateur: ${answer.de}${detail ? ` (${detail.de})` : ''}`,
  }),
  answerLevels: (levels: readonly string[]): Localized => ({
    en: `levels ${levels.join(', ')}`,
    de: `Höhen ${levels.join(', ')}`,
  }),
  answerReason: (reason: string): Localized => ({ en: `reason: ${reason}`, de: `Begründung: ${reason}` }),
  surgeonLevels: (levels: readonly string[]): Localized => ({
    en: `Surgeon: levels ${levels.join(', ')}`,
    de: `Operateur: Höhen ${levels.join(', ')}`,
  }),
  levels: (levels: readonly string[], planned: boolean): Localized =>
    planned
      ? { en: `Planned levels: ${levels.join(', ')}`, de: `Geplante Höhen: ${levels.join(', ')}` }
      : { en: `Levels: ${levels.join(', ')}`, de: `Höhen: ${levels.join(', ')}` },
  careSetting: (answer: Localized): Localized => ({
    en: `Surgeon: ${answer.en} (care setting)`,
    de: `Operateur: ${answer.de} (Versorgungssetting)`,
  }),
  painToday: (nrs: number): Localized => ({
    en: `Pain today NRS ${nrs} (surgeon)`,
    de: `Schmerz heute NRS ${nrs} (Operateur)`,
  }),
  rolandMorris: (score: number, max: number): Localized => ({
    en: `Roland-Morris score ${score}/${max} (surgeon)`,
    de: `Roland-Morris-Wert ${score}/${max} (Operateur)`,
  }),
  /** a birth date written as a year or a month gives two ages */
  born: (day: string | undefined, youngest: number, oldest: number): Localized => ({
    en: `Born ${day}, ${youngest === oldest ? youngest : `${youngest} or ${oldest}`} years`,
    de: `Geboren ${day}, ${youngest === oldest ? youngest : `${youngest} oder ${oldest}`} Jahre`,
  }),
} satisfies Record<string, Localized | ((...args: never[]) => Localized)>;

/** an evidence line without a date: `summary` in English (the command line, the note's audit trail) beside its `summaryText` */
export const summarised = (text: Localized): { summary: string; summaryText: Localized } => ({
  summary: text.en,
  summaryText: text,
});
