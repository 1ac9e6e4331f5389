import { describe, expect, it } from 'vitest';
import { assess, listRuleSets } from '../../src/clinical';
import type { SurgeonAnswers } from '../../src/clinical/answers';
import type { Assessment } from '../../src/clinical/assessment';
import type { ClinicalType, PatientRecord, ReadState } from '../../src/clinical/record';
import { ruleSet } from '../../src/clinical/rulesets';
import {
  assessed,
  baseClinical,
  baseClinicalUnplaced,
  baseResources,
  condition,
  daysAgo,
  medication,
  NOW,
  OSTEOPOROSIS_CM,
  pain,
  PATIENT,
  record,
  SYS,
  INPATIENT,
  OUTPATIENT,
  withSetting,
} from './fixtures';

type R = Record<string, unknown>;

/** what only the surgeon can say under the LCD, answered so that the base patient is covered */
const LCD_JUDGED: SurgeonAnswers = {
  'rc.posterior-wall': { status: 'not-met' },
  'ci.pain-not-from-fracture': { status: 'not-met' },
  'rc.spinal-instability': { status: 'not-met' },
  'ind.pain-setting': { status: 'met' },
  'ind.pain-course': { status: 'met' },
  'req.functional-score': { status: 'met', value: 19 },
  'req.bone-health': { status: 'met' },
};

const guideline = (
  resources: R[],
  answers: SurgeonAnswers = {},
  reads: Partial<Record<ClinicalType, ReadState>> = {},
) => assessed(record(resources, reads), { now: NOW, answers });
const lcd = (resources: R[], answers: SurgeonAnswers = {}) =>
  assess(record(resources), { now: NOW, ruleSetId: 'lcd-pva', answers: { ...LCD_JUDGED, ...answers } });

const criterion = (a: Assessment, id: string) => a.criteria.find((c) => c.id === id);
const isPain = (r: R) => (r.code as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code === '72514-3';

const EARLIER_VERTEBROPLASTY = (): R => ({
  resourceType: 'Procedure',
  id: 'proc-1',
  status: 'completed',
  code: {
    coding: [
      { system: 'http://www.ama-assn.org/go/cpt', code: '22511', display: 'Percutaneous vertebroplasty, lumbosacral' },
    ],
  },
  bodySite: [{ text: 'L1' }],
  performedDateTime: daysAgo(400),
});
const MYELOMA_NO_LEVEL = () => condition(SYS.cm, 'C90.00', 'Multiple myeloma not having achieved remission');

describe('a requirement answered "not done" is no better than one not recorded (docs/criteria.md, how statuses combine, rule 2)', () => {
  it('the base patients are eligible under both rule sets, so each case below varies one answer', () => {
    expect(guideline(baseResources()).recommendation).toBe('eligible');
    expect(lcd(baseResources()).recommendation).toBe('eligible');
  });

  it('"No" to "spine MRI or CT in the last 12 weeks?" asks for the imaging instead of passing', () => {
    const a = guideline(baseResources(), { 'req.imaging': { status: 'not-met' } });
    expect(a.recommendation).toBe('insufficient-data');
    expect(a.decisive).toEqual(['req.imaging']);
    expect(a.missing).toContainEqual(expect.objectContaining({ criterion: 'req.imaging', supply: 'order' }));
    expect(criterion(a, 'req.imaging')?.caution?.en).toBe('Order a spine MRI with STIR.');
  });

  it('a posterior wall not assessed (or "not yet") needs the assessment, even with the wall answered intact', () => {
    for (const status of ['not-met', 'unknown'] as const) {
      const a = guideline(baseResources(), { 'req.posterior-wall-assessed': { status } });
      expect(a.recommendation, status).toBe('insufficient-data');
      expect(a.decisive, status).toEqual(['req.posterior-wall-assessed']);
      expect(a.missing, status).toContainEqual(
        expect.objectContaining({ criterion: 'req.posterior-wall-assessed', supply: 'answer' }),
      );
    }
  });

  it('lcd-pva: no advanced imaging is not covered yet, it is more information needed', () => {
    const a = lcd(baseResources(), { 'req.imaging': { status: 'not-met' } });
    expect(a.recommendation).toBe('insufficient-data');
    expect(a.decisive).toEqual(['req.imaging']);
    expect(a.missing).toContainEqual(expect.objectContaining({ criterion: 'req.imaging', supply: 'order' }));
  });

  it('every rule set names only its own criteria as insufficient when not met', () => {
    for (const { id } of listRuleSets()) {
      const rs = ruleSet(id);
      const ids = new Set(rs?.criteria.map((c) => c.id));
      expect(rs?.aggregation.insufficientWhenNotMet.length, id).toBeGreaterThan(0);
      for (const named of rs?.aggregation.insufficientWhenNotMet ?? [])
        expect(ids.has(named), `${id}: ${named}`).toBe(true);
    }
  });
});

describe('an open question on a met criterion is a caution until the surgeon answers it', () => {
  it('an earlier vertebroplasty: eligible with cautions, the caution names what to confirm', () => {
    const a = guideline([...baseResources(), EARLIER_VERTEBROPLASTY()]);
    expect(a.recommendation).toBe('eligible-with-cautions');
    expect(a.decisive).toEqual(['ind.painful-lesion']);
    const lesion = criterion(a, 'ind.painful-lesion');
    expect(lesion?.status).toBe('met');
    expect(lesion?.caution?.en).toContain('confirm the level is not already cemented');
    expect(lesion?.caution?.de).toContain('nicht bereits zementiert');
    expect(a.missing).toContainEqual(expect.objectContaining({ criterion: 'ind.painful-lesion', supply: 'answer' }));
  });

  it('the same under lcd-pva', () => {
    const a = lcd([...baseResources(), EARLIER_VERTEBROPLASTY()]);
    expect(a.recommendation).toBe('eligible-with-cautions');
    expect(a.decisive).toEqual(['ind.painful-lesion']);
  });

  it('its question lets the surgeon confirm the level, or say it is already cemented', () => {
    const question = criterion(
      guideline([...baseResources(), EARLIER_VERTEBROPLASTY()]),
      'ind.painful-lesion',
    )?.question;
    expect(question?.kind).toBe('levels');
    expect(question?.prompt.en).toContain('not cemented before');
    expect(question?.options?.map((o) => o.status)).toEqual(['met', 'not-met']);
    expect(question?.options?.find((o) => o.status === 'not-met')?.label.en).toContain('already cemented');
  });

  it('once answered: plain eligible for a level not cemented before, not eligible when already cemented', () => {
    const confirmed = guideline([...baseResources(), EARLIER_VERTEBROPLASTY()], {
      'ind.painful-lesion': { status: 'met', levels: ['L1'] },
    });
    expect(confirmed.recommendation).toBe('eligible');
    expect(confirmed.missing).toEqual([]);
    expect(criterion(confirmed, 'ind.painful-lesion')?.caution).toBeUndefined();
    const cemented = guideline([...baseResources(), EARLIER_VERTEBROPLASTY()], {
      'ind.painful-lesion': { status: 'not-met' },
    });
    expect(cemented.recommendation).toBe('not-eligible');
    expect(cemented.decisive).toEqual(['ind.painful-lesion']);
  });

  it('procedures that could not be read: the same caution, naming the unread procedures', () => {
    const a = guideline(baseResources(), {}, { Procedure: 'failed' });
    expect(a.recommendation).toBe('eligible-with-cautions');
    expect(a.decisive).toEqual(['ind.painful-lesion']);
    expect(criterion(a, 'ind.painful-lesion')?.caution?.en).toContain('the procedures could not be read');
    expect(a.missing).toContainEqual(expect.objectContaining({ criterion: 'ind.painful-lesion', supply: 'record' }));
  });

  it('a myeloma without a level: the caution asks for the level; plain eligible once it is given', () => {
    const resources = [MYELOMA_NO_LEVEL(), ...baseClinicalUnplaced()];
    const open = guideline(resources);
    expect(open.recommendation).toBe('eligible-with-cautions');
    expect(open.decisive[0]).toBe('ind.painful-lesion');
    expect(criterion(open, 'ind.painful-lesion')?.caution?.en).toContain('give the level');
    const answered = guideline(resources, { 'ind.painful-lesion': { status: 'met', levels: ['T10'] } });
    expect(answered.recommendation).toBe('eligible');
    expect(answered.levels).toEqual(['T10']);
  });

  it("a level the surgeon gives outside the rule set's range (C1; the guideline covers C2-L5) is not counted, as a coded one is not", () => {
    const resources = [MYELOMA_NO_LEVEL(), ...baseClinicalUnplaced()];
    // before: "eligible" at C1
    const outside = guideline(resources, { 'ind.painful-lesion': { status: 'met', levels: ['C1'] } });
    expect(outside.recommendation).toBe('insufficient-data');
    expect(outside.levels).toEqual([]);
    const lesion = criterion(outside, 'ind.painful-lesion');
    expect(lesion?.status).toBe('unknown');
    expect(lesion?.rationale).toContain('C1, outside the range of this rule set (C2-L5)');
    expect(lesion?.excluded).toContainEqual(
      expect.objectContaining({ reference: 'surgeon', why: 'outside the range of this rule set (C2-L5)' }),
    );
    const partly = guideline(resources, { 'ind.painful-lesion': { status: 'met', levels: ['C1', 'T10'] } });
    expect(partly.recommendation).toBe('eligible');
    expect(partly.levels).toEqual(['T10']);
    expect(criterion(partly, 'ind.painful-lesion')?.excluded).toContainEqual(
      expect.objectContaining({ summary: 'Surgeon: levels C1' }),
    );
  });
});

describe('conservative therapy not yet failed means "re-assess later", not a definitive exclusion', () => {
  const ANALGESIC = 'Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet';
  const withoutAnalgesics = () => baseResources().filter((r) => r.resourceType !== 'MedicationRequest');
  const analgesicFor = (days: number) => [...withoutAnalgesics(), medication(SYS.rxnorm, '1049221', ANALGESIC, days)];

  it('asks for the diagnosis first when the record has no fracture and no analgesic', () => {
    const a = guideline(
      baseClinical().filter((r) => r.resourceType !== 'MedicationRequest'),
      OUTPATIENT,
    );
    expect(criterion(a, 'ind.conservative-failed')?.status).toBe('not-met');
    expect(criterion(a, 'ind.painful-lesion')?.status).toBe('unknown');
    expect(a.recommendation).toBe('insufficient-data');
    expect(a.decisive).toContain('ind.painful-lesion');
  });

  it('is not eligible for now, saying to re-assess, once everything else is known', () => {
    for (const resources of [withoutAnalgesics(), analgesicFor(10)]) {
      const a = guideline(resources, OUTPATIENT);
      expect(a.recommendation).toBe('not-eligible');
      expect(a.decisive).toEqual(['ind.conservative-failed']);
      expect(criterion(a, 'ind.conservative-failed')?.caution?.en).toBe(
        'Re-assess after 3 weeks of adequate analgesia.',
      );
    }
    expect(lcd(analgesicFor(10), OUTPATIENT).decisive).toEqual(['ind.conservative-failed']);
  });

  it('gives no "wait 3 weeks" caution when pain under weeks of analgesics is simply not severe', () => {
    const a = guideline([
      ...analgesicFor(40).filter(
        (r) => (r.code as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code !== '72514-3',
      ),
      pain(3, 1),
    ]);
    const conservative = criterion(a, 'ind.conservative-failed');
    expect(conservative?.status).toBe('not-met');
    expect(conservative?.caution).toBeUndefined();
    expect(a.recommendation).toBe('not-eligible');
    expect(a.decisive).toContain('ci.pain-controlled');
  });
});

describe('an unknown care setting is asked where it decides, never read as outpatient', () => {
  // an admitted patient in severe pain after a few days of analgesics, assessed without an encounter
  const admittedFewDays = () => [
    ...baseResources().filter((r) => r.resourceType !== 'MedicationRequest'),
    medication(SYS.rxnorm, '1049221', 'Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet', 4),
  ];
  const classless = (rec: PatientRecord): PatientRecord => ({
    ...rec,
    encounter: { resourceType: 'Encounter', id: 'enc-0', status: 'in-progress' } as fhir4.Encounter,
  });

  it('both rule sets: more information needed, asking "Is the patient an inpatient?" under one shared key', () => {
    for (const [name, a] of [
      ['pvp-guideline', guideline(admittedFewDays())],
      ['lcd-pva', lcd(admittedFewDays())],
    ] as const) {
      expect(a.recommendation, name).toBe('insufficient-data');
      expect(a.decisive, name).toEqual(['ind.conservative-failed']);
      const c = criterion(a, 'ind.conservative-failed');
      expect(c?.status, name).toBe('unknown');
      expect(c?.question).toMatchObject({
        criterion: 'setting.inpatient',
        prompt: { en: 'Is the patient an inpatient?' },
      });
      expect(c?.rationale, name).toMatch(/An inpatient with NRS 8 on \S+ \(≥ 8\) needs no 3 weeks of analgesia/);
      expect(a.missing, name).toContainEqual({
        criterion: 'ind.conservative-failed',
        need: 'whether the patient is an inpatient (no encounter tells the care setting)',
        needText: expect.objectContaining({ de: expect.stringContaining('stationär') }),
        supply: 'answer',
      });
    }
  });

  it('a criterion asks only a shared question its rule set declares for it', () => {
    const records = [admittedFewDays(), [...baseResources().filter((r) => !isPain(r)), pain(6, 1)]];
    for (const { id } of listRuleSets())
      for (const resources of records)
        for (const c of assess(record(resources), { now: NOW, ruleSetId: id }).criteria) {
          if (!c.question || c.question.criterion === c.id) continue;
          const declared = ruleSet(id)
            ?.criteria.find((d) => d.id === c.id)
            ?.sharedQuestions?.map((q) => q.id);
          expect(declared, `${id} ${c.id}`).toContain(c.question.criterion);
        }
  });

  it('an encounter without a class tells no more than none', () => {
    const a = assessed(classless(record(admittedFewDays())), { now: NOW });
    expect(criterion(a, 'ind.conservative-failed')?.status).toBe('unknown');
    expect(criterion(a, 'ind.conservative-failed')?.question?.criterion).toBe('setting.inpatient');
  });

  it('answered "an inpatient": eligible in both, the answer shown as evidence and still asked', () => {
    const g = guideline(admittedFewDays(), INPATIENT);
    expect(g.recommendation).toBe('eligible');
    const c = criterion(g, 'ind.conservative-failed');
    expect(c).toMatchObject({ status: 'met', source: 'record', question: { criterion: 'setting.inpatient' } });
    expect(c?.evidence).toContainEqual(
      expect.objectContaining({ reference: 'surgeon', summary: 'Surgeon: Yes, an inpatient (care setting)' }),
    );
    expect(lcd(admittedFewDays(), INPATIENT).recommendation).toBe('eligible');
  });

  it('answered "not an inpatient": not eligible for now in both, re-assess after 3 weeks', () => {
    for (const a of [guideline(admittedFewDays(), OUTPATIENT), lcd(admittedFewDays(), OUTPATIENT)]) {
      expect(a.recommendation).toBe('not-eligible');
      expect(a.decisive).toEqual(['ind.conservative-failed']);
      expect(criterion(a, 'ind.conservative-failed')?.caution?.en).toBe(
        'Re-assess after 3 weeks of adequate analgesia.',
      );
    }
  });

  it('where both readings agree it decides without asking (weeks of analgesia, or pain below 8)', () => {
    const weeks = guideline(baseResources());
    expect(criterion(weeks, 'ind.conservative-failed')).toMatchObject({ status: 'met' });
    expect(criterion(weeks, 'ind.conservative-failed')?.question?.criterion).toBe('ind.conservative-failed');
    const moderate = guideline([...admittedFewDays().filter((r) => !isPain(r)), pain(6, 1)]);
    expect(criterion(moderate, 'ind.conservative-failed')?.status).toBe('not-met');
    expect(moderate.missing.map((m) => m.criterion)).not.toContain('ind.conservative-failed');
  });

  it('an encounter decides, and the answer does not overturn it', () => {
    const outpatient = assessed(withSetting(record(admittedFewDays()), 'AMB'), { now: NOW, answers: INPATIENT });
    expect(criterion(outpatient, 'ind.conservative-failed')?.status).toBe('not-met');
    const inpatient = assessed(withSetting(record(admittedFewDays()), 'IMP'), { now: NOW, answers: OUTPATIENT });
    expect(criterion(inpatient, 'ind.conservative-failed')?.status).toBe('met');
  });

  it('lcd-pva: NRS 5-7 without an encounter asks the same question for its pain threshold', () => {
    const moderate = [...baseResources().filter((r) => !isPain(r)), pain(6, 1)];
    const judged = Object.fromEntries(Object.entries(LCD_JUDGED).filter(([id]) => id !== 'ind.pain-setting'));
    const open = assess(record(moderate), { now: NOW, ruleSetId: 'lcd-pva', answers: judged });
    expect(criterion(open, 'ind.pain-setting')).toMatchObject({
      status: 'unknown',
      source: 'record',
      question: { criterion: 'setting.inpatient' },
    });
    expect(open.recommendation).toBe('insufficient-data');
    const answered = (setting: SurgeonAnswers) =>
      criterion(
        assess(record(moderate), { now: NOW, ruleSetId: 'lcd-pva', answers: { ...judged, ...setting } }),
        'ind.pain-setting',
      );
    expect(answered(OUTPATIENT)?.status).toBe('met');
    expect(answered(INPATIENT)?.status).toBe('not-met');
  });
});

describe('a lesion outside the rule set’s level range is not a covered lesion, and is not "no lesion" either', () => {
  const atLevels = (...levels: string[]) => [
    ...levels.map((level) =>
      condition(SYS.cm, 'M80.08XA', 'Age-related osteoporosis with current pathological fracture, vertebra(e)', {
        bodySite: [{ text: level }],
      }),
    ),
    // the base patient without its L1 fracture (the first resource)
    ...baseResources().slice(1),
  ];

  it.each([
    ['pvp-guideline', 'C1', 'C2-L5'],
    ['lcd-pva', 'C7', 'T1-L5'],
  ])('%s: a fracture at %s only asks whether a level within %s is to be treated, and lists %s', (id, level, range) => {
    const a = assessed(record(atLevels(level)), {
      now: NOW,
      ruleSetId: id,
      answers: id === 'lcd-pva' ? LCD_JUDGED : {},
    });
    const lesion = criterion(a, 'ind.painful-lesion');
    expect(lesion?.status).toBe('unknown');
    expect(lesion?.rationale).toBe(
      `Coded osteoporotic fracture at ${level}, outside the range of this rule set (${range}): is a level within ${range} to be treated?`,
    );
    expect(lesion?.excluded).toContainEqual(expect.objectContaining({ why: `level ${level} outside ${range}` }));
    expect(a.levels).toEqual([level]);
    expect(a.recommendation).toBe('insufficient-data');
    expect(a.missing).toContainEqual(expect.objectContaining({ criterion: 'ind.painful-lesion', supply: 'answer' }));
  });

  it('a level within the range alongside one outside: the one within counts, the other is set aside', () => {
    const a = lcd(atLevels('C7', 'T1'));
    expect(criterion(a, 'ind.painful-lesion')?.status).toBe('met');
    expect(a.levels).toEqual(['T1']);
  });

  it('counts only levels within the range for more than 3 levels (C7, T1, T2, T3: 4 for the guideline, 3 for the LCD)', () => {
    const resources = atLevels('C7', 'T1', 'T2', 'T3');
    expect(criterion(guideline(resources), 'rc.levels-over-3')?.status).toBe('met');
    expect(criterion(lcd(resources), 'rc.levels-over-3')?.status).toBe('not-met');
  });

  it('names the count of levels in the plural form of its number, in each language (1 level, 3 levels; 1 Höhe, 3 Höhen)', () => {
    expect(criterion(lcd(atLevels('T1')), 'rc.levels-over-3')?.rationaleText).toEqual({
      en: '1 level: T1.',
      de: '1 Höhe: T1.',
    });
    expect(criterion(lcd(atLevels('C7', 'T1', 'T2', 'T3')), 'rc.levels-over-3')?.rationaleText).toEqual({
      en: '3 levels: T1, T2, T3.',
      de: '3 Höhen: T1, T2, T3.',
    });
    expect(criterion(guideline(atLevels('C7', 'T1', 'T2', 'T3')), 'rc.levels-over-3')?.rationaleText?.en).toBe(
      '4 levels (C7, T1, T2, T3) > 3.',
    );
  });
});

describe('rule 3: an unknown relative contraindication gives "eligible with cautions", the caution naming what is not known', () => {
  it('pvp-guideline: no date of birth, or the medication lists not read', () => {
    const noBirthDate = assessed(record(baseResources(), {}, { ...PATIENT, birthDate: undefined }), { now: NOW });
    expect(criterion(noBirthDate, 'rc.age-under-60')?.status).toBe('unknown');
    expect(noBirthDate.recommendation).toBe('eligible-with-cautions');
    expect(noBirthDate.decisive).toEqual(['rc.age-under-60']);
    expect(criterion(noBirthDate, 'rc.age-under-60')?.caution).toEqual({
      en: 'Not known: the patient’s date of birth. Clarify before the procedure.',
      de: 'Nicht bekannt: das Geburtsdatum. Vor dem Eingriff klären.',
    });
    const unread = guideline(baseResources(), {}, { MedicationRequest: 'failed', MedicationStatement: 'failed' });
    expect(unread.recommendation).toBe('eligible-with-cautions');
    expect(criterion(unread, 'rc.coagulation-correctable')?.caution?.en).toBe(
      'Not known: the medication list (anticoagulants). Clarify before the procedure.',
    );
  });

  it('a known relative contraindication keeps its own caution; an unknown one under lcd-pva is more information needed instead', () => {
    expect(criterion(guideline(baseResources()), 'rc.age-under-60')?.caution).toBeUndefined();
    // under lcd-pva the same unknown is more information needed, so it is asked, not cautioned
    const lcdUnread = assess(record(baseResources(), { MedicationRequest: 'failed', MedicationStatement: 'failed' }), {
      now: NOW,
      ruleSetId: 'lcd-pva',
      answers: LCD_JUDGED,
    });
    expect(lcdUnread.recommendation).toBe('insufficient-data');
    expect(criterion(lcdUnread, 'rc.coagulation-correctable')).toMatchObject({ status: 'unknown' });
    expect(criterion(lcdUnread, 'rc.coagulation-correctable')?.caution).toBeUndefined();
  });
});

describe('answers carry levels: the diagnosis-and-level answer decides "more than 3 levels"', () => {
  // a record that codes no fracture: only the surgeon can give the diagnosis and its levels
  const uncoded = () => [OSTEOPOROSIS_CM(), ...baseClinical()];
  const lesion = (levels?: string[]): SurgeonAnswers => ({
    'ind.painful-lesion': { status: 'met', ...(levels && { levels }) },
  });

  it('a fully answered record reaches plain "eligible" under both rule sets', () => {
    for (const a of [guideline(uncoded(), lesion(['L1'])), lcd(uncoded(), lesion(['L1']))]) {
      expect(a.recommendation).toBe('eligible');
      expect(a.levels).toEqual(['L1']);
      expect(criterion(a, 'rc.levels-over-3')).toMatchObject({
        status: 'not-met',
        evidence: [expect.objectContaining({ reference: 'surgeon', summary: 'Levels: L1' })],
      });
      expect(a.missing).toEqual([]);
    }
  });

  it('four levels answered: more than 3 levels, a caution in both', () => {
    for (const a of [
      guideline(uncoded(), lesion(['T12', 'L1', 'L2', 'L3'])),
      lcd(uncoded(), lesion(['T12', 'L1', 'L2', 'L3'])),
    ]) {
      expect(a.recommendation).toBe('eligible-with-cautions');
      expect(a.decisive).toEqual(['rc.levels-over-3']);
    }
  });

  it('"met" without levels leaves the count unknown: a caution naming it in the guideline, more information in the LCD', () => {
    const g = guideline(uncoded(), lesion());
    expect(g.recommendation).toBe('eligible-with-cautions');
    expect(g.decisive).toEqual(['rc.levels-over-3']);
    expect(criterion(g, 'rc.levels-over-3')?.caution?.en).toBe(
      'Not known: the planned levels. Clarify before the procedure.',
    );
    expect(lcd(uncoded(), lesion()).recommendation).toBe('insufficient-data');
  });
});
