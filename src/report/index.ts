import type { Assessment } from '../clinical/assessment';
import type { WindowLike } from 'dompurify';
import { buildDocumentReference } from './document-reference';
import { APP_NAME, APP_VERSION, isUuid } from './identity';
import { buildNoteModel } from './model';
import { buildProvenance } from './provenance';
import { renderHtml } from './render-html';
import { renderText } from './render-text';
import type { Note, NoteContext } from './types';

export type { Note, NoteContext, NoteLanguage } from './types';
export { noteIdentifier } from './document-reference';
export { NOTE_IDENTIFIER_SYSTEM, ASSESSMENT_EXTENSION_URL, APP_NAME, APP_VERSION } from './identity';

export class NoteContextError extends Error {
  override readonly name = 'NoteContextError';
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const REFERENCE = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;

/**
 * The signed consult note: text, HTML, the DocumentReference carrying both, and the Provenance.
 * Pure: the same assessment and context give the same note, so a retry writes identical content
 * under the same identifier. In Node pass a window (jsdom) for the HTML sanitiser.
 */
export function buildNote(assessment: Assessment, context: NoteContext, options: { window?: WindowLike } = {}): Note {
  checkContext(context);
  const app = context.app ?? { name: APP_NAME, version: APP_VERSION };
  const model = buildNoteModel(assessment, context);
  const text = renderText(model);
  const html = renderHtml(model, options.window);
  const title = model.headline;
  return {
    text,
    html,
    documentReference: buildDocumentReference(assessment, context, text, html, title),
    provenance: buildProvenance([assessment, ...(context.coverage ? [context.coverage] : [])], context, app),
  };
}

/**
 * The note's text alone, as buildNote writes it: for a preview, a copy or a file, without the
 * HTML, the hashes and the resources that only the write needs.
 */
export function noteText(assessment: Assessment, context: NoteContext): string {
  checkContext(context);
  return renderText(buildNoteModel(assessment, context));
}

function checkContext(context: NoteContext): void {
  const problems = [
    isUuid(context.assessmentId) ? '' : 'the assessment id is not a UUID',
    INSTANT.test(context.signedAt) && !Number.isNaN(Date.parse(context.signedAt))
      ? ''
      : 'the signing time is not an ISO 8601 instant with a time zone',
    REFERENCE.test(context.patient.reference) && context.patient.reference.startsWith('Patient/')
      ? ''
      : 'the patient reference is not "Patient/<id>"',
    !context.author || REFERENCE.test(context.author.reference) ? '' : 'the author reference is not "<Type>/<id>"',
    !context.encounter || /^Encounter\/[A-Za-z0-9\-.]{1,64}$/.test(context.encounter)
      ? ''
      : 'the encounter reference is not "Encounter/<id>"',
    !context.replaces || /^[A-Za-z0-9\-.]{1,64}$/.test(context.replaces.id) ? '' : 'the replaced note id is not a FHIR id',
  ].filter(Boolean);
  if (problems.length) throw new NoteContextError(`Cannot build the note: ${problems.join('; ')}.`);
}
