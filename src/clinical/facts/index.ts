import { parseDate } from '../dates';
import { arr, codings, field, obj, referenceOf, str } from '../json';
import type { PatientRecord } from '../record';
import { Memo } from '../memo';
import { codeMatcher } from '../terminology/match';
import { allergyFacts } from './allergies';
import { conditionFacts, treatedOn } from './conditions';
import { imagingStudyFacts, performedOn, procedureFacts } from './imaging';
import { medicationFacts, startOf, withUnreadableDrugs } from './medications';
import { newestFirst, observationFacts } from './observations';
import { diagnosticReportFacts } from './reports';
import { emptyBucket, type ClinicalFacts } from './types';

export type * from './types';

/** encounter classes (v3 ActCode) of a hospital stay */
const INPATIENT_CLASSES = new Set(['IMP', 'ACUTE', 'NONAC', 'inpatient']);

/**
 * PatientRecord → ClinicalFacts: one pass over each resource type, matching every coding against
 * all value sets once. Status-, time- and unit-aware; never throws on malformed resources.
 */
export function buildFacts(record: PatientRecord, now: Date): ClinicalFacts {
  const patient = field(record, 'patient');
  const encounter = field(record, 'encounter');
  const birthDate = parseDate(field(patient, 'birthDate'));
  const encounterClass = codings(field(encounter, 'class'));
  const facts: ClinicalFacts = {
    now,
    reads: (obj(field(record, 'reads')) ?? {}) as PatientRecord['reads'],
    patient: { reference: referenceOf(patient, 'Patient', 0), birthDate, gender: str(field(patient, 'gender')) },
    // an encounter without a readable class tells no more than none: the care setting stays unknown
    hospitalised: encounterClass.length ? encounterClass.some((c) => INPATIENT_CLASSES.has(c.code)) : undefined,
    encounterReference: obj(encounter) ? referenceOf(encounter, 'Encounter', 0) : undefined,
    conditions: emptyBucket(),
    observations: emptyBucket(),
    medications: emptyBucket(),
    allergies: emptyBucket(),
    procedures: emptyBucket(),
    imaging: [],
    reports: [],
    imagingExcluded: [],
    memo: new Memo(),
  };
  const r = obj(field(record, 'resources')) ?? {};
  // what was given for a diagnosis shows it is still being treated (an acute course asks when nothing is)
  const given = [
    ...arr(r.MedicationRequest).map((x) => ({ resource: x, date: startOf('MedicationRequest', x) })),
    ...arr(r.MedicationStatement).map((x) => ({ resource: x, date: startOf('MedicationStatement', x) })),
    ...arr(r.Procedure).map((x) => ({ resource: x, date: performedOn(x) })),
  ];
  // one assessment's code matcher: it remembers the codes it has seen for this record only
  const match = codeMatcher();
  conditionFacts(arr(r.Condition), now, birthDate, facts.conditions, match, {
    treatedOn: treatedOn(given),
    encounterId: str(field(encounter, 'id')),
  });
  observationFacts(arr(r.Observation), now, facts.observations, facts.reports, match);
  const medications = obj(field(record, 'medications'));
  for (const type of ['MedicationRequest', 'MedicationStatement'] as const) {
    facts.reads = withUnreadableDrugs(
      facts.reads,
      type,
      medicationFacts(type, arr(r[type]), medications, now, facts.medications, match),
    );
  }
  allergyFacts(arr(r.AllergyIntolerance), now, facts.allergies, match);
  imagingStudyFacts(arr(r.ImagingStudy), facts);
  procedureFacts(arr(r.Procedure), facts, match);
  diagnosticReportFacts(arr(r.DiagnosticReport), facts, match);
  facts.imaging.sort(newestFirst);
  facts.reports.sort(newestFirst);
  return facts;
}
