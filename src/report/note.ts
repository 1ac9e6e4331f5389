import type { Assessment } from '../clinical/assessment';
import type { WindowLike } from 'dompurify';
import { buildDocumentReference } from './document-reference';
import { APP_NAME, APP_VERSION } from './identity';
import { buildNoteModel } from './model';
import { checkNoteContext } from './note-context';
import { buildProvenance } from './provenance';
import { renderHtml } from './render-html';
import { renderText } from './render-text';
import type { Note, NoteContext } from './types';

/**
 * The signed consult note: text, HTML, the DocumentReference carrying both, and the Provenance.
 * Pure: the same assessment and context give the same note, so a retry writes identical content
 * under the same identifier. In Node pass a window (jsdom) for the HTML sanitiser. The app loads
 * this module only to sign: the sanitiser is large and sets itself up as it loads.
 */
export function buildNote(assessment: Assessment, context: NoteContext, options: { window?: WindowLike } = {}): Note {
  checkNoteContext(context);
  const app = context.app ?? { name: APP_NAME, version: APP_VERSION };
  const model = buildNoteModel(assessment, context);
  const text = renderText(model);
  const html = renderHtml(model, options.window);
  const title = model.headline;
  return {
    text,
    html,
    documentReference: buildDocumentReference(assessment, context, text, html, title, app),
    provenance: buildProvenance([assessment, ...(context.coverages ?? [])], context, app),
  };
}
