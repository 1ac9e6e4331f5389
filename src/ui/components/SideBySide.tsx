import { useState, type ReactNode } from 'react';
import type { Assessment } from '../../clinical/assessment';
import type { ClinicalType, PatientRecord, ReadState } from '../../clinical/record';
import { useI18n } from '../i18n';
import type { PaneScope } from '../scope';
import { RECOMMENDATION_TONE } from '../tone';
import { Criteria } from './Criteria';
import { DocumentationChecklist, OpenPoints } from './Documentation';
import { MissingList } from './MissingList';
import { StatusMark } from './StatusMark';
import { Verdict } from './Verdict';

type PaneId = 'guideline' | 'coverage';

interface Props {
  guideline: Assessment;
  coverage: Assessment;
  record: PatientRecord;
  notCurrent: boolean;
  unread: { type: ClinicalType; state: ReadState }[];
  /** read a type again, from the warning beside each verdict */
  onRetry?: (type: ClinicalType) => void;
  retrying?: ReadonlySet<ClinicalType>;
  /** what both share, shown between the verdicts and the criteria: the questions and the reads */
  children: ReactNode;
}

/**
 * The clinical guideline's verdict and the payer's coverage verdict of the same record and answers:
 * two columns on wide screens; on narrow ones a switch (showing both verdicts) picks the column.
 * Each row pairs the same part of both, so the verdicts, what is missing and the criteria line up.
 */
export function SideBySide({ guideline, coverage, record, notCurrent, unread, onRetry, retrying, children }: Props) {
  const { t } = useI18n();
  const [active, setActive] = useState<PaneId>('guideline');
  const scopes: Record<PaneId, PaneScope> = {
    guideline: { idPrefix: '', label: t.guidelineLabel },
    coverage: { idPrefix: 'coverage-', label: t.coverageLabel },
  };
  const panes: [PaneId, Assessment][] = [
    ['guideline', guideline],
    ['coverage', coverage],
  ];
  const pair = (content: Record<PaneId, ReactNode>) => (
    <div className="pair">
      {panes.map(([id]) => (
        <div key={id} className={`pane${active === id ? ' pane-active' : ''}`} data-pane={id}>
          {content[id]}
        </div>
      ))}
    </div>
  );
  return (
    <div className="side-by-side" data-testid="side-by-side">
      <div className="ruleset-switch" role="group" aria-label={t.assessmentSwitch}>
        {panes.map(([id, assessment]) => (
          <button key={id} type="button" aria-pressed={active === id} data-pane={id} onClick={() => setActive(id)}>
            {scopes[id].label}:{' '}
            <StatusMark
              tone={RECOMMENDATION_TONE[assessment.recommendation]}
              label={t.recommendations[assessment.recommendation]}
            />
          </button>
        ))}
      </div>
      {pair({
        guideline: (
          <Verdict
            assessment={guideline}
            notCurrent={notCurrent}
            unread={unread}
            scope={scopes.guideline}
            {...(onRetry && { onRetry })}
            {...(retrying && { retrying })}
          />
        ),
        coverage: (
          <Verdict
            assessment={coverage}
            notCurrent={notCurrent}
            unread={unread}
            scope={scopes.coverage}
            showOutcome={false}
            {...(onRetry && { onRetry })}
            {...(retrying && { retrying })}
          />
        ),
      })}
      {pair({
        guideline: <MissingList assessment={guideline} scope={scopes.guideline} />,
        coverage: (
          <>
            {coverage.documentation && (
              <DocumentationChecklist items={coverage.documentation} idPrefix={scopes.coverage.idPrefix} />
            )}
            <MissingList assessment={coverage} scope={scopes.coverage} />
          </>
        ),
      })}
      {children}
      {pair({
        guideline: <Criteria assessment={guideline} record={record} scope={scopes.guideline} />,
        coverage: (
          <>
            <OpenPoints assessment={coverage} idPrefix={scopes.coverage.idPrefix} />
            <Criteria assessment={coverage} record={record} scope={scopes.coverage} folded />
          </>
        ),
      })}
    </div>
  );
}
