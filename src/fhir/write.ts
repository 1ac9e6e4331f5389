import type { Note } from '../report/types';
import { FhirError } from './errors';
import { fhirError } from './status';
import type { FhirResponse, FhirTransport } from './transport';

export interface SaveNoteOptions {
  signal?: AbortSignal;
  /** also write the Provenance (when the granted scope allows creating one); default true */
  provenance?: boolean;
}

export type ProvenanceOutcome =
  | { state: 'saved'; id?: string }
  | { state: 'skipped' }
  /** the note is in the chart; only its Provenance is not */
  | { state: 'failed'; error: FhirError };

/** The confirmation the surgeon sees: what the server holds after the read-back. */
export interface SavedNote {
  id: string;
  versionId?: string;
  /** the note's date as the server stored it */
  date: string;
  /** false when the server already had a note with this identifier (a retry after a lost answer) */
  created: boolean;
  provenance: ProvenanceOutcome;
}

const FHIR_JSON = 'application/fhir+json';
const NO_CACHE = { 'Cache-Control': 'no-cache' };

/**
 * Writes go one at a time across the app: parallel conditional creates of the same identifier can
 * both miss the match on HAPI and create two notes.
 */
let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Saves the signed note: a conditional create on the note's business identifier (a retry after a
 * lost answer finds the first note instead of writing a second), a read-back that bypasses caches,
 * then the Provenance. Every failure of the note itself is a FhirError carrying the server's
 * reason; a failed Provenance is reported in the result and does not undo the saved note.
 */
export function saveNote(transport: FhirTransport, note: Note, options: SaveNoteOptions = {}): Promise<SavedNote> {
  return oneAtATime(async () => {
    const identifier = note.documentReference.identifier?.[0];
    if (!identifier?.system || !identifier.value) {
      throw new FhirError('rejected', 'The note has no business identifier; it was not sent.');
    }
    const token = `${identifier.system}|${identifier.value}`;
    const response = await guarded(() =>
      transport.request<unknown>({
        url: 'DocumentReference',
        method: 'POST',
        headers: {
          'Content-Type': FHIR_JSON,
          Accept: FHIR_JSON,
          'If-None-Exist': `identifier=${token}`,
          Prefer: 'return=representation',
        },
        body: JSON.stringify(note.documentReference),
        signal: options.signal,
      }),
    );
    const stored = await readBack(transport, locate(response), token, options.signal);
    const id = stored.id ?? '';
    const provenance =
      note.provenance && options.provenance !== false
        ? await saveProvenance(transport, note.provenance, id, options.signal)
        : ({ state: 'skipped' } as const);
    return {
      id,
      ...(stored.meta?.versionId ? { versionId: stored.meta.versionId } : {}),
      date: stored.date ?? note.documentReference.date ?? '',
      created: response.status === 201,
      provenance,
    };
  });
}

/** Turns anything a transport might throw into a FhirError, so callers have one thing to explain. */
async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof FhirError) throw error;
    throw fhirError('network');
  }
}

const ID = '[A-Za-z0-9\\-.]{1,64}';
const LOCATION = new RegExp(`(?:^|/)DocumentReference/(${ID})(?:/_history/(${ID}))?/?$`);

/** The id the server gave the note: from Location / Content-Location, else from the body. */
function locate(response: FhirResponse<unknown>): string | undefined {
  for (const header of ['location', 'content-location']) {
    const match = LOCATION.exec(response.headers.get(header) ?? '');
    if (match?.[1]) return match[1];
  }
  const body = response.body as Partial<fhir4.DocumentReference> | null;
  return body?.resourceType === 'DocumentReference' && typeof body.id === 'string' ? body.id : undefined;
}

/**
 * Reads the note back as the server holds it: by id when the server named it, else by identifier.
 * `Cache-Control: no-cache` makes HAPI skip its search cache, which can otherwise hide a note
 * written a moment ago.
 */
async function readBack(
  transport: FhirTransport,
  id: string | undefined,
  token: string,
  signal: AbortSignal | undefined,
): Promise<fhir4.DocumentReference> {
  const [system, value] = [token.slice(0, token.indexOf('|')), token.slice(token.indexOf('|') + 1)];
  const matches = (doc: Partial<fhir4.DocumentReference> | undefined): doc is fhir4.DocumentReference =>
    doc?.resourceType === 'DocumentReference' &&
    typeof doc.id === 'string' &&
    (doc.identifier ?? []).some((i) => i.system === system && i.value === value);

  if (id) {
    const { body } = await guarded(() =>
      transport.request<fhir4.DocumentReference>({ url: `DocumentReference/${id}`, headers: NO_CACHE, signal }),
    );
    if (matches(body)) return body;
  }
  const { body } = await guarded(() =>
    transport.request<fhir4.Bundle>({
      url: `DocumentReference?identifier=${encodeURIComponent(token)}`,
      headers: NO_CACHE,
      signal,
    }),
  );
  const found = (body?.entry ?? []).map((e) => e.resource as fhir4.DocumentReference | undefined).find(matches);
  if (!found) {
    throw new FhirError('invalid-response', 'The note was sent, but the FHIR server did not return it when read back.');
  }
  return found;
}

async function saveProvenance(
  transport: FhirTransport,
  provenance: fhir4.Provenance,
  documentId: string,
  signal: AbortSignal | undefined,
): Promise<ProvenanceOutcome> {
  const target = `DocumentReference/${documentId}`;
  try {
    const response = await guarded(() =>
      transport.request<Partial<fhir4.Provenance> | null>({
        url: 'Provenance',
        method: 'POST',
        headers: { 'Content-Type': FHIR_JSON, Accept: FHIR_JSON, 'If-None-Exist': `target=${target}` },
        body: JSON.stringify({ ...provenance, target: [{ reference: target }] }),
        signal,
      }),
    );
    const fromHeader = /(?:^|\/)Provenance\/([A-Za-z0-9\-.]{1,64})/.exec(response.headers.get('location') ?? '')?.[1];
    const id = fromHeader ?? (typeof response.body?.id === 'string' ? response.body.id : undefined);
    return id ? { state: 'saved', id } : { state: 'saved' };
  } catch (error) {
    return { state: 'failed', error: error as FhirError };
  }
}
