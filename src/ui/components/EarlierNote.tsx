import { useRef } from 'react';
import type { Recommendation } from '../../clinical/assessment';
import type { ChartNote } from '../chartNote';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import type { CriterionChange } from '../noteChanges';
import { RECOMMENDATION_TONE } from '../tone';
import { StatusMark } from './StatusMark';

interface Props {
  note: ChartNote;
  /** what the record says differently now, weighed with the note's answers; undefined: the note has no readable trail */
  changes: CriterionChange[] | undefined;
  /** the verdict the note's answers give on today's record, when it differs from the note's */
  verdictNow: Recommendation | undefined;
  /** the note's answers differ from those on screen: offer to start from them */
  canResume: boolean;
  onResume: () => void;
}

const SHOWN_CHANGES = 4;

/**
 * A relaunch continues: the app's latest note on this patient, who signed it when and what it said,
 * what has changed in the record since, and its answers to start from. Signing again replaces it.
 */
export function EarlierNote({ note, changes, verdictNow, canResume, onResume }: Props) {
  const { t, text, locale } = useI18n();
  const status = useRef<HTMLParagraphElement>(null);
  const signed = t.earlierSigned(formatDate(note.date, locale), note.authorName);
  const shown = changes?.slice(0, SHOWN_CHANGES) ?? [];
  return (
    <section className="panel earlier-note" aria-labelledby="earlier-title" data-testid="earlier-note">
      <h2 id="earlier-title" className="earlier-signed">
        {signed}
        {note.recommendation && (
          <>
            :{' '}
            <StatusMark
              tone={RECOMMENDATION_TONE[note.recommendation]}
              label={t.recommendations[note.recommendation]}
            />
          </>
        )}
      </h2>
      {changes === undefined ? (
        <p className="note">{t.earlierUnreadable}</p>
      ) : shown.length === 0 ? (
        <p className="note">{t.earlierNothingChanged}</p>
      ) : (
        <>
          <p className="note">{t.earlierChanged}</p>
          <ul className="earlier-changes">
            {shown.map(({ now, was }) => (
              <li key={now.id} data-criterion={now.id}>
                <strong>{text(now.title)}</strong>{' '}
                {was === now.status ? '' : `(${t.earlierWas(t.findingStatus[was], t.findingStatus[now.status])}) `}
                {text(now.rationaleText)}
              </li>
            ))}
            {changes.length > shown.length && <li>{t.earlierMoreChanges(changes.length - shown.length)}</li>}
          </ul>
        </>
      )}
      {verdictNow && <p>{t.earlierVerdictNow(t.recommendations[verdictNow])}</p>}
      <p ref={status} tabIndex={-1} className="earlier-actions">
        {canResume ? (
          <button
            type="button"
            onClick={() => {
              onResume();
              // the button goes with the answers it applied: the focus stays in the panel
              status.current?.focus();
            }}
          >
            {t.earlierResume}
          </button>
        ) : (
          note.trail && <span className="note">{t.earlierResumed}</span>
        )}{' '}
        <span className="note">{t.earlierReplaced}</span>
      </p>
    </section>
  );
}
