import { describe, expect, it } from 'vitest';
import { assess } from '../../src/clinical';
import type { SurgeonAnswers } from '../../src/clinical/answers';
import type { ClinicalType, ReadState } from '../../src/clinical/record';
import {
  allergy,
  baseClinical,
  baseResources,
  condition,
  daysAgo,
  imagingStudy,
  inr,
  medication,
  NOW,
  observation,
  OSTEOPOROSIS_CM,
  pain,
  PATIENT,
  platelets,
  record,
  report,
  SYS,
  WALL_ASSESSED,
  INPATIENT,
  OUTPATIENT,
  withSetting,
  type Setting,
} from './fixtures';

type R = Record<string, unknown>;

interface Case {
  name: string;
  resources: () => R[];
  reads?: Partial<Record<ClinicalType, ReadState>>;
  answers?: SurgeonAnswers;
  patient?: unknown;
  setting?: Setting;
}

function statusOf(id: string, c: Case) {
  // the posterior wall is answered except where it is under test; for rc.posterior-wall itself
  // only "assessed" is answered, so the record decides intact or disrupted
  const wall =
    { 'req.posterior-wall-assessed': WALL_ASSESSED, 'rc.posterior-wall': ASSESSED_ONLY }[id] ?? WALL_ASSESSED;
  const answers = id === 'req.posterior-wall-assessed' ? c.answers : { ...wall, ...c.answers };
  const a = assess(withSetting(record(c.resources(), c.reads, c.patient ?? PATIENT), c.setting), { now: NOW, answers });
  const result = a.criteria.find((x) => x.id === id);
  if (!result) throw new Error(`no criterion ${id}`);
  return { result, assessment: a };
}

const ASSESSED_ONLY: SurgeonAnswers = { 'req.posterior-wall-assessed': { status: 'met' } };
const base = (): R[] => baseResources();
const without =
  (type: string, pred: (r: R) => boolean = () => true) =>
  (): R[] =>
    base().filter((r) => !(r.resourceType === type && pred(r)));
const plus =
  (...extra: (() => R)[]) =>
  (): R[] => [...base(), ...extra.map((f) => f())];
const noFracture = (): R[] => [OSTEOPOROSIS_CM(), ...baseClinical()];
const painsOnly =
  (...p: R[]) =>
  (): R[] => [
    ...base().filter(
      (r) =>
        !(r.resourceType === 'Observation' && (r.code as { coding: { code: string }[] }).coding[0]?.code === '72514-3'),
    ),
    ...p,
  ];
const reportSaying = (text: string) => (): R[] => [
  ...base().filter((r) => r.resourceType !== 'DiagnosticReport'),
  report(text, 21),
];
const noMeds = (): R[] => base().filter((r) => r.resourceType !== 'MedicationRequest');
const tenDays = (): R[] => [...noMeds(), medication(SYS.rxnorm, '1049221', 'oxycodone/APAP', 10)];
const HAEMANGIOMA = () =>
  condition(SYS.cm, 'D18.09', 'Hemangioma of other sites', {
    bodySite: [{ coding: [{ system: SYS.sct, code: '66794005', display: 'L1' }] }],
  });
/** an osteoporotic vertebral fracture whose level is given by its body site */
const FRACTURE_AT = (level: string) =>
  condition(SYS.cm, 'M80.08XA', 'Age-related osteoporosis with current pathological fracture, vertebra(e)', {
    bodySite: [{ text: level }],
  });
const FAILED = (t: ClinicalType): Partial<Record<ClinicalType, ReadState>> => ({ [t]: 'failed' });

const CASES: Record<string, { met: Case[]; notMet: Case[]; unknown: Case[] }> = {
  'ind.painful-lesion': {
    met: [
      { name: 'coded fracture with a level', resources: base },
      {
        name: 'earlier vertebroplasty recorded (asks to confirm)',
        resources: plus(() => ({
          resourceType: 'Procedure',
          id: 'proc-1',
          status: 'completed',
          code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '22511' }], text: 'Vertebroplasty' },
          performedDateTime: daysAgo(400),
        })),
      },
    ],
    notMet: [
      {
        name: 'the surgeon answers "no fracture"',
        resources: base,
        answers: { 'ind.painful-lesion': { status: 'not-met' } },
      },
    ],
    unknown: [
      { name: 'no fracture coded', resources: noFracture },
      {
        name: 'GM M80.08 without a site',
        resources: () => [
          ...noFracture().filter((r) => r.resourceType !== 'DiagnosticReport' && r.resourceType !== 'ImagingStudy'),
          condition(SYS.gm, 'M80.08', 'Osteoporose mit pathologischer Fraktur'),
        ],
      },
      {
        name: 'a fracture named in text only',
        resources: () => [...noFracture(), { ...condition('urn:local', 'x1', 'Wirbelkörperfraktur LWK 1') }],
      },
      // C2-L5 is the guideline's range: a lesion only outside it asks for a level within it
      { name: 'a C1 fracture only, outside C2-L5', resources: () => [...noFracture(), FRACTURE_AT('C1')] },
    ],
  },
  'ind.pain-severe': {
    met: [{ name: 'NRS 8 two days ago', resources: base }],
    notMet: [{ name: 'latest NRS 3', resources: painsOnly(pain(3, 1), pain(8, 9)) }],
    unknown: [{ name: 'no pain score within 14 days', resources: painsOnly(pain(8, 20)) }],
  },
  'ind.conservative-failed': {
    met: [
      { name: 'analgesic for 30 days and NRS 8', resources: base },
      {
        name: 'no encounter, NRS 8, analgesic for 10 days, the surgeon: an inpatient',
        resources: tenDays,
        answers: INPATIENT,
      },
      { name: 'hospitalised with NRS 8 and no analgesic', resources: noMeds, setting: 'IMP' },
      {
        name: 'myeloma: no 3-week rule',
        resources: () => [
          condition(SYS.cm, 'C90.00', 'Multiple myeloma', { bodySite: [{ text: 'T10' }] }),
          ...baseClinical().filter((r) => r.resourceType !== 'MedicationRequest'),
        ],
      },
    ],
    notMet: [
      { name: 'an outpatient with an analgesic for 10 days only', resources: tenDays, setting: 'AMB' },
      { name: 'an outpatient with no analgesic in a fully read medication list', resources: noMeds, setting: 'AMB' },
      {
        name: 'no encounter, analgesic for 10 days, the surgeon: not an inpatient',
        resources: tenDays,
        answers: OUTPATIENT,
      },
      {
        name: 'no encounter, NRS 6 and analgesic for 10 days: not an inpatient exemption either way',
        resources: () => [
          ...painsOnly(pain(6, 1))().filter((r) => r.resourceType !== 'MedicationRequest'),
          medication(SYS.rxnorm, '1049221', 'oxycodone/APAP', 10),
        ],
      },
      {
        name: 'haemangioma with no analgesic: the 3-week rule applies',
        resources: () => [
          HAEMANGIOMA(),
          OSTEOPOROSIS_CM(),
          ...baseClinical().filter((r) => r.resourceType !== 'MedicationRequest'),
        ],
        setting: 'AMB',
      },
    ],
    unknown: [
      {
        name: 'medication lists not readable',
        resources: noMeds,
        reads: { MedicationRequest: 'failed', MedicationStatement: 'not-permitted' },
      },
      // an inpatient with NRS 8 needs no 3 weeks, an outpatient does: asked, never read as outpatient
      { name: 'no encounter, NRS 8, analgesic for 10 days', resources: tenDays },
      { name: 'no encounter, NRS 8, no analgesic', resources: noMeds },
    ],
  },
  'ind.fracture-acute': {
    met: [{ name: 'oedema on STIR', resources: base }],
    notMet: [
      {
        name: 'MRI without oedema',
        resources: reportSaying('Old L1 fracture. No bone marrow oedema. Posterior wall intact.'),
      },
      {
        name: 'onset 2 years ago, no oedema documented',
        resources: () => [
          condition(SYS.cm, 'M80.08XA', 'fracture', { onsetDateTime: daysAgo(730), bodySite: [{ text: 'L1' }] }),
          OSTEOPOROSIS_CM(),
          ...baseClinical().filter((r) => r.resourceType !== 'DiagnosticReport'),
        ],
      },
    ],
    unknown: [
      {
        name: 'no finding on oedema, recent onset',
        resources: reportSaying('L1 compression fracture. Posterior wall intact.'),
      },
    ],
  },
  'ci.asymptomatic': {
    met: [
      {
        name: 'NRS 0 and no analgesic',
        resources: () => painsOnly(pain(0, 1))().filter((r) => r.resourceType !== 'MedicationRequest'),
      },
    ],
    notMet: [{ name: 'NRS 8', resources: base }],
    unknown: [{ name: 'no recent score', resources: painsOnly() }],
  },
  'ci.pain-controlled': {
    met: [
      { name: 'NRS 3 on analgesics', resources: painsOnly(pain(3, 1)) },
      {
        name: 'falling from 7 to 4 within 2 weeks, no analgesic',
        resources: () => painsOnly(pain(4, 1), pain(7, 10))().filter((r) => r.resourceType !== 'MedicationRequest'),
      },
    ],
    notMet: [{ name: 'NRS 8', resources: base }],
    unknown: [{ name: 'no recent score', resources: painsOnly() }],
  },
  'ci.infection-active': {
    met: [
      {
        name: 'active spondylodiscitis',
        resources: plus(() => condition(SYS.cm, 'M46.46', 'Discitis, unspecified, lumbar region')),
      },
      { name: 'sepsis (SNOMED)', resources: plus(() => condition(SYS.sct, '91302008', 'Sepsis')) },
    ],
    notMet: [{ name: 'none recorded', resources: base }],
    unknown: [
      { name: 'CRP 80 mg/L without a diagnosis', resources: plus(() => observation('1988-5', 80, 'mg/L', 2)) },
      { name: 'diagnosis list not read', resources: base, reads: FAILED('Condition') },
    ],
  },
  'ci.coagulopathy-uncorrectable': {
    met: [
      {
        name: 'haemophilia A, answered not correctable',
        resources: plus(() => condition(SYS.cm, 'D66', 'Hereditary factor VIII deficiency')),
        answers: { 'ci.coagulopathy-uncorrectable': { status: 'met' } },
      },
    ],
    notMet: [
      { name: 'none recorded', resources: base },
      {
        name: 'thrombophilia D68.51 is not a bleeding disorder',
        resources: plus(() => condition(SYS.cm, 'D68.51', 'Activated protein C resistance')),
      },
    ],
    unknown: [
      {
        name: 'haemophilia A without an answer',
        resources: plus(() => condition(SYS.cm, 'D66', 'Hereditary factor VIII deficiency')),
      },
    ],
  },
  'ci.cement-allergy': {
    met: [
      { name: 'PMMA (SNOMED)', resources: plus(() => allergy(SYS.sct, '427811002', 'Polymethyl methacrylate')) },
      {
        name: 'MMA via reaction.substance (UNII)',
        resources: plus(() => ({
          ...allergy('urn:x', 'y', 'Bone cement'),
          reaction: [{ substance: { coding: [{ system: 'http://fdasis.nlm.nih.gov', code: '196OC77688' }] } }],
        })),
      },
    ],
    notMet: [{ name: 'allergy list read, none', resources: base }],
    unknown: [
      {
        name: '"Knochenzement" in text only',
        resources: plus(() => ({
          ...allergy('urn:x', 'y', 'Knochenzement'),
          code: { text: 'Allergie gegen Knochenzement' },
        })),
      },
      { name: 'allergy list not permitted', resources: base, reads: { AllergyIntolerance: 'not-permitted' } },
    ],
  },
  'ci.cord-compression': {
    met: [{ name: 'G95.20', resources: plus(() => condition(SYS.cm, 'G95.20', 'Cord compression, unspecified')) }],
    notMet: [{ name: 'none recorded', resources: base }],
    unknown: [{ name: 'diagnosis list partly read', resources: base, reads: { Condition: 'partial' } }],
  },
  'ci.pregnancy': {
    met: [
      { name: 'Z33.1', resources: plus(() => condition(SYS.cm, 'Z33.1', 'Pregnant state, incidental')) },
      {
        name: 'positive urine hCG',
        resources: plus(() =>
          observation('2106-3', undefined, undefined, 3, {
            valueCodeableConcept: { coding: [{ system: SYS.sct, code: '10828004' }] },
          }),
        ),
      },
    ],
    notMet: [{ name: 'none recorded', resources: base }],
    unknown: [{ name: 'conditions not read', resources: base, reads: FAILED('Condition') }],
  },
  'rc.posterior-wall': {
    met: [
      {
        name: 'retropulsion in the report',
        resources: reportSaying('L1 fracture with bone marrow oedema and retropulsion of a fragment.'),
      },
      {
        name: 'ICD-10-CM burst fracture S32.011A',
        resources: plus(() => condition(SYS.cm, 'S32.011A', 'Stable burst fracture of first lumbar vertebra')),
      },
    ],
    notMet: [{ name: '"posterior wall intact"', resources: base }],
    unknown: [{ name: 'not described', resources: reportSaying('L1 fracture with bone marrow oedema.') }],
  },
  'rc.vertebra-plana': {
    met: [
      {
        name: 'height loss 80 %',
        resources: reportSaying('L1 fracture, bone marrow oedema, height loss 80 %. Posterior wall intact.'),
      },
    ],
    notMet: [{ name: 'none reported', resources: base }],
    unknown: [{ name: 'reports partly read', resources: base, reads: { DiagnosticReport: 'partial' } }],
  },
  'rc.levels-over-3': {
    met: [
      {
        name: 'four levels',
        resources: () => [
          ...['1', '2', '3', '4'].map((n) => condition(SYS.gm, `S32.0${n}`, `L${n}`)),
          OSTEOPOROSIS_CM(),
          ...baseClinical(),
        ],
      },
    ],
    notMet: [{ name: 'one level', resources: base }],
    unknown: [{ name: 'no level known', resources: noFracture }],
  },
  'rc.radicular-pain': {
    met: [{ name: 'M54.16', resources: plus(() => condition(SYS.cm, 'M54.16', 'Radiculopathy, lumbar region')) }],
    notMet: [{ name: 'none', resources: base }],
    unknown: [{ name: 'conditions not read', resources: base, reads: FAILED('Condition') }],
  },
  'rc.coagulation-correctable': {
    met: [
      { name: 'apixaban', resources: plus(() => medication(SYS.rxnorm, '1364430', 'apixaban', 100)) },
      {
        name: 'ATC B01AF (factor Xa inhibitor)',
        resources: plus(() => medication('http://www.whocc.no/atc', 'B01AF02', 'Apixaban', 100)),
      },
      {
        name: 'INR 2.0',
        resources: () => [
          ...base().filter((r) => (r.code as { coding?: { code: string }[] })?.coding?.[0]?.code !== '6301-6'),
          inr(2.0, 3),
        ],
      },
      {
        name: 'platelets 40',
        resources: () => [
          ...base().filter((r) => (r.code as { coding?: { code: string }[] })?.coding?.[0]?.code !== '777-3'),
          platelets(40, 3),
        ],
      },
    ],
    notMet: [{ name: 'none', resources: base }],
    unknown: [
      {
        name: 'medication lists not read',
        resources: base,
        reads: { MedicationRequest: 'failed', MedicationStatement: 'failed' },
      },
    ],
  },
  'rc.cement-additive-allergy': {
    met: [{ name: 'gentamicin (SNOMED)', resources: plus(() => allergy(SYS.sct, '387321007', 'Gentamicin')) }],
    notMet: [{ name: 'none', resources: base }],
    unknown: [
      { name: '"gentamicin" in text only', resources: plus(() => allergy('urn:local', 'g1', 'Gentamicin allergy')) },
    ],
  },
  'rc.contrast-allergy': {
    met: [
      {
        name: 'iodinated contrast (SNOMED)',
        resources: plus(() => allergy(SYS.sct, '426722004', 'Iodinated contrast media')),
      },
    ],
    notMet: [{ name: 'none', resources: base }],
    unknown: [{ name: 'allergy list failed', resources: base, reads: FAILED('AllergyIntolerance') }],
  },
  'rc.age-under-60': {
    met: [{ name: 'born 1980', resources: base, patient: { ...PATIENT, birthDate: '1980-01-01' } }],
    notMet: [{ name: 'born 1948', resources: base }],
    unknown: [
      { name: 'no birth date', resources: base, patient: { resourceType: 'Patient', id: 'p1', gender: 'female' } },
    ],
  },
  'rc.traumatic-non-osteoporotic': {
    met: [
      {
        name: 'traumatic L1 fracture, no osteoporosis',
        resources: () => [condition(SYS.gm, 'S32.01', 'Fraktur LWK 1'), ...baseClinical()],
      },
    ],
    notMet: [
      {
        name: 'osteoporosis known',
        resources: () => [condition(SYS.gm, 'S32.01', 'Fraktur LWK 1'), OSTEOPOROSIS_CM(), ...baseClinical()],
      },
      {
        // C2-L5 is the guideline's range: a lesion outside it is not the one to treat
        name: 'a traumatic fracture only at C1, outside C2-L5',
        resources: () => [condition(SYS.cm, 'S12.000A', 'Fracture of first cervical vertebra'), ...baseClinical()],
      },
      {
        name: 'T-score -3.0',
        resources: () => [
          condition(SYS.gm, 'S32.01', 'Fraktur LWK 1'),
          observation('38267-1', -3.0, '{T-score}', 200),
          ...baseClinical(),
        ],
      },
    ],
    unknown: [
      {
        name: 'traumatic, conditions partly read',
        resources: () => [condition(SYS.gm, 'S32.01', 'Fraktur LWK 1'), ...baseClinical()],
        reads: { Condition: 'partial' },
      },
    ],
  },
  'req.imaging': {
    met: [
      { name: 'spine MR 3 weeks ago', resources: base },
      {
        name: 'spine CT (other DICOM URI)',
        resources: () =>
          [
            ...without('ImagingStudy')(),
            imagingStudy('CT', 10, '421060004', {
              modality: [
                {
                  system: 'http://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_29.html',
                  code: 'CT',
                },
              ],
            }),
          ].filter((r) => r.resourceType !== 'DiagnosticReport'),
      },
    ],
    notMet: [],
    unknown: [
      {
        name: 'no imaging',
        resources: () =>
          base().filter((r) => r.resourceType !== 'ImagingStudy' && r.resourceType !== 'DiagnosticReport'),
      },
      {
        name: 'radiograph (DX) only',
        resources: () => [
          ...base().filter((r) => r.resourceType !== 'ImagingStudy' && r.resourceType !== 'DiagnosticReport'),
          imagingStudy('DX', 5),
        ],
      },
    ],
  },
  'req.posterior-wall-assessed': {
    met: [
      {
        name: 'coded burst fracture',
        resources: plus(() => condition(SYS.cm, 'S32.011A', 'Stable burst fracture of first lumbar vertebra')),
      },
      {
        name: 'the surgeon answers the posterior wall',
        resources: reportSaying('L1 fracture, bone marrow oedema.'),
        answers: { 'rc.posterior-wall': { status: 'not-met' } },
      },
      {
        name: 'the surgeon answers it directly',
        resources: base,
        answers: { 'req.posterior-wall-assessed': { status: 'met' } },
      },
    ],
    notMet: [],
    unknown: [
      { name: 'report text only ("posterior wall intact"): the surgeon confirms', resources: base },
      { name: 'not described', resources: reportSaying('L1 fracture, bone marrow oedema.') },
    ],
  },
  'req.coagulation-labs': {
    met: [{ name: 'INR and platelets 5 days ago', resources: base }],
    notMet: [
      {
        name: 'labs 40 days old',
        resources: () => [
          ...base().filter(
            (r) =>
              r.resourceType !== 'Observation' ||
              (r.code as { coding: { code: string }[] }).coding[0]?.code === '72514-3',
          ),
          inr(1, 40),
          platelets(250, 40),
        ],
      },
    ],
    unknown: [
      {
        name: 'observations partly read, no labs',
        resources: () =>
          base().filter(
            (r) =>
              r.resourceType !== 'Observation' ||
              (r.code as { coding: { code: string }[] }).coding[0]?.code === '72514-3',
          ),
        reads: { Observation: 'partial' },
      },
    ],
  },
};

describe('every criterion of pvp-guideline, each way', () => {
  it('the base patient is eligible once the posterior wall is answered as assessed', () => {
    expect(assess(record(baseResources()), { now: NOW }).recommendation).toBe('insufficient-data');
    expect(assess(record(baseResources()), { now: NOW, answers: WALL_ASSESSED }).recommendation).toBe('eligible');
  });
  it('covers every criterion of the rule set', () => {
    const ids = assess(record(baseResources()), { now: NOW }).criteria.map((c) => c.id);
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
  });
  for (const [id, cases] of Object.entries(CASES)) {
    describe(id, () => {
      for (const [expected, list] of [
        ['met', cases.met],
        ['not-met', cases.notMet],
        ['unknown', cases.unknown],
      ] as const) {
        for (const c of list) {
          it(`${expected}: ${c.name}`, () => {
            const { result } = statusOf(id, c);
            expect(result.status, result.rationale).toBe(expected);
            expect(result.rationale.length).toBeGreaterThan(10);
            expect(result.rationaleText.de.length).toBeGreaterThan(10);
            if (expected === 'met' && result.source === 'record') expect(result.evidence.length).toBeGreaterThan(0);
          });
        }
      }
    });
  }
});
