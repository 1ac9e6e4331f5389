// @vitest-environment jsdom
/**
 * Signing under narrower grants, against the demo EHR (and, for what the demo does not do, a
 * local EHR that ignores If-None-Exist and supports update): a note the launch may create but not
 * read is confirmed as saved but not verified, never as "not saved"; an amendment says whether
 * the earlier note is now superseded or still current; a retry after a relaunch finds the note
 * already written.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoEhr, type DemoEhr } from '../../mocks/ehr';
import { createFetchTransport } from '../../src/fhir/fetch-transport';
import { parseGrantedScope } from '../../src/smart/scopes';
import { signStorageKey } from '../../src/ui/sign/draftStore';
import { SignPanel, type SignPanelProps } from '../../src/ui/sign/SignPanel';
import { createNotesServer, NOTES_BASE } from '../fhir/notes-server';
import { noteContext, scenario1Eligible, scenario7Cautions } from '../report/fixtures';

const NOW = new Date('2026-11-25T08:00:00Z');
const READS = 'launch/patient patient/Patient.rs patient/Condition.rs';
const CREATE_ONLY = `${READS} patient/DocumentReference.c patient/Provenance.c`;
const READ_AND_CREATE = `${CREATE_ONLY} patient/DocumentReference.rs`;
const READ_CREATE_UPDATE = `${READS} patient/DocumentReference.rs patient/DocumentReference.cu patient/Provenance.c`;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

function demoEhr(): { ehr: DemoEhr; patientId: string } {
  const ehr = createDemoEhr({ ehrOrigin: 'http://ehr.demo.test', appOrigin: 'http://app.demo.test', now: NOW });
  server.use(...ehr.handlers);
  const patient = ehr.patients.find((p) => p.scenario === 1);
  if (!patient) throw new Error('no demo patient for scenario 1');
  return { ehr, patientId: patient.id };
}

/** The panel as a launch with this granted scope shows it, talking to `serverUrl` with `token`. */
function panel(
  serverUrl: string,
  patientId: string,
  token: string,
  scope: string,
  overrides: Partial<SignPanelProps> = {},
): SignPanelProps {
  return {
    assessment: scenario1Eligible(),
    session: { serverUrl, patientId, permissions: parseGrantedScope(scope) },
    transport: createFetchTransport(serverUrl, token, fetch, { timeoutMs: 2_000 }),
    answers: noteContext().answers,
    lang: 'en',
    ...overrides,
  };
}

const storedState = (serverUrl: string, patientId: string) =>
  JSON.parse(sessionStorage.getItem(signStorageKey(serverUrl, patientId)) ?? '{}') as {
    pending?: unknown;
    saved?: { id: string };
  };

describe('a launch that may create notes but not read them', () => {
  it('says before signing that the note cannot be checked, then confirms it saved but not verified', async () => {
    const { ehr, patientId } = demoEhr();
    const token = ehr.mintAccessToken({ patient: patientId, scope: CREATE_ONLY });
    render(<SignPanel {...panel(ehr.fhirBase, patientId, token, CREATE_ONLY)} />);
    expect(screen.getByText(/may save the note but not read documents/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    const heading = await screen.findByText('Saved to the chart, not verified');
    const confirmation = heading.closest('[role="status"]');
    if (!confirmation) throw new Error('no confirmation');
    expect(confirmation.textContent).toContain('The EHR accepted the note, but this launch may not read documents');
    expect(confirmation.textContent).toContain('do not sign it again');
    const notes = ehr.store
      .all('DocumentReference')
      .filter((d) => (d as fhir4.DocumentReference).subject?.reference === `Patient/${patientId}`);
    expect(notes).toHaveLength(1);
    expect(screen.getByTestId('saved-document-id').textContent).toBe(`DocumentReference/${notes[0]?.id}`);
    expect(ehr.store.all('Provenance')).toHaveLength(1);
    expect(screen.queryByText('The note was not saved')).toBeNull();
    expect(screen.queryByRole('button', { name: /Sign|Retry/ })).toBeNull();
    expect(storedState(ehr.fhirBase, patientId)).toMatchObject({ saved: { id: notes[0]?.id, unverified: true } });
    expect(storedState(ehr.fhirBase, patientId).pending).toBeUndefined();
  });

  it('says so in German', async () => {
    const { ehr, patientId } = demoEhr();
    const token = ehr.mintAccessToken({ patient: patientId, scope: CREATE_ONLY });
    render(<SignPanel {...panel(ehr.fhirBase, patientId, token, CREATE_ONLY, { lang: 'de' })} />);
    expect(screen.getByText(/darf den Bericht speichern, aber keine Dokumente lesen/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Signieren und in der Akte speichern' }));
    expect(await screen.findByText('In der Akte gespeichert, nicht überprüft')).toBeTruthy();
    expect(
      screen.getByText(/Das KIS hat den Bericht angenommen, aber dieser Start darf keine Dokumente lesen/),
    ).toBeTruthy();
  });

  it('a launch that may read notes is not warned', () => {
    render(<SignPanel {...panel(NOTES_BASE, 'p1', 'token', READ_AND_CREATE)} />);
    expect(screen.queryByText(/may save the note but not read documents/)).toBeNull();
  });
});

describe('signing an amended note', () => {
  async function signThenAmend(props: SignPanelProps) {
    const view = render(<SignPanel {...props} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    await screen.findByText('Saved to the chart');
    const firstId = screen.getByTestId('saved-document-id').textContent?.replace('DocumentReference/', '') ?? '';
    view.rerender(<SignPanel {...props} assessment={scenario7Cautions()} />);
    return firstId;
  }

  it('marks the earlier note superseded when the EHR allows the update, and says so', async () => {
    const ehr = createNotesServer();
    server.use(...ehr.handlers);
    const firstId = await signThenAmend(panel(NOTES_BASE, 'p1', 'token', READ_CREATE_UPDATE));
    expect(screen.queryByText(/will stay marked current/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign amended note and save to chart' }));
    expect(await screen.findByText(/^The earlier note of .+ is now marked superseded\.$/)).toBeTruthy();
    expect(ehr.notes().map((n) => n.status)).toEqual(['superseded', 'current']);
    expect(ehr.notes()[0]?.id).toBe(firstId);
  });

  it('the EHR refuses the update (412, the note changed meanwhile): saved, and the earlier note is said to be still current, with the reason', async () => {
    const { ehr, patientId } = demoEhr();
    ehr.faults.add({
      method: 'PUT',
      path: '/fhir/DocumentReference/',
      times: 1,
      fault: { kind: 'status', status: 412 },
    });
    const token = ehr.mintAccessToken({ patient: patientId, scope: READ_CREATE_UPDATE });
    const firstId = await signThenAmend(panel(ehr.fhirBase, patientId, token, READ_CREATE_UPDATE));
    fireEvent.click(screen.getByRole('button', { name: 'Sign amended note and save to chart' }));
    const still = await screen.findByText(/The earlier note of .+ is still marked current in the chart/);
    expect(still.textContent).toContain(
      'The EHR did not allow the app to change it: The record changed in the EHR in the meantime.',
    );
    expect(screen.getByText('Saved to the chart')).toBeTruthy();
    const statuses = ehr.store.all('DocumentReference').map((d) => (d as fhir4.DocumentReference).status);
    expect(statuses.filter((s) => s === 'current')).toHaveLength(2);
    expect((ehr.store.read('DocumentReference', firstId) as fhir4.DocumentReference | undefined)?.status).toBe(
      'current',
    );
  });

  it('without a grant to update notes, says before signing and after that the earlier note stays current, and does not try', async () => {
    const ehr = createNotesServer();
    server.use(...ehr.handlers);
    const firstId = await signThenAmend(panel(NOTES_BASE, 'p1', 'token', READ_AND_CREATE));
    expect(screen.getByText(/may not change documents: the earlier note will stay marked current/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign amended note and save to chart' }));
    const still = await screen.findByText(/The earlier note of .+ is still marked current/);
    expect(still.textContent).toContain('This launch may not change documents.');
    expect(ehr.requests.some((r) => r.method === 'PUT')).toBe(false);
    expect(ehr.notes().find((n) => n.id === firstId)?.status).toBe('current');
  });
});

describe('retrying on an EHR that ignores If-None-Exist', () => {
  it('after a lost answer and a relaunch, Retry finds the note already written: one note', async () => {
    const ehr = createNotesServer();
    server.use(...ehr.handlers);
    ehr.dropNextCreateAnswer();
    const first = render(<SignPanel {...panel(NOTES_BASE, 'p1', 'token', READ_AND_CREATE)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    expect(await screen.findByText('The note was not saved')).toBeTruthy();
    first.unmount();

    render(<SignPanel {...panel(NOTES_BASE, 'p1', 'token', READ_AND_CREATE)} />);
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('The chart already had this note; no second copy was written.')).toBeTruthy();
    expect(ehr.notes()).toHaveLength(1);
  });
});
