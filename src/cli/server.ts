import type { PatientRecord } from '../clinical';
import { quoted } from '../clinical/bundle';
import { UsageError } from './args';
import { checked, type CareSetting } from './encounter';

/**
 * --server mode: read the record through the FHIR stage (src/fhir), exactly as the app does. `base`
 * is checked (checkServerUrl: no credentials or query in it), `bearer` read from a file or the
 * environment.
 */
export async function fetchFromServer(
  base: string,
  patientId: string,
  bearer: string | undefined,
  ruleSetIds: string[],
  encounterId?: string,
): Promise<{ record: PatientRecord; setting: CareSetting }> {
  // loaded only in this mode: a --bundle run needs no network code
  const fhir = await import('../fhir/index');
  const transport = fhir.createFetchTransport(base, bearer);
  let record: PatientRecord;
  try {
    record = await fhir.fetchRecord(transport, {
      patientId,
      ruleSetIds,
      ...(encounterId !== undefined && { encounterId }),
    });
  } catch (e) {
    throw new UsageError(
      `reading patient ${quoted(patientId)} from ${quoted(base)} failed: ${fhir.describeFhirError(e, 'en').split('\n')[0]}`,
    );
  }
  // a type that fails is reported in the assessment; no Patient at all means nothing was read
  if (!record.patient) {
    const reason = Object.values(record.reads).find((r) => r.state !== 'full' && r.reason)?.reason;
    throw new UsageError(
      `could not read patient ${quoted(patientId)} from ${quoted(base)}${reason ? `: ${reason.split('\n')[0]}` : ''}`,
    );
  }
  if (encounterId === undefined) return { record, setting: { notAssumed: [] } };
  // the visit was named: assessing without it would silently change the care setting
  if (!record.encounter)
    throw new UsageError(`could not read ${quoted(`Encounter/${encounterId}`)} from ${quoted(base)}`);
  return { record, setting: checked(record.encounter, encounterId, patientId) };
}
