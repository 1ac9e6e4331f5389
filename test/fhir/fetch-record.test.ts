import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { searchNeeds, type SearchNeeds } from '../../src/clinical';
import { CLINICAL_TYPES, type ClinicalType } from '../../src/clinical/record';
import {
  createFetchTransport,
  fetchRecord as fetchWithRuleSets,
  fetchRecordWithNeeds,
  mergeRecords,
  readCapabilities,
  type FetchProgress,
  type FetchRecordOptions,
} from '../../src/fhir';
import { recordWithHistory, LOINC, OBSERVATION_CODES, typicalRecord } from './support/records';
import { BASE, NOW, operationOutcome, PATIENT, server, useStandin } from './support/server';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const FILTERS: SearchNeeds = { Observation: OBSERVATION_CODES };
const noWait = { sleep: async () => {} };
const transport = () => createFetchTransport(BASE, 'token', fetch, noWait);
const fetchRecord = (options: Partial<FetchRecordOptions> = {}, filters = FILTERS) =>
  fetchRecordWithNeeds(transport(), filters, { patientId: PATIENT, ruleSetIds: ['pvp-guideline'], ...options });

/** fault only for searches of one type (first page), passing everything else to the stand-in */
const faultFor = (type: ClinicalType, respond: () => Response) => (_request: Request, url: URL) =>
  url.pathname.endsWith(`/${type}`) ? respond() : undefined;

describe('fetchRecord: one wave', () => {
  it('reads every clinical type, the Patient and the Encounter, all issued before any answer', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let release: () => void = () => {};
    const allArrived = new Promise<void>((resolve) => {
      release = resolve;
    });
    const expected = CLINICAL_TYPES.length + 2;
    const standin = useStandin({
      resources: [
        ...typicalRecord(PATIENT, NOW),
        { resourceType: 'Encounter', id: 'e1', status: 'in-progress', class: { code: 'IMP' } } as fhir4.Encounter,
      ],
      fault: async () => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        if (inFlight === expected) release();
        // waits for the whole wave; the time-out only keeps a broken implementation from hanging
        await Promise.race([allArrived, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
        return undefined;
      },
    });
    const record = await fetchRecord({ encounterId: 'e1' });
    expect(maxInFlight).toBe(expected);
    expect(standin.log).toHaveLength(expected);
    expect(record.patient?.id).toBe(PATIENT);
    expect(record.encounter?.id).toBe('e1');
    for (const type of CLINICAL_TYPES) expect(record.reads[type].state).toBe('full');
    expect(record.reads.Condition.count).toBe(3);
    expect(record.resources.Observation.map((o) => o.id).sort()).toEqual([
      `${PATIENT}-inr`,
      `${PATIENT}-nrs`,
      `${PATIENT}-plt`,
    ]);
  });

  it('filters Observations on the server by the rule set codes, newest first, one page of 500', async () => {
    const standin = useStandin();
    await fetchRecord();
    const observationQuery = new URL(`http://x${standin.log.find((line) => line.includes('/Observation?'))!.slice(4)}`)
      .searchParams;
    expect(observationQuery.get('patient')).toBe(PATIENT);
    expect(observationQuery.get('code')!.split(',')).toEqual([...OBSERVATION_CODES].sort());
    expect(observationQuery.get('_sort')).toBe('-date');
    expect(observationQuery.get('_count')).toBe('500');
    const conditionQuery = standin.log.find((line) => line.includes('/Condition?'))!;
    expect(conditionQuery).not.toMatch(/clinical-status|code=/);
  });

  it('takes its server-side filters from the rule set (searchNeeds), not from a second list', async () => {
    const standin = useStandin();
    await fetchWithRuleSets(transport(), { patientId: PATIENT, ruleSetIds: ['pvp-guideline'] });
    const expected = searchNeeds(['pvp-guideline']).Observation ?? [];
    expect(expected.length).toBeGreaterThan(0);
    const observationQuery = new URL(`http://x${standin.log.find((line) => line.includes('/Observation?'))!.slice(4)}`)
      .searchParams;
    expect(observationQuery.get('code')!.split(',')).toEqual([...new Set(expected)].sort());
  });

  it('reports progress per type: loading, then the final state and count', async () => {
    useStandin();
    const events: FetchProgress[] = [];
    await fetchRecord({ onProgress: (event) => events.push(event) });
    expect(events.filter((e) => e.type === 'Condition').map((e) => e.state)).toEqual(['loading', 'loading', 'full']);
    expect(events.at(-1)).toBeDefined();
    expect(events).toContainEqual({ type: 'Patient', state: 'full', count: 1 });
    expect(events).toContainEqual({ type: 'Observation', state: 'full', count: 3 });
  });
});

describe('fetchRecord: paging', () => {
  it('follows next links (HAPI _getpages) until the end', async () => {
    const standin = useStandin({ resources: recordWithHistory(PATIENT, NOW, 30) });
    const record = await fetchRecord({ limits: { pageSize: 10 } }, {});
    expect(record.reads.Observation).toEqual({ state: 'full', count: 30 + 3 + 1 + 40 });
    expect(standin.log.filter((line) => line.includes('_getpages')).length).toBeGreaterThan(10);
  });

  it('stops at the page cap and marks the type partial with a reason', async () => {
    useStandin({ resources: recordWithHistory(PATIENT, NOW, 100) });
    const record = await fetchRecord({ limits: { pageSize: 10, maxPages: 3 } }, {});
    expect(record.reads.Observation.state).toBe('partial');
    expect(record.reads.Observation.count).toBe(30);
    expect(record.reads.Observation.reason).toMatch(
      /^Only 30 Observation entries were read: the reading limit was reached/,
    );
    expect(record.reads.Condition.state).toBe('partial');
  });

  it('stops at the resource cap too', async () => {
    useStandin({ resources: recordWithHistory(PATIENT, NOW, 100) });
    const record = await fetchRecord({ limits: { pageSize: 10, maxResources: 25 } }, {});
    expect(record.reads.Observation).toMatchObject({ state: 'partial', count: 30 });
  });

  it('marks the type partial when a next page is gone (410: the search expired)', async () => {
    useStandin({
      resources: recordWithHistory(PATIENT, NOW, 30),
      fault: (_request, url) =>
        url.searchParams.has('_getpages') ? operationOutcome(410, 'Search ID does not exist') : undefined,
    });
    const record = await fetchRecord({ limits: { pageSize: 10 } }, {});
    expect(record.reads.Observation).toMatchObject({ state: 'partial', count: 10 });
    expect(record.reads.Observation.reason).toMatch(/expired/);
    expect(record.reads.AllergyIntolerance.state).toBe('full');
  });

  it('asks its own server for a _getpages link that names the internal address of a proxied HAPI', async () => {
    const standin = useStandin({
      fault: faultFor('Procedure', () =>
        HttpResponse.json({
          resourceType: 'Bundle',
          type: 'searchset',
          link: [
            { relation: 'next', url: 'http://hapi-internal:8080/fhir?_getpages=abc&_getpagesoffset=20&_count=20' },
          ],
          entry: [],
        }),
      ),
    });
    const record = await fetchRecord();
    expect(standin.log).toContain('GET /fhir?_getpages=abc&_getpagesoffset=20&_count=20');
    expect(record.reads.Procedure.state).toBe('partial');
    expect(record.reads.Procedure.reason).toMatch(/expired/);
  });

  it('does not follow a next link to another origin', async () => {
    useStandin({
      fault: faultFor('Procedure', () =>
        HttpResponse.json({
          resourceType: 'Bundle',
          type: 'searchset',
          link: [{ relation: 'next', url: 'https://attacker.example/steal?page=2' }],
          entry: [],
        }),
      ),
    });
    const record = await fetchRecord();
    expect(record.reads.Procedure.state).toBe('partial');
  });
});

describe('fetchRecord: servers that reject a parameter', () => {
  it('retries the type once with a broader query and filters on the client', async () => {
    const standin = useStandin({
      resources: recordWithHistory(PATIENT, NOW, 16),
      unknownParams: { Observation: ['code'] },
    });
    const record = await fetchRecord();
    expect(record.reads.Observation).toEqual({ state: 'full', count: 3 + 40, filteredOnClient: true });
    expect(
      record.resources.Observation.every((o) =>
        o.code.coding?.some((c) => c.system === LOINC && OBSERVATION_CODES.includes(`${LOINC}|${c.code}`)),
      ),
    ).toBe(true);
    expect(standin.log.filter((line) => line.includes('/Observation?'))).toHaveLength(2);
    expect(record.reads.Condition.filteredOnClient).toBeUndefined();
  });

  it('goes broad at once when the CapabilityStatement does not list the parameter', async () => {
    const standin = useStandin({ unknownParams: { Observation: ['code'] } });
    const capabilities = readCapabilities(await (await fetch(`${BASE}/metadata`)).json());
    standin.log.length = 0;
    const record = await fetchRecord({ capabilities });
    expect(record.reads.Observation).toMatchObject({ state: 'full', count: 3, filteredOnClient: true });
    expect(standin.log.filter((line) => line.includes('/Observation?'))).toHaveLength(1);
  });

  it('does not repeat a query that was already the broad one', async () => {
    const standin = useStandin({
      fault: faultFor('Condition', () => operationOutcome(400, 'HAPI-0323: Unknown search parameter')),
    });
    const record = await fetchRecord();
    expect(record.reads.Condition.state).toBe('failed');
    expect(standin.log.filter((line) => line.includes('/Condition?'))).toHaveLength(1);
  });

  it('marks the type failed when the broader query is rejected too', async () => {
    useStandin({ unknownParams: { Observation: ['code', 'patient'] } });
    const record = await fetchRecord();
    expect(record.reads.Observation.state).toBe('failed');
    expect(record.reads.Observation.reason).toContain('Unknown search parameter');
  });
});

describe('fetchRecord: faults per type', () => {
  const html = () =>
    new Response('<html><h1>Service unavailable</h1></html>', { headers: { 'content-type': 'text/html' } });
  const truncated = () =>
    new Response('{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resou', {
      headers: { 'content-type': 'application/fhir+json' },
    });
  it.each<[string, () => Response, string, RegExp]>([
    ['401 expired', () => operationOutcome(401), 'not-permitted', /session/],
    ['403', () => operationOutcome(403), 'not-permitted', /did not allow/],
    ['404 from a server that lists the type', () => operationOutcome(404), 'failed', /does not have/],
    ['429 without end', () => operationOutcome(429, undefined, { 'retry-after': '60' }), 'failed', /busy/],
    ['500', () => operationOutcome(500, 'NullPointerException at Patient/p1'), 'failed', /internal error/],
    ['503', () => operationOutcome(503), 'failed', /internal error/],
    ['an HTML body', html, 'failed', /cannot read/],
    ['truncated JSON', truncated, 'failed', /cannot read/],
    ['an OperationOutcome with status 200', () => operationOutcome(200, 'warning'), 'failed', /cannot read/],
  ])('%s on Condition → %s, every other type still read', async (_label, respond, state, reason) => {
    useStandin({ fault: faultFor('Condition', respond) });
    const record = await fetchRecord();
    expect(record.reads.Condition.state).toBe(state);
    expect(record.reads.Condition.count).toBe(0);
    expect(record.reads.Condition.reason).toMatch(reason);
    expect(record.reads.Condition.reason).not.toMatch(/http|p1/);
    for (const type of CLINICAL_TYPES.filter((t) => t !== 'Condition')) expect(record.reads[type].state).toBe('full');
    expect(record.patient?.id).toBe(PATIENT);
  });

  it('a type whose read hangs times out alone; the others are read', async () => {
    useStandin({
      fault: async (_request, url) => {
        if (!url.pathname.endsWith('/DiagnosticReport')) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 2_000).unref());
        return operationOutcome(500);
      },
    });
    const record = await fetchRecordWithNeeds(createFetchTransport(BASE, 'token', fetch, { timeoutMs: 100 }), FILTERS, {
      patientId: PATIENT,
      ruleSetIds: ['pvp-guideline'],
    });
    expect(record.reads.DiagnosticReport.state).toBe('failed');
    expect(record.reads.DiagnosticReport.reason).toMatch(/did not answer in time/);
    expect(record.reads.Condition.state).toBe('full');
  });

  it('keeps the record without the Patient when the Patient read fails', async () => {
    useStandin({ fault: (_request, url) => (url.pathname.includes('/Patient/') ? operationOutcome(500) : undefined) });
    const events: FetchProgress[] = [];
    const record = await fetchRecord({ onProgress: (event) => events.push(event) });
    expect(record.patient).toBeUndefined();
    expect(events).toContainEqual({ type: 'Patient', state: 'failed', count: 0 });
    expect(record.reads.Condition.state).toBe('full');
  });

  it('drops malformed and wrong-type entries, counts them, and deduplicates by id', async () => {
    const allergy = typicalRecord(PATIENT, NOW).find((r) => r.resourceType === 'AllergyIntolerance')!;
    useStandin({
      fault: faultFor('AllergyIntolerance', () =>
        HttpResponse.json({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [
            { resource: allergy },
            { resource: allergy },
            { resource: { resourceType: 'Patient', id: 'other' } },
            { resource: { resourceType: 'AllergyIntolerance' } },
            { resource: { resourceType: 'AllergyIntolerance', id: '../../etc' } },
            { fullUrl: 'urn:uuid:x' },
            42,
            null,
            { resource: { resourceType: 'OperationOutcome', issue: [] }, search: { mode: 'outcome' } },
          ],
        }),
      ),
    });
    const record = await fetchRecord();
    expect(record.resources.AllergyIntolerance).toHaveLength(1);
    expect(record.reads.AllergyIntolerance).toMatchObject({ state: 'partial', count: 1 });
    expect(record.reads.AllergyIntolerance.reason).toMatch(/^6 AllergyIntolerance entries were malformed/);
  });

  it('rejects as aborted when the caller cancels', async () => {
    useStandin();
    const controller = new AbortController();
    const pending = fetchRecord({ signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('fetchRecord: permissions, capabilities, retry of one type', () => {
  it('sends no request for a type the scope does not allow', async () => {
    const standin = useStandin();
    const events: FetchProgress[] = [];
    const record = await fetchRecord({
      permissions: { read: (type) => type !== 'MedicationStatement' && type !== 'Patient' },
      onProgress: (event) => events.push(event),
    });
    expect(record.reads.MedicationStatement).toMatchObject({ state: 'not-permitted', count: 0 });
    expect(events).toContainEqual({ type: 'MedicationStatement', state: 'not-permitted', count: 0 });
    expect(events).toContainEqual({ type: 'Patient', state: 'not-permitted', count: 0 });
    expect(record.patient).toBeUndefined();
    expect(standin.log.some((line) => /MedicationStatement|Patient\//.test(line))).toBe(false);
  });

  it('does not request a type the CapabilityStatement does not list', async () => {
    const standin = useStandin({ types: ['Patient', ...CLINICAL_TYPES.filter((t) => t !== 'MedicationStatement')] });
    const capabilities = readCapabilities(await (await fetch(`${BASE}/metadata`)).json());
    standin.log.length = 0;
    const record = await fetchRecord({ capabilities });
    expect(record.reads.MedicationStatement).toMatchObject({
      state: 'not-requested',
      reason: 'This FHIR server does not offer MedicationStatement records.',
    });
    expect(standin.log.some((line) => line.includes('MedicationStatement'))).toBe(false);
  });

  it('does not read the Patient again when the app already holds it', async () => {
    const standin = useStandin();
    const patient = typicalRecord(PATIENT, NOW)[0] as fhir4.Patient;
    const record = await fetchRecord({ patient });
    expect(record.patient).toBe(patient);
    expect(standin.log.some((line) => line.includes('/Patient/'))).toBe(false);
  });

  it('takes a 404 for "not offered" only when the CapabilityStatement confirms it, asked once', async () => {
    const standin = useStandin({
      types: ['Patient', ...CLINICAL_TYPES.filter((t) => t !== 'MedicationStatement' && t !== 'Procedure')],
    });
    const record = await fetchRecord();
    expect(record.reads.MedicationStatement).toMatchObject({
      state: 'not-requested',
      reason: 'This FHIR server does not offer MedicationStatement records.',
    });
    expect(record.reads.Procedure.state).toBe('not-requested');
    expect(standin.log.filter((line) => line.includes('/metadata'))).toHaveLength(1);
    expect(record.reads.MedicationRequest.state).toBe('full');
  });

  it('re-reads only the failed type and merges it, keeping everything in hand', async () => {
    useStandin({ fault: faultFor('Condition', () => operationOutcome(503)) });
    const first = await fetchRecord();
    expect(first.reads.Condition.state).toBe('failed');
    const standin = useStandin();
    const update = await fetchRecord({ only: ['Condition'] });
    expect(standin.log).toHaveLength(1);
    const merged = mergeRecords(first, update, ['Condition']);
    expect(merged.reads.Condition).toEqual({ state: 'full', count: 3 });
    expect(merged.resources.Condition).toHaveLength(3);
    expect(merged.resources.Observation).toBe(first.resources.Observation);
    expect(merged.patient).toBe(first.patient);
    expect(first.reads.Condition.state).toBe('failed');
  });
});

describe('fetchRecord: the Patient read the app started for the header', () => {
  const html = () =>
    new Response('<html><h1>Service unavailable</h1></html>', { headers: { 'content-type': 'text/html' } });
  const onPatient = (respond: () => Response | Promise<Response>) => (_request: Request, url: URL) =>
    url.pathname.includes('/Patient/') ? respond() : undefined;
  const patientRequests = (log: string[]) => log.filter((line) => line.includes('/Patient/'));

  /** the record's Patient and the Patient's progress, read in the wave or handed in as already started */
  async function readPatient(way: 'in the wave' | 'handed in', client = transport(), signal?: AbortSignal) {
    const events: FetchProgress[] = [];
    const patientRead =
      way === 'handed in' ? client.request({ url: `Patient/${PATIENT}`, ...(signal && { signal }) }) : undefined;
    const record = await fetchRecordWithNeeds(client, FILTERS, {
      patientId: PATIENT,
      ruleSetIds: ['pvp-guideline'],
      onProgress: (event) => events.push(event),
      ...(patientRead && { patientRead }),
      ...(signal && { signal }),
    });
    return {
      patient: record.patient,
      progress: events.filter((event) => event.type === 'Patient'),
      conditions: record.reads.Condition,
    };
  }

  it('awaits the handed-in read instead of reading the Patient again', async () => {
    const standin = useStandin();
    const handedIn = await readPatient('handed in');
    expect(patientRequests(standin.log)).toEqual([`GET /fhir/Patient/${PATIENT}`]);
    expect(handedIn.patient?.id).toBe(PATIENT);
    expect(handedIn.progress).toEqual([
      { type: 'Patient', state: 'loading', count: 0 },
      { type: 'Patient', state: 'full', count: 1 },
    ]);
    expect(handedIn.conditions).toEqual({ state: 'full', count: 3 });
  });

  it.each<[string, () => Response | Promise<Response>, string]>([
    ['401 expired', () => operationOutcome(401), 'not-permitted'],
    ['403', () => operationOutcome(403), 'not-permitted'],
    ['404', () => operationOutcome(404), 'failed'],
    ['500', () => operationOutcome(500), 'failed'],
    ['an HTML body', html, 'failed'],
    ['an OperationOutcome with status 200', () => operationOutcome(200, 'warning'), 'failed'],
  ])('a handed-in read answered with %s ends as the wave’s own read would: %s', async (_label, respond, state) => {
    useStandin({ fault: onPatient(respond) });
    const inTheWave = await readPatient('in the wave');
    const standin = useStandin({ fault: onPatient(respond) });
    const handedIn = await readPatient('handed in');
    expect(handedIn).toEqual(inTheWave);
    expect(handedIn.patient).toBeUndefined();
    expect(handedIn.progress.at(-1)).toEqual({ type: 'Patient', state, count: 0 });
    expect(handedIn.conditions.state).toBe('full');
    expect(patientRequests(standin.log)).toHaveLength(1);
  });

  it.each<[string, () => Response]>([
    [
      'another patient',
      () => HttpResponse.json({ resourceType: 'Patient', id: 'someone-else', name: [{ family: 'Else' }] }),
    ],
    ['another resource type', () => HttpResponse.json({ resourceType: 'Practitioner', id: PATIENT })],
  ])(
    'a Patient read answered with %s stops the whole read, in the wave and handed in (issue #15, finding 5)',
    async (_label, respond) => {
      useStandin({ fault: onPatient(respond) });
      await expect(readPatient('in the wave')).rejects.toMatchObject({ kind: 'wrong-patient' });
      useStandin({ fault: onPatient(respond) });
      await expect(readPatient('handed in')).rejects.toMatchObject({ kind: 'wrong-patient' });
    },
  );

  it('a handed-in read that times out ends as the wave’s own read would', async () => {
    const hang = async () => {
      await new Promise((resolve) => setTimeout(resolve, 2_000).unref());
      return operationOutcome(500);
    };
    const impatient = () => createFetchTransport(BASE, 'token', fetch, { timeoutMs: 100 });
    useStandin({ fault: onPatient(hang) });
    const inTheWave = await readPatient('in the wave', impatient());
    useStandin({ fault: onPatient(hang) });
    const handedIn = await readPatient('handed in', impatient());
    expect(handedIn).toEqual(inTheWave);
    expect(handedIn.progress.at(-1)).toEqual({ type: 'Patient', state: 'failed', count: 0 });
  });

  it('rejects as aborted when the caller cancels while its read is under way', async () => {
    useStandin();
    const controller = new AbortController();
    const pending = readPatient('handed in', transport(), controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('leaves the Patient out of the batch Bundle', async () => {
    const standin = useStandin({ batch: true });
    const capabilities = readCapabilities(await (await fetch(`${BASE}/metadata`)).json());
    standin.log.length = 0;
    const client = transport();
    const patientRead = client.request({ url: `Patient/${PATIENT}` });
    const record = await fetchRecordWithNeeds(client, FILTERS, {
      patientId: PATIENT,
      ruleSetIds: ['pvp-guideline'],
      batch: true,
      capabilities,
      patientRead,
    });
    expect([...standin.log].sort()).toEqual([`GET /fhir/Patient/${PATIENT}`, 'POST /fhir']);
    expect(record.patient?.id).toBe(PATIENT);
    for (const type of CLINICAL_TYPES) expect(record.reads[type].state).toBe('full');
  });
});

describe('fetchRecord: batch', () => {
  it('sends one batch Bundle when the deployment allows it and the server offers it', async () => {
    const standin = useStandin({ batch: true });
    const capabilities = readCapabilities(await (await fetch(`${BASE}/metadata`)).json());
    expect(capabilities.batch).toBe(true);
    standin.log.length = 0;
    const record = await fetchRecord({ batch: true, capabilities });
    expect(standin.log).toEqual(['POST /fhir']);
    expect(record.patient?.id).toBe(PATIENT);
    for (const type of CLINICAL_TYPES) expect(record.reads[type].state).toBe('full');
    expect(record.resources.Observation).toHaveLength(3);
  });

  it('fetches the CapabilityStatement first when it is not given (one more round trip)', async () => {
    const standin = useStandin({ batch: true });
    await fetchRecord({ batch: true });
    expect(standin.log).toEqual(['GET /fhir/metadata', 'POST /fhir']);
  });

  it('handles a failing entry of the batch like a failing request, and pages on with GET', async () => {
    const standin = useStandin({
      batch: true,
      resources: recordWithHistory(PATIENT, NOW, 10),
      unknownParams: { Observation: ['code'] },
    });
    const capabilities = {
      ...readCapabilities(await (await fetch(`${BASE}/metadata`)).json()),
      searchParams: new Map(),
    };
    standin.log.length = 0;
    const record = await fetchRecord({ batch: true, capabilities, limits: { pageSize: 100 } });
    expect(record.reads.Observation).toMatchObject({ state: 'full', filteredOnClient: true, count: 43 });
    expect(record.reads.Condition).toEqual({ state: 'full', count: 303 });
    expect(standin.log[0]).toBe('POST /fhir');
    expect(standin.log.filter((line) => line.includes('_getpages')).length).toBeGreaterThan(0);
  });

  it('falls back to parallel reads when the server refuses the batch', async () => {
    const standin = useStandin({ batch: false });
    const record = await fetchRecord({
      batch: true,
      capabilities: { types: new Set(), searchParams: new Map(), batch: true },
    });
    expect(standin.log[0]).toBe('POST /fhir');
    expect(standin.log).toHaveLength(1 + CLINICAL_TYPES.length + 1);
    expect(record.reads.Observation.state).toBe('full');
  });

  it.each([
    [401, 'not-permitted', 'expired'],
    [429, 'failed', 'busy'],
  ] as const)(
    'does not resend the lists one by one when the batch meets %i: every list fails with it',
    async (status, state, words) => {
      const standin = useStandin({ batch: true });
      server.use(
        http.post(BASE, () => operationOutcome(status, undefined, status === 429 ? { 'retry-after': '30' } : {})),
      );
      const record = await fetchRecord({
        batch: true,
        capabilities: { types: new Set(), searchParams: new Map(), batch: true },
      });
      expect(standin.log).toEqual([]);
      for (const type of CLINICAL_TYPES) {
        expect(record.reads[type].state).toBe(state);
        expect(record.reads[type].reason).toContain(words);
      }
    },
  );

  it('falls back to one request per list when the batch fails on the server (500)', async () => {
    const standin = useStandin({ batch: true });
    server.use(http.post(BASE, () => operationOutcome(500)));
    const record = await fetchRecord({
      batch: true,
      capabilities: { types: new Set(), searchParams: new Map(), batch: true },
    });
    expect(standin.log).toHaveLength(CLINICAL_TYPES.length + 1);
    for (const type of CLINICAL_TYPES) expect(record.reads[type].state).toBe('full');
  });

  it('uses parallel reads when the server does not offer batch', async () => {
    const standin = useStandin({ batch: false });
    await fetchRecord({ batch: true });
    expect(standin.log.filter((line) => line.startsWith('POST'))).toEqual([]);
  });
});
