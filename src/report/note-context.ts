import { isUuid } from './identity';
import type { NoteContext } from './types';

export class NoteContextError extends Error {
  override readonly name = 'NoteContextError';
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const REFERENCE = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;

/** Throws a NoteContextError naming every problem of the context, so no note is built from it. */
export function checkNoteContext(context: NoteContext): void {
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
    !context.replaces || /^[A-Za-z0-9\-.]{1,64}$/.test(context.replaces.id)
      ? ''
      : 'the replaced note id is not a FHIR id',
  ].filter(Boolean);
  if (problems.length) throw new NoteContextError(`Cannot build the note: ${problems.join('; ')}.`);
}
