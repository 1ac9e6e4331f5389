import { describe, expect, it } from 'vitest';
import { lesionLevels } from '../../src/clinical/findings-text';
import { assessed, baseClinical, condition, NOW, OSTEOPOROSIS_CM, record, report, SYS } from './fixtures';

/**
 * Levels from report text (README, "Levels from reports"): a level named in the same sentence as a
 * fracture, oedema or osteolysis gives the level of a lesion coded without one; a level described
 * as normal does not.
 */

describe('the levels a report sentence gives its lesion', () => {
  it.each([
    ['Frische Sinterungsfraktur LWK 2.', ['L2']],
    ['Acute compression fracture of T12.', ['T12']],
    ['Frakturen LWK 1-3.', ['L1', 'L2', 'L3']],
    ['Bone marrow edema in T11 to L1.', ['T11', 'T12', 'L1']],
    ['Frische Fraktur BWK 11 bis LWK 1.', ['T11', 'T12', 'L1']],
    ['Acute fractures of T12 and L1. Normal height of L2.', ['T12', 'L1']],
    ['Kompressionsfraktur L1, L2 unauffällig.', ['L1']],
    ['Osteolyse BWK 10, übrige Wirbelkörper unauffällig.', ['T10']],
    ['Osteolytic metastases at T8, T10 and L3.', ['T8', 'T10', 'L3']],
    ['Sagittal T2 images: compression fracture of L1.', ['L1']],
    ['Mehranreicherung Th12.', ['T12']],
  ])('%s → %j', (text, levels) => {
    expect(lesionLevels(text)).toEqual(levels);
  });

  it.each([
    'No fracture of L3.',
    'Keine frische Fraktur LWK 2.',
    'Possible fracture of L4.',
    'V. a. Sinterung LWK 3.',
    'Bandscheibenvorfall L4/5.',
    'Mild disc degeneration L4-L5.',
    'Vertebral bodies L1-L5 of normal height and signal.',
    'LWK 1 bis 5 unauffällig.',
  ])('gives none: %s', (text) => {
    expect(lesionLevels(text)).toEqual([]);
  });
});

describe('a lesion coded without a level takes the level of the report', () => {
  const withReport = (lesion: Record<string, unknown>, text: string) =>
    assessed(
      record([
        lesion,
        OSTEOPOROSIS_CM(),
        ...baseClinical().filter((r) => r.resourceType !== 'DiagnosticReport'),
        report(text, 21, { code: { text: 'MRT LWS' } }),
      ]),
      { now: NOW },
    );
  const lesion = (a: ReturnType<typeof withReport>) => a.criteria.find((c) => c.id === 'ind.painful-lesion');

  it('M48.56 (lumbar, no level) with "Frische Sinterungsfraktur LWK 2": at L2, the report cited (unknown before)', () => {
    const a = withReport(
      condition(SYS.cm, 'M48.56XA', 'Collapsed vertebra, NEC, lumbar region'),
      'Frische Sinterungsfraktur LWK 2 mit Knochenmarködem.',
    );
    expect(lesion(a)).toMatchObject({ status: 'met', rationale: expect.stringContaining("The level is the report's") });
    expect(lesion(a)?.evidence.map((e) => e.reference)).toContain(a.criteria[0]?.evidence[1]?.reference);
    expect(a.levels).toEqual(['L2']);
  });

  it('GM S22.06 ("T11 or T12") with "Frische Fraktur BWK 12": at T12', () => {
    const a = withReport(
      condition(SYS.gm, 'S22.06', 'Fraktur eines Brustwirbels: T11 und T12'),
      'Frische Fraktur BWK 12, BWK 11 unauffällig.',
    );
    expect(a.levels).toEqual(['T12']);
  });

  it('a level outside the code’s region is not taken (M48.56 lumbar, report names T12)', () => {
    const a = withReport(
      condition(SYS.cm, 'M48.56XA', 'Collapsed vertebra, NEC, lumbar region'),
      'Acute compression fracture of T12.',
    );
    expect(lesion(a)?.status).toBe('unknown');
  });

  it('a myeloma without a level takes the level of the osteolysis', () => {
    const a = withReport(
      condition(SYS.cm, 'C90.00', 'Multiple myeloma'),
      'Osteolyse BWK 10 mit pathologischer Fraktur.',
    );
    expect(a.levels).toEqual(['T10']);
  });
});
