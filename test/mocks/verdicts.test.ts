import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle, type Recommendation } from '../../src/clinical';
import type { CriterionStatus } from '../../src/clinical/assessment';

/**
 * Each demo patient says what the engine should conclude from its chart; this keeps the charts
 * and that claim honest (the launcher shows it, the browser tests rely on it).
 */
const now = new Date();

/** The status a decisive criterion has for the verdict it explains. */
function explaining(id: string, verdict: Recommendation): CriterionStatus {
  if (verdict === 'insufficient-data') return 'unknown';
  if (id.startsWith('ci.') || id.startsWith('rc.')) return 'met';
  return verdict === 'not-eligible' ? 'not-met' : 'met';
}
const patients = demoPatients(now);

describe('the verdict each demo patient announces', () => {
  it.each(patients.map((p) => [p.scenario, p] as const))('scenario %i', (_n, p) => {
    const record = recordFromBundle(p.bundle);
    const withAnswers = assess(record, { now, answers: p.answers });
    expect(withAnswers.recommendation).toBe(p.expected);
    expect(assess(record, { now }).recommendation).toBe(p.expectedBeforeAnswers ?? p.expected);
    for (const id of p.expectedDecisive ?? []) {
      expect(withAnswers.criteria.find((c) => c.id === id)?.status, id).toBe(explaining(id, p.expected));
    }
  });
});
