import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuleSets } from '../../src/clinical';
import { ruleSet } from '../../src/clinical/rulesets';
import { criteriaDocument } from '../../src/clinical/rulesets/document';
import { VALUE_SETS } from '../../src/clinical/terminology/valuesets';

const DOCUMENT = resolve(import.meta.dirname, '../../docs/criteria.md');

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
});
