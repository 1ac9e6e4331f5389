import { useEffect, useRef } from 'react';
import { CLINICAL_TYPES, type ClinicalType, type PatientRecord, type ReadState } from '../../clinical/record';
import { useI18n } from '../i18n';
import type { Tone } from '../tone';
import { StatusMark } from './StatusMark';

const READ_TONE: Record<ReadState, Tone> = {
  full: 'good',
  partial: 'caution',
  'not-permitted': 'bad',
  failed: 'bad',
  'not-requested': 'unknown',
};

/** A read that can be tried again: a failure, or a read cut short by an error or the paging cap. */
const RETRYABLE: readonly ReadState[] = ['failed', 'partial'];

interface Props {
  reads: PatientRecord['reads'];
  /** the Patient itself was read (its read state is not among the clinical types') */
  patientRead: boolean;
  retrying: ReadonlySet<ClinicalType>;
  onRetry: (type: ClinicalType) => void;
  /** why a retry failed as a whole, per type */
  retryErrors: Partial<Record<ClinicalType, string>>;
}

/** Per resource type: read fully, partly, not permitted or failed (with the reason and a retry). */
export function RecordReads({ reads, patientRead, retrying, onRetry, retryErrors }: Props) {
  const { t, entries, lang } = useI18n();
  const types = CLINICAL_TYPES.filter((type) => reads[type]);
  const incomplete = types.filter((type) => reads[type].state !== 'full' || retrying.has(type));
  const panel = useRef<HTMLElement>(null);
  /** the type whose Retry the surgeon pressed, until that read settles */
  const retried = useRef<ClinicalType>(undefined);
  useEffect(() => {
    const type = retried.current;
    if (!type || retrying.has(type)) return;
    retried.current = undefined;
    // a read that succeeded took its Retry button with it: the focus goes to the row's new status, or
    // to the summary once every type is read and the list folds; unless the surgeon has moved on
    const focus = document.activeElement;
    if (focus && focus !== document.body) return;
    const row = panel.current?.querySelector<HTMLElement>(`li[data-type="${type}"]`);
    // the panel's own fold, not a section the panel itself sits in
    const folded = row?.closest('details:not([open])');
    (folded && panel.current?.contains(folded) ? folded.querySelector('summary') : row)?.focus();
  }, [retrying]);
  const list = (
    <ul className="read-list">
      {!patientRead && (
        <li className="read" data-type="Patient" data-state="failed">
          <span className="read-type">{t.typeLabels.Patient}</span>
          <StatusMark tone="bad" label={t.readStates.failed} />
        </li>
      )}
      {types.map((type) => {
        const read = reads[type];
        const busy = retrying.has(type);
        const reason = read.reasonText?.[lang] ?? read.reason;
        return (
          <li key={type} className="read" data-type={type} data-state={read.state} tabIndex={-1}>
            <span className="read-type">{t.typeLabels[type]}</span>
            <StatusMark
              tone={busy ? 'unknown' : READ_TONE[read.state]}
              label={busy ? t.retrying : t.readStates[read.state]}
            />
            <span className="read-count">{entries(read.count)}</span>
            {reason && <span className="read-reason">{reason}</span>}
            {read.filteredOnClient && <span className="read-reason">{t.filteredOnClient}</span>}
            {retryErrors[type] && (
              <span className="read-reason" role="alert">
                {retryErrors[type]}
              </span>
            )}
            {RETRYABLE.includes(read.state) && (
              <button
                type="button"
                onClick={() => {
                  if (busy) return;
                  retried.current = type;
                  onRetry(type);
                }}
                // not disabled while busy, so the focus stays on it until the read settles
                aria-disabled={busy || undefined}
                aria-label={`${busy ? t.retrying : t.retry} ${t.typeLabels[type]}`}
              >
                {busy ? t.retrying : t.retry}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
  return (
    <section ref={panel} className="panel reads" id="reads" aria-labelledby="reads-title" aria-busy={retrying.size > 0}>
      <h2 id="reads-title">{t.recordReads}</h2>
      {incomplete.length === 0 && patientRead ? (
        <details>
          <summary>{t.readsAllFull}</summary>
          {list}
        </details>
      ) : (
        <>
          <p className="note">{t.readsIncomplete}</p>
          {list}
        </>
      )}
    </section>
  );
}
