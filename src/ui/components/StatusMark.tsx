import { TONE_ICON, type Tone } from '../tone';

/** A status in words with an icon and a colour: readable without colour, and without the icon. */
export function StatusMark({ tone, label, className }: { tone: Tone; label: string; className?: string }) {
  return (
    <span className={`mark mark-${tone}${className ? ` ${className}` : ''}`}>
      <span className="mark-icon" aria-hidden="true">
        {TONE_ICON[tone]}
      </span>
      {label}
    </span>
  );
}
