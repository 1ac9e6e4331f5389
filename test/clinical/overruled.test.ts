import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle, toInterfaceJson } from '../../src/clinical';
import type { SurgeonAnswers } from '../../src/clinical/answers';
import type { Override } from '../../src/clinical/assessment';
import { NOW } from './fixtures';

/**
 * Issue #15, finding 1 (README "The surgeon decides, with a reason"): what the record
 * proves against the procedure is overturned only with the surgeon's reason, and then visibly.
 */
const patients = demoPatients(NOW);

function assessScenario(n: number, answers?: SurgeonAnswers, override?: Override) {
  const p = patients.find((x) => x.scenario === n);
  if (!p) throw new Error(`no scenario ${n}`);
  const record = recordFromBundle(p.bundle);
  return assess(record, {
    now: NOW,
    answers: { ...p.answers, ...answers },
    ...(override && { override }),
  });
}

const criterion = (a: ReturnType<typeof assessScenario>, id: string) => {
  const c = a.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id}`);
  return c;
};

describe('an answer that overturns a chart finding (finding 1)', () => {
  it('scenario 4: "No" to a coded PMMA allergy without a reason is not applied: still not eligible', () => {
    const a = assessScenario(4, { 'ci.cement-allergy': { status: 'not-met' } });
    expect(a.recommendation).toBe('not-eligible');
    const c = criterion(a, 'ci.cement-allergy');
    expect(c.status).toBe('met');
    expect(c.source).toBe('record');
    expect(c.unappliedAnswer).toEqual({ status: 'not-met' });
    expect(c.overruled).toBeUndefined();
    expect(a.decisive).toContain('ci.cement-allergy');
  });

  it('a reason of blanks is no reason', () => {
    const a = assessScenario(4, { 'ci.cement-allergy': { status: 'not-met', reason: '   ' } });
    expect(a.recommendation).toBe('not-eligible');
    expect(criterion(a, 'ci.cement-allergy').unappliedAnswer).toEqual({ status: 'not-met' });
  });

  it('scenario 4: with a reason it counts, is marked overruled and is named first under "decided by"', () => {
    const reason = 'Patch test repeated 2026-10: negative';
    const a = assessScenario(4, {
      'ci.cement-allergy': { status: 'not-met', reason, answeredAt: '2026-11-25T08:00:00Z' },
    });
    expect(a.recommendation).not.toBe('not-eligible');
    const c = criterion(a, 'ci.cement-allergy');
    expect(c.status).toBe('not-met');
    expect(c.chartFinding?.status).toBe('met');
    expect(c.chartFinding?.rationale.en).toContain('PMMA');
    expect(c.overruled).toEqual({ by: 'answer', reason, at: '2026-11-25T08:00:00Z' });
    expect(c.rationaleText.en).toMatch(/^Chart finding overruled by the surgeon \(No\): Patch test repeated/);
    expect(c.rationaleText.de).toMatch(/^Befund der Akte vom Operateur überstimmt \(Nein\)/);
    expect(a.decisive[0]).toBe('ci.cement-allergy');
    // the record's evidence stays beside the surgeon's answer
    expect(c.evidence.map((e) => e.reference)).toEqual(['surgeon', expect.stringMatching(/^AllergyIntolerance\//)]);
    expect(toInterfaceJson(a).criteria.find((x) => x.id === 'ci.cement-allergy')?.overruled).toEqual({
      recordStatus: 'met',
      reason,
    });
  });

  it('scenario 5: "infection excluded" against a coded spondylodiscitis needs a reason', () => {
    const without = assessScenario(5, { 'ci.infection-active': { status: 'not-met' } });
    expect(without.recommendation).toBe('not-eligible');
    expect(criterion(without, 'ci.infection-active').status).toBe('met');
    const withReason = assessScenario(5, {
      'ci.infection-active': { status: 'not-met', reason: 'Biopsy negative, CRP from a urinary infection' },
    });
    expect(criterion(withReason, 'ci.infection-active').status).toBe('not-met');
    expect(criterion(withReason, 'ci.infection-active').overruled?.by).toBe('answer');
  });

  it('scenario 11: an indication the record refutes (MRI without oedema) is overturned only with a reason', () => {
    const without = assessScenario(11, { 'ind.fracture-acute': { status: 'met' } });
    expect(without.recommendation).toBe('not-eligible');
    expect(criterion(without, 'ind.fracture-acute').status).toBe('not-met');
    expect(criterion(without, 'ind.fracture-acute').unappliedAnswer).toEqual({ status: 'met' });
    const withReason = assessScenario(11, {
      'ind.fracture-acute': { status: 'met', reason: 'new STIR MRI today, read by me: oedema at L2' },
    });
    expect(criterion(withReason, 'ind.fracture-acute').status).toBe('met');
    expect(criterion(withReason, 'ind.fracture-acute').chartFinding?.status).toBe('not-met');
  });

  it('an answer that agrees with the chart, or settles what the chart leaves open, needs no reason', () => {
    const agrees = assessScenario(4, { 'ci.cement-allergy': { status: 'met' } });
    expect(criterion(agrees, 'ci.cement-allergy').source).toBe('surgeon');
    expect(criterion(agrees, 'ci.cement-allergy').unappliedAnswer).toBeUndefined();
    const open = assessScenario(1, { 'req.posterior-wall-assessed': { status: 'met' } });
    const wall = criterion(open, 'req.posterior-wall-assessed');
    expect(wall.status).toBe('met');
    expect(wall.chartFinding).toBeUndefined();
    expect(wall.overruled).toBeUndefined();
  });

  it('the same answers count for the payer rule set by the same rule', () => {
    const p = patients.find((x) => x.scenario === 4);
    if (!p) throw new Error('no scenario 4');
    const record = recordFromBundle(p.bundle);
    const lcd = assess(record, {
      now: NOW,
      ruleSetId: 'lcd-pva',
      answers: { 'ci.cement-allergy': { status: 'not-met' } },
    });
    // a relative contraindication under the LCD: the chart's finding still holds without a reason
    expect(criterion(lcd, 'ci.cement-allergy').status).toBe('met');
    expect(criterion(lcd, 'ci.cement-allergy').unappliedAnswer).toEqual({ status: 'not-met' });
  });
});

describe('an override that overturns the chart (finding 1)', () => {
  const override = (recommendation: Override['recommendation']): Override => ({
    recommendation,
    reason: 'Discussed with the allergologist',
    at: '2026-11-25T09:00:00Z',
  });

  it('setting "eligible" over a met absolute contraindication marks that chart finding overruled by the override', () => {
    const a = assessScenario(4, undefined, override('eligible'));
    expect(a.recommendation).toBe('eligible');
    expect(a.computedRecommendation).toBe('not-eligible');
    const c = criterion(a, 'ci.cement-allergy');
    expect(c.status).toBe('met');
    expect(c.overruled).toEqual({
      by: 'override',
      reason: 'Discussed with the allergologist',
      at: '2026-11-25T09:00:00Z',
    });
    expect(a.decisive).toContain('ci.cement-allergy');
  });

  it('a stricter override overrules nothing', () => {
    const a = assessScenario(7, undefined, override('not-eligible'));
    expect(a.criteria.filter((c) => c.overruled)).toEqual([]);
  });
});
