import { describe, expect, it } from 'vitest';
import { listRuleSets } from '../../src/clinical';
import { EVALUATORS } from '../../src/clinical/criteria';
import { ruleSet } from '../../src/clinical/rulesets';
import type { CriterionDef } from '../../src/clinical/rulesets/types';

// A criterion as a rule set writes it; the lines marked @ts-expect-error must not compile
// (npm run typecheck fails if one of them does): kinds, thresholds and links are checked per kind.
const base = {
  id: 'rc.renal-impairment',
  group: 'relative-contraindication',
  title: { en: 'Renal impairment', de: 'Niereninsuffizienz' },
  meaning: 'eGFR below 30 within 90 days',
  valueSets: ['VS-CRP'],
  need: { en: 'a result', de: 'ein Befund' },
  supply: 'record',
  citations: [],
} as const satisfies Partial<CriterionDef>;

export const compiles: CriterionDef[] = [
  { ...base, kind: 'age-under', thresholds: { ageBelow: { value: 60, source: 'C' } } },
  {
    ...base,
    kind: 'levels-count',
    thresholds: { maxLevels: { value: 3, source: 'C' } },
    params: { levelFrom: 'C2', levelTo: 'L5' },
    links: { lesion: 'ind.painful-lesion' },
  },
];

export const misspelt: CriterionDef[] = [
  // @ts-expect-error a kind no evaluator has
  { ...base, kind: 'age-undr', thresholds: { ageBelow: { value: 60, source: 'C' } } },
  // @ts-expect-error a threshold of another name than the kind reads
  { ...base, kind: 'age-under', thresholds: { ageBellow: { value: 60, source: 'C' } } },
  // @ts-expect-error a threshold the kind needs, forgotten
  { ...base, kind: 'pain-severe', thresholds: { minScore: { value: 5, source: 'C' } } },
  // @ts-expect-error the lesion link of a level count, forgotten
  {
    ...base,
    kind: 'levels-count',
    thresholds: { maxLevels: { value: 3, source: 'C' } },
    params: { levelFrom: 'C2', levelTo: 'L5' },
  },
  // @ts-expect-error the level range of a lesion criterion, forgotten
  { ...base, kind: 'painful-lesion', thresholds: {} },
  // @ts-expect-error a threshold given to a kind that reads none
  { ...base, kind: 'allergy', thresholds: { days: { value: 3, source: 'C' } } },
];

describe('criteria of every rule set, by kind', () => {
  const all = listRuleSets().map((info) => ruleSet(info.id)!);

  it('name an evaluator of their kind', () => {
    for (const rs of all) for (const c of rs.criteria) expect(EVALUATORS[c.kind], c.id).toBeTypeOf('function');
  });

  it('link, are answered by and are asked with criteria of their own rule set', () => {
    for (const rs of all) {
      const ids = new Set(rs.criteria.map((c) => c.id));
      for (const c of rs.criteria) {
        const named = [...Object.values(c.links ?? {}), ...(c.answeredBy ?? []), c.question?.askedWith];
        for (const id of named)
          if (id !== undefined) expect(ids.has(id), `${rs.info.id} ${c.id} names ${id}`).toBe(true);
      }
      // a payer's checklist item is documented by criteria of the same rule set
      for (const item of rs.documentation ?? [])
        for (const id of item.criteria)
          expect(ids.has(id), `${rs.info.id} checklist ${item.item} names ${id}`).toBe(true);
    }
  });

  it('a checklist is the rule set’s own data: lcd-pva has one, the guideline none', () => {
    expect(ruleSet('lcd-pva')?.documentation?.length).toBeGreaterThan(0);
    expect(ruleSet('pvp-guideline')?.documentation).toBeUndefined();
  });

  it('every criterion that reads the lesions reads them at the levels of the rule set’s lesion criterion', () => {
    for (const rs of all) {
      const lesion = rs.criteria.find((c) => c.kind === 'painful-lesion');
      const ranged = rs.criteria.filter((c) => c.params && 'levelFrom' in c.params);
      expect(ranged.length, rs.info.id).toBeGreaterThan(1);
      for (const c of ranged) expect(c.params, `${rs.info.id} ${c.id}`).toMatchObject(lesion!.params!);
    }
  });

  it('a level count reads the answered levels of the lesion criterion it links, not an id of its own', () => {
    for (const rs of all)
      for (const c of rs.criteria)
        if (c.kind === 'levels-count')
          expect(rs.criteria.find((l) => l.id === c.links.lesion)?.kind).toBe('painful-lesion');
  });
});
