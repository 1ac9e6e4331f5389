import { describe, expect, it } from 'vitest';
import { VALUE_SETS } from '../../src/clinical/terminology/valuesets';
import { COMMON_CONVERSIONS, convert, keptConversions, painScore, ucumConversion } from '../../src/clinical/units';
import { baseResources, NOW, observation, platelets, record, assessed } from './fixtures';

describe('units through UCUM', () => {
  it.each(['10*3/uL', '10*9/L', '10*3/mm3', '/nL', 'K/uL', '10^9/L'])('platelets 250 %s = 250 × 10⁹/L', (unit) => {
    const r = convert(250, unit, '10*9/L');
    expect(r).toEqual({ ok: true, value: 250 });
  });

  it('converts CRP mg/dL to mg/L and temperature °F to °C', () => {
    expect(convert(8, 'mg/dL', 'mg/L')).toEqual({ ok: true, value: 80 });
    expect(convert(101, '[degF]', 'Cel')).toEqual({ ok: true, value: 38.333333333 });
    expect(convert(38.5, 'Cel', 'Cel')).toEqual({ ok: true, value: 38.5 });
  });

  it('converts the common units by the figures UCUM gives, to units the criteria compare in', () => {
    const targets = new Set(VALUE_SETS.flatMap((vs) => (vs.reading?.kind === 'quantity' ? [vs.reading.unit] : [])));
    for (const [key, conversion] of COMMON_CONVERSIONS) {
      const [from, target] = key.split('\u0000') as [string, string];
      expect(targets).toContain(target);
      // exactly: the same floating-point figures, so the same values after rounding
      expect(conversion, key).toStrictEqual(ucumConversion(from, target));
    }
  });

  it('keeps UCUM’s answers for a bounded number of pairs of units, however many a long batch meets', () => {
    for (let i = 0; i < 2500; i++) expect(convert(1, `unit-${i}`, 'mg/L').ok).toBe(false);
    expect(keptConversions()).toBeLessThanOrEqual(1000);
    expect(convert(8, 'mg/dL', 'mg/L')).toEqual({ ok: true, value: 80 });
    expect(convert(2, 'g/L', 'mg/L')).toEqual({ ok: true, value: 2000 });
  });

  it('never reads "G/L" as gauss per litre: unknown units fail', () => {
    expect(convert(250, 'bananas', '10*9/L').ok).toBe(false);
    expect(convert(250, 'mg', '10*9/L').ok).toBe(false);
  });

  it('reads pain as NRS 0-10: scores as they are, a VAS in mm divided by 10', () => {
    expect(painScore({ valueQuantity: { value: 75, unit: 'mm' } })).toMatchObject({ ok: true, value: 7.5 });
    expect(
      painScore({ valueQuantity: { value: 7.46, code: '{score}', system: 'http://unitsofmeasure.org' } }),
    ).toMatchObject({ ok: true, value: 7.46 });
    expect(painScore({ valueInteger: 3 })).toMatchObject({ ok: true, value: 3 });
    expect(painScore({ valueQuantity: { value: 7, unit: 'cm' } })).toMatchObject({ ok: true, value: 7 });
    expect(painScore({ valueQuantity: { value: 55, unit: '{score}' } }).ok).toBe(false);
    expect(painScore({ valueQuantity: { value: 7, unit: 'kg' } }).ok).toBe(false);
  });

  it('platelets in an unknown unit are unknown, excluded with the reason, never misread', () => {
    const resources = [
      ...baseResources().filter((r) => (r.code as { coding?: { code: string }[] })?.coding?.[0]?.code !== '777-3'),
      platelets(40, 3, 'bananas'),
    ];
    const a = assessed(record(resources), { now: NOW });
    const labs = a.criteria.find((c) => c.id === 'req.coagulation-labs');
    expect(labs?.status).toBe('not-met');
    expect(labs?.excluded.some((e) => e.why.includes('bananas'))).toBe(true);
    expect(a.criteria.find((c) => c.id === 'rc.coagulation-correctable')?.status).toBe('not-met');
  });

  it('platelets 40 × 10³/mm³ count as < 50 × 10⁹/L', () => {
    const resources = [
      ...baseResources().filter((r) => (r.code as { coding?: { code: string }[] })?.coding?.[0]?.code !== '777-3'),
      platelets(40, 3, '10*3/mm3'),
    ];
    expect(
      assessed(record(resources), { now: NOW }).criteria.find((c) => c.id === 'rc.coagulation-correctable')?.status,
    ).toBe('met');
  });

  it.each([
    ['CRP 8 mg/dL (= 80 mg/L)', observation('1988-5', 8, 'mg/dL', 2)],
    ['temperature 101 °F', observation('8310-5', 101, '[degF]', 1)],
    ['WBC 15 × 10³/µL', observation('6690-2', 15, '10*3/uL', 1)],
  ])('%s raises the infection question', (_name, obs) => {
    const infection = assessed(record([...baseResources(), obs]), { now: NOW }).criteria.find(
      (c) => c.id === 'ci.infection-active',
    );
    expect(infection?.status).toBe('unknown');
  });

  it('CRP 3 mg/dL (= 30 mg/L) does not', () => {
    const infection = assessed(record([...baseResources(), observation('1988-5', 3, 'mg/dL', 2)]), {
      now: NOW,
    }).criteria.find((c) => c.id === 'ci.infection-active');
    expect(infection?.status).toBe('not-met');
  });
});
