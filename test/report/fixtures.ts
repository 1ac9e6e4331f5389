import { asWritten, summarised } from '../../src/clinical/evidence-words';
import { localized } from '../../src/lang';
import type { Assessment, CriterionResult } from '../../src/clinical/assessment';
import type { NoteContext } from '../../src/report';

/**
 * Hand-built Assessments shaped like the engine's output for scenario patients of mocks/patients/scenarios.ts,
 * used until the engine exists and kept afterwards as fixed inputs for the note's wording.
 */
const RULESET_INFO: Assessment['rulesetInfo'] = {
  id: 'pvp-guideline',
  version: '2026.1',
  title: { en: 'PVP guideline (German consensus, CIRSE)', de: 'PVP-Leitlinie (Deutscher Konsens, CIRSE)' },
  citations: [
    { key: 'radiologe-2006', text: 'Radiologe 2006;46:495-505' },
    {
      key: 'cirse-2017',
      text: 'Tsoumakidou et al. CIRSE guidelines on percutaneous vertebral augmentation. Cardiovasc Intervent Radiol 2017;40:331-342',
      url: 'https://doi.org/10.1007/s00270-017-1574-8',
    },
  ],
};

function criterion(
  partial: Partial<CriterionResult> & Pick<CriterionResult, 'id' | 'group' | 'status'>,
): CriterionResult {
  return {
    title: { en: partial.id, de: partial.id },
    source: 'record',
    evidence: [],
    excluded: [],
    rationale: `${partial.id} is ${partial.status}`,
    rationaleText: { en: `${partial.id} is ${partial.status}`, de: `${partial.id} ist ${partial.status}` },
    citations: ['radiologe-2006'],
    ...partial,
  };
}

/** Scenario 1 after the posterior-wall answer "intact": eligible. */
export function scenario1Eligible(): Assessment {
  return {
    recommendation: 'eligible',
    computedRecommendation: 'eligible',
    ruleset: { id: 'pvp-guideline', version: '2026.1' },
    rulesetInfo: RULESET_INFO,
    assessedAt: '2026-11-25T08:00:00Z',
    levels: ['L1'],
    levelDetails: [{ level: 'L1', findings: ['osteoporotic fracture', 'oedema on MRI 2026-11-01'] }],
    criteria: [
      criterion({
        id: 'ind.painful-lesion',
        group: 'indication',
        status: 'met',
        title: { en: 'Painful vertebral fracture or lesion', de: 'Schmerzhafte Wirbelfraktur oder -läsion' },
        rationaleText: {
          en: 'Osteoporotic compression fracture of L1 is recorded.',
          de: 'Osteoporotische Kompressionsfraktur LWK 1 ist dokumentiert.',
        },
        evidence: [
          {
            reference: 'Condition/vcf-l1',
            ...summarised(
              asWritten('M80.08 Age-related osteoporosis with current pathological fracture, vertebra(e), L1'),
            ),
            date: '2026-10-21',
            code: 'http://hl7.org/fhir/sid/icd-10-cm|M80.08XA',
          },
        ],
      }),
      criterion({
        id: 'ind.pain-severe',
        group: 'indication',
        status: 'met',
        title: { en: 'Severe pain', de: 'Starke Schmerzen' },
        rationaleText: { en: 'NRS 8 on 2026-11-20 (≥ 5).', de: 'NRS 8 am 2026-11-20 (≥ 5).' },
        evidence: [
          {
            reference: 'Observation/nrs-1',
            ...summarised(asWritten('Pain severity NRS 8')),
            date: '2026-11-20T09:30:00Z',
          },
        ],
        excluded: [
          {
            reference: 'Observation/nrs-old',
            ...summarised(asWritten('Pain severity NRS 9')),
            date: '2026-10-01',
            why: 'older than 14 days',
            whyText: { en: 'older than 14 days', de: 'älter als 14 Tage' },
          },
        ],
      }),
      criterion({
        id: 'ind.conservative-failed',
        group: 'indication',
        status: 'met',
        title: { en: 'Conservative therapy failed', de: 'Konservative Therapie versagt' },
        evidence: [
          {
            reference: 'MedicationRequest/oxy',
            ...summarised(asWritten('Oxycodone 10 mg, active since 2026-10-28')),
            date: '2026-10-28',
          },
        ],
      }),
      criterion({
        id: 'ind.fracture-acute',
        group: 'indication',
        status: 'met',
        title: { en: 'Fracture acute or subacute', de: 'Frische oder subakute Fraktur' },
        evidence: [
          {
            reference: 'DiagnosticReport/mri-1',
            ...summarised(asWritten('MRI lumbar spine: bone marrow oedema L1 (STIR)')),
            date: '2026-11-01',
          },
        ],
      }),
      criterion({
        id: 'ci.cement-allergy',
        group: 'absolute-contraindication',
        status: 'not-met',
        title: { en: 'Bone cement allergy', de: 'Knochenzementallergie' },
      }),
      criterion({
        id: 'ci.infection-active',
        group: 'absolute-contraindication',
        status: 'not-met',
        title: { en: 'Active infection', de: 'Aktive Infektion' },
      }),
      criterion({
        id: 'rc.coagulation-correctable',
        group: 'relative-contraindication',
        status: 'not-met',
        title: { en: 'Anticoagulation', de: 'Antikoagulation' },
      }),
      criterion({
        id: 'req.posterior-wall-assessed',
        group: 'requirement',
        status: 'met',
        source: 'surgeon',
        answeredAt: '2026-11-25T08:05:00Z',
        title: { en: 'Posterior wall assessed', de: 'Hinterkante beurteilt' },
        evidence: [
          {
            reference: 'surgeon',
            ...summarised({ en: 'Surgeon: posterior wall assessed', de: 'Operateur: Hinterkante beurteilt' }),
            date: '2026-11-25T08:05:00Z',
          },
        ],
        question: {
          criterion: 'req.posterior-wall-assessed',
          kind: 'status',
          prompt: {
            en: 'Has the posterior wall been assessed on MRI/CT?',
            de: 'Wurde die Hinterkante im MRT/CT beurteilt?',
          },
          options: [
            { status: 'met', label: { en: 'Assessed', de: 'Beurteilt' } },
            { status: 'unknown', label: { en: 'Not yet', de: 'Noch nicht' } },
          ],
        },
      }),
      criterion({
        id: 'req.coagulation-labs',
        group: 'requirement',
        status: 'met',
        title: { en: 'INR and platelets within 30 days', de: 'INR und Thrombozyten innerhalb 30 Tagen' },
        evidence: [
          { reference: 'Observation/inr-1', ...summarised(asWritten('INR 1.0')), date: '2026-11-18' },
          { reference: 'Observation/plt-1', ...summarised(asWritten('Platelets 240 10*9/L')), date: '2026-11-18' },
        ],
      }),
    ],
    missing: [],
    decisive: ['ind.painful-lesion', 'ind.fracture-acute'],
    reads: {
      Condition: { state: 'full' },
      Observation: { state: 'full' },
      AllergyIntolerance: { state: 'full' },
    },
  };
}

/** Scenario 7: on apixaban, a caution to hold it; AllergyIntolerance not permitted. */
export function scenario7Cautions(): Assessment {
  const base = scenario1Eligible();
  return {
    ...base,
    recommendation: 'eligible-with-cautions',
    computedRecommendation: 'eligible-with-cautions',
    criteria: base.criteria.map((c) =>
      c.id === 'rc.coagulation-correctable'
        ? {
            ...c,
            status: 'met',
            rationaleText: { en: 'Apixaban is active.', de: 'Apixaban ist aktiv.' },
            evidence: [
              {
                reference: 'MedicationRequest/apixaban',
                ...summarised(asWritten('Apixaban 5 mg twice daily, active')),
                date: '2026-09-01',
              },
            ],
            caution: {
              en: 'Hold apixaban before the procedure (SIR 2019, high bleeding risk).',
              de: 'Apixaban vor dem Eingriff pausieren (SIR 2019, hohes Blutungsrisiko).',
            },
          }
        : c,
    ),
    decisive: ['rc.coagulation-correctable'],
    reads: {
      ...base.reads,
      AllergyIntolerance: { state: 'not-permitted', reason: 'The granted scope does not allow reading allergies.' },
    },
  };
}

/** Scenario 10: no MRI/CT in 12 weeks; the surgeon overrides to eligible with a reason. */
export function scenario10Overridden(): Assessment {
  const base = scenario1Eligible();
  return {
    ...base,
    recommendation: 'eligible',
    computedRecommendation: 'insufficient-data',
    override: {
      recommendation: 'eligible',
      reason: 'Outside MRI of 2026-11-10 reviewed, oedema L1.',
      at: '2026-11-25T08:10:00Z',
    },
    criteria: [
      ...base.criteria,
      criterion({
        id: 'req.imaging',
        group: 'requirement',
        status: 'unknown',
        title: { en: 'Spine MRI or CT within 12 weeks', de: 'MRT oder CT der Wirbelsäule innerhalb 12 Wochen' },
        caution: { en: 'Order a spine MRI with STIR.', de: 'MRT der Wirbelsäule mit STIR anfordern.' },
      }),
    ],
    missing: [
      {
        criterion: 'req.imaging',
        need: 'spine MRI (STIR) or CT within 12 weeks',
        needText: {
          en: 'spine MRI (STIR) or CT within 12 weeks',
          de: 'MRT (STIR) oder CT der Wirbelsäule innerhalb 12 Wochen',
        },
        supply: 'order',
      },
    ],
    decisive: ['req.imaging'],
    reads: { ...base.reads, ImagingStudy: { state: 'failed', reason: 'The server answered 500.' } },
  };
}

export const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;\u202eevil';

/** Scenario 1 with record strings an attacker controls (display texts, notes, reasons). */
export function hostileAssessment(): Assessment {
  const base = scenario1Eligible();
  return {
    ...base,
    levelDetails: [{ level: 'L1', findings: [HOSTILE] }],
    criteria: base.criteria.map((c) => ({
      ...c,
      rationaleText: { en: `${c.rationaleText.en} ${HOSTILE}`, de: `${c.rationaleText.de} ${HOSTILE}` },
      evidence: c.evidence.map((e) => ({
        ...e,
        ...summarised(localized((lang) => `${e.summaryText[lang]} ${HOSTILE}`)),
        date: HOSTILE,
      })),
    })),
    reads: { ...base.reads, Procedure: { state: 'failed', reason: `<a href="https://evil.example/x">${HOSTILE}</a>` } },
  };
}

export function noteContext(overrides: Partial<NoteContext> = {}): NoteContext {
  return {
    assessmentId: '6f1c2b9e-3d4a-4c1b-9a7e-2f0d8b5c1a23',
    patient: { reference: 'Patient/p1', display: 'Erika Mustermann' },
    author: { reference: 'Practitioner/dr-a', display: 'Dr. Anna Weber' },
    encounter: 'Encounter/e1',
    signedAt: '2026-11-25T08:15:00Z',
    app: { name: 'PVP Eligibility', version: '0.1.0' },
    answers: {
      'req.posterior-wall-assessed': {
        status: 'met',
        note: 'intact on sagittal STIR',
        answeredAt: '2026-11-25T08:05:00Z',
      },
    },
    lang: 'en',
    // the note's dates are the surgeon's local time: fixed here so the tests do not depend on the machine's zone
    timeZone: 'Europe/Berlin',
    ...overrides,
  };
}
