import { asWritten, summarised } from '../../src/clinical/evidence-words';
/**
 * Hand-built assessments and records for the component tests: one realistic Assessment per
 * recommendation (the shape the engine produces for the scenario patients of mocks/patients/scenarios.ts), and the
 * PatientRecord its evidence points into.
 */
import type {
  Assessment,
  CriterionGroup,
  CriterionResult,
  CriterionStatus,
  Question,
  Recommendation,
} from '../../src/clinical/assessment';
import type { Localized } from '../../src/lang';
import type { ClinicalType, PatientRecord, TypeRead } from '../../src/clinical/record';
import type { LaunchSession } from '../../src/smart/session';

const NOW = '2026-11-20T09:00:00Z';
const both = (en: string, de: string): Localized => ({ en, de });

export const patient: fhir4.Patient = {
  resourceType: 'Patient',
  id: 'pvp-01',
  name: [{ use: 'official', family: 'Huber', given: ['Erna'] }],
  gender: 'female',
  birthDate: '1948-03-14',
  identifier: [{ system: 'urn:demo:mrn', value: 'MRN-0001' }],
};

const fracture: fhir4.Condition = {
  resourceType: 'Condition',
  id: 'vcf-l1',
  subject: { reference: 'Patient/pvp-01' },
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  verificationStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
  },
  code: {
    coding: [
      {
        system: 'http://hl7.org/fhir/sid/icd-10-cm',
        code: 'M80.08XA',
        display: 'Age-related osteoporosis with current pathological fracture, vertebra(e)',
      },
    ],
  },
  bodySite: [{ coding: [{ system: 'http://snomed.info/sct', code: '66794005', display: 'L1 vertebra' }] }],
  onsetDateTime: '2026-10-15',
};

const pain: fhir4.Observation = {
  resourceType: 'Observation',
  id: 'nrs-1',
  status: 'final',
  code: {
    coding: [
      {
        system: 'http://loinc.org',
        code: '72514-3',
        display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
      },
    ],
  },
  subject: { reference: 'Patient/pvp-01' },
  effectiveDateTime: '2026-11-18T10:30:00Z',
  valueQuantity: { value: 8, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' },
};

const mri: fhir4.ImagingStudy = {
  resourceType: 'ImagingStudy',
  id: 'mri-1',
  status: 'available',
  subject: { reference: 'Patient/pvp-01' },
  started: '2026-11-10T08:00:00Z',
  modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' }],
  description: 'MRI lumbar spine with STIR',
};

/** An allergy whose text tries to become HTML: it must show as literal text. */
export const HOSTILE_TEXT = '<script>alert(1)</script><img src=x onerror="alert(2)">';
const hostileAllergy: fhir4.AllergyIntolerance = {
  resourceType: 'AllergyIntolerance',
  id: 'alg-1',
  patient: { reference: 'Patient/pvp-01' },
  code: { text: HOSTILE_TEXT },
  note: [{ text: HOSTILE_TEXT }],
};

const enteredInError: fhir4.Condition = {
  resourceType: 'Condition',
  id: 'old-err',
  subject: { reference: 'Patient/pvp-01' },
  verificationStatus: { coding: [{ code: 'entered-in-error' }] },
  code: {
    coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M46.20', display: 'Osteomyelitis of vertebra' }],
  },
};

function reads(overrides: Partial<Record<ClinicalType, TypeRead>> = {}): Record<ClinicalType, TypeRead> {
  return {
    Condition: { state: 'full', count: 2 },
    Observation: { state: 'full', count: 1 },
    ImagingStudy: { state: 'full', count: 1 },
    AllergyIntolerance: { state: 'full', count: 1 },
    DiagnosticReport: { state: 'full', count: 0 },
    MedicationRequest: { state: 'full', count: 0 },
    MedicationStatement: { state: 'full', count: 0 },
    Procedure: { state: 'full', count: 0 },
    ...overrides,
  };
}

export function makeRecord(readOverrides: Partial<Record<ClinicalType, TypeRead>> = {}): PatientRecord {
  return {
    patient,
    resources: {
      Condition: [fracture, enteredInError],
      Observation: [pain],
      ImagingStudy: [mri],
      AllergyIntolerance: [hostileAllergy],
      DiagnosticReport: [],
      MedicationRequest: [],
      MedicationStatement: [],
      Procedure: [],
    },
    reads: reads(readOverrides),
  };
}

const POSTERIOR_WALL_QUESTION: Question = {
  criterion: 'req.posterior-wall-assessed',
  kind: 'status',
  prompt: both(
    'Is the posterior wall of the vertebral body intact on MRI/CT?',
    'Ist die Hinterkante im MRT/CT intakt?',
  ),
  options: [
    { status: 'met', label: both('Intact', 'Intakt') },
    { status: 'not-met', label: both('Disrupted', 'Nicht intakt') },
  ],
};

function criterion(
  id: string,
  group: CriterionGroup,
  title: Localized,
  status: CriterionStatus,
  rationale: Localized,
  extra: Partial<CriterionResult> = {},
): CriterionResult {
  return {
    id,
    group,
    title,
    status,
    source: 'record',
    evidence: [],
    excluded: [],
    rationale: rationale.en,
    rationaleText: rationale,
    citations: ['seed'],
    ...extra,
  };
}

/** The criteria of scenario 1 (osteoporotic L1 fracture, MRI oedema, NRS 8 on opioids). */
export function baseCriteria(): CriterionResult[] {
  return [
    criterion(
      'ind.painful-lesion',
      'indication',
      both('Painful vertebral fracture or lesion', 'Schmerzhafte Wirbelfraktur oder -läsion'),
      'met',
      both('Osteoporotic fracture at L1.', 'Osteoporotische Fraktur LWK 1.'),
      {
        evidence: [
          {
            reference: 'Condition/vcf-l1',
            ...summarised(asWritten('Osteoporotic vertebral fracture L1')),
            date: '2026-10-15',
            code: 'http://hl7.org/fhir/sid/icd-10-cm|M80.08XA',
          },
        ],
      },
    ),
    criterion(
      'ind.pain-severe',
      'indication',
      both('Severe pain', 'Starke Schmerzen'),
      'met',
      both('NRS 8 on 18 Nov 2026.', 'NRS 8 am 18.11.2026.'),
      {
        evidence: [
          {
            reference: 'Observation/nrs-1',
            ...summarised(asWritten('Pain NRS 8')),
            date: '2026-11-18T10:30:00Z',
            code: 'http://loinc.org|72514-3',
          },
        ],
      },
    ),
    criterion(
      'ind.conservative-failed',
      'indication',
      both('Conservative therapy failed', 'Konservative Therapie erfolglos'),
      'met',
      both('Opioids for 4 weeks.', 'Opioide seit 4 Wochen.'),
    ),
    criterion(
      'ind.fracture-acute',
      'indication',
      both('Fracture acute (oedema)', 'Frische Fraktur (Ödem)'),
      'met',
      both('Oedema on MRI.', 'Ödem im MRT.'),
    ),
    criterion(
      'ci.infection-active',
      'absolute-contraindication',
      both('Active infection', 'Aktive Infektion'),
      'not-met',
      both('No infection recorded.', 'Keine Infektion dokumentiert.'),
      {
        excluded: [
          {
            reference: 'Condition/old-err',
            ...summarised(asWritten('Osteomyelitis of vertebra')),
            code: 'http://hl7.org/fhir/sid/icd-10-cm|M46.20',
            why: 'entered-in-error',
            whyText: both('entered-in-error', 'entered-in-error'),
          },
        ],
      },
    ),
    criterion(
      'ci.cement-allergy',
      'absolute-contraindication',
      both('Allergy to bone cement', 'Allergie gegen Knochenzement'),
      'not-met',
      both('No cement allergy recorded.', 'Keine Zementallergie dokumentiert.'),
      {
        excluded: [
          {
            reference: 'AllergyIntolerance/alg-1',
            ...summarised(asWritten(HOSTILE_TEXT)),
            why: 'no cement allergen',
            whyText: both('no cement allergen', 'kein Zementallergen'),
          },
        ],
      },
    ),
    criterion(
      'rc.posterior-wall',
      'relative-contraindication',
      both('Posterior wall disrupted', 'Hinterkante nicht intakt'),
      'not-met',
      both('Not recorded.', 'Nicht dokumentiert.'),
    ),
    criterion(
      'rc.coagulation-correctable',
      'relative-contraindication',
      both('Anticoagulation or abnormal coagulation', 'Antikoagulation oder Gerinnungsstörung'),
      'not-met',
      both('No anticoagulant.', 'Kein Antikoagulans.'),
    ),
    criterion(
      'req.imaging',
      'requirement',
      both('Spine MRI or CT within 12 weeks', 'MRT oder CT der Wirbelsäule in 12 Wochen'),
      'met',
      both('MRI on 10 Nov 2026.', 'MRT am 10.11.2026.'),
      {
        evidence: [
          {
            reference: 'ImagingStudy/mri-1',
            ...summarised(asWritten('MR lumbar spine')),
            date: '2026-11-10T08:00:00Z',
          },
        ],
      },
    ),
    criterion(
      'req.posterior-wall-assessed',
      'requirement',
      both('Posterior wall assessed', 'Hinterkante beurteilt'),
      'unknown',
      both('Not assessed in the record.', 'In der Akte nicht beurteilt.'),
      {
        question: POSTERIOR_WALL_QUESTION,
      },
    ),
    criterion(
      'req.coagulation-labs',
      'requirement',
      both('INR and platelets within 30 days', 'INR und Thrombozyten in 30 Tagen'),
      'met',
      both('INR 1.0, platelets 240.', 'INR 1,0, Thrombozyten 240.'),
    ),
  ];
}

function withStatus(criteria: CriterionResult[], id: string, patch: Partial<CriterionResult>): CriterionResult[] {
  return criteria.map((c) => (c.id === id ? { ...c, ...patch } : c));
}

export function makeAssessment(recommendation: Recommendation, criteria = baseCriteria()): Assessment {
  const decisive: Record<Recommendation, string[]> = {
    eligible: ['ind.painful-lesion', 'ind.fracture-acute'],
    'eligible-with-cautions': ['rc.coagulation-correctable'],
    'not-eligible': ['ci.pain-controlled'],
    'insufficient-data': ['req.posterior-wall-assessed'],
  };
  return {
    recommendation,
    computedRecommendation: recommendation,
    ruleset: { id: 'pvp-guideline', version: '2026.1' },
    rulesetInfo: {
      id: 'pvp-guideline',
      version: '2026.1',
      title: both('PVP guideline (German consensus, CIRSE)', 'PVP-Leitlinie (Deutscher Konsens, CIRSE)'),
      citations: [{ key: 'seed', text: 'Radiologe 2006;46:495-505', url: 'https://doi.org/10.1007/s00117-006-1377-x' }],
    },
    assessedAt: NOW,
    levels: ['L1'],
    levelDetails: [{ level: 'L1', findings: ['osteoporotic fracture', 'oedema on MRI'] }],
    criteria,
    missing:
      recommendation === 'insufficient-data'
        ? [
            {
              criterion: 'req.posterior-wall-assessed',
              need: 'Answer: is the posterior wall intact?',
              needText: both('Answer: is the posterior wall intact?', 'Beantworten: ist die Hinterkante intakt?'),
              supply: 'answer',
            },
          ]
        : [],
    decisive: decisive[recommendation],
    reads: {},
  };
}

/** One assessment per recommendation, as the engine gives them for the scenarios. */
export const assessments: Record<Recommendation, Assessment> = {
  'insufficient-data': makeAssessment('insufficient-data'),
  eligible: makeAssessment(
    'eligible',
    withStatus(baseCriteria(), 'req.posterior-wall-assessed', {
      status: 'met',
      source: 'surgeon',
      answeredAt: '2026-11-20T09:05:00Z',
    }),
  ),
  'eligible-with-cautions': makeAssessment(
    'eligible-with-cautions',
    withStatus(baseCriteria(), 'rc.coagulation-correctable', {
      status: 'met',
      rationaleText: both('Apixaban active.', 'Apixaban aktiv.'),
      caution: both('Hold apixaban 48 h before (SIR 2019).', 'Apixaban 48 h vorher pausieren (SIR 2019).'),
    }),
  ),
  'not-eligible': makeAssessment('not-eligible', [
    ...baseCriteria(),
    criterion(
      'ci.pain-controlled',
      'absolute-contraindication',
      both('Pain controlled by medication', 'Schmerz medikamentös beherrscht'),
      'met',
      both('NRS 3 on analgesics.', 'NRS 3 unter Analgetika.'),
    ),
  ]),
};

/** A launch session around a fake fhirclient: the view reads through `services`, never the client. */
export function makeSession(overrides: Partial<LaunchSession> = {}): LaunchSession {
  return {
    client: {} as LaunchSession['client'],
    patientId: 'pvp-01',
    needPatientBanner: false,
    locale: 'en-US',
    serverUrl: 'https://ehr.example/fhir',
    permissions: { read: () => true, write: () => true, granted: 'patient/*.rs' },
    // as the demo's site.json: the payer's coverage beside the guideline
    payerRuleSets: ['lcd-pva'],
    ...overrides,
  };
}
