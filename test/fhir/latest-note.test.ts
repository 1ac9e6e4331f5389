import { JSDOM } from 'jsdom';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoEhr, type DemoEhr } from '../../mocks/ehr';
import { assess, recordFromBundle } from '../../src/clinical';
import { FhirError } from '../../src/fhir/errors';
import { createFetchTransport } from '../../src/fhir/fetch-transport';
import { findLatestNote, latestNoteQuery } from '../../src/fhir/latest-note';
import { saveNote } from '../../src/fhir/write';
import { buildNote, NOTE_IDENTIFIER_SYSTEM, readAuditTrail } from '../../src/report';

/**
 * A relaunch looks for the app's own latest note on the patient (by its type and the app's
 * identifier system, newest first): against the demo EHR, which answers the search as HAPI does.
 */
const { window } = new JSDOM('');
const NOW = new Date('2026-11-25T08:00:00Z');
const server = setupServer();
let ehr: DemoEhr;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  ehr = createDemoEhr({ ehrOrigin: 'http://ehr.demo.test', appOrigin: 'http://app.demo.test', now: NOW });
  server.use(...ehr.handlers);
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const scenario = (n: number) => ehr.patients.find((p) => p.scenario === n)!;
const transportFor = (n: number) =>
  createFetchTransport(
    ehr.fhirBase,
    ehr.mintAccessToken({
      patient: scenario(n).id,
      scope: 'launch/patient openid fhirUser patient/*.rs patient/DocumentReference.cu patient/Provenance.c',
    }),
    fetch,
    { timeoutMs: 1_000 },
  );

let ids = 0;
function noteFor(n: number, signedAt: string, replaces?: string) {
  const patient = scenario(n);
  const assessment = assess(recordFromBundle(patient.bundle), { now: NOW, answers: patient.answers ?? {} });
  ids += 1;
  return buildNote(
    assessment,
    {
      assessmentId: `9d7e6c1a-2b3f-4a5d-8e9f-${String(ids).padStart(12, '0')}`,
      patient: { reference: `Patient/${patient.id}`, display: patient.name },
      author: { reference: ehr.fhirUser, display: 'Dr. Daniel Okafor' },
      signedAt,
      answers: patient.answers ?? {},
      lang: 'en',
      ...(replaces && { replaces: { id: replaces } }),
    },
    { window },
  );
}

describe('the app’s latest note on the patient', () => {
  it('is one search by type and identifier system, newest current first', () => {
    const query = new URL(latestNoteQuery('p 1'), 'http://x/');
    expect(query.pathname).toBe('/DocumentReference');
    expect(Object.fromEntries(query.searchParams)).toEqual({
      patient: 'p 1',
      type: 'http://loinc.org|11488-4',
      identifier: `${NOTE_IDENTIFIER_SYSTEM}|`,
      status: 'current',
      _sort: '-date',
      _count: '1',
    });
  });

  it('none yet: undefined', async () => {
    expect(await findLatestNote(transportFor(1), scenario(1).id)).toBeUndefined();
  });

  it('finds the newest current note, with its audit trail, and not the one it superseded', async () => {
    const first = await saveNote(transportFor(1), noteFor(1, '2026-11-25T08:15:00Z'));
    let found = await findLatestNote(transportFor(1), scenario(1).id);
    expect(found?.id).toBe(first.id);
    expect(readAuditTrail(found)?.author?.display).toBe('Dr. Daniel Okafor');

    const second = await saveNote(transportFor(1), noteFor(1, '2026-11-26T10:00:00Z', first.id));
    expect(second.replaced).toMatchObject({ state: 'superseded' });
    found = await findLatestNote(transportFor(1), scenario(1).id);
    expect(found?.id).toBe(second.id);
    expect(found?.relatesTo?.[0]?.target.reference).toBe(`DocumentReference/${first.id}`);
  });

  it('ignores another patient’s notes and another app’s consult notes', async () => {
    await saveNote(transportFor(2), noteFor(2, '2026-11-25T08:15:00Z'));
    const foreign = noteFor(1, '2026-11-27T08:00:00Z').documentReference;
    ehr.store.create({ ...foreign, identifier: [{ system: 'urn:oid:1.2.3', value: 'other-app-1' }] });
    expect(await findLatestNote(transportFor(1), scenario(1).id)).toBeUndefined();
  });

  it('a server that cannot answer: a FhirError, for the caller to say so', async () => {
    ehr.faults.add({
      method: 'GET',
      path: '/fhir/DocumentReference',
      times: 1,
      fault: { kind: 'status', status: 500 },
    });
    await expect(findLatestNote(transportFor(1), scenario(1).id)).rejects.toBeInstanceOf(FhirError);
  });
});
