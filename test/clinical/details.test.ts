import { describe, expect, it } from 'vitest';
import {
  baseClinical,
  baseClinicalUnplaced,
  baseResources,
  condition,
  imagingStudy,
  NOW,
  observation,
  OSTEOPOROSIS_CM,
  pain,
  record,
  report,
  SYS,
  assessed,
  withSetting,
} from './fixtures';

type R = Record<string, unknown>;
const noMeds = (rs: R[]) => rs.filter((r) => r.resourceType !== 'MedicationRequest');
const codeOf = (r: R) => (r.code as { coding?: { code: string }[] } | undefined)?.coding?.[0]?.code;

describe('clinical details', () => {
  it('waives the 3-week rule for a hospitalised patient with NRS ≥ 8 (LCD)', () => {
    const resources = noMeds([...baseResources().filter((r) => codeOf(r) !== '72514-3'), pain(9, 1)]);
    const outpatient = assessed(withSetting(record(resources), 'AMB'), { now: NOW });
    expect(outpatient.criteria.find((c) => c.id === 'ind.conservative-failed')?.status).toBe('not-met');
    const inpatient = assessed(withSetting(record(resources), 'IMP'), { now: NOW });
    expect(inpatient.criteria.find((c) => c.id === 'ind.conservative-failed')?.status).toBe('met');
  });

  it('a myeloma without a level counts, and asks for the level', () => {
    const a = assessed(
      record([
        condition(SYS.cm, 'C90.00', 'Multiple myeloma not having achieved remission'),
        ...baseClinicalUnplaced(),
      ]),
      { now: NOW },
    );
    expect(a.criteria.find((c) => c.id === 'ind.painful-lesion')?.status).toBe('met');
    expect(a.missing).toContainEqual(expect.objectContaining({ criterion: 'ind.painful-lesion', supply: 'answer' }));
  });

  it('a bone metastasis needs a spinal site; myeloma and fracture codes with a level do not need one', () => {
    const noSite = assessed(
      record([
        condition(SYS.cm, 'C79.51', 'Secondary malignant neoplasm of bone'),
        ...baseClinical().filter((r) => r.resourceType !== 'ImagingStudy' && r.resourceType !== 'DiagnosticReport'),
      ]),
      { now: NOW },
    );
    expect(noSite.criteria.find((c) => c.id === 'ind.painful-lesion')?.status).toBe('unknown');
    const withSite = assessed(
      record([
        condition(SYS.cm, 'C79.51', 'Secondary malignant neoplasm of bone', {
          bodySite: [{ coding: [{ system: SYS.sct, code: '11994002' }] }],
        }),
        ...baseClinical(),
      ]),
      { now: NOW },
    );
    expect(withSite.levels).toEqual(['L4']);
  });

  it('GM M80.08 ("other site") is vertebral when spine imaging corroborates it, and then asks for the level', () => {
    const a = assessed(
      record([condition(SYS.gm, 'M80.08', 'Osteoporose mit pathologischer Fraktur'), ...baseClinicalUnplaced()]),
      { now: NOW },
    );
    const lesion = a.criteria.find((c) => c.id === 'ind.painful-lesion');
    expect(lesion?.status).toBe('unknown');
    expect(lesion?.evidence).toHaveLength(1);
    expect(lesion?.rationale).toContain('level is not recorded');
  });

  it('a bone scan shows oedema for ind.fracture-acute but does not satisfy req.imaging', () => {
    const resources = [
      ...baseResources().filter((r) => r.resourceType !== 'ImagingStudy' && r.resourceType !== 'DiagnosticReport'),
      imagingStudy('NM', 10, '421060004'),
      report('Bone scan: increased uptake at L1 compatible with a recent fracture.', 10, {
        code: { text: 'Bone scan spine' },
      }),
    ];
    const a = assessed(record(resources), { now: NOW });
    expect(a.criteria.find((c) => c.id === 'ind.fracture-acute')?.status).toBe('met');
    expect(a.criteria.find((c) => c.id === 'req.imaging')?.status).toBe('unknown');
  });

  it('reads oedema from an imaging Observation too, with negation', () => {
    const imagingObs = (text: string) =>
      observation('18748-4', undefined, undefined, 10, {
        category: [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'imaging' }] },
        ],
        code: { text: 'MRI spine' },
        valueString: text,
      });
    const base = baseResources().filter((r) => r.resourceType !== 'DiagnosticReport');
    expect(
      assessed(record([...base, imagingObs('STIR: no bone marrow oedema at L1')]), { now: NOW }).criteria.find(
        (c) => c.id === 'ind.fracture-acute',
      )?.status,
    ).toBe('not-met');
    expect(
      assessed(record([...base, imagingObs('Knochenmarködem LWK 1')]), { now: NOW }).criteria.find(
        (c) => c.id === 'ind.fracture-acute',
      )?.status,
    ).toBe('met');
  });

  it('keeps the levels of a multi-level fracture apart in the level details', () => {
    const a = assessed(
      record([
        condition(SYS.gm, 'S32.01', 'LWK 1'),
        condition(SYS.gm, 'S32.02', 'LWK 2'),
        OSTEOPOROSIS_CM(),
        ...baseClinical(),
      ]),
      { now: NOW },
    );
    expect(a.levelDetails.map((l) => l.level)).toEqual(['L1', 'L2']);
    expect(a.levelDetails[0]?.findings).toContain('traumatic fracture');
    expect(a.levelDetails[0]?.findings.some((f) => f.startsWith('oedema'))).toBe(true);
  });
});
