import { fixedText as fixed, type Localized } from '../lang';

/**
 * Why a fact of the record was set aside, in each language: the screen shows it in the surgeon's language
 * after "Why excluded", a caution quotes it in the note's. Each is a `Localized`, so a language added to
 * LANGS is a compile error here (README, "Adding a language"). A FHIR code the reason names ("refuted",
 * "entered-in-error") stays the code in every language: the record says it so.
 */
export const SET_ASIDE = {
  afterAssessment: fixed({ en: 'dated after the assessment date', de: 'nach dem Beurteilungsdatum datiert' }),
  startsAfterAssessment: fixed({ en: 'starts after the assessment date', de: 'beginnt nach dem Beurteilungsdatum' }),
  noDate: fixed({ en: 'no date', de: 'kein Datum' }),
  noClinicalStatus: fixed({ en: 'no clinical status', de: 'kein klinischer Status' }),
  unreadableVerification: fixed({ en: 'verification status not readable', de: 'Verifikationsstatus nicht lesbar' }),
  unreadableClinical: fixed({ en: 'clinical status not readable', de: 'klinischer Status nicht lesbar' }),
  ruledOut: fixed({ en: 'ruled out (Diagnosesicherheit A)', de: 'ausgeschlossen (Diagnosesicherheit A)' }),
  statusAfter: fixed({
    en: 'status after, resolved (Diagnosesicherheit Z)',
    de: 'Zustand nach, abgeheilt (Diagnosesicherheit Z)',
  }),
  suspectedCertainty: fixed({ en: 'suspected (Diagnosesicherheit V)', de: 'Verdacht (Diagnosesicherheit V)' }),
  studyRegistered: fixed({
    en: 'status registered: booked, no images yet',
    de: 'Status registered: angemeldet, noch keine Bilder',
  }),
  studyUnknown: fixed({
    en: 'status unknown: not known that images exist',
    de: 'Status unknown: nicht bekannt, ob Bilder vorliegen',
  }),
  plainRadiograph: fixed({
    en: 'plain radiograph (X-ray): an MRI or CT is needed',
    de: 'konventionelles Röntgenbild: ein MRT oder CT ist nötig',
  }),
  notSpine: fixed({ en: 'not of the spine', de: 'nicht der Wirbelsäule' }),
  boneScan: fixed({
    en: 'bone scan: shows oedema, does not replace MRI/CT',
    de: 'Knochenszintigrafie: zeigt ein Ödem, ersetzt kein MRT/CT',
  }),
  oedemaModality: fixed({
    en: 'oedema is read on MRI or a bone scan, not on CT or X-ray',
    de: 'ein Ödem wird im MRT oder in der Knochenszintigrafie beurteilt, nicht im CT oder Röntgen',
  }),
  noNumericValue: fixed({ en: 'no numeric value', de: 'kein Zahlenwert' }),
  medicationNeitherCodedNorNamed: fixed({ en: 'neither coded nor named', de: 'weder codiert noch benannt' }),
  noDrugReferenced: fixed({ en: 'no drug referenced', de: 'kein Medikament referenziert' }),
  painScoreWithoutCode: fixed({
    en: 'pain score without a code: not read as NRS 0-10',
    de: 'Schmerzwert ohne Code: nicht als NRS 0-10 gelesen',
  }),
  /** a FHIR status code (verification, clinical or allergy status) that keeps the entry from counting */
  code: (code: string): Localized => ({ en: code, de: code }),
  status: (status: string | undefined): Localized => ({
    en: `status ${status ?? 'missing'}`,
    de: `Status ${status ?? 'fehlt'}`,
  }),
  suspected: (verification: string | undefined): Localized => ({
    en: `suspected (${verification})`,
    de: `Verdacht (${verification})`,
  }),
  intent: (intent: string): Localized => ({
    en: `intent ${intent} (not yet prescribed)`,
    de: `Intent ${intent} (noch nicht verordnet)`,
  }),
  ended: (day: string | undefined): Localized => ({ en: `ended ${day}`, de: `beendet ${day}` }),
  abated: (day: string | undefined): Localized => ({ en: `abated ${day}`, de: `abgeklungen ${day}` }),
  textOnly: (terms: readonly string[]): Localized => ({
    en: `text only ("${terms.join('", "')}"), no known code`,
    de: `nur Text ("${terms.join('", "')}"), kein bekannter Code`,
  }),
  notInRecord: (target: string): Localized => ({
    en: `${target} is not in the record`,
    de: `${target} ist nicht in der Akte`,
  }),
  medicationUnreadable: (why: Localized): Localized => ({
    en: `medication not readable: ${why.en}`,
    de: `Medikament nicht lesbar: ${why.de}`,
  }),
  encounterDiagnosis: (since: string | undefined, days: number): Localized => ({
    en: `diagnosis of an encounter on ${since}, nothing newer in ${days} days: still active?`,
    de: `Diagnose eines Kontakts am ${since}, nichts Neueres in ${days} Tagen: noch aktiv?`,
  }),
  activeSince: (since: string | undefined, days: number): Localized => ({
    en: `recorded active since ${since}, nothing newer in ${days} days: still active?`,
    de: `aktiv dokumentiert seit ${since}, nichts Neueres in ${days} Tagen: noch aktiv?`,
  }),
  unknownPainCode: (system: string | undefined, code: string): Localized => ({
    en: `pain score with a code the app does not know (${system}|${code}): not read as NRS 0-10`,
    de: `Schmerzwert mit einem der App unbekannten Code (${system}|${code}): nicht als NRS 0-10 gelesen`,
  }),
  olderThanDays: (days: number): Localized => ({ en: `older than ${days} days`, de: `älter als ${days} Tage` }),
  noStatusUncorroborated: fixed({
    en: 'no clinical status, and no spine imaging corroborates it',
    de: 'kein klinischer Status, und keine Bildgebung der Wirbelsäule bestätigt ihn',
  }),
  otherSiteNoSite: fixed({
    en: 'code names no site ("other site"): needs a spinal body site, level or spine imaging',
    de: 'Code nennt keine Lokalisation ("sonstige Lokalisation"): braucht eine Lokalisation an der Wirbelsäule, eine Höhe oder Bildgebung der Wirbelsäule',
  }),
  notHaemangioma: fixed({
    en: 'benign vertebral neoplasm not described as a haemangioma',
    de: 'gutartige Wirbelneubildung, nicht als Hämangiom beschrieben',
  }),
  sided: (side: string): Localized => ({
    en: `code names a site on one side (Seitenlokalisation ${side}), not the spine`,
    de: `Code nennt eine Lokalisation auf einer Seite (Seitenlokalisation ${side}), nicht die Wirbelsäule`,
  }),
  levelOutside: (levels: readonly string[], from: string, to: string): Localized => ({
    en: `level ${levels.join(', ')} outside ${from}-${to}`,
    de: `Höhe ${levels.join(', ')} außerhalb ${from}-${to}`,
  }),
  olderThanWeeks: (weeks: number): Localized => ({ en: `older than ${weeks} weeks`, de: `älter als ${weeks} Wochen` }),
  beforeFracture: (months: number): Localized => ({
    en: `from before the fracture or more than ${months} months old`,
    de: `von vor der Fraktur oder älter als ${months} Monate`,
  }),
  outsideRange: (from: string, to: string): Localized => ({
    en: `outside the range of this rule set (${from}-${to})`,
    de: `außerhalb des Bereichs dieses Regelwerks (${from}-${to})`,
  }),
  unitNotConvertible: (unit: string, target: string): Localized => ({
    en: `unit "${unit}" cannot be converted to ${target}`,
    de: `Einheit "${unit}" lässt sich nicht in ${target} umrechnen`,
  }),
  noUnit: (target: string): Localized => ({
    en: `no unit (expected ${target})`,
    de: `keine Einheit (erwartet ${target})`,
  }),
  notPainScale: (unit: string): Localized => ({
    en: `unit "${unit}" is not a pain scale (none, {score}, mm, cm or %)`,
    de: `Einheit "${unit}" ist keine Schmerzskala (keine, {score}, mm, cm oder %)`,
  }),
  painOutOfScale: (asRecorded: string): Localized => ({
    en: `pain score ${asRecorded} outside 0-10`,
    de: `Schmerzwert ${asRecorded} außerhalb von 0-10`,
  }),
} satisfies Record<string, Localized | ((...args: never[]) => Localized)>;
