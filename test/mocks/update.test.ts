import { describe, expect, it } from 'vitest';
import { GRANT_PRESETS } from '../../mocks/ehr/launcher';
import { withhold } from '../../mocks/ehr/scopes';
import { requestedScope, type EhrDeployment } from '../../src/smart/config';
import {
  authorize,
  authorizeParams,
  CLIENT,
  diagnostics,
  EHR,
  entries,
  FHIR,
  get,
  pkce,
  post,
  REDIRECT_URI,
  token,
  demoEhrForThisFile,
  consultNote,
} from './helpers';

/**
 * The update interaction (`PUT [type]/[id]`) as HAPI answers it, the scopes that allow it, and the
 * grants around the note the app writes: an amendment marks the earlier note superseded with it.
 */
const ctx = demoEhrForThisFile();
const PATIENT = 'pvp-01-whitfield';
const OTHER_PATIENT = 'pvp-02-jensen';
const READ_ALL = 'launch/patient openid fhirUser patient/*.rs';
const WRITE_NOTES = `${READ_ALL} patient/DocumentReference.cu patient/Provenance.c`;
const bearer = (scope = WRITE_NOTES, patient = PATIENT): string => ctx.ehr.mintAccessToken({ patient, scope });

const note = (patient = PATIENT): fhir4.DocumentReference => consultNote(`urn:uuid:${crypto.randomUUID()}`, patient);

/** A note stored through the API, as the server holds it. */
async function savedNote(patient = PATIENT): Promise<fhir4.DocumentReference & { id: string }> {
  const created = await post('DocumentReference', bearer(WRITE_NOTES, patient), note(patient));
  expect(created.status).toBe(201);
  return created.body as unknown as fhir4.DocumentReference & { id: string };
}

async function put(
  path: string,
  bearerToken: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${FHIR}/${path}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${bearerToken}`, 'Content-Type': 'application/fhir+json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

const superseded = (doc: fhir4.DocumentReference): fhir4.DocumentReference => ({ ...doc, status: 'superseded' });

describe('update of a note (PUT DocumentReference/{id})', () => {
  it('stores a new version: 200, the resource, its ETag, Location and Content-Location naming _history/2; the old version stays readable', async () => {
    const earlier = await savedNote();
    ctx.ehr.advanceClock(60_000);
    const updated = await put(`DocumentReference/${earlier.id}`, bearer(), superseded(earlier), {
      'If-Match': 'W/"1"',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: earlier.id, status: 'superseded', meta: { versionId: '2' } });
    const lastUpdated = String((updated.body.meta as fhir4.Meta).lastUpdated);
    expect(Date.parse(lastUpdated)).toBeGreaterThan(Date.parse(earlier.meta?.lastUpdated ?? ''));
    const version2 = `${FHIR}/DocumentReference/${earlier.id}/_history/2`;
    expect(updated.headers.get('etag')).toBe('W/"2"');
    expect(updated.headers.get('location')).toBe(version2);
    expect(updated.headers.get('content-location')).toBe(version2);

    const current = await get(`DocumentReference/${earlier.id}`, bearer());
    expect(current.body).toMatchObject({ status: 'superseded', meta: { versionId: '2' } });
    expect(current.headers.get('etag')).toBe('W/"2"');
    const first = await get(`DocumentReference/${earlier.id}/_history/1`, bearer());
    expect(first.body).toMatchObject({ status: 'current', meta: { versionId: '1' } });
    const search = await get(`DocumentReference?patient=${PATIENT}&status=superseded&_id=${earlier.id}`, bearer());
    expect(search.body.total).toBe(1);
  });

  it('names the version in Content-Location on create too', async () => {
    const created = await post('DocumentReference', bearer(), note());
    expect(created.headers.get('content-location')).toBe(
      `${FHIR}/DocumentReference/${String(created.body.id)}/_history/1`,
    );
  });

  it('applies an update without If-Match, as HAPI does, and accepts a strong ETag', async () => {
    const earlier = await savedNote();
    const unconditional = await put(`DocumentReference/${earlier.id}`, bearer(), superseded(earlier));
    expect(unconditional.status).toBe(200);
    expect(unconditional.body).toMatchObject({ meta: { versionId: '2' } });
    const strong = await put(`DocumentReference/${earlier.id}`, bearer(), earlier, { 'If-Match': '"2"' });
    expect(strong.status).toBe(200);
    expect(strong.body).toMatchObject({ status: 'current', meta: { versionId: '3' } });
  });

  it('refuses an If-Match that is not the current version with 409 (as HAPI does) and an OperationOutcome, changing nothing', async () => {
    const earlier = await savedNote();
    await put(`DocumentReference/${earlier.id}`, bearer(), { ...earlier, description: 'edited in the EHR' });
    for (const ifMatch of ['W/"1"', '"1"', '1']) {
      const stale = await put(`DocumentReference/${earlier.id}`, bearer(), superseded(earlier), {
        'If-Match': ifMatch,
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'processing' }],
      });
      expect(diagnostics(stale.body)).toContain('HAPI-0989: Trying to update');
    }
    const current = await get(`DocumentReference/${earlier.id}`, bearer());
    expect(current.body).toMatchObject({
      status: 'current',
      description: 'edited in the EHR',
      meta: { versionId: '2' },
    });
    // a bare version number names the version as HAPI reads it
    const bare = await put(`DocumentReference/${earlier.id}`, bearer(), superseded(earlier), { 'If-Match': '2' });
    expect(bare.status).toBe(200);
  });

  it('keeps the version when the content is the same (HAPI makes no new version)', async () => {
    const earlier = await savedNote();
    const again = await put(`DocumentReference/${earlier.id}`, bearer(), earlier, { 'If-Match': 'W/"1"' });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe('W/"1"');
    expect(ctx.ehr.store.vread('DocumentReference', earlier.id!, '2')).toBeUndefined();
  });

  it('an unknown id: all digits is refused (400), any other is created under it (201), as HAPI does', async () => {
    const numeric = await put('DocumentReference/99999999', bearer(), { ...note(), id: '99999999' });
    expect(numeric.status).toBe(400);
    expect(diagnostics(numeric.body)).toContain('HAPI-0960');
    expect(ctx.ehr.store.read('DocumentReference', '99999999')).toBeUndefined();
    const named = await put('DocumentReference/note-a1', bearer(), { ...note(), id: 'note-a1' });
    expect(named.status).toBe(201);
    expect(ctx.ehr.store.read('DocumentReference', 'note-a1')?.meta?.versionId).toBe('1');
  });

  it('checks the body as a create does: its type, an id matching the URL, the required elements (422)', async () => {
    const earlier = await savedNote();
    const path = `DocumentReference/${earlier.id}`;
    expect((await put(path, bearer(), { ...earlier, resourceType: 'Provenance' })).status).toBe(400);
    expect((await put(path, bearer(), { ...earlier, id: undefined })).status).toBe(400);
    const otherId = await put(path, bearer(), { ...earlier, id: 'someone-else' });
    expect(otherId.status).toBe(400);
    expect(diagnostics(otherId.body)).toContain('does not match URL ID');
    const invalid = await put(path, bearer(), { ...earlier, status: 'final', content: [] });
    expect(invalid.status).toBe(422);
    const issues = (invalid.body as unknown as fhir4.OperationOutcome).issue;
    expect(issues.map((i) => i.expression?.[0])).toEqual(
      expect.arrayContaining(['DocumentReference.status', 'DocumentReference.content']),
    );
    expect((await get(path, bearer())).body).toMatchObject({ status: 'current', meta: { versionId: '1' } });
  });

  it("keeps to the patient compartment: another patient's note, or a note moved to another patient, is 403", async () => {
    const theirs = await savedNote(OTHER_PATIENT);
    const foreign = await put(`DocumentReference/${theirs.id}`, bearer(), superseded(theirs));
    expect(foreign.status).toBe(403);
    const mine = await savedNote();
    const moved = await put(`DocumentReference/${mine.id}`, bearer(), {
      ...mine,
      subject: { reference: `Patient/${OTHER_PATIENT}` },
    });
    expect(moved.status).toBe(403);
    expect(ctx.ehr.store.read('DocumentReference', theirs.id)).toMatchObject({ status: 'current' });
    expect(ctx.ehr.store.read('DocumentReference', mine.id)).toMatchObject({
      subject: { reference: `Patient/${PATIENT}` },
    });
  });

  it.each([
    ['v2 .cu', 'patient/DocumentReference.cu', 200],
    ['v2 .u alone', 'patient/DocumentReference.u', 200],
    ['v2 .cruds', 'patient/DocumentReference.cruds', 200],
    ['v1 .write', 'patient/DocumentReference.write', 200],
    ['v1 *', 'patient/DocumentReference.*', 200],
    ['user-level .u', 'user/DocumentReference.u', 200],
    ['v2 .c only', 'patient/DocumentReference.c', 403],
    ['read only', 'patient/DocumentReference.rs', 403],
  ])('needs the update permission in the granted scope: %s → %i', async (_name, scope, status) => {
    const earlier = await savedNote();
    const response = await put(`DocumentReference/${earlier.id}`, bearer(`${READ_ALL} ${scope}`), superseded(earlier), {
      'If-Match': 'W/"1"',
    });
    expect(response.status).toBe(status);
    if (status === 403) expect(diagnostics(response.body)).toContain('does not permit update on DocumentReference');
  });

  it('updates only the types it lets clients write (405 for the others), and honours Prefer: return=minimal', async () => {
    const condition = ctx.ehr.store.all('Condition').find((c) => JSON.stringify(c).includes(`Patient/${PATIENT}`));
    const refused = await put(`Condition/${condition?.id ?? ''}`, bearer('launch/patient patient/*.cruds'), condition);
    expect(refused.status).toBe(405);
    const earlier = await savedNote();
    const minimal = await put(`DocumentReference/${earlier.id}`, bearer(), superseded(earlier), {
      Prefer: 'return=minimal',
    });
    expect(minimal.status).toBe(200);
    expect(minimal.body).toEqual({});
    expect(minimal.headers.get('etag')).toBe('W/"2"');
  });

  it('updates in a batch entry, with its ifMatch', async () => {
    const earlier = await savedNote();
    const entry = (ifMatch: string): fhir4.BundleEntry => ({
      resource: superseded(earlier),
      request: { method: 'PUT', url: `DocumentReference/${earlier.id}`, ifMatch },
    });
    const answer = await post('', bearer(), {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [entry('W/"1"'), entry('W/"1"')],
    });
    const [applied, stale] = entries(answer.body).map((e) => e.response);
    expect(applied).toMatchObject({
      status: '200 OK',
      etag: 'W/"2"',
      location: `${FHIR}/DocumentReference/${earlier.id}/_history/2`,
    });
    expect(stale).toMatchObject({ status: '409 Conflict', outcome: { resourceType: 'OperationOutcome' } });
  });

  it('can fail an update by fault injection, as a concurrent change in the EHR would (412), leaving reads alone', async () => {
    const earlier = await savedNote();
    ctx.ehr.faults.add({
      method: 'PUT',
      path: '/fhir/DocumentReference/',
      times: 1,
      fault: { kind: 'status', status: 412, diagnostics: 'changed meanwhile' },
    });
    expect((await get(`DocumentReference/${earlier.id}`, bearer())).status).toBe(200);
    const failed = await put(`DocumentReference/${earlier.id}`, bearer(), superseded(earlier), { 'If-Match': 'W/"1"' });
    expect(failed.status).toBe(412);
    expect(failed.body).toMatchObject({ issue: [{ code: 'conflict', diagnostics: 'changed meanwhile' }] });
    expect(
      (await put(`DocumentReference/${earlier.id}`, bearer(), superseded(earlier), { 'If-Match': 'W/"1"' })).status,
    ).toBe(200);
  });

  it('lists update in the CapabilityStatement for the writable types only, and update as create', async () => {
    const cs = (await (await fetch(`${FHIR}/metadata`)).json()) as fhir4.CapabilityStatement;
    const resource = (type: string) => cs.rest?.[0]?.resource?.find((r) => r.type === type);
    expect(resource('DocumentReference')?.interaction?.map((i) => i.code)).toEqual(
      expect.arrayContaining(['create', 'update', 'read', 'vread']),
    );
    expect(resource('DocumentReference')?.updateCreate).toBe(true);
    expect(resource('Provenance')?.interaction?.map((i) => i.code)).toContain('update');
    expect(resource('Condition')?.interaction?.map((i) => i.code)).not.toContain('update');
  });
});

const deployment = (scopes: EhrDeployment['scopes']): EhrDeployment => ({
  name: 'demo',
  iss: `${FHIR}`,
  clientId: CLIENT,
  scopes,
  fhirUser: true,
  allowBatch: false,
  connectOrigins: [],
  frameAncestors: [],
});
// the app asks for the Medications its orders name from now on
const withScope = (scope: string, extra: string): string => [...new Set([...scope.split(' '), extra])].join(' ');
const APP_SCOPES = {
  v2: withScope(requestedScope(deployment('v2'), 'ehr'), 'patient/Medication.rs'),
  v1: withScope(requestedScope(deployment('v1'), 'ehr'), 'patient/Medication.read'),
};
const withoutMedication = (scope: string): string =>
  scope
    .split(' ')
    .filter((s) => !s.startsWith('patient/Medication.'))
    .join(' ');

/** The scope an EHR launch from the launcher's form (`/ehr/launch?grant=..`) grants the app. */
async function grantedByLauncher(grant: string, scope: string): Promise<{ scope: string; accessToken: string }> {
  const launchRedirect = await fetch(`${EHR}/ehr/launch?patient=${PATIENT}&grant=${grant}`, { redirect: 'manual' });
  const launch = new URL(launchRedirect.headers.get('location') ?? '').searchParams.get('launch') ?? '';
  const { verifier, challenge } = pkce();
  const authorized = await authorize(authorizeParams({ launch, scope }, challenge));
  const code = new URL(authorized.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const answer = (await (
    await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT,
      code_verifier: verifier,
    })
  ).json()) as Record<string, unknown>;
  return { scope: String(answer.scope), accessToken: String(answer.access_token) };
}

describe('the scopes the app asks for', () => {
  it('are all listed in scopes_supported, v2 and v1, with the Medications and the note update', async () => {
    const config = (await (await fetch(`${FHIR}/.well-known/smart-configuration`)).json()) as {
      scopes_supported: string[];
    };
    for (const scope of [...APP_SCOPES.v2.split(' '), ...APP_SCOPES.v1.split(' ')])
      expect(config.scopes_supported).toContain(scope);
    expect(config.scopes_supported).toEqual(
      expect.arrayContaining(['patient/DocumentReference.cu', 'patient/Medication.rs', 'patient/Medication.read']),
    );
  });

  it.each(['v2', 'v1'] as const)(
    'are granted in full (%s), and a Medication an order names is readable, also via _include',
    async (version) => {
      const granted = await grantedByLauncher('all', APP_SCOPES[version]);
      expect(granted.scope.split(' ').sort()).toEqual(APP_SCOPES[version].split(' ').sort());
      ctx.ehr.store.put({
        resourceType: 'Medication',
        id: 'apixaban-5',
        code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1364430' }] },
      });
      ctx.ehr.store.put({
        resourceType: 'MedicationRequest',
        id: 'apixaban-order',
        status: 'active',
        intent: 'order',
        subject: { reference: `Patient/${PATIENT}` },
        medicationReference: { reference: 'Medication/apixaban-5' },
      });
      expect((await get('Medication/apixaban-5', granted.accessToken)).status).toBe(200);
      const bundle = await get(
        `MedicationRequest?patient=${PATIENT}&_id=apixaban-order&_include=MedicationRequest:medication`,
        granted.accessToken,
      );
      expect(
        entries(bundle.body).map((e) => `${e.search?.mode}:${e.resource?.resourceType}/${e.resource?.id}`),
      ).toEqual(['match:MedicationRequest/apixaban-order', 'include:Medication/apixaban-5']);

      const noMedication = await grantedByLauncher('all', withoutMedication(APP_SCOPES[version]));
      const withheld = await get(
        `MedicationRequest?patient=${PATIENT}&_id=apixaban-order&_include=MedicationRequest:medication`,
        noMedication.accessToken,
      );
      expect(entries(withheld.body).map((e) => e.search?.mode)).toEqual(['match']);
    },
  );
});

describe('the launcher\'s "no write" options', () => {
  it('withhold creating and updating notes (and their Provenance), in v2 and v1 syntax', () => {
    const asked = [
      'patient/DocumentReference.rs',
      'patient/DocumentReference.cu',
      'patient/DocumentReference.write',
      'patient/Provenance.c',
      'patient/Provenance.write',
    ];
    expect(withhold(asked, GRANT_PRESETS['no-write']?.withhold ?? [])).toEqual(['patient/DocumentReference.rs']);
    expect(withhold(asked, GRANT_PRESETS['no-imaging-no-write']?.withhold ?? [])).toEqual([
      'patient/DocumentReference.rs',
    ]);
  });

  it.each(['v2', 'v1'] as const)(
    'grant the app (%s) no create and no update of notes; the server refuses both',
    async (version) => {
      const granted = await grantedByLauncher('no-write', APP_SCOPES[version]);
      const scopes = granted.scope.split(' ');
      expect(scopes.filter((s) => /^patient\/(DocumentReference|Provenance)\./.test(s))).toEqual([
        version === 'v2' ? 'patient/DocumentReference.rs' : 'patient/DocumentReference.read',
      ]);
      const earlier = await savedNote();
      expect((await post('DocumentReference', granted.accessToken, note())).status).toBe(403);
      expect(
        (
          await put(`DocumentReference/${earlier.id}`, granted.accessToken, superseded(earlier), {
            'If-Match': 'W/"1"',
          })
        ).status,
      ).toBe(403);
      expect((await get(`DocumentReference/${earlier.id}`, granted.accessToken)).status).toBe(200);
    },
  );
});
