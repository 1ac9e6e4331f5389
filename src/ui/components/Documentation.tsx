import type { Assessment, DocumentationItem } from '../../clinical/assessment';
import { useI18n } from '../i18n';
import type { Strings } from '../i18n/en';
import type { Tone } from '../tone';
import { StatusMark } from './StatusMark';

const DOCUMENTATION_TONE: Record<DocumentationItem['status'], Tone> = {
  present: 'good',
  missing: 'caution',
  // it may be in the chart: a list that holds it was not read fully
  'not-read': 'unknown',
};

const documentationLabel = (t: Strings): Record<DocumentationItem['status'], string> => ({
  present: t.documentationPresent,
  missing: t.documentationMissing,
  'not-read': t.documentationNotRead,
});

/**
 * The payer's documentation checklist: for each item it requires in the chart, present (with the
 * evidence that documents it) or missing. Prior authorisation fails on these more often than on
 * medicine, so every item is shown, present ones included.
 */
export function DocumentationChecklist({ items, idPrefix = '' }: { items: DocumentationItem[]; idPrefix?: string }) {
  const { t, text } = useI18n();
  const present = items.filter((i) => i.status === 'present').length;
  return (
    <section
      className="panel documentation"
      aria-labelledby={`${idPrefix}documentation-title`}
      data-testid={`${idPrefix}documentation`}
    >
      <h2 id={`${idPrefix}documentation-title`}>{t.documentation}</h2>
      <p className="note">{t.documentationSummary(present, items.length)}</p>
      <ul className="documentation-list">
        {items.map((item) => (
          <li key={item.item} data-item={item.item} data-status={item.status}>
            <div className="criterion-head">
              <h3>{text(item.title)}</h3>
              <StatusMark tone={DOCUMENTATION_TONE[item.status]} label={documentationLabel(t)[item.status]} />
            </div>
            {item.evidence.length > 0 && (
              <details className="evidence">
                <summary>{t.evidence(item.evidence.length)}</summary>
                <ul className="documentation-evidence">
                  {item.evidence.map((e, i) => (
                    <li key={`${e.reference}-${i}`}>
                      {text(e.summaryText)}{' '}
                      {e.reference === 'surgeon' ? (
                        <span className="surgeon-tag">{t.fromSurgeon}</span>
                      ) : (
                        <code>{e.reference}</code>
                      )}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the rule set's authors could not verify in its source: shown plainly, never hidden. */
export function OpenPoints({ assessment, idPrefix = '' }: { assessment: Assessment; idPrefix?: string }) {
  const { t, text } = useI18n();
  const points = assessment.rulesetInfo.openPoints ?? [];
  if (points.length === 0) return null;
  const titles = new Map(assessment.criteria.map((c) => [c.id, text(c.title)]));
  return (
    <section
      className="panel open-points"
      aria-labelledby={`${idPrefix}open-points-title`}
      data-testid={`${idPrefix}open-points`}
    >
      <h2 id={`${idPrefix}open-points-title`}>{t.openPoints}</h2>
      <p className="note">{t.openPointsIntro}</p>
      <ul className="open-point-list">
        {points.map((point, i) => (
          <li key={i}>
            <StatusMark tone="unknown" label={t.notVerified} />{' '}
            {point.criterion && (
              <>
                <a href={`#${idPrefix}criterion-${point.criterion}`}>
                  {titles.get(point.criterion) ?? point.criterion}
                </a>
                :{' '}
              </>
            )}
            {text(point.text)}
          </li>
        ))}
      </ul>
    </section>
  );
}
