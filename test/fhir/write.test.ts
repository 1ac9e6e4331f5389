import { JSDOM } from 'jsdom';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeFhirError } from '../../src/fhir/describe';
import { FhirError } from '../../src/fhir/errors';
import { createFetchTransport } from '../../src/fhir/fetch-transport';
import { saveNote } from '../../src/fhir/write';
import { buildNote } from '../../src/report';
import { r4Problems, usCoreProblems } from '../report/conformance';
import { noteContext, scenario1Eligible, scenario7Cautions } from '../report/fixtures';
import { createWriteServer, FHIR_BASE, TOKEN, type Fault } from '../report/write-server';

const { window } = new JSDOM('');
let ehr = createWriteServer();
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function useServer(options?: Parameters<typeof createWriteServer>[0]) {
  ehr = createWriteServer(options);
  server.use(...ehr.handlers);
  return ehr;
}

const transport = (token = TOKEN) => createFetchTransport(FHIR_BASE, token, fetch, { timeoutMs: 200 });
const note = (overrides = {}) => buildNote(scenario1Eligible(), noteContext(overrides), { window });

describe('saveNote', () => {
  it('creates the note with a conditional create, reads it back, and the stored note conforms', async () => {
    useServer();
    const saved = await saveNote(transport(), note());
    expect(saved).toMatchObject({ id: '1', versionId: '1', date: '2026-11-25T08:15:00Z', created: true });
    const post = ehr.requests.find((r) => r.method === 'POST' && r.url.endsWith('/DocumentReference'));
    expect(post?.headers.get('if-none-exist')).toBe(
      'identifier=https://pvp-eligibility.org/fhir/consult-note|urn:uuid:6f1c2b9e-3d4a-4c1b-9a7e-2f0d8b5c1a23',
    );
    const read = ehr.requests.find((r) => r.method === 'GET');
    expect(read?.url).toBe(`${FHIR_BASE}/DocumentReference/1`);
    expect(read?.headers.get('cache-control')).toBe('no-cache');
    const [stored] = ehr.documents();
    expect(stored && r4Problems(stored)).toEqual([]);
    expect(stored && usCoreProblems(stored)).toEqual([]);
  });

  it('a retry after a dropped answer finds the first note: exactly one document', async () => {
    useServer();
    ehr.fail('DocumentReference', { kind: 'drop-after-store' });
    const error = await saveNote(transport(), note()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).kind).toBe('network');
    expect(ehr.documents()).toHaveLength(1);

    const saved = await saveNote(transport(), note());
    expect(saved).toMatchObject({ id: '1', created: false });
    expect(ehr.documents()).toHaveLength(1);
  });

  it('writes one at a time, so two saves of the same note never race into two documents', async () => {
    useServer();
    const [a, b] = await Promise.all([saveNote(transport(), note()), saveNote(transport(), note())]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.id).toBe(b.id);
    expect(ehr.documents()).toHaveLength(1);
  });

  const failures: [string, Fault | 'expired-token', FhirError['kind'], string | undefined][] = [
    ['network', { kind: 'network' }, 'network', undefined],
    ['expired session (401)', 'expired-token', 'unauthorized', 'Token expired'],
    [
      'forbidden (403)',
      { kind: 'status', status: 403, diagnostics: 'Scope does not permit DocumentReference create' },
      'forbidden',
      'Scope does not permit DocumentReference create',
    ],
    [
      'conflict (409)',
      { kind: 'status', status: 409, diagnostics: 'Version conflict' },
      'conflict',
      'Version conflict',
    ],
    [
      'precondition failed (412)',
      { kind: 'status', status: 412, diagnostics: 'Multiple resources match this search' },
      'conflict',
      'Multiple resources match this search',
    ],
    [
      'unprocessable (422)',
      { kind: 'status', status: 422, diagnostics: 'DocumentReference.type: code 11488-4 not in value set' },
      'rejected',
      'DocumentReference.type: code 11488-4 not in value set',
    ],
    [
      'bad request (400)',
      { kind: 'status', status: 400, diagnostics: 'Failed to parse request body' },
      'rejected',
      'Failed to parse request body',
    ],
    [
      'server error (500)',
      { kind: 'status', status: 500, diagnostics: 'HAPI-0389: database unavailable' },
      'server',
      'HAPI-0389: database unavailable',
    ],
    ['gateway HTML page (502)', { kind: 'html-error' }, 'server', undefined],
    ['time-out', { kind: 'hang' }, 'timeout', undefined],
  ];
  for (const [name, fault, kind, reason] of failures) {
    it(`fails plainly with the server's reason, writing nothing: ${name}`, async () => {
      useServer();
      if (fault !== 'expired-token') ehr.fail('DocumentReference', fault);
      const error = await saveNote(transport(fault === 'expired-token' ? 'old-token' : TOKEN), note()).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FhirError);
      expect((error as FhirError).kind).toBe(kind);
      expect((error as FhirError).details.serverMessage).toBe(reason);
      const message = describeFhirError(error, 'en');
      expect(message).not.toMatch(/https?:|Bearer|token=/);
      if (reason) expect(message).toContain(reason);
      expect(ehr.documents()).toHaveLength(0);
      // and the same note saves on retry once the server is back
      if (fault !== 'expired-token')
        await expect(saveNote(transport(), note())).resolves.toMatchObject({ created: true });
    });
  }

  it('an amendment is a new note that replaces the earlier one', async () => {
    useServer();
    const first = await saveNote(transport(), note());
    const amended = buildNote(
      scenario7Cautions(),
      noteContext({
        assessmentId: '0b8f7a52-5e3c-4d1f-8c2a-7d9e6f4b3a10',
        signedAt: '2026-11-25T08:30:00Z',
        replaces: { id: first.id },
      }),
      { window },
    );
    const second = await saveNote(transport(), amended);
    expect(second.id).not.toBe(first.id);
    expect(ehr.documents()).toHaveLength(2);
    expect(ehr.documents().find((d) => d.id === second.id)?.relatesTo).toEqual([
      { code: 'replaces', target: { reference: `DocumentReference/${first.id}` } },
    ]);
  });

  it('reads back by identifier when the server names neither a Location nor a body', async () => {
    useServer({ location: false, body: false });
    const saved = await saveNote(transport(), note());
    expect(saved.id).toBe('1');
    const search = ehr.requests.find((r) => r.method === 'GET');
    expect(search?.url).toBe(
      `${FHIR_BASE}/DocumentReference?patient=p1&identifier=${encodeURIComponent('https://pvp-eligibility.org/fhir/consult-note|urn:uuid:6f1c2b9e-3d4a-4c1b-9a7e-2f0d8b5c1a23')}`,
    );
    expect(search?.headers.get('cache-control')).toBe('no-cache');
  });

  it('writes the Provenance for the saved note, once', async () => {
    useServer();
    const saved = await saveNote(transport(), note());
    expect(saved.provenance).toEqual({ state: 'saved', id: '2' });
    const [provenance] = ehr.provenances();
    expect(provenance?.target).toEqual([{ reference: `DocumentReference/${saved.id}` }]);
    expect(provenance && r4Problems(provenance)).toEqual([]);
    await saveNote(transport(), note());
    expect(ehr.provenances()).toHaveLength(1);
  });

  it('a refused Provenance does not fail the save, and is reported', async () => {
    useServer({ provenance: false });
    const saved = await saveNote(transport(), note());
    expect(saved.created).toBe(true);
    expect(saved.provenance.state).toBe('failed');
    expect(saved.provenance.state === 'failed' && saved.provenance.error.details.serverMessage).toBe(
      'Resource type Provenance is not supported',
    );
  });

  it('skips the Provenance when the scope does not allow it', async () => {
    useServer();
    const saved = await saveNote(transport(), note(), { provenance: false });
    expect(saved.provenance).toEqual({ state: 'skipped' });
    expect(ehr.provenances()).toHaveLength(0);
  });
});
