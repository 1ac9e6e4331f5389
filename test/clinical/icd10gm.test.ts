import { describe, expect, it } from 'vitest';
import { diagnosisCodings, splitGmCode } from '../../src/clinical/terminology/icd10gm';
import { matchCodings } from '../../src/clinical/terminology/match';
import {
  assessed,
  baseClinical,
  baseResources,
  condition,
  FRACTURE_GM,
  imagingStudy,
  NOW,
  OSTEOPOROSIS_GM,
  record,
  SYS,
  withStatus,
} from './fixtures';

/**
 * ICD-10-GM as German EHRs send it (README, "How the record is weighed"): multi-part codes in one
 * string and in the fhir.de extensions, the KBV diagnosis certainty and laterality. Codes and
 * displays from the BfArM ICD-10-GM 2017 systematic file; extension URLs from basisprofil-de-r4.
 */

type R = Record<string, unknown>;
const BASIS = 'http://fhir.de/StructureDefinition/';
const KBV_CERTAINTY = 'https://fhir.kbv.de/CodeSystem/KBV_CS_SFHIR_ICD_DIAGNOSESICHERHEIT';
const KBV_SIDE = 'https://fhir.kbv.de/CodeSystem/KBV_CS_SFHIR_ICD_SEITENLOKALISATION';

const ext = (name: string, system: string, code: string) => ({ url: BASIS + name, valueCoding: { system, code } });
const certainty = (code: string) => ext('icd-10-gm-diagnosesicherheit', KBV_CERTAINTY, code);
const side = (code: string) => ext('seitenlokalisation', KBV_SIDE, code);
/** a German diagnosis: one ICD-10-GM coding, with extensions on the coding */
const gmCondition = (code: string, display: string, extensions: R[] = [], extra: R = {}) =>
  condition(SYS.gm, code, display, {
    code: { coding: [{ system: SYS.gm, version: '2017', code, display, extension: extensions }], text: display },
    ...extra,
  });
const setsOf = (concept: unknown) => [...new Set(matchCodings(diagnosisCodings(concept)).map((m) => m.valueSet.id))];
const gmConcept = (code: string, extensions: R[] = []) => ({
  coding: [{ system: SYS.gm, code, extension: extensions }],
});
const result = (resources: R[], id: string) =>
  assessed(record(resources), { now: NOW }).criteria.find((c) => c.id === id);

describe('ICD-10-GM code strings are split into their parts', () => {
  it.each([
    ['M47.16† G99.2*', ['M47.16', 'G99.2']],
    ['M47.16+ G99.2*', ['M47.16', 'G99.2']],
    ['M47.16†G99.2*', ['M47.16', 'G99.2']],
    ['A18.0† M49.06*', ['A18.0', 'M49.06']],
    ['A41.0 R65.1!', ['A41.0', 'R65.1']],
    ['Z33!', ['Z33']],
    ['S32.01', ['S32.01']],
  ])('%s → %j', (code, parts) => {
    expect(splitGmCode(code)?.parts).toEqual(parts);
  });

  it.each([
    ['M46.46 V', 'V', undefined],
    ['M46.46V', 'V', undefined],
    ['S32.01 G', 'G', undefined],
    ['M80.08 Z', 'Z', undefined],
    ['M54.16 R', undefined, 'R'],
    ['M80.08 G L', 'G', 'L'],
  ])('%s carries certainty %s and side %s', (code, c, s) => {
    const written = splitGmCode(code);
    expect([written?.certainty, written?.side]).toEqual([c, s]);
  });

  it('leaves a string it cannot read as written (matched as before)', () => {
    expect(splitGmCode('M80.08XA')).toBeUndefined();
    expect(splitGmCode('see note')).toBeUndefined();
    expect(diagnosisCodings(gmConcept('M80.08XA'))).toEqual([{ system: SYS.gm, code: 'M80.08XA' }]);
  });

  it.each([
    ['a myelopathy star code (M47.16† G99.2*)', gmConcept('M47.16† G99.2*'), ['VS-CORD-COMPRESSION']],
    ['a spinal tuberculosis pair (A18.0† M49.06*)', gmConcept('A18.0† M49.06*'), ['VS-SPINE-INFECTION']],
    ['a metastatic collapse (C79.5† M49.56*)', gmConcept('C79.5† M49.56*'), ['VS-MALIGNANT-OSTEOLYSIS']],
    ['an exclamation code after an osteomyelitis (M46.26 B95.6!)', gmConcept('M46.26 B95.6!'), ['VS-SPINE-INFECTION']],
    [
      'the manifestation in its extension (primary M47.16, manifestationscode G99.2)',
      gmConcept('M47.16', [ext('icd-10-gm-manifestationscode', SYS.gm, 'G99.2')]),
      ['VS-CORD-COMPRESSION'],
    ],
    [
      'the legacy haupt-kreuz / stern extensions',
      gmConcept('M47.16† G99.2*', [
        ext('icd-10-gm-haupt-kreuz', SYS.gm, 'M47.16'),
        ext('icd-10-gm-stern', SYS.gm, 'G99.2'),
      ]),
      ['VS-CORD-COMPRESSION'],
    ],
    [
      'an exclamation code in its extension (ausrufezeichen A41.0 on R65.1)',
      gmConcept('R65.1', [ext('icd-10-gm-ausrufezeichen', SYS.gm, 'A41.0')]),
      ['VS-SYSTEMIC-INFECTION'],
    ],
  ])('matches each part of %s', (_name, concept, sets) => {
    expect(setsOf(concept)).toEqual(sets);
  });

  it('counts a part once when the string and the extension both carry it', () => {
    const parts = diagnosisCodings(
      gmConcept('M47.16† G99.2*', [ext('icd-10-gm-manifestationscode', SYS.gm, 'G99.2')]),
    ).map((c) => c.code);
    expect(parts).toEqual(['M47.16', 'G99.2']);
  });

  it('leaves other systems alone (ICD-10-CM is never split)', () => {
    expect(diagnosisCodings({ coding: [{ system: SYS.cm, code: 'M80.08XA' }] })).toEqual([
      { system: SYS.cm, code: 'M80.08XA' },
    ]);
  });
});

describe('ICD-10-GM diagnoses in the assessment', () => {
  const german = () => [FRACTURE_GM(), OSTEOPOROSIS_GM(), ...baseClinical()];

  it('a myelopathy sent as "M47.16† G99.2*" is a cord compression: not eligible (the star code was lost before)', () => {
    const a = assessed(
      record([...german(), gmCondition('M47.16† G99.2*', 'Spondylose mit Myelopathie: Lumbalbereich')]),
      { now: NOW },
    );
    expect(a.criteria.find((c) => c.id === 'ci.cord-compression')).toMatchObject({
      status: 'met',
      rationale: expect.stringContaining('[G99.2]'),
    });
    expect(a.recommendation).toBe('not-eligible');
  });

  it('a myelopathy in the manifestationscode extension counts the same', () => {
    const myelopathy = gmCondition('M47.16', 'Spondylose mit Myelopathie', [
      ext('icd-10-gm-manifestationscode', SYS.gm, 'G99.2'),
    ]);
    expect(result([...german(), myelopathy], 'ci.cord-compression')?.status).toBe('met');
  });

  it.each([
    ['A (ruled out)', 'A', 'ruled out (Diagnosesicherheit A)'],
    ['Z (status after)', 'Z', 'status after, resolved (Diagnosesicherheit Z)'],
  ])('a spondylodiscitis with Diagnosesicherheit %s is not evidence', (_name, code, why) => {
    const discitis = gmCondition('M46.46', 'Diszitis: Lumbalbereich', [certainty(code)]);
    const infection = result([...german(), discitis], 'ci.infection-active');
    expect(infection?.status).toBe('not-met');
    expect(infection?.excluded.map((e) => e.why)).toContain(why);
  });

  it('a suspected spondylodiscitis (V) asks, never "not eligible" and never "absent"', () => {
    const discitis = gmCondition('M46.46', 'Diszitis: Lumbalbereich', [certainty('V')]);
    const a = assessed(record([...german(), discitis]), { now: NOW });
    const infection = a.criteria.find((c) => c.id === 'ci.infection-active');
    expect(infection).toMatchObject({ status: 'unknown', rationale: expect.stringContaining('Diagnosesicherheit V') });
    expect(a.recommendation).toBe('insufficient-data');
  });

  it('certainty written after the code ("M46.46 V") reads as the extension does', () => {
    const discitis = gmCondition('M46.46 V', 'Diszitis: Lumbalbereich');
    expect(result([...german(), discitis], 'ci.infection-active')?.status).toBe('unknown');
  });

  it('FHIR verificationStatus provisional asks as well: a suspected sepsis is not a proven one', () => {
    const sepsis = withStatus(gmCondition('A41.9', 'Sepsis, nicht näher bezeichnet'), 'active', 'provisional');
    expect(result([...german(), sepsis], 'ci.infection-active')?.status).toBe('unknown');
  });

  it('a suspected fracture (V) still counts for the indication: it is the reason to look', () => {
    const fracture = gmCondition('S32.01', 'Fraktur eines Lendenwirbels: L1', [certainty('V')]);
    expect(result([fracture, OSTEOPOROSIS_GM(), ...baseClinical()], 'ind.painful-lesion')?.status).toBe('met');
  });

  it('G (confirmed) counts as before', () => {
    const discitis = gmCondition('M46.46', 'Diszitis: Lumbalbereich', [certainty('G')]);
    expect(result([...german(), discitis], 'ci.infection-active')?.status).toBe('met');
  });

  it('M80.08 ("other site") with a side (Seitenlokalisation R) is a rib or a limb, not the spine', () => {
    const fracture = (extensions: R[]) =>
      gmCondition('M80.08', 'Postmenopausale Osteoporose mit pathologischer Fraktur: Sonstige', extensions);
    const lesion = (extensions: R[]) => result([fracture(extensions), ...baseClinical()], 'ind.painful-lesion');
    // spine imaging in the record corroborates the unsided code (a level is still to be given)
    expect(lesion([])?.excluded).toEqual([]);
    const sided = lesion([side('R')]);
    expect(sided?.status).toBe('unknown');
    expect(sided?.excluded[0]?.why).toBe('code names a site on one side (Seitenlokalisation R), not the spine');
  });
});

describe('a Condition without clinicalStatus (README, "How the record is weighed")', () => {
  const unstatused = () => withStatus(FRACTURE_GM(), undefined);

  it('counts for the indication when spine imaging corroborates it, with a caution to confirm it is current', () => {
    const a = assessed(record([unstatused(), OSTEOPOROSIS_GM(), ...baseClinical()]), { now: NOW });
    expect(a.criteria.find((c) => c.id === 'ind.painful-lesion')).toMatchObject({
      status: 'met',
      caution: { en: expect.stringContaining('has no clinical status: confirm it is current') },
    });
    expect(a.recommendation).toBe('eligible-with-cautions');
  });

  it('a clinical status that is there but unreadable is not "no status": it might say resolved', () => {
    const garbled = { ...FRACTURE_GM(), clinicalStatus: { text: 'aktiv?' } };
    const lesion = result([garbled, OSTEOPOROSIS_GM(), ...baseClinical()], 'ind.painful-lesion');
    expect(lesion?.status).toBe('unknown');
    expect(lesion?.excluded[0]?.why).toBe('clinical status not readable');
  });

  it('is not counted without spine imaging', () => {
    const noImaging = baseClinical().filter(
      (r) => r.resourceType !== 'ImagingStudy' && r.resourceType !== 'DiagnosticReport',
    );
    const lesion = result([unstatused(), ...noImaging], 'ind.painful-lesion');
    expect(lesion?.status).toBe('unknown');
    expect(lesion?.excluded[0]?.why).toBe('no clinical status, and no spine imaging corroborates it');
  });

  it('gives an absolute contraindication "unknown", never "not-met"', () => {
    const cord = withStatus(condition(SYS.gm, 'G95.2', 'Rückenmarkkompression'), undefined);
    expect(result([...baseResources(), cord], 'ci.cord-compression')).toMatchObject({
      status: 'unknown',
      rationale: expect.stringContaining('no clinical status'),
    });
  });

  it('corroboration by a CT of the spine counts as well', () => {
    const ct = imagingStudy('CT', 10);
    const noMri = baseClinical().filter(
      (r) => r.resourceType !== 'ImagingStudy' && r.resourceType !== 'DiagnosticReport',
    );
    expect(result([unstatused(), ...noMri, ct], 'ind.painful-lesion')?.status).toBe('met');
  });
});
