import type { MissingItem, Recommendation } from '../clinical/assessment';
import type { Lang } from '../lang';
import { LIST_NAMES, READ_STATE_NAMES } from './list-names';

/** The fixed wording of the note, per language. Clinical wording comes from the rule set. */
export interface NoteStrings {
  /** the date format of the language when the context names no locale */
  locale: string;
  title: string;
  patient: string;
  patientUnnamed: string;
  earlierNote: string;
  replaces: (date: string, recommendation: string | undefined) => string;
  recommendationLabel: string;
  recommendation: Record<Recommendation, string>;
  overriddenFrom: (computed: string) => string;
  overrideReason: string;
  /** marks the payer's coverage verdict */
  coverage: string;
  decidedBy: string;
  /** a chart finding the surgeon overruled (README "The surgeon decides, with a reason"), by an answer or by the override */
  overruled: (by: 'answer' | 'override', finding: string, reason: string) => string;
  answerReason: string;
  levels: string;
  noLevels: string;
  status: Record<'met' | 'not-met' | 'unknown', string>;
  presentAbsolute: string;
  presentRelative: string;
  contraindicationsUnknown: string;
  contraindicationsAbsent: string;
  none: string;
  answers: string;
  plan: string;
  coveragePlan: string;
  toSupply: Record<MissingItem['supply'], (need: string) => string>;
  noProcedure: string;
  nothingToDo: string;
  expectedBenefit: string;
  notReadFully: string;
  /** the record's lists, named as on screen (list-names.ts) */
  typeNames: Record<string, string>;
  readState: Record<string, string>;
  unknownAuthor: string;
  signed: (date: string, author: string) => string;
  footer: (app: string) => string;
}

const en: NoteStrings = {
  locale: 'en-GB',
  title: 'Consult note: percutaneous vertebroplasty (PVP)',
  patient: 'Patient',
  patientUnnamed: 'name not recorded',
  earlierNote: 'an earlier date',
  replaces: (date, recommendation) =>
    `This note replaces the note signed ${date}${recommendation ? ` (${recommendation})` : ''}.`,
  recommendationLabel: 'Recommendation',
  recommendation: {
    eligible: 'Eligible',
    'eligible-with-cautions': 'Eligible with cautions',
    'not-eligible': 'Not eligible',
    'insufficient-data': 'More information needed',
  },
  overriddenFrom: (computed) => `set by the surgeon; the app computed: ${computed}`,
  overrideReason: 'Reason for the surgeon’s decision',
  coverage: 'Payer coverage',
  decidedBy: 'Decided by',
  overruled: (by, finding, reason) =>
    `CHART FINDING OVERRULED by the surgeon${by === 'override' ? '’s override' : ''}: ${finding} (reason: ${reason})`,
  answerReason: 'reason for overruling the chart',
  levels: 'Levels',
  noLevels: 'none determined',
  status: { met: 'met', 'not-met': 'not met', unknown: 'not known' },
  presentAbsolute: 'Contraindication present',
  presentRelative: 'Relative contraindication present',
  contraindicationsUnknown: 'Contraindications not known',
  contraindicationsAbsent: 'Contraindications absent',
  none: 'none',
  answers: 'Surgeon’s answers',
  plan: 'Plan',
  coveragePlan: 'For the payer',
  toSupply: {
    answer: (need) => `To answer: ${need}.`,
    order: (need) => `To obtain: ${need}.`,
    record: (need) => `To check in the chart (not read fully): ${need}.`,
  },
  noProcedure: 'No vertebroplasty.',
  nothingToDo: 'Nothing further before the procedure.',
  expectedBenefit: 'Expected benefit',
  notReadFully: 'Not read fully',
  typeNames: LIST_NAMES.en,
  readState: READ_STATE_NAMES.en,
  unknownAuthor: 'the signing user (not named by the EHR)',
  signed: (date, author) => `Signed ${date} by ${author}.`,
  footer: (app) =>
    `Decision support by ${app}; the surgeon’s judgement decides. Every criterion with its evidence, and the rule sets’ versions, are attached to this note as structured data.`,
};

const de: NoteStrings = {
  locale: 'de-DE',
  title: 'Konsilbericht: perkutane Vertebroplastie (PVP)',
  patient: 'Patient/in',
  patientUnnamed: 'Name nicht dokumentiert',
  earlierNote: 'einem früheren Datum',
  replaces: (date, recommendation) =>
    `Dieser Bericht ersetzt den am ${date} signierten Bericht${recommendation ? ` (${recommendation})` : ''}.`,
  recommendationLabel: 'Empfehlung',
  recommendation: {
    eligible: 'Geeignet',
    'eligible-with-cautions': 'Geeignet mit Vorbehalten',
    'not-eligible': 'Nicht geeignet',
    'insufficient-data': 'Weitere Angaben nötig',
  },
  overriddenFrom: (computed) => `ärztlich festgelegt; die App ergab: ${computed}`,
  overrideReason: 'Begründung der ärztlichen Entscheidung',
  coverage: 'Kostenübernahme',
  decidedBy: 'Entscheidend',
  overruled: (by, finding, reason) =>
    `BEFUND DER AKTE ÜBERSTIMMT vom Operateur${by === 'override' ? ' (abweichende Festlegung)' : ''}: ${finding} (Begründung: ${reason})`,
  answerReason: 'Begründung für das Überstimmen der Akte',
  levels: 'Höhen',
  noLevels: 'keine bestimmt',
  status: { met: 'erfüllt', 'not-met': 'nicht erfüllt', unknown: 'nicht bekannt' },
  presentAbsolute: 'Kontraindikation vorhanden',
  presentRelative: 'Relative Kontraindikation vorhanden',
  contraindicationsUnknown: 'Kontraindikationen nicht bekannt',
  contraindicationsAbsent: 'Keine Kontraindikation',
  none: 'keine',
  answers: 'Ärztliche Angaben',
  plan: 'Vorgehen',
  coveragePlan: 'Für den Kostenträger',
  toSupply: {
    answer: (need) => `Zu klären: ${need}.`,
    order: (need) => `Zu veranlassen: ${need}.`,
    record: (need) => `In der Akte zu prüfen (nicht vollständig gelesen): ${need}.`,
  },
  noProcedure: 'Keine Vertebroplastie.',
  nothingToDo: 'Vor dem Eingriff nichts weiter zu veranlassen.',
  expectedBenefit: 'Zu erwartender Nutzen',
  notReadFully: 'Nicht vollständig gelesen',
  typeNames: LIST_NAMES.de,
  readState: READ_STATE_NAMES.de,
  unknownAuthor: 'der signierenden Person (vom KIS nicht benannt)',
  signed: (date, author) => `Signiert am ${date} von ${author}.`,
  footer: (app) =>
    `Entscheidungsunterstützung durch ${app}; es entscheidet das ärztliche Urteil. Alle Kriterien mit ihren Belegen und die Versionen der Regelwerke sind diesem Bericht als strukturierte Daten beigefügt.`,
};

export const NOTE_STRINGS: Record<Lang, NoteStrings> = { en, de };
