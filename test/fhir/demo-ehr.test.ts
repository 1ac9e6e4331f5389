import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoEhr, type Fault } from '../../mocks/ehr';
import { assess, recordFromBundle } from '../../src/clinical';
import { CLINICAL_TYPES, type ClinicalType, type ReadState } from '../../src/clinical/record';
import { createFetchTransport, fetchRecord, readCapabilities, type FetchRecordOptions } from '../../src/fhir';

// The fetch stage against the demo EHR of mocks/ (its MSW handlers under msw/node, its faults).
const NOW = new Date('2026-11-20T10:00:00Z');
const ehr = createDemoEhr({ ehrOrigin: 'http://ehr.demo', appOrigin: 'http://app.demo', now: NOW });
const server = setupServer(...ehr.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => ehr.faults.clear());
afterAll(() => server.close());

const small = ehr.patients.filter((patient) => patient.scenario !== 15);
const first = small[0]!;

function read(patientId: string, options: Partial<FetchRecordOptions> = {}, timeoutMs = 20_000) {
  const token = ehr.mintAccessToken({ patient: patientId });
  const transport = createFetchTransport(ehr.fhirBase, token, fetch, { timeoutMs, sleep: async () => {} });
  return fetchRecord(transport, { patientId, ruleSetIds: ['pvp-guideline'], ...options });
}

describe('fetchRecord against the demo EHR', () => {
  it.each(small.map((patient) => [patient.scenario, patient] as const))(
    'scenario %i: the fetched record assesses exactly as the whole chart does',
    async (_scenario, patient) => {
      const record = await read(patient.id, patient.encounterId ? { encounterId: patient.encounterId } : {});
      for (const type of CLINICAL_TYPES) expect(record.reads[type].state, type).toBe('full');
      expect(record.patient?.id).toBe(patient.id);
      const options = { now: NOW, answers: patient.answers ?? {} };
      const fetched = assess(record, options);
      const whole = assess(recordFromBundle(patient.bundle), options);
      expect(fetched.recommendation).toBe(whole.recommendation);
      expect(fetched.criteria.map((c) => [c.id, c.status])).toEqual(whole.criteria.map((c) => [c.id, c.status]));
    },
  );

  it('uses one batch when the deployment allows it and the server offers it', async () => {
    const token = ehr.mintAccessToken({ patient: first.id });
    const transport = createFetchTransport(ehr.fhirBase, token);
    const capabilities = readCapabilities((await transport.request({ url: 'metadata' })).body);
    expect(capabilities.batch).toBe(true);
    const record = await fetchRecord(transport, {
      patientId: first.id,
      ruleSetIds: ['pvp-guideline'],
      batch: true,
      capabilities,
    });
    for (const type of CLINICAL_TYPES) expect(record.reads[type].state, type).toBe('full');
  });

  it('marks a type not-permitted when the granted scope leaves it out, without failing the record', async () => {
    const token = ehr.mintAccessToken({
      patient: first.id,
      scope: 'launch/patient patient/Patient.rs patient/Condition.rs patient/Observation.rs',
    });
    const record = await fetchRecord(createFetchTransport(ehr.fhirBase, token), {
      patientId: first.id,
      ruleSetIds: ['pvp-guideline'],
    });
    expect(record.reads.Condition.state).toBe('full');
    expect(record.reads.AllergyIntolerance.state).toBe('not-permitted');
    expect(record.patient?.id).toBe(first.id);
  });
});

describe('fetchRecord against the demo EHR faults, per read type', () => {
  const faults: Array<[string, Fault, ReadState]> = [
    ['401 expired token', { kind: 'expired-token' }, 'not-permitted'],
    ['403', { kind: 'status', status: 403 }, 'not-permitted'],
    ['404 (the server lists the type)', { kind: 'status', status: 404 }, 'failed'],
    ['429 Retry-After beyond the budget', { kind: 'rate-limit', retryAfterSeconds: 60 }, 'failed'],
    ['500 with diagnostics', { kind: 'status', status: 500, diagnostics: 'NullPointerException' }, 'failed'],
    ['503', { kind: 'status', status: 503 }, 'failed'],
    ['hang', { kind: 'hang' }, 'failed'],
    ['HTML error page', { kind: 'html-error', status: 200 }, 'failed'],
    ['truncated JSON', { kind: 'truncated-json' }, 'failed'],
  ];
  const cases = CLINICAL_TYPES.flatMap((type) =>
    faults.map(([label, fault, state]) => [type, label, fault, state] as const),
  );

  it.each(cases)('%s: %s → %s; every other type is read', async (type: ClinicalType, _label, fault, state) => {
    ehr.faults.add({ method: 'GET', path: new RegExp(`^/fhir/${type}\\?`), fault });
    const record = await read(first.id, {}, 300);
    expect(record.reads[type].state).toBe(state);
    expect(record.reads[type].reason).toBeTruthy();
    expect(record.reads[type].reason).not.toMatch(/https?:|ehr\.demo|pvp-\d/);
    for (const other of CLINICAL_TYPES.filter((t) => t !== type)) expect(record.reads[other].state, other).toBe('full');
  });

  it('a 429 with a short Retry-After is retried and the type is read fully', async () => {
    ehr.faults.add({
      method: 'GET',
      path: /^\/fhir\/Observation\?/,
      times: 1,
      fault: { kind: 'rate-limit', retryAfterSeconds: 1 },
    });
    const record = await read(first.id);
    expect(record.reads.Observation.state).toBe('full');
  });

  it('a next page that is gone (410) leaves the type partial', async () => {
    ehr.faults.add({ method: 'GET', path: /_getpages/, fault: { kind: 'status', status: 410 } });
    const record = await read(first.id, { limits: { pageSize: 2 } });
    expect(record.reads.Condition.state).toBe('partial');
    expect(record.reads.Condition.count).toBe(2);
    expect(record.reads.Condition.reason).toMatch(/expired/);
  });
});
