import type { Assessment } from '../clinical/assessment';
import { buildNoteModel } from './model';
import { checkNoteContext } from './note-context';
import { renderText } from './render-text';
import type { NoteContext } from './types';

/**
 * The note's text alone, as buildNote writes it: for a preview, a copy or a file, without the
 * HTML, the hashes and the resources that only the write needs. Its own module, so that the app
 * shows the preview without loading the HTML sanitiser.
 */
export function noteText(assessment: Assessment, context: NoteContext): string {
  checkNoteContext(context);
  return renderText(buildNoteModel(assessment, context));
}
