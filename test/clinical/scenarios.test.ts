import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle } from '../../src/clinical';
import { NOW } from './fixtures';

describe('demo scenario patients (mocks/patients/scenarios.ts) give their documented verdicts', () => {
  const patients = demoPatients(NOW);

  it('has one patient per scenario 1-15', () => {
    expect([...new Set(patients.map((p) => p.scenario))].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
  });

  for (const p of patients) {
    it(`scenario ${p.scenario} (${p.id}): ${p.expected}`, () => {
      const record = recordFromBundle(p.bundle);
      const a = assess(record, { now: NOW, answers: p.answers });
      expect(
        a.recommendation,
        a.criteria
          .filter((c) => c.status !== 'not-met')
          .map((c) => `${c.id}=${c.status}`)
          .join(' '),
      ).toBe(p.expected);
      if (p.expectedBeforeAnswers) expect(assess(record, { now: NOW }).recommendation).toBe(p.expectedBeforeAnswers);
      if (p.expected !== 'eligible') for (const id of p.expectedDecisive ?? []) expect(a.decisive).toContain(id);
    });
  }

  it('scenario 1: insufficient data before the posterior-wall answer, eligible after "intact"', () => {
    const p = patients.find((x) => x.scenario === 1);
    if (!p) throw new Error('no scenario 1');
    const record = recordFromBundle(p.bundle);
    const before = assess(record, { now: NOW });
    expect(before.recommendation).toBe('insufficient-data');
    expect(before.decisive).toContain('req.posterior-wall-assessed');
    const after = assess(record, {
      now: NOW,
      answers: { 'req.posterior-wall-assessed': { status: 'met' }, 'rc.posterior-wall': { status: 'not-met' } },
    });
    expect(after.recommendation).toBe('eligible');
    expect(after.levels).toEqual(['L1']);
  });

  it('scenarios 13 (ICD-10-GM) and 14 (SNOMED CT only) give the verdict and levels of scenario 1', () => {
    const byScenario = (n: number) => {
      const p = patients.find((x) => x.scenario === n);
      if (!p) throw new Error(`no scenario ${n}`);
      return assess(recordFromBundle(p.bundle), { now: NOW, answers: p.answers });
    };
    const one = byScenario(1);
    for (const n of [13, 14]) {
      const other = byScenario(n);
      expect(other.recommendation).toBe(one.recommendation);
      expect(other.levels).toEqual(one.levels);
    }
  });
});
