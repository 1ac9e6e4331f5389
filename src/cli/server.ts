import type { PatientRecord } from '../clinical';
import { UsageError } from './args';

interface FhirModule {
  createFetchTransport?: (baseUrl: string, bearer?: string) => unknown;
  fetchRecord?: (transport: unknown, options: { patientId: string; ruleSetIds: string[] }) => Promise<PatientRecord>;
  describeFhirError?: (e: unknown, lang: 'en' | 'de') => string;
}

/** --server mode: read the record through the FHIR stage (src/fhir), as the app does */
export async function fetchFromServer(base: string, patientId: string, bearer: string | undefined, ruleSetIds: string[]): Promise<PatientRecord> {
  if (!/^https?:\/\//.test(base)) throw new UsageError(`--server must be an http(s) URL, not "${base}"`);
  const fhir = (await import('../fhir/index')) as FhirModule;
  if (!fhir.createFetchTransport || !fhir.fetchRecord) throw new UsageError('--server is not available yet: the FHIR stage (src/fhir) does not export fetchRecord');
  const transport = fhir.createFetchTransport(base.replace(/\/+$/, ''), bearer);
  try {
    return await fhir.fetchRecord(transport, { patientId, ruleSetIds });
  } catch (e) {
    const message = fhir.describeFhirError ? fhir.describeFhirError(e, 'en') : e instanceof Error ? e.message : String(e);
    throw new UsageError(`reading patient "${patientId}" from ${base} failed: ${message.split('\n')[0]}`);
  }
}
