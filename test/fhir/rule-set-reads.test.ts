import { describe, expect, it } from 'vitest';
import { listRuleSets, searchNeeds } from '../../src/clinical';
import { needsOfRuleSets } from '../../src/fhir/queries';
import { searchNeedsByRuleSet } from '../../src/fhir/rule-set-reads';

// index.html's boot code plans the reads from the build's table (vite.config.ts, src/main.ts): it
// must ask for exactly what the rule sets' searchNeeds asks for, whichever rule sets a site names
describe("the reads' filters from each rule set's alone", () => {
  const table = searchNeedsByRuleSet();
  const ids = listRuleSets().map((info) => info.id);

  it('has every rule set of the engine, each with what searchNeeds gives it', () => {
    expect(Object.keys(table).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(table[id]).toEqual(searchNeeds([id]));
    expect(table['pvp-guideline']?.Observation?.length).toBeGreaterThan(0);
  });

  it.each([
    [[]],
    [['pvp-guideline']],
    [['lcd-pva']],
    [['pvp-guideline', 'lcd-pva']],
    [['lcd-pva', 'pvp-guideline']],
    [['pvp-guideline', 'pvp-guideline', 'lcd-pva']],
    [['pvp-guideline', 'no-such-rule-set']],
    [['toString', 'constructor', '__proto__']],
  ])('gives what searchNeeds gives for %j', (ruleSetIds) => {
    expect(needsOfRuleSets(table, ruleSetIds)).toEqual(searchNeeds(ruleSetIds));
  });

  it('survives the JSON the build writes', () => {
    const written = JSON.parse(JSON.stringify(table)) as typeof table;
    expect(needsOfRuleSets(written, ids)).toEqual(searchNeeds(ids));
  });
});
