import { useEffect, useState, type RefObject } from 'react';
import type { Assessment } from '../../clinical/assessment';
import { useI18n } from '../i18n';
import { RECOMMENDATION_TONE } from '../tone';
import { StatusMark } from './StatusMark';

interface Props {
  /** the verdicts in full: the bar shows while they are scrolled out of view */
  watch: RefObject<HTMLElement | null>;
  verdicts: { label?: string; assessment: Assessment }[];
  notCurrent: boolean;
}

/**
 * A slim bar at the top of the window with the verdict(s), shown once the verdicts themselves are
 * scrolled away: an answer given further down visibly changes them. The verdicts' own live region
 * announces the change, so the bar is for the eye only.
 */
export function VerdictBar({ watch, verdicts, notCurrent }: Props) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    // the (first) verdict's word: once it has left the window, the bar takes its place
    const target = watch.current?.querySelector('.verdict-word');
    if (!target || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver(([entry]) => setShown(entry !== undefined && !entry.isIntersecting));
    observer.observe(target);
    return () => observer.disconnect();
  }, [watch]);
  return (
    <div className={`verdict-bar${shown ? ' verdict-bar-shown' : ''}`} aria-hidden="true" data-testid="verdict-bar">
      {verdicts.map(({ label, assessment }) => (
        <span key={assessment.ruleset.id} className="verdict-bar-item">
          {label && <span className="verdict-bar-label">{label}:</span>}
          <StatusMark
            tone={RECOMMENDATION_TONE[assessment.recommendation]}
            label={t.recommendations[assessment.recommendation]}
          />
        </span>
      ))}
      {notCurrent && <span className="verdict-bar-stale">{t.notCurrentShort}</span>}
    </div>
  );
}
