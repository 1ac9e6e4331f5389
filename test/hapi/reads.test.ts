import { describe, expect, it } from 'vitest';
import { assess } from '../../src/clinical';
import { fetchRecord } from '../../src/fhir';
import type { FhirRequest, FhirTransport } from '../../src/fhir/transport';
import { demoTransport, HAPI, hapi, withDemoEhr } from './setup';

const demoEhr = withDemoEhr();

/** A transport that remembers every URL it was asked for. */
function recording(inner: FhirTransport): FhirTransport & { urls: string[] } {
  const urls: string[] = [];
  return {
    baseUrl: inner.baseUrl,
    urls,
    request: <T>(request: FhirRequest) => {
      urls.push(request.url);
      return inner.request<T>(request);
    },
  };
}

describe('paging on the large record (scenario 15)', () => {
  it("follows HAPI's own next links to the last page and reads what the demo EHR gives in one", async () => {
    const transport = recording(hapi());
    const paged = await fetchRecord(transport, {
      patientId: 'pvp-15-pendleton',
      ruleSetIds: ['pvp-guideline'],
      limits: { pageSize: 50 },
    });
    const whole = await fetchRecord(demoTransport(demoEhr(), 'pvp-15-pendleton'), {
      patientId: 'pvp-15-pendleton',
      ruleSetIds: ['pvp-guideline'],
    });
    // 331 Conditions at 50 a page: six next links, each HAPI's `_getpages` link on its own address
    const nextPages = transport.urls.filter((url) => url.includes('_getpages='));
    expect(nextPages.length).toBeGreaterThanOrEqual(6);
    for (const url of nextPages) expect(url.startsWith(`${HAPI}?_getpages=`), url).toBe(true);
    expect(paged.reads.Condition).toEqual({ state: 'full', count: 331 });
    expect(paged.reads).toEqual(whole.reads);
    const now = new Date();
    expect(assess(paged, { now }).criteria.map((c) => [c.id, c.status])).toEqual(
      assess(whole, { now }).criteria.map((c) => [c.id, c.status]),
    );
  });
});

describe('_include of the Medications orders name by reference', () => {
  const patient: fhir4.Patient = {
    resourceType: 'Patient',
    id: 'pvp-include-test',
    name: [{ family: 'Include', given: ['Test'] }],
    gender: 'female',
    birthDate: '1950-01-01',
  };
  const medication: fhir4.Medication = {
    resourceType: 'Medication',
    id: 'pvp-include-apixaban',
    code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1364430', display: 'apixaban' }] },
  };
  const order: fhir4.MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: 'pvp-include-order',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/pvp-include-test' },
    authoredOn: '2026-01-01',
    medicationReference: { reference: 'Medication/pvp-include-apixaban' },
  };

  it('HAPI sends the Medication with the orders in the same answer, as the demo EHR does', async () => {
    const resources = [patient, medication, order];
    await hapi().request({
      url: '',
      method: 'POST',
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: resources.map((r) => ({
          fullUrl: `${HAPI}/${r.resourceType}/${r.id}`,
          resource: r,
          request: { method: 'PUT', url: `${r.resourceType}/${r.id}` },
        })),
      }),
    });
    demoEhr().store.putAll(resources);

    const transport = recording(hapi());
    const options = { patientId: 'pvp-include-test', ruleSetIds: ['pvp-guideline'] };
    const [fromHapi, fromDemo] = await Promise.all([
      fetchRecord(transport, options),
      fetchRecord(demoTransport(demoEhr(), 'pvp-include-test'), options),
    ]);
    expect(transport.urls.some((url) => url.includes('_include=MedicationRequest%3Amedication'))).toBe(true);
    expect(transport.urls.filter((url) => url.startsWith('Medication/'))).toEqual([]);
    expect(fromHapi.medications?.['Medication/pvp-include-apixaban']?.code).toEqual(medication.code);
    expect(fromHapi.reads.MedicationRequest).toEqual({ state: 'full', count: 1 });
    expect(Object.keys(fromHapi.medications ?? {})).toEqual(Object.keys(fromDemo.medications ?? {}));
    const now = new Date();
    expect(assess(fromHapi, { now }).criteria.map((c) => [c.id, c.status])).toEqual(
      assess(fromDemo, { now }).criteria.map((c) => [c.id, c.status]),
    );
  });
});

describe("HAPI's older sort form, which the SMART launcher sends to pick an encounter", () => {
  it('`_sort:desc=date` and `_sort:asc=date` order a search the same on HAPI and on the demo EHR', async () => {
    const ids = async (transport: FhirTransport, sort: string): Promise<string[]> => {
      const { body } = await transport.request<fhir4.Bundle>({
        url: `Observation?patient=pvp-01-whitfield&code=72514-3&${sort}`,
      });
      return (body.entry ?? []).map((e) => e.resource?.id ?? '');
    };
    const demo = demoTransport(demoEhr(), 'pvp-01-whitfield');
    for (const sort of ['_sort:desc=date', '_sort:asc=date', '_sort=-date']) {
      const fromHapi = await ids(hapi(), sort);
      expect(fromHapi.length, sort).toBeGreaterThan(1);
      expect(await ids(demo, sort), sort).toEqual(fromHapi);
    }
    expect(await ids(hapi(), '_sort:desc=date')).toEqual(await ids(hapi(), '_sort=-date'));
  });
});
