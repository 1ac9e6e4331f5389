import { describe, expect, it } from 'vitest';
import { searchNeeds } from '../../src/clinical';
import { matchCoding, textTermsIn } from '../../src/clinical/terminology/match';
import { normaliseCode } from '../../src/clinical/terminology/systems';
import { VALUE_SETS, valueSet, type ValueSetId } from '../../src/clinical/terminology/valuesets';
import { SYS } from './fixtures';

const sets = (system: string, code: string) => matchCoding({ system, code }).map((m) => m.valueSet.id);

describe('terminology', () => {
  it('matches ICD-10 by prefix with dots and case normalised', () => {
    expect(normaliseCode('icd10-cm', 'm80.08xa')).toBe('M8008XA');
    expect(sets(SYS.cm, 'M80.08XA')).toContain('VS-VCF');
    expect(sets(SYS.cm, 'm8008xa')).toContain('VS-VCF');
    expect(sets(SYS.cm, 'S32.010A')).toContain('VS-VCF');
    expect(sets(SYS.cm, 'M80.0')).not.toContain('VS-VCF');
  });

  it('respects the system: a GM code never matches a CM-only entry', () => {
    expect(sets(SYS.cm, 'C79.51')).toContain('VS-MALIGNANT-OSTEOLYSIS');
    expect(sets(SYS.gm, 'C79.51')).toContain('VS-MALIGNANT-OSTEOLYSIS'); // GM lists C79.5
    expect(sets(SYS.gm, 'R78.81')).not.toContain('VS-SYSTEMIC-INFECTION'); // CM-only
    expect(sets(SYS.cm, 'R57.2')).not.toContain('VS-SYSTEMIC-INFECTION'); // GM-only
    expect(sets('http://example.org/icd', 'M80.08XA')).toEqual([]);
  });

  it('keeps D68.5, D68.6 and D68.3 out of VS-COAGULOPATHY', () => {
    expect(sets(SYS.cm, 'D68.0')).toContain('VS-COAGULOPATHY');
    expect(sets(SYS.cm, 'D66')).toContain('VS-COAGULOPATHY');
    expect(sets(SYS.cm, 'D69.6')).toContain('VS-COAGULOPATHY');
    for (const code of ['D68.51', 'D68.59', 'D68.62', 'D68.32'])
      expect(sets(SYS.cm, code)).not.toContain('VS-COAGULOPATHY');
    expect(sets(SYS.gm, 'D69.80')).not.toContain('VS-COAGULOPATHY');
  });

  it('matches ATC classes by prefix under both ATC URIs', () => {
    expect(sets('http://www.whocc.no/atc', 'B01AF02')).toContain('VS-ANTICOAGULANTS');
    expect(sets(SYS.atc, 'N02BE01')).toContain('VS-ANALGESICS');
    expect(sets(SYS.atc, 'M01AE01')).toContain('VS-ANALGESICS');
  });

  it('matches SNOMED, LOINC, RxNorm and UNII exactly', () => {
    expect(sets(SYS.sct, '42942008')).toContain('VS-VCF');
    expect(sets(SYS.sct, '4294200')).toEqual([]);
    expect(sets(SYS.loinc, '72514-3')).toEqual(['VS-PAIN-SCORE']);
    expect(sets(SYS.rxnorm, '1364430')).toEqual(['VS-ANTICOAGULANTS']);
    expect(sets('http://fdasis.nlm.nih.gov', '196OC77688')).toEqual(['VS-CEMENT-ALLERGENS']);
  });

  it('finds text terms only as possible findings, never as a code match', () => {
    expect(textTermsIn(valueSet('VS-CEMENT-ALLERGENS')!, 'Allergie gegen Knochenzement (PMMA)').sort()).toEqual([
      'knochenzement',
      'pmma',
    ]);
    expect(matchCoding({ system: 'urn:local', code: 'PMMA' })).toEqual([]);
  });

  it('every entry has a display and every value set a provenance', () => {
    for (const vs of VALUE_SETS) {
      expect(vs.provenance.length).toBeGreaterThan(5);
      for (const e of vs.entries) expect(e.display.length, `${vs.id} ${e.code}`).toBeGreaterThan(1);
    }
  });

  describe('codes that had to be verified: the decisions taken', () => {
    const entry = (vs: ValueSetId, code: string) => valueSet(vs)?.entries.find((e) => e.code === code);
    it('LOINC 38221-8 is the Wong-Baker FACES 0-10 pain scale: kept in VS-PAIN-SCORE', () => {
      expect(entry('VS-PAIN-SCORE', '38221-8')).toMatchObject({
        display: 'Pain severity Wong-Baker FACES pain rating scale',
        verified: 'S',
      });
    });
    it('LOINC 2106-3 and 2112-1 are hCG presence tests in urine: kept', () => {
      expect(entry('VS-PREGNANCY-TEST', '2106-3')?.display).toContain('pregnancy test');
      expect(entry('VS-PREGNANCY-TEST', '2112-1')?.display).toContain(
        'beta subunit (pregnancy test) [Presence] in Urine',
      );
    });
    it('RxNorm 4413 gentamicin seen in a source; 10627 tobramycin and 2582 clindamycin kept as recalled (caution only)', () => {
      expect(entry('VS-CEMENT-ANTIBIOTICS', '4413')?.verified).toBe('S');
      expect(entry('VS-CEMENT-ANTIBIOTICS', '10627')?.verified).toBe('U');
      expect(entry('VS-CEMENT-ANTIBIOTICS', '2582')?.verified).toBe('U');
    });
    it('M84.48 / M84.58 name "other site": they count only with a spinal site', () => {
      expect(entry('VS-VCF', 'M84.48')?.requires).toBe('spinal-site');
      expect(entry('VS-VCF', 'M84.58')?.requires).toBe('spinal-site');
    });
  });

  it('derives the server filters from the value sets: LOINC for Observation, none for Condition', () => {
    const needs = searchNeeds(['pvp-guideline']);
    expect(needs.Observation).toContain('http://loinc.org|72514-3');
    expect(needs.Observation).toContain('http://loinc.org|777-3');
    expect(needs.Observation).toContain('http://loinc.org|2106-3');
    expect(needs.Condition).toBeUndefined();
    expect(needs.MedicationRequest).toBeUndefined();
    const loinc = VALUE_SETS.filter((v) => v.entries.every((e) => e.system === 'loinc')).flatMap((v) =>
      v.entries.map((e) => `http://loinc.org|${e.code}`),
    );
    for (const code of needs.Observation ?? []) expect(loinc).toContain(code);
    expect(searchNeeds(['no-such-rule-set'])).toEqual({});
  });
});
