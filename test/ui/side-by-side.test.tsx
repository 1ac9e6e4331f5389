// @vitest-environment jsdom
/**
 * The guideline and the coverage verdict side by side, over the real engine and a demo patient:
 * one read for both rule sets, one set of answers for both, the payer's checklist and open points.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPatients, type DemoPatient } from '../../mocks/patients';
import * as engine from '../../src/clinical';
import { Workspace } from '../../src/ui/Workspace';
import { fakeServices, type FakeServices } from './fakeServices';
import { makeSession } from './fixtures';

const now = new Date();
const scenario1 = demoPatients(now).find((p) => p.scenario === 1);
if (!scenario1) throw new Error('no scenario 1');

let services: FakeServices;
beforeEach(() => {
  sessionStorage.clear();
  services = { ...fakeServices(), loadEngine: async () => engine } as FakeServices;
});
afterEach(cleanup);

async function open(patient: DemoPatient = scenario1 as DemoPatient, locale = 'en-US') {
  const record = engine.recordFromBundle(patient.bundle);
  render(<Workspace session={makeSession({ patientId: patient.id, locale })} services={services} />);
  await waitFor(() => expect(services.reads).toHaveLength(1));
  await act(async () => services.reads[0]!.resolve(record));
  await screen.findByTestId('coverage-verdict');
  return record;
}

const recommendationOf = (testId: string) =>
  screen.getByTestId(testId).querySelector('.verdict-word')?.getAttribute('data-recommendation');
const statusIn = (prefix: string, criterion: string) =>
  document.getElementById(`${prefix}criterion-${criterion}`)?.getAttribute('data-status');

describe('the guideline and the coverage verdict side by side', () => {
  it('a site without a payer rule set (site.json "off"): the guideline alone, read for it alone', async () => {
    const record = engine.recordFromBundle(scenario1!.bundle);
    render(
      <Workspace session={makeSession({ patientId: scenario1!.id, payerRuleSets: undefined })} services={services} />,
    );
    await waitFor(() => expect(services.reads).toHaveLength(1));
    await act(async () => services.reads[0]!.resolve(record));
    await screen.findByTestId('verdict');
    expect(services.calls[0]?.ruleSetIds).toEqual(['pvp-guideline']);
    expect(screen.queryByTestId('coverage-verdict')).toBeNull();
    expect(screen.getByTestId('note-preview').textContent).not.toContain('Payer coverage');
  });

  it('shows both verdicts from one read of the record for both rule sets', async () => {
    const record = await open();
    expect(services.calls).toHaveLength(1);
    expect(services.calls[0]?.ruleSetIds).toEqual(['pvp-guideline', 'lcd-pva']);
    expect(recommendationOf('verdict')).toBe(engine.assess(record, { now }).recommendation);
    expect(recommendationOf('coverage-verdict')).toBe(
      engine.assess(record, { now, ruleSetId: 'lcd-pva' }).recommendation,
    );
    expect(screen.getByTestId('verdict').querySelector('h2')?.textContent).toBe('Recommendation: Clinical guideline');
    expect(screen.getByTestId('coverage-verdict').querySelector('h2')?.textContent).toBe(
      'Recommendation: Payer coverage',
    );
    expect(screen.getByTestId('coverage-verdict').textContent).toContain(
      'Medicare coverage: percutaneous vertebral augmentation (LCD L38737)',
    );
    // two panels of one kind never share an element id
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('asks each question once, and one answer counts for both rule sets', async () => {
    const user = userEvent.setup();
    await open();
    expect(document.querySelectorAll('[id="question-rc.posterior-wall"]')).toHaveLength(1);
    // a question only the payer asks is asked too
    expect(document.getElementById('question-ci.pain-not-from-fracture')).not.toBeNull();
    expect(statusIn('coverage-', 'rc.posterior-wall')).toBe('unknown');
    await user.click(within(document.getElementById('question-rc.posterior-wall')!).getByLabelText('Intact'));
    expect(statusIn('', 'rc.posterior-wall')).toBe('not-met');
    expect(statusIn('coverage-', 'rc.posterior-wall')).toBe('not-met');
    expect(recommendationOf('verdict')).toBe('eligible');
    expect(services.calls).toHaveLength(1);
  });

  it('shows the payer’s documentation checklist, and a Roland-Morris score (0-24) completes it', async () => {
    const user = userEvent.setup();
    await open();
    const checklist = screen.getByTestId('coverage-documentation');
    const item = (name: string) => checklist.querySelector(`[data-item="${name}"]`) as HTMLElement;
    expect(item('pain-scores').getAttribute('data-status')).toBe('present');
    expect(item('pain-scores').textContent).toContain('Present');
    expect(item('pain-scores').querySelector('code')?.textContent).toMatch(/^Observation\//);
    expect(item('functional-scores').getAttribute('data-status')).toBe('missing');
    expect(item('functional-scores').textContent).toContain('Missing');

    const question = document.getElementById('question-req.functional-score')!;
    await user.type(within(question).getByLabelText('Value'), '19');
    await user.click(within(question).getByRole('button', { name: 'Save' }));
    expect(item('functional-scores').getAttribute('data-status')).toBe('present');
    expect(item('functional-scores').textContent).toContain('Roland-Morris score 19/24');
  });

  it('states plainly what the payer rule set could not verify', async () => {
    await open();
    const points = screen.getByTestId('coverage-open-points');
    expect(within(points).getByRole('heading').textContent).toBe('Not verified in the rule set');
    expect(points.textContent).toContain(
      'No LOINC code for the Roland-Morris Disability Questionnaire total score could be verified',
    );
    expect(points.querySelectorAll('li').length).toBe(
      engine.listRuleSets().find((r) => r.id === 'lcd-pva')?.openPoints?.length,
    );
    // the criterion it concerns carries the mark too
    expect(document.getElementById('coverage-criterion-req.functional-score')?.textContent).toContain('Not verified');
    expect(document.getElementById('criterion-ind.pain-severe')?.textContent).not.toContain('Not verified');
  });

  it('lists the questions only the payer needs apart, labelled so; none of them once the clinical verdict says no', async () => {
    await open();
    const payer = screen.getByTestId('payer-questions');
    expect(within(payer).getByRole('heading').textContent).toBe('Only the payer needs these');
    expect(payer.contains(document.getElementById('question-ci.pain-not-from-fracture'))).toBe(true);
    expect(payer.contains(document.getElementById('question-rc.posterior-wall'))).toBe(false);
    cleanup();

    const notEligible = demoPatients(now).find((p) => p.scenario === 2)!;
    services = { ...fakeServices(), loadEngine: async () => engine } as FakeServices;
    await open(notEligible as DemoPatient);
    expect(recommendationOf('verdict')).toBe('not-eligible');
    expect(screen.queryByTestId('payer-questions')).toBeNull();
    expect(screen.queryByTestId('coverage-verdict-cautions')).toBeNull();
    expect(screen.getByTestId('coverage-verdict').textContent).toContain('Its to-dos are not shown');
  });

  it('the payer’s verdict does not repeat what the guideline’s says to do or order', async () => {
    // scenario 10: no MRI/CT in 12 weeks, both rule sets order the MRI
    await open(demoPatients(now).find((p) => p.scenario === 10) as DemoPatient);
    const said = (testId: string) =>
      [...(screen.queryByTestId(testId)?.querySelectorAll('li[data-criterion]') ?? [])].map((li) =>
        li.getAttribute('data-criterion'),
      );
    const guideline = said('verdict-cautions');
    expect(guideline).toContain('req.imaging');
    expect(guideline).toContain('ind.fracture-acute');
    const payer = said('coverage-verdict-cautions');
    expect(payer.filter((id) => guideline.includes(id))).toEqual([]);
    expect(screen.getByTestId('coverage-verdict-cautions').textContent).not.toMatch(/MRI/);
  });

  it('signs one note with both verdicts', async () => {
    await open();
    const preview = screen.getByTestId('note-preview').textContent ?? '';
    expect(preview).toContain(
      'Payer coverage: More information needed (Medicare coverage: percutaneous vertebral augmentation (LCD L38737))',
    );
    expect(preview).toMatch(/\nFor the payer: .*Roland-Morris/);
  });

  it('speaks German in both columns', async () => {
    await open(scenario1 as DemoPatient, 'de-DE');
    expect(screen.getByTestId('coverage-verdict').querySelector('h2')?.textContent).toBe('Empfehlung: Kostenübernahme');
    expect(within(screen.getByTestId('coverage-documentation')).getByRole('heading', { level: 2 }).textContent).toBe(
      'Vom Kostenträger verlangte Dokumentation',
    );
    const points = screen.getByTestId('coverage-open-points');
    expect(points.textContent).toContain('Nicht verifiziert');
    // the rule set's open points in German too: no English in the German screen (issue #16)
    expect(points.textContent).toContain('ließ sich kein LOINC-Code verifizieren');
    expect(points.textContent).not.toMatch(/\b(the|was|not|and)\b/);
    expect(document.getElementById('coverage-criterion-req.functional-score')?.textContent).toContain('LOINC-Code');
    expect(within(screen.getByTestId('payer-questions')).getByRole('heading').textContent).toBe(
      'Nur für den Kostenträger',
    );
  });
});
