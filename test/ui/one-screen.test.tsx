// @vitest-environment jsdom
/**
 * Issue #16, "one screen to decide", over the real engine: the posterior wall asked once (Intact /
 * Disrupted / Not assessed yet), pre-filled from a report and confirmed; each question once;
 * "Go to the question" moves the focus to it; everything else under one "All criteria" fold.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPatients, type DemoPatient } from '../../mocks/patients';
import * as engine from '../../src/clinical';
import { planQuestions } from '../../src/ui/questionPlan';
import { Workspace } from '../../src/ui/Workspace';
import { fakeServices, type FakeServices } from './fakeServices';
import { makeSession } from './fixtures';

const now = new Date();
const scenario = (n: number) => demoPatients(now).find((p) => p.scenario === n) as DemoPatient;

let services: FakeServices;
beforeEach(() => {
  sessionStorage.clear();
  services = { ...fakeServices(), loadEngine: async () => engine } as FakeServices;
});
afterEach(cleanup);

async function open(patient: DemoPatient) {
  const record = engine.recordFromBundle(patient.bundle);
  render(<Workspace session={makeSession({ patientId: patient.id })} services={services} />);
  await waitFor(() => expect(services.reads).toHaveLength(1));
  await act(async () => services.reads[0]!.resolve(record));
  await screen.findByTestId('verdict');
  return record;
}

const verdict = () => screen.getByTestId('verdict').querySelector('.verdict-word')?.getAttribute('data-recommendation');
const wall = () => document.getElementById('question-rc.posterior-wall')!;
const checked = () => wall().querySelector<HTMLInputElement>('input:checked');

describe('the plan of the questions', () => {
  it('asks the posterior wall once, each shared question once, and marks those only the payer asks', () => {
    const record = engine.recordFromBundle(scenario(1).bundle);
    const guideline = engine.assess(record, { now });
    const coverage = engine.assess(record, { now, ruleSetId: 'lcd-pva' });
    const planned = planQuestions(guideline, [coverage]);
    const keys = planned.map((q) => q.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('req.posterior-wall-assessed');
    const posterior = planned.find((q) => q.key === 'rc.posterior-wall');
    expect(posterior?.companions.map((c) => c.id)).toEqual(['req.posterior-wall-assessed']);
    expect(posterior?.open).toBe(true);
    expect(posterior?.payerOnly).toBe(false);
    expect(planned.find((q) => q.key === 'ci.pain-not-from-fracture')?.payerOnly).toBe(true);
  });
});

describe('the posterior wall, asked once', () => {
  it('Intact / Disrupted / Not assessed yet: one answer, which "Not assessed yet" replaces', async () => {
    const user = userEvent.setup();
    await open(scenario(1));
    const choices = within(wall()).getAllByRole('radio');
    expect(choices.map((c) => c.parentElement?.textContent)).toEqual(['Intact', 'Disrupted', 'Not assessed yet']);
    expect(checked()).toBeNull();
    await user.click(within(wall()).getByLabelText('Intact'));
    expect(verdict()).not.toBe('insufficient-data');
    expect(document.getElementById('criterion-req.posterior-wall-assessed')?.getAttribute('data-status')).toBe('met');
    await user.click(within(wall()).getByLabelText('Not assessed yet'));
    expect(verdict()).toBe('insufficient-data');
    expect(document.getElementById('criterion-rc.posterior-wall')?.getAttribute('data-status')).toBe('unknown');
    expect(checked()?.parentElement?.textContent).toBe('Not assessed yet');
    const stored = JSON.parse(
      sessionStorage.getItem(Object.keys(sessionStorage).find((k) => k.includes(':answers:'))!)!,
    );
    expect(Object.keys(stored.answers)).toEqual(['req.posterior-wall-assessed']);
  });

  it('pre-filled from the report that describes it, to confirm; confirming makes it the surgeon’s answer', async () => {
    const user = userEvent.setup();
    await open(scenario(9));
    expect(verdict()).toBe('insufficient-data');
    expect(checked()?.parentElement?.textContent).toBe('Disrupted');
    const prefilled = within(wall()).getByTestId('prefilled');
    expect(prefilled.textContent).toMatch(
      /^From “MRI [^”]*” of [A-Z][a-z]{2} \d{1,2}, \d{4}: Disrupted\. Please confirm\./,
    );
    await user.click(within(prefilled).getByRole('button', { name: 'Confirm' }));
    expect(within(wall()).queryByTestId('prefilled')).toBeNull();
    expect(checked()?.parentElement?.textContent).toBe('Disrupted');
    expect(verdict()).toBe('eligible-with-cautions');
  });
});

describe('links within the screen', () => {
  it('"Go to the question" moves the focus to the question, from under "All criteria"', async () => {
    const user = userEvent.setup();
    await open(scenario(1));
    const all = screen.getByTestId('all-criteria') as HTMLDetailsElement;
    expect(all.open).toBe(false);
    const assessed = document.getElementById('criterion-req.posterior-wall-assessed')!;
    await user.click(within(assessed).getByRole('link', { name: 'Go to the question' }));
    expect(document.activeElement).toBe(within(wall()).getAllByRole('radio')[0]);
  });

  it('"See what was read" opens "All criteria" at the reads', async () => {
    const user = userEvent.setup();
    const patient = scenario(2);
    const record = engine.recordFromBundle(patient.bundle);
    record.reads.Observation = { state: 'failed', count: 0, reason: 'The EHR answered 500.' };
    record.resources.Observation = [];
    render(<Workspace session={makeSession({ patientId: patient.id })} services={services} />);
    await waitFor(() => expect(services.reads).toHaveLength(1));
    await act(async () => services.reads[0]!.resolve(record));
    await user.click(within(screen.getByTestId('verdict-unread')).getByRole('link', { name: 'See what was read' }));
    expect((screen.getByTestId('all-criteria') as HTMLDetailsElement).open).toBe(true);
    expect(document.activeElement?.id).toBe('reads');
  });
});
