import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle } from '../../src/clinical';
import { ruleSet } from '../../src/clinical/rulesets';
import { SIR19_HIGH_BLEEDING_RISK } from '../../src/clinical/rulesets/antithrombotics';
import { assessed, baseResources, inr, medication, NOW, pain, platelets, record, SYS } from './fixtures';

/**
 * Issue #15, finding 3: clinical advice a spine surgeon would not correct. Per drug what to do
 * before a high bleeding-risk procedure, from SIR 2019, cited; no work-up once the verdict is settled.
 */
const caution = (resources: unknown[]) => {
  const c = assessed(record(resources)).criteria.find((x) => x.id === 'rc.coagulation-correctable');
  expect(c?.status).toBe('met');
  return c?.caution ?? { en: '', de: '' };
};
const withDrug = (system: string, code: string, display: string) => [
  ...baseResources(),
  medication(system, code, display, 200),
];

describe('what to do with an antithrombotic drug before the procedure (finding 3)', () => {
  it('scenario 7, apixaban: held, not bridged, for 4 or 6 doses by creatinine clearance, citing SIR 2019', () => {
    const p = demoPatients(NOW).find((x) => x.scenario === 7);
    if (!p) throw new Error('no scenario 7');
    const a = assess(recordFromBundle(p.bundle), { now: NOW, answers: p.answers });
    const c = a.criteria.find((x) => x.id === 'rc.coagulation-correctable');
    expect(c?.caution?.en).toContain('Vertebroplasty is a high bleeding-risk procedure (SIR 2019)');
    expect(c?.caution?.en).toContain(
      'Apixaban (DOAC): held, not bridged: withhold 4 doses (2 days) with a creatinine clearance ≥ 50 mL/min, 6 doses (3 days) below.',
    );
    expect(c?.caution?.en).not.toMatch(/hold or bridge|bridge the anticoagulant/i);
    expect(c?.caution?.de).toContain('Apixaban (DOAK): pausieren, nicht überbrücken');
    expect(c?.citations).toContain('SIR19');
  });

  it('warfarin: 5 days until INR ≤ 1.8, bridged only at high thrombotic risk', () => {
    const text = caution(withDrug(SYS.rxnorm, '855332', 'Warfarin Sodium 5 MG Oral Tablet')).en;
    expect(text).toContain(
      'Warfarin: withhold 5 days, until the INR is ≤ 1.8; bridge with heparin only at high thrombotic risk.',
    );
  });

  it('phenprocoumon: SIR 2019 gives no interval, so the INR guides the pause', () => {
    const text = caution(withDrug(SYS.atc, 'B01AA04', 'Marcumar 3 mg')).en;
    expect(text).toContain('SIR 2019 gives 5 days for warfarin only');
    expect(text).not.toContain('Warfarin: withhold 5 days');
  });

  it.each([
    [SYS.atc, 'B01AE07', 'Pradaxa 150 mg', 'Dabigatran (DOAC): held, not bridged: withhold 4 doses (2 days)'],
    [SYS.rxnorm, '1114195', 'rivaroxaban', 'Rivaroxaban (DOAC): held, not bridged: off for 2 doses'],
    [SYS.atc, 'B01AF03', 'Lixiana 60 mg', 'Edoxaban (DOAC): held, not bridged: withhold 2 doses (2 days).'],
    [SYS.rxnorm, '67108', 'enoxaparin', 'Low-molecular-weight heparin: prophylactic dose: withhold 1 dose'],
    [SYS.rxnorm, '5224', 'heparin', 'Unfractionated heparin: intravenous: stop 4-6 hours before'],
    [SYS.rxnorm, '243670', 'aspirin 81 MG Oral Tablet', 'Aspirin: withhold 3-5 days'],
    [SYS.rxnorm, '309362', 'clopidogrel 75 MG Oral Tablet', 'Clopidogrel (P2Y12 inhibitor): withhold 5 days.'],
    [SYS.atc, 'B01AC22', 'Efient 10 mg', 'Prasugrel (P2Y12 inhibitor): withhold 7 days.'],
    [SYS.atc, 'B01AC24', 'Brilique 90 mg', 'Ticagrelor (P2Y12 inhibitor): withhold 5 days.'],
  ])('%s|%s (%s): %s', (system, code, display, advice) => {
    const text = caution(withDrug(system, code, display)).en;
    expect(text).toContain(advice);
    expect(text).toContain('plan the pause with cardiology, haematology or vascular/internal medicine');
  });

  it('two drugs: each one line, in the order of the table', () => {
    const text = caution([
      ...baseResources(),
      medication(SYS.rxnorm, '309362', 'clopidogrel 75 MG Oral Tablet', 200),
      medication(SYS.rxnorm, '243670', 'aspirin 81 MG Oral Tablet', 200),
    ]).en;
    expect(text.indexOf('Aspirin:')).toBeLessThan(text.indexOf('Clopidogrel'));
    expect(text.match(/Clopidogrel/g)).toHaveLength(1);
  });

  it('abnormal values without a drug: what to correct, and nothing about drugs', () => {
    const text = caution([...baseResources(), inr(2.4, 1), platelets(30, 1)]).en;
    expect(text).toContain('INR above 1.5: correct it to ≤ 1.5-1.8 before the procedure.');
    expect(text).toContain('Platelets below 50 × 10⁹/L: consider a platelet transfusion.');
    expect(text).not.toMatch(/withhold|cardiology/);
  });

  it('every entry of the table gives its advice in both languages and cites a source the rule sets carry', () => {
    for (const id of ['pvp-guideline', 'lcd-pva']) {
      const rs = ruleSet(id);
      const def = rs?.criteria.find((c) => c.id === 'rc.coagulation-correctable');
      expect(def?.holds).toBe(SIR19_HIGH_BLEEDING_RISK);
      for (const hold of SIR19_HIGH_BLEEDING_RISK) {
        expect(hold.advice.en.length).toBeGreaterThan(10);
        expect(hold.advice.de.length).toBeGreaterThan(10);
        expect(rs?.info.citations.map((c) => c.key)).toContain(hold.source);
        expect(hold.atc.length + hold.names.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('no work-up advice once the verdict is settled (finding 3)', () => {
  it('scenario 3, a painless incidental fracture: no "re-assess after 3 weeks", no "order a spine MRI"', () => {
    const p = demoPatients(NOW).find((x) => x.scenario === 3);
    if (!p) throw new Error('no scenario 3');
    for (const ruleSetId of ['pvp-guideline', 'lcd-pva']) {
      const a = assess(recordFromBundle(p.bundle), { now: NOW, ruleSetId });
      expect(a.recommendation).toBe('not-eligible');
      expect(a.criteria.filter((c) => c.caution)).toEqual([]);
      expect(a.missing.filter((m) => m.supply === 'order')).toEqual([]);
      const said = JSON.stringify(a.criteria.map((c) => c.rationaleText));
      expect(said).not.toMatch(/re-assess|order a|order them|erneut beurteilen|anfordern/i);
    }
  });

  it('an override that lifts the settled verdict brings the work-up back', () => {
    const p = demoPatients(NOW).find((x) => x.scenario === 3);
    if (!p) throw new Error('no scenario 3');
    const a = assess(recordFromBundle(p.bundle), {
      now: NOW,
      override: { recommendation: 'eligible-with-cautions', reason: 'pain on examination', at: NOW.toISOString() },
    });
    expect(a.criteria.some((c) => c.caution)).toBe(true);
  });

  it('analgesia too short is advice, not a finding: the rationale states the days, the caution says when', () => {
    const a = assessed(
      record([
        ...baseResources().filter((r) => (r as { resourceType?: string }).resourceType !== 'MedicationRequest'),
        medication(SYS.rxnorm, '1049221', 'Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet', 10),
        // below the inpatient score, so the care setting does not matter
        pain(6, 0),
      ]),
    );
    const c = a.criteria.find((x) => x.id === 'ind.conservative-failed');
    expect(c?.status).toBe('not-met');
    expect(c?.rationaleText.en).toBe('Analgesics for 10 days only (< 21).');
    expect(c?.caution?.en).toBe('Re-assess after 3 weeks of adequate analgesia.');
  });
});
