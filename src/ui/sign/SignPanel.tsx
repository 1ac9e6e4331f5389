/**
 * The signing panel: "Sign and save to chart" with a preview of the note.
 *
 * Props (the UI shell renders `<SignPanel … />` below the assessment):
 * - `assessment`: the current Assessment, the surgeon's answers and override already applied;
 * - `coverage` (optional): the payer's coverage Assessment of the same record and answers; the note
 *   then states both verdicts;
 * - `session`: the launch (server, patient, encounter, fhirUser, permissions); a LaunchSession fits;
 * - `transport`: the launch's FhirTransport (createBrowserTransport(session.client));
 * - `answers`, `override`: the surgeon's input, recorded in the note as theirs;
 * - `lang`: the UI language; the note is written in it;
 * - `patientName` (optional): the patient's name for the note's header.
 *
 * The signed draft is stored in sessionStorage (per server and patient) before the write and until
 * the server confirms it: a failure, a reload or a relaunch of the same patient keeps it, and
 * retrying reuses its identifier, so the conditional create never writes a second note.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Assessment, Override } from '../../clinical/assessment';
import type { SurgeonAnswers } from '../../clinical/answers';
import { describeFhirError } from '../../fhir/describe';
import { FhirError } from '../../fhir/errors';
import type { FhirTransport } from '../../fhir/transport';
import { saveNote } from '../../fhir/write';
import { sessionStore } from '../patientStorage';
import { noteText } from '../../report/note-text';
import type { NoteContext } from '../../report/types';
import type { LaunchSession } from '../../smart/session';
import {
  loadSignState,
  signFingerprint,
  signStorageKey,
  storeSignState,
  type SavedNoteRecord,
  type SignDraft,
  type SignState,
} from './draftStore';
import { copyText, downloadText, noteFileName } from './exportNote';
import { loadNoteBuilder, NoteBuilderUnavailableError, warmNoteBuilder } from './noteBuilder';
import { SIGN_STRINGS, type SignLang, type SignStrings } from './strings';
import { formatDate } from '../format';

export type SignSession = Pick<LaunchSession, 'serverUrl' | 'patientId' | 'encounterId' | 'fhirUser' | 'permissions'>;

export interface SignPanelProps {
  assessment: Assessment;
  coverage?: Assessment;
  session: SignSession;
  transport: FhirTransport;
  answers: SurgeonAnswers;
  override?: Override;
  lang: SignLang;
  patientName?: string;
}

type Phase = 'idle' | 'saving' | 'failed';

export function SignPanel({ assessment, coverage, session, transport, answers, override, lang, patientName }: SignPanelProps) {
  const s = SIGN_STRINGS[lang];
  const storage = sessionStore();
  const key = signStorageKey(session.serverUrl, session.patientId);
  const [loadedKey, setLoadedKey] = useState(key);
  const [state, setState] = useState<SignState>(() => loadSignState(storage, key));
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState<string>();
  const [storageOk, setStorageOk] = useState(true);
  const [nextId, setNextId] = useState(newAssessmentId);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const [copyResult, setCopyResult] = useState<'copied' | 'failed'>();
  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);

  // another patient in the same panel: show that patient's draft, never this one's
  if (loadedKey !== key) {
    setLoadedKey(key);
    setState(loadSignState(storage, key));
    setPhase('idle');
    setMessage(undefined);
  }

  const canWrite = session.permissions.write('DocumentReference');
  // the note builder loads while the surgeon reads, so that signing does not wait for it
  useEffect(() => (canWrite ? warmNoteBuilder() : undefined), [canWrite]);
  const fingerprint = useMemo(() => signFingerprint(assessment, answers, override, coverage), [assessment, answers, override, coverage]);
  const { pending, saved } = state;
  const changedSinceSaved = saved !== undefined && saved.fingerprint !== fingerprint;

  const draftNow = (): SignDraft =>
    newDraft({ assessment, coverage, answers, override, lang, fingerprint, assessmentId: nextId, saved, session, patientName });

  const preview = useMemo(() => {
    const draft =
      pending ?? newDraft({ assessment, coverage, answers, override, lang, fingerprint, assessmentId: nextId, saved, session, patientName });
    try {
      return { text: noteText(draft.assessment, noteContextFor(draft, session.patientId)) };
    } catch (error) {
      return { error: describe(error, lang, s) };
    }
  }, [pending, assessment, coverage, answers, override, lang, fingerprint, nextId, saved, session, patientName, s]);

  async function save(draft: SignDraft) {
    setStorageOk(storeSignState(storage, key, { ...state, pending: draft }));
    setState((current) => ({ ...current, pending: draft }));
    setPhase('saving');
    setMessage(undefined);
    setConfirmingDiscard(false);
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const buildNote = await loadNoteBuilder();
      const note = buildNote(draft.assessment, noteContextFor(draft, session.patientId));
      const result = await saveNote(transport, note, {
        signal: controller.signal,
        provenance: session.permissions.write('Provenance'),
      });
      const record: SavedNoteRecord = {
        id: result.id,
        date: result.date,
        ...(result.versionId && { versionId: result.versionId }),
        created: result.created,
        fingerprint: draft.fingerprint,
        ...(result.provenance.state === 'failed' && { provenanceError: describeFhirError(result.provenance.error, lang) }),
      };
      storeSignState(storage, key, { saved: record });
      setState({ saved: record });
      setPhase('idle');
      setNextId(newAssessmentId());
    } catch (error) {
      if (controller.signal.aborted) return;
      setPhase('failed');
      setMessage(describe(error, lang, s));
    }
  }

  function discard() {
    const next = saved ? { saved } : {};
    storeSignState(storage, key, next);
    setState(next);
    setPhase('idle');
    setMessage(undefined);
    setConfirmingDiscard(false);
  }

  async function copy() {
    const text = exportText();
    setCopyResult(text !== undefined && (await copyText(text)) ? 'copied' : 'failed');
  }

  function download() {
    const text = exportText();
    if (text !== undefined) downloadText(text, noteFileName(new Date().toISOString()));
  }

  /** The note as signed now (or the pending draft), for the clipboard or a file. */
  function exportText(): string | undefined {
    const draft = pending ?? draftNow();
    try {
      return noteText(draft.assessment, noteContextFor(draft, session.patientId));
    } catch (error) {
      setMessage(describe(error, lang, s));
      return undefined;
    }
  }

  const exportButtons = (
    <p className="sign-export">
      <button type="button" onClick={() => void copy()}>
        {s.copy}
      </button>{' '}
      <button type="button" onClick={download}>
        {s.download}
      </button>
      {copyResult && <span role="status"> {copyResult === 'copied' ? s.copied : s.copyFailed}</span>}
    </p>
  );

  return (
    <section aria-labelledby="sign-heading" className="sign-panel">
      <h2 id="sign-heading">{s.heading}</h2>
      {!storageOk && <p role="alert">{s.storageUnavailable}</p>}
      {!canWrite ? (
        <>
          <p role="note">{s.noWritePermission}</p>
          {exportButtons}
        </>
      ) : pending ? (
        phase === 'saving' ? (
          <p role="status">{s.saving}</p>
        ) : (
          <div role="alert" className="sign-failed">
            <h3>{phase === 'failed' ? s.failedHeading : s.pendingFromEarlier(formatInstant(pending.signedAt, lang))}</h3>
            {message && <p>{message}</p>}
            <p>{s.draftKept}</p>
            <p>
              <button type="button" onClick={() => void save(pending)}>
                {s.retry}
              </button>{' '}
              {confirmingDiscard ? (
                <>
                  <span>{s.confirmDiscard}</span>{' '}
                  <button type="button" onClick={discard}>
                    {s.discardDraft}
                  </button>
                </>
              ) : (
                <button type="button" onClick={() => setConfirmingDiscard(true)}>
                  {s.discardDraft}
                </button>
              )}
            </p>
            {exportButtons}
          </div>
        )
      ) : (
        <>
          {saved && <SavedConfirmation saved={saved} lang={lang} s={s} />}
          {(!saved || changedSinceSaved) && (
            <>
              {saved && <p>{s.amendHint}</p>}
              {message && <p role="alert">{message}</p>}
              <button type="button" onClick={() => void save(draftNow())} disabled={preview.error !== undefined}>
                {saved ? s.signAmended : s.sign}
              </button>
            </>
          )}
        </>
      )}
      <details>
        <summary>{s.preview}</summary>
        {preview.error ? <p role="alert">{preview.error}</p> : <pre data-testid="note-preview">{preview.text}</pre>}
      </details>
    </section>
  );
}

function SavedConfirmation({ saved, lang, s }: { saved: SavedNoteRecord; lang: SignLang; s: SignStrings }) {
  return (
    <div role="status" className="sign-saved">
      <h3>{s.savedHeading}</h3>
      <p>
        {s.savedLine} <time dateTime={saved.date}>{formatInstant(saved.date, lang)}</time> · {s.documentId}{' '}
        <code data-testid="saved-document-id">DocumentReference/{saved.id}</code>
      </p>
      {!saved.created && <p>{s.alreadySaved}</p>}
      {saved.provenanceError && <p>{s.provenanceFailed(saved.provenanceError)}</p>}
    </div>
  );
}

/** A draft signed now; after a saved note it amends (replaces) that note. */
function newDraft(input: {
  assessment: Assessment;
  coverage: Assessment | undefined;
  answers: SurgeonAnswers;
  override: Override | undefined;
  lang: SignLang;
  fingerprint: string;
  assessmentId: string;
  saved: SavedNoteRecord | undefined;
  session: SignSession;
  patientName: string | undefined;
}): SignDraft {
  const { assessment, coverage, answers, override, lang, fingerprint, assessmentId, saved, session, patientName } = input;
  const author = relativeReference(session.fhirUser);
  return {
    assessmentId,
    signedAt: new Date().toISOString(),
    assessment,
    ...(coverage && { coverage }),
    answers,
    ...(override && { override }),
    lang,
    fingerprint,
    ...(saved && { replaces: { id: saved.id, date: saved.date } }),
    ...(author && { author }),
    ...(session.encounterId && { encounter: `Encounter/${session.encounterId}` }),
    ...(patientName && { patientName }),
  };
}

function noteContextFor(draft: SignDraft, patientId: string): NoteContext {
  return {
    assessmentId: draft.assessmentId,
    patient: { reference: `Patient/${patientId}`, ...(draft.patientName && { display: draft.patientName }) },
    ...(draft.author && { author: { reference: draft.author } }),
    ...(draft.encounter && { encounter: draft.encounter }),
    signedAt: draft.signedAt,
    ...(draft.coverage && { coverage: draft.coverage }),
    answers: draft.answers,
    ...(draft.override && { override: draft.override }),
    lang: draft.lang,
    ...(draft.replaces && { replaces: draft.replaces }),
  };
}

/** fhirUser may be absolute ("https://ehr/fhir/Practitioner/1"); the note names the author relatively. */
export function relativeReference(fhirUser: string | undefined): string | undefined {
  return /(?:^|\/)((?:Practitioner|PractitionerRole|Patient|RelatedPerson)\/[A-Za-z0-9\-.]{1,64})$/.exec(fhirUser ?? '')?.[1];
}

function describe(error: unknown, lang: SignLang, s: SignStrings): string {
  if (error instanceof FhirError) return describeFhirError(error, lang);
  if (error instanceof NoteBuilderUnavailableError) return s.noteBuilderUnavailable;
  return s.unexpected(error instanceof Error ? error.message : String(error));
}

function formatInstant(iso: string, lang: SignLang): string {
  return formatDate(iso, lang === 'de' ? 'de-DE' : 'en-GB');
}

function newAssessmentId(): string {
  return crypto.randomUUID();
}
