// The signing flow's reducer and what the panel offers in each state, without a DOM, a server or storage.
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/clinical/assessment';
import type { ChartNote } from '../../src/ui/chartNote';
import { signFingerprint, type SavedNoteRecord, type SignDraft, type SignState } from '../../src/ui/sign/draftStore';
import {
  initialSignFlow,
  newDraft,
  reduce,
  replacedBy,
  replacementFor,
  savedRecord,
  signAccess,
  signedNow,
  signView,
  type SignEvent,
  type SignFlowState,
  type SignSession,
} from '../../src/ui/sign/signFlow';
import { noteContext, scenario1Eligible, scenario7Cautions } from '../report/fixtures';

const KEY = 'pvp:sign:https://ehr.example/fhir:p1';
const answers = noteContext().answers;

function session(overrides: Partial<SignSession> = {}, writable = ['DocumentReference', 'Provenance']): SignSession {
  return {
    serverUrl: 'https://ehr.example/fhir',
    patientId: 'p1',
    encounterId: 'e1',
    fhirUser: 'https://ehr.example/fhir/Practitioner/dr-a',
    permissions: {
      read: () => true,
      write: (type) => writable.includes(type),
      update: () => true,
      granted: 'patient/*.rs patient/DocumentReference.cu',
    },
    ...overrides,
  };
}

const fingerprintOf = (assessment: Assessment) => signFingerprint(assessment, answers, undefined);

function draftOf(assessment: Assessment, assessmentId = 'id-1', replaces?: SignDraft['replaces']): SignDraft {
  return newDraft(
    {
      assessment,
      coverages: [],
      answers,
      override: undefined,
      lang: 'en',
      fingerprint: fingerprintOf(assessment),
      assessmentId,
      replaces,
      session: session(),
      patientName: 'Erika Mustermann',
      signer: { name: 'Dr. Anna Weber', locale: 'en-GB' },
    },
    '2026-12-05T08:40:00.000Z',
  );
}

function savedOf(draft: SignDraft, overrides: Partial<SavedNoteRecord> = {}): SavedNoteRecord {
  return {
    id: 'doc-1',
    date: '2026-12-05T08:40:01Z',
    recommendation: draft.assessment.recommendation,
    created: true,
    fingerprint: draft.fingerprint,
    text: 'the note as sent',
    ...overrides,
  };
}

const run = (state: SignFlowState, ...events: SignEvent[]) => events.reduce(reduce, state);

/** The panel as the surgeon sees it with the assessment on screen and the launch's grant. */
function viewOf(state: SignFlowState, onScreen: Assessment, s = session(), earlier?: ChartNote) {
  return signView(state, {
    fingerprint: fingerprintOf(onScreen),
    access: signAccess(s),
    replacement: replacementFor(state.stored.saved, earlier),
  });
}

const start = (stored: SignState = {}) => initialSignFlow(KEY, stored, 'id-1');

describe('the signing flow', () => {
  it('signs, saves and confirms: ready → saving → saved, the next note with its own identifier', () => {
    const onScreen = scenario1Eligible();
    let state = start();
    expect(viewOf(state, onScreen)).toMatchObject({ screen: 'ready', offers: ['sign'], preview: 'new' });

    const draft = draftOf(onScreen);
    state = run(
      state,
      { type: 'started', phase: 'saving' },
      { type: 'sending', draft, saved: undefined, storageOk: true, nextId: 'id-2' },
    );
    expect(state.phase).toBe('saving');
    expect(state.stored).toEqual({ pending: draft });
    expect(state.nextId).toBe('id-2');
    // while saving, the status replaces every button
    expect(viewOf(state, onScreen)).toMatchObject({ screen: 'busy', phase: 'saving', offers: [] });

    const record = savedOf(draft);
    state = run(state, { type: 'saved', record }, { type: 'finished' });
    expect(state.phase).toBe('idle');
    expect(state.stored).toEqual({ saved: record });
    // saved, and nothing changed since: no second signature offered; the preview is the note as sent
    expect(viewOf(state, onScreen)).toMatchObject({ screen: 'ready', saved: record, offers: [], preview: 'saved' });
  });

  it('after a save, a changed assessment is signed as an amendment of the saved note', () => {
    const draft = draftOf(scenario1Eligible());
    const record = savedOf(draft);
    const state = start({ saved: record });
    const view = viewOf(state, scenario7Cautions());
    expect(view).toMatchObject({ screen: 'ready', changedSinceSaved: true, offers: ['signAmended'] });
    expect(view.preview).toBe('amendment');
    expect(replacementFor(record, undefined).replacing).toEqual(replacedBy(record));
  });

  it('a failed write keeps the draft, says why and offers retry and discard; a retry clears the message', () => {
    const onScreen = scenario1Eligible();
    const draft = draftOf(onScreen);
    let state = run(
      start(),
      { type: 'started', phase: 'saving' },
      { type: 'sending', draft, saved: undefined, storageOk: true, nextId: 'id-2' },
      { type: 'failed', message: 'The EHR did not answer in time.' },
    );
    expect(state.stored.pending).toBe(draft);
    expect(state.message).toBe('The EHR did not answer in time.');
    expect(viewOf(state, onScreen)).toMatchObject({
      screen: 'pending',
      draft,
      failed: true,
      stale: false,
      offers: ['retry', 'discard'],
      preview: 'signed',
    });

    state = reduce(state, { type: 'started', phase: 'saving' });
    expect(state.message).toBeUndefined();
    expect(state.stored.pending).toBe(draft);
    expect(viewOf(state, onScreen)).toMatchObject({ screen: 'busy', phase: 'saving' });
  });

  it('a browser that refuses to store the draft is remembered, and the draft is still sent', () => {
    const draft = draftOf(scenario1Eligible());
    const state = reduce(start(), { type: 'sending', draft, saved: undefined, storageOk: false, nextId: 'id-2' });
    expect(state.storageOk).toBe(false);
    expect(state.stored.pending).toBe(draft);
  });

  it('a signed draft that no longer matches the screen offers only "discard and sign the current one"', () => {
    const draft = draftOf(scenario1Eligible());
    const state = run(
      start(),
      { type: 'sending', draft, saved: undefined, storageOk: true, nextId: 'id-2' },
      { type: 'failed', message: 'no answer' },
    );
    expect(viewOf(state, scenario7Cautions())).toMatchObject({
      screen: 'pending',
      stale: true,
      offers: ['discardAndSign'],
    });
  });

  it('discarding: the saved note stays the one to amend; a chart that cannot be checked asks for a second press', () => {
    const first = draftOf(scenario1Eligible());
    const record = savedOf(first);
    const second = draftOf(scenario7Cautions(), 'id-2', replacedBy(record));
    let state = start({ saved: record, pending: second });

    state = reduce(state, { type: 'cannotCheck', message: 'The app may not look in the chart.' });
    expect(state).toMatchObject({
      confirmingDiscard: true,
      phase: 'idle',
      message: 'The app may not look in the chart.',
    });

    state = reduce(state, { type: 'dropped' });
    expect(state.stored).toEqual({ saved: record });
    expect(state).toMatchObject({ confirmingDiscard: false, phase: 'idle', message: undefined });
    expect(viewOf(state, scenario7Cautions())).toMatchObject({ screen: 'ready', offers: ['signAmended'] });
  });

  it('a failed search for the draft in the chart says why and asks for a second press', () => {
    const draft = draftOf(scenario1Eligible());
    const state = run(
      start({ pending: draft }),
      { type: 'started', phase: 'checking' },
      { type: 'checkFailed', message: 'The chart could not be searched.' },
    );
    expect(state).toMatchObject({ phase: 'failed', confirmingDiscard: true, stored: { pending: draft } });
    // a press that talks to the EHR again forgets the warning
    expect(reduce(state, { type: 'started', phase: 'saving' }).confirmingDiscard).toBe(false);
  });

  it("a patient's launch signs nothing, whatever it may write", () => {
    const patient = session({ fhirUser: 'https://ehr.example/fhir/Patient/p1' });
    expect(signAccess(patient)).toMatchObject({ userIsPatient: true, canWrite: false });
    const related = session({ fhirUser: 'RelatedPerson/r1' });
    expect(signAccess(related).canWrite).toBe(false);
    const draft = draftOf(scenario1Eligible());
    // not even a kept draft is offered for saving
    for (const state of [start(), start({ pending: draft })]) {
      expect(viewOf(state, scenario1Eligible(), patient)).toMatchObject({
        screen: 'readOnly',
        reason: 'patientLaunch',
        offers: [],
      });
    }
    // and a note built in a patient's launch names no author
    const built = newDraft({
      assessment: scenario1Eligible(),
      coverages: [],
      answers,
      override: undefined,
      lang: 'en',
      fingerprint: 'f',
      assessmentId: 'id-1',
      replaces: undefined,
      session: patient,
      patientName: undefined,
      signer: { name: 'Erika Mustermann', locale: 'en-GB' },
    });
    expect(built.author).toBeUndefined();
    expect(built.authorName).toBeUndefined();
  });

  it('a grant without writing notes signs nothing; without update the earlier note is not marked superseded', () => {
    const readOnly = session({}, ['Provenance']);
    expect(viewOf(start(), scenario1Eligible(), readOnly)).toMatchObject({
      screen: 'readOnly',
      reason: 'noWritePermission',
      offers: [],
    });
    const noUpdate = session();
    noUpdate.permissions = { ...noUpdate.permissions, update: undefined };
    expect(signAccess(noUpdate)).toMatchObject({ canWrite: true, canSupersede: false });
    const noRead = session();
    noRead.permissions = { ...noRead.permissions, read: (type) => type !== 'DocumentReference' };
    expect(signAccess(noRead)).toMatchObject({ canWrite: true, canReadNotes: false, canSupersede: false });
  });

  it('a relaunch with a pending draft offers it for saving as signed, or only discarding when the screen differs', () => {
    const draft = draftOf(scenario1Eligible());
    const relaunched = start({ pending: draft });
    expect(viewOf(relaunched, scenario1Eligible())).toMatchObject({
      screen: 'pending',
      failed: false,
      stale: false,
      offers: ['retry', 'discard'],
      preview: 'signed',
    });
    expect(viewOf(relaunched, scenario7Cautions())).toMatchObject({ screen: 'pending', offers: ['discardAndSign'] });
  });

  it("a relaunch that found a newer note in the chart amends that note, an older one the tab's own", () => {
    const draft = draftOf(scenario1Eligible());
    const record = savedOf(draft);
    const newer: ChartNote = { id: 'doc-9', date: '2026-12-05T09:00:00Z', recommendation: 'eligible' };
    const older: ChartNote = { id: 'doc-0', date: '2026-12-04T09:00:00Z' };

    const fromChart = replacementFor(record, newer);
    expect(fromChart).toEqual({
      fromChart: newer,
      replacing: { id: 'doc-9', date: newer.date, recommendation: 'eligible' },
    });
    expect(viewOf(start({ saved: record }), scenario1Eligible(), session(), newer)).toMatchObject({
      screen: 'ready',
      offers: ['signAmended'],
      preview: 'amendment',
    });

    expect(replacementFor(record, older)).toEqual({ replacing: replacedBy(record) });
    expect(replacementFor(undefined, older).replacing).toEqual({ id: 'doc-0', date: older.date });
    expect(replacementFor(undefined, undefined)).toEqual({});
  });

  it("another patient in the same panel shows that patient's drafts and no status of the last one", () => {
    const draft = draftOf(scenario1Eligible());
    const busy = run(start({ pending: draft }), { type: 'checkFailed', message: 'failed' });
    const other = reduce(busy, { type: 'patientChanged', key: 'pvp:sign:other', stored: {} });
    expect(other).toMatchObject({ key: 'pvp:sign:other', stored: {}, phase: 'idle', confirmingDiscard: false });
    expect(other.message).toBeUndefined();
  });

  it('copying and a failed export only report', () => {
    let state = reduce(start(), { type: 'copied', ok: true });
    expect(state.copyResult).toBe('copied');
    state = reduce(state, { type: 'copied', ok: false });
    expect(state.copyResult).toBe('failed');
    state = reduce(state, { type: 'exportFailed', message: 'The note could not be written.' });
    expect(state).toMatchObject({ phase: 'idle', message: 'The note could not be written.', stored: {} });
  });

  it('signing stamps the time of the press and keeps the identifier; an amendment can be given', () => {
    const draft = draftOf(scenario1Eligible());
    const signed = signedNow(draft, undefined, '2026-12-05T09:15:00.000Z');
    expect(signed).toEqual({ ...draft, signedAt: '2026-12-05T09:15:00.000Z' });
    const amending = signedNow(draft, { id: 'doc-1', date: '2026-12-05T08:40:01Z' }, '2026-12-05T09:15:00.000Z');
    expect(amending.replaces).toEqual({ id: 'doc-1', date: '2026-12-05T08:40:01Z' });
    expect(amending.assessmentId).toBe(draft.assessmentId);
  });

  it('a saved note is recorded with what the chart said of it', () => {
    const draft = draftOf(scenario7Cautions(), 'id-2', { id: 'doc-1', date: '2026-12-05T08:40:01Z' });
    const record = savedRecord(
      draft,
      'text',
      {
        id: 'doc-2',
        date: '2026-12-05T09:15:01Z',
        created: false,
        verified: false,
        provenance: { state: 'saved', id: 'prov-1' },
        replaced: { state: 'superseded', id: 'doc-1' },
      },
      'en',
    );
    expect(record).toEqual({
      id: 'doc-2',
      date: '2026-12-05T09:15:01Z',
      recommendation: draft.assessment.recommendation,
      created: false,
      fingerprint: draft.fingerprint,
      text: 'text',
      unverified: true,
      replaced: { id: 'doc-1', date: '2026-12-05T08:40:01Z', superseded: true },
    });
  });
});
