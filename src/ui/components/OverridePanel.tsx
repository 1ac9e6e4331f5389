import { useState } from 'react';
import { flushSync } from 'react-dom';
import type { Override, Recommendation } from '../../clinical/assessment';
import { useI18n } from '../i18n';

const CHOICES: readonly Recommendation[] = ['eligible', 'eligible-with-cautions', 'not-eligible', 'insufficient-data'];

/** fixed ids (one panel per page): the control to focus is found after the change, which may mount a new panel */
const IDS = {
  title: 'override-title',
  summary: 'override-summary',
  remove: 'override-remove',
  choice: 'override-choice',
  reason: 'override-reason',
  hint: 'override-hint',
} as const;

interface Props {
  override: Override | undefined;
  computed: Recommendation;
  onChange: (override: Override | undefined) => void;
}

/**
 * The surgeon may set a different recommendation, never without a reason. Folded under its heading
 * until wanted (it is the exception); open while an override stands.
 */
export function OverridePanel({ override, computed, onChange }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(override !== undefined);
  const [choice, setChoice] = useState<Recommendation | ''>('');
  const [reason, setReason] = useState('');
  const ready = choice !== '' && reason.trim() !== '';
  /** The pressed button goes with the change: the focus moves to the control that replaces it. */
  const change = (next: Override | undefined, focusId: string) => {
    flushSync(() => onChange(next));
    document.getElementById(focusId)?.focus();
  };
  return (
    <details
      className="panel override"
      data-testid="override"
      open={open || override !== undefined}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        <h2 id={IDS.title}>{t.override}</h2>
      </summary>
      {override ? (
        <>
          <p id={IDS.summary}>
            {t.overriddenBy}: {t.recommendations[override.recommendation]}
          </p>
          <p>
            <button
              type="button"
              id={IDS.remove}
              aria-describedby={IDS.summary}
              onClick={() => change(undefined, IDS.choice)}
            >
              {t.overrideRemove}
            </button>
          </p>
        </>
      ) : (
        <form
          className="override-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!ready) return;
            change({ recommendation: choice, reason: reason.trim(), at: new Date().toISOString() }, IDS.remove);
            setChoice('');
            setReason('');
          }}
        >
          <label htmlFor={IDS.choice}>{t.overrideTo}</label>
          <select id={IDS.choice} value={choice} onChange={(e) => setChoice(e.target.value as Recommendation | '')}>
            <option value="">{t.overrideChoose}</option>
            {CHOICES.filter((r) => r !== computed).map((r) => (
              <option key={r} value={r}>
                {t.recommendations[r]}
              </option>
            ))}
          </select>
          <label htmlFor={IDS.reason}>{t.overrideReason}</label>
          <textarea
            id={IDS.reason}
            rows={2}
            value={reason}
            required
            aria-describedby={IDS.hint}
            onChange={(e) => setReason(e.target.value)}
          />
          <p id={IDS.hint} className="hint">
            {t.overrideNeedsReason}
          </p>
          <button type="submit" disabled={!ready}>
            {t.overrideApply}
          </button>
        </form>
      )}
    </details>
  );
}
