import { describe, expect, it } from 'vitest';
import { APP, diagnostics, EHR, entries, FHIR, get, link, post, demoEhrForThisFile, consultNote } from './helpers';

const ctx = demoEhrForThisFile();
const PATIENT = 'pvp-01-whitfield';
const LARGE = 'pvp-15-pendleton';
const READ_ALL = 'launch/patient openid fhirUser patient/*.rs';
const bearer = (patient = PATIENT, scope = `${READ_ALL} patient/DocumentReference.c patient/Provenance.c`): string =>
  ctx.ehr.mintAccessToken({ patient, scope });

const note = (identifier: string, patient = PATIENT): fhir4.DocumentReference => consultNote(identifier, patient);

describe('authentication', () => {
  it('answers 401 with WWW-Authenticate without a token, with an unknown one, and with an expired one', async () => {
    const none = await fetch(`${FHIR}/Patient/${PATIENT}`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const unknown = await get(`Patient/${PATIENT}`, 'not-a-token');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('invalid_token');
    const expired = await get(`Patient/${PATIENT}`, ctx.ehr.mintAccessToken({ patient: PATIENT, expiresInSeconds: 0 }));
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('expired');
    expect(expired.body.resourceType).toBe('OperationOutcome');
  });
});

describe('scopes and the patient compartment', () => {
  it('answers 403 with an OperationOutcome for a type the scope does not name (v2 and v1)', async () => {
    for (const scope of [
      'launch/patient patient/Patient.rs patient/Condition.rs',
      'launch/patient patient/Patient.read patient/Condition.read',
    ]) {
      const token = bearer(PATIENT, scope);
      expect((await get(`Condition?patient=${PATIENT}`, token)).status).toBe(200);
      const denied = await get(`Observation?patient=${PATIENT}`, token);
      expect(denied.status).toBe(403);
      expect(denied.body.resourceType).toBe('OperationOutcome');
      expect(diagnostics(denied.body)).toContain('Observation');
    }
  });

  it('tells read from search: patient/Observation.r reads but cannot search', async () => {
    const token = bearer(PATIENT, 'launch/patient patient/Observation.r');
    const search = await get(`Observation?patient=${PATIENT}`, token);
    expect(search.status).toBe(403);
    expect((await get(`Observation/${PATIENT}-lab-1`, token)).status).toBe(200);
  });

  it('honours SMART v2 granular scopes: only laboratory Observations for patient/Observation.rs?category=laboratory', async () => {
    const token = bearer(
      PATIENT,
      'launch/patient patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
    );
    const search = await get(`Observation?patient=${PATIENT}`, token);
    const categories = entries(search.body).map(
      (e) => (e.resource as fhir4.Observation).category?.[0]?.coding?.[0]?.code,
    );
    expect(categories.length).toBeGreaterThan(0);
    expect(new Set(categories)).toEqual(new Set(['laboratory']));
    expect((await get(`Observation/${PATIENT}-lab-1`, token)).status).toBe(200);
    expect((await get(`Observation/${PATIENT}-vital-1`, token)).status).toBe(403);
  });

  it('refuses create without a create scope', async () => {
    const response = await post('DocumentReference', bearer(PATIENT, READ_ALL), note('urn:uuid:no-scope'));
    expect(response.status).toBe(403);
  });

  it('keeps a patient-level token inside its patient', async () => {
    const token = bearer();
    expect((await get(`Patient/${LARGE}`, token)).status).toBe(403);
    expect((await get(`Condition/${LARGE}-condition-1`, token)).status).toBe(403);
    expect((await get(`Condition?patient=${LARGE}`, token)).status).toBe(403);
    expect((await get('Condition', token)).status).toBe(403);
    const patients = await get('Patient', token);
    expect(entries(patients.body).map((e) => e.resource?.id)).toEqual([PATIENT]);
  });

  it('lets a user-level token search across patients', async () => {
    const token = bearer(undefined, 'openid fhirUser user/Patient.rs');
    const response = await get('Patient?_count=100', token);
    expect(response.body.total).toBe(ctx.ehr.patients.length);
  });
});

describe('read and vread', () => {
  it('reads a resource with its ETag, vreads its version, and 404s an unknown one', async () => {
    const token = bearer();
    const read = await get(`Condition/${PATIENT}-condition-1`, token, { 'Cache-Control': 'no-cache' });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('W/"1"');
    expect((read.body.meta as fhir4.Meta).versionId).toBe('1');
    expect((await get(`Condition/${PATIENT}-condition-1/_history/1`, token)).status).toBe(200);
    expect((await get(`Condition/${PATIENT}-condition-1/_history/7`, token)).status).toBe(404);
    const missing = await get('Condition/nope', token);
    expect(missing.status).toBe(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
  });

  it('answers 404 for an unknown resource type', async () => {
    expect((await get(`Spaceship?patient=${PATIENT}`, bearer())).status).toBe(404);
  });
});

describe('search', () => {
  const ids = (body: Record<string, unknown>): string[] => entries(body).map((e) => e.resource?.id ?? '');

  it('returns HAPI-shaped searchset Bundles', async () => {
    const response = await get(`Condition?patient=${PATIENT}`, bearer());
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    expect(response.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(link(response.body, 'self')).toBe(`${FHIR}/Condition?patient=${PATIENT}`);
    for (const entry of entries(response.body)) {
      expect(entry.search?.mode).toBe('match');
      expect(entry.fullUrl).toBe(`${FHIR}/Condition/${entry.resource?.id ?? ''}`);
    }
    expect(response.body.total).toBe(entries(response.body).length);
  });

  it('matches code as system|code, bare code, and comma-separated alternatives', async () => {
    const token = bearer();
    const pain = await get(`Observation?patient=${PATIENT}&code=http://loinc.org|72514-3`, token);
    expect(pain.body.total).toBe(4);
    expect((await get(`Observation?patient=${PATIENT}&code=72514-3`, token)).body.total).toBe(4);
    expect((await get(`Observation?patient=${PATIENT}&code=http://snomed.info/sct|72514-3`, token)).body.total).toBe(0);
    const labs = await get(`Observation?patient=${PATIENT}&code=http://loinc.org|6301-6,http://loinc.org|777-3`, token);
    expect(labs.body.total).toBe(2);
    const icd = await get(`Condition?patient=${PATIENT}&code=http://hl7.org/fhir/sid/icd-10-cm|M80.08XA`, token);
    expect(ids(icd.body)).toHaveLength(1);
  });

  it('filters on category, clinical-status and status', async () => {
    const token = bearer();
    const vitals = await get(`Observation?patient=${PATIENT}&category=vital-signs`, token);
    expect(entries(vitals.body).every((e) => JSON.stringify(e.resource).includes('"vital-signs"'))).toBe(true);
    const active = await get(
      `Condition?patient=${PATIENT}&clinical-status=http://terminology.hl7.org/CodeSystem/condition-clinical|active`,
      token,
    );
    const resolved = await get(`Condition?patient=${PATIENT}&clinical-status=resolved`, token);
    expect(resolved.body.total).toBe(1);
    expect(Number(active.body.total)).toBeGreaterThan(2);
    const withdrawn = await get(`Observation?patient=${PATIENT}&status=entered-in-error`, token);
    expect(withdrawn.body.total).toBe(1);
  });

  it('compares dates with ge/le/gt/lt prefixes and sorts by date', async () => {
    const token = bearer();
    const recent = await get(`Observation?patient=${PATIENT}&code=72514-3&date=ge2026-02-20`, token);
    expect(recent.body.total).toBe(3);
    const older = await get(`Observation?patient=${PATIENT}&code=72514-3&date=lt2026-02-20`, token);
    expect(older.body.total).toBe(1);
    const window = await get(`Observation?patient=${PATIENT}&code=72514-3&date=ge2026-02-20&date=le2026-03-01`, token);
    expect(window.body.total).toBe(1);
    const newest = await get(`Observation?patient=${PATIENT}&code=72514-3&_sort=-date`, token);
    const dates = entries(newest.body).map((e) => (e.resource as fhir4.Observation).effectiveDateTime ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const oldest = await get(`Observation?patient=${PATIENT}&code=72514-3&_sort=date`, token);
    expect(entries(oldest.body).map((e) => (e.resource as fhir4.Observation).effectiveDateTime)).toEqual(
      [...dates].reverse(),
    );
    // HAPI's older form, which the SMART launcher sends when it picks an encounter
    const desc = await get(`Observation?patient=${PATIENT}&code=72514-3&_sort:desc=date`, token);
    expect(entries(desc.body).map((e) => (e.resource as fhir4.Observation).effectiveDateTime)).toEqual(dates);
    const asc = await get(`Observation?patient=${PATIENT}&code=72514-3&_sort:asc=date`, token);
    expect(entries(asc.body).map((e) => (e.resource as fhir4.Observation).effectiveDateTime)).toEqual(
      [...dates].reverse(),
    );
    const authored = await get(`MedicationRequest?patient=${PATIENT}&authoredon=ge2026-02-01&status=active`, token);
    expect(authored.body.total).toBe(2);
    const onset = await get(`Condition?patient=${PATIENT}&onset-date=gt2026-01-01`, token);
    expect(onset.body.total).toBe(2);
    const mri = await get(`ImagingStudy?patient=${PATIENT}&started=ge2026-02-01&modality=MR`, token);
    expect(mri.body.total).toBe(1);
  });

  it('finds by identifier', async () => {
    const response = await get('Patient?identifier=urn:oid:2.16.840.1.113883.3.9999.1|MRN-100201', bearer());
    expect(ids(response.body)).toEqual([PATIENT]);
  });

  it('answers 400 with an OperationOutcome for an unknown parameter, a bad modifier, a bad date or _sort', async () => {
    const token = bearer();
    for (const query of ['foo=bar', 'code:below=72514-3', 'date=yesterday', '_sort=value', '_count=many']) {
      const response = await get(`Observation?patient=${PATIENT}&${query}`, token);
      expect(response.status, query).toBe(400);
      expect(response.body.resourceType).toBe('OperationOutcome');
    }
    const unknown = await get(`Observation?patient=${PATIENT}&foo=bar`, token);
    expect(diagnostics(unknown.body)).toContain('Unknown search parameter "foo"');
  });

  it('pages 20 at a time with _getpages next links, up to 1000 per page', async () => {
    const token = bearer(LARGE);
    const first = await get(`Observation?patient=${LARGE}`, token);
    expect(entries(first.body)).toHaveLength(20);
    // as on HAPI, a search that spans pages is not counted on its pages
    expect(first.body.total).toBeUndefined();
    const next = link(first.body, 'next') ?? '';
    expect(next).toMatch(new RegExp(`^${FHIR}\\?_getpages=[\\w-]+&_getpagesoffset=20&_count=20`));
    const second = await get(next, token);
    expect(entries(second.body)).toHaveLength(20);
    expect(link(second.body, 'previous')).toContain('_getpagesoffset=0');
    const firstIds = new Set(ids(first.body));
    expect(ids(second.body).some((id) => firstIds.has(id))).toBe(false);
    const big = await get(`Observation?patient=${LARGE}&_count=5000`, token);
    expect(entries(big.body)).toHaveLength(1000);
    expect(link(big.body, 'next')).toContain('_count=1000');
    const fewer = await get(`Condition?patient=${PATIENT}&_count=2`, bearer());
    expect(entries(fewer.body)).toHaveLength(2);
  });

  it('reaches the last page and ends the links there', async () => {
    const token = bearer();
    let page = await get(`Observation?patient=${PATIENT}&_count=7`, token);
    const seen = ids(page.body);
    for (let next = link(page.body, 'next'); next; next = link(page.body, 'next')) {
      page = await get(next, token);
      seen.push(...ids(page.body));
    }
    const counted = await get(`Observation?patient=${PATIENT}&_summary=count`, token);
    expect(seen).toHaveLength(Number(counted.body.total));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("answers 410 Gone for an expired page link, and 403 for one used with another patient's token", async () => {
    const token = bearer(LARGE);
    const first = await get(`Condition?patient=${LARGE}`, token);
    const next = link(first.body, 'next') ?? '';
    expect((await get(next, bearer())).status).toBe(403);
    ctx.ehr.expireSearches();
    const gone = await get(next, token);
    expect(gone.status).toBe(410);
    expect(diagnostics(gone.body)).toContain('may have expired');
  });

  it('supports _summary=count and _elements', async () => {
    const token = bearer();
    const count = await get(`Condition?patient=${PATIENT}&_summary=count`, token);
    expect(entries(count.body)).toHaveLength(0);
    expect(count.body.total).toBe(6);
    const slim = await get(`Condition?patient=${PATIENT}&_elements=code`, token);
    const first = entries(slim.body)[0]?.resource as fhir4.Condition;
    expect(first.code).toBeDefined();
    expect(first.subject).toBeUndefined();
  });

  it('searches with POST _search as well', async () => {
    const response = await fetch(`${FHIR}/Observation/_search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer()}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ patient: PATIENT, code: 'http://loinc.org|72514-3' }),
    });
    expect(((await response.json()) as Record<string, unknown>).total).toBe(4);
  });
});

describe('batch', () => {
  it('answers a batch of searches with a batch-response, entry by entry', async () => {
    const batch = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Condition?patient=${PATIENT}` } },
        { request: { method: 'GET', url: `Observation?patient=${PATIENT}&code=http://loinc.org|72514-3` } },
        { request: { method: 'GET', url: `ImagingStudy?patient=${PATIENT}` } },
        { request: { method: 'GET', url: `Observation?patient=${PATIENT}&nonsense=1` } },
        { request: { method: 'GET', url: `Patient/${PATIENT}` } },
      ],
    };
    const response = await post(
      '',
      bearer(PATIENT, 'launch/patient patient/Patient.rs patient/Condition.rs patient/Observation.rs'),
      batch,
    );
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('batch-response');
    const results = entries(response.body);
    expect(results.map((e) => e.response?.status)).toEqual([
      '200 OK',
      '200 OK',
      '403 Forbidden',
      '400 Bad Request',
      '200 OK',
    ]);
    expect((results[1]?.resource as fhir4.Bundle).total).toBe(4);
    expect(results[3]?.response?.outcome?.resourceType).toBe('OperationOutcome');
  });

  it('refuses a transaction and a body that is not a Bundle', async () => {
    expect((await post('', bearer(), { resourceType: 'Bundle', type: 'transaction', entry: [] })).status).toBe(400);
    expect((await post('', bearer(), { resourceType: 'Patient' })).status).toBe(400);
  });
});

describe('create', () => {
  it('creates, honouring If-None-Exist: 201 then 200 with the same resource, 412 on several matches', async () => {
    const token = bearer();
    const identifier = `urn:uuid:${crypto.randomUUID()}`;
    const headers = { 'If-None-Exist': `identifier=urn:ietf:rfc:3986|${identifier}`, Prefer: 'return=representation' };
    const created = await post('DocumentReference', token, note(identifier), headers);
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect(created.headers.get('location')).toBe(`${FHIR}/DocumentReference/${id}/_history/1`);
    expect(created.headers.get('etag')).toBe('W/"1"');
    const again = await post('DocumentReference', token, note(identifier), headers);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
    const readBack = await get(`DocumentReference/${id}`, token, { 'Cache-Control': 'no-cache' });
    expect(readBack.body).toMatchObject({ id, status: 'current', subject: { reference: `Patient/${PATIENT}` } });
    const found = await get(`DocumentReference?patient=${PATIENT}&identifier=urn:ietf:rfc:3986|${identifier}`, token);
    expect(found.body.total).toBe(1);

    const duplicate = `urn:uuid:${crypto.randomUUID()}`;
    await post('DocumentReference', token, note(duplicate));
    await post('DocumentReference', token, note(duplicate));
    const ambiguous = await post('DocumentReference', token, note(duplicate), {
      'If-None-Exist': `identifier=urn:ietf:rfc:3986|${duplicate}`,
    });
    expect(ambiguous.status).toBe(412);
    expect(ambiguous.body.resourceType).toBe('OperationOutcome');
  });

  it('creates a Provenance whose target is the note, conditional on the target', async () => {
    const token = bearer();
    const created = await post('DocumentReference', token, note(`urn:uuid:${crypto.randomUUID()}`));
    const target = `DocumentReference/${String(created.body.id)}`;
    const provenance = {
      resourceType: 'Provenance',
      target: [{ reference: target }],
      recorded: '2026-03-10T09:46:00Z',
      agent: [{ who: { reference: 'Practitioner/spine-surgeon-okafor' } }],
    };
    const first = await post('Provenance', token, provenance, { 'If-None-Exist': `target=${target}` });
    expect(first.status).toBe(201);
    const second = await post('Provenance', token, provenance, { 'If-None-Exist': `target=${target}` });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
  });

  it('honours Prefer: return=minimal', async () => {
    const response = await fetch(`${FHIR}/DocumentReference`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${bearer()}`,
        'Content-Type': 'application/fhir+json',
        Prefer: 'return=minimal',
      },
      body: JSON.stringify(note(`urn:uuid:${crypto.randomUUID()}`)),
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('');
    expect(response.headers.get('location')).toMatch(/\/DocumentReference\/\d+\/_history\/1$/);
  });

  it('answers 422 with an OperationOutcome naming each structural problem', async () => {
    const invalid = {
      ...note('urn:uuid:x'),
      status: undefined,
      content: [{ attachment: { data: '***' } }],
      type: undefined,
    };
    const response = await post('DocumentReference', bearer(), invalid);
    expect(response.status).toBe(422);
    const issues = (response.body as unknown as fhir4.OperationOutcome).issue;
    expect(issues.map((i) => i.expression?.[0])).toEqual(
      expect.arrayContaining([
        'DocumentReference.status',
        'DocumentReference.type',
        'DocumentReference.content[0].attachment.contentType',
        'DocumentReference.content[0].attachment.data',
      ]),
    );
    const provenance = await post('Provenance', bearer(), { resourceType: 'Provenance', target: [] });
    expect(provenance.status).toBe(422);
  });

  it('answers 400 for unparseable JSON, a wrong resourceType or a client-chosen id, and 403 for another patient', async () => {
    const token = bearer();
    expect((await post('DocumentReference', token, '{"resourceType": "DocumentRef')).status).toBe(400);
    expect(
      (await post('DocumentReference', token, { ...note('urn:uuid:y'), resourceType: 'Observation' })).status,
    ).toBe(400);
    expect((await post('DocumentReference', token, { ...note('urn:uuid:z'), id: 'mine' })).status).toBe(400);
    expect((await post('DocumentReference', token, note('urn:uuid:w', LARGE))).status).toBe(403);
  });
});

describe('CORS for the app origin', () => {
  it('answers the preflight and exposes Location, ETag and Retry-After', async () => {
    const preflight = await fetch(`${FHIR}/DocumentReference`, {
      method: 'OPTIONS',
      headers: {
        Origin: APP,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, if-none-exist',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
    for (const header of ['Authorization', 'Content-Type', 'If-None-Exist', 'Cache-Control', 'Prefer']) {
      expect(preflight.headers.get('access-control-allow-headers')).toContain(header);
    }
    const response = await fetch(`${FHIR}/Patient/${PATIENT}`, {
      headers: { Origin: APP, Authorization: `Bearer ${bearer()}` },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('Retry-After'));
  });

  it('gives no CORS headers to another origin', async () => {
    const response = await fetch(`${EHR}/fhir/metadata`, { headers: { Origin: 'https://elsewhere.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
