import type { SearchNeeds } from '../clinical/search-needs';
import { plural, type Localized } from '../lang';
import {
  CLINICAL_TYPE_NAMES,
  CLINICAL_TYPES,
  PATIENT_ELEMENT,
  referencedId,
  type ClinicalType,
  type PatientRecord,
  type ReadState,
  type ResourcesByType,
  type TypeRead,
} from '../clinical/record';
import { readResource, readSearchPage } from './bundle';
import { fetchCapabilities, type ServerCapabilities } from './capabilities';
import { describeFhirError } from './describe';
import { FhirError, type FhirErrorKind } from './errors';
import { buildTypeQuery, DEFAULT_LIMITS, matchesCodes, type PagingLimits, type TypeQuery } from './queries';
import { errorForStatus, fhirError } from './status';
import { isRecord } from './redact';
import type { FhirResponse, FhirTransport } from './transport';

export interface FetchProgress {
  type: ClinicalType | 'Patient';
  state: 'loading' | ReadState;
  count: number;
}

export interface FetchRecordOptions {
  patientId: string;
  encounterId?: string;
  ruleSetIds: string[];
  /** from the granted scope: a type it does not allow is not requested */
  permissions?: { read: (resourceType: string) => boolean };
  /** read only these types (a retry of one failed type); the Patient is then not read again */
  only?: ClinicalType[];
  onProgress?: (progress: FetchProgress) => void;
  signal?: AbortSignal;
  /** the Patient the app already holds (read for the banner): used as is, not read again */
  patient?: fhir4.Patient;
  /**
   * The read of `Patient/{patientId}` the app already started (for the banner), with the same
   * signal: awaited in place of the wave's own Patient read, and judged the same way.
   */
  patientRead?: Promise<FhirResponse>;
  /** the launch's Patient, as soon as it is read (before the lists: the header names the patient meanwhile) */
  onPatient?: (patient: fhir4.Patient) => void;
  /** the server's CapabilityStatement, when the app already has it (costs no round trip here) */
  capabilities?: ServerCapabilities;
  /**
   * The deployment allows one batch Bundle instead of parallel reads. Without `capabilities` this
   * costs one extra round trip for the CapabilityStatement (measured in `npm run bench`).
   */
  batch?: boolean;
  limits?: Partial<PagingLimits>;
}

interface TypeResult {
  resources: Record<string, unknown>[];
  /** the Medications the server included with orders and statements, by "Medication/{id}" */
  medications: Map<string, fhir4.Medication>;
  read: TypeRead;
}

/**
 * Reads one patient's record in one wave: the Patient (unless the caller's read of it is already
 * under way), the launch's Encounter and one search per clinical type are issued together
 * (parallel requests, or one batch Bundle); only the next pages of a long result wait for their
 * previous page. A type that fails never fails the record: its read state says why. Only a
 * cancellation (the signal) rejects.
 */
export async function fetchRecordWithNeeds(
  transport: FhirTransport,
  needs: SearchNeeds,
  options: FetchRecordOptions,
): Promise<PatientRecord> {
  const { patientId, encounterId, signal } = options;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const progress = options.onProgress ?? (() => {});
  const capabilities =
    options.capabilities ?? (options.batch ? await optionalCapabilities(transport, signal) : undefined);

  const reads = {} as Record<ClinicalType, TypeRead>;
  const resources = emptyResources();
  const queries: TypeQuery[] = [];
  for (const type of CLINICAL_TYPES) {
    const skipped = skipReason(type, options, capabilities);
    if (skipped) {
      reads[type] = skipped;
      if (!options.only || options.only.includes(type)) progress({ type, state: skipped.state, count: 0 });
      continue;
    }
    queries.push(planQuery(type, patientId, needs, limits, capabilities));
    progress({ type, state: 'loading', count: 0 });
  }
  const patientPermitted = options.permissions?.read('Patient') !== false;
  const readPatient = !options.only && !options.patient && patientPermitted;
  if (readPatient || (!options.only && !patientPermitted)) {
    progress({ type: 'Patient', state: readPatient ? 'loading' : 'not-permitted', count: 0 });
  }

  const patientRead = readPatient ? options.patientRead : undefined;
  const urls = [
    ...queries.map((query) => query.url),
    ...(readPatient && !patientRead ? [`Patient/${encodeURIComponent(patientId)}`] : []),
    ...(encounterId !== undefined && !options.only ? [`Encounter/${encodeURIComponent(encounterId)}`] : []),
  ];
  const bodies = await firstWave(transport, urls, options.batch === true && capabilities?.batch === true, signal);
  const offers = serverOffers(transport, capabilities, signal);

  const [typeResults, patient, encounter] = await Promise.all([
    Promise.all(
      queries.map((query, i) =>
        readType({ transport, query, patientId, limits, signal, progress, offers }, bodies[i]!),
      ),
    ),
    readPatient
      ? readOne<fhir4.Patient>(
          patientRead?.then((response) => response.body) ?? bodies[queries.length]!,
          'Patient',
          patientId,
          signal,
        ).then((read) => {
          progress({ type: 'Patient', state: read.ok ? 'full' : read.state, count: read.ok ? 1 : 0 });
          if (read.ok) options.onPatient?.(read.value);
          return read;
        })
      : undefined,
    encounterId !== undefined && !options.only
      ? readOne<fhir4.Encounter>(bodies[urls.length - 1]!, 'Encounter', encounterId, signal)
      : undefined,
  ]);

  const medications = new Map<string, fhir4.Medication>();
  queries.forEach((query, i) => {
    const result = typeResults[i]!;
    (resources[query.type] as unknown[]) = result.resources;
    reads[query.type] = result.read;
    for (const [key, medication] of result.medications) medications.set(key, medication);
  });
  return {
    patient: patient?.ok ? patient.value : options.patient,
    ...(encounter?.ok && { encounter: encounter.value }),
    resources,
    reads,
    ...(medications.size > 0 && { medications: Object.fromEntries(medications) }),
  };
}

/** Replaces the given types of `base` with those of `update` (after a retry of a failed type). */
export function mergeRecords(
  base: PatientRecord,
  update: PatientRecord,
  types: readonly ClinicalType[],
): PatientRecord {
  const merged: PatientRecord = {
    ...base,
    patient: base.patient ?? update.patient,
    resources: { ...base.resources },
    reads: { ...base.reads },
  };
  const encounter = base.encounter ?? update.encounter;
  if (encounter) merged.encounter = encounter;
  // Medications are shared, not the patient's: a retried medication list adds what it included
  if (base.medications || update.medications) merged.medications = { ...base.medications, ...update.medications };
  for (const type of types) {
    (merged.resources[type] as unknown[]) = update.resources[type];
    merged.reads[type] = update.reads[type];
  }
  return merged;
}

function emptyResources(): ResourcesByType {
  return Object.fromEntries(CLINICAL_TYPES.map((type) => [type, []])) as unknown as ResourcesByType;
}

function skipReason(
  type: ClinicalType,
  options: FetchRecordOptions,
  capabilities: ServerCapabilities | undefined,
): TypeRead | undefined {
  if (options.only && !options.only.includes(type)) return { state: 'not-requested', count: 0 };
  if (options.permissions?.read(type) === false) {
    return { state: 'not-permitted', count: 0, ...withReasons(type, [READ_REASONS.notPermitted(type)]) };
  }
  if (capabilities && capabilities.types.size > 0 && !capabilities.types.has(type)) {
    return { state: 'not-requested', count: 0, ...withReasons(type, [READ_REASONS.notOffered(type)]) };
  }
  return undefined;
}

/** A server whose CapabilityStatement lists its search parameters without `code` gets the broad query at once. */
function planQuery(
  type: ClinicalType,
  patientId: string,
  needs: SearchNeeds,
  limits: PagingLimits,
  capabilities: ServerCapabilities | undefined,
): TypeQuery {
  const query = buildTypeQuery(type, patientId, needs, limits);
  const params = capabilities?.searchParams.get(type);
  return params && params.size > 0 && query.codes.length > 0 && !params.has('code')
    ? { ...query, url: query.broadUrl }
    : query;
}

async function optionalCapabilities(
  transport: FhirTransport,
  signal?: AbortSignal,
): Promise<ServerCapabilities | undefined> {
  try {
    return await fetchCapabilities(transport, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}

/** The first answer of every URL: one batch when allowed and offered, else parallel requests. */
async function firstWave(
  transport: FhirTransport,
  urls: string[],
  useBatch: boolean,
  signal?: AbortSignal,
): Promise<Promise<unknown>[]> {
  if (useBatch) {
    const answers = await batchAnswers(transport, urls, signal);
    if (answers) return answers;
  }
  return urls.map((url) => transport.request({ url, ...(signal && { signal }) }).then((response) => response.body));
}

/** A batch failing with these kinds fails every list with it; any other failure falls back to one request per list. */
const ANSWERED_FOR_EVERY_LIST: ReadonlySet<FhirErrorKind> = new Set(['unauthorized', 'rate-limited']);

/** One batch Bundle of GETs; undefined when the server refuses the batch as a whole. */
async function batchAnswers(
  transport: FhirTransport,
  urls: string[],
  signal?: AbortSignal,
): Promise<Promise<unknown>[] | undefined> {
  const batch = {
    resourceType: 'Bundle',
    type: 'batch',
    entry: urls.map((url) => ({ request: { method: 'GET', url } })),
  };
  let body: unknown;
  try {
    ({ body } = await transport.request({
      url: '',
      method: 'POST',
      body: JSON.stringify(batch),
      ...(signal && { signal }),
    }));
  } catch (error) {
    if (signal?.aborted) throw error;
    // a dead session or a request to wait is the server's answer for every list: the same lists sent
    // one by one would each meet it again (and a 429 is no moment for twelve more requests)
    if (error instanceof FhirError && ANSWERED_FOR_EVERY_LIST.has(error.kind))
      return urls.map(() => Promise.reject(error));
    return undefined;
  }
  const entries =
    isRecord(body) && body.type === 'batch-response' && Array.isArray(body.entry) ? (body.entry as unknown[]) : [];
  if (entries.length !== urls.length) return undefined;
  return entries.map((entry) => {
    const response = isRecord(entry) && isRecord(entry.response) ? entry.response : {};
    const status = Number.parseInt(String(response.status ?? ''), 10);
    const resource = isRecord(entry) ? entry.resource : undefined;
    if (status >= 200 && status < 300) return Promise.resolve(resource);
    return Promise.reject(
      Number.isNaN(status) ? fhirError('invalid-response') : errorForStatus(status, response.outcome ?? resource, null),
    );
  });
}

interface TypeReading {
  transport: FhirTransport;
  query: TypeQuery;
  patientId: string;
  limits: PagingLimits;
  signal: AbortSignal | undefined;
  progress: (progress: FetchProgress) => void;
  offers: (type: ClinicalType) => Promise<boolean | undefined>;
}

async function readType(reading: TypeReading, firstBody: Promise<unknown>): Promise<TypeResult> {
  const { transport, query, patientId, limits, signal, progress } = reading;
  const { type } = query;
  const alreadyBroad = query.url === query.broadUrl;
  let filteredOnClient = alreadyBroad && query.codes.length > 0;
  let page;
  try {
    page = readSearchPage(await firstBody, type);
  } catch (error) {
    if (!(error instanceof FhirError) || error.kind !== 'rejected' || alreadyBroad) return failedType(reading, error);
    // HAPI answers 400 for a parameter it does not know: ask for everything and filter here
    try {
      page = readSearchPage((await transport.request({ url: query.broadUrl, ...(signal && { signal }) })).body, type);
      filteredOnClient = query.codes.length > 0;
    } catch (retryError) {
      return failedType(reading, retryError);
    }
  }

  const { total } = page;
  const kept = new Map<string, Record<string, unknown>>();
  const medications = new Map<string, fhir4.Medication>();
  const failures: string[] = [];
  let received = 0;
  let dropped = 0;
  let otherPatients = 0;
  let pages = 0;
  let stopReason: Localized | undefined;
  for (;;) {
    pages++;
    received += page.resources.length + page.dropped;
    dropped += page.dropped;
    failures.push(...page.failures);
    for (const resource of page.resources) {
      if (!namesPatient(resource, type, patientId)) otherPatients++;
      else if (!filteredOnClient || matchesCodes(type, resource, query.codes)) kept.set(String(resource.id), resource);
    }
    for (const resource of page.included) {
      if (resource.resourceType === 'Medication')
        medications.set(`Medication/${String(resource.id)}`, resource as unknown as fhir4.Medication);
    }
    progress({ type, state: 'loading', count: kept.size });
    if (page.next === undefined) break;
    if (pages >= limits.maxPages || received >= limits.maxResources) {
      stopReason = READ_REASONS.limitReached(type, received);
      break;
    }
    try {
      page = readSearchPage(
        (await transport.request({ url: onServer(page.next, transport.baseUrl), ...(signal && { signal }) })).body,
        type,
      );
    } catch (error) {
      if (signal?.aborted) throw fhirError('aborted');
      stopReason =
        error instanceof FhirError && error.kind === 'gone'
          ? READ_REASONS.expired(type, received)
          : READ_REASONS.stopped(type, received, error);
      break;
    }
  }

  const reasons = [
    stopReason,
    // no next link, yet fewer entries than the server counted: the rest never came
    stopReason === undefined && total !== undefined && received < total
      ? READ_REASONS.shortCount(type, total, received)
      : undefined,
    ...failures.map((text) => READ_REASONS.serverError(type, text)),
    otherPatients > 0 ? READ_REASONS.otherPatients(type, otherPatients) : undefined,
    dropped > 0 ? READ_REASONS.malformed(type, dropped) : undefined,
  ].filter((reason) => reason !== undefined);
  const read: TypeRead = {
    state: reasons.length > 0 ? 'partial' : 'full',
    count: kept.size,
    ...(reasons.length > 0 && withReasons(type, reasons)),
  };
  if (filteredOnClient) read.filteredOnClient = true;
  progress({ type, state: read.state, count: kept.size });
  return { resources: [...kept.values()], medications, read };
}

/**
 * The server was asked for this patient's resources only; one that names another patient, or
 * none, means the server (or a proxy) mixed records up, so it is never used.
 */
function namesPatient(resource: Record<string, unknown>, type: ClinicalType, patientId: string): boolean {
  const holder = resource[PATIENT_ELEMENT[type]];
  const reference = isRecord(holder) && typeof holder.reference === 'string' ? holder.reference : '';
  return referencedId(reference, 'Patient') === patientId;
}

/**
 * HAPI behind a reverse proxy often writes its paging links with its own internal address or
 * scheme. A `_getpages` link is the base plus a query, so it is asked of the server the app talks
 * to; any other link to another origin is left to the transport, which refuses it.
 */
function onServer(next: string, baseUrl: string): string {
  const url = new URL(next, `${baseUrl}/`);
  return url.origin !== new URL(baseUrl).origin && url.searchParams.has('_getpages') ? `${baseUrl}${url.search}` : next;
}

/**
 * A search answered 404 means "no such endpoint" only when the CapabilityStatement confirms that
 * the server does not offer the type (HAPI answers 404 for unknown types); otherwise it is a
 * failure, so that the engine never takes the type's silence for absence.
 */
async function failedType(reading: TypeReading, error: unknown): Promise<TypeResult> {
  const { type } = reading.query;
  if (reading.signal?.aborted) throw fhirError('aborted');
  if (error instanceof FhirError && error.kind === 'not-found' && (await reading.offers(type)) === false) {
    return {
      resources: [],
      medications: new Map(),
      read: { state: 'not-requested', count: 0, ...withReasons(type, [READ_REASONS.notOffered(type)]) },
    };
  }
  return {
    resources: [],
    medications: new Map(),
    read: { state: readStateOf(error), count: 0, ...withReasons(type, [READ_REASONS.failed(type, error)]) },
  };
}

/**
 * Why a type was not read fully, in both languages. The English sentences name the FHIR type (the
 * CLI and logs print them); the German ones leave the name out because `withReasons` puts the
 * type's German name in front once (German names differ in number and gender, so no one sentence
 * fits them all). Server text stays the server's own words, as `readSearchPage` redacted it.
 */
const READ_REASONS = {
  notPermitted: (type: ClinicalType): Localized => ({
    en: `The app was not given permission to read ${type} records.`,
    de: 'Die App hat keine Berechtigung, diese Einträge zu lesen.',
  }),
  notOffered: (type: ClinicalType): Localized => ({
    en: `This FHIR server does not offer ${type} records.`,
    de: 'Dieser FHIR-Server bietet diese Einträge nicht an.',
  }),
  failed: (type: ClinicalType, error: unknown): Localized => ({
    en: `${type} records could not be read: ${describeFhirError(error, 'en')}`,
    de: `Die Einträge konnten nicht gelesen werden. ${describeFhirError(error, 'de')}`,
  }),
  limitReached: (type: ClinicalType, received: number): Localized => ({
    en: `Only ${received} ${type} entries were read: the reading limit was reached (newest first where dates order them).`,
    de: `Die Lesegrenze war erreicht (gelesene Einträge: ${received}; die neuesten zuerst, wo Daten sie ordnen).`,
  }),
  expired: (type: ClinicalType, received: number): Localized => ({
    en: `The server's search results for ${type} expired while reading; ${received} entries were read.`,
    de: `Die Suchergebnisse des Servers sind beim Lesen abgelaufen (gelesene Einträge: ${received}).`,
  }),
  stopped: (type: ClinicalType, received: number, error: unknown): Localized => ({
    en: `Reading ${type} stopped after ${received} entries: ${describeFhirError(error, 'en')}`,
    de: `Das Lesen brach ab (gelesene Einträge: ${received}). ${describeFhirError(error, 'de')}`,
  }),
  shortCount: (type: ClinicalType, total: number, received: number): Localized => ({
    en: `The EHR counted ${total} ${type} entries but sent only ${received}.`,
    de: `Das KIS meldete ${total} Treffer, schickte aber nur ${received}.`,
  }),
  serverError: (type: ClinicalType, text: string): Localized => ({
    en: `The EHR reported an error in the ${type} results${text ? `: "${text}"` : ''}.`,
    de: `Das KIS meldete einen Fehler in den Ergebnissen${text ? `: „${text}“` : ''}.`,
  }),
  otherPatients: (type: ClinicalType, count: number): Localized => ({
    en: `${count} ${type} ${plural('en', count, {
      one: 'entry names another patient (or none) and was set aside',
      other: 'entries name another patient (or none) and were set aside',
    })}.`,
    de: `${count} ${plural('de', count, {
      one: 'Eintrag gehört zu einer anderen Person (oder zu keiner) und wurde beiseitegelegt',
      other: 'Einträge gehören zu einer anderen Person (oder zu keiner) und wurden beiseitegelegt',
    })}.`,
  }),
  malformed: (type: ClinicalType, count: number): Localized => ({
    en: `${count} ${type} ${plural('en', count, {
      one: 'entry was malformed or of the wrong type and left out',
      other: 'entries were malformed or of the wrong type and left out',
    })}.`,
    de: `${count} ${plural('de', count, {
      one: 'Eintrag war fehlerhaft oder vom falschen Typ und wurde ausgelassen',
      other: 'Einträge waren fehlerhaft oder vom falschen Typ und wurden ausgelassen',
    })}.`,
  }),
};

/** The reasons of one type's read as one text per language (`reason` stays the English one). */
function withReasons(type: ClinicalType, reasons: Localized[]): Pick<TypeRead, 'reason' | 'reasonText'> {
  const reasonText = {
    en: reasons.map((reason) => reason.en).join(' '),
    de: `${CLINICAL_TYPE_NAMES[type].de}: ${reasons.map((reason) => reason.de).join(' ')}`,
  };
  return { reason: reasonText.en, reasonText };
}

function readStateOf(error: unknown): Exclude<ReadState, 'full' | 'partial' | 'not-requested'> {
  if (error instanceof FhirError && (error.kind === 'unauthorized' || error.kind === 'forbidden'))
    return 'not-permitted';
  return 'failed';
}

/** Whether the server offers a type: from the capabilities in hand, else asked once, only when needed. */
function serverOffers(
  transport: FhirTransport,
  known: ServerCapabilities | undefined,
  signal: AbortSignal | undefined,
): (type: ClinicalType) => Promise<boolean | undefined> {
  let asked: Promise<ServerCapabilities | undefined> | undefined;
  return async (type) => {
    const capabilities = known ?? (await (asked ??= optionalCapabilities(transport, signal)));
    return capabilities && capabilities.types.size > 0 ? capabilities.types.has(type) : undefined;
  };
}

type OneRead<T> = { ok: true; value: T } | { ok: false; state: Exclude<ReadState, 'full' | 'partial'> };

async function readOne<T>(
  body: Promise<unknown>,
  resourceType: string,
  id: string,
  signal?: AbortSignal,
): Promise<OneRead<T>> {
  try {
    return { ok: true, value: readResource<T>(await body, resourceType, id) };
  } catch (error) {
    if (signal?.aborted) throw fhirError('aborted');
    // another patient in place of the launch's: the whole read stops (never a partial record of whom?)
    if (error instanceof FhirError && error.kind === 'wrong-patient') throw error;
    return { ok: false, state: readStateOf(error) };
  }
}
