import { JSDOM } from 'jsdom';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoEhr, type DemoEhr } from '../../mocks/ehr';
import { FhirError } from '../../src/fhir/errors';
import { createFetchTransport } from '../../src/fhir/fetch-transport';
import { saveNote } from '../../src/fhir/write';
import { buildNote, type NoteContext } from '../../src/report';
import { noteContext, scenario1Eligible, scenario7Cautions } from '../report/fixtures';
import { createNotesServer, NOTES_BASE } from './notes-server';

/**
 * Saving under narrower grants and on EHRs that behave less well than HAPI: a note the grant does
 * not let the app read back, a retry on an EHR that ignores If-None-Exist, and an amendment that
 * marks the note it replaces superseded (or says why it could not).
 */
const { window } = new JSDOM('');
const NOW = new Date('2026-11-25T08:00:00Z');
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const note = (overrides: Partial<NoteContext> = {}) =>
  buildNote(scenario1Eligible(), noteContext(overrides), { window });
const amendmentOf = (id: string) =>
  buildNote(
    scenario7Cautions(),
    noteContext({
      assessmentId: '0b8f7a52-5e3c-4d1f-8c2a-7d9e6f4b3a10',
      signedAt: '2026-11-25T08:30:00Z',
      replaces: { id },
    }),
    { window },
  );

/** A fetch that records "METHOD path?query" of every request. */
function recording(): { fetchImpl: typeof fetch; requests: string[] } {
  const requests: string[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    return fetch(input, init);
  };
  return { fetchImpl, requests };
}

describe('the demo EHR, a grant that may create notes but not read them', () => {
  let ehr: DemoEhr;
  beforeEach(() => {
    ehr = createDemoEhr({ ehrOrigin: 'http://ehr.demo.test', appOrigin: 'http://app.demo.test', now: NOW });
    server.use(...ehr.handlers);
  });

  const CREATE_ONLY =
    'launch/patient patient/Patient.rs patient/Condition.rs patient/DocumentReference.c patient/Provenance.c';
  const patientId = () => {
    const patient = ehr.patients.find((p) => p.scenario === 1);
    if (!patient) throw new Error('no demo patient for scenario 1');
    return patient.id;
  };
  const launch = (fetchImpl: typeof fetch = fetch) =>
    createFetchTransport(ehr.fhirBase, ehr.mintAccessToken({ patient: patientId(), scope: CREATE_ONLY }), fetchImpl, {
      timeoutMs: 1_000,
    });
  const demoNote = () =>
    note({ patient: { reference: `Patient/${patientId()}` }, author: undefined, encounter: undefined });
  const notesInChart = () =>
    ehr.store
      .all('DocumentReference')
      .filter((d) => (d as fhir4.DocumentReference).subject?.reference === `Patient/${patientId()}`);

  it('a read-back the EHR forbids: saved but not verified, the Provenance written, and a retry finds the same note', async () => {
    const first = await saveNote(launch(), demoNote());
    expect(first).toMatchObject({ created: true, verified: false, versionId: '1', date: '2026-11-25T08:15:00Z' });
    expect(notesInChart().map((d) => d.id)).toEqual([first.id]);
    expect(first.provenance.state).toBe('saved');
    expect((ehr.store.all('Provenance')[0] as fhir4.Provenance).target).toEqual([
      { reference: `DocumentReference/${first.id}` },
    ]);

    const again = await saveNote(launch(), demoNote(), { retry: true });
    expect(again).toMatchObject({ id: first.id, created: false, verified: false });
    expect(notesInChart()).toHaveLength(1);
    expect(ehr.store.all('Provenance')).toHaveLength(1);
  });

  it("a retry on the demo EHR searches in the patient's compartment (as patient-level launches must) and finds the note: no second POST", async () => {
    const token = ehr.mintAccessToken({
      patient: patientId(),
      scope: 'launch/patient patient/*.rs patient/DocumentReference.c patient/Provenance.c',
    });
    const { fetchImpl, requests } = recording();
    const transport = createFetchTransport(ehr.fhirBase, token, fetchImpl, { timeoutMs: 1_000 });
    const first = await saveNote(transport, demoNote());
    requests.length = 0;
    const again = await saveNote(transport, demoNote(), { retry: true });
    expect(again).toMatchObject({ id: first.id, created: false, verified: true });
    expect(requests[0]).toMatch(new RegExp(`^GET /fhir/DocumentReference\\?patient=${patientId()}&identifier=`));
    expect(requests.filter((r) => r.startsWith('POST /fhir/DocumentReference'))).toEqual([]);
    expect(notesInChart()).toHaveLength(1);
  });

  it('told the grant lacks reading, it neither reads back nor searches: no denied access in the EHR audit', async () => {
    const { fetchImpl, requests } = recording();
    const saved = await saveNote(launch(fetchImpl), demoNote(), { mayReadNotes: false, retry: true });
    expect(saved).toMatchObject({ created: true, verified: false });
    expect(requests.filter((r) => r.startsWith('GET'))).toEqual([]);
    expect(requests).toEqual(['POST /fhir/DocumentReference', 'POST /fhir/Provenance']);
  });

  const amend = async (scope?: string) => {
    const token = ehr.mintAccessToken(scope ? { patient: patientId(), scope } : { patient: patientId() });
    const transport = createFetchTransport(ehr.fhirBase, token, fetch, { timeoutMs: 1_000 });
    const first = await saveNote(transport, demoNote());
    const amended = amendmentOf(first.id);
    amended.documentReference.subject = { reference: `Patient/${patientId()}` };
    delete amended.documentReference.author;
    delete amended.documentReference.context?.encounter;
    return { first, second: await saveNote(transport, amended) };
  };
  const statuses = () => notesInChart().map((d) => (d as fhir4.DocumentReference).status);

  it('an amendment on the demo EHR marks the earlier note superseded (PUT with If-Match)', async () => {
    const { first, second } = await amend(
      'launch/patient openid fhirUser patient/*.rs patient/DocumentReference.cu patient/Provenance.c',
    );
    expect(second.replaced).toEqual({ state: 'superseded', id: first.id });
    expect(statuses()).toEqual(['superseded', 'current']);
  });

  it('an amendment the grant may not update (no .u): saved, and the earlier note reported still current', async () => {
    const { first, second } = await amend();
    expect(second.verified).toBe(true);
    expect(second.replaced).toMatchObject({
      state: 'still-current',
      id: first.id,
      error: { kind: 'forbidden', details: { status: 403 } },
    });
    expect(statuses()).toEqual(['current', 'current']);
  });
});

describe('an EHR that ignores If-None-Exist', () => {
  let ehr = createNotesServer();
  beforeEach(() => {
    ehr = createNotesServer();
    server.use(...ehr.handlers);
  });
  const transport = () => createFetchTransport(NOTES_BASE, 'token', fetch, { timeoutMs: 1_000 });

  it('a retry after a lost answer searches first and finds the note: no second POST, one note', async () => {
    ehr.dropNextCreateAnswer();
    const lost = await saveNote(transport(), note()).catch((e: unknown) => e);
    expect((lost as FhirError).kind).toBe('network');

    const saved = await saveNote(transport(), note(), { retry: true });
    expect(saved).toMatchObject({ id: '1', created: false, verified: true });
    expect(ehr.notes()).toHaveLength(1);
    expect(ehr.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/DocumentReference'))).toHaveLength(1);
    const search = ehr.requests.find((r) => r.method === 'GET' && r.url.includes('identifier='));
    expect(search?.headers.get('cache-control')).toBe('no-cache');
    expect(ehr.provenances()).toBe(1);
  });

  it('a first attempt does not search, and keeps the conditional create', async () => {
    await saveNote(transport(), note());
    expect(ehr.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /fhir/DocumentReference',
      'GET /fhir/DocumentReference/1',
      'POST /fhir/Provenance',
    ]);
    expect(ehr.requests[0]?.headers.get('if-none-exist')).toMatch(
      /^identifier=https:\/\/pvp-eligibility\.org\/fhir\/consult-note\|urn:uuid:/,
    );
  });

  it('a retry that finds nothing sends the note, still as a conditional create', async () => {
    const saved = await saveNote(transport(), note(), { retry: true });
    expect(saved.created).toBe(true);
    const post = ehr.requests.find((r) => r.method === 'POST' && r.url.endsWith('/DocumentReference'));
    expect(post?.headers.get('if-none-exist')).toMatch(/^identifier=/);
  });

  for (const status of [403, 400]) {
    it(`a search the EHR refuses (${status}) before a retry leaves the check to the conditional create`, async () => {
      ehr.fail('search', status);
      await expect(saveNote(transport(), note(), { retry: true })).resolves.toMatchObject({ created: true });
      expect(ehr.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'POST']);
      expect(ehr.notes()).toHaveLength(1);
    });
  }

  it('a search that fails otherwise stops the retry rather than risk a second note', async () => {
    ehr.seed(note().documentReference);
    ehr.fail('search', 500);
    const error = await saveNote(transport(), note(), { retry: true }).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('server');
    expect(ehr.notes()).toHaveLength(1);
    expect(ehr.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('a search answered with something other than a Bundle stops the retry too', async () => {
    server.use(http.get(`${NOTES_BASE}/DocumentReference`, () => new HttpResponse(null, { status: 200 })));
    const error = await saveNote(transport(), note(), { retry: true }).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('invalid-response');
    expect(ehr.notes()).toHaveLength(0);
  });

  it('without a Location, a body id or a grant to read, the note cannot be named: an error, not a confirmation', async () => {
    server.use(http.post(`${NOTES_BASE}/DocumentReference`, () => new HttpResponse(null, { status: 201 })));
    const error = await saveNote(transport(), note(), { mayReadNotes: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).kind).toBe('invalid-response');
    expect(ehr.requests.some((r) => r.method === 'GET')).toBe(false);
  });
});

describe('an amendment on an EHR that supports update', () => {
  let ehr = createNotesServer();
  beforeEach(() => {
    ehr = createNotesServer();
    server.use(...ehr.handlers);
  });
  const transport = () => createFetchTransport(NOTES_BASE, 'token', fetch, { timeoutMs: 1_000 });

  it('marks the replaced note superseded with an update conditional on its version, changing nothing else', async () => {
    const first = await saveNote(transport(), note());
    const before = structuredClone(ehr.notes()[0]);
    const second = await saveNote(transport(), amendmentOf(first.id));
    expect(second.replaced).toEqual({ state: 'superseded', id: first.id });
    const put = ehr.requests.find((r) => r.method === 'PUT');
    expect(put?.url).toBe(`${NOTES_BASE}/DocumentReference/${first.id}`);
    expect(put?.headers.get('if-match')).toBe('W/"1"');
    expect(put?.body).toEqual({ ...before, status: 'superseded' });
    expect(ehr.notes().map((n) => [n.id, n.status])).toEqual([
      ['1', 'superseded'],
      ['2', 'current'],
    ]);
  });

  it('a retried amendment finds the earlier note already superseded and does not update it again', async () => {
    const first = await saveNote(transport(), note());
    await saveNote(transport(), amendmentOf(first.id));
    const again = await saveNote(transport(), amendmentOf(first.id), { retry: true });
    expect(again).toMatchObject({ created: false, replaced: { state: 'superseded', id: first.id } });
    expect(ehr.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(ehr.notes()).toHaveLength(2);
  });

  it('a note changed in the EHR meanwhile (412) is not overwritten: still current, with the reason', async () => {
    const first = await saveNote(transport(), note());
    ehr.fail('update', 412);
    const second = await saveNote(transport(), amendmentOf(first.id));
    expect(second.created).toBe(true);
    expect(second.replaced).toMatchObject({ state: 'still-current', id: first.id, error: { kind: 'conflict' } });
    expect(ehr.notes()[0]?.status).toBe('current');
  });

  it('without a grant to update notes it does not try, and says the earlier note is still current', async () => {
    const first = await saveNote(transport(), note());
    const second = await saveNote(transport(), amendmentOf(first.id), { mayUpdateNotes: false });
    expect(second.replaced).toEqual({ state: 'still-current', id: first.id });
    expect(ehr.requests.some((r) => r.method === 'PUT')).toBe(false);
    expect(ehr.notes()[0]?.status).toBe('current');
  });
});
