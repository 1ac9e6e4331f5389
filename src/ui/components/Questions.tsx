import { useId, useRef, useState } from 'react';
import type { Assessment, CriterionResult, CriterionStatus, Question } from '../../clinical/assessment';
import type { SurgeonAnswer, SurgeonAnswers } from '../../clinical/answers';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { parseLevels } from '../levels';

interface Props {
  /** a line under the heading, e.g. that one answer counts for both rule sets */
  hint?: string;
  criteria: CriterionResult[];
  /** criteria the engine lists as missing an answer: asked first */
  open: ReadonlySet<string>;
  answers: SurgeonAnswers;
  onAnswer: (criterion: string, answer: SurgeonAnswer | undefined) => void;
}

type Asked = CriterionResult & { question: Question };

/** The criteria the engine lists as missing the surgeon's answer. */
export function openQuestions(assessment: Assessment): ReadonlySet<string> {
  return new Set(assessment.missing.filter((m) => m.supply === 'answer').map((m) => m.criterion));
}

/**
 * The questions only the surgeon can answer; every answer re-assesses at once. What the record
 * leaves open (and what the surgeon has already answered) comes first; the surgeon may also
 * correct any other criterion the rule set lets them decide, kept folded below.
 */
export function Questions({ hint, criteria, open, answers, onAnswer }: Props) {
  const { t } = useI18n();
  const asked = criteria.filter((c): c is Asked => c.question !== undefined);
  const leftOpen = asked.filter((c) => open.has(c.id) || c.status === 'unknown').map((c) => c.id);
  // a question stays where it was first shown, so answering never moves it away from the focus
  const [pinned, setPinned] = useState<ReadonlySet<string>>(
    () => new Set([...leftOpen, ...asked.filter((c) => answers[c.question.criterion] !== undefined).map((c) => c.id)]),
  );
  if (leftOpen.some((id) => !pinned.has(id))) setPinned(new Set([...pinned, ...leftOpen]));
  const first = asked.filter((c) => pinned.has(c.id) || leftOpen.includes(c.id));
  const others = asked.filter((c) => !first.includes(c));
  const list = (items: Asked[]) => (
    <ul className="question-list">
      {items.map((c) => (
        <li key={c.id} id={`question-${c.id}`} data-criterion={c.id}>
          {/* the answer goes under the question's own key: the criterion's, or a shared one (the care setting) */}
          <QuestionControl
            criterion={c}
            answer={answers[c.question.criterion]}
            onAnswer={(answer) => onAnswer(c.question.criterion, answer)}
          />
        </li>
      ))}
    </ul>
  );
  return (
    <section className="panel questions" aria-labelledby="questions-title" data-testid="questions">
      <h2 id="questions-title">{t.questions}</h2>
      {hint && <p className="note">{hint}</p>}
      {first.length === 0 ? <p className="note">{t.noQuestions}</p> : list(first)}
      {others.length > 0 && (
        <details className="more-questions">
          <summary>{t.moreQuestions(others.length)}</summary>
          {list(others)}
        </details>
      )}
    </section>
  );
}

interface ControlProps {
  criterion: CriterionResult & { question: Question };
  answer: SurgeonAnswer | undefined;
  onAnswer: (answer: SurgeonAnswer | undefined) => void;
}

function QuestionControl({ criterion, answer, onAnswer }: ControlProps) {
  const { t, text, locale } = useI18n();
  const { question, chartFinding } = criterion;
  const id = useId();
  const fieldset = useRef<HTMLFieldSetElement>(null);
  /** a choice that overrules the chart, waiting for its reason (README "The surgeon decides, with a reason") */
  const [pending, setPending] = useState<CriterionStatus>();
  const stamp = (fields: Omit<SurgeonAnswer, 'answeredAt'>): SurgeonAnswer => ({
    ...fields,
    answeredAt: new Date().toISOString(),
  });
  const choose = (status: CriterionStatus) => {
    if (chartFinding && status !== chartFinding.status) {
      setPending(status);
      return;
    }
    setPending(undefined);
    // a reason belongs to the answer that overruled the chart, not to one that agrees with it
    const { reason: _reason, ...rest } = answer ?? {};
    onAnswer(stamp({ ...rest, status }));
  };
  const chosen = pending ?? answer?.status;
  return (
    <fieldset className="question" ref={fieldset}>
      <legend>
        <span className="question-criterion">{text(criterion.title)}</span>
        <span className="question-prompt">{text(question.prompt)}</span>
      </legend>
      {question.options && question.options.length > 0 && (
        <div className="choices">
          {question.options.map((option) => (
            <label key={option.status} className="choice">
              <input
                type="radio"
                name={`${id}-status`}
                value={option.status}
                checked={chosen === option.status}
                onChange={() => choose(option.status)}
              />
              {text(option.label)}
            </label>
          ))}
        </div>
      )}
      {pending && chartFinding && (
        <OverruleForm
          finding={text(chartFinding.rationale)}
          initial={answer?.status === pending ? (answer.reason ?? '') : ''}
          onApply={(reason) => {
            setPending(undefined);
            onAnswer(stamp({ ...answer, status: pending, reason }));
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
          onSave={(levels) => onAnswer(stamp({ ...answer, status: answer?.status ?? defaultStatus(question), levels }))}
        />
      )}
      {question.kind === 'number' && (
        <NumberInput
          scale={question.scale ?? UNBOUNDED}
          initial={answer?.value}
          onSave={(value) => onAnswer(stamp({ ...answer, status: answer?.status ?? defaultStatus(question), value }))}
        />
      )}
      {criterion.unappliedAnswer && !pending && (
        <p className="field-error" role="alert">
          {t.answerNotApplied}
        </p>
      )}
      {answer && (
        <p className="answered">
          <span className="surgeon-tag">{t.answeredAt(formatDate(answer.answeredAt, locale))}</span>
          {criterion.overruled?.by === 'answer' && (
            <span className="overruled-tag">{t.overruledWith(criterion.overruled.reason)}</span>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setPending(undefined);
              onAnswer(undefined);
              // the button goes with the answer: the focus stays in the question, on its first control
              fieldset.current?.querySelector('input')?.focus();
            }}
            aria-label={`${t.clearAnswer}: ${text(criterion.title)}`}
          >
            {t.clearAnswer}
          </button>
        </p>
      )}
    </fieldset>
  );
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
