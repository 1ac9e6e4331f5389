import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { loadSamplePatients } from '../../mocks/patients/samples';
import { assess, recordFromBundle, type Assessment } from '../../src/clinical';
import { parseDate } from '../../src/clinical/dates';
import { STILL_ACTIVE_DAYS } from '../../src/clinical/facts/conditions';
import { matchCoding } from '../../src/clinical/terminology/match';

/**
 * Every patient of the public samples, and a synthetic population made here from the repository's
 * own data (each demo scenario with each sample patient's problem list grafted on, and with its
 * own diagnoses moved years back): no verdict rests on an acute-course condition or an encounter
 * diagnosis that nothing has touched in 90 days (README, "Stale problem lists").
 */

const NOW = new Date('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
type Resource = fhir4.FhirResource & Record<string, unknown>;

const samples = loadSamplePatients();

/** the resources of one sample patient: those that name it as subject or patient */
function samplePatientResources(id: string): Resource[] {
  const ref = `Patient/${id}`;
  return samples.resources.filter(
    (r) =>
      (r.resourceType === 'Patient' && r.id === id) ||
      (r as { subject?: { reference?: string } }).subject?.reference === ref ||
      (r as { patient?: { reference?: string } }).patient?.reference === ref,
  ) as Resource[];
}

const bundleOf = (resources: unknown[]): fhir4.Bundle => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: resources.map((resource) => ({ resource: resource as fhir4.FhirResource })),
});

/** the newest day anything in the record says about a Condition: its own dates and what was given for it */
function lastTouched(condition: Resource, all: Resource[]): number {
  const id = condition.id;
  const dates = [condition.onsetDateTime, condition.recordedDate, (condition.onsetPeriod as { start?: string })?.start];
  for (const r of all) {
    const reasons = (r as { reasonReference?: { reference?: string }[] }).reasonReference ?? [];
    if (!reasons.some((x) => x.reference?.endsWith(`/${id}`) || x.reference === `urn:uuid:${id}`)) continue;
    dates.push(
      r.authoredOn,
      (r.effectivePeriod as { start?: string })?.start,
      r.effectiveDateTime,
      r.performedDateTime,
    );
  }
  return Math.max(-Infinity, ...dates.map((d) => parseDate(d)?.getTime() ?? -Infinity));
}

const isEncounterDiagnosis = (c: Resource) =>
  JSON.stringify(c.category ?? []).includes('encounter-diagnosis') &&
  !JSON.stringify(c.category ?? []).includes('problem-list-item');

/**
 * The Conditions a verdict rests on that nothing has touched in STILL_ACTIVE_DAYS although their
 * course is acute or they are encounter diagnoses: the decisive criteria that are met, and their
 * Condition evidence.
 */
function staleGrounds(a: Assessment, resources: Resource[]): string[] {
  const out: string[] = [];
  for (const c of a.criteria) {
    if (c.status !== 'met' || !a.decisive.includes(c.id) || c.source !== 'record') continue;
    for (const e of c.evidence) {
      if (!e.reference.startsWith('Condition/')) continue;
      const condition = resources.find((r) => `Condition/${r.id}` === e.reference.replace(/\/_history\/.*$/, ''));
      if (!condition) continue;
      const [system, code] = (e.code ?? '|').split('|');
      const acute = matchCoding({ system: system ?? '', code: code ?? '' }).some((m) => m.valueSet.course === 'acute');
      if (!acute && !isEncounterDiagnosis(condition)) continue;
      const age = (NOW.getTime() - lastTouched(condition, resources)) / DAY;
      if (age > STILL_ACTIVE_DAYS + 1) out.push(`${c.id} rests on ${e.summary}, untouched for ${Math.round(age)} days`);
    }
  }
  return out;
}

describe('every patient of the public samples', () => {
  it('finds them (Synthea, QI-Core, Inferno, bulk data)', () => {
    expect(samples.patients.length).toBeGreaterThanOrEqual(20);
  });

  it.each(samples.patients.map((p) => [p.source, p.id] as const))('%s %s', (_source, id) => {
    const resources = samplePatientResources(id);
    const record = recordFromBundle(bundleOf(resources));
    for (const ruleSetId of ['pvp-guideline', 'lcd-pva']) {
      const a = assess(record, { now: NOW, ruleSetId });
      // none has a vertebral fracture: never eligible
      expect(['not-eligible', 'insufficient-data'], ruleSetId).toContain(a.recommendation);
      expect(staleGrounds(a, resources), ruleSetId).toEqual([]);
    }
  });
});

describe('a synthetic population made from the demo scenarios and the samples', () => {
  const scenarios = demoPatients(NOW).filter((p) => p.scenario !== 15);
  const withPatient = (r: unknown, patient: string) => ({
    ...(r as object),
    subject: { reference: `Patient/${patient}` },
  });

  it('each scenario with each sample patient’s problem list: no verdict rests on a stale acute condition', () => {
    let assessed = 0;
    const grounds: string[] = [];
    for (const s of scenarios) {
      const own = (s.bundle.entry ?? []).map((e) => e.resource as Resource);
      for (const sample of samples.patients) {
        const conditions = samplePatientResources(sample.id)
          .filter((r) => r.resourceType === 'Condition')
          .map((c) => withPatient(c, s.id) as Resource);
        const resources = [...own, ...conditions];
        const a = assess(recordFromBundle(bundleOf(resources)), { now: NOW, answers: s.answers });
        assessed++;
        grounds.push(...staleGrounds(a, resources).map((g) => `scenario ${s.scenario} + ${sample.id}: ${g}`));
      }
    }
    expect(assessed).toBeGreaterThanOrEqual(14 * 20);
    expect(grounds).toEqual([]);
  });

  it('each scenario with its own diagnoses moved 1, 3 and 10 years back: an acute one decides only through something recent', () => {
    for (const s of scenarios) {
      for (const years of [1, 3, 10]) {
        const shift = (d: unknown) =>
          typeof d === 'string' && parseDate(d)
            ? new Date((parseDate(d) as Date).getTime() - years * 365 * DAY).toISOString()
            : d;
        const resources = (s.bundle.entry ?? []).map((e) => {
          const r = e.resource as Resource;
          return r.resourceType === 'Condition'
            ? ({ ...r, onsetDateTime: shift(r.onsetDateTime), recordedDate: shift(r.recordedDate) } as Resource)
            : r;
        });
        const a = assess(recordFromBundle(bundleOf(resources)), { now: NOW, answers: s.answers });
        expect(staleGrounds(a, resources), `scenario ${s.scenario}, ${years} years back`).toEqual([]);
        // the spondylodiscitis of scenario 5, years old on the problem list, counts only through the recent MRI that concludes it
        if (s.scenario === 5) {
          const infection = a.criteria.find((c) => c.id === 'ci.infection-active');
          expect(infection?.status).toBe('met');
          expect(
            infection?.evidence.every((e) => e.reference.startsWith('DiagnosticReport/')),
            `${years} years`,
          ).toBe(true);
        }
      }
    }
  });
});
