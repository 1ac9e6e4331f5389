import type { Assessment } from '../../clinical/assessment';
import type { ClinicalType, ReadState } from '../../clinical/record';
import { formatDate } from '../format';
import { EXPECTED_OUTCOME_EVIDENCE, type OutcomeFinding } from '../../report/expected-outcome';
import { useI18n } from '../i18n';
import type { PaneScope } from '../scope';
import { RECOMMENDATION_TONE, TONE_ICON } from '../tone';

interface Props {
  assessment: Assessment;
  /** a part of the record is being read again: the verdict may still change */
  notCurrent: boolean;
  /** the types that were not read fully (failed, partly, not permitted): said beside the verdict */
  unread?: { type: ClinicalType; state: ReadState }[];
  /** beside another rule set's verdict: which one this is */
  scope?: PaneScope;
  /** the benefit reported in the literature: said once, beside the clinical verdict */
  showOutcome?: boolean;
  /** read a type again: offered beside the verdict for a read that failed or stopped part-way */
  onRetry?: (type: ClinicalType) => void;
  /** the types being read again */
  retrying?: ReadonlySet<ClinicalType>;
}

/** a read that can be tried again (as in "What was read") */
const RETRYABLE: readonly ReadState[] = ['failed', 'partial'];
const NONE_RETRYING: ReadonlySet<ClinicalType> = new Set();

/** The recommendation at the top: in words, icon and colour, with its levels and deciding reasons. */
export function Verdict({
  assessment,
  notCurrent,
  unread = [],
  scope,
  showOutcome = true,
  onRetry,
  retrying = NONE_RETRYING,
}: Props) {
  const { t, text, locale } = useI18n();
  const tone = RECOMMENDATION_TONE[assessment.recommendation];
  const decisive = assessment.decisive
    .map((id) => assessment.criteria.find((c) => c.id === id))
    .filter((c) => c !== undefined);
  const cautions = assessment.criteria.filter((c) => c.caution !== undefined);
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
      {unread.length > 0 && (
        <div className="verdict-unread" role="alert" data-testid={`${prefix}verdict-unread`}>
          <p>
            <span className="label">{t.notReadFully}:</span>{' '}
            {unread.map((u) => `${t.typeLabels[u.type]} (${t.readStates[u.state]})`).join(', ')}. {t.unreadMeansUnknown}{' '}
            <a href="#reads">{t.goToReads}</a>
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
      <p className="verdict-levels">
        <span className="label">{t.levels}:</span>{' '}
        {assessment.levels.length > 0 ? assessment.levels.join(', ') : t.noLevels}
      </p>
      {decisive.length > 0 && (
        <div className="verdict-reasons">
          <h3 className="label">{t.decidedBy}</h3>
          <ul>
            {decisive.map((c) =>
              c.overruled && c.chartFinding ? (
                // README "The surgeon decides, with a reason": what the chart proves and the surgeon overruled, in a warning colour
                <li key={c.id} className="overruled" data-overruled={c.overruled.by}>
                  <strong>{c.overruled.by === 'answer' ? t.chartOverruled : t.chartOverruledByOverride}:</strong>{' '}
                  <a href={`#${prefix}criterion-${c.id}`}>{text(c.title)}</a>: {text(c.chartFinding.rationale)} (
                  {t.reason}: {c.overruled.reason})
                </li>
              ) : (
                <li key={c.id}>
                  <a href={`#${prefix}criterion-${c.id}`}>{text(c.title)}</a>: {text(c.rationaleText)}
                </li>
              ),
            )}
          </ul>
        </div>
      )}
      {cautions.length > 0 && (
        <div className="verdict-reasons verdict-cautions" data-testid={`${prefix}verdict-cautions`}>
          <h3 className="label">{t.cautionsToAct}</h3>
          <ul>
            {cautions.map((c) => (
              <li key={c.id}>
                <a href={`#${prefix}criterion-${c.id}`}>{text(c.title)}</a>: {c.caution && text(c.caution)}
              </li>
            ))}
          </ul>
        </div>
      )}
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
      <p className="verdict-meta">
        {t.ruleSetVersion(text(assessment.rulesetInfo.title), assessment.ruleset.version)} · {t.assessedAt}{' '}
        {formatDate(assessment.assessedAt, locale)}
      </p>
      {eligible && showOutcome && <ExpectedOutcome />}
    </section>
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
