import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/clinical/facts';
import { lesionsOf } from '../../src/clinical/criteria/lesions';
import { Memo } from '../../src/clinical/memo';
import { baseResources, NOW, record } from './fixtures';

describe("an assessment's memo", () => {
  it('computes once per key and arguments, arrays compared by their items', () => {
    const memo = new Memo();
    let runs = 0;
    const key = {};
    const compute = () => ++runs;
    expect(memo.get(key, [['VS-VCF'], ['C2', 'L5']], compute)).toBe(1);
    expect(memo.get(key, [['VS-VCF'], ['C2', 'L5']], compute)).toBe(1);
    expect(memo.get(key, [['VS-VCF'], ['T1', 'L5']], compute)).toBe(2);
    expect(memo.get({}, [['VS-VCF'], ['C2', 'L5']], compute)).toBe(3);
  });

  it("belongs to the assessment's facts: another record's facts compute their own lesions", () => {
    const withLesion = buildFacts(record(baseResources()), NOW);
    const without = buildFacts(record([]), NOW);
    const sets = ['VS-VCF', 'VS-MALIGNANT-OSTEOLYSIS'] as const;
    expect(lesionsOf(withLesion, sets).counted.length).toBeGreaterThan(0);
    expect(lesionsOf(without, sets).counted).toEqual([]);
    expect(lesionsOf(withLesion, [...sets])).toBe(lesionsOf(withLesion, sets));
    expect(withLesion.memo).not.toBe(without.memo);
  });
});
