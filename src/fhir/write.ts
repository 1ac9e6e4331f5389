import { referencedId } from '../clinical/record';
import { NOTE_IDENTIFIER_SYSTEM } from '../report/identity';
import type { Note } from '../report/types';
import { FhirError } from './errors';
import { fhirError } from './status';
import type { FhirResponse, FhirTransport } from './transport';

export interface SaveNoteOptions {
  signal?: AbortSignal;
  /** also write the Provenance (when the granted scope allows creating one); default true */
  provenance?: boolean;
  /**
   * The granted scope lets the app read DocumentReferences (default true). Without it the app
   * neither searches before a retry nor reads the note back: a request known to be forbidden only
   * fills the EHR's audit log with denied accesses.
   */
  mayReadNotes?: boolean;
  /** the granted scope lets the app update DocumentReferences: an amended note's predecessor is marked superseded; default true */
  mayUpdateNotes?: boolean;
  /**
   * This note was sent before and may be on the server although the answer was lost (the surgeon
   * pressed Retry): look for it before sending it again, because many EHRs ignore If-None-Exist.
   */
  retry?: boolean;
}

export type ProvenanceOutcome =
  | { state: 'saved'; id?: string }
  | { state: 'skipped' }
  /** the note is in the chart; only its Provenance is not */
  | { state: 'failed'; error: FhirError };

/** An amended note: what became of the note it replaces. */
export type ReplacedNoteOutcome =
  | { state: 'superseded'; id: string }
  /** the chart still shows both notes as current; no error when the granted scope did not allow the update */
  | { state: 'still-current'; id: string; error?: FhirError };

/** The confirmation the surgeon sees: what the server holds after the read-back. */
export interface SavedNote {
  id: string;
  versionId?: string;
  /** the note's date as the server stored it */
  date: string;
  /** false when the server already had a note with this identifier (a retry after a lost answer) */
  created: boolean;
  /**
   * false when the server accepted the note but the app may not read it back (the grant lacks
   * DocumentReference read): it is in the chart, but what the chart holds was not checked
   */
  verified: boolean;
  provenance: ProvenanceOutcome;
  /** present when the note replaces an earlier one */
  replaced?: ReplacedNoteOutcome;
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

/** What the app knows of the note on the server once it is there. */
interface Stored {
  id: string;
  versionId?: string;
  date?: string;
  created: boolean;
  verified: boolean;
  /** the id is this note's: read back, or the server's answer held this note (not just a Location) */
  confirmed: boolean;
}

/**
 * Saves the signed note: on a retry a search for its business identifier first, then a
 * conditional create on that identifier (either way a lost answer finds the first note instead of
 * writing a second), a read-back that bypasses caches, the Provenance, and for an amendment the
 * earlier note marked superseded. Every failure of the note itself is a FhirError carrying the
 * server's reason; a failed Provenance or supersede is reported in the result and does not undo
 * the saved note.
 */
export function saveNote(transport: FhirTransport, note: Note, options: SaveNoteOptions = {}): Promise<SavedNote> {
  return oneAtATime(async () => {
    const identifier = note.documentReference.identifier?.[0];
    if (!identifier?.system || !identifier.value) {
      throw new FhirError('rejected', 'The note has no business identifier; it was not sent.');
    }
    const sought: SoughtNote = {
      patientId: referencedId(note.documentReference.subject?.reference ?? '', 'Patient'),
      token: `${identifier.system}|${identifier.value}`,
    };
    const mayRead = options.mayReadNotes !== false;
    const sentBefore =
      options.retry && mayRead ? await findByIdentifier(transport, sought, options.signal, 'before-retry') : undefined;
    const stored = sentBefore
      ? storedAs(sentBefore, false)
      : await create(transport, note, sought, mayRead, options.signal);
    // a Provenance names its target: only a note known to be this one (never a bare Location)
    const provenance =
      note.provenance && options.provenance !== false && stored.confirmed
        ? await saveProvenance(transport, note.provenance, stored.id, options.signal)
        : ({ state: 'skipped' } as const);
    const replacedId = replacedNoteId(note.documentReference);
    return {
      id: stored.id,
      ...(stored.versionId ? { versionId: stored.versionId } : {}),
      date: stored.date ?? note.documentReference.date ?? '',
      created: stored.created,
      verified: stored.verified,
      provenance,
      ...(replacedId && {
        replaced:
          mayRead && options.mayUpdateNotes !== false
            ? await markSuperseded(transport, replacedId, sought.patientId, options.signal)
            : { state: 'still-current', id: replacedId },
      }),
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

function storedAs(doc: fhir4.DocumentReference & { id: string }, created: boolean): Stored {
  return {
    id: doc.id,
    ...(doc.meta?.versionId && { versionId: doc.meta.versionId }),
    ...(doc.date && { date: doc.date }),
    created,
    verified: true,
    confirmed: true,
  };
}

/**
 * A note looked for by its business identifier (`system|value`), in its patient's compartment:
 * EHRs require the patient in the searches of a patient-level launch.
 */
interface SoughtNote {
  patientId: string | undefined;
  token: string;
}

/**
 * Whether the chart holds the note with this business identifier (a signed note whose save failed
 * may have reached it, only the reply was lost). Throws a FhirError when the server cannot say.
 */
export async function isNoteInChart(
  transport: FhirTransport,
  patientId: string,
  identifier: fhir4.Identifier,
  signal?: AbortSignal,
): Promise<boolean> {
  return (
    (await findByIdentifier(
      transport,
      { patientId, token: `${identifier.system}|${identifier.value}` },
      signal,
      'must-answer',
    )) !== undefined
  );
}

/** The conditional create, then the read-back of what the server stored when the grant allows reading. */
async function create(
  transport: FhirTransport,
  note: Note,
  sought: SoughtNote,
  mayRead: boolean,
  signal: AbortSignal | undefined,
): Promise<Stored> {
  const response = await guarded(() =>
    transport.request<unknown>({
      url: 'DocumentReference',
      method: 'POST',
      headers: {
        'Content-Type': FHIR_JSON,
        Accept: FHIR_JSON,
        'If-None-Exist': `identifier=${sought.token}`,
        Prefer: 'return=representation',
      },
      body: JSON.stringify(note.documentReference),
      signal,
    }),
  );
  const created = response.status === 201;
  const named = locate(response, sought);
  if (!named) {
    if (!mayRead)
      throw new FhirError(
        'invalid-response',
        'The note was sent, but the FHIR server did not name it and the app may not read it back.',
      );
    return storedAs(await readBack(transport, undefined, sought, signal), created);
  }
  const { confirmed, ...id } = named;
  const unverified: Stored = { ...id, created, verified: false, confirmed };
  if (!mayRead) return unverified;
  try {
    return storedAs(await readBack(transport, named.id, sought, signal), created);
  } catch (error) {
    // the server accepted the note and named it: a read-back it refuses does not unsave it
    if (error instanceof FhirError && (error.kind === 'forbidden' || error.kind === 'unauthorized')) return unverified;
    throw error;
  }
}

const ID = '[A-Za-z0-9\\-.]{1,64}';
const LOCATION = new RegExp(`(?:^|/)DocumentReference/(${ID})(?:/_history/(${ID}))?/?$`);
const WEAK_ETAG = /^W\/"([^"]+)"$/;

interface Named {
  id: string;
  versionId?: string;
  /** the answer's own representation is this note (identifier and patient): the id is the note's */
  confirmed: boolean;
}

/**
 * The id (and version) the server gave the note. A representation in the answer is trusted only
 * when it is this note (its id then wins over the headers); otherwise Location / Content-Location
 * name it, unconfirmed, and a representation of another note means the answer names nothing.
 */
function locate(response: FhirResponse<unknown>, sought: SoughtNote): Named | undefined {
  const fromETag = WEAK_ETAG.exec(response.headers.get('etag') ?? '')?.[1];
  const body = response.body as Partial<fhir4.DocumentReference> | null;
  if (isSought(sought)(body)) {
    const versionId = body.meta?.versionId ?? fromETag;
    return { id: body.id, ...(versionId && { versionId }), confirmed: true };
  }
  if (body?.resourceType === 'DocumentReference') return undefined;
  for (const header of ['location', 'content-location']) {
    const match = LOCATION.exec(response.headers.get(header) ?? '');
    const versionId = match?.[2] ?? fromETag;
    if (match?.[1]) return { id: match[1], ...(versionId && { versionId }), confirmed: false };
  }
  return undefined;
}

/**
 * Whether a DocumentReference is the note sought: its business identifier, and its patient (an EHR
 * or a proxy may name, or hand back, another note; another patient's note is never "saved").
 */
function isSought({ token, patientId }: SoughtNote) {
  const [system, value] = [token.slice(0, token.indexOf('|')), token.slice(token.indexOf('|') + 1)];
  return (doc: Partial<fhir4.DocumentReference> | null | undefined): doc is fhir4.DocumentReference & { id: string } =>
    doc?.resourceType === 'DocumentReference' &&
    typeof doc.id === 'string' &&
    (doc.identifier ?? []).some((i) => i?.system === system && i.value === value) &&
    (patientId === undefined || referencedId(doc.subject?.reference ?? '', 'Patient') === patientId);
}

/**
 * Reads the note back as the server holds it: by id when the server named it, else by identifier.
 */
async function readBack(
  transport: FhirTransport,
  id: string | undefined,
  sought: SoughtNote,
  signal: AbortSignal | undefined,
): Promise<fhir4.DocumentReference & { id: string }> {
  if (id) {
    let body: unknown;
    try {
      ({ body } = await guarded(() =>
        transport.request<fhir4.DocumentReference>({ url: `DocumentReference/${id}`, headers: NO_CACHE, signal }),
      ));
    } catch (error) {
      // a named note the grant may not read is not in this patient's compartment, or the grant is
      // narrower than announced: the search in the compartment tells which (a refused search throws)
      if (!(error instanceof FhirError && (error.kind === 'forbidden' || error.kind === 'not-found'))) throw error;
    }
    if (isSought(sought)(body as Partial<fhir4.DocumentReference>))
      return body as fhir4.DocumentReference & { id: string };
  }
  const found = await findByIdentifier(transport, sought, signal, 'must-answer');
  if (!found) {
    throw new FhirError('invalid-response', 'The note was sent, but the FHIR server did not return it when read back.');
  }
  return found;
}

/**
 * The note carrying this identifier, if the server holds one. `Cache-Control: no-cache` makes
 * HAPI skip its search cache, which can otherwise hide a note written a moment ago. Before a
 * retry, a server that refuses the search (403) or does not offer it (400) leaves the check to the
 * conditional create; any other failure, or an answer that is no searchset, stops the retry
 * rather than risk a second note.
 */
async function findByIdentifier(
  transport: FhirTransport,
  { patientId, token }: SoughtNote,
  signal: AbortSignal | undefined,
  purpose: 'before-retry' | 'must-answer',
): Promise<(fhir4.DocumentReference & { id: string }) | undefined> {
  let body: Partial<fhir4.Bundle> | null;
  try {
    ({ body } = await guarded(() =>
      transport.request<Partial<fhir4.Bundle> | null>({
        url: `DocumentReference?${patientId ? `patient=${encodeURIComponent(patientId)}&` : ''}identifier=${encodeURIComponent(token)}`,
        headers: NO_CACHE,
        signal,
      }),
    ));
  } catch (error) {
    const cannotSearch = error instanceof FhirError && (error.kind === 'forbidden' || error.kind === 'rejected');
    if (purpose === 'before-retry' && cannotSearch) return undefined;
    throw error;
  }
  if (body?.resourceType !== 'Bundle') throw fhirError('invalid-response');
  return (body.entry ?? [])
    .map((e) => e.resource as fhir4.DocumentReference | undefined)
    .find(isSought({ patientId, token }));
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

function replacedNoteId(doc: fhir4.DocumentReference): string | undefined {
  const replaces = doc.relatesTo?.find((r) => r.code === 'replaces');
  return referencedId(replaces?.target.reference ?? '', 'DocumentReference');
}

/**
 * Marks the note an amendment replaces as superseded, so the chart shows one current note: the
 * core read and update interactions, the update conditional on the version read (If-Match), so a
 * change made meanwhile in the EHR is refused rather than overwritten (412 per FHIR R4; HAPI answers
 * 409, checked by `npm run test:hapi`; both are a 'conflict').
 */
async function markSuperseded(
  transport: FhirTransport,
  id: string,
  patientId: string | undefined,
  signal: AbortSignal | undefined,
): Promise<ReplacedNoteOutcome> {
  try {
    const { body: earlier, headers } = await guarded(() =>
      transport.request<Partial<fhir4.DocumentReference> | null>({
        url: `DocumentReference/${id}`,
        headers: NO_CACHE,
        signal,
      }),
    );
    // only a note of this app on this patient is ever marked: never one a wrong answer named
    const ours =
      earlier?.resourceType === 'DocumentReference' &&
      earlier.id === id &&
      patientId !== undefined &&
      referencedId(earlier.subject?.reference ?? '', 'Patient') === patientId &&
      (earlier.identifier ?? []).some((i) => i?.system === NOTE_IDENTIFIER_SYSTEM);
    if (!ours) throw fhirError('invalid-response');
    // a retry of the amendment finds it already done
    if (earlier.status === 'superseded') return { state: 'superseded', id };
    const version = earlier.meta?.versionId ?? WEAK_ETAG.exec(headers.get('etag') ?? '')?.[1];
    await guarded(() =>
      transport.request({
        url: `DocumentReference/${id}`,
        method: 'PUT',
        headers: { 'Content-Type': FHIR_JSON, Accept: FHIR_JSON, ...(version && { 'If-Match': `W/"${version}"` }) },
        body: JSON.stringify({ ...earlier, status: 'superseded' }),
        signal,
      }),
    );
    return { state: 'superseded', id };
  } catch (error) {
    return { state: 'still-current', id, error: error as FhirError };
  }
}
