import { JSDOM } from 'jsdom';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoEhr, type DemoEhr } from '../../mocks/ehr';
import { assess, recordFromBundle } from '../../src/clinical';
import { describeFhirError } from '../../src/fhir/describe';
import { FhirError } from '../../src/fhir/errors';
import { createFetchTransport } from '../../src/fhir/fetch-transport';
import type { FhirTransport } from '../../src/fhir/transport';
import { saveNote } from '../../src/fhir/write';
import { buildNote, type NoteContext } from '../../src/report';
import { r4Problems, usCoreProblems } from '../report/conformance';

/**
 * The write against the demo EHR (HAPI-shaped, msw/node): notes built by the real engine from
 * the demo patients, saved, read back, checked against FHIR R4 and US Core as stored.
 */
const { window } = new JSDOM('');
const NOW = new Date('2026-11-25T08:00:00Z');
const EHR = 'http://ehr.demo.test';
const server = setupServer();
let ehr: DemoEhr;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  ehr = createDemoEhr({ ehrOrigin: EHR, appOrigin: 'http://app.demo.test', now: NOW });
  server.use(...ehr.handlers);
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const scenario = (n: number) => {
  const patient = ehr.patients.find((p) => p.scenario === n);
  if (!patient) throw new Error(`no demo patient for scenario ${n}`);
  return patient;
};

function noteFor(n: number, overrides: Partial<NoteContext> = {}) {
  const patient = scenario(n);
  const answers = patient.answers ?? {};
  const assessment = assess(recordFromBundle(patient.bundle), { now: NOW, answers });
  return buildNote(
    assessment,
    {
      assessmentId: '9d7e6c1a-2b3f-4a5d-8e9f-0a1b2c3d4e5f',
      patient: { reference: `Patient/${patient.id}`, display: patient.name },
      author: { reference: ehr.fhirUser },
      ...(patient.encounterId && { encounter: `Encounter/${patient.encounterId}` }),
      signedAt: '2026-11-25T08:15:00Z',
      answers,
      lang: 'en',
      ...overrides,
    },
    { window },
  );
}

/** A transport for scenario n's launch; `fetchImpl` may lose answers on the way back. */
function launch(n: number, options: { scope?: string; fetchImpl?: typeof fetch } = {}): FhirTransport {
  const patient = scenario(n);
  const token = ehr.mintAccessToken({ patient: patient.id, encounter: patient.encounterId, scope: options.scope });
  return createFetchTransport(ehr.fhirBase, token, options.fetchImpl ?? fetch, { timeoutMs: 1_000 });
}

const documentsOf = (patientId: string) =>
  ehr.store
    .all('DocumentReference')
    .filter(
      (d) => (d as fhir4.DocumentReference).subject?.reference === `Patient/${patientId}`,
    ) as fhir4.DocumentReference[];

describe('saving notes to the demo EHR', () => {
  for (const n of [1, 4, 7, 10]) {
    it(`scenario ${n}: creates the note (201), reads it back, and the stored note conforms to R4 and US Core`, async () => {
      const note = noteFor(n);
      const saved = await saveNote(launch(n), note);
      expect(saved.created).toBe(true);
      expect(saved.date).toBe('2026-11-25T08:15:00Z');
      const [stored] = documentsOf(scenario(n).id);
      expect(stored?.id).toBe(saved.id);
      expect(saved.versionId).toBe(stored?.meta?.versionId);
      expect(stored && r4Problems(stored)).toEqual([]);
      expect(stored && usCoreProblems(stored)).toEqual([]);
      expect(saved.provenance.state).toBe('saved');
    });
  }

  it('a retry after the answer was lost on the way back gives exactly one document (If-None-Exist → 200)', async () => {
    let loseNextAnswer = true;
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST' && loseNextAnswer) {
        loseNextAnswer = false;
        throw new TypeError('fetch failed');
      }
      return response;
    };
    const transport = launch(1, { fetchImpl: lossy });
    const error = await saveNote(transport, noteFor(1)).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('network');
    expect(documentsOf(scenario(1).id)).toHaveLength(1);

    const saved = await saveNote(transport, noteFor(1));
    expect(saved.created).toBe(false);
    expect(documentsOf(scenario(1).id)).toHaveLength(1);
    expect(ehr.store.all('Provenance')).toHaveLength(1);
  });

  it('an amendment replaces the earlier note', async () => {
    const first = await saveNote(launch(1), noteFor(1));
    const second = await saveNote(
      launch(1),
      noteFor(1, {
        assessmentId: '1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
        signedAt: '2026-11-25T09:00:00Z',
        replaces: { id: first.id },
      }),
    );
    const amended = documentsOf(scenario(1).id).find((d) => d.id === second.id);
    expect(amended?.relatesTo).toEqual([{ code: 'replaces', target: { reference: `DocumentReference/${first.id}` } }]);
    expect(documentsOf(scenario(1).id)).toHaveLength(2);
  });

  it('without DocumentReference.c in the scope the server refuses, plainly, and nothing is written', async () => {
    const transport = launch(1, { scope: 'launch/patient openid fhirUser patient/*.rs' });
    const error = await saveNote(transport, noteFor(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).kind).toBe('forbidden');
    expect(describeFhirError(error, 'en')).toMatch(/^The EHR did not allow the app to read or write this data\./);
    expect(documentsOf(scenario(1).id)).toHaveLength(0);
  });

  it('a Provenance the scope does not allow does not fail the save', async () => {
    const transport = launch(1, { scope: 'launch/patient openid fhirUser patient/*.rs patient/DocumentReference.c' });
    const saved = await saveNote(transport, noteFor(1));
    expect(saved.created).toBe(true);
    expect(saved.provenance.state).toBe('failed');
  });

  const faults = [
    ['an expired session (401)', { kind: 'expired-token' }, 'unauthorized'],
    ['forbidden (403)', { kind: 'status', status: 403, diagnostics: 'HAPI-0333: Access denied by rule' }, 'forbidden'],
    ['a server error (500)', { kind: 'status', status: 500, diagnostics: 'HAPI-0000: database down' }, 'server'],
    ['a gateway HTML page', { kind: 'html-error', status: 502 }, 'server'],
    ['a time-out', { kind: 'hang' }, 'timeout'],
  ] as const;
  for (const [name, fault, kind] of faults) {
    it(`${name}: a FhirError with a plain message, nothing written, and the retry saves once`, async () => {
      ehr.faults.add({ method: 'POST', path: '/fhir/DocumentReference', times: 1, fault });
      const error = await saveNote(launch(1), noteFor(1)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FhirError);
      expect((error as FhirError).kind).toBe(kind);
      if ('diagnostics' in fault) expect(describeFhirError(error, 'en')).toContain(fault.diagnostics);
      expect(documentsOf(scenario(1).id)).toHaveLength(0);
      await expect(saveNote(launch(1), noteFor(1))).resolves.toMatchObject({ created: true });
      expect(documentsOf(scenario(1).id)).toHaveLength(1);
    });
  }

  it('two notes already carrying the identifier: 412 from the conditional create, with the reason', async () => {
    const note = noteFor(1);
    ehr.store.create({ ...note.documentReference } as fhir4.DocumentReference);
    ehr.store.create({ ...note.documentReference } as fhir4.DocumentReference);
    const error = await saveNote(launch(1), note).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('conflict');
    expect((error as FhirError).details.serverMessage).toMatch(/matched 2 resources/);
  });

  it('a note the server finds invalid: 422 with the OperationOutcome reason', async () => {
    const note = noteFor(1);
    const broken = { ...note, documentReference: { ...note.documentReference, subject: { display: 'no reference' } } };
    const error = await saveNote(launch(1), broken).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('rejected');
    expect((error as FhirError).details.serverMessage).toContain('subject is required');
  });
});
