// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle } from '../../src/clinical';
import type { SurgeonAnswers } from '../../src/clinical/answers';
import { noteText } from '../../src/report';
import { OtherQuestions } from '../../src/ui/components/Questions';
import { planQuestions } from '../../src/ui/questionPlan';
import { Verdict } from '../../src/ui/components/Verdict';
import type { Lang } from '../../src/lang';
import { I18nContext, makeI18n } from '../../src/ui/i18n';
import { noteContext } from '../report/fixtures';

/**
 * Issue #15, finding 1: on the screen and in the note, a chart finding is overruled only with a
 * reason, in a warning colour, under "Decided by".
 */
afterEach(cleanup);

const NOW = new Date('2026-11-25T10:00:00Z');
const scenario4 = demoPatients(NOW).find((p) => p.scenario === 4);
if (!scenario4) throw new Error('no scenario 4');
const record = recordFromBundle(scenario4.bundle);
const assessed = (answers: SurgeonAnswers = {}) => assess(record, { now: NOW, answers });
const REASON = 'Patch test repeated 2026-10: negative';
const overruled = { 'ci.cement-allergy': { status: 'not-met' as const, reason: REASON } };

function inLang(lang: Lang, ui: React.ReactNode) {
  return render(<I18nContext.Provider value={makeI18n(lang)}>{ui}</I18nContext.Provider>);
}

function cementQuestion() {
  const item = document.querySelector<HTMLElement>('[data-criterion="ci.cement-allergy"]');
  if (!item) throw new Error('no cement-allergy question');
  return within(item);
}

describe('answering against the chart (finding 1)', () => {
  it('"No" to the coded PMMA allergy asks for a reason and records nothing until it is given', async () => {
    const onAnswer = vi.fn();
    const a = assessed();
    // not open (the chart proves it): asked among the other criteria the surgeon may correct
    inLang('en', <OtherQuestions questions={planQuestions(a)} answers={{}} onAnswer={onAnswer} />);
    const question = cementQuestion();
    await userEvent.click(question.getByLabelText('No'));
    expect(onAnswer).not.toHaveBeenCalled();
    const form = question.getByTestId('overrule-form');
    expect(form.textContent).toContain('This answer overrules what the chart proves: Coded allergy');
    const apply = within(form).getByRole('button', { name: 'Overrule the chart' });
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(within(form).getByLabelText(/Reason for overruling the chart/), `  ${REASON} `);
    await userEvent.click(apply);
    expect(onAnswer).toHaveBeenCalledTimes(1);
    expect(onAnswer.mock.calls[0]?.[0]).toBe('ci.cement-allergy');
    expect(onAnswer.mock.calls[0]?.[1]).toMatchObject({ status: 'not-met', reason: REASON });
  });

  it('cancelling leaves the chart finding as it was', async () => {
    const onAnswer = vi.fn();
    const a = assessed();
    // not open (the chart proves it): asked among the other criteria the surgeon may correct
    inLang('en', <OtherQuestions questions={planQuestions(a)} answers={{}} onAnswer={onAnswer} />);
    await userEvent.click(cementQuestion().getByLabelText('No'));
    await userEvent.click(cementQuestion().getByRole('button', { name: 'Cancel' }));
    expect(onAnswer).not.toHaveBeenCalled();
    expect(cementQuestion().queryByTestId('overrule-form')).toBeNull();
    expect(cementQuestion().getByLabelText<HTMLInputElement>('No').checked).toBe(false);
  });

  it('a stored answer without a reason says it was not applied', () => {
    const answers: SurgeonAnswers = { 'ci.cement-allergy': { status: 'not-met' } };
    const a = assessed(answers);
    inLang('en', <OtherQuestions questions={planQuestions(a)} answers={answers} onAnswer={() => {}} />);
    expect(cementQuestion().getByRole('alert').textContent).toContain('Not applied');
  });

  it('the verdict names the overruled finding under "Decided by", in the warning style, with the reason', () => {
    inLang('en', <Verdict assessment={assessed(overruled)} notCurrent={false} />);
    const reasons = screen.getByRole('heading', { name: 'Decided by' }).parentElement!;
    // each deciding criterion opens on its evidence: what it says is the summary
    const item = reasons.querySelector('.decided.overruled');
    expect(item?.querySelector('summary')?.textContent).toMatch(
      /^Chart finding overruled by the surgeon: Bone-cement allergy: Coded allergy: .*PMMA.*\(Reason: Patch test repeated 2026-10: negative\)$/,
    );
    expect(item?.getAttribute('data-overruled')).toBe('answer');
  });

  it('in German too', () => {
    inLang('de', <Verdict assessment={assessed(overruled)} notCurrent={false} />);
    expect(document.querySelector('.decided.overruled > summary')?.textContent).toMatch(
      /^Befund der Akte vom Operateur überstimmt: Allergie gegen Knochenzement: .*\(Begründung: Patch test/,
    );
  });

  it('the note states the overruled chart finding and the reason, in English and German', () => {
    const a = assessed(overruled);
    const en = noteText(a, noteContext({ answers: overruled }));
    expect(en).toMatch(
      /CHART FINDING OVERRULED by the surgeon: Bone-cement allergy: Coded allergy: .*\(reason: Patch test/,
    );
    expect(en).toContain(`reason for overruling the chart: ${REASON}`);
    const de = noteText(a, noteContext({ answers: overruled, lang: 'de' }));
    expect(de).toMatch(/BEFUND DER AKTE ÜBERSTIMMT vom Operateur: Allergie gegen Knochenzement: .*\(Begründung: Patch/);
  });
});
