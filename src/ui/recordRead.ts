import {
  CLINICAL_TYPES,
  type ClinicalType,
  type PatientRecord,
  type ResourcesByType,
  type TypeRead,
} from '../clinical/record';
import { readResource } from '../fhir/bundle';
import type { ServerCapabilities } from '../fhir/capabilities';
import type { FhirTransport } from '../fhir/transport';
import type { LaunchSession } from '../smart/session';
import { chartNoteOf, type EarlierNote } from './chartNote';
import { relativeReference, signerName } from './format';
import { whenIdle } from './idle';
import { siteRuleSets } from './ruleSets';
import type { Engine, ReadProgress, Services } from './services';

/**
 * One read of the record with what the screen shows beside it: the Patient for the header, the
 * app's latest note, the signing user's name, and the engine. No React here: src/main.ts starts the
 * launch's read the moment the token is in, before the screen's code is even run, and the screen
 * (useRecord) takes it over; a reload starts another.
 */
export interface RecordRead {
  /** the one transport of this launch (the signing panel writes through it too) */
  transport: FhirTransport;
  signal: AbortSignal;
  abort(): void;
  /** the launch's Patient as soon as it is read; undefined when the answer was another resource or failed */
  patient: Promise<fhir4.Patient | undefined>;
  /** rejects when the search failed */
  earlier: Promise<EarlierNote>;
  signer: Promise<string | undefined>;
  /** rejects when the engine's code could not be loaded */
  engine: Promise<Engine>;
  /** the rule sets the reads were planned for (the guideline first) */
  ruleSetIds: string[];
  /** the record; rejects when it failed as a whole (e.g. the Patient could not be read) */
  record: Promise<PatientRecord>;
  /** every update of the read's progress so far, then the later ones; returns the unsubscribe */
  watchProgress(listener: (update: ReadProgress) => void): () => void;
}

export interface RecordReadOptions {
  /**
   * the server's CapabilityStatement, when it came back before the reads go out (src/main.ts asks
   * for it beside the token): a server that declares `batch` gets the reads in one batch Bundle
   */
  capabilities?: ServerCapabilities;
}

/** the Patient the launch names, or undefined for any other answer (another patient, another resource) */
function launchPatient(body: unknown, patientId: string): fhir4.Patient | undefined {
  try {
    return readResource<fhir4.Patient>(body, 'Patient', patientId);
  } catch {
    return undefined;
  }
}

/**
 * An assessment thrown away, while the reads are on the wire: the engine's code is compiled and run
 * once, so that the record's own assessment, which the surgeon waits for, is not its first run. Its
 * record has one entry in each list, coded in each list's code system with a code that is in no
 * value set, so that the engine reads each kind of entry (its code looked up, its text searched).
 */
function warmUp(engine: Engine, ruleSetId: string, now: Date): void {
  const date = now.toISOString().slice(0, 10);
  const concept = (system: string) => ({ coding: [{ system, code: 'warm-up' }], text: 'warm-up' });
  const subject = { reference: 'Patient/warm-up' };
  const resources: ResourcesByType = {
    Condition: [
      { resourceType: 'Condition', subject, code: concept('http://hl7.org/fhir/sid/icd-10'), recordedDate: date },
    ],
    Observation: [
      {
        resourceType: 'Observation',
        status: 'final',
        subject,
        code: concept('http://loinc.org'),
        effectiveDateTime: date,
        valueQuantity: { value: 1, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
      },
    ],
    ImagingStudy: [
      { resourceType: 'ImagingStudy', status: 'available', subject, started: date, description: 'warm-up' },
    ],
    AllergyIntolerance: [
      { resourceType: 'AllergyIntolerance', patient: subject, code: concept('http://snomed.info/sct') },
    ],
    DiagnosticReport: [
      {
        resourceType: 'DiagnosticReport',
        status: 'final',
        subject,
        code: concept('http://loinc.org'),
        effectiveDateTime: date,
        conclusion: 'warm-up',
      },
    ],
    MedicationRequest: [
      {
        resourceType: 'MedicationRequest',
        status: 'active',
        intent: 'order',
        subject,
        medicationCodeableConcept: concept('http://www.nlm.nih.gov/research/umls/rxnorm'),
        authoredOn: date,
      },
    ],
    MedicationStatement: [
      {
        resourceType: 'MedicationStatement',
        status: 'active',
        subject,
        medicationCodeableConcept: concept('http://www.whocc.no/atc'),
        effectiveDateTime: date,
      },
    ],
    Procedure: [
      {
        resourceType: 'Procedure',
        status: 'completed',
        subject,
        code: concept('http://snomed.info/sct'),
        performedDateTime: date,
      },
    ],
  };
  const reads = Object.fromEntries(CLINICAL_TYPES.map((type) => [type, { state: 'full', count: 1 }])) as Record<
    ClinicalType,
    TypeRead
  >;
  const patient: fhir4.Patient = { resourceType: 'Patient', id: 'warm-up', birthDate: '1950-01-01', gender: 'unknown' };
  engine.assess({ patient, resources, reads }, { now, ruleSetId });
}

/**
 * Sends the record's reads at once, in one wave. The Patient is read on its own (so the header names
 * the patient while the lists load) and the record's read awaits that same request; with a batch it
 * comes in the batch, as fast. A deployment that sets `allowBatch: false` never batches.
 */
export function startRecordRead(
  session: LaunchSession,
  services: Services,
  transport: FhirTransport,
  options: RecordReadOptions = {},
): RecordRead {
  const controller = new AbortController();
  const { signal } = controller;
  const { patientId, encounterId, permissions } = session;
  const updates: ReadProgress[] = [];
  const listeners = new Set<(update: ReadProgress) => void>();
  const onProgress = (update: ReadProgress) => {
    if (signal.aborted) return;
    updates.push(update);
    for (const listener of listeners) listener(update);
  };
  const capabilities = session.allowBatch !== false && options.capabilities?.batch ? options.capabilities : undefined;

  // without a batch: the name first, and the record's read awaits this same request
  const patientRead = capabilities
    ? undefined
    : transport.request<fhir4.Patient>({ url: `Patient/${encodeURIComponent(patientId)}`, signal });
  const patientFromRead = patientRead?.then(
    (response) => {
      // only the launch's patient reaches the header; another one stops the record's read (fetch-record)
      const patient = launchPatient(response.body, patientId);
      if (patient) onProgress({ type: 'Patient', state: 'full', count: 1 });
      return patient;
    },
    () => undefined, // the record's read reports the failure
  );

  // in the same wave, before the engine has loaded: the app's own latest note, and who signs
  const earlier: Promise<EarlierNote> = permissions.read('DocumentReference')
    ? services.findLatestNote(transport, patientId, signal).then((doc) => {
        const note = doc && chartNoteOf(doc);
        return note ? { state: 'found', note } : { state: 'none' };
      })
    : Promise.resolve({ state: 'none' });
  const user = relativeReference(session.fhirUser);
  // the note then names the user as the EHR's id_token did not: "the signing user"
  const signer = user
    ? transport.request({ url: user, signal }).then(
        (response) => signerName(response.body),
        () => undefined,
      )
    : Promise.resolve(undefined);

  // the reads the site's rule sets need, no more: known without the engine, which runs meanwhile
  const { guideline, payers } = siteRuleSets(session.payerRuleSets);
  const ruleSetIds = [guideline, ...payers];
  // with a batch, the Patient comes with the record's read: the header takes it as soon as it is read
  let patientFromRecord: (patient: fhir4.Patient | undefined) => void = () => undefined;
  const patientOfRecord = new Promise<fhir4.Patient | undefined>((resolve) => (patientFromRecord = resolve));
  const record = services.fetchRecord(transport, {
    patientId,
    ...(encounterId !== undefined && { encounterId }),
    ruleSetIds,
    permissions,
    onProgress,
    signal,
    ...(capabilities ? { capabilities, batch: true, onPatient: patientFromRecord } : patientRead && { patientRead }),
  });
  record.then(
    (read) => patientFromRecord(read.patient),
    () => patientFromRecord(undefined),
  );
  const engine = services.loadEngine();
  // the main thread is free while the reads are on the wire: the unit tables, then the engine's code
  // warmed up, each when the browser is idle, unless the record is in by then
  let recordIn = false;
  record.then(
    () => (recordIn = true),
    () => (recordIn = true),
  );
  void engine
    .then((loaded) => {
      whenIdle(() => {
        loaded.prepareUnits?.();
        const available = new Set(loaded.listRuleSets().map((info) => info.id));
        for (const ruleSetId of ruleSetIds.filter((id) => available.has(id)))
          whenIdle(() => recordIn || warmUp(loaded, ruleSetId, new Date()));
      });
    })
    .catch(() => undefined);
  // one that nobody awaits yet (the screen takes them over) must not be reported as unhandled
  for (const pending of [earlier, engine, record]) pending.catch(() => undefined);

  return {
    transport,
    signal,
    abort: () => controller.abort(),
    patient: patientFromRead ?? patientOfRecord,
    earlier,
    signer,
    engine,
    ruleSetIds,
    record,
    watchProgress(listener) {
      for (const update of updates) listener(update);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
