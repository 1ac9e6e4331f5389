/**
 * What the suite against HAPI shares: the server's base and the day its demo charts were loaded for
 * (both set by test/hapi/run.ts), and the embedded demo EHR over the same charts under msw/node,
 * which every answer of HAPI is compared with.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { createDemoEhr, type DemoEhr } from '../../mocks/ehr';
import { createFetchTransport } from '../../src/fhir';
import type { FhirTransport } from '../../src/fhir/transport';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite with "npm run test:hapi", which starts HAPI FHIR`);
  return value;
}

export const HAPI = required('HAPI_FHIR_BASE');
export const DAY = new Date(required('HAPI_LOAD_DAY'));
export const DEMO_ORIGIN = 'http://demo-ehr.test';

/**
 * HAPI's transport as the CLI has it: plain fetch, no token (the test server has no security), no
 * waits. Two minutes per request instead of the app's 20 s: HAPI's first validated write loads
 * the R4 definitions into its validator, which took over 20 s on a loaded 2-core machine.
 */
export const hapi = (): FhirTransport =>
  createFetchTransport(HAPI, undefined, fetch, { sleep: async () => {}, timeoutMs: 120_000 });

/** The embedded demo EHR with the charts of the same day, under msw/node; HAPI's requests pass through. */
export function withDemoEhr(): () => DemoEhr {
  const ehr = createDemoEhr({ ehrOrigin: DEMO_ORIGIN, appOrigin: 'http://app.test', now: DAY });
  const server = setupServer(...ehr.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => server.close());
  return () => ehr;
}

/** A transport to the demo EHR with a patient-level token of the demo's own grant. */
export function demoTransport(ehr: DemoEhr, patient: string): FhirTransport {
  const token = ehr.mintAccessToken({
    patient,
    scope: 'launch openid fhirUser patient/*.rs patient/DocumentReference.cu patient/Provenance.c',
  });
  return createFetchTransport(ehr.fhirBase, token, fetch, { sleep: async () => {} });
}
