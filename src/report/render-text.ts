import type { NoteModel } from './model';

/** The note as plain text: readable in any document viewer, wrapped by the viewer. */
export function renderText(model: NoteModel): string {
  const lines: string[] = [model.title.toUpperCase(), ''];
  for (const fact of model.facts) lines.push(`${fact.label}: ${fact.value}`);
  for (const section of model.sections) {
    lines.push('', `== ${section.heading} ==`);
    for (const paragraph of section.paragraphs ?? []) lines.push(paragraph);
    for (const item of section.items ?? []) {
      lines.push(`- ${item.text}`);
      for (const detail of item.details ?? []) lines.push(`    * ${detail}`);
    }
  }
  lines.push('', '--', ...model.footer);
  return `${lines.join('\n')}\n`;
}
