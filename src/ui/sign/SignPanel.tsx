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
 * retrying reuses its identifier, looked for on the server before it is sent again (and sent as a
 * conditional create), so a retry never writes a second note. A kept draft that no longer matches
 * the assessment on screen is not retried: the panel says so and offers to discard it and sign the
 * assessment on screen. After a save the preview shows the saved note's own text.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Assessment, Override } from '../../clinical/assessment';
import type { SurgeonAnswers } from '../../clinical/answers';
import { describeFhirError } from '../../fhir/describe';
import { FhirError } from '../../fhir/errors';
import type { FhirTransport } from '../../fhir/transport';
import { isNoteInChart, saveNote, type ReplacedNoteOutcome } from '../../fhir/write';
import { sessionStore } from '../patientStorage';
import { noteText } from '../../report/note-text';
import { noteIdentifier } from '../../report/document-reference';
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
import { makeI18n } from '../i18n';

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

type Phase = 'idle' | 'checking' | 'saving' | 'failed';

/** After a press the focus goes to the one status shown (checking, saving, saved, not saved), else to Sign. */
const STATUS_ID = 'sign-status';
const SIGN_BUTTON_ID = 'sign-button';
const CONFIRM_DISCARD_ID = 'sign-confirm-discard';

export function SignPanel({
  assessment,
  coverage,
  session,
  transport,
  answers,
  override,
  lang,
  patientName,
}: SignPanelProps) {
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
  // the pressed button goes away: the focus follows to what replaces it, but not when the panel first shows
  const followStatus = useRef(false);

  // another patient in the same panel: show that patient's draft, never this one's
  if (loadedKey !== key) {
    setLoadedKey(key);
    setState(loadSignState(storage, key));
    setPhase('idle');
    setMessage(undefined);
    setConfirmingDiscard(false);
  }

  const canWrite = session.permissions.write('DocumentReference');
  // without reading, the app can neither check the saved note nor mark the one it replaces superseded
  const canReadNotes = session.permissions.read('DocumentReference');
  const canSupersede = canReadNotes && (session.permissions.update?.('DocumentReference') ?? false);
  // the note builder loads while the surgeon reads, so that signing does not wait for it
  useEffect(() => (canWrite ? warmNoteBuilder() : undefined), [canWrite]);
  const fingerprint = useMemo(
    () => signFingerprint(assessment, answers, override, coverage),
    [assessment, answers, override, coverage],
  );
  const { pending, saved } = state;
  const changedSinceSaved = saved !== undefined && saved.fingerprint !== fingerprint;
  // the signed, unsaved note says something other than the screen: it is not offered for saving as it is
  const pendingStale = pending !== undefined && pending.fingerprint !== fingerprint;

  const draftNow = (replacing = saved): SignDraft =>
    newDraft({
      assessment,
      coverage,
      answers,
      override,
      lang,
      fingerprint,
      assessmentId: nextId,
      saved: replacing,
      session,
      patientName,
    });

  const preview = useMemo(() => {
    // after a save, the note as the chart received it, word for word, until the assessment changes
    if (!pending && saved && !changedSinceSaved) return { title: s.previewSaved, text: saved.text };
    const title = pending ? s.previewSigned : saved ? s.previewAmendment : s.preview;
    const draft =
      pending ??
      newDraft({
        assessment,
        coverage,
        answers,
        override,
        lang,
        fingerprint,
        assessmentId: nextId,
        saved,
        session,
        patientName,
      });
    try {
      return { title, text: noteText(draft.assessment, noteContextFor(draft, session.patientId)) };
    } catch (error) {
      return { title, error: describe(error, lang, s) };
    }
  }, [
    pending,
    saved,
    changedSinceSaved,
    assessment,
    coverage,
    answers,
    override,
    lang,
    fingerprint,
    nextId,
    session,
    patientName,
    s,
  ]);

  const statusShown = `${phase}|${pending?.assessmentId ?? ''}|${saved?.id ?? ''}`;
  // before the next paint, so the focus is never seen (or heard) on the page's body
  useLayoutEffect(() => {
    if (!followStatus.current) return;
    // unless the surgeon has moved on meanwhile
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    if (focusLost) (document.getElementById(STATUS_ID) ?? document.getElementById(SIGN_BUTTON_ID))?.focus();
    if (phase === 'idle' || phase === 'failed') followStatus.current = false;
  }, [statusShown, phase]);

  /** A press that talks to the EHR: its status replaces the buttons. */
  function begin(next: 'checking' | 'saving'): AbortSignal {
    followStatus.current = true;
    const controller = new AbortController();
    inFlight.current = controller;
    setPhase(next);
    setMessage(undefined);
    setConfirmingDiscard(false);
    return controller.signal;
  }

  /** A failure says why and keeps every draft; a cancelled write (the panel went away) says nothing. */
  async function finish(signal: AbortSignal, work: () => Promise<unknown>) {
    try {
      await work();
      setPhase('idle');
    } catch (error) {
      if (signal.aborted) return;
      setPhase('failed');
      setMessage(describe(error, lang, s));
    }
  }

  /**
   * Sends a signed draft, kept in the session until the chart confirms it; the confirmation then
   * replaces it. `retry`: the draft was sent before and may be in the chart already.
   */
  async function send(draft: SignDraft, retry: boolean, replacing: SavedNoteRecord | undefined, signal: AbortSignal) {
    const sending: SignState = { ...(replacing && { saved: replacing }), pending: draft };
    setStorageOk(storeSignState(storage, key, sending));
    setState(sending);
    setPhase('saving');
    // the next note gets its own identifier, also when this one is discarded
    setNextId(newAssessmentId());
    const buildNote = await loadNoteBuilder();
    const note = buildNote(draft.assessment, noteContextFor(draft, session.patientId));
    const result = await saveNote(transport, note, {
      signal,
      provenance: session.permissions.write('Provenance'),
      mayReadNotes: canReadNotes,
      mayUpdateNotes: canSupersede,
      retry,
    });
    const record: SavedNoteRecord = {
      id: result.id,
      date: result.date,
      ...(result.versionId && { versionId: result.versionId }),
      created: result.created,
      fingerprint: draft.fingerprint,
      text: note.text,
      ...(!result.verified && { unverified: true }),
      ...(result.provenance.state === 'failed' && {
        provenanceError: describeFhirError(result.provenance.error, lang),
      }),
      ...(result.replaced && { replaced: replacedRecord(result.replaced, lang) }),
    };
    storeSignState(storage, key, { saved: record });
    setState({ saved: record });
    return record;
  }

  function sign(draft: SignDraft, retry: boolean) {
    const signal = begin('saving');
    void finish(signal, () => send(draft, retry, saved, signal));
  }

  /**
   * Drops the signed, unsaved note; `thenSign` signs the assessment on screen in its place. The
   * note may be in the chart already if the EHR's reply was lost, so it is looked for first: if it
   * is there, its save is completed (the retry finds it and writes nothing twice) and the new note
   * replaces it, so no second note stands beside it unnoticed. When the chart cannot be looked at,
   * a second press after a warning drops it.
   */
  async function discard(draft: SignDraft, thenSign: boolean) {
    let inChart = false;
    let checking: AbortSignal | undefined;
    if (!confirmingDiscard) {
      if (!canReadNotes) {
        setMessage(s.cannotCheckChart);
        setConfirmingDiscard(true);
        return;
      }
      checking = begin('checking');
      try {
        inChart = await isNoteInChart(transport, session.patientId, noteIdentifier(draft.assessmentId), checking);
      } catch (error) {
        if (checking.aborted) return;
        setPhase('failed');
        setMessage(s.checkFailed(describeFhirError(error, lang)));
        setConfirmingDiscard(true);
        return;
      }
      if (checking.aborted) return;
    }
    if (!inChart) drop();
    if (!inChart && !thenSign) return;
    const signal = checking ?? begin('saving');
    await finish(signal, async () => {
      const kept = inChart ? await send(draft, true, saved, signal) : saved;
      if (thenSign) await send(draftNow(kept), false, kept, signal);
    });
  }

  /** Forgets the signed draft; the saved note it would have replaced stays the one to amend. */
  function drop() {
    followStatus.current = true;
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

  const verdictName = (a: Assessment) => makeI18n(lang).t.recommendations[a.recommendation];

  return (
    <section aria-labelledby="sign-heading" className="sign-panel">
      <h2 id="sign-heading">{s.heading}</h2>
      {!storageOk && <p role="alert">{s.storageUnavailable}</p>}
      {!canWrite ? (
        <>
          <p role="note">{s.noWritePermission}</p>
          {exportButtons}
        </>
      ) : phase === 'checking' || phase === 'saving' ? (
        <p role="status" id={STATUS_ID} tabIndex={-1}>
          {phase === 'checking' ? s.checkingChart : s.saving}
        </p>
      ) : pending ? (
        <div role="alert" className="sign-failed">
          <h3 id={STATUS_ID} tabIndex={-1}>
            {phase === 'failed' ? s.failedHeading : s.pendingFromEarlier(formatInstant(pending.signedAt, lang))}
          </h3>
          {message && <p>{message}</p>}
          {pendingStale ? (
            <>
              <p>{s.draftStale(verdictName(pending.assessment), verdictName(assessment))}</p>
              <p>{s.draftStaleChoice}</p>
            </>
          ) : (
            <p>{s.draftKept}</p>
          )}
          {confirmingDiscard && <p id={CONFIRM_DISCARD_ID}>{s.confirmDiscard}</p>}
          <p>
            {!pendingStale && (
              <>
                <button type="button" onClick={() => sign(pending, true)}>
                  {s.retry}
                </button>{' '}
              </>
            )}
            <button
              type="button"
              aria-describedby={confirmingDiscard ? CONFIRM_DISCARD_ID : undefined}
              onClick={() => void discard(pending, pendingStale)}
            >
              {pendingStale ? s.discardAndSign : s.discardDraft}
            </button>
          </p>
          {exportButtons}
        </div>
      ) : (
        <>
          {saved && <SavedConfirmation saved={saved} lang={lang} s={s} />}
          {(!saved || changedSinceSaved) && (
            <>
              {saved && <p>{s.amendHint}</p>}
              {saved && !canSupersede && <p role="note">{s.earlierStaysCurrent}</p>}
              {!canReadNotes && <p role="note">{s.cannotVerifyWhenSaved}</p>}
              {message && <p role="alert">{message}</p>}
              <button
                type="button"
                id={SIGN_BUTTON_ID}
                onClick={() => sign(draftNow(), false)}
                disabled={preview.error !== undefined}
              >
                {saved ? s.signAmended : s.sign}
              </button>
            </>
          )}
        </>
      )}
      <details>
        <summary>{preview.title}</summary>
        {preview.error ? <p role="alert">{preview.error}</p> : <pre data-testid="note-preview">{preview.text}</pre>}
      </details>
    </section>
  );
}

function SavedConfirmation({ saved, lang, s }: { saved: SavedNoteRecord; lang: SignLang; s: SignStrings }) {
  return (
    <div role="status" className="sign-saved">
      <h3 id={STATUS_ID} tabIndex={-1}>
        {saved.unverified ? s.savedUnverifiedHeading : s.savedHeading}
      </h3>
      <p>
        {s.savedLine} <time dateTime={saved.date}>{formatInstant(saved.date, lang)}</time> · {s.documentId}{' '}
        <code data-testid="saved-document-id">DocumentReference/{saved.id}</code>
      </p>
      {saved.unverified && <p>{s.savedUnverified}</p>}
      {!saved.created && <p>{s.alreadySaved}</p>}
      {saved.provenanceError && <p>{s.provenanceFailed(saved.provenanceError)}</p>}
      {saved.replaced && (
        <p>
          {saved.replaced.superseded
            ? s.earlierSuperseded(saved.replaced.id)
            : s.earlierStillCurrent(saved.replaced.id, saved.replaced.reason)}
        </p>
      )}
    </div>
  );
}

function replacedRecord(outcome: ReplacedNoteOutcome, lang: SignLang): NonNullable<SavedNoteRecord['replaced']> {
  if (outcome.state === 'superseded') return { id: outcome.id, superseded: true };
  return {
    id: outcome.id,
    superseded: false,
    ...(outcome.error && { reason: describeFhirError(outcome.error, lang) }),
  };
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
  const { assessment, coverage, answers, override, lang, fingerprint, assessmentId, saved, session, patientName } =
    input;
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
  return /(?:^|\/)((?:Practitioner|PractitionerRole|Patient|RelatedPerson)\/[A-Za-z0-9\-.]{1,64})$/.exec(
    fhirUser ?? '',
  )?.[1];
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
