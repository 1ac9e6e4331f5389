// @vitest-environment jsdom
/**
 * The note builder comes in its own chunk, loaded to sign. When the app's server cannot send it,
 * the surgeon is told so, the signed draft is kept, and a retry once the server answers saves it.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createFetchTransport } from '../../src/fhir/fetch-transport';
import { signStorageKey } from '../../src/ui/sign/draftStore';
import { SignPanel } from '../../src/ui/sign/SignPanel';
import { noteContext, scenario1Eligible } from '../report/fixtures';
import { FHIR_BASE, TOKEN } from '../report/write-server';
import { signingServerPerTest } from './signingServer';

const appServer = vi.hoisted(() => ({ answers: false }));
vi.mock('../../src/report/note', async (importActual) => {
  if (!appServer.answers) throw new TypeError('Failed to fetch dynamically imported module: /assets/note.js');
  return importActual();
});

const signing = signingServerPerTest();

describe('signing while the app’s server does not answer', () => {
  it('says why, keeps the signed note, and the retry saves it once the server answers', async () => {
    render(
      <SignPanel
        assessment={scenario1Eligible()}
        session={{
          serverUrl: FHIR_BASE,
          patientId: 'p1',
          permissions: { read: () => true, write: () => true, granted: 'patient/*.rs patient/DocumentReference.c' },
        }}
        transport={createFetchTransport(FHIR_BASE, TOKEN, fetch, { timeoutMs: 500 })}
        answers={noteContext().answers}
        lang="en"
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign and save to chart' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The note was not saved')).toBeTruthy();
    expect(alert.textContent).toContain('The app could not load the part that prepares the note for the chart');
    expect(alert.textContent).toContain('Your signed note is kept');
    const kept = JSON.parse(sessionStorage.getItem(signStorageKey(FHIR_BASE, 'p1')) ?? '{}') as {
      pending?: { assessmentId: string };
    };
    expect(kept.pending?.assessmentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(signing.ehr.documents()).toEqual([]);

    appServer.answers = true;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Saved to the chart')).toBeTruthy();
    expect(signing.ehr.documents()).toHaveLength(1);
    expect(signing.ehr.documents()[0]?.identifier?.[0]?.value).toBe(`urn:uuid:${kept.pending?.assessmentId}`);
  });
});
