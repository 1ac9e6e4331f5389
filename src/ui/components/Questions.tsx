import { useId, useRef, useState } from 'react';
import type { CriterionStatus, Question } from '../../clinical/assessment';
import type { Localized } from '../../lang';
import type { SurgeonAnswer, SurgeonAnswers } from '../../clinical/answers';
import { formatDate, formatDay } from '../format';
import { useI18n } from '../i18n';
import { parseLevels } from '../levels';
import type { AskedQuestion } from '../questionPlan';

interface Props {
  /** the questions shown with the verdict (questionPlan.ts), clinical and payer's */
  questions: AskedQuestion[];
  /** the clinical verdict already says no: the payer's questions are not asked */
  payerHidden: boolean;
  answers: SurgeonAnswers;
  onAnswer: (key: string, answer: SurgeonAnswer | undefined) => void;
}

/**
 * The questions only the surgeon can answer, beside the verdict; every answer re-assesses at once.
 * The clinical questions first; those only the payer's rule set needs apart, labelled so, and not
 * asked when the clinical verdict is "not eligible".
 */
export function Questions({ questions, payerHidden, answers, onAnswer }: Props) {
  const { t } = useI18n();
  const clinical = questions.filter((q) => !q.payerOnly);
  const payer = payerHidden ? [] : questions.filter((q) => q.payerOnly);
  return (
    <section className="panel questions" aria-labelledby="questions-title" data-testid="questions">
      <h2 id="questions-title">{t.questions}</h2>
      {clinical.length === 0 && payer.length === 0 ? (
        <p className="note">{t.noQuestions}</p>
      ) : (
        <QuestionList questions={clinical} answers={answers} onAnswer={onAnswer} />
      )}
      {payer.length > 0 && (
        <div className="payer-questions" data-testid="payer-questions">
          <h3 id="payer-questions-title">{t.payerQuestions}</h3>
          <p className="note">{t.payerQuestionsHint}</p>
          <QuestionList questions={payer} answers={answers} onAnswer={onAnswer} />
        </div>
      )}
    </section>
  );
}

/** The other criteria the surgeon may decide, listed with all the criteria. */
export function OtherQuestions({ questions, answers, onAnswer }: Omit<Props, 'payerHidden'>) {
  const { t } = useI18n();
  if (questions.length === 0) return null;
  return (
    <section className="panel more-questions" aria-labelledby="more-questions-title">
      <h2 id="more-questions-title">{t.moreQuestions(questions.length)}</h2>
      <QuestionList questions={questions} answers={answers} onAnswer={onAnswer} />
    </section>
  );
}

function QuestionList({ questions, answers, onAnswer }: Omit<Props, 'payerHidden'>) {
  return (
    <ul className="question-list">
      {questions.map((q) => (
        <li key={q.key} id={`question-${q.key}`} data-criterion={q.criterion.id}>
          <QuestionControl asked={q} answers={answers} onAnswer={onAnswer} />
        </li>
      ))}
    </ul>
  );
}

/** One choice: the status it gives, and the key of the answer it sets (a companion's own option sets the companion's). */
interface Choice {
  key: string;
  status: CriterionStatus;
  label: Localized;
}

interface ControlProps {
  asked: AskedQuestion;
  answers: SurgeonAnswers;
  onAnswer: (key: string, answer: SurgeonAnswer | undefined) => void;
}

function QuestionControl({ asked, answers, onAnswer }: ControlProps) {
  const { t, text, locale } = useI18n();
  const { criterion, companions, key } = asked;
  const { question, chartFinding } = criterion;
  const id = useId();
  const fieldset = useRef<HTMLFieldSetElement>(null);
  /** a choice that overrules the chart, waiting for its reason (README "The surgeon decides, with a reason") */
  const [pending, setPending] = useState<CriterionStatus>();
  const answer = answers[key];
  const companionAnswer = companions
    .map((c) => [c.question.criterion, answers[c.question.criterion]] as const)
    .find(([, a]) => a);
  const choices: Choice[] = [
    ...(question.options ?? []).map((o) => ({ key, ...o })),
    // a companion adds what the host's choices do not say: answering the host settles it ("assessed")
    ...companions.flatMap((c) =>
      (c.question.options ?? []).filter((o) => o.status !== 'met').map((o) => ({ key: c.question.criterion, ...o })),
    ),
  ];
  const stamp = (fields: Omit<SurgeonAnswer, 'answeredAt'>): SurgeonAnswer => ({
    ...fields,
    answeredAt: new Date().toISOString(),
  });
  /** one answer for the whole question: the host's or one companion's, never both */
  const give = (target: string, given: SurgeonAnswer | undefined) => {
    for (const other of [key, ...companions.map((c) => c.question.criterion)])
      if (other !== target && answers[other]) onAnswer(other, undefined);
    onAnswer(target, given);
  };
  const choose = (choice: Choice) => {
    if (choice.key === key && chartFinding && choice.status !== chartFinding.status) {
      setPending(choice.status);
      return;
    }
    setPending(undefined);
    // a reason belongs to the answer that overruled the chart, not to one that agrees with it
    const { reason: _reason, ...rest } = (choice.key === key ? answer : undefined) ?? {};
    give(choice.key, stamp({ ...rest, status: choice.status }));
  };
  // what the record says, until the surgeon answers: shown chosen, with where it comes from, to confirm
  const prefill =
    !answer && !companionAnswer && criterion.source === 'record' && asked.open
      ? choices.find((c) => c.key === key && c.status === criterion.status)
      : undefined;
  const chosen = pending
    ? { key, status: pending }
    : answer
      ? { key, status: answer.status }
      : companionAnswer
        ? { key: companionAnswer[0], status: companionAnswer[1]!.status }
        : prefill;
  const source = prefill && criterion.evidence.find((e) => e.reference !== 'surgeon');
  const given = answer ?? companionAnswer?.[1];
  return (
    <fieldset className="question" ref={fieldset}>
      <legend>
        <span className="question-prompt">{text(question.prompt)}</span>
      </legend>
      {choices.length > 0 && (
        <div className="choices">
          {choices.map((choice) => (
            <label key={`${choice.key}|${choice.status}`} className="choice">
              <input
                type="radio"
                name={`${id}-status`}
                value={choice.status}
                data-answers={choice.key}
                checked={chosen?.key === choice.key && chosen.status === choice.status}
                onChange={() => choose(choice)}
              />
              {text(choice.label)}
            </label>
          ))}
        </div>
      )}
      {prefill && (
        <p className="prefilled" data-testid="prefilled">
          <span>
            {source
              ? t.prefilledFrom(undated(text(source.summaryText)), formatDay(source.date, locale), text(prefill.label))
              : t.prefilledFromRecord(text(prefill.label))}
          </span>{' '}
          <button type="button" onClick={() => choose(prefill)}>
            {t.confirm}
          </button>
        </p>
      )}
      {pending && chartFinding && (
        <OverruleForm
          finding={text(chartFinding.rationale)}
          initial={answer?.status === pending ? (answer.reason ?? '') : ''}
          onApply={(reason) => {
            setPending(undefined);
            give(key, stamp({ ...answer, status: pending, reason }));
          }}
          onCancel={() => {
            setPending(undefined);
            fieldset.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
          }}
        />
      )}
      {question.kind === 'levels' && (
        <LevelsInput
          initial={answer?.levels ?? []}
          onSave={(levels) =>
            give(key, stamp({ ...answer, status: answer?.status ?? defaultStatus(question), levels }))
          }
        />
      )}
      {question.kind === 'number' && (
        <NumberInput
          scale={question.scale ?? UNBOUNDED}
          initial={answer?.value}
          onSave={(value) => give(key, stamp({ ...answer, status: answer?.status ?? defaultStatus(question), value }))}
        />
      )}
      {criterion.unappliedAnswer && !pending && (
        <p className="field-error" role="alert">
          {t.answerNotApplied}
        </p>
      )}
      {given && (
        <p className="answered">
          <span className="surgeon-tag">{t.answeredAt(formatDate(given.answeredAt, locale))}</span>
          {criterion.overruled?.by === 'answer' && (
            <span className="overruled-tag">{t.overruledWith(criterion.overruled.reason)}</span>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setPending(undefined);
              give(key, undefined);
              // the button goes with the answer: the focus stays in the question, on its first control
              fieldset.current?.querySelector('input')?.focus();
            }}
            aria-label={`${t.clearAnswer}: ${text(question.prompt)}`}
          >
            {t.clearAnswer}
          </button>
        </p>
      )}
    </fieldset>
  );
}

/** an evidence summary without the date it ends with ("MRI lumbar spine (2026-11-21)"): the date is said apart */
function undated(summary: string): string {
  return summary.replace(/\s*\(\d{4}-\d{2}(?:-\d{2})?[^()]*\)\s*$/, '');
}

/** The reason an answer that overrules the chart needs before it counts; the chart finding is named. */
function OverruleForm({
  finding,
  initial,
  onApply,
  onCancel,
}: {
  finding: string;
  initial: string;
  onApply: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState(initial);
  const ready = reason.trim() !== '';
  return (
    <form
      className="overrule-form"
      data-testid="overrule-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onApply(reason.trim());
      }}
    >
      <p id={`${id}-finding`} className="overrule-finding">
        {t.overruleIntro(finding)}
      </p>
      <label htmlFor={`${id}-reason`}>{t.overruleReason}</label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        value={reason}
        required
        autoFocus
        aria-describedby={`${id}-finding ${id}-hint`}
        onChange={(event) => setReason(event.target.value)}
      />
      <span id={`${id}-hint`} className="hint">
        {t.overruleNeedsReason}
      </span>
      <span className="overrule-actions">
        <button type="submit" disabled={!ready}>
          {t.overruleApply}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          {t.overruleCancel}
        </button>
      </span>
    </form>
  );
}

/**
 * The status a levels or number answer carries. With choices, the one that confirms the finding
 * ("fracture/lesion at the levels given"); without, the UI cannot know what the value means for
 * the criterion, so it leaves the status to the engine ('unknown' with the value or levels).
 */
function defaultStatus(question: Question): CriterionStatus {
  return question.options?.find((o) => o.status === 'met')?.status ?? 'unknown';
}

function LevelsInput({ initial, onSave }: { initial: string[]; onSave: (levels: string[]) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState(initial.join(', '));
  const { levels, invalid } = parseLevels(value);
  const error = invalid.length > 0 ? t.invalidLevels(invalid.join(', ')) : undefined;
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!error && levels.length > 0) onSave(levels);
      }}
    >
      <label htmlFor={`${id}-levels`}>{t.levelsInput}</label>
      <input
        id={`${id}-levels`}
        type="text"
        value={value}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" disabled={Boolean(error) || levels.length === 0}>
        {t.saveAnswer}
      </button>
      <span id={`${id}-hint`} className={error ? 'field-error' : 'hint'}>
        {error ?? t.levelsHint}
      </span>
    </form>
  );
}

/** the rule sets give every number question its scale (checked in test/clinical/ruleset.test.ts) */
const UNBOUNDED = { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY };

function NumberInput({
  scale,
  initial,
  onSave,
}: {
  scale: { min: number; max: number };
  initial: number | undefined;
  onSave: (value: number) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState(initial === undefined ? '' : String(initial));
  const number = Number(value.replace(',', '.'));
  const valid = value.trim() !== '' && Number.isFinite(number) && number >= scale.min && number <= scale.max;
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onSave(number);
      }}
    >
      <label htmlFor={`${id}-number`}>{t.numberInput}</label>
      <input
        id={`${id}-number`}
        type="text"
        inputMode="decimal"
        value={value}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        aria-invalid={value !== '' && !valid ? true : undefined}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" disabled={!valid}>
        {t.saveAnswer}
      </button>
      <span id={`${id}-hint`} className={value !== '' && !valid ? 'field-error' : 'hint'}>
        {value !== '' && !valid ? t.invalidNumber(scale.min, scale.max) : ''}
      </span>
    </form>
  );
}
