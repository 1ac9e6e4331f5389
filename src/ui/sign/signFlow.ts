/**
 * The signing flow as data, without React and without I/O: its state, the events that change it
 * (`reduce`), what the panel shows and offers in each state (`signView`), and the drafts and records
 * it keeps. The effects (storage, the note builder, the write, the read-back, the chart search) are
 * useSignFlow.ts's; the view is SignPanel.tsx.
 *
 * The signed draft is kept (sessionStorage, per server and patient) from the signature until the
 * server confirms it: a failure, a reload or a relaunch of the same patient keeps it, and a retry
 * reuses its identifier. A kept draft that no longer matches the assessment on screen is not
 * retried: the only way on is to discard it and sign the assessment on screen. Signing after a save,
 * or after a relaunch that found an earlier note, amends: the new note replaces the newer of the two.
 */
import type { Assessment, Override } from '../../clinical/assessment';
import type { SurgeonAnswers } from '../../clinical/answers';
import { describeFhirError } from '../../fhir/describe';
import type { ReplacedNoteOutcome, SavedNote } from '../../fhir/write';
import type { NoteContext } from '../../report/types';
import type { LaunchSession } from '../../smart/session';
import type { ChartNote } from '../chartNote';
import { relativeReference } from '../format';
import type { SavedNoteRecord, SignDraft, SignState } from './draftStore';
import type { Lang } from '../../lang';

export type SignSession = Pick<LaunchSession, 'serverUrl' | 'patientId' | 'encounterId' | 'fhirUser' | 'permissions'>;

/** The note a new signature replaces: when it was signed and what it said. */
export type Replaced = NonNullable<SignDraft['replaces']>;

/** What the panel is doing: nothing, looking for a draft in the chart, saving, or failed at one of them. */
export type Phase = 'idle' | 'checking' | 'saving' | 'failed';

export interface SignFlowState {
  /** the server and patient the drafts belong to (their storage key) */
  key: string;
  /** the signed, unsaved draft and the last saved note, as stored */
  stored: SignState;
  phase: Phase;
  /** why the last press failed, or what the surgeon must know before pressing again */
  message?: string;
  /** the chart could not be checked for the signed draft: a second press of Discard drops it */
  confirmingDiscard: boolean;
  /** false once the browser refused to keep a signed draft */
  storageOk: boolean;
  /** the business identifier of the next note signed */
  nextId: string;
  copyResult?: 'copied' | 'failed';
}

export type SignEvent =
  /** the panel shows another patient: that patient's drafts, never the last one's */
  | { type: 'patientChanged'; key: string; stored: SignState }
  /** a press that talks to the EHR */
  | { type: 'started'; phase: 'checking' | 'saving' }
  /** a signed draft goes to the chart, kept (with the saved note it amends) until the chart confirms it */
  | { type: 'sending'; draft: SignDraft; saved: SavedNoteRecord | undefined; storageOk: boolean; nextId: string }
  | { type: 'saved'; record: SavedNoteRecord }
  /** every write of the press is done */
  | { type: 'finished' }
  | { type: 'failed'; message: string }
  /** the chart could not be searched for the signed draft: say why, and drop it on a second press */
  | { type: 'checkFailed'; message: string }
  /** the grant does not let the app look for the signed draft: warn, and drop it on a second press */
  | { type: 'cannotCheck'; message: string }
  /** the signed draft is forgotten; the saved note stays the one to amend */
  | { type: 'dropped' }
  | { type: 'exportFailed'; message: string }
  | { type: 'copied'; ok: boolean };

export function initialSignFlow(key: string, stored: SignState, nextId: string): SignFlowState {
  return { key, stored, phase: 'idle', confirmingDiscard: false, storageOk: true, nextId };
}

export function reduce(state: SignFlowState, event: SignEvent): SignFlowState {
  switch (event.type) {
    case 'patientChanged':
      return {
        ...state,
        key: event.key,
        stored: event.stored,
        phase: 'idle',
        message: undefined,
        confirmingDiscard: false,
      };
    case 'started':
      return { ...state, phase: event.phase, message: undefined, confirmingDiscard: false };
    case 'sending':
      return {
        ...state,
        stored: sendingState(event.draft, event.saved),
        storageOk: event.storageOk,
        phase: 'saving',
        // the next note gets its own identifier, also when this one is discarded
        nextId: event.nextId,
      };
    case 'saved':
      return { ...state, stored: { saved: event.record } };
    case 'finished':
      return { ...state, phase: 'idle' };
    case 'failed':
      return { ...state, phase: 'failed', message: event.message };
    case 'checkFailed':
      return { ...state, phase: 'failed', message: event.message, confirmingDiscard: true };
    case 'cannotCheck':
      return { ...state, message: event.message, confirmingDiscard: true };
    case 'dropped':
      return {
        ...state,
        stored: withoutDraft(state.stored),
        phase: 'idle',
        message: undefined,
        confirmingDiscard: false,
      };
    case 'exportFailed':
      return { ...state, message: event.message };
    case 'copied':
      return { ...state, copyResult: event.ok ? 'copied' : 'failed' };
  }
}

/** What is stored while a draft is sent: the draft, and the saved note it amends. */
export function sendingState(draft: SignDraft, saved: SavedNoteRecord | undefined): SignState {
  return { ...(saved && { saved }), pending: draft };
}

/** What is stored once the signed draft is dropped. */
export function withoutDraft(stored: SignState): SignState {
  return stored.saved ? { saved: stored.saved } : {};
}

/** What the launch lets the surgeon do with a note. */
export interface SignAccess {
  /** a patient's launch (a portal): nothing is signed */
  userIsPatient: boolean;
  canWrite: boolean;
  /** without reading, the app can neither check the saved note nor mark the one it replaces superseded */
  canReadNotes: boolean;
  canSupersede: boolean;
}

export function signAccess(session: SignSession): SignAccess {
  const userIsPatient = isPatientUser(session.fhirUser);
  const canReadNotes = session.permissions.read('DocumentReference');
  return {
    userIsPatient,
    canWrite: session.permissions.write('DocumentReference') && !userIsPatient,
    canReadNotes,
    canSupersede: canReadNotes && (session.permissions.update?.('DocumentReference') ?? false),
  };
}

/** The note a signature now replaces: the one saved from this tab, or the chart's latest, the newer. */
export interface Replacement {
  /** the chart's latest note, when it is newer than the one saved from this tab */
  fromChart?: ChartNote;
  replacing?: Replaced;
}

export function replacementFor(saved: SavedNoteRecord | undefined, earlier: ChartNote | undefined): Replacement {
  const fromChart = earlier && (!saved || Date.parse(earlier.date) > Date.parse(saved.date)) ? earlier : undefined;
  if (fromChart) {
    const { id, date, recommendation } = fromChart;
    return { fromChart, replacing: { id, date, ...(recommendation && { recommendation }) } };
  }
  return saved ? { replacing: replacedBy(saved) } : {};
}

/** A button of the panel. */
export type SignOffer = 'sign' | 'signAmended' | 'retry' | 'discard' | 'discardAndSign';

export type SignView =
  /** a patient's launch, or a grant without writing notes: the note can only be copied or downloaded */
  | { screen: 'readOnly'; reason: 'patientLaunch' | 'noWritePermission'; offers: []; preview: PreviewKind }
  /** a press is talking to the EHR: its status replaces the buttons */
  | { screen: 'busy'; phase: 'checking' | 'saving'; offers: []; preview: PreviewKind }
  /**
   * a signed draft is not in the chart yet (the write failed, or a reload or relaunch came first);
   * `stale`: it says something other than the screen, so it is not offered for saving as it is
   */
  | { screen: 'pending'; draft: SignDraft; failed: boolean; stale: boolean; offers: SignOffer[]; preview: PreviewKind }
  /** the assessment on screen can be signed (`offers` then has the button), after the saved note if any */
  | {
      screen: 'ready';
      saved?: SavedNoteRecord;
      changedSinceSaved: boolean;
      offers: SignOffer[];
      preview: PreviewKind;
    };

/** The preview: the saved note's own text, the signed draft, an amendment, or a first note. */
export type PreviewKind = 'saved' | 'signed' | 'amendment' | 'new';

export function signView(
  state: SignFlowState,
  on: { fingerprint: string; access: SignAccess; replacement: Replacement },
): SignView {
  const { pending, saved } = state.stored;
  const { fromChart, replacing } = on.replacement;
  const changedSinceSaved = saved !== undefined && saved.fingerprint !== on.fingerprint;
  // after a save, the note as the chart received it, word for word, until the assessment changes
  const preview: PreviewKind =
    !pending && saved && !changedSinceSaved && !fromChart
      ? 'saved'
      : pending
        ? 'signed'
        : replacing
          ? 'amendment'
          : 'new';
  if (!on.access.canWrite) {
    return {
      screen: 'readOnly',
      reason: on.access.userIsPatient ? 'patientLaunch' : 'noWritePermission',
      offers: [],
      preview,
    };
  }
  if (state.phase === 'checking' || state.phase === 'saving') {
    return { screen: 'busy', phase: state.phase, offers: [], preview };
  }
  if (pending) {
    const stale = pending.fingerprint !== on.fingerprint;
    return {
      screen: 'pending',
      draft: pending,
      failed: state.phase === 'failed',
      stale,
      offers: stale ? ['discardAndSign'] : ['retry', 'discard'],
      preview,
    };
  }
  const signable = !saved || changedSinceSaved || fromChart !== undefined;
  return {
    screen: 'ready',
    ...(saved && { saved }),
    changedSinceSaved,
    offers: signable ? [replacing ? 'signAmended' : 'sign'] : [],
    preview,
  };
}

/** What the surgeon signs: the assessment on screen with their answers, override and the launch's context. */
export interface DraftInput {
  assessment: Assessment;
  coverages: readonly Assessment[];
  answers: SurgeonAnswers;
  override: Override | undefined;
  lang: Lang;
  fingerprint: string;
  assessmentId: string;
  replaces: Replaced | undefined;
  session: SignSession;
  patientName: string | undefined;
  signer: { name: string | undefined; locale: string };
}

/** A draft signed now; after a saved note (or a note found in the chart) it amends (replaces) that note. */
export function newDraft(input: DraftInput, signedAt = new Date().toISOString()): SignDraft {
  const { assessment, coverages, answers, override, lang, fingerprint, assessmentId, replaces, session, patientName } =
    input;
  const author = isPatientUser(session.fhirUser) ? undefined : relativeReference(session.fhirUser);
  return {
    assessmentId,
    signedAt,
    assessment,
    ...(coverages.length > 0 && { coverages: [...coverages] }),
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

/** The draft as signed at this moment, amending `replaces` (by default the note it already amends). */
export function signedNow(draft: SignDraft, replaces = draft.replaces, signedAt = new Date().toISOString()): SignDraft {
  const { replaces: _previous, ...rest } = draft;
  return { ...rest, signedAt, ...(replaces && { replaces }) };
}

export function replacedBy(saved: SavedNoteRecord): Replaced {
  return { id: saved.id, date: saved.date, ...(saved.recommendation && { recommendation: saved.recommendation }) };
}

/** What the panel keeps of a note the chart confirmed, in the surgeon's language. */
export function savedRecord(draft: SignDraft, text: string, result: SavedNote, lang: Lang): SavedNoteRecord {
  return {
    id: result.id,
    date: result.date,
    recommendation: draft.assessment.recommendation,
    ...(result.versionId && { versionId: result.versionId }),
    created: result.created,
    fingerprint: draft.fingerprint,
    text,
    ...(!result.verified && { unverified: true }),
    ...(result.provenance.state === 'failed' && {
      provenanceError: describeFhirError(result.provenance.error, lang),
    }),
    ...(result.replaced && { replaced: replacedRecord(result.replaced, draft.replaces?.date, lang) }),
  };
}

function replacedRecord(
  outcome: ReplacedNoteOutcome,
  date: string | undefined,
  lang: Lang,
): NonNullable<SavedNoteRecord['replaced']> {
  const note = { id: outcome.id, ...(date && { date }) };
  if (outcome.state === 'superseded') return { ...note, superseded: true };
  return {
    ...note,
    superseded: false,
    ...(outcome.error && { reason: describeFhirError(outcome.error, lang) }),
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

export function noteContextFor(draft: SignDraft, patientId: string): NoteContext {
  return {
    assessmentId: draft.assessmentId,
    patient: { reference: `Patient/${patientId}`, ...(draft.patientName && { display: draft.patientName }) },
    ...(draft.author && {
      author: { reference: draft.author, ...(draft.authorName && { display: draft.authorName }) },
    }),
    ...(draft.encounter && { encounter: draft.encounter }),
    signedAt: draft.signedAt,
    ...(draft.coverages && { coverages: draft.coverages }),
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
