// @vitest-environment jsdom
/**
 * Keyboard focus when the pressed button goes away: clearing an answer, applying or removing the
 * override, a retried read that succeeds. The focus moves to what replaced the button, and never
 * moves on a first render.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SurgeonAnswer, SurgeonAnswers } from '../../src/clinical/answers';
import type { ClinicalType, PatientRecord } from '../../src/clinical/record';
import { Questions } from '../../src/ui/components/Questions';
import type { AskedQuestion } from '../../src/ui/questionPlan';
import { I18nContext, makeI18n } from '../../src/ui/i18n';
import { Workspace } from '../../src/ui/Workspace';
import { fakeServices, type FakeServices } from './fakeServices';
import { assessments, makeRecord, makeSession } from './fixtures';

let services: FakeServices;

beforeEach(() => {
  sessionStorage.clear();
  services = fakeServices();
});
afterEach(cleanup);

async function loaded(record: PatientRecord = makeRecord()) {
  const view = render(<Workspace session={makeSession()} services={services} />);
  await waitFor(() => expect(services.reads).toHaveLength(1));
  await act(async () => services.reads[0]!.resolve(record));
  await screen.findByTestId('verdict');
  return view;
}

const focused = () => document.activeElement;
const question = (criterion: string) => document.getElementById(`question-${criterion}`)!;
const readRow = (type: ClinicalType) => document.querySelector(`#reads [data-type="${type}"]`) as HTMLElement;

describe('focus after "Clear answer"', () => {
  it('goes to the first choice of the question', async () => {
    const user = userEvent.setup();
    await loaded();
    const wall = question('req.posterior-wall-assessed');
    await user.click(within(wall).getByLabelText('Disrupted'));
    await user.click(within(wall).getByRole('button', { name: /^Clear answer: / }));
    expect(within(wall).queryByRole('button', { name: /Clear answer/ })).toBeNull();
    expect(focused()).toBe(within(wall).getByLabelText('Intact'));
    expect((within(wall).getByLabelText('Intact') as HTMLInputElement).checked).toBe(false);
  });

  it('goes to the text field of a question answered with levels', async () => {
    const user = userEvent.setup();
    const fracture: AskedQuestion['criterion'] = {
      ...assessments['insufficient-data'].criteria[0]!,
      id: 'ind.painful-lesion',
      question: {
        criterion: 'ind.painful-lesion',
        kind: 'levels',
        prompt: { en: 'Which levels are fractured?', de: 'Welche Höhen sind frakturiert?' },
      },
    };
    function Answering() {
      const [answers, setAnswers] = useState<SurgeonAnswers>({
        'ind.painful-lesion': { status: 'unknown', levels: ['L1'], answeredAt: '2026-11-20T09:00:00Z' },
      });
      const answer = (criterion: string, given: SurgeonAnswer | undefined) =>
        setAnswers(({ [criterion]: _cleared, ...others }) => (given ? { ...others, [criterion]: given } : others));
      const asked: AskedQuestion = {
        key: 'ind.painful-lesion',
        criterion: fracture,
        companions: [],
        payerOnly: false,
        open: false,
      };
      return <Questions questions={[asked]} payerHidden={false} answers={answers} onAnswer={answer} />;
    }
    render(
      <I18nContext.Provider value={makeI18n('en')}>
        <Answering />
      </I18nContext.Provider>,
    );
    expect(focused()).toBe(document.body);
    await user.click(screen.getByRole('button', { name: /^Clear answer/ }));
    expect(screen.queryByRole('button', { name: /^Clear answer/ })).toBeNull();
    expect(focused()).toBe(within(question('ind.painful-lesion')).getByRole('textbox'));
  });
});

describe('focus after the override', () => {
  async function override(user: ReturnType<typeof userEvent.setup>) {
    const panel = screen.getByTestId('override');
    await user.selectOptions(within(panel).getByLabelText('Recommendation'), 'not-eligible');
    await user.type(within(panel).getByLabelText('Reason (required)'), 'Discussed at the spine board');
    await user.click(within(panel).getByRole('button', { name: 'Override' }));
  }

  it('goes to "Remove override", described by what was set; after removing, to the choice of recommendation', async () => {
    const user = userEvent.setup();
    await loaded();
    await override(user);
    const remove = within(screen.getByTestId('override')).getByRole('button', { name: 'Remove override' });
    expect(focused()).toBe(remove);
    const summary = document.getElementById(remove.getAttribute('aria-describedby')!);
    expect(summary?.textContent).toBe('Overridden by the surgeon: Not eligible');

    await user.click(remove);
    expect(focused()).toBe(within(screen.getByTestId('override')).getByLabelText('Recommendation'));
  });

  it('stays where it is when the page opens with an override already set', async () => {
    const user = userEvent.setup();
    const first = await loaded();
    await override(user);
    first.unmount();
    services = fakeServices();
    await loaded();
    expect(within(screen.getByTestId('override')).getByRole('button', { name: 'Remove override' })).toBeTruthy();
    expect(focused()).toBe(document.body);
  });
});

describe('focus after retrying a read', () => {
  const failed = { state: 'failed', count: 0, reason: 'The EHR had an internal error.' } as const;

  async function retry(user: ReturnType<typeof userEvent.setup>, type: ClinicalType, name: string) {
    const button = within(readRow(type)).getByRole('button', { name });
    await user.click(button);
    // the button keeps the focus while the read runs, marked as not pressable
    expect(focused()).toBe(within(readRow(type)).getByRole('button', { name: /^Retrying/ }));
    expect(focused()?.getAttribute('aria-disabled')).toBe('true');
  }

  it('never moves on the first render', async () => {
    await loaded(makeRecord({ ImagingStudy: failed }));
    expect(focused()).toBe(document.body);
  });

  it('goes to the row with its new status when other types are still unread', async () => {
    const user = userEvent.setup();
    await loaded(makeRecord({ ImagingStudy: failed, Observation: failed }));
    await retry(user, 'ImagingStudy', 'Retry Imaging studies');
    await act(async () => services.reads[1]!.resolve(makeRecord()));
    expect(focused()).toBe(readRow('ImagingStudy'));
    expect(readRow('ImagingStudy').textContent).toContain('read fully');
  });

  it('goes to the summary when every type is now read and the list folds', async () => {
    const user = userEvent.setup();
    await loaded(makeRecord({ ImagingStudy: failed }));
    await retry(user, 'ImagingStudy', 'Retry Imaging studies');
    await act(async () => services.reads[1]!.resolve(makeRecord()));
    expect(focused()?.tagName).toBe('SUMMARY');
    expect(focused()?.textContent).toBe('Every resource type was read fully.');
  });

  it('stays on Retry when the read fails again', async () => {
    const user = userEvent.setup();
    await loaded(makeRecord({ ImagingStudy: failed }));
    await retry(user, 'ImagingStudy', 'Retry Imaging studies');
    await act(async () => services.reads[1]!.reject(new Error('still down')));
    expect(focused()).toBe(within(readRow('ImagingStudy')).getByRole('button', { name: 'Retry Imaging studies' }));
  });

  it('does not take the focus back from where the surgeon went meanwhile', async () => {
    const user = userEvent.setup();
    await loaded(makeRecord({ ImagingStudy: failed, Observation: failed }));
    await retry(user, 'ImagingStudy', 'Retry Imaging studies');
    const language = screen.getByTestId('language');
    language.focus();
    await act(async () => services.reads[1]!.resolve(makeRecord()));
    expect(focused()).toBe(language);
  });
});
