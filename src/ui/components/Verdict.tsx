import type { Assessment, CriterionResult } from '../../clinical/assessment';
import type { ClinicalType, PatientRecord, ReadState } from '../../clinical/record';
import { formatDate } from '../format';
import { EXPECTED_OUTCOME_EVIDENCE, type OutcomeFinding } from '../../report/expected-outcome';
import { useI18n } from '../i18n';
import { reveal } from '../reveal';
import type { PaneScope } from '../scope';
import { RECOMMENDATION_TONE, TONE_ICON } from '../tone';
import { EvidenceEntries } from './Criteria';

interface Props {
  assessment: Assessment;
  /** the record read, for the evidence behind the deciding criteria */
  record?: PatientRecord;
  /** a part of the record is being read again: the verdict may still change */
  notCurrent: boolean;
  /** the types that were not read fully (failed, partly, not permitted): said beside the verdict */
  unread?: { type: ClinicalType; state: ReadState }[];
  /** beside another rule set's verdict: which one this is */
  scope?: PaneScope;
  /** the benefit reported in the literature: said once, beside the clinical verdict */
  showOutcome?: boolean;
  /** the clinical verdict already says no: this (payer's) verdict's to-dos are not shown */
  hideToDo?: boolean;
  /** criteria whose caution or order the guideline's verdict already says: not said twice */
  saidAbove?: ReadonlySet<string>;
  /** criteria whose open question is asked beside the verdict: the question is the action */
  askedBeside?: ReadonlySet<string>;
  /** read a type again: offered beside the verdict for a read that failed or stopped part-way */
  onRetry?: (type: ClinicalType) => void;
  /** the types being read again */
  retrying?: ReadonlySet<ClinicalType>;
}

/** a read that can be tried again (as in "What was read") */
const RETRYABLE: readonly ReadState[] = ['failed', 'partial'];
const NONE_RETRYING: ReadonlySet<ClinicalType> = new Set();

/**
 * The recommendation, in words, icon and colour, with what decided it (each opening its evidence),
 * the cautions and what to order: what the surgeon needs beside the questions to decide.
 */
export function Verdict({
  assessment,
  record,
  notCurrent,
  unread = [],
  scope,
  showOutcome = true,
  hideToDo = false,
  saidAbove,
  askedBeside,
  onRetry,
  retrying = NONE_RETRYING,
}: Props) {
  const { t, text, locale } = useI18n();
  const tone = RECOMMENDATION_TONE[assessment.recommendation];
  const decisive = assessment.decisive
    .map((id) => assessment.criteria.find((c) => c.id === id))
    .filter((c) => c !== undefined);
  // a caution that only says what is not known ("Posterior wall disrupted: not known…") repeats the question
  // asked beside the verdict; a requirement's caution is a task of its own (document, refer) and stays
  const restatesQuestion = (c: CriterionResult) =>
    c.status === 'unknown' &&
    c.group !== 'requirement' &&
    askedBeside?.has(c.id) === true &&
    assessment.missing.some((m) => m.criterion === c.id && m.supply === 'answer');
  const cautions = hideToDo
    ? []
    : assessment.criteria.filter((c) => c.caution !== undefined && !saidAbove?.has(c.id) && !restatesQuestion(c));
  // what the record lacks and can be ordered; what may be in the chart unread is read again above
  const toOrder = hideToDo
    ? []
    : assessment.missing.filter(
        (m) => m.supply === 'order' && !cautions.some((c) => c.id === m.criterion) && !saidAbove?.has(m.criterion),
      );
  const eligible = assessment.recommendation === 'eligible' || assessment.recommendation === 'eligible-with-cautions';
  const prefix = scope?.idPrefix ?? '';
  return (
    <section
      className={`panel verdict verdict-${tone}`}
      aria-labelledby={`${prefix}verdict-title`}
      data-testid={`${prefix}verdict`}
    >
      <h2 id={`${prefix}verdict-title`} className="verdict-label">
        {scope ? `${t.recommendation}: ${scope.label}` : t.recommendation}
      </h2>
      <div aria-live="polite" aria-atomic="true" className="verdict-live">
        <p className="verdict-word" data-recommendation={assessment.recommendation}>
          <span className="verdict-icon" aria-hidden="true">
            {TONE_ICON[tone]}
          </span>
          {t.recommendations[assessment.recommendation]}
        </p>
        {notCurrent && <p className="verdict-stale">{t.notCurrent}</p>}
      </div>
      {scope && prefix !== '' && <p className="verdict-ruleset">{text(assessment.rulesetInfo.title)}</p>}
      {unread.length > 0 && (
        <div className="verdict-unread" role="alert" data-testid={`${prefix}verdict-unread`}>
          <p>
            <span className="label">{t.notReadFully}:</span>{' '}
            {unread.map((u) => `${t.typeLabels[u.type]} (${t.readStates[u.state]})`).join(', ')}. {t.unreadMeansUnknown}{' '}
            <a href="#reads" onClick={(event) => reveal(event, 'reads')}>
              {t.goToReads}
            </a>
          </p>
          {onRetry && unread.some((u) => RETRYABLE.includes(u.state)) && (
            <p className="verdict-retry">
              {unread
                .filter((u) => RETRYABLE.includes(u.state))
                .map((u) => {
                  const busy = retrying.has(u.type);
                  return (
                    <button
                      key={u.type}
                      type="button"
                      aria-disabled={busy || undefined}
                      onClick={() => {
                        if (!busy) onRetry(u.type);
                      }}
                    >
                      {busy ? `${t.retrying} ${t.typeLabels[u.type]}` : `${t.retry}: ${t.typeLabels[u.type]}`}
                    </button>
                  );
                })}
            </p>
          )}
        </div>
      )}
      {!scope?.idPrefix && (
        <p className="verdict-levels">
          <span className="label">{t.levels}:</span>{' '}
          {assessment.levels.length > 0 ? assessment.levels.join(', ') : t.noLevels}
        </p>
      )}
      {decisive.length > 0 && (
        <div className="verdict-reasons">
          <h3 className="label">{t.decidedBy}</h3>
          <ul>
            {decisive.map((c) => (
              <li key={c.id} data-criterion={c.id}>
                <Deciding criterion={c} record={record} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {(cautions.length > 0 || toOrder.length > 0) && (
        <div className="verdict-reasons verdict-cautions" data-testid={`${prefix}verdict-cautions`}>
          <h3 className="label">{t.cautionsToAct}</h3>
          <ul>
            {cautions.map((c) => (
              <li key={c.id} data-criterion={c.id}>
                <strong>{text(c.title)}:</strong> {c.caution && text(c.caution)}
              </li>
            ))}
            {toOrder.map((m) => (
              <li key={`order-${m.criterion}`} data-criterion={m.criterion}>
                <strong>{t.toOrder}:</strong> {text(m.needText)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {hideToDo && <p className="note">{t.payerNotPursued}</p>}
      {assessment.override && (
        <div className="verdict-override" data-testid="override-note">
          <p>
            <strong>{t.overriddenBy}</strong> ({formatDate(assessment.override.at, locale)}).{' '}
            {t.computedWas(t.recommendations[assessment.computedRecommendation])}
          </p>
          <p>
            <span className="label">{t.reason}:</span> {assessment.override.reason}
          </p>
        </div>
      )}
      {eligible && showOutcome && <ExpectedOutcome />}
    </section>
  );
}

/**
 * A criterion that decides the verdict: what it says, opening on the evidence behind it. A chart
 * finding the surgeon overruled is said as such, with the reason, in a warning colour (README "The
 * surgeon decides, with a reason").
 */
function Deciding({ criterion: c, record }: { criterion: CriterionResult; record: PatientRecord | undefined }) {
  const { t, text } = useI18n();
  const overruled = c.overruled && c.chartFinding ? c.overruled : undefined;
  return (
    <details className={`decided${overruled ? ' overruled' : ''}`} data-overruled={overruled?.by}>
      <summary>
        {overruled && <strong>{overruled.by === 'answer' ? t.chartOverruled : t.chartOverruledByOverride}: </strong>}
        <strong>{text(c.title)}</strong>:{' '}
        {text(overruled && c.chartFinding ? c.chartFinding.rationale : c.rationaleText)}
        {overruled && ` (${t.reason}: ${overruled.reason})`}
      </summary>
      {c.evidence.length === 0 ? (
        <p className="note">{t.noEvidence}</p>
      ) : (
        <EvidenceEntries items={c.evidence} record={record} />
      )}
    </details>
  );
}

/**
 * The outcome evidence beside an eligible verdict: case series and open-label trials beside the
 * sham-controlled trials, both unfolded, each finding with its source, under one honest line.
 */
function ExpectedOutcome() {
  const { t, text } = useI18n();
  const { summary, uncontrolled, shamControlled, guidance } = EXPECTED_OUTCOME_EVIDENCE;
  const findings = (list: OutcomeFinding[]) => (
    <ul>
      {list.map((f) => (
        <li key={f.source}>
          {text(f.text)} <cite>{f.source}</cite>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="outcome" data-testid="expected-outcome">
      <h3>{t.expectedOutcome}</h3>
      <p className="outcome-summary">{text(summary)}</p>
      <div className="outcome-kinds">
        {[uncontrolled, shamControlled].map((kind) => (
          <section key={kind.title.en} aria-label={text(kind.title)}>
            <h4>{text(kind.title)}</h4>
            {findings(kind.findings)}
          </section>
        ))}
      </div>
      {findings(guidance)}
    </div>
  );
}
