import { assess, type AssessOptions } from '../../src/clinical';
import type { SurgeonAnswers } from '../../src/clinical/answers';
import {
  CLINICAL_TYPES,
  type ClinicalType,
  type PatientRecord,
  type ReadState,
  type ResourcesByType,
} from '../../src/clinical/record';

/** Test records: a base patient who meets every criterion of pvp-guideline, and builders to vary it. */
export const NOW = new Date('2026-11-25T00:00:00Z');
const DAY = 86_400_000;

export function daysAgo(days: number, now = NOW): string {
  return new Date(now.getTime() - days * DAY).toISOString();
}

export const SYS = {
  cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  gm: 'http://fhir.de/CodeSystem/bfarm/icd-10-gm',
  sct: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  atc: 'http://fhir.de/CodeSystem/bfarm/atc',
  ucum: 'http://unitsofmeasure.org',
  dcm: 'http://dicom.nema.org/resources/ontology/DCM',
};

type R = Record<string, unknown>;
let counter = 0;
const id = (prefix: string) => `${prefix}-${++counter}`;
const status = (system: string, code: string) => ({ coding: [{ system, code }] });

export function condition(system: string, code: string, display: string, extra: R = {}): R {
  return {
    resourceType: 'Condition',
    id: id('cond'),
    clinicalStatus: status('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active'),
    verificationStatus: status('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'confirmed'),
    code: { coding: [{ system, code, display }], text: display },
    subject: { reference: 'Patient/p1' },
    onsetDateTime: daysAgo(35),
    ...extra,
  };
}

export function withStatus(resource: R, clinical?: string, verification?: string): R {
  const r: R = { ...resource };
  if (clinical === undefined) delete r.clinicalStatus;
  else r.clinicalStatus = status('http://terminology.hl7.org/CodeSystem/condition-clinical', clinical);
  if (verification)
    r.verificationStatus = status('http://terminology.hl7.org/CodeSystem/condition-ver-status', verification);
  return r;
}

export function observation(
  code: string,
  value: number | undefined,
  unit: string | undefined,
  days: number,
  extra: R = {},
): R {
  return {
    resourceType: 'Observation',
    id: id('obs'),
    status: 'final',
    code: { coding: [{ system: SYS.loinc, code }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: daysAgo(days),
    ...(value === undefined
      ? {}
      : { valueQuantity: { value, ...(unit === undefined ? {} : { unit, system: SYS.ucum, code: unit }) } }),
    ...extra,
  };
}

export const pain = (value: number, days: number, unit = '{score}') => observation('72514-3', value, unit, days);
export const inr = (value: number, days: number) => observation('6301-6', value, '{INR}', days);
export const platelets = (value: number, days: number, unit = '10*3/uL') => observation('777-3', value, unit, days);

export function medication(system: string, code: string, display: string, startDays: number, extra: R = {}): R {
  return {
    resourceType: 'MedicationRequest',
    id: id('med'),
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: { coding: [{ system, code, display }], text: display },
    subject: { reference: 'Patient/p1' },
    authoredOn: daysAgo(startDays),
    ...extra,
  };
}

export function allergy(system: string, code: string, display: string, extra: R = {}): R {
  return {
    resourceType: 'AllergyIntolerance',
    id: id('allergy'),
    clinicalStatus: status('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'active'),
    verificationStatus: status('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', 'confirmed'),
    code: { coding: [{ system, code, display }], text: display },
    patient: { reference: 'Patient/p1' },
    ...extra,
  };
}

export function report(text: string, days: number, extra: R = {}): R {
  return {
    resourceType: 'DiagnosticReport',
    id: id('report'),
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] }],
    code: { text: 'MRI lumbar spine' },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: daysAgo(days),
    conclusion: text,
    ...extra,
  };
}

export function imagingStudy(modality: string, days: number, bodySite = '122496007', extra: R = {}): R {
  return {
    resourceType: 'ImagingStudy',
    id: id('study'),
    status: 'available',
    subject: { reference: 'Patient/p1' },
    started: daysAgo(days),
    modality: [{ system: SYS.dcm, code: modality }],
    series: [
      { uid: '1.2.3', modality: { system: SYS.dcm, code: modality }, bodySite: { system: SYS.sct, code: bodySite } },
    ],
    ...extra,
  };
}

export const PATIENT = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1948-03-02' };

/** the fracture, coded three ways */
export const FRACTURE_CM = () =>
  condition(SYS.cm, 'M80.08XA', 'Age-related osteoporosis with current pathological fracture, vertebra(e)', {
    bodySite: [{ coding: [{ system: SYS.sct, code: '66794005', display: 'L1' }] }],
  });
export const FRACTURE_GM = () => condition(SYS.gm, 'S32.01', 'Fraktur eines Lendenwirbels: L1');
export const FRACTURE_SCT = () =>
  condition(SYS.sct, '42942008', 'Compression fracture of vertebral column', {
    bodySite: [{ coding: [{ system: SYS.sct, code: '66794005' }] }],
  });
export const OSTEOPOROSIS_CM = () =>
  condition(SYS.cm, 'M81.0', 'Age-related osteoporosis without current pathological fracture', {
    onsetDateTime: daysAgo(3000),
  });
export const OSTEOPOROSIS_GM = () =>
  condition(SYS.gm, 'M81.00', 'Postmenopausale Osteoporose', { onsetDateTime: daysAgo(3000) });
export const OSTEOPOROSIS_SCT = () => condition(SYS.sct, '64859006', 'Osteoporosis', { onsetDateTime: daysAgo(3000) });

/** everything of the base patient but the fracture and osteoporosis diagnoses */
export function baseClinical(): R[] {
  return [
    report('L1 compression fracture with bone marrow oedema on STIR. Posterior wall intact.', 21),
    imagingStudy('MR', 21),
    pain(8, 2),
    pain(7, 9),
    medication(SYS.rxnorm, '1049221', 'Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet', 30),
    inr(1.0, 5),
    platelets(250, 5),
  ];
}

/**
 * the base clinical data with an MRI report that names no level: a lesion coded without a level
 * stays without one (a report's level would otherwise place it, README, "Levels from reports")
 */
export function baseClinicalUnplaced(): R[] {
  return [
    report('Compression fracture with bone marrow oedema on STIR. Posterior wall intact.', 21),
    ...baseClinical().filter((r) => r.resourceType !== 'DiagnosticReport'),
  ];
}

export function baseResources(): R[] {
  return [FRACTURE_CM(), OSTEOPOROSIS_CM(), ...baseClinical()];
}

export function record(
  resources: unknown[],
  reads: Partial<Record<ClinicalType, ReadState>> = {},
  patient: unknown = PATIENT,
): PatientRecord {
  const byType = Object.fromEntries(CLINICAL_TYPES.map((t) => [t, [] as unknown[]])) as unknown as ResourcesByType;
  for (const r of resources) {
    const t = (r as R | null | undefined)?.resourceType as ClinicalType;
    if (typeof t === 'string' && t in byType) (byType[t] as unknown[]).push(r);
  }
  return {
    patient: patient as fhir4.Patient,
    resources: byType,
    reads: Object.fromEntries(
      CLINICAL_TYPES.map((t) => [t, { state: reads[t] ?? 'full', count: byType[t].length }]),
    ) as PatientRecord['reads'],
  };
}

/** the class of the launch encounter: in hospital, or ambulatory */
export type Setting = 'IMP' | 'AMB';

/** the record with a launch encounter of that class (none given: the care setting stays unknown) */
export function withSetting(rec: PatientRecord, setting: Setting | undefined): PatientRecord {
  if (!setting) return rec;
  return {
    ...rec,
    encounter: {
      resourceType: 'Encounter',
      id: 'enc-1',
      status: 'in-progress',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: setting },
    },
  };
}

/** the surgeon's answer to "Is the patient an inpatient?" (the care setting, where no encounter tells it) */
export const INPATIENT: SurgeonAnswers = { 'setting.inpatient': { status: 'met' } };
export const OUTPATIENT: SurgeonAnswers = { 'setting.inpatient': { status: 'not-met' } };

/** the surgeon's answer that the base patient's posterior wall was assessed (only a coded finding or the surgeon settles it: docs/criteria.md, req.posterior-wall-assessed) */
/** the surgeon's answer "posterior wall intact", which also settles that it was assessed */
export const WALL_ASSESSED: SurgeonAnswers = { 'rc.posterior-wall': { status: 'not-met' } };

/** assess with the posterior wall answered as intact, so each test varies one thing only */
export function assessed(rec: PatientRecord, options: AssessOptions = { now: NOW }) {
  return assess(rec, { ...options, answers: { ...WALL_ASSESSED, ...options.answers } });
}
