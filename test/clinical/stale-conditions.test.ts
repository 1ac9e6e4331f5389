import { describe, expect, it } from 'vitest';
import type { PatientRecord } from '../../src/clinical/record';
import { assessed, baseResources, condition, daysAgo, medication, NOW, record, SYS, withStatus } from './fixtures';

/**
 * Problem lists as real and synthetic EHRs keep them (README, "Stale problem lists"): acute
 * conditions left "active" for decades, encounter diagnoses, infections outside the spine, and
 * medication statements whose period has ended.
 */

type R = Record<string, unknown>;
const category = (code: string) => ({
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code }] }],
});
const assess = (resources: R[], extra: Partial<PatientRecord> = {}) =>
  assessed({ ...record(resources), ...extra }, { now: NOW });
const criterion = (resources: R[], id: string, extra: Partial<PatientRecord> = {}) =>
  assess(resources, extra).criteria.find((c) => c.id === id);

describe('an acute-course condition recorded active long ago, with nothing newer, asks "still active?"', () => {
  it('the Synthea sepsis of 1973 (an encounter diagnosis, active ever since) is no longer "not eligible"', () => {
    const sepsis = condition(SYS.sct, '91302008', 'Sepsis (disorder)', {
      ...category('encounter-diagnosis'),
      encounter: { reference: 'urn:uuid:3c2e9a37-c924-b7c4-db16-be1b0463f3a9' },
      onsetDateTime: '1973-06-04T20:13:43+00:00',
      recordedDate: '1973-06-04T20:13:43+00:00',
    });
    const a = assess([...baseResources(), sepsis]);
    expect(a.criteria.find((c) => c.id === 'ci.infection-active')).toMatchObject({
      status: 'unknown',
      rationale: expect.stringContaining(
        'diagnosis of an encounter on 1973-06-04, nothing newer in 90 days: still active?',
      ),
    });
    expect(a.recommendation).toBe('insufficient-data');
  });

  it.each([
    ['onset 200 days ago, nothing newer', { onsetDateTime: daysAgo(200) }, [], 'unknown'],
    ['onset 60 days ago', { onsetDateTime: daysAgo(60) }, [], 'met'],
    ['onset 91 days ago', { onsetDateTime: daysAgo(91) }, [], 'unknown'],
    ['onset 90 days ago', { onsetDateTime: daysAgo(90) }, [], 'met'],
    ['onset long ago, recorded 20 days ago', { onsetDateTime: daysAgo(400), recordedDate: daysAgo(20) }, [], 'met'],
    [
      'onset written "2025" (may be recent on 2026-11-25? no: the year ended 329 days ago)',
      { onsetDateTime: '2025' },
      [],
      'unknown',
    ],
    ['no date at all: its age is not known', { onsetDateTime: undefined }, [], 'met'],
  ])('a lumbar spondylodiscitis, %s → %s', (_name, dates, _extra, status) => {
    const discitis = condition(SYS.cm, 'M46.46', 'Discitis, unspecified, lumbar region', dates);
    expect(criterion([...baseResources(), discitis], 'ci.infection-active')?.status).toBe(status);
  });

  it('an antibiotic ordered for it 10 days ago shows it is current', () => {
    const discitis = condition(SYS.cm, 'M46.46', 'Discitis', { id: 'discitis-1', onsetDateTime: daysAgo(200) });
    const antibiotic = medication(SYS.rxnorm, '1665021', 'cefazolin 2000 MG Injection', 10, {
      reasonReference: [{ reference: 'Condition/discitis-1' }],
    });
    expect(criterion([...baseResources(), discitis, antibiotic], 'ci.infection-active')?.status).toBe('met');
  });

  it('recorded in the encounter the app was launched in, it is current', () => {
    const sepsis = condition(SYS.cm, 'A41.9', 'Sepsis', {
      onsetDateTime: daysAgo(400),
      encounter: { reference: 'Encounter/visit-1' },
    });
    const encounter = { resourceType: 'Encounter', id: 'visit-1', status: 'in-progress' } as fhir4.Encounter;
    expect(criterion([...baseResources(), sepsis], 'ci.infection-active', { encounter })?.status).toBe('met');
    expect(criterion([...baseResources(), sepsis], 'ci.infection-active')?.status).toBe('unknown');
  });

  it('a pregnancy recorded active two years ago asks; a recent one counts (Synthea "Normal pregnancy" too)', () => {
    const woman = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1990-01-01' };
    const pregnancy = (days: number) =>
      condition(SYS.sct, '72892002', 'Normal pregnancy', { onsetDateTime: daysAgo(days) });
    const of = (days: number) =>
      assessed(record([...baseResources(), pregnancy(days)], {}, woman), { now: NOW }).criteria.find(
        (c) => c.id === 'ci.pregnancy',
      );
    expect(of(30)?.status).toBe('met');
    expect(of(730)?.status).toBe('unknown');
    // a negative test of this week is newer than the stale entry and settles it
    const negative = {
      resourceType: 'Observation',
      id: 'hcg-1',
      status: 'final',
      code: { coding: [{ system: SYS.loinc, code: '2106-3' }] },
      effectiveDateTime: daysAgo(3),
      valueString: 'negative',
    };
    const settled = assessed(record([...baseResources(), pregnancy(730), negative], {}, woman), { now: NOW });
    expect(settled.criteria.find((c) => c.id === 'ci.pregnancy')?.status).toBe('not-met');
  });

  it('bleeding due to an anticoagulant recorded long ago asks rather than counts', () => {
    const bleeding = condition(SYS.cm, 'D68.32', 'Hemorrhagic disorder due to extrinsic circulating anticoagulants', {
      onsetDateTime: daysAgo(1500),
    });
    expect(criterion([...baseResources(), bleeding], 'rc.coagulation-correctable')?.status).toBe('unknown');
  });
});

describe('an encounter diagnosis belongs to its encounter', () => {
  const cord = (extra: R) => condition(SYS.cm, 'G95.20', 'Unspecified cord compression', extra);

  it('a cord compression diagnosed at a visit two years ago asks; on the problem list it still counts', () => {
    const old = { onsetDateTime: daysAgo(730) };
    expect(
      criterion([...baseResources(), cord({ ...old, ...category('encounter-diagnosis') })], 'ci.cord-compression'),
    ).toMatchObject({
      status: 'unknown',
      rationale: expect.stringContaining('still active?'),
    });
    // a chronic condition on the problem list: its age alone is no reason to doubt it
    expect(
      criterion([...baseResources(), cord({ ...old, ...category('problem-list-item') })], 'ci.cord-compression')
        ?.status,
    ).toBe('met');
  });

  it('an encounter diagnosis of last week counts', () => {
    const recent = cord({ onsetDateTime: daysAgo(7), ...category('encounter-diagnosis') });
    expect(criterion([...baseResources(), recent], 'ci.cord-compression')?.status).toBe('met');
  });
});

describe('infections outside the spine', () => {
  it.each([
    [
      'a cellulitis of the trunk (the access site, L03.3-)',
      condition(SYS.cm, 'L03.311', 'Cellulitis of abdominal wall'),
      'met',
    ],
    [
      'a trunk abscess coded in GM (L02.2)',
      condition(SYS.gm, 'L02.2', 'Hautabszess, Furunkel und Karbunkel am Rumpf'),
      'met',
    ],
    [
      'a urinary tract infection (N39.0)',
      condition(SYS.cm, 'N39.0', 'Urinary tract infection, site not specified'),
      'unknown',
    ],
    ['a pneumonia (J18.9, GM)', condition(SYS.gm, 'J18.9', 'Pneumonie, nicht näher bezeichnet'), 'unknown'],
    [
      'a Synthea E. coli urinary tract infection',
      condition(SYS.sct, '301011002', 'Escherichia coli urinary tract infection'),
      'unknown',
    ],
    ['a resolved pneumonia', withStatus(condition(SYS.cm, 'J18.9', 'Pneumonia'), 'resolved'), 'not-met'],
  ])('%s → %s', (_name, infection, status) => {
    const c = criterion([...baseResources(), infection], 'ci.infection-active');
    expect(c?.status).toBe(status);
    if (status === 'unknown') expect(c?.rationale).toContain('is it treated before the procedure?');
  });
});

describe('a MedicationStatement whose period has ended is ended, whatever its status', () => {
  it('an "active" statement of apixaban that ended last month is not current therapy', () => {
    const statement = {
      ...medication(SYS.rxnorm, '1364430', 'apixaban', 100),
      resourceType: 'MedicationStatement',
      status: 'active',
      effectivePeriod: { start: daysAgo(100), end: daysAgo(30) },
    };
    const c = criterion([...baseResources(), statement], 'rc.coagulation-correctable');
    expect(c?.status).toBe('not-met');
    expect(c?.excluded[0]?.why).toMatch(/^ended /);
  });
});
