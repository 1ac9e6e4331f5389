import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle, type Assessment } from '../../src/clinical';
import { EVIDENCE_LINE_MAX } from '../../src/clinical/bounded';

const NOW = new Date('2026-11-25T08:00:00Z');
const scenario = (n: number) => demoPatients(NOW).find((p) => p.scenario === n)!;

/** scenario 5's record with one more drug, named in `text` */
function withDrugNamed(text: string): Assessment {
  const patient = scenario(5);
  const bundle = structuredClone(patient.bundle);
  bundle.entry!.push({
    resource: {
      resourceType: 'MedicationRequest',
      id: 'named-at-length',
      status: 'active',
      intent: 'order',
      subject: { reference: `Patient/${patient.id}` },
      authoredOn: '2026-11-01',
      medicationCodeableConcept: { text },
    } as fhir4.MedicationRequest,
  });
  return assess(recordFromBundle(bundle), { now: NOW, answers: patient.answers });
}

const lines = (assessment: Assessment) =>
  assessment.criteria
    .flatMap((c) => [...c.evidence, ...(c.excluded ?? [])])
    .filter((e) => e.reference?.includes('named-at-length'));

describe('an evidence line of a record text of any length', () => {
  it('is cut at EVIDENCE_LINE_MAX characters, in every language, and the assessment stays small', () => {
    const assessment = withDrugNamed(`${'A'.repeat(400_000)} warfarin`);
    const found = lines(assessment);
    expect(found.length).toBeGreaterThan(0);
    for (const line of found) {
      for (const text of [line.summary, line.summaryText.en, line.summaryText.de]) {
        expect(text.length).toBeLessThanOrEqual(EVIDENCE_LINE_MAX + 20);
        expect(text).toContain('…');
      }
    }
    // before: every criterion citing the drug copied its 400,000 characters several times
    expect(JSON.stringify(assessment).length).toBeLessThan(200_000);
  });

  it('still matches the words after the cut: a drug named at the end of a long text is an anticoagulant', () => {
    const coagulation = (assessment: Assessment) =>
      assessment.criteria.find((c) => c.id === 'rc.coagulation-correctable')!;
    const long = coagulation(withDrugNamed(`${'A'.repeat(5_000)} warfarin`));
    const cited = lines({ criteria: [long] } as Assessment);
    expect(cited).toHaveLength(1);
    expect(cited[0]!.summary).not.toContain('warfarin');
    expect(long.status).toBe(coagulation(withDrugNamed('warfarin')).status);
  });

  it('keeps a line within the bound as it was, and a character outside the BMP whole', () => {
    const short = lines(withDrugNamed('warfarin 5 mg'));
    expect(short.some((line) => line.summary.includes('warfarin 5 mg') && !line.summary.includes('…'))).toBe(true);
    const emoji = lines(withDrugNamed(`${'A'.repeat(EVIDENCE_LINE_MAX - 20)}${'😀'.repeat(40)}`));
    for (const line of emoji) expect(line.summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('cuts a reason for setting a fact aside that quotes the record: a pain score with a code of any length', () => {
    const patient = scenario(5);
    const bundle = structuredClone(patient.bundle);
    // the record's pain score, its code replaced by one the app does not know
    const score = bundle.entry!.find((e) => e.resource?.id === 'pvp-05-delgado-obs-2')!.resource as fhir4.Observation;
    score.id = 'coded-at-length';
    score.code = { ...score.code, coding: [{ system: 'urn:unknown:system', code: 'A'.repeat(200_000) }] };
    const assessment = assess(recordFromBundle(bundle), { now: NOW, answers: patient.answers });
    const setAside = assessment.criteria
      .flatMap((c) => c.excluded ?? [])
      .filter((item) => item.reference?.includes('coded-at-length'));
    expect(setAside.length).toBeGreaterThan(0);
    for (const item of setAside) {
      expect(item.why).toMatch(/^pain score with a code the app does not know \(urn:unknown:system\|A+…$/);
      for (const text of [item.why, item.whyText.en, item.whyText.de])
        expect(text.length).toBeLessThanOrEqual(EVIDENCE_LINE_MAX + 1);
    }
  });
});
