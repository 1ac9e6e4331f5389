import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CLINICAL_TYPES, type ClinicalType, type PatientRecord } from '../clinical/record';
import type { FhirTransport } from '../fhir/transport';
import type { LaunchSession } from '../smart/session';
import type { EarlierNote } from './chartNote';
import { startRecordRead, type RecordRead } from './recordRead';
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

/**
 * Takes over the launch's read of the record (`launchRead`, started by src/main.ts before the screen
 * ran) or starts one, and reads once. Answers never trigger a read: they only re-run the engine. A
 * failed type can be read again on its own and merged into the record; a reload reads it all again.
 */
export function useRecord(session: LaunchSession, services: Services, launchRead?: RecordRead): RecordState {
  const transport = useMemo<FhirTransport>(
    () => launchRead?.transport ?? services.createTransport(session.client),
    [launchRead, services, session.client],
  );
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
    // the launch's read serves the first attempt (unless an earlier mount let it go: StrictMode)
    const read =
      attempt === 0 && launchRead && !launchRead.signal.aborted
        ? launchRead
        : startRecordRead(session, services, transport);
    const { signal } = read;

    const stopWatching = read.watchProgress((update) => {
      if (signal.aborted) return;
      setProgress((list) => {
        const known = list.find((p) => p.type === update.type);
        if (!known) return [...list, update];
        // a read that has finished (the Patient, read ahead) does not go back to "loading"
        if (update.state === 'loading' && known.state !== 'loading') return list;
        return list.map((p) => (p === known ? update : p));
      });
    });
    void read.patient.then((found) => {
      if (found && !signal.aborted) setPatient(found);
    });
    read.earlier.then(
      (note) => {
        if (!signal.aborted) setEarlier(note);
      },
      (failure: unknown) => {
        if (!signal.aborted) setEarlier({ state: 'failed', error: failure });
      },
    );
    void read.signer.then((name) => {
      if (!signal.aborted) setSigner(name);
    });
    ruleSetIds.current = read.ruleSetIds;
    read.engine.then(
      (loaded) => {
        if (!signal.aborted) setEngine(() => loaded);
      },
      (failure: unknown) => {
        if (!signal.aborted) setError(failure ?? new Error('engine failed to load'));
      },
    );
    read.record.then(
      (loaded) => {
        if (!signal.aborted) setRecord(loaded);
      },
      (failure: unknown) => {
        if (!signal.aborted) setError(failure ?? new Error('load failed'));
      },
    );
    return () => {
      stopWatching();
      read.abort();
    };
  }, [session, services, transport, attempt, launchRead]);

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
