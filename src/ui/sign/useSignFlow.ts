/**
 * The signing flow's effects: it keeps the drafts in sessionStorage, loads the note builder, writes
 * the note and reads it back, looks for a dropped draft in the chart, and reports each step to the
 * flow's reducer (signFlow.ts) as an event.
 *
 * The signed draft is stored before the write and until the server confirms it; a retry reuses its
 * identifier, looked for on the server before it is sent again (and sent as a conditional create),
 * so a retry never writes a second note. After a save the preview shows the saved note's own text.
 */
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import type { Assessment, Override } from '../../clinical/assessment';
import type { SurgeonAnswers } from '../../clinical/answers';
import { describeFhirError } from '../../fhir/describe';
import { FhirError } from '../../fhir/errors';
import type { FhirTransport } from '../../fhir/transport';
import { isNoteInChart, saveNote } from '../../fhir/write';
import { noteIdentifier } from '../../report/document-reference';
import { noteText } from '../../report/note-text';
import type { ChartNote } from '../chartNote';
import { sessionStore } from '../patientStorage';
import {
  loadSignState,
  signFingerprint,
  signStorageKey,
  storeSignState,
  type SavedNoteRecord,
  type SignDraft,
} from './draftStore';
import { copyText, downloadText, noteFileName } from './exportNote';
import { loadNoteBuilder, NoteBuilderUnavailableError, warmNoteBuilder } from './noteBuilder';
import {
  initialSignFlow,
  newDraft,
  noteContextFor,
  reduce,
  replacedBy,
  replacementFor,
  savedRecord,
  sendingState,
  signAccess,
  signedNow,
  signView,
  withoutDraft,
  type SignSession,
} from './signFlow';
import { DEFAULT_LOCALE, type Lang } from '../../lang';
import { SIGN_STRINGS, type SignStrings } from './strings';

export interface SignFlowInput {
  assessment: Assessment;
  /** the payers' coverage assessments of the same record and answers; the note states each */
  coverages?: readonly Assessment[];
  session: SignSession;
  transport: FhirTransport;
  answers: SurgeonAnswers;
  override?: Override;
  lang: Lang;
  /** the date format (BCP 47) of the screen; default: the language's */
  locale?: string;
  patientName?: string;
  signerName?: string;
  earlier?: ChartNote;
}

const NO_COVERAGE: readonly Assessment[] = [];

/** After a press the focus goes to the one status shown (checking, saving, saved, not saved), else to Sign. */
export const STATUS_ID = 'sign-status';
export const SIGN_BUTTON_ID = 'sign-button';

export function useSignFlow({
  assessment,
  coverages = NO_COVERAGE,
  session,
  transport,
  answers,
  override,
  lang,
  locale = DEFAULT_LOCALE[lang],
  patientName,
  signerName,
  earlier,
}: SignFlowInput) {
  const s = SIGN_STRINGS[lang];
  const storage = sessionStore();
  const key = signStorageKey(session.serverUrl, session.patientId);
  const [state, dispatch] = useReducer(reduce, key, (k) =>
    initialSignFlow(k, loadSignState(storage, k), newAssessmentId()),
  );
  // another patient in the same panel: show that patient's draft, never this one's
  if (state.key !== key) dispatch({ type: 'patientChanged', key, stored: loadSignState(storage, key) });

  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);
  // the pressed button goes away: the focus follows to what replaces it, but not when the panel first shows
  const followStatus = useRef(false);

  const access = signAccess(session);
  const { canWrite, canReadNotes, canSupersede } = access;
  // the note builder loads while the surgeon reads, so that signing does not wait for it
  useEffect(() => (canWrite ? warmNoteBuilder() : undefined), [canWrite]);
  const fingerprint = useMemo(
    () => signFingerprint(assessment, answers, override, coverages),
    [assessment, answers, override, coverages],
  );
  const { pending, saved } = state.stored;
  const replacement = useMemo(() => replacementFor(saved, earlier), [saved, earlier]);
  const { replacing } = replacement;
  const view = signView(state, { fingerprint, access, replacement });

  // the assessment on screen as a draft: the preview shows it, Sign signs it
  const draft = useMemo(
    () =>
      newDraft({
        assessment,
        coverages,
        answers,
        override,
        lang,
        fingerprint,
        assessmentId: state.nextId,
        replaces: replacing,
        session,
        patientName,
        signer: { name: signerName, locale },
      }),
    [
      assessment,
      coverages,
      answers,
      override,
      lang,
      fingerprint,
      state.nextId,
      replacing,
      session,
      patientName,
      signerName,
      locale,
    ],
  );

  const preview = useMemo(() => {
    if (view.preview === 'saved' && saved) return { title: s.previewSaved, text: saved.text };
    const title = { saved: s.previewSaved, signed: s.previewSigned, amendment: s.previewAmendment, new: s.preview }[
      view.preview
    ];
    const shown = pending ?? draft;
    try {
      return { title, text: noteText(shown.assessment, noteContextFor(shown, session.patientId)) };
    } catch (error) {
      return { title, error: describe(error, lang, s) };
    }
  }, [view.preview, saved, pending, draft, session.patientId, lang, s]);

  const statusShown = `${state.phase}|${pending?.assessmentId ?? ''}|${saved?.id ?? ''}`;
  const { phase } = state;
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
    dispatch({ type: 'started', phase: next });
    return controller.signal;
  }

  /** A failure says why and keeps every draft; a cancelled write (the panel went away) says nothing. */
  async function finish(signal: AbortSignal, work: () => Promise<unknown>) {
    try {
      await work();
      dispatch({ type: 'finished' });
    } catch (error) {
      if (signal.aborted) return;
      dispatch({ type: 'failed', message: describe(error, lang, s) });
    }
  }

  /**
   * Sends a signed draft, kept in the session until the chart confirms it; the confirmation then
   * replaces it. `retry`: the draft was sent before and may be in the chart already.
   */
  async function send(signed: SignDraft, retry: boolean, amends: SavedNoteRecord | undefined, signal: AbortSignal) {
    const storageOk = storeSignState(storage, key, sendingState(signed, amends));
    dispatch({ type: 'sending', draft: signed, saved: amends, storageOk, nextId: newAssessmentId() });
    const buildNote = await loadNoteBuilder();
    const note = buildNote(signed.assessment, noteContextFor(signed, session.patientId));
    const result = await saveNote(transport, note, {
      signal,
      provenance: session.permissions.write('Provenance'),
      mayReadNotes: canReadNotes,
      mayUpdateNotes: canSupersede,
      retry,
    });
    const record = savedRecord(signed, note.text, result, lang);
    storeSignState(storage, key, { saved: record });
    dispatch({ type: 'saved', record });
    return record;
  }

  function sign(signed: SignDraft, retry: boolean) {
    const signal = begin('saving');
    void finish(signal, () => send(signed, retry, saved, signal));
  }

  /**
   * Drops the signed, unsaved note; `thenSign` signs the assessment on screen in its place. The
   * note may be in the chart already if the EHR's reply was lost, so it is looked for first: if it
   * is there, its save is completed (the retry finds it and writes nothing twice) and the new note
   * replaces it, so no second note stands beside it unnoticed. When the chart cannot be looked at,
   * a second press after a warning drops it.
   */
  async function discard(dropped: SignDraft, thenSign: boolean) {
    let inChart = false;
    let checking: AbortSignal | undefined;
    if (!state.confirmingDiscard) {
      if (!canReadNotes) {
        dispatch({ type: 'cannotCheck', message: s.cannotCheckChart });
        return;
      }
      checking = begin('checking');
      try {
        inChart = await isNoteInChart(transport, session.patientId, noteIdentifier(dropped.assessmentId), checking);
      } catch (error) {
        if (checking.aborted) return;
        dispatch({ type: 'checkFailed', message: s.checkFailed(describeFhirError(error, lang)) });
        return;
      }
      if (checking.aborted) return;
    }
    if (!inChart) drop();
    if (!inChart && !thenSign) return;
    const signal = checking ?? begin('saving');
    await finish(signal, async () => {
      const kept = inChart ? await send(dropped, true, saved, signal) : saved;
      if (thenSign) await send(signedNow(draft, kept ? replacedBy(kept) : replacing), false, kept, signal);
    });
  }

  /** Forgets the signed draft; the saved note it would have replaced stays the one to amend. */
  function drop() {
    followStatus.current = true;
    storeSignState(storage, key, withoutDraft(state.stored));
    dispatch({ type: 'dropped' });
  }

  /** The note as signed now (or the pending draft), for the clipboard or a file. */
  function exportText(): string | undefined {
    const shown = pending ?? signedNow(draft);
    try {
      return noteText(shown.assessment, noteContextFor(shown, session.patientId));
    } catch (error) {
      dispatch({ type: 'exportFailed', message: describe(error, lang, s) });
      return undefined;
    }
  }

  return {
    s,
    locale,
    state,
    view,
    replacement,
    preview,
    access,
    sign: () => sign(signedNow(draft), false),
    retry: () => pending && sign(pending, true),
    discard: () => pending && void discard(pending, view.screen === 'pending' && view.stale),
    copy: async () => {
      const text = exportText();
      dispatch({ type: 'copied', ok: text !== undefined && (await copyText(text)) });
    },
    download: () => {
      const text = exportText();
      if (text !== undefined) downloadText(text, noteFileName(new Date().toISOString()));
    },
  };
}

function describe(error: unknown, lang: Lang, s: SignStrings): string {
  if (error instanceof FhirError) return describeFhirError(error, lang);
  if (error instanceof NoteBuilderUnavailableError) return s.noteBuilderUnavailable;
  return s.unexpected(error instanceof Error ? error.message : String(error));
}

function newAssessmentId(): string {
  return crypto.randomUUID();
}
