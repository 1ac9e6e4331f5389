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
 * - `lang`, `locale`: the UI language and date format; the note is written in them, dates in the
 *   surgeon's time zone;
 * - `patientName` (optional): the patient's name for the note's header;
 * - `signerName` (optional): the signing user's name (their fhirUser resource): the note is signed with it;
 * - `earlier` (optional): the app's latest note in the chart, found at launch: signing replaces it.
 *
 * The signed draft is stored in sessionStorage (per server and patient) before the write and until
 * the server confirms it: a failure, a reload or a relaunch of the same patient keeps it, and
 * retrying reuses its identifier, looked for on the server before it is sent again (and sent as a
 * conditional create), so a retry never writes a second note. A kept draft that no longer matches
 * the assessment on screen is not retried: the panel says so and offers to discard it and sign the
 * assessment on screen. After a save the preview shows the saved note's own text. Signing after a
 * save, or after a relaunch that found an earlier note, amends: the new note replaces the newer of
 * the two (marked superseded where the grant allows).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Assessment, Override, Recommendation } from '../../clinical/assessment';
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
import type { ChartNote } from '../chartNote';
import { formatDate, relativeReference } from '../format';
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
  /** the date format (BCP 47) of the screen; default: the language's */
  locale?: string;
  patientName?: string;
  signerName?: string;
  earlier?: ChartNote;
}

/** The note a new signature replaces: when it was signed and what it said. */
type Replaced = NonNullable<SignDraft['replaces']>;

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
  locale = lang === 'de' ? 'de-DE' : 'en-GB',
  patientName,
  signerName,
  earlier,
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

  const userIsPatient = isPatientUser(session.fhirUser);
  const canWrite = session.permissions.write('DocumentReference') && !userIsPatient;
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

  // the note a signature now replaces: the one saved from this tab, or the chart's latest, the newer
  const fromChart = earlier && (!saved || Date.parse(earlier.date) > Date.parse(saved.date)) ? earlier : undefined;
  const replacing = useMemo(
    (): Replaced | undefined =>
      fromChart
        ? {
            id: fromChart.id,
            date: fromChart.date,
            ...(fromChart.recommendation && { recommendation: fromChart.recommendation }),
          }
        : saved && replacedBy(saved),
    [fromChart, saved],
  );
  const signer = { name: signerName, locale };
  const draftNow = (replaces = replacing): SignDraft =>
    newDraft({
      assessment,
      coverage,
      answers,
      override,
      lang,
      fingerprint,
      assessmentId: nextId,
      replaces,
      session,
      patientName,
      signer,
    });

  const preview = useMemo(() => {
    // after a save, the note as the chart received it, word for word, until the assessment changes
    if (!pending && saved && !changedSinceSaved && !fromChart) return { title: s.previewSaved, text: saved.text };
    const title = pending ? s.previewSigned : replacing ? s.previewAmendment : s.preview;
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
        replaces: replacing,
        session,
        patientName,
        signer: { name: signerName, locale },
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
    fromChart,
    replacing,
    signerName,
    locale,
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
      recommendation: draft.assessment.recommendation,
      ...(result.versionId && { versionId: result.versionId }),
      created: result.created,
      fingerprint: draft.fingerprint,
      text: note.text,
      ...(!result.verified && { unverified: true }),
      ...(result.provenance.state === 'failed' && {
        provenanceError: describeFhirError(result.provenance.error, lang),
      }),
      ...(result.replaced && { replaced: replacedRecord(result.replaced, draft.replaces?.date, lang) }),
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
      if (thenSign) await send(draftNow(kept ? replacedBy(kept) : replacing), false, kept, signal);
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

  const verdictWord = (r: Recommendation) => makeI18n(lang).t.recommendations[r];
  const verdictName = (a: Assessment) => verdictWord(a.recommendation);

  return (
    <section aria-labelledby="sign-heading" className="sign-panel">
      <h2 id="sign-heading">{s.heading}</h2>
      {!storageOk && <p role="alert">{s.storageUnavailable}</p>}
      {!canWrite ? (
        <>
          <p role="note">{userIsPatient ? s.patientLaunch : s.noWritePermission}</p>
          {exportButtons}
        </>
      ) : phase === 'checking' || phase === 'saving' ? (
        <p role="status" id={STATUS_ID} tabIndex={-1}>
          {phase === 'checking' ? s.checkingChart : s.saving}
        </p>
      ) : pending ? (
        <div role="alert" className="sign-failed">
          <h3 id={STATUS_ID} tabIndex={-1}>
            {phase === 'failed' ? s.failedHeading : s.pendingFromEarlier(formatDate(pending.signedAt, locale))}
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
          {saved && <SavedConfirmation saved={saved} locale={locale} s={s} />}
          {(!saved || changedSinceSaved || fromChart) && (
            <>
              {fromChart ? (
                <p>
                  {s.replacesChartNote(
                    formatDate(fromChart.date, locale),
                    fromChart.recommendation && verdictWord(fromChart.recommendation),
                  )}
                </p>
              ) : (
                saved && <p>{s.amendHint}</p>
              )}
              {replacing && !canSupersede && <p role="note">{s.earlierStaysCurrent}</p>}
              {!canReadNotes && <p role="note">{s.cannotVerifyWhenSaved}</p>}
              {message && <p role="alert">{message}</p>}
              <button
                type="button"
                id={SIGN_BUTTON_ID}
                onClick={() => sign(draftNow(), false)}
                disabled={preview.error !== undefined}
              >
                {replacing ? s.signAmended : s.sign}
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

function SavedConfirmation({ saved, locale, s }: { saved: SavedNoteRecord; locale: string; s: SignStrings }) {
  return (
    <div role="status" className="sign-saved">
      <h3 id={STATUS_ID} tabIndex={-1}>
        {saved.unverified ? s.savedUnverifiedHeading : s.savedHeading}
      </h3>
      <p>
        {s.savedLine} <time dateTime={saved.date}>{formatDate(saved.date, locale)}</time> · {s.documentId}{' '}
        <code data-testid="saved-document-id">DocumentReference/{saved.id}</code>
      </p>
      {saved.unverified && <p>{s.savedUnverified}</p>}
      {!saved.created && <p>{s.alreadySaved}</p>}
      {saved.provenanceError && <p>{s.provenanceFailed(saved.provenanceError)}</p>}
      {saved.replaced && (
        <p>
          {saved.replaced.superseded
            ? s.earlierSuperseded(earlierDate(saved.replaced, locale))
            : s.earlierStillCurrent(earlierDate(saved.replaced, locale), saved.replaced.reason)}
        </p>
      )}
    </div>
  );
}

function replacedRecord(
  outcome: ReplacedNoteOutcome,
  date: string | undefined,
  lang: SignLang,
): NonNullable<SavedNoteRecord['replaced']> {
  const note = { id: outcome.id, ...(date && { date }) };
  if (outcome.state === 'superseded') return { ...note, superseded: true };
  return {
    ...note,
    superseded: false,
    ...(outcome.error && { reason: describeFhirError(outcome.error, lang) }),
  };
}

/** "the note of 5 Dec 2026, 08:40" names the replaced note as the surgeon knows it, not by its id */
function earlierDate(replaced: NonNullable<SavedNoteRecord['replaced']>, locale: string): string | undefined {
  return replaced.date ? formatDate(replaced.date, locale) : undefined;
}

function replacedBy(saved: SavedNoteRecord): Replaced {
  return { id: saved.id, date: saved.date, ...(saved.recommendation && { recommendation: saved.recommendation }) };
}

/** A draft signed now; after a saved note (or a note found in the chart) it amends (replaces) that note. */
function newDraft(input: {
  assessment: Assessment;
  coverage: Assessment | undefined;
  answers: SurgeonAnswers;
  override: Override | undefined;
  lang: SignLang;
  fingerprint: string;
  assessmentId: string;
  replaces: Replaced | undefined;
  session: SignSession;
  patientName: string | undefined;
  signer: { name: string | undefined; locale: string };
}): SignDraft {
  const { assessment, coverage, answers, override, lang, fingerprint, assessmentId, replaces, session, patientName } =
    input;
  const author = isPatientUser(session.fhirUser) ? undefined : relativeReference(session.fhirUser);
  return {
    assessmentId,
    signedAt: new Date().toISOString(),
    assessment,
    ...(coverage && { coverage }),
    answers,
    ...(override && { override }),
    lang,
    fingerprint,
    ...(replaces && { replaces }),
    ...(author && { author }),
    ...(author && input.signer.name && { authorName: input.signer.name }),
    locale: input.signer.locale,
    timeZone: localTimeZone(),
    ...(session.encounterId && { encounter: `Encounter/${session.encounterId}` }),
    ...(patientName && { patientName }),
  };
}

/**
 * A note is a clinician's: in a patient's launch (a portal, a patient standalone launch) fhirUser
 * names a Patient or RelatedPerson, who must neither sign nor appear as the author of a surgical
 * recommendation.
 */
function isPatientUser(fhirUser: string | undefined): boolean {
  return /^(Patient|RelatedPerson)\//.test(relativeReference(fhirUser) ?? '');
}

function noteContextFor(draft: SignDraft, patientId: string): NoteContext {
  return {
    assessmentId: draft.assessmentId,
    patient: { reference: `Patient/${patientId}`, ...(draft.patientName && { display: draft.patientName }) },
    ...(draft.author && {
      author: { reference: draft.author, ...(draft.authorName && { display: draft.authorName }) },
    }),
    ...(draft.encounter && { encounter: draft.encounter }),
    signedAt: draft.signedAt,
    ...(draft.coverage && { coverage: draft.coverage }),
    answers: draft.answers,
    ...(draft.override && { override: draft.override }),
    lang: draft.lang,
    ...(draft.locale && { locale: draft.locale }),
    ...(draft.timeZone && { timeZone: draft.timeZone }),
    ...(draft.replaces && { replaces: draft.replaces }),
  };
}

/** the surgeon's time zone, fixed in the draft at signing: a retry writes the same note */
function localTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function describe(error: unknown, lang: SignLang, s: SignStrings): string {
  if (error instanceof FhirError) return describeFhirError(error, lang);
  if (error instanceof NoteBuilderUnavailableError) return s.noteBuilderUnavailable;
  return s.unexpected(error instanceof Error ? error.message : String(error));
}

function newAssessmentId(): string {
  return crypto.randomUUID();
}
