// @vitest-environment jsdom
/**
 * A signed note whose save failed, while the assessment on screen moves on: the panel says the
 * note no longer matches before anything is sent, and "Discard and sign the current assessment"
 * looks for the old note in the chart first, so the chart never gets a note that contradicts the
 * screen nor a second note beside one it already has. After a save the preview is the saved note;
 * the focus follows the status that replaces the pressed button.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { decodeBase64Utf8 } from '../../src/clinical/base64';
import { createFetchTransport } from '../../src/fhir/fetch-transport';
import { signStorageKey } from '../../src/ui/sign/draftStore';
import { SignPanel, type SignPanelProps, type SignSession } from '../../src/ui/sign/SignPanel';
import { noteContext, scenario1Eligible, scenario7Cautions } from '../report/fixtures';
import { FHIR_BASE, TOKEN } from '../report/write-server';
import { signingServerPerTest } from './signingServer';
import { createNotesServer, NOTES_BASE } from '../fhir/notes-server';

const signing = signingServerPerTest();
const { server } = signing;

function session(mayReadNotes = true): SignSession {
  return {
    serverUrl: FHIR_BASE,
    patientId: 'p1',
    fhirUser: 'Practitioner/dr-a',
    permissions: {
      read: (type) => mayReadNotes || type !== 'DocumentReference',
      write: () => true,
      granted: 'patient/*.rs patient/DocumentReference.c',
    },
  };
}

function props(overrides: Partial<SignPanelProps> = {}): SignPanelProps {
  return {
    assessment: scenario1Eligible(),
    session: session(),
    transport: createFetchTransport(FHIR_BASE, TOKEN, fetch, { timeoutMs: 500 }),
    answers: noteContext().answers,
    lang: 'en',
    ...overrides,
  };
}

const pendingId = (): string =>
  (JSON.parse(sessionStorage.getItem(signStorageKey(FHIR_BASE, 'p1')) ?? '{}') as { pending: { assessmentId: string } })
    .pending.assessmentId;
const noteText = (doc: fhir4.DocumentReference | undefined) =>
  decodeBase64Utf8(doc?.content[0]?.attachment.data ?? '') ?? '';
const identifierOf = (doc: fhir4.DocumentReference | undefined) => doc?.identifier?.[0]?.value;
const posts = () => signing.ehr.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/DocumentReference'));

/** Signs "Eligible", lets the save fail as `fault` says, then moves the screen to "Eligible with cautions". */
async function signThenChange(fault: Parameters<typeof signing.ehr.fail>[1], overrides: Partial<SignPanelProps> = {}) {
  signing.ehr.fail('DocumentReference', fault);
  const view = render(<SignPanel {...props(overrides)} />);
  fireEvent.click(
    screen.getByRole('button', { name: /^(Sign and save to chart|Signieren und in der Akte speichern)$/ }),
  );
  await screen.findByText(/^(The note was not saved|Der Bericht wurde nicht gespeichert)$/);
  const discardedId = pendingId();
  view.rerender(<SignPanel {...props({ ...overrides, assessment: scenario7Cautions() })} />);
  return { view, discardedId };
}

describe('a signed note that no longer matches the assessment on screen', () => {
  it('says so before anything is sent, offers no Retry of it, and signs the assessment on screen instead', async () => {
    const { view, discardedId } = await signThenChange({ kind: 'status', status: 503, diagnostics: 'Maintenance' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(
      'The signed note no longer matches the assessment on screen: the note says “Eligible”, the screen now says “Eligible with cautions”.',
    );
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();
    // the preview still shows what was signed, for a copy before it is discarded
    expect(screen.getByText('The signed note, not saved yet')).toBeTruthy();

    // changing the answers back makes the signed note match again: Retry returns
    view.rerender(<SignPanel {...props()} />);
    expect(within(screen.getByRole('alert')).getByRole('button', { name: 'Retry' })).toBeTruthy();
    view.rerender(<SignPanel {...props({ assessment: scenario7Cautions() })} />);

    fireEvent.click(
      within(screen.getByRole('alert')).getByRole('button', { name: 'Discard and sign the current assessment' }),
    );
    expect(await screen.findByText('Saved to the chart')).toBeTruthy();
    const searched = `identifier=${encodeURIComponent(`https://pvp-eligibility.org/fhir/consult-note|urn:uuid:${discardedId}`)}`;
    expect(signing.ehr.requests.some((r) => r.method === 'GET' && r.url.includes(searched))).toBe(true);
    const [note] = signing.ehr.documents();
    expect(signing.ehr.documents()).toHaveLength(1);
    expect(noteText(note)).toContain('Eligible with cautions');
    expect(identifierOf(note)).not.toBe(`urn:uuid:${discardedId}`);
    expect(screen.getByTestId('saved-document-id').textContent).toBe(`DocumentReference/${note?.id}`);
  });

  it('when the old note reached the chart (its reply was lost), the new note replaces it instead of standing beside it', async () => {
    // an EHR that ignores If-None-Exist and lets the app mark the old note superseded
    const notes = createNotesServer();
    server.use(...notes.handlers);
    notes.dropNextCreateAnswer();
    const onNotesEhr: Partial<SignPanelProps> = {
      session: { ...session(), serverUrl: NOTES_BASE, permissions: { ...session().permissions, update: () => true } },
      transport: createFetchTransport(NOTES_BASE, TOKEN, fetch, { timeoutMs: 500 }),
    };
    const view = render(<SignPanel {...props(onNotesEhr)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    await screen.findByText('The note was not saved');
    view.rerender(<SignPanel {...props({ ...onNotesEhr, assessment: scenario7Cautions() })} />);

    fireEvent.click(screen.getByRole('button', { name: 'Discard and sign the current assessment' }));
    await screen.findByText('Saved to the chart');
    const [earlier, current] = notes.notes();
    expect(notes.notes()).toHaveLength(2);
    // the old note was found, not sent again; the new one replaces it and it is marked superseded
    expect(notes.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/DocumentReference'))).toHaveLength(2);
    expect(notes.requests.some((r) => r.method === 'GET' && r.url.includes('patient=p1&identifier='))).toBe(true);
    expect(current?.relatesTo).toEqual([
      { code: 'replaces', target: { reference: `DocumentReference/${earlier?.id}` } },
    ]);
    expect(noteText(earlier)).not.toContain('Eligible with cautions');
    expect(noteText(current)).toContain('Eligible with cautions');
    expect(notes.notes().map((n) => n.status)).toEqual(['superseded', 'current']);
    expect(screen.getByTestId('saved-document-id').textContent).toBe(`DocumentReference/${current?.id}`);
    expect(screen.getByText(/^The earlier note of .+ is now marked superseded\.$/)).toBeTruthy();
  });

  it('discarding a note that did reach the chart keeps it as the saved note: one note, and the panel says it is there', async () => {
    const notes = createNotesServer();
    server.use(...notes.handlers);
    notes.dropNextCreateAnswer();
    const transport = createFetchTransport(NOTES_BASE, TOKEN, fetch, { timeoutMs: 500 });
    render(<SignPanel {...props({ session: { ...session(), serverUrl: NOTES_BASE }, transport })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Discard this signed note' }));
    expect(await screen.findByText('The chart already had this note; no second copy was written.')).toBeTruthy();
    expect(notes.notes()).toHaveLength(1);
    expect(screen.getByTestId('saved-document-id').textContent).toBe(`DocumentReference/${notes.notes()[0]?.id}`);
  });

  it('when the chart cannot be searched, says why and discards only on a second press', async () => {
    await signThenChange({ kind: 'network' });
    server.use(
      http.get(`${FHIR_BASE}/DocumentReference`, () =>
        HttpResponse.json({ resourceType: 'OperationOutcome' }, { status: 500 }),
      ),
    );
    const discard = screen.getByRole('button', { name: 'Discard and sign the current assessment' });
    fireEvent.click(discard);
    expect(
      await screen.findByText(
        /The app could not check whether the signed note reached the chart: The EHR had an internal error/,
      ),
    ).toBeTruthy();
    const warning = screen.getByText(/It may already be in the chart if the EHR's reply was lost/);
    const again = screen.getByRole('button', { name: 'Discard and sign the current assessment' });
    expect(again.getAttribute('aria-describedby')).toBe(warning.id);
    expect(posts()).toHaveLength(1);

    fireEvent.click(again);
    await screen.findByText('Saved to the chart');
    expect(signing.ehr.documents()).toHaveLength(1);
    expect(noteText(signing.ehr.documents()[0])).toContain('Eligible with cautions');
  });

  it('a note signed after a discard has its own identifier: the chart never takes it for the discarded one', async () => {
    const cannotRead = { session: session(false) };
    const { discardedId } = await signThenChange({ kind: 'drop-after-store' }, cannotRead);
    fireEvent.click(screen.getByRole('button', { name: 'Discard and sign the current assessment' }));
    expect(screen.getByText(/cannot check whether the signed note reached the chart/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Discard and sign the current assessment' }));
    await screen.findByText('Saved to the chart, not verified');
    const current = signing.ehr.documents().find((d) => identifierOf(d) !== `urn:uuid:${discardedId}`);
    expect(noteText(current)).toContain('Eligible with cautions');
    expect(screen.getByTestId('saved-document-id').textContent).toBe(`DocumentReference/${current?.id}`);
    expect(screen.queryByText(/The chart already had this note/)).toBeNull();
  });

  it('after a relaunch, says so in German, with both verdicts', async () => {
    const first = render(<SignPanel {...props({ lang: 'de' })} />);
    signing.ehr.fail('DocumentReference', { kind: 'status', status: 503 });
    fireEvent.click(screen.getByRole('button', { name: 'Signieren und in der Akte speichern' }));
    await screen.findByText('Der Bericht wurde nicht gespeichert');
    first.unmount();

    render(<SignPanel {...props({ lang: 'de', assessment: scenario7Cautions() })} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/Ein am .* signierter Bericht wurde noch nicht als gespeichert bestätigt/);
    expect(alert.textContent).toContain('Der Bericht lautet „Geeignet“, die Anzeige jetzt „Geeignet mit Vorbehalten“.');
    expect(within(alert).queryByRole('button', { name: 'Erneut versuchen' })).toBeNull();
    expect(
      within(alert).getByRole('button', { name: 'Verwerfen und die aktuelle Beurteilung signieren' }),
    ).toBeTruthy();
  });

  it('the German warning speaks of the EHR’s reply, not of an answer', async () => {
    await signThenChange({ kind: 'network' }, { lang: 'de', session: session(false) });
    fireEvent.click(screen.getByRole('button', { name: 'Verwerfen und die aktuelle Beurteilung signieren' }));
    expect(screen.getByText(/falls die Rückmeldung des KIS verloren ging/)).toBeTruthy();
  });
});

describe('the preview after a save', () => {
  it('is the saved note word for word, also after a reload, and labelled as an amendment once the assessment changes', async () => {
    const view = render(<SignPanel {...props()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    await screen.findByText('Saved to the chart');
    const saved = noteText(signing.ehr.documents()[0]);
    expect(saved).toContain('Eligible');
    expect(screen.getByText('The note as saved to the chart')).toBeTruthy();
    expect(screen.getByTestId('note-preview').textContent).toBe(saved);
    view.unmount();

    const reloaded = render(<SignPanel {...props()} />);
    expect(screen.getByTestId('note-preview').textContent).toBe(saved);

    reloaded.rerender(<SignPanel {...props({ assessment: scenario7Cautions() })} />);
    expect(screen.getByText('Preview of the amended note (not signed yet)')).toBeTruthy();
    expect(screen.getByTestId('note-preview').textContent).toContain('This note replaces the note signed');
  });
});

describe('the focus after a press', () => {
  it('goes from the pressed Sign button to the status that replaces it, then to the outcome', async () => {
    render(<SignPanel {...props()} />);
    const sign = screen.getByRole('button', { name: 'Sign and save to chart' });
    sign.focus();
    fireEvent.click(sign);
    expect(document.activeElement?.textContent).toBe('Saving to the chart…');
    const heading = await screen.findByRole('heading', { name: 'Saved to the chart' });
    expect(document.activeElement).toBe(heading);
  });

  it('goes to "The note was not saved" after a failure, but never moves when the panel first shows', async () => {
    signing.ehr.fail('DocumentReference', { kind: 'status', status: 503 });
    const first = render(<SignPanel {...props()} />);
    const sign = screen.getByRole('button', { name: 'Sign and save to chart' });
    sign.focus();
    fireEvent.click(sign);
    const heading = await screen.findByRole('heading', { name: 'The note was not saved' });
    expect(document.activeElement).toBe(heading);
    first.unmount();

    render(<SignPanel {...props()} />);
    expect(screen.getByRole('heading', { name: /has not been confirmed as saved/ })).toBeTruthy();
    expect(document.activeElement).toBe(document.body);
  });

  it('stays where the surgeon moved it while the note was being saved', async () => {
    render(
      <>
        <input aria-label="elsewhere" />
        <SignPanel {...props()} />
      </>,
    );
    const sign = screen.getByRole('button', { name: 'Sign and save to chart' });
    sign.focus();
    fireEvent.click(sign);
    const elsewhere = screen.getByRole('textbox', { name: 'elsewhere' });
    act(() => elsewhere.focus());
    await screen.findByText('Saved to the chart');
    expect(document.activeElement).toBe(elsewhere);
  });
});
