import type { ClinicalType, ReadState } from '../clinical/record';
import type { Lang } from '../lang';

/**
 * The record's lists as a heading names them, on the screen (what was read, what to read again) and in the
 * note (what was not read fully): one entry per list and language. Sentences name them otherwise
 * (CLINICAL_TYPE_NAMES in src/clinical/record.ts: "the diagnosis list").
 */
export const LIST_NAMES: Record<Lang, Record<ClinicalType | 'Patient', string>> = {
  en: {
    Patient: 'Patient',
    Condition: 'Conditions',
    Observation: 'Observations',
    ImagingStudy: 'Imaging studies',
    AllergyIntolerance: 'Allergies',
    DiagnosticReport: 'Reports',
    MedicationRequest: 'Medication orders',
    MedicationStatement: 'Medication statements',
    Procedure: 'Procedures',
  },
  de: {
    Patient: 'Patient/in',
    Condition: 'Diagnosen',
    Observation: 'Befunde und Messwerte',
    ImagingStudy: 'Bildgebung',
    AllergyIntolerance: 'Allergien',
    DiagnosticReport: 'Befundberichte',
    MedicationRequest: 'Medikationsverordnungen',
    MedicationStatement: 'Medikationsangaben',
    Procedure: 'Prozeduren',
  },
};

/**
 * How a list was read, in the same words on the screen (what was read, the lists not read fully) and
 * in the note (not read fully): one entry per state and language.
 */
export const READ_STATE_NAMES: Record<Lang, Record<ReadState, string>> = {
  en: {
    full: 'read fully',
    partial: 'partly read',
    'not-permitted': 'not permitted',
    failed: 'could not be read',
    'not-requested': 'not requested',
  },
  de: {
    full: 'vollständig gelesen',
    partial: 'teilweise gelesen',
    'not-permitted': 'nicht freigegeben',
    failed: 'nicht lesbar',
    'not-requested': 'nicht abgefragt',
  },
};
