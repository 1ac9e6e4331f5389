import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoEhr } from '../../mocks/ehr';
import { HAPI } from './setup';

/**
 * The demo EHR in front of HAPI FHIR (ehr/proxy.ts), under msw/node: its tokens, scopes and the
 * patient compartment guard every request before HAPI sees it, and HAPI's address never leaves it.
 */
const ORIGIN = 'http://proxy-ehr.test';
const ehr = createDemoEhr({ ehrOrigin: ORIGIN, appOrigin: 'http://app.test', upstream: HAPI });
const server = setupServer(...ehr.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

const WHITFIELD = 'pvp-01-whitfield';
const JENSEN = 'pvp-02-jensen';
const token = (scope = 'launch openid fhirUser patient/*.rs patient/DocumentReference.cu patient/Provenance.c') =>
  ehr.mintAccessToken({ patient: WHITFIELD, scope });

async function get(path: string, bearer?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${ORIGIN}/fhir/${path}`, {
    headers: { accept: 'application/fhir+json', ...(bearer && { authorization: `Bearer ${bearer}` }) },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the demo EHR in front of HAPI FHIR', () => {
  it('lists the patients HAPI holds', async () => {
    await ehr.refreshPatients();
    const page = await (await fetch(`${ORIGIN}/`)).text();
    expect(page).toContain(WHITFIELD);
    expect(page).toContain('pvp-15-pendleton');
  });

  it("relays the patient's own records, with every link on the demo EHR's address", async () => {
    const first = await get(`Condition?patient=${WHITFIELD}&_count=2`, token());
    expect(first.status).toBe(200);
    const text = JSON.stringify(first.body);
    expect(text).not.toContain(HAPI);
    const next = (first.body.link as fhir4.BundleLink[]).find((l) => l.relation === 'next')?.url ?? '';
    expect(next.startsWith(`${ORIGIN}/fhir?_getpages=`)).toBe(true);
    const second = await fetch(next, { headers: { authorization: `Bearer ${token()}` } });
    expect(second.status).toBe(200);
  });

  it('refuses what the token does not grant, before HAPI is asked', async () => {
    expect((await get(`Condition?patient=${WHITFIELD}`)).status).toBe(401);
    expect((await get(`Condition?patient=${JENSEN}`, token())).status).toBe(403);
    expect((await get('Condition?code=http://snomed.info/sct|123', token())).status).toBe(403);
    expect((await get(`Patient/${JENSEN}`, token())).status).toBe(403);
    const noImaging = token('launch openid patient/Condition.rs patient/Patient.rs');
    expect((await get(`ImagingStudy?patient=${WHITFIELD}`, noImaging)).status).toBe(403);
    expect((await get(`Patient/${WHITFIELD}`, noImaging)).status).toBe(200);
  });

  it('refuses a note without the create scope, and a note for another patient, writing nothing', async () => {
    const note = {
      resourceType: 'DocumentReference',
      status: 'current',
      identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:0b6a3c55-9d2e-4c1f-8f3e-4a6b7c8d9e0f' }],
      type: { coding: [{ system: 'http://loinc.org', code: '11488-4' }] },
      content: [{ attachment: { contentType: 'text/plain', data: 'aGk=' } }],
    };
    const post = (body: unknown, bearer: string) =>
      fetch(`${ORIGIN}/fhir/DocumentReference`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/fhir+json' },
        body: JSON.stringify(body),
      });
    const readOnly = token('launch openid patient/*.rs');
    expect((await post({ ...note, subject: { reference: `Patient/${WHITFIELD}` } }, readOnly)).status).toBe(403);
    expect((await post({ ...note, subject: { reference: `Patient/${JENSEN}` } }, token())).status).toBe(403);
    const found = await fetch(`${HAPI}/DocumentReference?identifier=urn:ietf:rfc:3986|${note.identifier[0]!.value}`, {
      headers: { 'cache-control': 'no-cache' },
    });
    expect(((await found.json()) as fhir4.Bundle).entry ?? []).toEqual([]);
  });
});
