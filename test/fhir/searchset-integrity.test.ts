import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoEhr } from '../../mocks/ehr';
import { assess, recordFromBundle } from '../../src/clinical';
import { CLINICAL_TYPES, type ClinicalType, type PatientRecord } from '../../src/clinical/record';
import {
  buildTypeQuery,
  createFetchTransport,
  DEFAULT_LIMITS,
  fetchRecord as fetchWithRuleSets,
  fetchRecordWithNeeds,
  mergeRecords,
} from '../../src/fhir';
import { readSearchPage } from '../../src/fhir/bundle';
import { typicalRecord } from './support/records';
import { BASE, NOW, PATIENT, server, useStandin } from './support/server';

// A searchset that is malformed, cut short, flagged by the server or mixed with other patients'
// resources is never read as "complete": the engine must not take its silence for absence.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const transport = () => createFetchTransport(BASE, 'token', fetch, { sleep: async () => {} });
const fetchRecord = () => fetchRecordWithNeeds(transport(), {}, { patientId: PATIENT, ruleSetIds: ['pvp-guideline'] });
const searchset = (fields: Record<string, unknown>) =>
  HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', ...fields });
/** answers the first search of one type itself, everything else through the stand-in */
const answerFor = (type: ClinicalType, body: () => Response) => (_request: Request, url: URL) =>
  url.pathname.endsWith(`/${type}`) ? body() : undefined;
const own = typicalRecord(PATIENT, NOW);
const ownOf = (type: string) => own.find((r) => r.resourceType === type) as unknown as Record<string, unknown>;
const ehr = createDemoEhr({ ehrOrigin: 'http://ehr.include.test', appOrigin: 'http://app.include.test', now: NOW });
const outcome = (severity: string, diagnostics: string) => ({
  resource: { resourceType: 'OperationOutcome', issue: [{ severity, code: 'suppressed', diagnostics }] },
  search: { mode: 'outcome' },
});

describe('readSearchPage', () => {
  it.each([
    ['an object', { resource: ownOf('Condition') }],
    ['a string', 'garbage'],
    ['null', null],
  ])('refuses a searchset whose entry is %s', (_name, entry) => {
    expect(() => readSearchPage({ resourceType: 'Bundle', type: 'searchset', entry }, 'Condition')).toThrow(
      expect.objectContaining({ kind: 'invalid-response' }),
    );
  });

  it('keeps included resources apart from the matches, and error outcomes as failures', () => {
    const page = readSearchPage(
      {
        resourceType: 'Bundle',
        type: 'searchset',
        total: 1,
        entry: [
          { resource: ownOf('MedicationRequest'), search: { mode: 'match' } },
          { resource: { resourceType: 'Medication', id: 'm1' }, search: { mode: 'include' } },
          { resource: { resourceType: 'Medication', id: '../m2' }, search: { mode: 'include' } },
          outcome('warning', 'Only the first 100 codes were used'),
          outcome('fatal', 'Withheld by https://ehr.example/fhir/Consent/9 for Patient/p1'),
        ],
      },
      'MedicationRequest',
    );
    expect(page.resources).toHaveLength(1);
    expect(page.included.map((r) => r.id)).toEqual(['m1']);
    expect(page.dropped).toBe(0);
    expect(page.failures).toEqual(['Withheld by [address] for Patient/[id]']);
    expect(page.total).toBe(1);
  });
});

describe('fetchRecord: a searchset that does not hold what it claims', () => {
  it.each([
    ['an object', () => ({ entry: { resource: ownOf('Condition') } })],
    ['a string', () => ({ entry: 'garbage' })],
  ])('a type whose entry is %s failed to read, with a plain reason', async (_name, body) => {
    useStandin({ fault: answerFor('Condition', () => searchset(body())) });
    const record = await fetchRecord();
    const reason = 'Condition records could not be read: The EHR sent an answer the app cannot read.';
    expect(record.reads.Condition).toEqual({
      state: 'failed',
      count: 0,
      reason,
      reasonText: {
        en: reason,
        de: 'Diagnoseliste: Die Einträge konnten nicht gelesen werden. Das KIS hat eine Antwort geschickt, die die App nicht lesen kann.',
      },
    });
    expect(record.reads.Observation.state).toBe('full');
  });

  it.each([
    ['fewer entries', { total: 3, entry: [{ resource: ownOf('Condition'), search: { mode: 'match' } }] }, 1],
    ['no entry at all', { total: 3 }, 0],
  ])('a total above what came, with no next page (%s), is a partial read', async (_name, body, count) => {
    useStandin({ fault: answerFor('Condition', () => searchset(body)) });
    const record = await fetchRecord();
    const reason = `The EHR counted 3 Condition entries but sent only ${count}.`;
    expect(record.reads.Condition).toEqual({
      state: 'partial',
      count,
      reason,
      reasonText: { en: reason, de: `Diagnoseliste: Das KIS meldete 3 Treffer, schickte aber nur ${count}.` },
    });
  });

  it('an error outcome among the entries ("results withheld") is a partial read with its text', async () => {
    useStandin({
      fault: answerFor('AllergyIntolerance', () =>
        searchset({ entry: [outcome('error', 'Some results were withheld: sensitive data')] }),
      ),
    });
    const record = await fetchRecord();
    const reason =
      'The EHR reported an error in the AllergyIntolerance results: "Some results were withheld: sensitive data".';
    expect(record.reads.AllergyIntolerance).toEqual({
      state: 'partial',
      count: 0,
      reason,
      reasonText: {
        en: reason,
        de: 'Allergieliste: Das KIS meldete einen Fehler in den Ergebnissen: „Some results were withheld: sensitive data“.',
      },
    });
  });

  it('a warning outcome is not data and changes nothing', async () => {
    useStandin({
      fault: answerFor('AllergyIntolerance', () =>
        searchset({ total: 0, entry: [outcome('warning', 'Search took long')] }),
      ),
    });
    expect((await fetchRecord()).reads.AllergyIntolerance).toEqual({ state: 'full', count: 0 });
  });

  it('sets aside what names another patient, or none, and says so; an absolute reference to this patient counts', async () => {
    const mine = {
      ...ownOf('Observation'),
      id: 'mine',
      subject: { reference: `${BASE}/Patient/${PATIENT}/_history/1` },
    };
    const theirs = { ...ownOf('Observation'), id: 'theirs', subject: { reference: 'Patient/someone-else' } };
    const nobody = { ...ownOf('Observation'), id: 'nobody', subject: undefined };
    useStandin({
      fault: answerFor('Observation', () =>
        searchset({ entry: [mine, theirs, nobody].map((resource) => ({ resource, search: { mode: 'match' } })) }),
      ),
    });
    const record = await fetchRecord();
    expect(record.resources.Observation.map((o) => o.id)).toEqual(['mine']);
    const reason = '2 Observation entries name another patient (or none) and were set aside.';
    expect(record.reads.Observation).toEqual({
      state: 'partial',
      count: 1,
      reason,
      reasonText: {
        en: reason,
        de: 'Beobachtungen (Scores, Labor): 2 Einträge gehören zu einer anderen Person (oder zu keiner) und wurden beiseitegelegt.',
      },
    });
  });

  it('scenario 4 (cement allergy) stays not eligible when its allergy searchset holds one entry as an object', async () => {
    const patient = ehr.patients.find((p) => p.scenario === 4)!;
    const resources = (patient.bundle.entry ?? []).map((e) => e.resource as fhir4.Resource);
    const allergy = resources.find((r) => r.resourceType === 'AllergyIntolerance')!;
    useStandin({
      resources,
      fault: answerFor('AllergyIntolerance', () =>
        searchset({ total: 1, entry: { resource: allergy, search: { mode: 'match' } } }),
      ),
    });
    const record = await fetchWithRuleSets(transport(), { patientId: patient.id, ruleSetIds: ['pvp-guideline'] });
    const assessment = assess(record, { now: NOW, answers: patient.answers ?? {} });
    expect(record.reads.AllergyIntolerance.state).toBe('failed');
    expect(assessment.criteria.find((c) => c.id === 'ci.cement-allergy')?.status).toBe('unknown');
    expect(assessment.recommendation).not.toBe('eligible');
  });
});

describe('the Medications of orders and statements, in the same wave (_include)', () => {
  it("asks for them in the orders' and statements' own search; the broad fallback does not", () => {
    for (const type of ['MedicationRequest', 'MedicationStatement'] as const) {
      const query = buildTypeQuery(type, 'p1', {}, DEFAULT_LIMITS);
      expect(new URL(query.url, 'http://x/').searchParams.getAll('_include')).toEqual([`${type}:medication`]);
      expect(query.broadUrl).not.toContain('_include');
    }
    expect(buildTypeQuery('Condition', 'p1', {}, DEFAULT_LIMITS).url).not.toContain('_include');
  });

  it('a retry of the medication orders keeps the Medications read before and adds its own', () => {
    const base = {
      medications: { 'Medication/a': { resourceType: 'Medication', id: 'a' } },
    } as unknown as PatientRecord;
    const update = {
      medications: { 'Medication/b': { resourceType: 'Medication', id: 'b' } },
    } as unknown as PatientRecord;
    const merged = mergeRecords(
      { ...base, resources: {}, reads: {} } as PatientRecord,
      { ...update, resources: {}, reads: {} } as PatientRecord,
      [],
    );
    expect(Object.keys(merged.medications ?? {})).toEqual(['Medication/a', 'Medication/b']);
  });
});

describe('against the demo EHR (msw/node)', () => {
  const scenario1 = ehr.patients.find((p) => p.scenario === 1)!;
  ehr.store.put({
    resourceType: 'Medication',
    id: 'apx',
    code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1364430', display: 'apixaban' }] },
  });
  ehr.store.put({
    resourceType: 'MedicationRequest',
    id: 'apx-rx',
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${scenario1.id}` },
    authoredOn: '2026-06-01',
    medicationReference: { reference: 'Medication/apx' },
  });
  const everyRead = ['Patient', ...CLINICAL_TYPES].map((t) => `patient/${t}.rs`).join(' ');

  async function read(scope?: string) {
    server.use(...ehr.handlers);
    const requests: string[] = [];
    const counting = ((input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(String(input));
      return fetch(input, init);
    }) as typeof fetch;
    const token = ehr.mintAccessToken({ patient: scenario1.id, ...(scope && { scope }) });
    const record = await fetchWithRuleSets(createFetchTransport(ehr.fhirBase, token, counting), {
      patientId: scenario1.id,
      ruleSetIds: ['pvp-guideline'],
    });
    return { record, requests, assessment: assess(record, { now: NOW, answers: scenario1.answers ?? {} }) };
  }

  it('answers _include as HAPI does: the targets once, as "include" entries, not counted in total', async () => {
    server.use(...ehr.handlers);
    const token = ehr.mintAccessToken({ patient: scenario1.id });
    const url = `${ehr.fhirBase}/MedicationRequest?patient=${scenario1.id}&_include=MedicationRequest:medication`;
    const bundle = (await (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).json()) as fhir4.Bundle;
    const modes = (bundle.entry ?? []).map((e) => `${e.search?.mode}:${e.resource?.resourceType}`);
    expect(modes.filter((m) => m === 'include:Medication')).toHaveLength(1);
    expect(bundle.total).toBe(modes.filter((m) => m.startsWith('match:')).length);
    const bad = await fetch(
      `${ehr.fhirBase}/MedicationRequest?patient=${scenario1.id}&_include=MedicationRequest:status`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(bad.status).toBe(400);
  });

  it("reads the apixaban order's Medication in the one wave: the anticoagulant is seen", async () => {
    const { record, requests, assessment } = await read();
    expect(requests).toHaveLength(CLINICAL_TYPES.length + 1);
    expect(record.medications?.['Medication/apx']?.code?.coding?.[0]?.code).toBe('1364430');
    expect(record.reads.MedicationRequest.state).toBe('full');
    expect(record.resources.MedicationRequest.map((m) => m.id)).toContain('apx-rx');
    expect(assessment.criteria.find((c) => c.id === 'rc.coagulation-correctable')?.status).toBe('met');
    expect(assessment.recommendation).toBe('eligible-with-cautions');
    expect(
      assess(recordFromBundle(scenario1.bundle), { now: NOW, answers: scenario1.answers ?? {} }).recommendation,
    ).toBe('eligible');
  });

  it('when the server withholds the Medication (no scope for it), the order is unreadable, never "no anticoagulant"', async () => {
    const { record, assessment } = await read(`launch/patient ${everyRead}`);
    expect(record.medications).toBeUndefined();
    const coagulation = assessment.criteria.find((c) => c.id === 'rc.coagulation-correctable');
    expect(coagulation?.status).toBe('unknown');
    expect(coagulation?.excluded).toContainEqual(
      expect.objectContaining({
        reference: expect.stringMatching(/^MedicationRequest\/apx-rx/),
        why: 'medication not readable: Medication/apx is not in the record',
      }),
    );
    expect(assessment.recommendation).not.toBe('eligible');
  });
});
