import { describe, expect, it } from 'vitest';
import { levelsFromIcd, levelsFromSnomed, levelsFromText } from '../../src/clinical/levels';
import { baseClinical, condition, NOW, OSTEOPOROSIS_CM, record, SYS, assessed } from './fixtures';

describe('vertebral levels', () => {
  it('reads levels from ICD-10 codes, CM and GM', () => {
    expect(levelsFromIcd('icd10-cm', 'S32010A').levels).toEqual(['L1']);
    expect(levelsFromIcd('icd10-gm', 'S3205').levels).toEqual(['L5']);
    expect(levelsFromIcd('icd10-gm', 'S2206').pairs).toEqual([['T11', 'T12']]);
    expect(levelsFromIcd('icd10-cm', 'S22080A').pairs).toEqual([['T11', 'T12']]);
    expect(levelsFromIcd('icd10-cm', 'S12100A').levels).toEqual(['C2']);
    expect(levelsFromIcd('icd10-gm', 'S1223').levels).toEqual(['C5']);
    expect(levelsFromIcd('icd10-cm', 'M4856XA').region).toBe('lumbar');
  });

  it('reads SNOMED body structures', () => {
    expect(levelsFromSnomed('66794005').levels).toEqual(['L1']);
    expect(levelsFromSnomed('23215003').levels).toEqual(['T12']);
    expect(levelsFromSnomed('122496007').region).toBe('lumbar');
  });

  it('reads text: L1, LWK 1, BWK 12, Th12, T12, HWK 5; not MRI sequences', () => {
    expect(levelsFromText('fracture L1')).toEqual(['L1']);
    expect(levelsFromText('Sinterung LWK 1 und BWK 12')).toEqual(['T12', 'L1']);
    expect(levelsFromText('Th12, HWK 5')).toEqual(['C5', 'T12']);
    expect(levelsFromText('T2-weighted and T1w images, STIR; T2 hyperintense signal at T12')).toEqual(['T12']);
    // series of a lumbar MRI named by plane and sequence: no thoracic level
    expect(levelsFromText('MRI lumbar spine SAG T1 SAG T2 Sag. STIR AX T2 axial T1, coronal T2')).toEqual([]);
    expect(levelsFromText('Sagittal T2: oedema of L1; T12 intact')).toEqual(['T12', 'L1']);
    expect(levelsFromText('L7 and T13 are not levels')).toEqual([]);
  });

  it('reads T1 and T2 as sequences in lists of sequences, and no other level as a sequence', () => {
    expect(levelsFromText('T1 and T2 images: fracture of L2')).toEqual(['L2']);
    expect(levelsFromText('T1- and T2-weighted, T1/T2 images, T2* images')).toEqual([]);
    // only T1 and T2 name sequences: a signal word after another level leaves it a level
    expect(levelsFromText('L1 hyperintense on STIR; T12 hypointense; C2 and C3 signal increase')).toEqual([
      'C2',
      'C3',
      'T12',
      'L1',
    ]);
    expect(levelsFromText('fractures of T1 and T2')).toEqual(['T1', 'T2']);
  });

  it('keeps a multi-level fracture apart and a GM pair undecided', () => {
    const twoLevels = assessed(
      record([
        condition(SYS.gm, 'S32.01', 'L1'),
        condition(SYS.gm, 'S32.03', 'L3'),
        OSTEOPOROSIS_CM(),
        ...baseClinical(),
      ]),
      { now: NOW },
    );
    expect(twoLevels.levels).toEqual(['L1', 'L3']);
    const pair = assessed(
      record([
        condition(SYS.gm, 'S22.06', 'Fraktur eines Brustwirbels: T11 und T12'),
        OSTEOPOROSIS_CM(),
        ...baseClinical(),
      ]),
      { now: NOW },
    );
    const lesion = pair.criteria.find((c) => c.id === 'ind.painful-lesion');
    expect(lesion?.status).toBe('unknown');
    expect(lesion?.rationale).toContain('T11 or T12');
  });

  it('sets aside a level outside C2-L5', () => {
    const c1 = assessed(record([condition(SYS.cm, 'S12.000A', 'C1 fracture'), ...baseClinical()]), { now: NOW });
    const lesion = c1.criteria.find((c) => c.id === 'ind.painful-lesion');
    expect(lesion?.status).toBe('unknown');
    expect(lesion?.excluded[0]?.why).toContain('outside C2-L5');
  });
});
