import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CLINICAL_TYPES, type ClinicalType, type PatientRecord } from '../clinical/record';
import { readResource } from '../fhir/bundle';
import type { FhirTransport } from '../fhir/transport';
import type { LaunchSession } from '../smart/session';
import { chartNoteOf, type EarlierNote } from './chartNote';
import { relativeReference, signerName } from './format';
import { whenIdle } from './idle';
import { assessedRuleSets } from './ruleSets';
import type { Engine, ReadProgress, Services } from './services';

export interface RecordState {
  /** the one transport of this launch (the signing panel writes through it too) */
  transport: FhirTransport;
  engine: Engine | undefined;
  /** the Patient, read first so the header names the patient while the rest loads */
  patient: fhir4.Patient | undefined;
  /** the app's latest note on this patient, searched in the same wave as the record */
  earlier: EarlierNote;
  /** the signing user's name, from their fhirUser resource (read in the same wave); the note is signed with it */
  signer: string | undefined;
  record: PatientRecord | undefined;
  progress: ReadProgress[];
  /** the load failed as a whole (e.g. the Patient could not be read) */
  error: unknown;
  /** types being read again after a failure */
  retrying: ReadonlySet<ClinicalType>;
  /** a retry that failed as a whole, per type */
  retryErrors: Partial<Record<ClinicalType, unknown>>;
  retryType: (type: ClinicalType) => void;
  reload: () => void;
}

const INITIAL_PROGRESS: ReadProgress[] = (['Patient', ...CLINICAL_TYPES] as const).map((type) => ({
  type,
  state: 'loading',
  count: 0,
}));

/** the Patient the launch names, or undefined for any other answer (another patient, another resource) */
function launchPatient(body: unknown, patientId: string): fhir4.Patient | undefined {
  try {
    return readResource<fhir4.Patient>(body, 'Patient', patientId);
  } catch {
    return undefined;
  }
}

/**
 * Loads the engine and reads the record once. Answers never trigger a read: they only re-run the
 * engine. A failed type can be read again on its own and merged into the record.
 */
export function useRecord(session: LaunchSession, services: Services): RecordState {
  const transport = useMemo<FhirTransport>(() => services.createTransport(session.client), [services, session.client]);
  const [engine, setEngine] = useState<Engine>();
  const [patient, setPatient] = useState<fhir4.Patient>();
  const [earlier, setEarlier] = useState<EarlierNote>({ state: 'reading' });
  const [signer, setSigner] = useState<string>();
  const [record, setRecord] = useState<PatientRecord>();
  const [progress, setProgress] = useState<ReadProgress[]>(INITIAL_PROGRESS);
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [retrying, setRetrying] = useState<ReadonlySet<ClinicalType>>(new Set());
  const [retryErrors, setRetryErrors] = useState<Partial<Record<ClinicalType, unknown>>>({});
  const ruleSetIds = useRef<string[]>([]);
  const abortOnUnmount = useRef(new Set<AbortController>());

  useEffect(() => {
    const controllers = abortOnUnmount.current;
    return () => controllers.forEach((c) => c.abort());
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const { patientId, encounterId, permissions } = session;

    const onProgress = (update: ReadProgress) => {
      if (signal.aborted) return;
      setProgress((list) => {
        const known = list.find((p) => p.type === update.type);
        if (!known) return [...list, update];
        // a read that has finished (the Patient, read ahead) does not go back to "loading"
        if (update.state === 'loading' && known.state !== 'loading') return list;
        return list.map((p) => (p === known ? update : p));
      });
    };

    // the name first, so the surgeon sees whose record loads; the record's read awaits this same request
    const patientRead = transport.request<fhir4.Patient>({ url: `Patient/${encodeURIComponent(patientId)}`, signal });
    patientRead.then(
      (response) => {
        if (signal.aborted) return;
        // only the launch's patient reaches the banner; another one stops the record's read (fetch-record)
        const patient = launchPatient(response.body, patientId);
        if (!patient) return;
        setPatient(patient);
        onProgress({ type: 'Patient', state: 'full', count: 1 });
      },
      () => undefined, // the record's read reports the failure
    );

    // in the same wave, before the engine has loaded: the app's own latest note, and who signs
    if (permissions.read('DocumentReference')) {
      services.findLatestNote(transport, patientId, signal).then(
        (doc) => {
          if (signal.aborted) return;
          const note = doc && chartNoteOf(doc);
          setEarlier(note ? { state: 'found', note } : { state: 'none' });
        },
        (failure: unknown) => {
          if (!signal.aborted) setEarlier({ state: 'failed', error: failure });
        },
      );
    }
    const user = relativeReference(session.fhirUser);
    if (user)
      transport.request({ url: user, signal }).then(
        (response) => {
          if (!signal.aborted) setSigner(signerName(response.body));
        },
        // the note then names the user as the EHR's id_token did not: "the signing user"
        () => undefined,
      );

    services
      .loadEngine()
      .then((loaded) => {
        if (signal.aborted) return undefined;
        setEngine(() => loaded);
        // the reads the assessed rule sets need, no more
        const { guideline, payers } = assessedRuleSets(loaded.listRuleSets(), session.payerRuleSets);
        ruleSetIds.current = [guideline, ...payers];
        const record = services.fetchRecord(transport, {
          patientId,
          encounterId,
          ruleSetIds: ruleSetIds.current,
          permissions,
          onProgress,
          signal,
          patientRead,
        });
        // the main thread is free while the reads are on the wire
        whenIdle(() => loaded.prepareUnits?.());
        return record;
      })
      .then(
        (loaded) => {
          if (loaded && !signal.aborted) setRecord(loaded);
        },
        (failure: unknown) => {
          if (!signal.aborted) setError(failure ?? new Error('load failed'));
        },
      );
    return () => controller.abort();
  }, [session, services, transport, attempt]);

  const retryType = useCallback(
    (type: ClinicalType) => {
      const controller = new AbortController();
      abortOnUnmount.current.add(controller);
      setRetrying((set) => new Set(set).add(type));
      setRetryErrors(({ [type]: _dropped, ...rest }) => rest as Partial<Record<ClinicalType, unknown>>);
      services
        .fetchRecord(transport, {
          patientId: session.patientId,
          encounterId: session.encounterId,
          ruleSetIds: ruleSetIds.current,
          permissions: session.permissions,
          only: [type],
          signal: controller.signal,
        })
        .then(
          (update) => setRecord((base) => (base ? services.mergeRecords(base, update, [type]) : update)),
          (failure: unknown) =>
            setRetryErrors((errors) => ({ ...errors, [type]: failure ?? new Error('retry failed') })),
        )
        .finally(() => {
          abortOnUnmount.current.delete(controller);
          if (controller.signal.aborted) return;
          setRetrying((set) => {
            const next = new Set(set);
            next.delete(type);
            return next;
          });
        });
    },
    [services, transport, session],
  );

  const reload = useCallback(() => {
    setError(undefined);
    setEarlier({ state: 'reading' });
    setProgress(INITIAL_PROGRESS);
    setAttempt((n) => n + 1);
  }, []);

  return {
    transport,
    engine,
    patient,
    // a grant without reading notes: none is looked for, and none can be replaced
    earlier: session.permissions.read('DocumentReference') ? earlier : { state: 'none' },
    signer,
    record,
    progress,
    error,
    retrying,
    retryErrors,
    retryType,
    reload,
  };
}
