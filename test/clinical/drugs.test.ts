import { describe, expect, it } from 'vitest';
import { drugMatches, ingredientsNamed, RXNORM_PRODUCT_TABLE } from '../../src/clinical/terminology/drugs';
import { assessed, baseResources, medication, NOW, record, SYS } from './fixtures';

/**
 * Medications as US and German EHRs code them (README "How the record is weighed":
 * medications): RxNorm clinical and branded drugs, ATC, PZN with a product name as display.
 */

type R = Record<string, unknown>;
const PZN = 'http://fhir.de/CodeSystem/ifa/pzn';
const sets = (system: string, code: string, display?: string, text = '') => [
  ...new Set(drugMatches([{ system, code, display }], text).map((m) => m.valueSet.id)),
];
const withoutDrugs = () => baseResources().filter((r) => r.resourceType !== 'MedicationRequest');
/** an order with one coding only (no text), as a feed sends it */
const order = (system: string, code: string, display: string | undefined, days = 40) =>
  medication(system, code, display ?? '', days, {
    medicationCodeableConcept: { coding: [{ system, code, ...(display ? { display } : {}) }] },
  });
const criterion = (resources: R[], id: string) =>
  assessed(record(resources), { now: NOW }).criteria.find((c) => c.id === id);

describe('drug products count as their ingredients', () => {
  it.each([
    // RxNorm products seen in public records, matched by code alone (no display needed)
    [SYS.rxnorm, '855812', undefined, 'VS-ANTICOAGULANTS'], // prasugrel 10 MG Oral Tablet
    [SYS.rxnorm, '855332', undefined, 'VS-ANTICOAGULANTS'], // Warfarin Sodium 5 MG Oral Tablet
    [SYS.rxnorm, '2563431', undefined, 'VS-ANTICOAGULANTS'], // aspirin 81 MG Oral Capsule
    [SYS.rxnorm, '1659263', undefined, 'VS-ANTICOAGULANTS'], // heparin 5000 UNT/ML Injection
    [SYS.rxnorm, '854235', undefined, 'VS-ANTICOAGULANTS'], // 0.4 ML enoxaparin syringe
    [SYS.rxnorm, '1049625', undefined, 'VS-ANALGESICS'], // Percocet
    [SYS.rxnorm, '861467', undefined, 'VS-ANALGESICS'], // meperidine 50 MG
    // a product the table does not know: its display names the ingredient
    [SYS.rxnorm, '1232086', 'rivaroxaban 20 MG Oral Tablet [Xarelto]', 'VS-ANTICOAGULANTS'],
    [SYS.rxnorm, '1116635', 'ticagrelor 90 MG Oral Tablet', 'VS-ANTICOAGULANTS'],
    [SYS.rxnorm, '835603', 'tramadol hydrochloride 50 MG Oral Tablet', 'VS-ANALGESICS'],
    // German product numbers with the product name as display
    [PZN, '00000001', 'Eliquis 5 mg Filmtabletten', 'VS-ANTICOAGULANTS'],
    [PZN, '00000002', 'Marcumar 3 mg Tabletten', 'VS-ANTICOAGULANTS'],
    [PZN, '00000003', 'ASS 100 TAH', 'VS-ANTICOAGULANTS'],
    [PZN, '00000004', 'Novaminsulfon-ratiopharm 500 mg Tabletten', 'VS-ANALGESICS'],
    [PZN, '00000005', 'Tilidin comp. Tropfen', 'VS-ANALGESICS'],
    [PZN, '00000006', 'Palexia retard 50 mg', 'VS-ANALGESICS'],
    // ATC as German EHRs send it: the ingredient's full code falls under the class
    [SYS.atc, 'B01AA04', 'Phenprocoumon', 'VS-ANTICOAGULANTS'],
    [SYS.atc, 'N02BB02', 'Metamizol-Natrium', 'VS-ANALGESICS'],
    // fondaparinux (an indirect factor Xa inhibitor, ATC B01AX05): not read as an anticoagulant before
    [SYS.atc, 'B01AX05', 'Fondaparinux-Natrium', 'VS-ANTICOAGULANTS'],
    [PZN, '00000007', 'Arixtra 2,5 mg/0,5 ml Injektionslösung', 'VS-ANTICOAGULANTS'],
  ])('%s %s (%s) → %s', (system, code, display, set) => {
    expect(sets(system, code, display)).toEqual([set]);
  });

  it('reads a combined product as both of its drug classes only when both are named', () => {
    expect(ingredientsNamed('Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet')).toEqual([
      'oxycodone',
      'paracetamol',
    ]);
  });

  it.each([
    [SYS.rxnorm, '314076', 'lisinopril 10 MG Oral Tablet'],
    [PZN, '00000007', 'Pantoprazol 40 mg'],
    [SYS.rxnorm, '904419', undefined],
  ])('counts nothing for %s %s (%s)', (system, code, display) => {
    expect(sets(system, code, display)).toEqual([]);
  });

  it('a name at the start of a word counts ("Heparin-Spülung"), inside another word not ("Paraheparinoid")', () => {
    expect(ingredientsNamed('Heparin-Spülung')).toEqual(['heparin']);
    expect(ingredientsNamed('Paraheparinoid')).toEqual([]);
  });

  it('every product of the table names a known ingredient and says where it was seen', () => {
    for (const [code, p] of Object.entries(RXNORM_PRODUCT_TABLE)) {
      expect(p.ingredients.length, code).toBeGreaterThan(0);
      expect(sets(SYS.rxnorm, code).length, code).toBeGreaterThan(0);
      expect(['V', 'S']).toContain(p.verified);
    }
  });
});

describe('medication products in the assessment', () => {
  it('the Synthea prasugrel order (RxNorm 855812) is an antiplatelet drug: a caution, not a question', () => {
    // before: "prasugrel" was a word in the text only, and the criterion asked to confirm it
    const c = criterion(
      [...baseResources(), order(SYS.rxnorm, '855812', 'prasugrel 10 MG Oral Tablet')],
      'rc.coagulation-correctable',
    );
    expect(c).toMatchObject({ status: 'met', rationale: expect.stringContaining('prasugrel 10 MG Oral Tablet') });
    expect(c?.evidence[0]?.code).toBe(`${SYS.rxnorm}|855812`);
  });

  it('a German order of Tramal (PZN) is analgesic therapy: conservative therapy failed (it was "no analgesic" before)', () => {
    const c = criterion(
      [...withoutDrugs(), order(PZN, '00000008', 'Tramal long 100 mg Retardtabletten', 30)],
      'ind.conservative-failed',
    );
    expect(c?.status).toBe('met');
  });

  it('a drug named in text only, without any coding, still only asks', () => {
    const textOnly = medication(SYS.rxnorm, 'x', 'Marcumar', 40, { medicationCodeableConcept: { text: 'Marcumar' } });
    expect(criterion([...baseResources(), textOnly], 'rc.coagulation-correctable')?.status).toBe('unknown');
  });
});
