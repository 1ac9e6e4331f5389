import type { SurgeonAnswers } from '../../src/clinical/answers';
import type { Ago, Chart, DemoPractitioner } from './chart';
import { ATC, CM, GM, LOINC, RX, SCT, UNIT, type Drug } from './codes';
import { HAUSAERZTIN, PRIMARY_CARE, RADIOLOGIST } from './practitioners';

/** Reusable parts of the demo charts: the things many elderly spine patients have in common. */

export type Level = 'T12' | 'L1' | 'L2' | 'L3';
export const LEVEL_SITE: Record<Level, fhir4.Coding> = { T12: SCT.T12, L1: SCT.L1, L2: SCT.L2, L3: SCT.L3 };

/** The surgeon's answer most candidates need: the posterior wall was checked on MRI and is intact. */
export const POSTERIOR_WALL_INTACT: SurgeonAnswers = {
  'req.posterior-wall-assessed': { status: 'met' },
  'rc.posterior-wall': { status: 'not-met' },
};

export const POSTERIOR_WALL_DISRUPTED: SurgeonAnswers = {
  'req.posterior-wall-assessed': { status: 'met' },
  'rc.posterior-wall': { status: 'met' },
};

export const usAddress = (line: string, city: string, state: string, postalCode: string): fhir4.Address => ({
  use: 'home',
  line: [line],
  city,
  state,
  postalCode,
  country: 'US',
});

/** The codes a chart uses for the background every older patient has: differs by country and EHR. */
export interface Vocabulary {
  hypertension: fhir4.Coding;
  hyperlipidaemia: fhir4.Coding;
  cystitis: fhir4.Coding;
  osteoporosis: fhir4.Coding;
  antihypertensive: Drug;
  statin: Drug;
  bisphosphonate: Drug;
  opioid: Drug;
  nonOpioid: Drug;
  /** who prescribes the long-term drugs */
  prescriber: DemoPractitioner;
}

/** A US EHR: ICD-10-CM problem list, RxNorm prescriptions. */
export const US_ICD10CM: Vocabulary = {
  hypertension: CM.hypertension,
  hyperlipidaemia: CM.hyperlipidaemia,
  cystitis: CM.acuteCystitis,
  osteoporosis: CM.osteoporosis,
  antihypertensive: RX.lisinopril10,
  statin: RX.atorvastatin10,
  bisphosphonate: RX.alendronate10,
  opioid: RX.oxycodone5,
  nonOpioid: RX.paracetamol500,
  prescriber: PRIMARY_CARE,
};

/** An EHR whose problem list is SNOMED CT only (prescriptions stay RxNorm, as in the US). */
export const US_SNOMED: Vocabulary = {
  ...US_ICD10CM,
  hypertension: SCT.hypertension,
  hyperlipidaemia: SCT.hyperlipidaemia,
  cystitis: SCT.cystitis,
  osteoporosis: SCT.osteoporosis,
};

/** A German KIS: ICD-10-GM diagnoses with German displays, ATC prescriptions. */
export const DE_ICD10GM: Vocabulary = {
  hypertension: GM.hypertension,
  hyperlipidaemia: GM.hyperlipidaemia,
  cystitis: GM.acuteCystitis,
  osteoporosis: GM.postmenopausalOsteoporosis,
  antihypertensive: ATC.ramipril,
  statin: ATC.simvastatin,
  bisphosphonate: ATC.alendronate,
  opioid: ATC.oxycodone,
  nonOpioid: ATC.metamizole,
  prescriber: HAUSAERZTIN,
};

/**
 * Hypertension and hyperlipidaemia on treatment, an old resolved cystitis, routine chemistry and
 * vital signs: what nearly every chart of a 70-year-old holds besides the spine.
 */
export function olderAdultBackground(c: Chart, v: Vocabulary = US_ICD10CM): Chart {
  return c
    .condition({ code: v.hypertension, onset: { years: 11 } })
    .condition({ code: v.hyperlipidaemia, onset: { years: 8 } })
    .condition({
      code: v.cystitis,
      onset: { years: 2, days: 12 },
      abated: { years: 2 },
      category: 'encounter-diagnosis',
    })
    .medication({ drug: v.antihypertensive, authored: { months: 14 }, dosage: 'once daily by mouth' }, v.prescriber)
    .medication({ drug: v.statin, authored: { months: 14 }, dosage: 'once daily by mouth at bedtime' }, v.prescriber)
    .lab(LOINC.haemoglobin, 13.1, UNIT.gramsPerDecilitre, { weeks: 1 }, { low: 12, high: 16 })
    .lab(LOINC.leukocytes, 6.8, UNIT.perNanolitre, { weeks: 1 }, { low: 4, high: 10.5 })
    .lab(LOINC.sodium, 139, UNIT.millimolesPerLitre, { weeks: 1 }, { low: 135, high: 145 })
    .lab(LOINC.potassium, 4.3, UNIT.millimolesPerLitre, { weeks: 1 }, { low: 3.5, high: 5.1 })
    .lab(LOINC.creatinine, 0.9, UNIT.milligramsPerDecilitre, { weeks: 1 }, { low: 0.6, high: 1.2 })
    .lab(LOINC.glucose, 104, UNIT.milligramsPerDecilitre, { weeks: 1 }, { low: 70, high: 99 })
    .vitals({ days: 2 }, { temperature: 36.8, heartRate: 74, systolic: 138, diastolic: 82 });
}

/** Known osteoporosis on a bisphosphonate, with the DXA that found it. */
export function knownOsteoporosis(c: Chart, tScore: number, v: Vocabulary = US_ICD10CM): Chart {
  c.condition({ code: v.osteoporosis, onset: { years: 3 } })
    .medication(
      {
        drug: v.bisphosphonate,
        authored: { years: 3 },
        dosage: 'by mouth in the morning, 30 minutes before breakfast',
      },
      v.prescriber,
    )
    .observation({
      code: LOINC.dxaLumbarTScore,
      category: 'imaging',
      when: { years: 3 },
      value: tScore,
      unit: UNIT.tScore,
    });
  return c;
}

/** One osteoporotic vertebral fracture Condition per level, coded as US coders do (M80.08XA + body site). */
export function osteoporoticFractures(c: Chart, levels: Level[], onset: Ago): Chart {
  for (const level of levels) {
    c.condition({
      code: CM.osteoporoticVertebralFracture,
      text: `Osteoporotic compression fracture ${level}`,
      onset,
      bodySite: [LEVEL_SITE[level]],
    });
  }
  return c;
}

/** A pain course: [how long ago, NRS 0-10] pairs, oldest first. */
export function painScores(c: Chart, course: [Ago, number][]): Chart {
  for (const [when, value] of course) c.painScore(value, when);
  return c;
}

/** The WHO step 1 + 2/3 analgesia that counts as conservative therapy. */
export function opioidTrial(
  c: Chart,
  started: Ago,
  v: Pick<Vocabulary, 'opioid' | 'nonOpioid' | 'prescriber'> = US_ICD10CM,
): Chart {
  return c
    .medication(
      {
        drug: v.nonOpioid,
        authored: { ...started, days: (started.days ?? 0) + 5 },
        dosage: '1 tablet by mouth every 8 hours',
      },
      v.prescriber,
    )
    .medication(
      { drug: v.opioid, authored: started, dosage: '1 tablet by mouth every 6 hours as needed for back pain' },
      v.prescriber,
    );
}

export interface SpineMriSpec {
  when: Ago;
  region: 'thoracic' | 'lumbar' | 'thoracolumbar';
  impression: string;
  findings: string;
  codes?: fhir4.Coding[];
  /** the report's title when the RIS is not English */
  title?: string;
  language?: string;
  radiologist?: DemoPractitioner;
}

/** A spine MRI with STIR in the PACS, and the radiologist's signed report on it. */
export function spineMri(c: Chart, spec: SpineMriSpec): Chart {
  const site =
    spec.region === 'thoracic' ? SCT.thoracicSpine : spec.region === 'lumbar' ? SCT.lumbarSpine : SCT.vertebralColumn;
  const title = spec.title ?? `MRI ${spec.region} spine without contrast`;
  const study = c.imaging({
    modality: 'MR',
    description: title,
    when: spec.when,
    procedure: SCT.mriSpine,
    bodySite: site,
    series: ['SAG T1', 'SAG T2', 'SAG STIR', 'AX T2'],
  });
  return c.radiologyReport(
    {
      title,
      when: spec.when,
      conclusion: spec.impression,
      conclusionCodes: spec.codes,
      imagingStudy: study,
      findings: spec.findings,
      language: spec.language,
    },
    spec.radiologist ?? RADIOLOGIST,
  );
}

/** The first plain film, done in the emergency department when the pain started. */
export function lumbarSpineXray(
  c: Chart,
  when: Ago,
  impression: string,
  title = 'XR lumbar spine 2 views',
  radiologist = RADIOLOGIST,
): Chart {
  const study = c.imaging({
    modality: 'DX',
    description: title,
    when,
    procedure: SCT.xrayLumbarSpine,
    bodySite: SCT.lumbarSpine,
    series: ['AP', 'LAT'],
  });
  return c.radiologyReport({ title, when, conclusion: impression, imagingStudy: study }, radiologist);
}

/** An allergy that was recorded on hearsay and later disproved: must not count. */
export function refutedPenicillinAllergy(c: Chart): Chart {
  return c.allergy({
    substance: RX.penicillinG.codings,
    text: 'Penicillin',
    category: 'medication',
    verificationStatus: 'refuted',
    recorded: { years: 6 },
    note: 'Childhood rash reported by family; tolerated amoxicillin without reaction.',
  });
}

/** The common core of scenarios 4-7 and 12: a painful osteoporotic fracture with oedema on MRI. */
export function typicalCandidate(c: Chart, levels: Level[], painNow: number): Chart {
  olderAdultBackground(c);
  knownOsteoporosis(c, -2.9);
  osteoporoticFractures(c, levels, { weeks: 5 });
  const list = levels.join(', ');
  spineMri(c, {
    when: { weeks: 3 },
    region: levels.includes('T12') ? 'thoracolumbar' : 'lumbar',
    codes: [CM.osteoporoticVertebralFracture],
    impression: `Acute osteoporotic compression fracture${levels.length > 1 ? 's' : ''} of ${list} with bone marrow oedema on STIR.`,
    findings: `STIR hyperintense bone marrow oedema in ${list}. Height loss 15-30 %. No paraspinal mass. Conus normal.`,
  });
  opioidTrial(c, { weeks: 4 });
  return painScores(c, [
    [{ weeks: 4, days: 1 }, 8],
    [{ weeks: 2 }, painNow],
    [{ days: 2 }, painNow],
  ]);
}
