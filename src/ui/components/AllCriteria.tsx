import { Fragment } from 'react';
import type { Assessment } from '../../clinical/assessment';
import type { SurgeonAnswer, SurgeonAnswers } from '../../clinical/answers';
import type { ClinicalType, PatientRecord } from '../../clinical/record';
import { useI18n } from '../i18n';
import type { AskedQuestion } from '../questionPlan';
import type { PaneScope } from '../scope';
import { Criteria } from './Criteria';
import { DocumentationChecklist, OpenPoints } from './Documentation';
import { OtherQuestions } from './Questions';
import { RecordReads } from './RecordReads';

interface Props {
  guideline: Assessment;
  /** the payers' coverage assessments, one per rule set the site names, each with its scope in `scopes.coverages` */
  coverages?: readonly Assessment[];
  scopes?: { guideline: PaneScope; coverages: readonly PaneScope[] };
  record: PatientRecord;
  /** the questions not shown with the verdict: the surgeon may still correct those criteria */
  otherQuestions: AskedQuestion[];
  answers: SurgeonAnswers;
  onAnswer: (key: string, answer: SurgeonAnswer | undefined) => void;
  reads: PatientRecord['reads'];
  patientRead: boolean;
  retrying: ReadonlySet<ClinicalType>;
  onRetry: (type: ClinicalType) => void;
  retryErrors: Partial<Record<ClinicalType, string>>;
}

/**
 * Everything behind the verdict, folded under one control: every criterion of the guideline with
 * its evidence, the other criteria the surgeon may correct, what was read, and each payer's criteria,
 * checklist and open points. Links from above (the evidence of a criterion, a question, the reads)
 * open it where they point.
 */
export function AllCriteria(props: Props) {
  const { t } = useI18n();
  const { guideline, coverages = [], scopes, record } = props;
  const payers = scopes ? coverages.map((coverage, i) => ({ coverage, scope: scopes.coverages[i] })) : [];
  return (
    <details className="all-criteria" data-testid="all-criteria">
      <summary>
        <h2>{t.allCriteria(guideline.criteria.length)}</h2>
      </summary>
      <div className="all-criteria-body">
        <Criteria
          assessment={guideline}
          record={record}
          {...(payers.length > 0 && scopes && { scope: scopes.guideline })}
        />
        <div className="all-criteria-side">
          <OtherQuestions questions={props.otherQuestions} answers={props.answers} onAnswer={props.onAnswer} />
          <RecordReads
            reads={props.reads}
            patientRead={props.patientRead}
            retrying={props.retrying}
            onRetry={props.onRetry}
            retryErrors={props.retryErrors}
          />
          {payers.map(
            ({ coverage, scope }) =>
              scope && (
                <Fragment key={coverage.rulesetInfo.id}>
                  {coverage.documentation && (
                    <DocumentationChecklist items={coverage.documentation} idPrefix={scope.idPrefix} />
                  )}
                  <OpenPoints assessment={coverage} idPrefix={scope.idPrefix} />
                  <Criteria assessment={coverage} record={record} scope={scope} folded />
                </Fragment>
              ),
          )}
        </div>
      </div>
    </details>
  );
}
