// @vitest-environment jsdom
/**
 * A site naming two payers' rule sets (site.json `payerRuleSets`): the screen shows one payer verdict
 * per rule set under the guideline's, each with its title, from one read of the record for all of
 * them; a question both payers ask is asked once; the note states every payer's verdict. The app
 * ships one payer rule set (lcd-pva): the second, a commercial payer's, is defined here only, as the
 * LCD's criteria under another title, so that it shares the LCD's payer-only questions.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPatients, type DemoPatient } from '../../mocks/patients';
import * as engine from '../../src/clinical';
import type { RuleSetInfo } from '../../src/clinical/assessment';
import { assessedRuleSets } from '../../src/ui/ruleSets';
import type { Engine } from '../../src/ui/services';
import { Workspace } from '../../src/ui/Workspace';
import { fakeServices, type FakeServices } from './fakeServices';
import { makeSession } from './fixtures';

const now = new Date();
const COMMERCIAL = 'test-commercial';
const commercialInfo: RuleSetInfo = {
  id: COMMERCIAL,
  version: 'T1',
  title: { en: 'Commercial payer (test)', de: 'Privater Kostenträger (Test)' },
  citations: [],
};

/** The real engine, with a second payer's rule set beside the LCD. */
const withSecondPayer: Engine = {
  listRuleSets: () => [...engine.listRuleSets(), commercialInfo],
  assess(record, options) {
    if (options.ruleSetId !== COMMERCIAL) return engine.assess(record, options);
    const lcd = engine.assess(record, { ...options, ruleSetId: 'lcd-pva' });
    const { openPoints: _none, ...info } = commercialInfo;
    return { ...lcd, ruleset: { id: COMMERCIAL, version: 'T1' }, rulesetInfo: info };
  },
};

let services: FakeServices;
beforeEach(() => {
  sessionStorage.clear();
  services = { ...fakeServices(), loadEngine: async () => withSecondPayer } as FakeServices;
});
afterEach(cleanup);

async function open(scenario: number, payerRuleSets = ['lcd-pva', COMMERCIAL]) {
  const patient = demoPatients(now).find((p) => p.scenario === scenario) as DemoPatient;
  const record = engine.recordFromBundle(patient.bundle);
  render(<Workspace session={makeSession({ patientId: patient.id, payerRuleSets })} services={services} />);
  await waitFor(() => expect(services.reads).toHaveLength(1));
  await act(async () => services.reads[0]!.resolve(record));
  await screen.findByTestId('verdict');
  return record;
}

const recommendationOf = (testId: string) =>
  screen.getByTestId(testId).querySelector('.verdict-word')?.getAttribute('data-recommendation');

describe('two payers’ rule sets', () => {
  it('the site’s list, in its order: the guideline, a rule set named twice or unknown to the engine left out', () => {
    const available = withSecondPayer.listRuleSets();
    expect(assessedRuleSets(available, [COMMERCIAL, 'lcd-pva', 'lcd-pva', 'lcd-l99999', 'pvp-guideline'])).toEqual({
      guideline: 'pvp-guideline',
      payers: [COMMERCIAL, 'lcd-pva'],
    });
    expect(assessedRuleSets(available, undefined)).toEqual({ guideline: 'pvp-guideline', payers: [] });
  });

  it('shows one payer verdict per rule set under the guideline’s, each with its title, from one read for all', async () => {
    const record = await open(1);
    expect(services.calls).toHaveLength(1);
    expect(services.calls[0]?.ruleSetIds).toEqual(['pvp-guideline', 'lcd-pva', COMMERCIAL]);
    const panels = [...document.querySelectorAll('.decide-verdicts > [data-testid$="verdict"]')].map((el) =>
      el.getAttribute('data-testid'),
    );
    expect(panels).toEqual(['verdict', 'coverage-verdict', `coverage-${COMMERCIAL}-verdict`]);
    const lcd = engine.assess(record, { now, ruleSetId: 'lcd-pva' }).recommendation;
    expect(recommendationOf('coverage-verdict')).toBe(lcd);
    expect(recommendationOf(`coverage-${COMMERCIAL}-verdict`)).toBe(lcd);
    expect(screen.getByTestId('coverage-verdict').textContent).toContain(
      'Medicare coverage: percutaneous vertebral augmentation (LCD L38737)',
    );
    const second = screen.getByTestId(`coverage-${COMMERCIAL}-verdict`);
    expect(second.querySelector('h2')?.textContent).toBe('Recommendation: Payer coverage');
    expect(second.querySelector('.verdict-ruleset')?.textContent).toBe('Commercial payer (test)');
    // the bar names each payer by its rule set
    expect(
      [...screen.getByTestId('verdict-bar').querySelectorAll('.verdict-bar-label')].map((el) => el.textContent),
    ).toEqual([
      'Clinical guideline:',
      'Medicare coverage: percutaneous vertebral augmentation (LCD L38737):',
      'Commercial payer (test):',
    ]);
    // every payer's criteria behind the fold, and no element id twice
    expect(document.getElementById(`coverage-${COMMERCIAL}-criterion-req.functional-score`)).not.toBeNull();
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('asks a question both payers ask once', async () => {
    await open(1);
    const payer = screen.getByTestId('payer-questions');
    expect(document.querySelectorAll('[id="question-ci.pain-not-from-fracture"]')).toHaveLength(1);
    expect(payer.contains(document.getElementById('question-ci.pain-not-from-fracture'))).toBe(true);
  });

  it('hides every payer’s to-dos and questions when the clinical verdict is "not eligible"', async () => {
    await open(2);
    expect(recommendationOf('verdict')).toBe('not-eligible');
    expect(screen.queryByTestId('payer-questions')).toBeNull();
    for (const prefix of ['coverage-', `coverage-${COMMERCIAL}-`]) {
      expect(screen.queryByTestId(`${prefix}verdict-cautions`)).toBeNull();
      expect(screen.getByTestId(`${prefix}verdict`).textContent).toContain('Its to-dos are not shown');
    }
  });

  it('the note states each payer’s verdict with its title, and a payer’s to-do once', async () => {
    await open(1);
    const preview = screen.getByTestId('note-preview').textContent ?? '';
    expect(preview).toContain(
      'Payer coverage: More information needed (Medicare coverage: percutaneous vertebral augmentation (LCD L38737))',
    );
    expect(preview).toContain('Payer coverage: More information needed (Commercial payer (test))');
    // the second payer's to-dos are the LCD's, said once under the first
    expect(preview).toMatch(/\nFor the payer \(Medicare coverage[^\n]*\): .*Roland-Morris/);
    expect(preview).not.toContain('For the payer (Commercial payer (test))');
  });

  it('a site with one payer shows and writes exactly what it did', async () => {
    await open(1, ['lcd-pva']);
    expect(screen.queryByTestId(`coverage-${COMMERCIAL}-verdict`)).toBeNull();
    expect(
      [...screen.getByTestId('verdict-bar').querySelectorAll('.verdict-bar-label')].map((el) => el.textContent),
    ).toEqual(['Clinical guideline:', 'Payer coverage:']);
    const preview = screen.getByTestId('note-preview').textContent ?? '';
    expect(preview).toMatch(/\nFor the payer: .*Roland-Morris/);
  });
});
