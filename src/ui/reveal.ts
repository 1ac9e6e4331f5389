import type { MouseEvent } from 'react';

/**
 * Follows a link within the page to what may sit in a folded section ("All criteria", a question
 * listed with them): opens the sections around it and moves the focus there, so the keyboard goes on
 * from it. `control`: to its first control (a question's choices), else to the element itself.
 */
export function reveal(event: MouseEvent<HTMLElement> | undefined, id: string, control = false): void {
  const target = document.getElementById(id);
  if (!target) return;
  event?.preventDefault();
  for (let el: HTMLElement | null = target; el; el = el.parentElement)
    if (el instanceof HTMLDetailsElement) el.open = true;
  const first = control
    ? (target.querySelector<HTMLElement>('input:checked') ??
      target.querySelector<HTMLElement>('input, select, textarea, button'))
    : null;
  if (first) {
    first.focus();
    return;
  }
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
}
