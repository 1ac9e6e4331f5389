import type { NoteModel } from './model';

/** The note as plain text: one line per finding, a blank line between groups, wrapped by the viewer. */
export function renderText(model: NoteModel): string {
  const lines: string[] = [model.title];
  for (const block of model.blocks) {
    lines.push('');
    for (const line of block) lines.push(line.label ? `${line.label}: ${line.text}` : line.text);
  }
  return `${lines.join('\n')}\n`;
}
