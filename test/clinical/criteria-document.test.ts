import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuleSets } from '../../src/clinical';
import { ruleSet } from '../../src/clinical/rulesets';
import { aggregate } from '../../src/clinical/aggregate';
import {
  aggregationTable,
  criteriaDocument,
  TABLE_END,
  TABLE_START,
  withAggregationTable,
} from '../../src/clinical/rulesets/document';
import { eligibleResults, roleOf } from '../../src/clinical/rulesets/roles';
import { VALUE_SETS } from '../../src/clinical/terminology/valuesets';

const DOCUMENT = resolve(import.meta.dirname, '../../docs/criteria.md');
const README = resolve(import.meta.dirname, '../../README.md');

describe('docs/criteria.md, generated from the rule sets', () => {
  const generated = criteriaDocument();

  it('is up to date: run `npm run docs` after changing a rule set or a value set', () => {
    expect(readFileSync(DOCUMENT, 'utf8').replace(/\r\n/g, '\n')).toBe(generated);
  });

  it('gives every criterion of every rule set its section, thresholds, question, caution and citations', () => {
    for (const info of listRuleSets()) {
      const rs = ruleSet(info.id);
      expect(rs).toBeDefined();
      for (const c of rs?.criteria ?? []) {
        const start = generated.indexOf(`\n#### ${info.id}: ${c.id}\n`);
        expect(start, `${info.id} ${c.id}`).toBeGreaterThan(0);
        const section = generated.slice(start, generated.indexOf('\n#### ', start + 1));
        expect(section).toContain(c.meaning);
        for (const [name, t] of Object.entries(c.thresholds)) {
          expect(section).toContain(`| \`${name}\` | ${t.value}`);
          expect(section).toContain(t.source);
        }
        if (c.question) expect(section).toContain(c.question.prompt.en);
        if (c.caution) expect(section).toContain(c.caution.de);
        for (const key of c.citations) expect(section).toContain(`[${key}]`);
      }
      expect(generated).toContain(`\n### ${info.id}: how statuses combine\n`);
      for (const citation of info.citations) expect(generated).toContain(citation.text);
    }
  });

  it('lists every code of every value set with its system and display', () => {
    for (const vs of VALUE_SETS) {
      const start = generated.indexOf(`\n### ${vs.id}\n`);
      expect(start, vs.id).toBeGreaterThan(0);
      const section = generated.slice(start, generated.indexOf('\n### ', start + 1));
      for (const e of [...vs.entries, ...(vs.exclude ?? [])])
        expect(section).toContain(`| ${e.system} | \`${e.code}\` | ${e.display.replace(/\|/g, '\\|')} |`);
    }
  });

  it('writes the aggregation rules from the data: a rule-set id in a rule appears in the text', () => {
    const lcd = ruleSet('lcd-pva');
    const rules = generated.slice(
      generated.indexOf('### lcd-pva: how statuses combine'),
      generated.indexOf('### lcd-pva: criteria'),
    );
    for (const id of [
      ...(lcd?.aggregation.insufficientWhenUnknown.ids ?? []),
      ...(lcd?.aggregation.cautionWhenNotMet ?? []),
    ])
      expect(rules).toContain(`\`${id}\``);
  });

  it('lists every criterion id of every rule set with its group and its role in the verdict', () => {
    for (const info of listRuleSets()) {
      const rs = ruleSet(info.id);
      const start = generated.indexOf(`\n### ${info.id}: criteria\n`);
      const section = generated.slice(start, generated.indexOf('\n#### ', start));
      for (const c of rs?.criteria ?? []) {
        const row = section.split('\n').find((line) => line.startsWith(`| [\`${c.id}\`]`));
        expect(row, `${info.id} ${c.id}`).toBeDefined();
        expect(row).toContain(rs ? roleOf(rs, c) : '');
      }
    }
    // the lcd-pva differences the roles show
    const lcd = ruleSet('lcd-pva');
    const role = (id: string) => {
      const def = lcd?.criteria.find((c) => c.id === id);
      return lcd && def ? roleOf(lcd, def) : '';
    };
    expect(role('ci.cement-allergy')).toBe('`met`: eligible with cautions; `unknown`: more information needed');
    expect(role('req.functional-score')).toBe('`not-met`: eligible with cautions; `unknown`: eligible with cautions');
    expect(role('ind.conservative-failed')).toContain('`not-met`: not eligible for now');
  });

  it('the roles are asked of the engine from a patient every rule set finds eligible', () => {
    for (const info of listRuleSets()) {
      const rs = ruleSet(info.id);
      if (!rs) throw new Error(info.id);
      expect(aggregate(eligibleResults(rs), [], rs.aggregation).recommendation, info.id).toBe('eligible');
    }
  });

  it('the README carries the table of how statuses combine, as `npm run docs` writes it', () => {
    const readme = readFileSync(README, 'utf8').replace(/\r\n/g, '\n');
    expect(readme).toContain(TABLE_START);
    expect(readme).toContain(TABLE_END);
    expect(withAggregationTable(readme, aggregationTable())).toBe(readme);
    const table = aggregationTable().join('\n');
    expect(generated).toContain(table);
    expect(table).toContain(
      '| a relative contraindication is `unknown` | eligible with cautions, the caution naming what is not known | more information needed |',
    );
  });
});
