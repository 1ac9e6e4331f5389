import { useId, useState } from 'react';
import type { Override, Recommendation } from '../../clinical/assessment';
import { useI18n } from '../i18n';

const CHOICES: readonly Recommendation[] = ['eligible', 'eligible-with-cautions', 'not-eligible', 'insufficient-data'];

interface Props {
  override: Override | undefined;
  computed: Recommendation;
  onChange: (override: Override | undefined) => void;
}

/** The surgeon may set a different recommendation, never without a reason. */
export function OverridePanel({ override, computed, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [choice, setChoice] = useState<Recommendation | ''>('');
  const [reason, setReason] = useState('');
  const ready = choice !== '' && reason.trim() !== '';
  return (
    <section className="panel override" aria-labelledby={`${id}-title`} data-testid="override">
      <h2 id={`${id}-title`}>{t.override}</h2>
      {override ? (
        <p>
          <button type="button" onClick={() => onChange(undefined)}>
            {t.overrideRemove}
          </button>
        </p>
      ) : (
        <form
          className="override-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!ready) return;
            onChange({ recommendation: choice, reason: reason.trim(), at: new Date().toISOString() });
            setChoice('');
            setReason('');
          }}
        >
          <label htmlFor={`${id}-choice`}>{t.overrideTo}</label>
          <select id={`${id}-choice`} value={choice} onChange={(e) => setChoice(e.target.value as Recommendation | '')}>
            <option value="">{t.overrideChoose}</option>
            {CHOICES.filter((r) => r !== computed).map((r) => (
              <option key={r} value={r}>
                {t.recommendations[r]}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-reason`}>{t.overrideReason}</label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            value={reason}
            required
            aria-describedby={`${id}-hint`}
            onChange={(e) => setReason(e.target.value)}
          />
          <p id={`${id}-hint`} className="hint">
            {t.overrideNeedsReason}
          </p>
          <button type="submit" disabled={!ready}>
            {t.overrideApply}
          </button>
        </form>
      )}
    </section>
  );
}
