/**
 * The patient compartment as the demo EHR enforces it, for its own store (ehr/fhir.ts) and for a
 * FHIR server it stands in front of (ehr/proxy.ts).
 */

/** Types that are not about one patient: readable by anyone whose scope names them. */
export const SHARED_TYPES = new Set([
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'Medication',
  'Endpoint',
  'Device',
]);

/** Whether the resource names the patient as its subject, patient or beneficiary (or is the Patient). */
export function namesPatient(resource: { resourceType: string; id?: string }, patientId: string): boolean {
  if (resource.resourceType === 'Patient') return resource.id === patientId;
  const r = resource as unknown as Record<string, { reference?: string } | undefined>;
  return ['subject', 'patient', 'beneficiary'].some((field) => {
    const ref = r[field]?.reference;
    return ref === `Patient/${patientId}` || (ref?.endsWith(`/Patient/${patientId}`) ?? false);
  });
}

/** The `Type/id` a Provenance's targets name (a Provenance belongs to its targets' compartments). */
export function provenanceTargets(resource: fhir4.Provenance): { reference: string; type: string; id: string }[] {
  return (resource.target ?? []).flatMap((t) => {
    const [type, id] = (t.reference ?? '').split('/').slice(-2);
    return type && id ? [{ reference: t.reference ?? '', type, id }] : [];
  });
}
