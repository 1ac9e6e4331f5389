import { describe, expect, it } from 'vitest';
import { assessed, baseResources, NOW, observation, pain, record, SYS } from './fixtures';

/**
 * Pain scores where EHRs put them (README "Pain scores in panels"): a component of a panel
 * (a vital-signs or nursing flowsheet panel), a member of a panel, and scores whose code the app
 * does not know, which are set aside with their reason.
 */

type R = Record<string, unknown>;
const codeOf = (r: R) => (r.code as { coding?: { code: string }[] } | undefined)?.coding?.[0]?.code;
const withoutPain = () => baseResources().filter((r) => codeOf(r) !== '72514-3');
const painSevere = (...extra: R[]) =>
  assessed(record([...withoutPain(), ...extra]), { now: NOW }).criteria.find((c) => c.id === 'ind.pain-severe');

const component = (code: string, display: string, value: Record<string, unknown>) => ({
  code: { coding: [{ system: SYS.loinc, code, display }] },
  ...value,
});
/** a panel Observation: its own code is not a pain score, its components are */
const panel = (components: unknown[], days = 1, extra: R = {}) =>
  observation('85353-1', undefined, undefined, days, {
    code: {
      coding: [
        {
          system: SYS.loinc,
          code: '85353-1',
          display: 'Vital signs, weight, height, head circumference, oxygen saturation and BMI panel',
        },
      ],
    },
    component: components,
    ...extra,
  });

describe('pain scores in components and panels', () => {
  it.each([
    [
      'an integer NRS in a vital-signs panel',
      panel([
        component('8867-4', 'Heart rate', { valueQuantity: { value: 88, unit: '/min' } }),
        component('72514-3', 'Pain severity - 0-10 verbal numeric rating [Score] - Reported', { valueInteger: 8 }),
      ]),
      'NRS 8',
    ],
    [
      'a VAS in mm in a panel',
      panel([
        component('38214-3', 'Pain severity [Score] Visual analog score', {
          valueQuantity: { value: 70, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' },
        }),
      ]),
      'NRS 7 (recorded as 70 mm)',
    ],
  ])('%s is read (it was not before)', (_name, obs, cited) => {
    const c = painSevere(obs);
    expect(c?.status).toBe('met');
    expect(c?.evidence[0]?.summary).toContain(cited);
    expect(c?.evidence[0]?.summary).toContain('Vital signs');
  });

  it('a component score below 5 is not severe, as the same score on its own would be', () => {
    expect(painSevere(panel([component('72514-3', 'Pain severity', { valueInteger: 3 })]))?.status).toBe('not-met');
  });

  it('a panel that is not final does not count, nor do its components', () => {
    const c = painSevere(
      panel([component('72514-3', 'Pain severity', { valueInteger: 8 })], 1, { status: 'preliminary' }),
    );
    expect(c?.status).toBe('unknown');
    expect(c?.excluded[0]?.why).toBe('status preliminary');
  });

  it('a component in a unit that is no pain scale is set aside with the reason', () => {
    const c = painSevere(panel([component('72514-3', 'Pain severity', { valueQuantity: { value: 8, unit: 'kg' } })]));
    expect(c?.status).toBe('unknown');
    expect(c?.excluded.map((e) => e.why)).toContain('unit "kg" is not a pain scale (none, {score}, mm, cm or %)');
  });

  it('a panel whose members are separate Observations: the members count (hasMember)', () => {
    const member = pain(6, 1);
    const withMember = panel([], 1, { hasMember: [{ reference: `Observation/${member.id as string}` }] });
    expect(painSevere(withMember, member)?.status).toBe('met');
  });
});

describe('a pain score with a code the app does not know is set aside with its reason', () => {
  it.each([
    [
      'a local code with German text',
      {
        coding: [{ system: 'http://klinikum.example/fhir/CodeSystem/pflege', code: 'SCHMERZ_NRS' }],
        text: 'Schmerz NRS',
      },
      'pain score with a code the app does not know (http://klinikum.example/fhir/CodeSystem/pflege|SCHMERZ_NRS): not read as NRS 0-10',
    ],
    [
      'a LOINC code outside VS-PAIN-SCORE',
      { coding: [{ system: SYS.loinc, code: '38222-6', display: 'Pain score (unlisted scale)' }] },
      'pain score with a code the app does not know (http://loinc.org|38222-6): not read as NRS 0-10',
    ],
    ['no code at all', { text: 'Pain (VAS)' }, 'pain score without a code: not read as NRS 0-10'],
  ])('%s', (_name, code, why) => {
    const c = painSevere(observation('x', 8, '{score}', 1, { code }));
    expect(c?.status).toBe('unknown');
    expect(c?.excluded.map((e) => e.why)).toContain(why);
  });

  it('an unrelated measurement is not mistaken for one ("Body weight")', () => {
    const weight = observation('29463-7', 80, 'kg', 1, {
      code: { coding: [{ system: SYS.loinc, code: '29463-7', display: 'Body weight' }] },
    });
    const c = painSevere(weight);
    expect(c?.excluded).toEqual([]);
  });
});
