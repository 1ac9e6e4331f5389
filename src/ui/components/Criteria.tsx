import type { Assessment, CriterionResult, EvidenceItem, ExcludedEvidence } from '../../clinical/assessment';
import type { PatientRecord } from '../../clinical/record';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import type { PaneScope } from '../scope';
import { codeLabel, resourceDetails } from '../resourceDetails';
import { criterionTone, GROUP_ORDER } from '../tone';
import { openQuestions, questionAnchor } from '../questionPlan';
import { reveal } from '../reveal';
import { StatusMark } from './StatusMark';

interface Props {
  assessment: Assessment;
  record: PatientRecord | undefined;
  /** beside another rule set's criteria: which rule set these are */
  scope?: PaneScope;
  /** the list opens on request (the payer's criteria, beside the guideline's) */
  folded?: boolean;
}

type CitationEntry = Assessment['rulesetInfo']['citations'][number];

/** Every criterion of the rule set, grouped as in the guideline, with status, reason and evidence. */
export function Criteria({ assessment, record, scope, folded = false }: Props) {
  const { t, text, locale } = useI18n();
  const prefix = scope?.idPrefix ?? '';
  const citations = new Map(assessment.rulesetInfo.citations.map((c) => [c.key, c]));
  // the criteria whose question is asked first: their link leads there
  const open = openQuestions(assessment);
  const notVerified = new Map<string, string[]>();
  for (const point of assessment.rulesetInfo.openPoints ?? []) {
    if (point.criterion)
      notVerified.set(point.criterion, [...(notVerified.get(point.criterion) ?? []), text(point.text)]);
  }
  const groups = GROUP_ORDER.map((group) => {
    const inGroup = assessment.criteria.filter((c) => c.group === group);
    if (inGroup.length === 0) return null;
    return (
      <div key={group} className="criteria-group" data-group={group}>
        <h3>{t.groups[group]}</h3>
        <ul className="criterion-list">
          {inGroup.map((c) => (
            <CriterionItem
              key={c.id}
              criterion={c}
              record={record}
              citations={citations}
              open={open}
              idPrefix={prefix}
              notVerified={notVerified.get(c.id) ?? []}
            />
          ))}
        </ul>
      </div>
    );
  });
  return (
    <section
      className="panel criteria"
      aria-labelledby={`${prefix}criteria-title`}
      data-testid={`${prefix}criteria-section`}
    >
      <h2 id={`${prefix}criteria-title`}>{scope ? `${t.criteria}: ${scope.label}` : t.criteria}</h2>
      <p className="note">
        {t.ruleSetVersion(text(assessment.rulesetInfo.title), assessment.ruleset.version)} · {t.assessedAt}{' '}
        {formatDate(assessment.assessedAt, locale)}
      </p>
      {folded ? (
        <details className="criteria-folded">
          <summary>{t.showCriteria(assessment.criteria.length)}</summary>
          {groups}
        </details>
      ) : (
        groups
      )}
    </section>
  );
}

function CriterionItem({
  criterion,
  record,
  citations,
  open,
  idPrefix,
  notVerified,
}: {
  criterion: CriterionResult;
  record: PatientRecord | undefined;
  citations: Map<string, CitationEntry>;
  open: ReadonlySet<string>;
  idPrefix: string;
  /** what the rule set's authors could not verify about this criterion (English) */
  notVerified: string[];
}) {
  const { t, text, locale } = useI18n();
  const tone = criterionTone(criterion.group, criterion.status);
  return (
    <li
      className={`criterion criterion-${tone}`}
      id={`${idPrefix}criterion-${criterion.id}`}
      data-criterion={criterion.id}
      data-status={criterion.status}
    >
      <div className="criterion-head">
        <h4>{text(criterion.title)}</h4>
        <StatusMark
          tone={tone}
          label={
            (criterion.group.endsWith('contraindication') ? t.contraindicationStatuses : t.statuses)[criterion.status]
          }
        />
      </div>
      <p className="rationale">{text(criterion.rationaleText)}</p>
      {notVerified.map((point, i) => (
        <p key={i} className="not-verified">
          <StatusMark tone="unknown" label={t.notVerified} /> {point}
        </p>
      ))}
      {criterion.source === 'surgeon' && (
        <p className="surgeon-tag">
          {criterion.answeredAt ? t.answeredAt(formatDate(criterion.answeredAt, locale)) : t.answeredBySurgeon}
        </p>
      )}
      {criterion.caution && (
        <p className="caution">
          <span className="label">{t.caution}:</span> {text(criterion.caution)}
        </p>
      )}
      {criterion.question && (criterion.status === 'unknown' || open.has(criterion.id)) && (
        <p>
          <a
            href={`#${questionAnchor(criterion.question)}`}
            onClick={(event) => criterion.question && reveal(event, questionAnchor(criterion.question), true)}
          >
            {t.goToQuestion}
          </a>
        </p>
      )}
      {criterion.evidence.length === 0 ? (
        <p className="note">{t.noEvidence}</p>
      ) : (
        <EvidenceList
          className="evidence"
          summary={t.evidence(criterion.evidence.length)}
          items={criterion.evidence}
          record={record}
        />
      )}
      {criterion.excluded.length > 0 && (
        <EvidenceList
          className="evidence excluded"
          summary={t.excluded(criterion.excluded.length)}
          items={criterion.excluded}
          record={record}
        />
      )}
      {criterion.citations.length > 0 && (
        <p className="citation">
          <span className="label">{t.source}:</span>{' '}
          {criterion.citations.map((key, i) => {
            const citation = citations.get(key);
            return (
              <span key={key}>
                {i > 0 && '; '}
                {citation?.url ? (
                  <a href={citation.url} target="_blank" rel="noreferrer noopener">
                    {citation.text}
                  </a>
                ) : (
                  (citation?.text ?? key)
                )}
              </span>
            );
          })}
        </p>
      )}
    </li>
  );
}

/** entries of the record behind a criterion (or left out of it), folded under a count */
function EvidenceList({
  className,
  summary,
  items,
  record,
}: {
  className: string;
  summary: string;
  items: readonly (EvidenceItem | ExcludedEvidence)[];
  record: PatientRecord | undefined;
}) {
  return (
    <details className={className}>
      <summary>{summary}</summary>
      <EvidenceEntries items={items} record={record} />
    </details>
  );
}

/** The entries of the record behind a criterion, each with its date, code and resource. */
export function EvidenceEntries({
  items,
  record,
}: {
  items: readonly (EvidenceItem | ExcludedEvidence)[];
  record: PatientRecord | undefined;
}) {
  return (
    <ul className="evidence-list">
      {items.map((item, i) => (
        <EvidenceEntry key={`${item.reference}-${i}`} item={item} record={record} />
      ))}
    </ul>
  );
}

function EvidenceEntry({ item, record }: { item: EvidenceItem | ExcludedEvidence; record: PatientRecord | undefined }) {
  const { t, text, locale } = useI18n();
  const why = 'whyText' in item ? text(item.whyText) : undefined;
  const fromSurgeon = item.reference === 'surgeon';
  const details = fromSurgeon ? undefined : resourceDetails(record, item.reference);
  return (
    <li className="evidence-item">
      <p className="evidence-line">
        {item.date && <span className="evidence-date">{formatDate(item.date, locale)}</span>}
        <span className="evidence-summary">{text(item.summaryText)}</span>
        {item.code && <code className="evidence-code">{codeLabel(item.code)}</code>}
      </p>
      {why && (
        <p className="evidence-why">
          <span className="label">{t.excludedWhy}:</span> {why}
        </p>
      )}
      {fromSurgeon ? (
        <p className="surgeon-tag">{t.fromSurgeon}</p>
      ) : (
        <details className="resource">
          <summary>
            {t.details}: <code>{item.reference}</code>
          </summary>
          {details ? (
            <dl className="resource-fields">
              <div>
                <dt>{t.resource}</dt>
                <dd>
                  <code>
                    {details.resourceType}/{details.id}
                    {details.version ? `/_history/${details.version}` : ''}
                  </code>
                </dd>
              </div>
              {details.fields.map((f) => (
                <div key={f.element}>
                  <dt>
                    <code>{f.element}</code>
                  </dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="note">{t.resourceNotLoaded}</p>
          )}
        </details>
      )}
    </li>
  );
}
