import { describe, expect, it } from 'vitest';
import { assess, toInterfaceJson } from '../../src/clinical';
import { answeredQuestion } from '../../src/clinical/answers';
import { assessed, baseResources, medication, NOW, pain, record, report, SYS, WALL_ASSESSED } from './fixtures';

type R = Record<string, unknown>;
const noWall = (): R[] => [
  ...baseResources().filter((r) => r.resourceType !== 'DiagnosticReport'),
  report('L1 fracture with bone marrow oedema on STIR.', 21),
];

describe('surgeon answers overlay', () => {
  it('completes the posterior-wall requirement, marks the source and time', () => {
    expect(assess(record(noWall()), { now: NOW }).recommendation).toBe('insufficient-data');
    const a = assess(record(noWall()), {
      now: NOW,
      answers: {
        'req.posterior-wall-assessed': { status: 'met', answeredAt: '2026-11-25T09:00:00Z' },
        'rc.posterior-wall': { status: 'not-met' },
      },
    });
    expect(a.recommendation).toBe('eligible');
    const req = a.criteria.find((c) => c.id === 'req.posterior-wall-assessed');
    expect(req).toMatchObject({ status: 'met', source: 'surgeon', answeredAt: '2026-11-25T09:00:00Z' });
    expect(req?.evidence[0]?.reference).toBe('surgeon');
  });

  it('answering only the posterior wall ("intact") settles the assessment requirement', () => {
    const a = assess(record(noWall()), { now: NOW, answers: { 'rc.posterior-wall': { status: 'not-met' } } });
    expect(a.criteria.find((c) => c.id === 'req.posterior-wall-assessed')).toMatchObject({
      status: 'met',
      source: 'surgeon',
    });
    expect(a.recommendation).toBe('eligible');
  });

  it('"disrupted" gives a caution', () => {
    const a = assess(record(noWall()), { now: NOW, answers: { 'rc.posterior-wall': { status: 'met' } } });
    expect(a.recommendation).toBe('eligible-with-cautions');
    expect(a.decisive).toEqual(['rc.posterior-wall']);
    expect(a.criteria.find((c) => c.id === 'rc.posterior-wall')?.caution?.en).toContain('CT guidance');
  });

  it('pain today overrides an older score for every pain criterion', () => {
    const resources = [
      ...baseResources().filter((r) => (r.code as { coding?: { code: string }[] })?.coding?.[0]?.code !== '72514-3'),
      pain(3, 5),
    ];
    expect(assess(record(resources), { now: NOW, answers: WALL_ASSESSED }).recommendation).toBe('not-eligible');
    const a = assess(record(resources), {
      now: NOW,
      answers: { ...WALL_ASSESSED, 'ind.pain-severe': { status: 'met', value: 8 } },
    });
    expect(a.recommendation).toBe('eligible');
    expect(a.criteria.find((c) => c.id === 'ind.pain-severe')).toMatchObject({ status: 'met', source: 'surgeon' });
    expect(a.criteria.find((c) => c.id === 'ci.pain-controlled')?.status).toBe('not-met');
  });

  it('takes the levels answered and counts them for > 3 levels', () => {
    const a = assess(record(baseResources()), {
      now: NOW,
      answers: { 'ind.painful-lesion': { status: 'met', levels: ['l1', 'L2', 'T12', 'Th11', 'X9'] } },
    });
    expect(a.levels).toEqual(['T11', 'T12', 'L1', 'L2']);
    expect(a.criteria.find((c) => c.id === 'rc.levels-over-3')?.status).toBe('met');
  });

  it('counts the planned levels the surgeon enters, whatever status the form sends with them', () => {
    const levelsOver3 = (levels: string[]) =>
      assess(record(baseResources()), {
        now: NOW,
        answers: {
          ...WALL_ASSESSED,
          'rc.levels-over-3': { status: 'unknown', levels, answeredAt: '2026-11-25T10:00:00Z' },
        },
      }).criteria.find((c) => c.id === 'rc.levels-over-3');
    expect(levelsOver3(['T11', 'T12', 'L1', 'L2'])).toMatchObject({
      status: 'met',
      source: 'surgeon',
      answeredAt: '2026-11-25T10:00:00Z',
    });
    expect(levelsOver3(['T11', 'T12', 'L1', 'L2'])?.evidence[0]?.summary).toBe('Planned levels: T11, T12, L1, L2');
    expect(levelsOver3(['L1'])).toMatchObject({ status: 'not-met', source: 'surgeon' });
  });

  it('accepts a bare status string and ignores invalid answers', () => {
    const a = assess(record(noWall()), {
      now: NOW,
      answers: {
        'req.posterior-wall-assessed': 'met',
        'rc.posterior-wall': 'bogus',
        'ci.pregnancy': { status: 42 },
      } as never,
    });
    expect(a.criteria.find((c) => c.id === 'req.posterior-wall-assessed')?.source).toBe('surgeon');
    expect(a.criteria.find((c) => c.id === 'ci.pregnancy')?.source).toBe('record');
  });

  it('an override with a reason replaces the recommendation and keeps the computed one', () => {
    const a = assess(record(noWall()), {
      now: NOW,
      override: { recommendation: 'eligible', reason: 'wall intact on outside CT', at: '2026-11-25T10:00:00Z' },
    });
    expect(a.recommendation).toBe('eligible');
    expect(a.computedRecommendation).toBe('insufficient-data');
    expect(a.override?.reason).toBe('wall intact on outside CT');
    const withoutReason = assess(record(noWall()), {
      now: NOW,
      override: { recommendation: 'eligible', reason: ' ', at: '' },
    });
    expect(withoutReason.recommendation).toBe('insufficient-data');
  });

  it('names the decisive criteria and lists what is missing', () => {
    const a = assess(record(noWall()), { now: NOW });
    expect(a.decisive).toEqual(['req.posterior-wall-assessed']);
    expect(a.missing).toContainEqual(
      expect.objectContaining({ criterion: 'req.posterior-wall-assessed', supply: 'answer' }),
    );
    expect(toInterfaceJson(a)).toEqual({
      recommendation: 'insufficient-data',
      ruleset: { id: 'pvp-guideline', version: '2026.1' },
      levels: ['L1'],
      criteria: expect.any(Array),
      missing: expect.any(Array),
    });
    expect(Object.keys(toInterfaceJson(a).criteria[0] ?? {})).toEqual(['id', 'status', 'evidence', 'rationale']);
  });

  it('a failed read makes the need a record need', () => {
    const a = assess(record(baseResources(), { AllergyIntolerance: 'not-permitted' }), { now: NOW });
    expect(a.recommendation).toBe('insufficient-data');
    expect(a.missing).toContainEqual(expect.objectContaining({ criterion: 'ci.cement-allergy', supply: 'record' }));
    expect(a.reads.AllergyIntolerance?.state).toBe('not-permitted');
  });
});

describe('read states', () => {
  it.each([
    ['Observation', 'ind.pain-severe'],
    ['Condition', 'ind.painful-lesion'],
    ['ImagingStudy', 'req.imaging'],
  ] as const)('an unread %s makes %s a need of supply "record"', (type, criterion) => {
    const a = assess(record([], { [type]: 'failed' }), { now: NOW });
    expect(a.missing).toContainEqual(expect.objectContaining({ criterion, supply: 'record' }));
  });

  it.each(['Procedure', 'MedicationStatement', 'DiagnosticReport'] as const)(
    'an eligible patient whose %s could not be read is at best eligible with cautions, naming what to check',
    (type) => {
      expect(assessed(record(baseResources())).recommendation).toBe('eligible');
      const a = assessed(record(baseResources(), { [type]: 'failed' }));
      expect(a.recommendation).toBe('eligible-with-cautions');
      expect(a.missing.some((m) => a.decisive.includes(m.criterion))).toBe(true);
    },
  );

  it('an eligible patient without a Patient resource is at best eligible with cautions (age unknown)', () => {
    const a = assessed({ ...record(baseResources()), patient: undefined });
    expect(a.recommendation).toBe('eligible-with-cautions');
    expect(a.criteria.find((c) => c.id === 'rc.age-under-60')?.status).toBe('unknown');
  });
});

describe('payer documentation checklist', () => {
  it('is attached for a rule set that has one, and absent for pvp-guideline', () => {
    expect(assess(record(baseResources()), { now: NOW }).documentation).toBeUndefined();
    expect(assess(record(baseResources()), { now: NOW, ruleSetId: 'lcd-pva' }).documentation?.length).toBeGreaterThan(
      0,
    );
  });
});

describe('what an answer is about (answeredQuestion), for lists of answers such as the note', () => {
  const fewDays = () => [
    ...baseResources().filter((r) => r.resourceType !== 'MedicationRequest'),
    medication(SYS.rxnorm, '1049221', 'oxycodone/APAP', 4),
  ];

  it('a criterion by its id; the care setting by the criterion asking it, else by its own title', () => {
    const asking = assessed(record(fewDays())).criteria;
    expect(answeredQuestion(asking, 'rc.posterior-wall')?.title.en).toBe('Posterior wall disrupted');
    expect(answeredQuestion(asking, 'setting.inpatient')).toMatchObject({
      title: { en: 'Conservative therapy failed' },
      question: { criterion: 'setting.inpatient', prompt: { en: 'Is the patient an inpatient?' } },
    });
    // weeks of analgesia: nothing asks the care setting, yet an answer given earlier is still named
    const notAsking = assessed(record(baseResources())).criteria;
    expect(answeredQuestion(notAsking, 'setting.inpatient')).toMatchObject({
      title: { en: 'Care setting', de: 'Versorgungssetting' },
      question: { options: [{ status: 'met', label: { en: 'Yes, an inpatient' } }, { status: 'not-met' }] },
    });
    expect(answeredQuestion(notAsking, 'no.such-id')).toBeUndefined();
  });
});
