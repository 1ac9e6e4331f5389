import { describe, expect, it } from 'vitest';
import {
  allergy,
  baseClinical,
  baseResources,
  condition,
  FRACTURE_CM,
  medication,
  NOW,
  observation,
  OSTEOPOROSIS_CM,
  record,
  SYS,
  withStatus,
  assessed,
} from './fixtures';

type R = Record<string, unknown>;
const result = (id: string, resources: R[]) =>
  assessed(record(resources), { now: NOW }).criteria.find((c) => c.id === id);

describe('statuses that count (README, "How the record is weighed"), excluded items kept with why', () => {
  it.each([
    ['entered-in-error', withStatus(FRACTURE_CM(), 'active', 'entered-in-error')],
    ['refuted', withStatus(FRACTURE_CM(), 'active', 'refuted')],
    ['resolved', withStatus(FRACTURE_CM(), 'resolved')],
    ['inactive', withStatus(FRACTURE_CM(), 'inactive')],
  ])('a %s fracture is not evidence', (why, fracture) => {
    const lesion = result('ind.painful-lesion', [fracture, OSTEOPOROSIS_CM(), ...baseClinical()]);
    expect(lesion?.status).toBe('unknown');
    expect(lesion?.excluded.map((e) => e.why)).toContain(why);
  });

  it('counts recurrence and relapse, and unconfirmed/provisional diagnoses', () => {
    expect(
      result('ind.painful-lesion', [withStatus(FRACTURE_CM(), 'recurrence', 'provisional'), ...baseClinical()])?.status,
    ).toBe('met');
    expect(
      result('ind.painful-lesion', [withStatus(FRACTURE_CM(), 'relapse', 'unconfirmed'), ...baseClinical()])?.status,
    ).toBe('met');
  });

  it('treats a Condition without clinical status as possible, not as evidence', () => {
    const infection = withStatus(condition(SYS.cm, 'M46.46', 'Discitis'), undefined);
    expect(result('ci.infection-active', [...baseResources(), infection])?.status).toBe('unknown');
  });

  it('does not count an abated or a resolved infection', () => {
    expect(
      result('ci.infection-active', [
        ...baseResources(),
        condition(SYS.cm, 'M46.46', 'Discitis', { abatementDateTime: '2026-01-01' }),
      ])?.status,
    ).toBe('not-met');
    expect(
      result('ci.infection-active', [...baseResources(), withStatus(condition(SYS.cm, 'A41.9', 'Sepsis'), 'resolved')])
        ?.excluded[0]?.why,
    ).toBe('resolved');
  });

  it.each(['preliminary', 'cancelled', 'entered-in-error', 'registered'])('a %s pain score is excluded', (status) => {
    const resources = [
      ...baseResources().filter((r) => (r.code as { coding?: { code: string }[] })?.coding?.[0]?.code !== '72514-3'),
      observation('72514-3', 8, '{score}', 1, { status }),
    ];
    const pain = result('ind.pain-severe', resources);
    expect(pain?.status).toBe('unknown');
    expect(pain?.excluded[0]?.why).toBe(`status ${status}`);
  });

  it.each(['stopped', 'completed', 'cancelled', 'entered-in-error', 'draft'])(
    'a %s anticoagulant order is excluded',
    (status) => {
      const r = result('rc.coagulation-correctable', [
        ...baseResources(),
        medication(SYS.rxnorm, '1364430', 'apixaban', 100, { status }),
      ]);
      expect(r?.status).toBe('not-met');
      expect(r?.excluded[0]?.why).toBe(`status ${status}`);
    },
  );

  it('counts an on-hold order and an active MedicationStatement', () => {
    expect(
      result('rc.coagulation-correctable', [
        ...baseResources(),
        medication(SYS.rxnorm, '1364430', 'apixaban', 100, { status: 'on-hold' }),
      ])?.status,
    ).toBe('met');
    const statement = {
      ...medication(SYS.rxnorm, '1364430', 'apixaban', 100),
      resourceType: 'MedicationStatement',
      status: 'active',
      effectivePeriod: { start: '2026-01-01' },
    };
    expect(result('rc.coagulation-correctable', [...baseResources(), statement])?.status).toBe('met');
  });

  it.each([
    ['refuted', { verificationStatus: { coding: [{ code: 'refuted' }] } }],
    ['entered-in-error', { verificationStatus: { coding: [{ code: 'entered-in-error' }] } }],
    ['inactive', { clinicalStatus: { coding: [{ code: 'inactive' }] } }],
    ['resolved', { clinicalStatus: { coding: [{ code: 'resolved' }] } }],
  ])('a %s PMMA allergy is excluded', (why, extra) => {
    const r = result('ci.cement-allergy', [...baseResources(), allergy(SYS.sct, '427811002', 'PMMA', extra)]);
    expect(r?.status).toBe('not-met');
    expect(r?.excluded[0]?.why).toBe(why);
  });

  it('counts an allergy without clinical status (absent is allowed)', () => {
    const pmma = allergy(SYS.sct, '427811002', 'PMMA');
    delete pmma.clinicalStatus;
    expect(result('ci.cement-allergy', [...baseResources(), pmma])?.status).toBe('met');
  });
});
