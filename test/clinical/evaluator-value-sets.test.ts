import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { listRuleSets, recordFromBundle } from '../../src/clinical';
import { EVALUATORS } from '../../src/clinical/criteria';
import type { Evaluator } from '../../src/clinical/criteria';
import { buildFacts, type ClinicalFacts } from '../../src/clinical/facts';
import { Memo } from '../../src/clinical/memo';
import { ruleSet } from '../../src/clinical/rulesets';
import type { ValueSetId } from '../../src/clinical/terminology/valuesets';
import { NOW } from './fixtures';

/**
 * docs/criteria.md lists each criterion's value sets from its definition: an evaluator that reads a
 * value set its definition does not name would make the document say less than the engine does.
 * Every facts map is read through get() (criteria/types.ts collect), so a map that notes the ids asked
 * of it shows what each evaluator reads, on every demo patient.
 */
class NotingMap<V> extends Map<ValueSetId, V> {
  constructor(
    entries: Map<ValueSetId, V>,
    private readonly asked: Set<ValueSetId>,
  ) {
    super(entries);
  }
  override get(id: ValueSetId): V | undefined {
    this.asked.add(id);
    return super.get(id);
  }
}

const BUCKETS = ['conditions', 'observations', 'medications', 'allergies', 'procedures'] as const;

/** a copy of the facts whose value-set maps note what is asked of them, with a memo of its own */
function noting(facts: ClinicalFacts, asked: Set<ValueSetId>): ClinicalFacts {
  const copy: ClinicalFacts = { ...facts, memo: new Memo() };
  for (const name of BUCKETS) {
    const bucket = facts[name];
    const found: Map<ValueSetId, unknown> = bucket.found;
    copy[name] = {
      found: new NotingMap(found, asked),
      excluded: new NotingMap(bucket.excluded, asked),
      possible: new NotingMap(bucket.possible, asked),
    } as never;
  }
  return copy;
}

describe('an evaluator reads only the value sets its definition names', () => {
  const records = demoPatients(NOW).map((p) => ({ record: recordFromBundle(p.bundle), answers: p.answers ?? {} }));

  for (const { id } of listRuleSets()) {
    it(`${id}: on every demo patient, each criterion's reads are among its valueSets`, () => {
      const unnamed = new Map<string, Set<ValueSetId>>();
      for (const { record, answers } of records) {
        const facts = buildFacts(record, NOW);
        for (const def of ruleSet(id)!.criteria) {
          const asked = new Set<ValueSetId>();
          (EVALUATORS[def.kind] as Evaluator)({ facts: noting(facts, asked), def, answers });
          for (const vs of asked)
            if (!def.valueSets.includes(vs)) unnamed.set(def.id, (unnamed.get(def.id) ?? new Set()).add(vs));
        }
      }
      expect(Object.fromEntries([...unnamed].map(([criterion, sets]) => [criterion, [...sets].sort()]))).toEqual({});
    });
  }
});
