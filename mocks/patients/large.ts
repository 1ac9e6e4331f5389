import { Chart } from './chart';
import { CM, LOINC, RX, UNIT } from './codes';
import { POSTERIOR_WALL_INTACT, typicalCandidate, usAddress } from './pieces';
import { DEMO_SURGEON, PRIMARY_CARE } from './practitioners';
import type { DemoPatient } from './types';

/**
 * Scenario 15: ten years of a diabetic's chart with daily home telemonitoring (glucose, blood
 * pressure, heart rate: > 10,000 Observations), a long tail of resolved encounter diagnoses
 * (hundreds of Conditions), and, buried in it, the one fracture that matters. Generated from a
 * seeded pseudo-random sequence, so every run builds the same chart.
 */

const YEARS_OF_HISTORY = 10;
const DAYS_OF_MONITORING = YEARS_OF_HISTORY * 365;
const EPISODES = 320;

/** The acute problems a primary-care chart collects over a decade, each seen, treated, resolved. */
const ACUTE_PROBLEMS = [
  CM.upperRespiratoryInfection,
  CM.acuteCystitis,
  CM.sinusitis,
  CM.gastroenteritis,
  CM.ankleSprain,
  CM.conjunctivitis,
  CM.dermatitis,
  CM.lowBackPain,
  CM.insomnia,
  CM.gout,
  CM.pneumonia,
];

/** mulberry32: a tiny seeded PRNG; good enough to vary demo values. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function largeRecord(now: Date): DemoPatient {
  const random = seeded(15);
  const between = (low: number, high: number): number => low + (high - low) * random();
  const c = new Chart('pvp-15-pendleton', now).patient({
    given: ['Arthur', 'William'],
    family: 'Pendleton',
    gender: 'male',
    age: 72,
    mrn: 'MRN-100215',
    address: usAddress('1901 Riverside Drive', 'Columbus', 'OH', '43221'),
  });

  c.condition({ code: CM.type2Diabetes, onset: { years: YEARS_OF_HISTORY + 2 } })
    .condition({ code: CM.chronicKidneyDisease3a, onset: { years: 4 } })
    .condition({ code: CM.kneeOsteoarthritisRight, onset: { years: 7 } })
    .condition({ code: CM.reflux, onset: { years: 9 } })
    .condition({ code: CM.cataract, onset: { years: 5 }, abated: { years: 4 } })
    .condition({ code: CM.depression, onset: { years: 6 }, clinicalStatus: 'remission' })
    .medication(
      { drug: RX.metformin500, authored: { years: YEARS_OF_HISTORY }, dosage: '1000 mg by mouth twice daily' },
      PRIMARY_CARE,
    );

  for (let i = 0; i < EPISODES; i++) {
    const daysAgo = Math.round(between(60, DAYS_OF_MONITORING));
    const problem = ACUTE_PROBLEMS[i % ACUTE_PROBLEMS.length] ?? CM.upperRespiratoryInfection;
    c.condition({
      code: problem,
      onset: { days: daysAgo },
      abated: { days: daysAgo - Math.round(between(5, 30)) },
      category: 'encounter-diagnosis',
      // a few are struck from the chart, as happens with mis-clicked diagnoses
      verificationStatus: i % 53 === 0 ? 'entered-in-error' : 'confirmed',
    });
  }

  for (let day = DAYS_OF_MONITORING; day >= 1; day--) {
    const when = { days: day, hours: -7 };
    c.observation({
      code: LOINC.glucoseGlucometer,
      category: 'laboratory',
      when,
      value: Math.round(between(95, 185)),
      unit: UNIT.milligramsPerDecilitre,
    });
    c.observation({
      code: LOINC.bloodPressure,
      category: 'vital-signs',
      when,
      components: [
        { code: LOINC.systolic, value: Math.round(between(122, 152)), unit: UNIT.mmHg },
        { code: LOINC.diastolic, value: Math.round(between(70, 92)), unit: UNIT.mmHg },
      ],
    });
    c.observation({
      code: LOINC.heartRate,
      category: 'vital-signs',
      when,
      value: Math.round(between(58, 88)),
      unit: UNIT.perMinute,
    });
  }

  for (let quarter = YEARS_OF_HISTORY * 4; quarter >= 1; quarter--) {
    const when = { days: quarter * 91 + 3 };
    c.lab(LOINC.hba1c, round1(between(6.6, 7.9)), UNIT.percent, when, { high: 5.7 })
      .lab(LOINC.creatinine, round1(between(1.1, 1.5)), UNIT.milligramsPerDecilitre, when, { low: 0.7, high: 1.3 })
      .lab(LOINC.potassium, round1(between(3.9, 5.0)), UNIT.millimolesPerLitre, when, { low: 3.5, high: 5.1 })
      .lab(LOINC.platelets, Math.round(between(190, 290)), UNIT.perNanolitre, when, { low: 150, high: 400 })
      .painScore(Math.round(between(0, 3)), when);
  }

  // the fracture that matters, 5 weeks ago, among all of the above
  typicalCandidate(c, ['L1'], 8);
  c.coagulationScreen(1.1, 231, { weeks: 1 })
    .noKnownDrugAllergies({ years: YEARS_OF_HISTORY })
    .encounter(
      { kind: 'ambulatory', started: { hours: 1 }, reason: 'Back pain after vertebral fracture' },
      DEMO_SURGEON,
    );

  return {
    id: c.id,
    name: 'Arthur Pendleton',
    scenario: 15,
    title: 'Large record: 10 years of telemonitoring, one L1 fracture',
    description:
      '72-year-old diabetic man with over 10,000 home-monitoring Observations and hundreds of resolved encounter diagnoses; one osteoporotic L1 fracture 5 weeks ago with oedema, NRS 8 on opioids. For performance work.',
    expected: 'eligible',
    expectedBeforeAnswers: 'insufficient-data',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['req.posterior-wall-assessed'],
    encounterId: c.encounterId,
    bundle: c.bundle(),
  };
}
