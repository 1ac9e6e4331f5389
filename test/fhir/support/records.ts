/**
 * Small records for the fetch tests, sized per test: a typical candidate (osteoporotic L1 fracture,
 * MRI oedema, NRS 8 on opioids, normal labs) and the same patient with as many routine
 * Observations as a test needs, plus 40 temperatures and 300 resolved Conditions.
 */
export const LOINC = 'http://loinc.org';
export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const SNOMED = 'http://snomed.info/sct';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

/** the codes the default rule set filters Observations on (the value sets of docs/criteria.md) */
export const OBSERVATION_CODES = [
  '72514-3',
  '38208-5',
  '6301-6',
  '34714-6',
  '777-3',
  '26515-7',
  '1988-5',
  '6690-2',
  '8310-5',
  '2106-3',
  '38263-6',
].map((code) => `${LOINC}|${code}`);

const DAY = 86_400_000;

function isoDaysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY).toISOString();
}

function observation(
  patientId: string,
  id: string,
  code: string,
  display: string,
  when: string,
  quantity: fhir4.Quantity,
): fhir4.Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
    ],
    code: { coding: [{ system: LOINC, code, display }], text: display },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: when,
    valueQuantity: quantity,
  };
}

function condition(
  patientId: string,
  id: string,
  system: string,
  code: string,
  display: string,
  onset: string,
  status = 'active',
): fhir4.Condition {
  return {
    resourceType: 'Condition',
    id,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: status }] },
    verificationStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
    },
    code: { coding: [{ system, code, display }], text: display },
    subject: { reference: `Patient/${patientId}` },
    onsetDateTime: onset,
  };
}

export function typicalRecord(patientId: string, now: Date): fhir4.Resource[] {
  const ref = { reference: `Patient/${patientId}` };
  return [
    {
      resourceType: 'Patient',
      id: patientId,
      name: [{ family: 'Muster', given: ['Erika'] }],
      gender: 'female',
      birthDate: '1948-03-02',
    } as fhir4.Patient,
    condition(
      patientId,
      `${patientId}-vcf`,
      ICD10CM,
      'M80.08XA',
      'Age-related osteoporosis with current pathological fracture, vertebra(e)',
      isoDaysBefore(now, 35),
    ),
    condition(patientId, `${patientId}-htn`, ICD10CM, 'I10', 'Essential hypertension', isoDaysBefore(now, 3000)),
    condition(
      patientId,
      `${patientId}-old`,
      ICD10CM,
      'J06.9',
      'Acute upper respiratory infection',
      isoDaysBefore(now, 900),
      'resolved',
    ),
    observation(
      patientId,
      `${patientId}-nrs`,
      '72514-3',
      'Pain severity 0-10 verbal numeric rating',
      isoDaysBefore(now, 2),
      { value: 8, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' },
    ),
    observation(patientId, `${patientId}-inr`, '6301-6', 'INR', isoDaysBefore(now, 5), {
      value: 1.0,
      unit: '{INR}',
      system: 'http://unitsofmeasure.org',
      code: '{INR}',
    }),
    observation(patientId, `${patientId}-plt`, '777-3', 'Platelets', isoDaysBefore(now, 5), {
      value: 240,
      unit: '10*9/L',
      system: 'http://unitsofmeasure.org',
      code: '10*9/L',
    }),
    observation(patientId, `${patientId}-hr`, '8867-4', 'Heart rate', isoDaysBefore(now, 2), {
      value: 72,
      unit: '/min',
      system: 'http://unitsofmeasure.org',
      code: '/min',
    }),
    {
      resourceType: 'ImagingStudy',
      id: `${patientId}-mri`,
      status: 'available',
      subject: ref,
      started: isoDaysBefore(now, 30),
      modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' }],
      procedureCode: [{ coding: [{ system: SNOMED, code: '241645008', display: 'MRI of spine' }] }],
      series: [
        {
          uid: '1.2.3',
          modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' },
          bodySite: { system: SNOMED, code: '122496007', display: 'Lumbar spine' },
        },
      ],
    } as fhir4.ImagingStudy,
    {
      resourceType: 'DiagnosticReport',
      id: `${patientId}-mri-report`,
      status: 'final',
      subject: ref,
      effectiveDateTime: isoDaysBefore(now, 30),
      code: { coding: [{ system: LOINC, code: '24590-2', display: 'MR Lumbar spine' }] },
      conclusion: 'Acute L1 compression fracture with bone marrow oedema on STIR. Posterior wall intact.',
    } as fhir4.DiagnosticReport,
    {
      resourceType: 'MedicationRequest',
      id: `${patientId}-opioid`,
      status: 'active',
      intent: 'order',
      subject: ref,
      authoredOn: isoDaysBefore(now, 28),
      medicationCodeableConcept: { coding: [{ system: RXNORM, code: '7804', display: 'oxycodone' }] },
    } as fhir4.MedicationRequest,
    {
      resourceType: 'AllergyIntolerance',
      id: `${patientId}-pen`,
      patient: ref,
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
      },
      code: { coding: [{ system: SNOMED, code: '764146007', display: 'Penicillin' }] },
    } as fhir4.AllergyIntolerance,
  ];
}

/** routine vitals and labs the PVP rules do not use */
const ROUTINE = [
  ['8867-4', 'Heart rate', '/min', 72],
  ['8480-6', 'Systolic blood pressure', 'mm[Hg]', 128],
  ['8462-4', 'Diastolic blood pressure', 'mm[Hg]', 81],
  ['9279-1', 'Respiratory rate', '/min', 14],
  ['29463-7', 'Body weight', 'kg', 68],
  ['2339-0', 'Glucose', 'mg/dL', 96],
  ['2160-0', 'Creatinine', 'mg/dL', 0.9],
  ['718-7', 'Hemoglobin', 'g/dL', 13.4],
] as const;

/** the typical record plus `observations` weekly routine observations, 40 temperatures and 300 old conditions */
export function recordWithHistory(patientId: string, now: Date, observations: number): fhir4.Resource[] {
  const routine = Array.from({ length: observations }, (_, i) => {
    const [code, display, unit, value] = ROUTINE[i % ROUTINE.length]!;
    return observation(
      patientId,
      `${patientId}-routine-${i}`,
      code,
      display,
      isoDaysBefore(now, 3 + Math.floor(i / ROUTINE.length) * 7),
      { value, unit, system: 'http://unitsofmeasure.org', code: unit },
    );
  });
  const temperatures = Array.from({ length: 40 }, (_, i) =>
    observation(patientId, `${patientId}-temp-${i}`, '8310-5', 'Body temperature', isoDaysBefore(now, 10 + i * 90), {
      value: 36.8,
      unit: 'Cel',
      system: 'http://unitsofmeasure.org',
      code: 'Cel',
    }),
  );
  const conditions = Array.from({ length: 300 }, (_, i) =>
    condition(
      patientId,
      `${patientId}-hist-${i}`,
      ICD10CM,
      'Z87.891',
      'Personal history of nicotine dependence',
      isoDaysBefore(now, 400 + i * 20),
      'resolved',
    ),
  );
  return [...typicalRecord(patientId, now), ...routine, ...temperatures, ...conditions];
}
