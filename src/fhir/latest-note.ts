import { CONSULT_NOTE_TYPE } from '../report/document-reference';
import { NOTE_IDENTIFIER_SYSTEM } from '../report/identity';
import { readSearchPage } from './bundle';
import { referencedId } from '../clinical/record';
import type { FhirTransport } from './transport';

/**
 * The search for this app's own latest current note on the patient: by the note's type and the
 * app's identifier system (any value), newest first. A relaunch sends it in the same wave as the
 * record's reads, so the surgeon sees at once what was signed before and can continue from it.
 */
export function latestNoteQuery(patientId: string): string {
  const query = new URLSearchParams({
    patient: patientId,
    type: `${CONSULT_NOTE_TYPE.system}|${CONSULT_NOTE_TYPE.code}`,
    identifier: `${NOTE_IDENTIFIER_SYSTEM}|`,
    status: 'current',
    _sort: '-date',
    _count: '1',
  });
  return `DocumentReference?${query}`;
}

/**
 * The newest current note of this app on the patient, or undefined when there is none. A server
 * that ignores a parameter may send more, or notes of other apps: only a note of this patient
 * carrying the app's identifier counts, and the newest of those by date. Rejects with a FhirError
 * when the server cannot answer (the caller says so; the assessment never depends on it).
 */
export async function findLatestNote(
  transport: FhirTransport,
  patientId: string,
  signal?: AbortSignal,
): Promise<fhir4.DocumentReference | undefined> {
  const { body } = await transport.request({
    url: latestNoteQuery(patientId),
    headers: { 'Cache-Control': 'no-cache' },
    ...(signal && { signal }),
  });
  const notes = readSearchPage(body, 'DocumentReference').resources as unknown as fhir4.DocumentReference[];
  return notes
    .filter(
      (doc) =>
        doc.status === 'current' &&
        referencedId(doc.subject?.reference ?? '', 'Patient') === patientId &&
        (doc.identifier ?? []).some((i) => i?.system === NOTE_IDENTIFIER_SYSTEM),
    )
    .sort((a, b) => (Date.parse(b.date ?? '') || 0) - (Date.parse(a.date ?? '') || 0))[0];
}
