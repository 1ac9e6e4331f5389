import { randomUUID } from 'node:crypto';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle } from '../../src/clinical';
import { describeFhirError } from '../../src/fhir/describe';
import { FhirError } from '../../src/fhir/errors';
import type { FhirRequest, FhirTransport } from '../../src/fhir/transport';
import { saveNote } from '../../src/fhir/write';
import { buildNote, type Note } from '../../src/report';
import { DAY, HAPI, hapi } from './setup';

/**
 * The note's write (src/fhir/write.ts) against HAPI FHIR: conditional create, read-back,
 * Provenance, an amendment marking its predecessor superseded, and what HAPI answers where the
 * specification leaves room (several matches, a stale ETag), with HAPI's request validation on.
 */
const { window } = new JSDOM('');
const scenario1 = demoPatients(DAY).find((p) => p.scenario === 1)!;

/** A signed note of scenario 1 with a fresh assessment id (so each test writes its own note). */
function note(replaces?: string): Note {
  const assessment = assess(recordFromBundle(scenario1.bundle), { now: new Date(), answers: scenario1.answers ?? {} });
  return buildNote(
    assessment,
    {
      assessmentId: randomUUID(),
      patient: { reference: `Patient/${scenario1.id}`, display: scenario1.name },
      author: { reference: 'Practitioner/spine-surgeon-okafor' },
      ...(scenario1.encounterId && { encounter: `Encounter/${scenario1.encounterId}` }),
      signedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      answers: scenario1.answers ?? {},
      lang: 'en',
      ...(replaces && { replaces: { id: replaces } }),
    },
    { window },
  );
}

const FHIR_JSON = { 'Content-Type': 'application/fhir+json' };

async function status(request: FhirRequest): Promise<{ status: number; error?: FhirError; body?: unknown }> {
  try {
    const response = await hapi().request(request);
    return { status: response.status, body: response.body };
  } catch (error) {
    if (!(error instanceof FhirError)) throw error;
    return { status: error.status ?? 0, error };
  }
}

const search = async (url: string): Promise<fhir4.Bundle> =>
  (await hapi().request<fhir4.Bundle>({ url, headers: { 'Cache-Control': 'no-cache' } })).body;

describe('the note written to HAPI FHIR', () => {
  it('is created (201), passes HAPI validation, reads back, and carries its Provenance', async () => {
    const signed = note();
    const saved = await saveNote(hapi(), signed);
    expect(saved).toMatchObject({ created: true, verified: true, versionId: '1', provenance: { state: 'saved' } });
    const stored = (await hapi().request<fhir4.DocumentReference>({ url: `DocumentReference/${saved.id}` })).body;
    expect(stored.identifier).toEqual(signed.documentReference.identifier);
    expect(stored.content).toEqual(signed.documentReference.content);
    const provenance = await search(`Provenance?target=DocumentReference/${saved.id}`);
    expect(provenance.entry).toHaveLength(1);
  });

  it('If-None-Exist: the first POST 201, the same POST again 200 with the same id and no second note', async () => {
    const signed = note();
    const identifier = signed.documentReference.identifier![0]!;
    const post: FhirRequest = {
      url: 'DocumentReference',
      method: 'POST',
      headers: { ...FHIR_JSON, 'If-None-Exist': `identifier=${identifier.system}|${identifier.value}` },
      body: JSON.stringify(signed.documentReference),
    };
    const first = await hapi().request<fhir4.DocumentReference>(post);
    const again = await hapi().request<fhir4.DocumentReference>(post);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    const found = await search(
      `DocumentReference?identifier=${encodeURIComponent(`${identifier.system}|${identifier.value}`)}`,
    );
    expect(found.entry).toHaveLength(1);
    // and the app's retry finds it rather than writing it again
    expect(await saveNote(hapi(), signed, { retry: true })).toMatchObject({ id: first.body.id, created: false });
  });

  it('with two notes already carrying the identifier HAPI answers 412 (HAPI-0958), which the app explains', async () => {
    const signed = note();
    for (let i = 0; i < 2; i++) {
      await hapi().request({
        url: 'DocumentReference',
        method: 'POST',
        headers: FHIR_JSON,
        body: JSON.stringify(signed.documentReference),
      });
    }
    const error = await saveNote(hapi(), signed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).status).toBe(412);
    expect((error as FhirError).kind).toBe('conflict');
    expect((error as FhirError).details.serverMessage).toMatch(/^HAPI-0958: .* matched 2 resources/);
  });

  it('an amendment marks the earlier note superseded (PUT with If-Match), and a retry finds it done', async () => {
    const first = await saveNote(hapi(), note());
    const amendment = note(first.id);
    const second = await saveNote(hapi(), amendment);
    expect(second.replaced).toEqual({ state: 'superseded', id: first.id });
    const earlier = (await hapi().request<fhir4.DocumentReference>({ url: `DocumentReference/${first.id}` })).body;
    expect(earlier).toMatchObject({ status: 'superseded', meta: { versionId: '2' } });
    const replacing = (await hapi().request<fhir4.DocumentReference>({ url: `DocumentReference/${second.id}` })).body;
    expect(replacing.relatesTo).toEqual([{ code: 'replaces', target: { reference: `DocumentReference/${first.id}` } }]);
    expect((await saveNote(hapi(), amendment, { retry: true })).replaced).toEqual({
      state: 'superseded',
      id: first.id,
    });
  });

  it('a stale ETag: HAPI answers 409 (not the 412 of FHIR R4); the app keeps the new note and says the earlier is still current', async () => {
    const first = await saveNote(hapi(), note());
    const stale = await status({
      url: `DocumentReference/${first.id}`,
      method: 'PUT',
      headers: { ...FHIR_JSON, 'If-Match': 'W/"7"' },
      body: JSON.stringify({ ...(await hapi().request<object>({ url: `DocumentReference/${first.id}` })).body }),
    });
    expect(stale.status).toBe(409);
    expect(stale.error?.details.serverMessage).toMatch(
      /HAPI-0989: Trying to update .* but this is not the current version/,
    );

    // someone edits the earlier note in the EHR between the app's read and its update
    const meddling: FhirTransport = {
      baseUrl: HAPI,
      async request<T>(request: FhirRequest) {
        if (request.method === 'PUT') {
          const current = (await hapi().request<fhir4.DocumentReference>({ url: request.url })).body;
          await hapi().request({
            url: request.url,
            method: 'PUT',
            headers: FHIR_JSON,
            body: JSON.stringify({ ...current, description: 'Edited in the EHR meanwhile' }),
          });
        }
        return hapi().request<T>(request);
      },
    };
    const second = await saveNote(meddling, note(first.id));
    expect(second.created).toBe(true);
    expect(second.replaced).toMatchObject({ state: 'still-current', id: first.id });
    const error = second.replaced?.state === 'still-current' ? second.replaced.error : undefined;
    expect(error?.status).toBe(409);
    expect(describeFhirError(error, 'en')).toMatch(/^The record changed in the EHR in the meantime\./);
    const earlier = (await hapi().request<fhir4.DocumentReference>({ url: `DocumentReference/${first.id}` })).body;
    expect(earlier.status).toBe('current');
  });

  it("a note HAPI finds invalid against R4 is refused with 422 and the validator's reason", async () => {
    const broken = note();
    const invalid = { ...broken, documentReference: { ...broken.documentReference, status: 'draft' as 'current' } };
    const error = await saveNote(hapi(), invalid).catch((e: unknown) => e);
    expect((error as FhirError).status).toBe(422);
    expect((error as FhirError).kind).toBe('rejected');
    expect((error as FhirError).details.serverMessage).toMatch(/'draft'.*DocumentReferenceStatus/);
  });
});
