import type { Assessment } from '../../clinical/assessment';
import { useI18n } from '../i18n';
import type { PaneScope } from '../scope';

/** What the record lacks, each with what would supply it: a question here, an order, or a read. */
export function MissingList({ assessment, scope }: { assessment: Assessment; scope?: PaneScope }) {
  const { t, text } = useI18n();
  const titles = new Map(assessment.criteria.map((c) => [c.id, text(c.title)]));
  const withQuestion = new Set(assessment.criteria.filter((c) => c.question).map((c) => c.id));
  const prefix = scope?.idPrefix ?? '';
  return (
    <section className="panel missing" aria-labelledby={`${prefix}missing-title`} data-testid={`${prefix}missing`}>
      <h2 id={`${prefix}missing-title`}>{scope ? `${t.missing}: ${scope.label}` : t.missing}</h2>
      {assessment.missing.length === 0 ? (
        <p className="note">{t.nothingMissing}</p>
      ) : (
        <ul className="missing-list">
          {assessment.missing.map((item, index) => (
            <li key={`${item.criterion}-${index}`} data-supply={item.supply}>
              <span className={`supply supply-${item.supply}`}>{t.supply[item.supply]}</span>
              <span>
                <strong>{titles.get(item.criterion) ?? item.criterion}</strong>: {text(item.needText)}
              </span>
              {item.supply === 'answer' && withQuestion.has(item.criterion) && (
                <a href={`#question-${item.criterion}`}>{t.goToQuestion}</a>
              )}
              {item.supply === 'record' && <a href="#reads">{t.goToReads}</a>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
