/**
 * A demo chart with its fracture coded nowhere (no fracture diagnosis, no report conclusion code):
 * only the surgeon's diagnosis-and-level answer can then give the diagnosis and the level.
 */
export function withFractureUncoded(bundle: fhir4.Bundle): fhir4.Bundle {
  const entry = bundle.entry
    ?.filter(
      (e) =>
        !(
          e.resource?.resourceType === 'Condition' &&
          /fracture/i.test(JSON.stringify((e.resource as fhir4.Condition).code))
        ),
    )
    .map((e) =>
      e.resource?.resourceType === 'DiagnosticReport'
        ? { ...e, resource: { ...e.resource, conclusionCode: undefined } }
        : e,
    );
  return { ...bundle, entry };
}
