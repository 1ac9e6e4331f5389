// @vitest-environment jsdom
/**
 * The view over the real engine and the demo EHR's scenario patients (the record handed over as
 * the fetch stage would): answering a question re-runs the engine and changes the verdict.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPatients, type DemoPatient } from '../../mocks/patients';
import * as engine from '../../src/clinical';
import { Workspace } from '../../src/ui/Workspace';
import { fakeServices, type FakeServices } from './fakeServices';
import { withFractureUncoded } from '../clinical/uncoded-fracture';
import { makeSession } from './fixtures';

const now = new Date();
const patients = demoPatients(now);
const scenario = (n: number): DemoPatient => {
  const found = patients.find((p) => p.scenario === n);
  if (!found) throw new Error(`no scenario ${n}`);
  return found;
};

let services: FakeServices;
beforeEach(() => {
  sessionStorage.clear();
  services = { ...fakeServices(), loadEngine: async () => engine } as FakeServices;
});
afterEach(cleanup);

async function open(patient: DemoPatient, locale = 'en-US') {
  const record = engine.recordFromBundle(patient.bundle);
  const view = render(<Workspace session={makeSession({ patientId: patient.id, locale })} services={services} />);
  await waitFor(() => expect(services.reads).toHaveLength(1));
  await act(async () => services.reads[0]!.resolve(record));
  await screen.findByTestId('verdict');
  return Object.assign(view, { record });
}

const verdict = () => screen.getByTestId('verdict').querySelector('.verdict-word')!.getAttribute('data-recommendation');

describe('the view over the real engine', () => {
  it('scenario 1: the posterior-wall answer turns "more information needed" into the engine’s verdict', async () => {
    const user = userEvent.setup();
    const patient = scenario(1);
    const { record } = await open(patient);
    expect(verdict()).toBe('insufficient-data');
    const question = document.getElementById('question-rc.posterior-wall')!;
    await user.click(within(question).getByLabelText('Intact'));

    const expected = engine.assess(record, {
      now,
      answers: { 'rc.posterior-wall': { status: 'not-met' } },
    }).recommendation;
    expect(expected).not.toBe('insufficient-data');
    expect(verdict()).toBe(expected);
    const assessed = document.getElementById('criterion-req.posterior-wall-assessed')!;
    expect(assessed.getAttribute('data-status')).toBe('met');
    expect(assessed.querySelector('.surgeon-tag')).not.toBeNull();
    expect(services.calls).toHaveLength(1);
  });

  it('scenario 1: the posterior wall not known is asked beside the verdict once, not repeated among its cautions', async () => {
    const user = userEvent.setup();
    const patient = scenario(1);
    const { record } = await open(patient);
    const guideline = engine.assess(record, { now });
    // the engine still gives the caution (the note lists it): the screen says it once, as the question
    expect(guideline.criteria.find((c) => c.id === 'rc.posterior-wall')?.caution?.en).toMatch(/^Not known/);
    const question = document.getElementById('question-rc.posterior-wall')!;
    expect(screen.getByTestId('questions').contains(question)).toBe(true);
    const cautions = () => screen.queryByTestId('verdict-cautions')?.textContent ?? '';
    // before: "Posterior wall disrupted: Not known: the posterior-wall finding on MRI/CT. Clarify before the procedure."
    expect(cautions()).not.toContain('Posterior wall disrupted');
    // a task of its own beside a question stays (the payer's score to document)
    expect(screen.getByTestId('coverage-verdict-cautions').textContent).toContain('Document a Roland-Morris');
    await user.click(within(question).getByLabelText('Disrupted'));
    expect(cautions()).toContain('Posterior wall disrupted: Higher risk of cement leak');
  });

  it('a question answered under "All criteria" stays where it is; after a remount it is asked with the verdict', async () => {
    const user = userEvent.setup();
    const view = await open(scenario(1));
    const folded = () => screen.getByTestId('all-criteria');
    await user.click(within(folded()).getByText(/^All criteria/));
    const radicular = () => document.getElementById('question-rc.radicular-pain')!;
    expect(folded().contains(radicular())).toBe(true);
    await user.click(within(radicular()).getByLabelText('No, radicular pain predominates'));
    expect(folded().contains(radicular())).toBe(true);
    expect(document.getElementById('criterion-rc.radicular-pain')?.getAttribute('data-status')).toBe('met');
    view.unmount();

    services = { ...fakeServices(), loadEngine: async () => engine } as FakeServices;
    await open(scenario(1));
    expect(folded().contains(radicular())).toBe(false);
    expect(screen.getByTestId('questions').contains(radicular())).toBe(true);
    expect((within(radicular()).getByLabelText('No, radicular pain predominates') as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it('without an encounter, asks "Is the patient an inpatient?" where it decides; the answer goes under its own key', async () => {
    const user = userEvent.setup();
    const patient = scenario(1);
    // scenario 1 with every order written 4 days ago: NRS 8 after a few days of analgesics
    const fewDaysAgo = new Date(now.getTime() - 4 * 86_400_000).toISOString();
    const entry = patient.bundle.entry?.map((e) =>
      e.resource?.resourceType === 'MedicationRequest'
        ? { ...e, resource: { ...e.resource, authoredOn: fewDaysAgo } }
        : e,
    );
    const { record } = await open({ ...patient, bundle: { ...patient.bundle, entry } });
    // asked once, under the shared question's own key, whichever criteria need it
    const question = document.getElementById('question-setting.inpatient')!;
    expect(question.textContent).toContain('Is the patient an inpatient?');
    expect(document.querySelectorAll('[id^="question-"] legend').length).toBe(
      new Set([...document.querySelectorAll('[id^="question-"] legend')].map((l) => l.textContent)).size,
    );
    await user.click(within(question).getByLabelText('Yes, an inpatient'));
    expect(document.getElementById('criterion-ind.conservative-failed')?.getAttribute('data-status')).toBe('met');
    const answered = engine.assess(record, { now, answers: { 'setting.inpatient': { status: 'met' } } });
    expect(verdict()).toBe(answered.recommendation);
    expect((within(question).getByLabelText('Yes, an inpatient') as HTMLInputElement).checked).toBe(true);
  });

  it('the diagnosis-and-level answer carries its levels: they decide "more than 3 levels"', async () => {
    const user = userEvent.setup();
    const patient = scenario(1);
    const { record } = await open({ ...patient, bundle: withFractureUncoded(patient.bundle) });
    expect(verdict()).toBe('insufficient-data');
    const question = document.getElementById('question-ind.painful-lesion')!;
    await user.type(within(question).getByLabelText('Levels (e.g. T12, L1)'), 'L1');
    await user.click(within(question).getByRole('button', { name: 'Save' }));
    await user.click(within(document.getElementById('question-rc.posterior-wall')!).getByLabelText('Intact'));
    const levels = document.getElementById('criterion-rc.levels-over-3')!;
    expect(levels.getAttribute('data-status')).toBe('not-met');
    const answered = engine.assess(record, {
      now,
      answers: {
        'ind.painful-lesion': { status: 'met', levels: ['L1'] },
        'rc.posterior-wall': { status: 'not-met' },
      },
    });
    expect(answered.recommendation).toBe('eligible');
    expect(verdict()).toBe('eligible');
  });

  it('scenario 2: not eligible, decided by pain controlled on analgesics', async () => {
    await open(scenario(2));
    expect(verdict()).toBe('not-eligible');
    expect(
      screen.getByTestId('verdict').querySelector('.verdict-reasons [data-criterion]')?.getAttribute('data-criterion'),
    ).toBe('ci.pain-controlled');
    expect(screen.queryByTestId('expected-outcome')).toBeNull();
  });

  it('scenario 6: the surgeon says the bleeding disorder cannot be corrected → not eligible', async () => {
    const user = userEvent.setup();
    await open(scenario(6));
    expect(verdict()).toBe('insufficient-data');
    const question = document.getElementById('question-ci.coagulopathy-uncorrectable')!;
    const options = within(question).getAllByRole('radio');
    const metOption = options.find((o) => (o as HTMLInputElement).value === 'met')!;
    await user.click(metOption);
    expect(verdict()).toBe('not-eligible');
  });

  it('every criterion of the rule set is shown in its group, with evidence that opens to the resource', async () => {
    const user = userEvent.setup();
    const { record } = await open(scenario(1));
    const assessment = engine.assess(record, { now });
    for (const c of assessment.criteria) {
      const item = document.getElementById(`criterion-${c.id}`)!;
      expect(item.closest('[data-group]')?.getAttribute('data-group')).toBe(c.group);
    }
    const lesion = document.getElementById('criterion-ind.painful-lesion')!;
    await user.click(within(lesion).getByText(/^Evidence \(/));
    await user.click(within(lesion).getAllByText(/^Details/)[0]!);
    expect(lesion.querySelector('.resource-fields')?.textContent).toMatch(/Condition\//);
  });

  it('reads once for every rule set and shows the payer’s verdict under the guideline’s', async () => {
    await open(scenario(8));
    const ids = engine.listRuleSets().map((r) => r.id);
    expect(services.calls[0]?.ruleSetIds).toEqual(ids);
    const other = engine.listRuleSets().find((r) => r.id !== 'pvp-guideline');
    if (!other) throw new Error('expected a second rule set (lcd-pva)');
    expect(screen.getByTestId('coverage-verdict').textContent).toContain(other.title.en);
    expect(
      screen.getByTestId('verdict').compareDocumentPosition(screen.getByTestId('coverage-verdict')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(services.calls).toHaveLength(1);
  });

  it('scenario 13 in German: German words around the rule set’s German texts', async () => {
    await open(scenario(13), 'de-DE');
    const guidelineCriteria = within(screen.getByTestId('criteria-section'));
    expect(guidelineCriteria.getByRole('heading', { name: 'Indikationen' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Fragen an die Operateurin / den Operateur' })).toBeTruthy();
    expect(
      guidelineCriteria.getByRole('heading', { name: 'Wirbelkörperfraktur oder osteolytische Läsion' }),
    ).toBeTruthy();
    expect(verdict()).toBe('insufficient-data');
    expect(screen.getByTestId('verdict').textContent).toContain('Weitere Angaben nötig');
  });
  it('"What was read" shows a medication list as partly read when an order names a drug the engine could not read', async () => {
    const patient = scenario(1);
    const order = {
      resourceType: 'MedicationRequest',
      id: 'unknown-drug',
      status: 'active',
      intent: 'order',
      subject: { reference: `Patient/${patient.id}` },
      medicationReference: { reference: 'Medication/not-sent' },
      authoredOn: '2026-11-01',
    };
    const bundle = { ...patient.bundle, entry: [...(patient.bundle.entry ?? []), { resource: order }] } as fhir4.Bundle;
    render(<Workspace session={makeSession({ patientId: patient.id })} services={services} />);
    await waitFor(() => expect(services.reads).toHaveLength(1));
    const record = engine.recordFromBundle(bundle);
    expect(record.reads.MedicationRequest?.state).toBe('full');
    await act(async () => services.reads[0]!.resolve(record));
    const row = await waitFor(() => {
      const found = document.querySelector('#reads li[data-type="MedicationRequest"]');
      expect(found).toBeTruthy();
      return found!;
    });
    expect(row.getAttribute('data-state')).toBe('partial');
    expect(row.textContent).toContain('1 medication order names a drug that could not be read.');
  });
});
