import { JSDOM } from 'jsdom';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetchTransport } from '../../src/fhir/fetch-transport';
import { saveNote } from '../../src/fhir/write';
import { buildNote } from '../../src/report';
import { NOTE_IDENTIFIER_SYSTEM } from '../../src/report/identity';
import { noteContext, scenario1Eligible, scenario7Cautions } from '../report/fixtures';

/**
 * Issue #15, finding 7: an EHR (or a proxy) that names another note in its answer to the save:
 * the app accepts a saved note only when it is this assessment's note (identifier and patient), so
 * another patient's note is never confirmed, given the Provenance, or later marked superseded.
 */
const { window } = new JSDOM('');
const BASE = 'https://wrong-location.test/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const note = buildNote(scenario1Eligible(), noteContext(), { window });
const someoneElses: fhir4.DocumentReference = {
  resourceType: 'DocumentReference',
  id: 'other-9',
  status: 'current',
  subject: { reference: 'Patient/someone-else' },
  identifier: [{ system: NOTE_IDENTIFIER_SYSTEM, value: 'urn:uuid:another' }],
  content: [],
};

function ehr(options: { body?: unknown; readOther: 'forbidden' | 'returned' }) {
  const provenanceTargets: string[] = [];
  const puts: string[] = [];
  /** the EHR stores the note as n1, whatever it answers */
  let ours: fhir4.DocumentReference | undefined;
  const token = (doc: fhir4.DocumentReference | undefined) => doc?.identifier?.map((i) => `${i.system}|${i.value}`)[0];
  server.use(
    http.post(`${BASE}/DocumentReference`, async ({ request }) => {
      ours = { ...((await request.json()) as fhir4.DocumentReference), id: 'n1', meta: { versionId: '1' } };
      return options.body === undefined
        ? new HttpResponse(null, { status: 201, headers: { location: `${BASE}/DocumentReference/other-9/_history/1` } })
        : HttpResponse.json(options.body, {
            status: 201,
            headers: { location: `${BASE}/DocumentReference/other-9/_history/1` },
          });
    }),
    http.get(`${BASE}/DocumentReference/other-9`, () =>
      options.readOther === 'forbidden'
        ? HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 403 })
        : HttpResponse.json(someoneElses),
    ),
    http.get(`${BASE}/DocumentReference/n1`, () => HttpResponse.json(ours)),
    http.get(`${BASE}/DocumentReference`, ({ request }) => {
      const url = new URL(request.url);
      const found = url.searchParams.get('patient') === 'p1' && url.searchParams.get('identifier') === token(ours);
      return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry: found ? [{ resource: ours }] : [] });
    }),
    http.post(`${BASE}/Provenance`, async ({ request }) => {
      const body = (await request.json()) as fhir4.Provenance;
      provenanceTargets.push(...body.target.map((t) => t.reference ?? ''));
      return HttpResponse.json({ resourceType: 'Provenance', id: 'prov-1' }, { status: 201 });
    }),
    http.put(`${BASE}/DocumentReference/:id`, ({ params }) => {
      puts.push(String(params.id));
      return HttpResponse.json({}, { status: 200 });
    }),
  );
  return { provenanceTargets, puts };
}

const transport = () => createFetchTransport(BASE, 'token', fetch, { timeoutMs: 2_000 });

describe('a save answered with another note (finding 7)', () => {
  it('a Location naming another patient’s note (its read refused): the app finds its own note by identifier', async () => {
    const { provenanceTargets } = ehr({ readOther: 'forbidden' });
    const saved = await saveNote(transport(), note);
    expect(saved).toMatchObject({ id: 'n1', verified: true });
    expect(provenanceTargets).toEqual(['DocumentReference/n1']);
  });

  it('a Location naming another patient’s note that the EHR lets the app read: never taken for the saved note', async () => {
    const { provenanceTargets } = ehr({ readOther: 'returned' });
    const saved = await saveNote(transport(), note);
    expect(saved.id).toBe('n1');
    expect(provenanceTargets).toEqual(['DocumentReference/n1']);
  });

  it('an answer whose representation is another note names nothing: the app looks for its own', async () => {
    ehr({ body: someoneElses, readOther: 'returned' });
    expect((await saveNote(transport(), note)).id).toBe('n1');
  });

  it('without read access a bare Location is not confirmed: saved, not verified, and no Provenance names it', async () => {
    const { provenanceTargets } = ehr({ readOther: 'returned' });
    const saved = await saveNote(transport(), note, { mayReadNotes: false });
    expect(saved).toMatchObject({ verified: false, provenance: { state: 'skipped' } });
    expect(provenanceTargets).toEqual([]);
  });

  it('an amendment never marks another patient’s note superseded', async () => {
    const { puts } = ehr({ readOther: 'returned' });
    const amendment = buildNote(
      scenario7Cautions(),
      noteContext({
        assessmentId: '0b8f7a52-5e3c-4d1f-8c2a-7d9e6f4b3a10',
        signedAt: '2026-11-25T08:30:00Z',
        replaces: { id: 'other-9' },
      }),
      { window },
    );
    const saved = await saveNote(transport(), amendment);
    expect(saved.replaced).toMatchObject({ state: 'still-current', id: 'other-9' });
    expect(puts).toEqual([]);
  });
});
