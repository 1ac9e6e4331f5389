import { describe, expect, it } from 'vitest';
import { demoPatients, largeRecord, type DemoPatient } from '../../mocks/patients';

const NOW = new Date('2026-03-10T09:30:00Z');
const LATER = new Date('2027-08-01T14:00:00Z');
const DAY = 86_400_000;
const patients = demoPatients(NOW);
const byScenario = (n: number): DemoPatient => {
  const found = patients.find((p) => p.scenario === n);
  if (!found) throw new Error(`no scenario ${n}`);
  return found;
};
const resources = (p: DemoPatient): fhir4.FhirResource[] =>
  (p.bundle.entry ?? []).map((e) => e.resource as fhir4.FhirResource);
const ofType = <T extends fhir4.FhirResource['resourceType']>(
  p: DemoPatient,
  type: T,
): Extract<fhir4.FhirResource, { resourceType: T }>[] =>
  resources(p).filter((r): r is Extract<fhir4.FhirResource, { resourceType: T }> => r.resourceType === type);
const codes = (p: DemoPatient): string[] =>
  [...JSON.stringify(p.bundle).matchAll(/"system":"([^"]+)","code":"([^"]+)"/g)].map((m) => `${m[1]}|${m[2]}`);
const daysBefore = (iso: string | undefined, now = NOW): number =>
  Math.round((now.getTime() - new Date(iso ?? '').getTime()) / DAY);

function referencesIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => referencesIn(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'reference' && typeof value === 'string') found.push(value);
      else referencesIn(value, found);
    }
  }
  return found;
}

describe('the demo patients', () => {
  it('cover every scenario 1-15, with unique ids and an expected verdict', () => {
    expect(patients.map((p) => p.scenario).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
    expect(new Set(patients.map((p) => p.id)).size).toBe(patients.length);
    for (const p of patients) {
      expect(['eligible', 'eligible-with-cautions', 'not-eligible', 'insufficient-data']).toContain(p.expected);
      expect(p.title.length).toBeGreaterThan(10);
      expect(p.description.length).toBeGreaterThan(40);
    }
    expect(byScenario(1)).toMatchObject({ expected: 'eligible', expectedBeforeAnswers: 'insufficient-data' });
    expect(byScenario(12).expectedDecisive).toEqual(['rc.levels-over-3']);
  });

  it.each(patients.map((p) => [p.scenario, p] as const))(
    'scenario %i is a valid-looking FHIR collection whose references resolve',
    (_n, p) => {
      expect(p.bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
      const entries = p.bundle.entry ?? [];
      const keys = entries.map((e) => `${e.resource?.resourceType ?? ''}/${e.resource?.id ?? ''}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const entry of entries) {
        expect(entry.resource?.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
        expect(entry.fullUrl?.endsWith(`/${entry.resource?.resourceType ?? ''}/${entry.resource?.id ?? ''}`)).toBe(
          true,
        );
      }
      const known = new Set(keys);
      expect(referencesIn(p.bundle).filter((reference) => !known.has(reference))).toEqual([]);
      const [first] = resources(p);
      expect(first).toMatchObject({ resourceType: 'Patient', id: p.id });
      for (const r of resources(p)) {
        if (r.resourceType === 'Patient' || r.resourceType === 'Practitioner') continue;
        const owner =
          (r as { subject?: fhir4.Reference; patient?: fhir4.Reference }).subject ??
          (r as { patient?: fhir4.Reference }).patient;
        expect(owner?.reference, `${r.resourceType}/${r.id ?? ''}`).toBe(`Patient/${p.id}`);
      }
    },
  );

  it.each(patients.map((p) => [p.scenario, p] as const))(
    'scenario %i uses the statuses and categories real EHRs send',
    (_n, p) => {
      for (const c of ofType(p, 'Condition')) {
        const verification = c.verificationStatus?.coding?.[0]?.code;
        expect(verification).toBeDefined();
        // con-5: an entered-in-error condition has no clinical status
        expect(c.clinicalStatus === undefined).toBe(verification === 'entered-in-error');
        expect(c.category?.[0]?.coding?.[0]?.code).toMatch(/^(problem-list-item|encounter-diagnosis)$/);
        expect(c.meta?.profile?.[0]).toContain('us-core-condition');
      }
      for (const o of ofType(p, 'Observation')) {
        expect(o.status).toBeDefined();
        expect(o.category?.[0]?.coding?.[0]?.system).toBe('http://terminology.hl7.org/CodeSystem/observation-category');
        if (o.valueQuantity) expect(o.valueQuantity.system).toBe('http://unitsofmeasure.org');
      }
      for (const m of ofType(p, 'MedicationRequest'))
        expect(m).toMatchObject({ intent: 'order', status: expect.any(String) });
      for (const s of ofType(p, 'ImagingStudy')) {
        expect(s.modality?.[0]?.system).toBe('http://dicom.nema.org/resources/ontology/DCM');
        expect(s.series?.[0]?.bodySite?.system).toBe('http://snomed.info/sct');
      }
    },
  );

  it('dates scenario 1 relative to now: fracture 5 weeks, MRI 3 weeks, pain 2 days, opioid 4 weeks, age 74', () => {
    for (const now of [NOW, LATER]) {
      const p = demoPatients(now).find((x) => x.scenario === 1) as DemoPatient;
      const fracture = ofType(p, 'Condition').find((c) => c.code?.coding?.[0]?.code === 'M80.08XA');
      expect(daysBefore(fracture?.onsetDateTime, now)).toBe(35);
      const mri = ofType(p, 'ImagingStudy').find((s) => s.modality?.[0]?.code === 'MR');
      expect(daysBefore(mri?.started, now)).toBe(21);
      const pain = ofType(p, 'Observation')
        .filter((o) => o.code.coding?.[0]?.code === '72514-3' && o.status === 'final')
        .map((o) => daysBefore(o.effectiveDateTime, now));
      expect(Math.min(...pain)).toBe(2);
      const opioid = ofType(p, 'MedicationRequest').find((m) =>
        m.medicationCodeableConcept?.coding?.some((c) => c.code === '7804'),
      );
      expect(daysBefore(opioid?.authoredOn, now)).toBe(28);
      const patient = ofType(p, 'Patient')[0];
      const birth = new Date(patient?.birthDate ?? '');
      const age =
        now.getUTCFullYear() -
        birth.getUTCFullYear() -
        (now < new Date(Date.UTC(now.getUTCFullYear(), birth.getUTCMonth(), birth.getUTCDate())) ? 1 : 0);
      expect(age).toBe(74);
      expect(patient?.gender).toBe('female');
    }
  });

  it('puts nothing in the future', () => {
    for (const p of patients) {
      const dates = [...JSON.stringify(p.bundle).matchAll(/"(\d{4}-\d{2}-\d{2}(T[\d:]+Z)?)"/g)].map((m) => m[1] ?? '');
      for (const date of dates) expect(new Date(date).getTime(), `${p.id} ${date}`).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('is deterministic for a given now', () => {
    expect(JSON.stringify(demoPatients(NOW).slice(0, 14))).toBe(JSON.stringify(patients.slice(0, 14)));
  });

  it('carries the distractors a real chart has', () => {
    const first = byScenario(1);
    expect(
      ofType(first, 'Observation').some(
        (o) => o.status === 'entered-in-error' && o.code.coding?.[0]?.code === '72514-3',
      ),
    ).toBe(true);
    expect(ofType(first, 'Condition').some((c) => c.verificationStatus?.coding?.[0]?.code === 'entered-in-error')).toBe(
      true,
    );
    expect(ofType(first, 'Condition').some((c) => c.clinicalStatus?.coding?.[0]?.code === 'resolved')).toBe(true);
    expect(ofType(first, 'AllergyIntolerance').some((a) => a.verificationStatus?.coding?.[0]?.code === 'refuted')).toBe(
      true,
    );
    expect(ofType(first, 'Observation').some((o) => o.code.coding?.[0]?.code === '2951-2')).toBe(true);
  });
});

describe('coding of each scenario, exactly as the value sets list it', () => {
  const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
  const ICD10GM = 'http://fhir.de/CodeSystem/bfarm/icd-10-gm';
  const SCT = 'http://snomed.info/sct';
  const LOINC = 'http://loinc.org';
  const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

  it.each([
    [
      1,
      [
        `${ICD10CM}|M80.08XA`,
        `${SCT}|66794005`,
        `${LOINC}|72514-3`,
        `${LOINC}|6301-6`,
        `${LOINC}|777-3`,
        `${RXNORM}|7804`,
        `${RXNORM}|1049621`,
      ],
    ],
    [2, [`${ICD10CM}|M80.08XA`, `${SCT}|14293000`, `${RXNORM}|10689`]],
    [3, [`${ICD10CM}|M80.08XA`, `${SCT}|23215003`, `${SCT}|702487007`]],
    [4, [`${SCT}|427811002`, `${SCT}|52734007`]],
    [5, [`${ICD10CM}|M46.46`, `${LOINC}|1988-5`, `${LOINC}|8310-5`]],
    [6, [`${ICD10CM}|D66`]],
    [7, [`${RXNORM}|1364430`, `${RXNORM}|1364445`]],
    [8, [`${ICD10CM}|C90.00`]],
    [9, [`${ICD10CM}|C79.51`, `${SCT}|14293000`]],
    [11, [`${ICD10CM}|M80.08XA`, `${SCT}|36470004`]],
    [12, [`${SCT}|23215003`, `${SCT}|66794005`, `${SCT}|14293000`, `${SCT}|36470004`]],
    [13, [`${ICD10GM}|M80.08`, `${SCT}|66794005`, 'http://fhir.de/CodeSystem/bfarm/atc|N02AA05']],
    [14, [`${SCT}|42942008`, `${SCT}|66794005`, `${SCT}|64859006`]],
  ] as const)('scenario %i carries its codes', (scenario, expected) => {
    expect(codes(byScenario(scenario))).toEqual(expect.arrayContaining([...expected]));
  });

  it('codes the PMMA allergy of scenario 4 as a confirmed, active allergy', () => {
    const allergy = ofType(byScenario(4), 'AllergyIntolerance').find((a) => a.code?.coding?.[0]?.code === '427811002');
    expect(allergy?.verificationStatus?.coding?.[0]?.code).toBe('confirmed');
    expect(allergy?.clinicalStatus?.coding?.[0]?.code).toBe('active');
  });

  it('shows oedema in the MRI report of scenario 1, as conclusion text with a coded conclusion', () => {
    const report = ofType(byScenario(1), 'DiagnosticReport').find((r) =>
      r.imagingStudy?.[0]?.reference?.includes('imaging-2'),
    );
    expect(report?.conclusion).toMatch(/oedema/);
    expect(report?.conclusionCode?.[0]?.coding?.[0]?.code).toBe('M80.08XA');
  });

  it('has no MRI or CT in 12 weeks for scenario 10, and a 2-year-old fracture with a non-oedema MRI for scenario 11', () => {
    const recent = ofType(byScenario(10), 'ImagingStudy')
      .filter((s) => daysBefore(s.started) <= 84)
      .map((s) => s.modality?.[0]?.code);
    expect(recent).toEqual(['DX']);
    const fracture = ofType(byScenario(11), 'Condition').find((c) => c.code?.coding?.[0]?.code === 'M80.08XA');
    expect(daysBefore(fracture?.onsetDateTime)).toBeGreaterThan(700);
    expect(ofType(byScenario(11), 'DiagnosticReport')[0]?.conclusion).toMatch(/without bone marrow oedema/);
  });

  it('re-codes scenario 1 in ICD-10-GM with German displays (13) and in SNOMED CT only (14)', () => {
    const german = ofType(byScenario(13), 'Condition').flatMap((c) => c.code?.coding ?? []);
    expect(german.every((c) => c.system === ICD10GM)).toBe(true);
    expect(german.find((c) => c.code === 'M80.08')?.display).toContain('Osteoporose');
    expect(ofType(byScenario(13), 'DiagnosticReport').some((r) => /Knochenmarködem/.test(r.conclusion ?? ''))).toBe(
      true,
    );
    const snomed = ofType(byScenario(14), 'Condition').flatMap((c) => c.code?.coding ?? []);
    expect(snomed.every((c) => c.system === SCT)).toBe(true);
    for (const n of [13, 14]) {
      expect(byScenario(n)).toMatchObject({
        expected: byScenario(1).expected,
        expectedBeforeAnswers: byScenario(1).expectedBeforeAnswers,
      });
    }
  });
});

describe('the large record (scenario 15)', () => {
  const large = largeRecord(NOW);

  it('has at least 10,000 Observations, hundreds of Conditions and one relevant fracture', () => {
    expect(ofType(large, 'Observation').length).toBeGreaterThanOrEqual(10_000);
    expect(ofType(large, 'Condition').length).toBeGreaterThanOrEqual(300);
    const fractures = ofType(large, 'Condition').filter((c) => c.code?.coding?.[0]?.code === 'M80.08XA');
    expect(fractures).toHaveLength(1);
    expect(fractures[0]?.clinicalStatus?.coding?.[0]?.code).toBe('active');
  });

  it('is generated deterministically', () => {
    expect(JSON.stringify(largeRecord(NOW))).toBe(JSON.stringify(large));
  });
});
