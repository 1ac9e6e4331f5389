import { describe, expect, it } from 'vitest';
import {
  baseClinical,
  baseResources,
  condition,
  imagingStudy,
  inr,
  medication,
  NOW,
  OSTEOPOROSIS_CM,
  pain,
  platelets,
  record,
  report,
  SYS,
  assessed,
  withSetting,
} from './fixtures';

type R = Record<string, unknown>;
const codeOf = (r: R) => (r.code as { coding?: { code: string }[] } | undefined)?.coding?.[0]?.code;
// an outpatient: an inpatient with NRS 8 would need no 3 weeks of analgesia
const statusOf = (id: string, resources: R[]) =>
  assessed(withSetting(record(resources), 'AMB'), { now: NOW }).criteria.find((c) => c.id === id)?.status;
const replace = (drop: (r: R) => boolean, ...add: R[]) => [...baseResources().filter((r) => !drop(r)), ...add];

describe('time windows, one day either side', () => {
  it.each([
    [13, 'met'],
    [14, 'met'],
    [15, 'unknown'],
  ])('pain score %i days old → ind.pain-severe %s', (days, expected) => {
    expect(
      statusOf(
        'ind.pain-severe',
        replace((r) => codeOf(r) === '72514-3', pain(8, days)),
      ),
    ).toBe(expected);
  });

  it.each([
    [20, 'not-met'],
    [21, 'met'],
    [22, 'met'],
  ])('analgesic since %i days → ind.conservative-failed %s', (days, expected) => {
    expect(
      statusOf(
        'ind.conservative-failed',
        replace((r) => r.resourceType === 'MedicationRequest', medication(SYS.atc, 'N02AA05', 'Oxycodon', days)),
      ),
    ).toBe(expected);
  });

  it.each([
    [29, 'met'],
    [30, 'met'],
    [31, 'not-met'],
  ])('INR and platelets %i days old → req.coagulation-labs %s', (days, expected) => {
    const labs = (r: R) => codeOf(r) === '6301-6' || codeOf(r) === '777-3';
    expect(statusOf('req.coagulation-labs', replace(labs, inr(1, days), platelets(250, days)))).toBe(expected);
  });

  it.each([
    [83, 'met'],
    [84, 'met'],
    [85, 'unknown'],
  ])('spine MRI %i days old (12 weeks = 84 d) → req.imaging %s', (days, expected) => {
    const resources = [
      ...baseResources().filter((r) => r.resourceType !== 'ImagingStudy' && r.resourceType !== 'DiagnosticReport'),
      imagingStudy('MR', days),
    ];
    expect(statusOf('req.imaging', resources)).toBe(expected);
  });

  it.each([
    ['2025-11-26', 'unknown'],
    ['2025-11-25', 'unknown'],
    ['2025-11-24', 'not-met'],
  ])(
    'fracture onset %s without oedema finding (12 months before 2026-11-25) → ind.fracture-acute %s',
    (onset, expected) => {
      const fracture = condition(SYS.cm, 'M80.08XA', 'fracture', { onsetDateTime: onset, bodySite: [{ text: 'L1' }] });
      const resources = [
        fracture,
        OSTEOPOROSIS_CM(),
        ...baseClinical().filter((r) => r.resourceType !== 'DiagnosticReport'),
      ];
      expect(statusOf('ind.fracture-acute', resources)).toBe(expected);
    },
  );

  it('ignores an MRI taken before the fracture (it cannot date it)', () => {
    const resources = [
      ...baseResources().filter((r) => r.resourceType !== 'DiagnosticReport'),
      report('L1: no bone marrow oedema.', 700),
    ];
    expect(statusOf('ind.fracture-acute', resources)).toBe('unknown');
  });

  it('measures every window against the given now, not the clock', () => {
    const later = new Date(NOW.getTime() + 60 * 86_400_000);
    const a = assessed(record(baseResources()), { now: later });
    expect(a.criteria.find((c) => c.id === 'ind.pain-severe')?.status).toBe('unknown');
    expect(a.assessedAt).toBe(later.toISOString());
  });

  it('does not count what is dated after now', () => {
    const earlier = new Date(NOW.getTime() - 5 * 86_400_000);
    const pains = assessed(record(baseResources()), { now: earlier }).criteria.find((c) => c.id === 'ind.pain-severe');
    expect(pains?.rationale).toContain('NRS 7');
  });
});
