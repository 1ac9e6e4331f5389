// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Assessment } from '../../src/clinical/assessment';
import { createFetchTransport } from '../../src/fhir/fetch-transport';
import { decodeBase64Utf8 } from '../../src/clinical/base64';
import { signStorageKey } from '../../src/ui/sign/draftStore';
import { relativeReference } from '../../src/ui/format';
import { SignPanel, type SignPanelProps, type SignSession } from '../../src/ui/sign/SignPanel';
import { noteContext, scenario1Eligible, scenario7Cautions } from '../report/fixtures';
import { FHIR_BASE, TOKEN } from '../report/write-server';
import { signingServerPerTest } from './signingServer';

const signing = signingServerPerTest();
afterEach(() => vi.restoreAllMocks());

function session(
  overrides: Partial<SignSession> = {},
  writable: string[] = ['DocumentReference', 'Provenance'],
): SignSession {
  return {
    serverUrl: FHIR_BASE,
    patientId: 'p1',
    encounterId: 'e1',
    fhirUser: `${FHIR_BASE}/Practitioner/dr-a`,
    permissions: {
      read: () => true,
      write: (type) => writable.includes(type),
      granted: 'patient/*.rs patient/DocumentReference.c',
    },
    ...overrides,
  };
}

function props(overrides: Partial<SignPanelProps> = {}): SignPanelProps {
  return {
    assessment: scenario1Eligible(),
    session: session(),
    transport: createFetchTransport(FHIR_BASE, TOKEN, fetch, { timeoutMs: 500 }),
    answers: noteContext().answers,
    lang: 'en',
    patientName: 'Erika Mustermann',
    signerName: 'Dr. Anna Weber',
    ...overrides,
  };
}

const storedState = (patientId = 'p1') =>
  JSON.parse(sessionStorage.getItem(signStorageKey(FHIR_BASE, patientId)) ?? '{}');

describe('SignPanel', () => {
  it('previews the note and saves it to the chart, confirming date and document id after read-back', async () => {
    render(<SignPanel {...props()} />);
    expect(screen.getByTestId('note-preview').textContent).toContain('Patient: Erika Mustermann\n');
    // signed with the surgeon's name, not a reference
    expect(screen.getByTestId('note-preview').textContent).toMatch(/\nSigned .* by Dr\. Anna Weber\.\n/);
    expect(screen.getByTestId('note-preview').textContent).not.toContain('Practitioner/');
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    expect(await screen.findByText('Saved to the chart')).toBeTruthy();
    expect(screen.getByTestId('saved-document-id').textContent).toBe('DocumentReference/1');
    expect(
      screen
        .getByText(/Saved on/)
        .querySelector('time')
        ?.getAttribute('datetime'),
    ).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(signing.ehr.documents()).toHaveLength(1);
    expect(signing.ehr.documents()[0]?.author).toEqual([{ reference: 'Practitioner/dr-a', display: 'Dr. Anna Weber' }]);
    expect(signing.ehr.provenances()).toHaveLength(1);
    expect(storedState()).toMatchObject({ saved: { id: '1', created: true } });
    expect(storedState().pending).toBeUndefined();
    expect(screen.queryByRole('button', { name: /Sign/ })).toBeNull();
  });

  it("keeps the draft after a failure, says why with the server's reason, and a retry writes it once", async () => {
    signing.ehr.fail('DocumentReference', {
      kind: 'status',
      status: 500,
      diagnostics: 'HAPI-0389: database unavailable',
    });
    render(<SignPanel {...props()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The note was not saved')).toBeTruthy();
    expect(alert.textContent).toContain('HAPI-0389: database unavailable');
    expect(alert.textContent).toContain('Retrying will not create a second note');
    const draft = storedState().pending;
    expect(draft.assessmentId).toMatch(/^[0-9a-f-]{36}$/);

    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Saved to the chart')).toBeTruthy();
    expect(signing.ehr.documents()).toHaveLength(1);
    expect(signing.ehr.documents()[0]?.identifier?.[0]?.value).toBe(`urn:uuid:${draft.assessmentId}`);
  });

  it('after a lost answer and a relaunch, offers the kept note and the retry finds the one already written', async () => {
    signing.ehr.fail('DocumentReference', { kind: 'drop-after-store' });
    const first = render(<SignPanel {...props()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    expect(await screen.findByText('The note was not saved')).toBeTruthy();
    first.unmount();

    render(<SignPanel {...props()} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/A note you signed on .* has not been confirmed as saved/);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Saved to the chart')).toBeTruthy();
    expect(screen.getByText('The chart already had this note; no second copy was written.')).toBeTruthy();
    expect(signing.ehr.documents()).toHaveLength(1);
  });

  it('a retry after a relaunch writes the note as it was signed (same author, same text)', async () => {
    signing.ehr.fail('DocumentReference', { kind: 'status', status: 503, diagnostics: 'Maintenance' });
    const first = render(<SignPanel {...props()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    expect(await screen.findByText('The note was not saved')).toBeTruthy();
    const signedText = screen.getByTestId('note-preview').textContent;
    first.unmount();

    render(
      <SignPanel
        {...props({ session: session({ fhirUser: 'Practitioner/someone-else' }), signerName: 'Dr. Someone Else' })}
      />,
    );
    expect(screen.getByTestId('note-preview').textContent).toBe(signedText);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Saved to the chart')).toBeTruthy();
    expect(signing.ehr.documents()[0]?.author).toEqual([{ reference: 'Practitioner/dr-a', display: 'Dr. Anna Weber' }]);
  });

  it('says so when the note is saved but its Provenance is refused', async () => {
    signing.use({ provenance: false });
    render(<SignPanel {...props()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    expect(await screen.findByText('Saved to the chart')).toBeTruthy();
    expect(
      screen.getByText(
        /The note is saved, but its provenance record .* was not: .*Resource type Provenance is not supported/,
      ),
    ).toBeTruthy();
  });

  it("never offers one patient's draft for another", async () => {
    signing.ehr.fail('DocumentReference', { kind: 'network' });
    const first = render(<SignPanel {...props()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    expect(await screen.findByText('The note was not saved')).toBeTruthy();
    first.unmount();
    render(<SignPanel {...props({ session: session({ patientId: 'p2' }) })} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign and save to chart' })).toBeTruthy();
  });

  it('when the chart cannot be checked, discarding a kept draft takes a second, explicit click', async () => {
    signing.ehr.fail('DocumentReference', { kind: 'network' });
    const cannotRead = session({
      permissions: { ...session().permissions, read: (type) => type !== 'DocumentReference' },
    });
    render(<SignPanel {...props({ session: cannotRead })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Discard this signed note' }));
    expect(screen.getByText(/cannot check whether the signed note reached the chart/)).toBeTruthy();
    expect(screen.getByText(/It may already be in the chart if the EHR's reply was lost/)).toBeTruthy();
    expect(storedState().pending).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Discard this signed note' }));
    expect(storedState().pending).toBeUndefined();
    expect(screen.getByRole('button', { name: 'Sign and save to chart' })).toBeTruthy();
  });

  it('signing again after a change writes a new note that replaces the earlier one', async () => {
    const view = render(<SignPanel {...props()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    expect(await screen.findByText('Saved to the chart')).toBeTruthy();

    view.rerender(<SignPanel {...props({ assessment: scenario7Cautions() })} />);
    expect(screen.getByText(/Signing again writes a new note that replaces it/)).toBeTruthy();
    expect(screen.getByTestId('note-preview').textContent).toMatch(
      /\nThis note replaces the note signed .* \(Eligible\)\.\n/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign amended note and save to chart' }));
    await screen.findByText('Saved to the chart');
    expect(signing.ehr.documents()).toHaveLength(2);
    expect(screen.getByTestId('saved-document-id').textContent).toBe(
      `DocumentReference/${signing.ehr.documents()[1]?.id}`,
    );
    expect(signing.ehr.documents()[1]?.relatesTo).toEqual([
      { code: 'replaces', target: { reference: 'DocumentReference/1' } },
    ]);
  });

  it('with the coverage assessment, writes one note with both verdicts and both assessments', async () => {
    const coverage: Assessment = {
      ...scenario1Eligible(),
      recommendation: 'insufficient-data',
      computedRecommendation: 'insufficient-data',
      ruleset: { id: 'lcd-pva', version: 'L38737' },
      rulesetInfo: {
        id: 'lcd-pva',
        version: 'L38737',
        title: { en: 'Medicare coverage', de: 'Medicare-Kostenübernahme' },
        citations: [],
      },
    };
    const view = render(<SignPanel {...props({ coverages: [coverage] })} />);
    expect(screen.getByTestId('note-preview').textContent).toContain(
      'Payer coverage: More information needed (Medicare coverage)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    expect(await screen.findByText('Saved to the chart')).toBeTruthy();
    const structured = JSON.parse(
      decodeBase64Utf8(signing.ehr.documents()[0]?.extension?.[0]?.valueAttachment?.data ?? '') ?? '',
    );
    expect(structured.coverages[0].ruleset).toEqual({ id: 'lcd-pva', version: 'L38737' });
    expect(structured.assessment.ruleset.id).toBe('pvp-guideline');

    // a change of the coverage verdict alone changes what was signed
    view.rerender(
      <SignPanel
        {...props({ coverages: [{ ...coverage, recommendation: 'eligible', computedRecommendation: 'eligible' }] })}
      />,
    );
    expect(screen.getByText(/Signing again writes a new note that replaces it/)).toBeTruthy();
  });

  it('with two payers’ assessments, states both and keeps both; a change of the second verdict alone makes it stale', async () => {
    const payer = (id: string, title: string, recommendation: Assessment['recommendation']): Assessment => ({
      ...scenario1Eligible(),
      recommendation,
      computedRecommendation: recommendation,
      ruleset: { id, version: '1' },
      rulesetInfo: { id, version: '1', title: { en: title, de: title }, citations: [] },
    });
    const medicare = payer('lcd-pva', 'Medicare coverage', 'insufficient-data');
    // a second payer's rule set, defined here only: the app ships one
    const commercial = payer('test-commercial', 'Commercial payer (test)', 'not-eligible');
    const view = render(<SignPanel {...props({ coverages: [medicare, commercial] })} />);
    const preview = screen.getByTestId('note-preview').textContent ?? '';
    expect(preview).toContain('Payer coverage: More information needed (Medicare coverage)');
    expect(preview).toContain('Payer coverage: Not eligible (Commercial payer (test))');
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    expect(await screen.findByText('Saved to the chart')).toBeTruthy();
    const structured = JSON.parse(
      decodeBase64Utf8(signing.ehr.documents()[0]?.extension?.[0]?.valueAttachment?.data ?? '') ?? '',
    );
    expect(structured.coverages.map((c: Assessment) => [c.ruleset.id, c.recommendation])).toEqual([
      ['lcd-pva', 'insufficient-data'],
      ['test-commercial', 'not-eligible'],
    ]);
    expect(screen.queryByText(/Signing again writes a new note that replaces it/)).toBeNull();

    view.rerender(
      <SignPanel
        {...props({ coverages: [medicare, payer('test-commercial', 'Commercial payer (test)', 'eligible')] })}
      />,
    );
    expect(screen.getByText(/Signing again writes a new note that replaces it/)).toBeTruthy();
  });

  it("in a patient's launch (fhirUser a Patient), signs nothing and names no patient as the note's author", () => {
    render(
      <SignPanel
        {...props({ session: session({ fhirUser: `${FHIR_BASE}/Patient/p1` }), signerName: 'Erika Mustermann' })}
      />,
    );
    expect(screen.getByText(/launched by a patient/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Sign/ })).toBeNull();
    expect(screen.getByTestId('note-preview').textContent).not.toMatch(/by Erika Mustermann/);
    expect(signing.ehr.requests).toHaveLength(0);
  });

  it('without permission to write documents, explains why and offers copy and download instead', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const createObjectURL = vi.fn(() => 'blob:note');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);

    render(<SignPanel {...props({ session: session({}, []) })} />);
    expect(screen.getByText(/not granted permission to write documents \(DocumentReference\)/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Sign/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Copy note' }));
    expect(await screen.findByText('The note is on the clipboard.')).toBeTruthy();
    expect(writeText.mock.calls[0]?.[0]).toMatch(/^Consult note: percutaneous vertebroplasty \(PVP\)\n/);

    fireEvent.click(screen.getByRole('button', { name: 'Download note (.txt)' }));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);
    expect(signing.ehr.requests).toHaveLength(0);
  });

  it('speaks German', async () => {
    signing.ehr.fail('DocumentReference', {
      kind: 'status',
      status: 403,
      diagnostics: 'Scope does not permit DocumentReference create',
    });
    render(<SignPanel {...props({ lang: 'de' })} />);
    expect(screen.getByTestId('note-preview').textContent).toMatch(/^Konsilbericht: perkutane Vertebroplastie/);
    fireEvent.click(screen.getByRole('button', { name: 'Signieren und in der Akte speichern' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Der Bericht wurde nicht gespeichert');
    expect(alert.textContent).toContain('Scope does not permit DocumentReference create');
    expect(within(alert).getByRole('button', { name: 'Erneut versuchen' })).toBeTruthy();
  });
});

describe('relativeReference', () => {
  it('names the author relatively, whatever form fhirUser takes', () => {
    expect(relativeReference('https://signing.ehr.test/fhir/Practitioner/dr-a')).toBe('Practitioner/dr-a');
    expect(relativeReference('Practitioner/1')).toBe('Practitioner/1');
    expect(relativeReference('https://signing.ehr.test/fhir/Organization/1')).toBeUndefined();
    expect(relativeReference(undefined)).toBeUndefined();
  });
});
