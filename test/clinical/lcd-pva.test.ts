import { describe, expect, it } from 'vitest';
import { assess, listRuleSets, searchNeeds } from '../../src/clinical';
import type { SurgeonAnswers } from '../../src/clinical/answers';
import type { CriterionStatus } from '../../src/clinical/assessment';
import { EVALUATORS } from '../../src/clinical/criteria';
import { documentationChecklist } from '../../src/clinical/documentation';
import { buildFacts } from '../../src/clinical/facts';
import type { ClinicalType, ReadState } from '../../src/clinical/record';
import { ruleSet, type Threshold } from '../../src/clinical/rulesets';
import { LCD_PVA } from '../../src/clinical/rulesets/lcd-pva';
import {
  allergy,
  baseClinical,
  baseClinicalUnplaced,
  baseResources,
  condition,
  daysAgo,
  medication,
  NOW,
  observation,
  OSTEOPOROSIS_CM,
  pain,
  PATIENT,
  record,
  report,
  SYS,
  INPATIENT,
  OUTPATIENT,
  withSetting,
  type Setting,
} from './fixtures';

type R = Record<string, unknown>;

/** what only the surgeon can say under the LCD, answered so that each case varies one thing */
const JUDGED: SurgeonAnswers = {
  'ci.pain-not-from-fracture': { status: 'not-met' },
  'rc.spinal-instability': { status: 'not-met' },
  'req.functional-score': { status: 'met', value: 19 },
  'req.bone-health': { status: 'met' },
};

interface Case {
  name: string;
  resources: () => R[];
  reads?: Partial<Record<ClinicalType, ReadState>>;
  answers?: SurgeonAnswers;
  /** answers of JUDGED left out, so the record alone decides */
  unanswered?: string[];
  setting?: Setting;
}

function answersOf(c: Case): SurgeonAnswers {
  const judged = Object.fromEntries(Object.entries(JUDGED).filter(([id]) => !c.unanswered?.includes(id)));
  return { ...judged, ...c.answers };
}

function lcd(c: Case) {
  return assess(withSetting(record(c.resources(), c.reads, PATIENT), c.setting), {
    now: NOW,
    ruleSetId: 'lcd-pva',
    answers: answersOf(c),
  });
}

const isPain = (r: R) =>
  r.resourceType === 'Observation' && (r.code as { coding: { code: string }[] }).coding[0]?.code === '72514-3';
/** the guideline's base patient, with pain worsening by 2 points within 14 days (6 → 8), as the LCD asks */
const base = (): R[] => [...baseResources().filter((r) => !isPain(r)), pain(8, 2), pain(6, 9)];
const plus =
  (...extra: (() => R)[]) =>
  (): R[] => [...base(), ...extra.map((f) => f())];
const withoutType = (type: string) => (): R[] => base().filter((r) => r.resourceType !== type);
const painsOnly =
  (...p: R[]) =>
  (): R[] => [...base().filter((r) => !isPain(r)), ...p];
const reportSaying =
  (text: string, rest: () => R[] = base) =>
  (): R[] => [...rest().filter((r) => r.resourceType !== 'DiagnosticReport'), report(text, 21)];
const MYELOMA = () => condition(SYS.cm, 'C90.00', 'Multiple myeloma', { bodySite: [{ text: 'T10' }] });
/** a myeloma at T10 with the base patient's pain, imaging and labs, and only these medications */
const myelomaWith =
  (...medications: R[]) =>
  (): R[] => [MYELOMA(), ...baseClinical().filter((r) => r.resourceType !== 'MedicationRequest'), ...medications];
/** the base patient with an analgesic for 10 days only */
const tenDays = (): R[] => [
  ...withoutType('MedicationRequest')(),
  medication(SYS.rxnorm, '1049221', 'oxycodone/APAP', 10),
];
const tScore = (value: number) => () => observation('38267-1', value, '{T-score}', 400);

const CASES: Record<string, Partial<Record<CriterionStatus, Case[]>>> = {
  'ind.painful-lesion': {
    met: [{ name: 'osteoporotic L1 fracture', resources: base }],
    'not-met': [
      {
        name: 'the surgeon answers "no fracture"',
        resources: base,
        answers: { 'ind.painful-lesion': { status: 'not-met' } },
      },
    ],
    // the guideline treats C2-L5: a C5 fracture is met there, outside the LCD's T1-L5 here
    unknown: [
      {
        name: 'C5 fracture, outside T1-L5',
        resources: () => [
          condition(SYS.cm, 'S12.400A', 'Unspecified displaced fracture of fifth cervical vertebra'),
          OSTEOPOROSIS_CM(),
          ...baseClinical(),
        ],
      },
    ],
  },
  'ind.fracture-acute': {
    met: [{ name: 'oedema on STIR', resources: base }],
    'not-met': [
      {
        name: 'MRI without oedema',
        resources: reportSaying('Old L1 fracture. No bone marrow oedema. Posterior wall intact.'),
      },
    ],
    unknown: [
      { name: 'no finding on oedema', resources: reportSaying('L1 compression fracture. Posterior wall intact.') },
    ],
  },
  'ind.pain-severe': {
    met: [{ name: 'NRS 8', resources: base }],
    'not-met': [{ name: 'NRS 3', resources: painsOnly(pain(3, 1)) }],
    unknown: [{ name: 'no score in 14 days', resources: painsOnly(pain(8, 20)) }],
  },
  'ind.pain-setting': {
    met: [
      { name: 'outpatient with NRS 6', resources: painsOnly(pain(6, 1)), setting: 'AMB' },
      { name: 'hospitalised with NRS 8', resources: base, setting: 'IMP' },
      { name: 'no encounter, NRS 8 meets either threshold', resources: base },
      {
        name: 'no encounter, NRS 6, the surgeon: not an inpatient',
        resources: painsOnly(pain(6, 1)),
        answers: OUTPATIENT,
      },
      {
        name: 'the surgeon’s "pain today" NRS 9, no score in the record',
        resources: painsOnly(),
        answers: { 'ind.pain-severe': { status: 'met', value: 9 } },
      },
    ],
    // the guideline's single threshold (≥ 5) is met by NRS 7; the LCD asks ≥ 8 in hospital
    'not-met': [
      { name: 'hospitalised with NRS 7', resources: painsOnly(pain(7, 1)), setting: 'IMP' },
      { name: 'no encounter, NRS 6, the surgeon: an inpatient', resources: painsOnly(pain(6, 1)), answers: INPATIENT },
      { name: 'no encounter, NRS 3: below either threshold', resources: painsOnly(pain(3, 1)) },
    ],
    // the two readings differ: asked, never read as outpatient
    unknown: [{ name: 'no encounter, NRS 6', resources: painsOnly(pain(6, 1)) }],
  },
  'ind.conservative-failed': {
    met: [
      { name: 'analgesic for 30 days and NRS 8', resources: base },
      {
        name: 'hospitalised with NRS 8: no prior non-surgical management needed',
        resources: () => withoutType('MedicationRequest')(),
        setting: 'IMP',
      },
      {
        name: 'no encounter, NRS 8, analgesic for 10 days, the surgeon: an inpatient',
        resources: tenDays,
        answers: INPATIENT,
      },
      {
        name: 'myeloma with an analgesic recorded, of any duration',
        resources: myelomaWith(medication(SYS.rxnorm, '1049221', 'oxycodone/APAP', 3)),
      },
    ],
    'not-met': [
      { name: 'an outpatient with an analgesic for 10 days only', resources: tenDays, setting: 'AMB' },
      {
        name: 'no encounter, analgesic for 10 days, the surgeon: not an inpatient',
        resources: tenDays,
        answers: OUTPATIENT,
      },
      {
        name: 'myeloma with NRS 8 and no analgesic in a fully read list',
        resources: myelomaWith(),
      },
    ],
    unknown: [
      {
        name: 'medication lists not readable',
        resources: withoutType('MedicationRequest'),
        reads: { MedicationRequest: 'failed', MedicationStatement: 'not-permitted' },
        setting: 'AMB',
      },
      // an inpatient with NRS 8 needs no 3 weeks, an outpatient does: asked, never read as outpatient
      { name: 'no encounter, NRS 8, analgesic for 10 days', resources: tenDays },
      {
        name: 'myeloma, medication lists not readable',
        resources: myelomaWith(),
        reads: { MedicationRequest: 'failed', MedicationStatement: 'failed' },
      },
    ],
  },
  'ind.pain-course': {
    met: [
      { name: 'worsening pain: a rise of 2 points within 14 days (6 → 8)', resources: base },
      {
        name: 'stable NRS 8, height loss 30 % and Roland-Morris 19',
        resources: () =>
          reportSaying(
            'L1 fracture, bone marrow oedema, height loss 30 %. Posterior wall intact.',
            painsOnly(pain(8, 1), pain(8, 8)),
          )(),
      },
      {
        name: 'stable NRS 8, vertebra plana and Roland-Morris 19',
        resources: () =>
          reportSaying('L1 vertebra plana with bone marrow oedema.', painsOnly(pain(8, 1), pain(8, 8)))(),
      },
      { name: 'myeloma: its own path', resources: () => [MYELOMA(), ...baseClinical()] },
    ],
    'not-met': [
      {
        name: 'stable NRS 8, height loss 10 %, Roland-Morris 12',
        resources: () =>
          reportSaying('L1 fracture, bone marrow oedema, height loss 10 %.', painsOnly(pain(8, 1), pain(8, 8)))(),
        answers: { 'req.functional-score': { status: 'met', value: 12 } },
      },
      { name: 'falling to NRS 4', resources: painsOnly(pain(4, 1), pain(6, 8)) },
    ],
    unknown: [
      { name: 'stable NRS 8, height loss and kyphosis unknown', resources: painsOnly(pain(8, 1), pain(8, 8)) },
      // below the minimal clinically important difference: not worsening, so the findings decide
      { name: 'a rise of 1 point (7 → 8) is not worsening', resources: painsOnly(pain(8, 2), pain(7, 9)) },
    ],
  },
  'ci.pain-not-from-fracture': {
    met: [
      {
        name: 'the surgeon: another cause',
        resources: base,
        answers: { 'ci.pain-not-from-fracture': { status: 'met' } },
      },
    ],
    'not-met': [{ name: 'the surgeon: matches the fracture', resources: base }],
    unknown: [{ name: 'not answered', resources: base, unanswered: ['ci.pain-not-from-fracture'] }],
  },
  'ci.infection-active': {
    met: [
      {
        name: 'lumbar discitis',
        resources: plus(() => condition(SYS.cm, 'M46.46', 'Discitis, unspecified, lumbar region')),
      },
    ],
    'not-met': [{ name: 'none in a fully read list', resources: base }],
    unknown: [{ name: 'CRP 80 without a diagnosis', resources: plus(() => observation('1988-5', 80, 'mg/L', 2)) }],
  },
  'ci.pregnancy': {
    met: [
      { name: 'pregnant state coded', resources: plus(() => condition(SYS.cm, 'Z33.1', 'Pregnant state, incidental')) },
    ],
    'not-met': [{ name: 'none in fully read lists', resources: base }],
    unknown: [{ name: 'observations not readable', resources: base, reads: { Observation: 'failed' } }],
  },
  'ci.cement-allergy': {
    met: [{ name: 'PMMA allergy', resources: plus(() => allergy(SYS.sct, '427811002', 'Polymethyl methacrylate')) }],
    'not-met': [{ name: 'none in a fully read list', resources: base }],
    unknown: [{ name: 'allergy list not readable', resources: base, reads: { AllergyIntolerance: 'not-permitted' } }],
  },
  'ci.coagulopathy-uncorrectable': {
    met: [
      {
        name: 'haemophilia A, not correctable',
        resources: plus(() => condition(SYS.cm, 'D66', 'Hereditary factor VIII deficiency')),
        answers: { 'ci.coagulopathy-uncorrectable': { status: 'met' } },
      },
    ],
    'not-met': [{ name: 'none in a fully read list', resources: base }],
    unknown: [
      {
        name: 'haemophilia A, not answered',
        resources: plus(() => condition(SYS.cm, 'D66', 'Hereditary factor VIII deficiency')),
      },
    ],
  },
  'rc.coagulation-correctable': {
    met: [{ name: 'apixaban', resources: plus(() => medication(SYS.rxnorm, '1364430', 'apixaban', 90)) }],
    'not-met': [{ name: 'no anticoagulant, normal labs', resources: base }],
    unknown: [
      {
        name: 'medication lists not readable',
        resources: base,
        reads: { MedicationRequest: 'failed', MedicationStatement: 'failed' },
      },
    ],
  },
  'rc.spinal-instability': {
    met: [{ name: 'the surgeon: unstable', resources: base, answers: { 'rc.spinal-instability': { status: 'met' } } }],
    'not-met': [{ name: 'the surgeon: stable', resources: base }],
    unknown: [{ name: 'not answered', resources: base, unanswered: ['rc.spinal-instability'] }],
  },
  'ci.cord-compression': {
    met: [
      {
        name: 'cord compression coded',
        resources: plus(() => condition(SYS.cm, 'G95.20', 'Unspecified cord compression')),
      },
    ],
    'not-met': [{ name: 'none in a fully read list', resources: base }],
    unknown: [{ name: 'diagnosis list not readable', resources: base, reads: { Condition: 'failed' } }],
  },
  'rc.posterior-wall': {
    met: [
      {
        name: 'retropulsion reported',
        resources: reportSaying('L1 fracture with bone marrow oedema and retropulsion of a fragment.'),
      },
    ],
    'not-met': [{ name: 'posterior wall intact', resources: base }],
    unknown: [{ name: 'not described', resources: reportSaying('L1 fracture with bone marrow oedema.') }],
  },
  'rc.levels-over-3': {
    met: [
      {
        name: 'four levels answered',
        resources: base,
        answers: { 'ind.painful-lesion': { status: 'met', levels: ['T12', 'L1', 'L2', 'L3'] } },
      },
    ],
    'not-met': [{ name: 'one level', resources: base }],
    unknown: [
      {
        name: 'no level known',
        resources: () => [
          condition(SYS.cm, 'M80.08XA', 'Age-related osteoporosis with current pathological fracture, vertebra(e)'),
          OSTEOPOROSIS_CM(),
          ...baseClinicalUnplaced(),
        ],
      },
    ],
  },
  // the imaging evaluator never says not-met: absence of imaging is "order it", never proven
  'req.imaging': {
    met: [{ name: 'spine MRI 3 weeks ago', resources: base }],
    unknown: [
      {
        name: 'no MRI/CT',
        resources: () =>
          base().filter((r) => r.resourceType !== 'ImagingStudy' && r.resourceType !== 'DiagnosticReport'),
      },
    ],
  },
  // a score is a number the surgeon enters; its absence is never proven
  'req.functional-score': {
    met: [{ name: 'Roland-Morris 19', resources: base }],
    unknown: [
      { name: 'no score', resources: base, unanswered: ['req.functional-score'] },
      {
        name: 'a score outside 0-24',
        resources: base,
        answers: { 'req.functional-score': { status: 'met', value: 30 } },
      },
    ],
  },
  'req.bone-health': {
    met: [
      { name: 'DXA T-score in the record', resources: plus(tScore(-2.8)), unanswered: ['req.bone-health'] },
      { name: 'the surgeon: referred', resources: base },
    ],
    'not-met': [
      { name: 'the surgeon: not referred', resources: base, answers: { 'req.bone-health': { status: 'not-met' } } },
    ],
    unknown: [{ name: 'no DXA, not answered', resources: base, unanswered: ['req.bone-health'] }],
  },
};

describe('rule set lcd-pva as data', () => {
  const rs = ruleSet('lcd-pva');

  it('is listed with its LCD revision and open points', () => {
    const info = listRuleSets().find((r) => r.id === 'lcd-pva');
    expect(info?.version).toBe('L38737 (effective 2022-08-21)');
    expect(info?.openPoints?.length).toBeGreaterThan(3);
    expect(
      info?.openPoints?.some(
        (p) => p.criterion === 'req.functional-score' && /LOINC/.test(p.text.en) && /LOINC/.test(p.text.de),
      ),
    ).toBe(true);
  });

  it('cites only its own sources, every threshold has a source and every kind an evaluator', () => {
    const keys = new Set(LCD_PVA.info.citations.map((c) => c.key));
    for (const def of rs?.criteria ?? []) {
      expect(
        def.citations.filter((k) => !keys.has(k)),
        def.id,
      ).toEqual([]);
      expect(EVALUATORS[def.kind], def.kind).toBeTypeOf('function');
      for (const [name, t] of Object.entries(def.thresholds)) expect(t.source, `${def.id}.${name}`).not.toBe('');
    }
    for (const p of LCD_PVA.info.openPoints ?? [])
      if (p.criterion)
        expect(
          rs?.criteria.some((c) => c.id === p.criterion),
          p.criterion,
        ).toBe(true);
  });

  it('needs no Observation codes beyond the guideline’s, so one fetch serves both rule sets', () => {
    expect(searchNeeds(['pvp-guideline', 'lcd-pva'])).toEqual(searchNeeds(['pvp-guideline']));
    expect(searchNeeds(['lcd-pva']).Observation).toEqual(
      expect.arrayContaining(['http://loinc.org|72514-3', 'http://loinc.org|38267-1']),
    );
  });

  it('holds the LCD thresholds as data', () => {
    const def = (id: string) => rs?.criteria.find((c) => c.id === id);
    const t = (id: string, name: string, of = rs) =>
      (of?.criteria.find((c) => c.id === id)?.thresholds as Record<string, Threshold | undefined>)[name]?.value;
    expect(t('ind.pain-setting', 'inpatientScore')).toBe(8);
    expect(t('ind.pain-setting', 'outpatientScore')).toBe(5);
    expect(t('ind.pain-course', 'heightLossAbove')).toBe(25);
    expect(t('ind.pain-course', 'rmdqAbove')).toBe(17);
    expect(t('ind.pain-course', 'findingsNeeded')).toBe(2);
    expect(t('ind.pain-course', 'worseningRise')).toBe(2);
    expect(t('rc.levels-over-3', 'maxLevels')).toBe(3);
    expect(def('ind.painful-lesion')?.params).toEqual({ levelFrom: 'T1', levelTo: 'L5' });
    expect(def('ci.cement-allergy')?.group).toBe('relative-contraindication');
    // "intractable pain unresponsive to medical therapy": an analgesic of any duration; the guideline waives it
    expect(t('ind.conservative-failed', 'malignantMinDays')).toBe(0);
    expect(t('ind.conservative-failed', 'malignantMinDays', ruleSet('pvp-guideline'))).toBeUndefined();
  });
});

describe('the Roland-Morris score among the supporting findings (ind.pain-course)', () => {
  const stable = reportSaying('L1 fracture, bone marrow oedema, height loss 30 %.', painsOnly(pain(8, 1), pain(8, 8)));
  const course = (value: number) =>
    lcd({
      name: `Roland-Morris ${value}`,
      resources: stable,
      answers: { 'req.functional-score': { status: 'met', value } },
    }).criteria.find((c) => c.id === 'ind.pain-course');

  it('names the score on the scale the rule set defines (0-24), not on a number written into the evaluator', () => {
    const def = LCD_PVA.criteria.find((c) => c.id === 'ind.pain-course');
    if (def?.kind !== 'pain-course') throw new Error('ind.pain-course is not a pain-course criterion');
    const facts = buildFacts(record(stable(), undefined, PATIENT), NOW);
    const answers: SurgeonAnswers = { 'req.functional-score': { status: 'met', value: 19 } };
    const summaries = (max: number) =>
      EVALUATORS['pain-course']({
        facts,
        answers,
        def: { ...def, thresholds: { ...def.thresholds, rmdqMax: { value: max, unit: 'points', source: 'test' } } },
      }).evidence.map((e) => e.summary);
    expect(summaries(24)).toContain('Roland-Morris score 19/24 (surgeon)');
    // before: '19/24' whatever the definition said
    expect(summaries(30)).toContain('Roland-Morris score 19/30 (surgeon)');
    expect(course(19)?.status).toBe('met');
  });

  it('counts no score off the scale as a finding (25 is no Roland-Morris > 17)', () => {
    // before: 25 counted as the second finding beside the height loss, so the criterion was met
    expect(course(25)?.status).not.toBe('met');
    expect(
      course(25)
        ?.evidence.map((e) => e.summary)
        .join(' '),
    ).not.toContain('Roland-Morris');
  });
});

describe('every criterion of lcd-pva, each way', () => {
  it('the base patient is covered once the surgeon has answered what only the surgeon can', () => {
    const a = lcd({ name: 'base', resources: base });
    expect(a.recommendation).toBe('eligible');
    expect(a.ruleset).toEqual({ id: 'lcd-pva', version: 'L38737 (effective 2022-08-21)' });
  });

  it('cites the launch encounter itself as the evidence of the care setting', () => {
    const a = lcd({ name: 'inpatient', resources: base, setting: 'IMP' });
    const evidence = a.criteria.flatMap((c) => c.evidence).find((e) => e.summary.startsWith('Launch encounter'));
    expect(evidence).toEqual({
      reference: 'Encounter/enc-1',
      summary: 'Launch encounter: hospitalised (inpatient class)',
      summaryText: {
        en: 'Launch encounter: hospitalised (inpatient class)',
        de: 'Aktueller Kontakt: stationär (Klasse inpatient)',
      },
    });
  });

  it('covers every criterion of the rule set', () => {
    expect(Object.keys(CASES).sort()).toEqual(LCD_PVA.criteria.map((c) => c.id).sort());
  });

  for (const [id, byStatus] of Object.entries(CASES)) {
    describe(id, () => {
      for (const [expected, cases] of Object.entries(byStatus)) {
        for (const c of cases ?? []) {
          it(`${expected}: ${c.name}`, () => {
            const result = lcd(c).criteria.find((r) => r.id === id);
            expect(result?.status).toBe(expected);
            expect(result?.rationale).not.toBe('');
          });
        }
      }
    });
  }
});

/** one record under both rule sets, with the same answers */
function both(c: Case) {
  const rec = withSetting(record(c.resources(), c.reads, PATIENT), c.setting);
  const answers = { 'req.posterior-wall-assessed': { status: 'met' as const }, ...answersOf(c) };
  return {
    guideline: assess(rec, { now: NOW, answers }),
    lcd: assess(rec, { now: NOW, ruleSetId: 'lcd-pva', answers }),
  };
}

describe('lcd-pva: a contraindication of the LCD that is not known is more information needed', () => {
  const contraindications = LCD_PVA.criteria.filter(
    (c) => c.group === 'absolute-contraindication' || c.group === 'relative-contraindication',
  );

  it('every one of them, absolute or relative, in each of its unknown cases', () => {
    expect(contraindications.map((c) => c.id)).toEqual(
      expect.arrayContaining(['rc.coagulation-correctable', 'rc.levels-over-3', 'ci.cement-allergy']),
    );
    for (const def of contraindications)
      for (const c of CASES[def.id]?.unknown ?? []) {
        const a = lcd(c);
        expect(a.criteria.find((r) => r.id === def.id)?.status, `${def.id}: ${c.name}`).toBe('unknown');
        expect(a.recommendation, `${def.id}: ${c.name}`).toBe('insufficient-data');
        expect(
          a.missing.map((m) => m.criterion),
          `${def.id}: ${c.name}`,
        ).toContain(def.id);
      }
  });

  it('where the guideline gives a caution: medication lists not read, or no level for > 3 levels', () => {
    const unread = { MedicationRequest: 'failed', MedicationStatement: 'failed' } as const;
    const v = both({ name: 'meds unread', resources: base, reads: unread });
    expect(v.guideline.recommendation).toBe('eligible-with-cautions');
    expect(v.lcd.recommendation).toBe('insufficient-data');
    expect(v.lcd.decisive).toContain('rc.coagulation-correctable');
    const myeloma = both({
      name: 'myeloma without a level',
      // the base report names L1: a report without a level, so nothing places the myeloma
      resources: () => [
        condition(SYS.cm, 'C90.00', 'Multiple myeloma'),
        ...baseClinical().filter((r) => r.resourceType !== 'DiagnosticReport'),
        report('Osteolytic lesion with bone marrow oedema on STIR. Posterior wall intact.', 21),
      ],
    });
    expect(myeloma.guideline.recommendation).toBe('eligible-with-cautions');
    expect(myeloma.lcd.recommendation).toBe('insufficient-data');
    expect(myeloma.lcd.decisive).toEqual(['rc.levels-over-3']);
  });

  it('a met relative one gives cautions, and a missing documentation item is a caution naming what to document', () => {
    const allergic = lcd({
      name: 'PMMA',
      resources: plus(() => allergy(SYS.sct, '427811002', 'Polymethyl methacrylate')),
    });
    expect(allergic.recommendation).toBe('eligible-with-cautions');
    const undocumented = lcd({
      name: 'no RMDQ',
      resources: base,
      answers: { 'req.bone-health': { status: 'not-met' } },
    });
    expect(undocumented.recommendation).toBe('eligible-with-cautions');
    expect(undocumented.criteria.find((r) => r.id === 'req.bone-health')?.caution?.en).toBe(
      'Refer for bone-density evaluation and osteoporosis treatment, and document it.',
    );
  });
});

describe('where lcd-pva and pvp-guideline differ on the same record', () => {
  it('a bone-cement allergy is absolute in the guideline, relative in the LCD', () => {
    const v = both({ name: 'PMMA', resources: plus(() => allergy(SYS.sct, '427811002', 'Polymethyl methacrylate')) });
    expect(v.guideline.recommendation).toBe('not-eligible');
    expect(v.lcd.recommendation).toBe('eligible-with-cautions');
    expect(v.lcd.decisive).toEqual(['ci.cement-allergy']);
  });

  it('a hospitalised patient with NRS 7: severe for the guideline, below the LCD’s ≥ 8', () => {
    const v = both({ name: 'inpatient 7', resources: painsOnly(pain(7, 1), pain(6, 8)), setting: 'IMP' });
    expect(v.guideline.recommendation).toBe('eligible');
    expect(v.lcd.recommendation).toBe('not-eligible');
    expect(v.lcd.decisive).toContain('ind.pain-setting');
  });

  it('a myeloma with NRS 8 and no analgesic: no 3-week rule in the guideline; the LCD asks for medical therapy first', () => {
    const v = both({ name: 'myeloma', resources: myelomaWith() });
    expect(v.guideline.recommendation).toBe('eligible');
    expect(v.lcd.recommendation).toBe('not-eligible');
    expect(v.lcd.decisive).toEqual(['ind.conservative-failed']);
    expect(v.lcd.criteria.find((c) => c.id === 'ind.conservative-failed')?.caution?.en).toBe(
      'Treat the pain medically first, or document the analgesic therapy it has not responded to.',
    );
    const treated = both({
      name: 'myeloma',
      resources: myelomaWith(medication(SYS.rxnorm, '1049221', 'oxycodone', 2)),
    });
    expect(treated.lcd.recommendation).toBe('eligible');
  });

  it('a C5 fracture: treatable range C2-L5 in the guideline, T1-L5 in the LCD', () => {
    const v = both({
      name: 'C5',
      resources: () => [
        condition(SYS.cm, 'S12.400A', 'Fracture of fifth cervical vertebra'),
        OSTEOPOROSIS_CM(),
        ...baseClinical(),
      ],
    });
    expect(v.guideline.criteria.find((c) => c.id === 'ind.painful-lesion')?.status).toBe('met');
    const lesion = v.lcd.criteria.find((c) => c.id === 'ind.painful-lesion');
    expect(lesion?.status).toBe('unknown');
    expect(lesion?.excluded.some((e) => /outside T1-L5/.test(e.why))).toBe(true);
  });

  it('an answer given once counts for both rule sets (same criterion id)', () => {
    const v = both({
      name: 'retropulsion answered',
      resources: base,
      answers: { 'rc.posterior-wall': { status: 'met' } },
    });
    expect(v.guideline.criteria.find((c) => c.id === 'rc.posterior-wall')?.source).toBe('surgeon');
    expect(v.lcd.criteria.find((c) => c.id === 'rc.posterior-wall')?.source).toBe('surgeon');
  });
});

describe('documentation checklist', () => {
  it('lists each item the payer requires, present with its evidence or missing', () => {
    const a = assess(record(baseResources()), { now: NOW, ruleSetId: 'lcd-pva' });
    const list = documentationChecklist(a);
    expect(list?.map((d) => [d.item, d.status])).toEqual([
      ['pain-scores', 'present'],
      ['imaging', 'present'],
      ['non-surgical-management', 'present'],
      ['functional-scores', 'missing'],
      ['bone-health', 'missing'],
    ]);
    expect(list?.find((d) => d.item === 'imaging')?.evidence[0]?.reference).toMatch(/^DiagnosticReport\//);
    expect(list?.find((d) => d.item === 'functional-scores')?.evidence).toEqual([]);
  });

  it('counts the surgeon’s answers, except for imaging, which must be in the record', () => {
    const noImaging = baseResources().filter(
      (r) => r.resourceType !== 'DiagnosticReport' && r.resourceType !== 'ImagingStudy',
    );
    const a = assess(record(noImaging), {
      now: NOW,
      ruleSetId: 'lcd-pva',
      answers: { ...JUDGED, 'ind.fracture-acute': { status: 'met' } },
    });
    const status = Object.fromEntries((documentationChecklist(a) ?? []).map((d) => [d.item, d.status]));
    expect(status).toEqual({
      'pain-scores': 'present',
      imaging: 'missing',
      'non-surgical-management': 'present',
      'functional-scores': 'present',
      'bone-health': 'present',
    });
  });

  it('is undefined for a rule set without one', () => {
    expect(documentationChecklist(assess(record(baseResources()), { now: NOW }))).toBeUndefined();
  });

  it('a DXA T-score documents the bone-density evaluation', () => {
    const a = assess(record([...baseResources(), observation('38267-1', -2.8, '{T-score}', 400)]), {
      now: NOW,
      ruleSetId: 'lcd-pva',
    });
    const item = documentationChecklist(a)?.find((d) => d.item === 'bone-health');
    expect(item?.status).toBe('present');
    expect(item?.evidence[0]?.summary).toMatch(/-2\.8/);
    expect(item?.evidence[0]?.date).toBe(new Date(daysAgo(400)).toISOString());
  });
});
