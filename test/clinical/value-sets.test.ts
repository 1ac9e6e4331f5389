import { describe, expect, it } from 'vitest';
import { listRuleSets, searchNeeds } from '../../src/clinical';
import { buildFacts } from '../../src/clinical/facts';
import { CLINICAL_TYPES } from '../../src/clinical/record';
import { ruleSet } from '../../src/clinical/rulesets';
import { exactCodes } from '../../src/clinical/terminology/match';
import { systemUri } from '../../src/clinical/terminology/systems';
import {
  isSearchedIn,
  VALUE_SETS,
  valueSetsSearchedIn,
  type Reading,
  type ValueSet,
} from '../../src/clinical/terminology/valuesets';
import { allergy, condition, daysAgo, medication, NOW, record, SYS } from './fixtures';

/**
 * Value sets describe themselves (terminology/valuesets.ts): the lists of the record they are
 * searched in, and for Observations how the value is read. Adding one is one entry there; these
 * tests fail when the entry leaves a piece out.
 */

const observationSets = valueSetsSearchedIn('Observation');

/** an Observation in the set, valued the way its reading expects */
function observationOf(vs: ValueSet, reading: Reading): Record<string, unknown> {
  const entry = vs.entries[0];
  const value = (): Record<string, unknown> => {
    switch (reading.kind) {
      case 'quantity':
        return { valueQuantity: { value: 7, unit: reading.unit, system: SYS.ucum, code: reading.unit } };
      case 'unitless':
        return { valueQuantity: { value: 1.2 } };
      case 'pain-score':
        return { valueInteger: 7 };
      case 'coded': {
        const answer = reading.answers.codes.find((a) => a.positive);
        return { valueCodeableConcept: { coding: [{ system: answer?.system, code: answer?.code }] } };
      }
    }
  };
  return {
    resourceType: 'Observation',
    id: `obs-${vs.id}`,
    status: 'final',
    code: { coding: [{ system: systemUri(entry?.system ?? 'loinc'), code: entry?.code }] },
    effectiveDateTime: daysAgo(1),
    ...value(),
  };
}

describe('value sets describe where they are searched and how a value is read', () => {
  it('every value set is searched in at least one list of the record, and only in known ones', () => {
    for (const vs of VALUE_SETS) {
      expect(vs.searchedIn.length, vs.id).toBeGreaterThan(0);
      for (const type of vs.searchedIn) expect(CLINICAL_TYPES, vs.id).toContain(type);
    }
  });

  it('every Observation value set has a reading and exact codes the server can be asked for', () => {
    expect(observationSets.map((vs) => vs.id).sort()).toEqual([
      'VS-BMD-T-SCORE',
      'VS-BODY-TEMPERATURE',
      'VS-CRP',
      'VS-INR',
      'VS-PAIN-SCORE',
      'VS-PLATELETS',
      'VS-PREGNANCY-TEST',
      'VS-WBC',
    ]);
    for (const vs of observationSets) {
      expect(vs.reading, vs.id).toBeDefined();
      expect(exactCodes(vs), vs.id).toBeDefined();
    }
    // the values of the other lists are not read: a reading there would be ignored
    for (const vs of VALUE_SETS.filter((v) => !isSearchedIn(v, 'Observation')))
      expect(vs.reading, vs.id).toBeUndefined();
  });

  it('a LOINC code is searched in Observation: none can be left out of the search', () => {
    for (const vs of VALUE_SETS.filter((v) => v.entries.some((e) => e.system === 'loinc')))
      expect(vs.searchedIn, vs.id).toEqual(['Observation']);
  });

  it('every Observation value set of a criterion is asked of the server, code by code', () => {
    for (const info of listRuleSets()) {
      const needs = searchNeeds([info.id]).Observation ?? [];
      const used = new Set(ruleSet(info.id)?.criteria.flatMap((c) => c.valueSets));
      for (const vs of observationSets.filter((v) => used.has(v.id)))
        for (const code of exactCodes(vs) ?? []) expect(needs, `${info.id} ${vs.id}`).toContain(code);
    }
  });

  it('every Observation value set reads a value of its own kind from a record', () => {
    for (const vs of observationSets) {
      const reading = vs.reading;
      if (!reading) throw new Error(`${vs.id} has no reading`);
      const facts = buildFacts(record([observationOf(vs, reading)]), NOW);
      const found = facts.observations.found.get(vs.id) ?? [];
      expect(found, vs.id).toHaveLength(1);
      expect(facts.observations.excluded.get(vs.id), vs.id).toBeUndefined();
      if (reading.kind === 'coded') expect(found[0]?.positive, vs.id).toBe(true);
      else expect(found[0]?.value, vs.id).toBeTypeOf('number');
    }
  });

  it('the words of every value set are read in each list it is searched in', () => {
    const entryNamed = (type: string, text: string): Record<string, unknown> => {
      const concept = { coding: [{ system: 'urn:local', code: 'x' }], text };
      if (type === 'Condition') return { ...condition('urn:local', 'x', text), code: concept };
      if (type === 'AllergyIntolerance') return { ...allergy('urn:local', 'x', text), code: concept };
      return { ...medication('urn:local', 'x', text, 3), medicationCodeableConcept: concept };
    };
    const buckets = {
      Condition: 'conditions',
      AllergyIntolerance: 'allergies',
      MedicationRequest: 'medications',
    } as const;
    for (const vs of VALUE_SETS.filter((v) => v.textTerms?.length)) {
      const types = Object.keys(buckets).filter((t) => isSearchedIn(vs, t as keyof typeof buckets));
      expect(types.length, `${vs.id}: words are read in Conditions, allergies and medications only`).toBeGreaterThan(0);
      for (const type of types) {
        const facts = buildFacts(record([entryNamed(type, `patient has ${vs.textTerms?.[0]}`)]), NOW);
        const bucket = facts[buckets[type as keyof typeof buckets]];
        // a drug's words may name an ingredient, which counts as its code (terminology/drugs.ts)
        const read = [...(bucket.possible.get(vs.id) ?? []), ...(bucket.found.get(vs.id) ?? [])];
        expect(read.length, `${vs.id} in ${type}`).toBe(1);
      }
    }
  });
});
