import { describe, expect, it } from 'vitest';
import { assess } from '../../src/clinical';
import { listRuleSets } from '../../src/clinical';
import { CLINICAL_TYPES, type PatientRecord } from '../../src/clinical/record';
import { fetchRecord } from '../../src/fhir';
import type { FhirTransport } from '../../src/fhir/transport';
import { demoTransport, hapi, withDemoEhr } from './setup';

/**
 * The one table test: every demo patient read from HAPI FHIR with the app's one wave of queries,
 * each query accepted as sent (no 400, so no broad fallback filtered on the client), and every
 * rule set's verdict and criterion statuses equal to those from the embedded demo EHR.
 */
const demoEhr = withDemoEhr();
const RULE_SETS = listRuleSets().map((info) => info.id);

async function read(
  transport: FhirTransport,
  patientId: string,
  encounterId?: string,
  batch?: boolean,
): Promise<PatientRecord> {
  return fetchRecord(transport, { patientId, ...(encounterId && { encounterId }), ruleSetIds: RULE_SETS, batch });
}

/** the transport, noting each request's method and address */
function noting(transport: FhirTransport, sent: string[]): FhirTransport {
  return {
    ...transport,
    request: (request) => (sent.push(`${request.method ?? 'GET'} ${request.url}`), transport.request(request)),
  };
}

const scenarios = demoEhr().patients.map((p) => [p.scenario, p.id] as const);

// the app sends one batch Bundle where the server declares batch (HAPI does), one request per list elsewhere
describe.each([
  ['one request per list', false],
  ['one batch Bundle', true],
])('HAPI FHIR against the embedded demo EHR, per demo patient, %s', (_how, batch) => {
  it.each(scenarios)('scenario %i (%s): every query accepted, the same verdicts and criteria', async (_n, id) => {
    const patient = demoEhr().patients.find((p) => p.id === id)!;
    const sent: string[] = [];
    const [fromHapi, fromDemo] = await Promise.all([
      read(noting(hapi(), sent), id, patient.encounterId, batch),
      read(demoTransport(demoEhr(), id), id, patient.encounterId),
    ]);
    // with batch: the CapabilityStatement, then the one Bundle; only next pages follow as GETs
    if (batch) expect(sent.slice(0, 2)).toEqual(['GET metadata', 'POST ']);
    else expect(sent.filter((line) => line.startsWith('POST'))).toEqual([]);

    expect(fromHapi.patient?.id).toBe(id);
    expect(fromHapi.encounter?.id).toBe(patient.encounterId);
    for (const type of CLINICAL_TYPES) {
      expect(fromHapi.reads[type], type).toEqual(fromDemo.reads[type]);
      expect(fromHapi.reads[type].state, type).toBe('full');
      expect(fromHapi.reads[type].filteredOnClient, type).toBeUndefined();
    }

    const now = new Date();
    for (const ruleSetId of RULE_SETS) {
      const options = { now, ruleSetId, answers: patient.answers ?? {} };
      const [onHapi, onDemo] = [assess(fromHapi, options), assess(fromDemo, options)];
      expect(onHapi.recommendation, ruleSetId).toBe(onDemo.recommendation);
      expect(
        onHapi.criteria.map((c) => [c.id, c.status]),
        ruleSetId,
      ).toEqual(onDemo.criteria.map((c) => [c.id, c.status]));
    }
    // the demo's own claim holds on HAPI too
    expect(assess(fromHapi, { now, answers: patient.answers ?? {} }).recommendation).toBe(patient.expected);
  });
});
