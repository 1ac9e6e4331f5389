import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess, listRuleSets } from '../../src/clinical';
import { EVALUATORS } from '../../src/clinical/criteria';
import { ruleSet, type Threshold } from '../../src/clinical/rulesets';
import { valueSet } from '../../src/clinical/terminology/valuesets';
import { baseResources, NOW, record, WALL_ASSESSED } from './fixtures';

const rs = ruleSet('pvp-guideline');
if (!rs) throw new Error('pvp-guideline missing');
/**
 * The clinical specification the rule set was written from. It is not part of the repository (the
 * repository's own account is docs/criteria.md, generated from the rule sets): where a checkout has
 * it beside it, the criterion ids are checked against it.
 */
const SPECIFICATION = resolve(import.meta.dirname, '../../../shared/criteria.md');

describe.runIf(existsSync(SPECIFICATION))('pvp-guideline against ../shared/criteria.md, when present', () => {
  it('has exactly the criterion ids of the specification, in their groups', () => {
    const specification = readFileSync(SPECIFICATION, 'utf8');
    const contractSection = specification.slice(0, specification.indexOf('## Second rule set'));
    const table = (heading: string) => {
      const start = contractSection.indexOf(heading);
      const end = contractSection.indexOf('\n## ', start + 1);
      return [...contractSection.slice(start, end).matchAll(/^\| `([a-z]+\.[a-z0-9-]+)`/gm)].map((m) => m[1]);
    };
    const expected = {
      indication: table('## Indications'),
      'absolute-contraindication': table('## Absolute contraindications'),
      'relative-contraindication': table('## Relative contraindications'),
      requirement: table('## Pre-procedure requirements'),
    };
    for (const [group, ids] of Object.entries(expected)) {
      expect(ids.length).toBeGreaterThan(2);
      expect(rs.criteria.filter((c) => c.group === group).map((c) => c.id)).toEqual(ids);
    }
  });
});

describe('rule set pvp-guideline 2026.1', () => {
  it('is listed with its version and citations', () => {
    expect(listRuleSets()).toContainEqual(expect.objectContaining({ id: 'pvp-guideline', version: '2026.1' }));
    const keys = new Set(rs.info.citations.map((c) => c.key));
    for (const c of rs.criteria)
      for (const key of c.citations) expect(keys.has(key), `${c.id} cites ${key}`).toBe(true);
  });

  it('every criterion names a known evaluator, known value sets, sourced thresholds and both languages', () => {
    for (const c of rs.criteria) {
      expect(EVALUATORS[c.kind], c.id).toBeDefined();
      for (const vs of c.valueSets) expect(valueSet(vs), `${c.id} ${vs}`).toBeDefined();
      for (const [name, t] of Object.entries(c.thresholds)) {
        expect(Number.isFinite(t.value), `${c.id}.${name}`).toBe(true);
        expect(t.source.length, `${c.id}.${name}`).toBeGreaterThan(2);
      }
      for (const text of [
        c.title,
        c.need,
        ...(c.caution ? [c.caution] : []),
        ...(c.question ? [c.question.prompt] : []),
      ]) {
        expect(text.en.length).toBeGreaterThan(2);
        expect(text.de.length).toBeGreaterThan(2);
      }
    }
  });

  it('the agreed thresholds are the data: 14 d, ≥ 5, 21 d, 12 months, 12 weeks, 30 d, INR 1.5, platelets 50, > 3 levels, 60 years', () => {
    const t = (id: string, name: string) =>
      (rs.criteria.find((c) => c.id === id)?.thresholds as Record<string, Threshold | undefined>)[name]?.value;
    expect([t('ind.pain-severe', 'windowDays'), t('ind.pain-severe', 'minScore')]).toEqual([14, 5]);
    expect([t('ind.conservative-failed', 'minDays'), t('ind.conservative-failed', 'inpatientScore')]).toEqual([21, 8]);
    expect(t('ind.fracture-acute', 'healedMonths')).toBe(12);
    expect(t('req.imaging', 'windowWeeks')).toBe(12);
    expect(t('req.coagulation-labs', 'windowDays')).toBe(30);
    expect([t('rc.coagulation-correctable', 'inrAbove'), t('rc.coagulation-correctable', 'plateletsBelow')]).toEqual([
      1.5, 50,
    ]);
    expect([
      t('ci.infection-active', 'crpAbove'),
      t('ci.infection-active', 'wbcAbove'),
      t('ci.infection-active', 'temperatureFrom'),
    ]).toEqual([50, 12, 38]);
    expect(t('rc.levels-over-3', 'maxLevels')).toBe(3);
    expect(t('rc.age-under-60', 'ageBelow')).toBe(60);
    expect(t('rc.vertebra-plana', 'heightLossAbove')).toBe(70);
  });

  it('no rationale reads a threshold that is missing from the data (no NaN)', () => {
    const a = assess(record(baseResources()), { now: NOW, answers: WALL_ASSESSED });
    for (const c of a.criteria) {
      expect(c.rationale).not.toContain('NaN');
      expect(c.rationaleText.de).not.toContain('NaN');
    }
  });

  it('gives every number question of every rule set its scale', () => {
    const numberQuestions = listRuleSets()
      .flatMap((info) => ruleSet(info.id)?.criteria ?? [])
      .filter((c) => c.question?.kind === 'number');
    expect([...new Set(numberQuestions.map((c) => c.id))].sort()).toEqual(['ind.pain-severe', 'req.functional-score']);
    for (const c of numberQuestions) expect(c.question?.scale, c.id).toBeDefined();
    expect(numberQuestions.find((c) => c.id === 'ind.pain-severe')?.question?.scale).toEqual({ min: 0, max: 10 });
    expect(numberQuestions.find((c) => c.id === 'req.functional-score')?.question?.scale).toEqual({ min: 0, max: 24 });
  });
});
