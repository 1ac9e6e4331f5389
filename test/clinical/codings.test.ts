import { describe, expect, it } from 'vitest';
import {
  baseClinical,
  FRACTURE_CM,
  FRACTURE_GM,
  FRACTURE_SCT,
  NOW,
  OSTEOPOROSIS_CM,
  OSTEOPOROSIS_GM,
  OSTEOPOROSIS_SCT,
  record,
  assessed,
} from './fixtures';

describe('the same patient coded in ICD-10-CM, ICD-10-GM or SNOMED CT only', () => {
  const codings = {
    'ICD-10-CM': [FRACTURE_CM(), OSTEOPOROSIS_CM()],
    'ICD-10-GM': [FRACTURE_GM(), OSTEOPOROSIS_GM()],
    'SNOMED CT': [FRACTURE_SCT(), OSTEOPOROSIS_SCT()],
  };
  const results = Object.entries(codings).map(
    ([name, dx]) => [name, assessed(record([...dx, ...baseClinical()]), { now: NOW })] as const,
  );

  it.each(results)('%s: eligible at L1', (_name, a) => {
    expect(a.recommendation).toBe('eligible');
    expect(a.levels).toEqual(['L1']);
  });

  it('gives the same status for every criterion', () => {
    const statuses = results.map(([, a]) => a.criteria.map((c) => `${c.id}:${c.status}`));
    expect(statuses[1]).toEqual(statuses[0]);
    expect(statuses[2]).toEqual(statuses[0]);
  });
});
