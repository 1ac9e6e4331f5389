import { Chart, type DemoPractitioner } from './chart';
import { CM, GM, LOINC, RX, SCT, UNIT } from './codes';
import {
  DE_ICD10GM,
  knownOsteoporosis,
  lumbarSpineXray,
  olderAdultBackground,
  opioidTrial,
  osteoporoticFractures,
  painScores,
  POSTERIOR_WALL_DISRUPTED,
  POSTERIOR_WALL_INTACT,
  refutedPenicillinAllergy,
  spineMri,
  typicalCandidate,
  usAddress,
  US_ICD10CM,
  US_SNOMED,
  type Vocabulary,
} from './pieces';
import { DEMO_SURGEON, ONCOLOGIST, PRIMARY_CARE, RADIOLOGE, RADIOLOGIST } from './practitioners';
import type { DemoPatient } from './types';

/**
 * The scenario patients, one vignette per clinical situation the criteria must decide, each with its verdict. Dates are relative to `now`:
 * "5 weeks ago" is always 5 weeks before the moment the demo runs.
 */

/** How scenario 1 is coded in a given EHR (US ICD-10-CM, German ICD-10-GM, SNOMED CT only). */
interface FirstScenarioCoding {
  vocabulary: Vocabulary;
  fracture: fhir4.Coding;
  fractureText: string;
  levelText: string;
  /** a fracture filed on this chart by mistake, then marked entered-in-error */
  misfiled: fhir4.Coding;
  xray: { title: string; impression: string };
  mri: { title?: string; impression: string; findings: string; language?: string };
  radiologist?: DemoPractitioner;
}

const MRI_L1_OEDEMA_EN = {
  impression:
    'Acute osteoporotic compression fracture of the L1 vertebral body with bone marrow oedema on STIR; about 25 % loss of anterior height. No other acute fracture.',
  findings:
    'Sagittal STIR: band-like hyperintense bone marrow oedema of L1 below the superior endplate. Wedge deformity of L1, anterior height loss about 25 %. ' +
    'Remaining vertebral bodies of normal height and signal. Mild disc degeneration L4-L5. Conus ends at L1-L2, normal signal.',
};

const SCENARIO_1_CODINGS: Record<'cm' | 'gm' | 'snomed', FirstScenarioCoding> = {
  cm: {
    vocabulary: US_ICD10CM,
    fracture: CM.osteoporoticVertebralFracture,
    fractureText: 'Osteoporotic compression fracture L1',
    levelText: 'L1',
    misfiled: CM.wedgeFractureT11T12,
    xray: {
      title: 'XR lumbar spine 2 views',
      impression: 'Wedge compression deformity of L1, age indeterminate. Recommend MRI.',
    },
    mri: MRI_L1_OEDEMA_EN,
  },
  snomed: {
    vocabulary: US_SNOMED,
    fracture: SCT.compressionFractureOfSpine,
    fractureText: 'Compression fracture of L1 vertebra',
    levelText: 'L1',
    misfiled: SCT.vertebralFractureWithoutCordInjury,
    xray: {
      title: 'XR lumbar spine 2 views',
      impression: 'Wedge compression deformity of L1, age indeterminate. Recommend MRI.',
    },
    mri: MRI_L1_OEDEMA_EN,
  },
  gm: {
    vocabulary: DE_ICD10GM,
    fracture: GM.postmenopausalOsteoporosisFractureOtherSite,
    fractureText: 'Osteoporotische Sinterungsfraktur LWK 1',
    levelText: 'LWK 1',
    misfiled: GM.wedgeFractureT11T12,
    xray: { title: 'Röntgen LWS in 2 Ebenen', impression: 'Keilwirbelbildung LWK 1, Alter unklar. MRT empfohlen.' },
    mri: {
      title: 'MRT LWS nativ',
      impression:
        'Frische osteoporotische Sinterungsfraktur LWK 1 mit Knochenmarködem in der STIR-Sequenz, Höhenminderung ventral ca. 25 %. Keine weiteren frischen Frakturen.',
      findings:
        'STIR sagittal: bandförmiges Knochenmarködem in LWK 1 unterhalb der Deckplatte. Keilförmige Deformierung LWK 1. ' +
        'Übrige Wirbelkörper höhen- und signalnormal. Geringe Osteochondrose LWK 4/5. Konus auf Höhe LWK 1/2, normales Signal.',
      language: 'de',
    },
    radiologist: RADIOLOGE,
  },
};

/**
 * Scenario 1 and its re-codings (13, 14): a 74-year-old woman with an osteoporotic L1 fracture
 * 5 weeks ago, oedema on the MRI 3 weeks ago, NRS 8 two days ago despite 4 weeks of opioids,
 * normal coagulation. Distractors: a misfiled fracture (entered-in-error), an NRS 2 entered on
 * her chart by mistake (entered-in-error), resolved cystitis.
 */
function osteoporoticL1Chart(c: Chart, coding: FirstScenarioCoding): Chart {
  const v = coding.vocabulary;
  olderAdultBackground(c, v);
  knownOsteoporosis(c, -3.1, v);
  c.condition({
    code: coding.fracture,
    text: coding.fractureText,
    onset: { weeks: 5 },
    bodySite: [{ coding: [SCT.L1], text: coding.levelText }],
  }).condition({
    code: coding.misfiled,
    onset: { weeks: 5 },
    verificationStatus: 'entered-in-error',
    bodySite: [SCT.T12],
    note: 'Entered on the wrong patient.',
  });
  lumbarSpineXray(c, { weeks: 5 }, coding.xray.impression, coding.xray.title, coding.radiologist);
  spineMri(c, {
    when: { weeks: 3 },
    region: 'lumbar',
    codes: [coding.fracture],
    radiologist: coding.radiologist,
    ...coding.mri,
  });
  opioidTrial(c, { weeks: 4 }, v);
  painScores(c, [
    [{ weeks: 4, days: 1 }, 7],
    [{ weeks: 2 }, 8],
    [{ days: 2 }, 8],
  ]);
  c.painScore(2, { days: 1 }, 'entered-in-error');
  return c.coagulationScreen(1.0, 245, { weeks: 1 });
}

function scenario1(now: Date): DemoPatient {
  const c = new Chart('pvp-01-whitfield', now)
    .patient({
      given: ['Margaret', 'Ann'],
      family: 'Whitfield',
      gender: 'female',
      age: 74,
      mrn: 'MRN-100201',
      language: 'en-US',
      phone: '(217) 555-0143',
      address: usAddress('418 Maple Avenue', 'Springfield', 'IL', '62704'),
    })
    .encounter(
      { kind: 'ambulatory', started: { hours: 1 }, reason: 'Back pain after vertebral fracture' },
      DEMO_SURGEON,
    );
  osteoporoticL1Chart(c, SCENARIO_1_CODINGS.cm);
  refutedPenicillinAllergy(c);
  c.allergy({
    substance: RX.sulfamethoxazoleTrimethoprim.codings,
    text: 'Sulfamethoxazole / trimethoprim',
    category: 'medication',
    criticality: 'low',
    recorded: { years: 9 },
    reaction: { manifestation: SCT.urticaria, severity: 'mild' },
  });
  return {
    id: c.id,
    name: 'Margaret Whitfield',
    scenario: 1,
    title: 'Osteoporotic L1 fracture, MRI oedema, NRS 8 on opioids',
    description:
      '74-year-old woman, L1 fracture 5 weeks ago, bone marrow oedema on MRI 3 weeks ago, NRS 8 two days ago after 4 weeks of oxycodone, normal INR and platelets. ' +
      'Eligible once the surgeon confirms the posterior wall is intact. Distractors: an entered-in-error fracture and pain score, a refuted penicillin allergy.',
    expected: 'eligible',
    expectedBeforeAnswers: 'insufficient-data',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['req.posterior-wall-assessed'],
    encounterId: c.encounterId,
    bundle: c.bundle(),
  };
}

function scenario2(now: Date): DemoPatient {
  const c = new Chart('pvp-02-jensen', now).patient({
    given: ['Harold', 'James'],
    family: 'Jensen',
    gender: 'male',
    age: 79,
    mrn: 'MRN-100202',
    address: usAddress('77 Lakeview Drive', 'Madison', 'WI', '53703'),
  });
  olderAdultBackground(c);
  knownOsteoporosis(c, -2.8);
  osteoporoticFractures(c, ['L2'], { weeks: 6 });
  spineMri(c, {
    when: { weeks: 4 },
    region: 'lumbar',
    codes: [CM.osteoporoticVertebralFracture],
    impression:
      'Subacute osteoporotic compression fracture of L2 with bone marrow oedema on STIR; height loss about 20 %.',
    findings:
      'STIR hyperintense oedema of the L2 vertebral body. Posterior elements unremarkable. Moderate facet arthropathy L4-S1.',
  });
  opioidTrial(c, { weeks: 5 }, { ...US_ICD10CM, opioid: RX.tramadol50 });
  painScores(c, [
    [{ weeks: 5, days: 2 }, 7],
    [{ weeks: 2 }, 5],
    [{ days: 2 }, 3],
  ]);
  c.coagulationScreen(1.0, 268, { weeks: 1 }).noKnownDrugAllergies({ years: 4 });
  return {
    id: c.id,
    name: 'Harold Jensen',
    scenario: 2,
    title: 'L2 fracture, pain controlled on analgesics (NRS 3)',
    description:
      '79-year-old man, L2 osteoporotic fracture 6 weeks ago with MRI oedema; NRS fell from 7 to 3 on tramadol and paracetamol. PVP is not indicated while drugs control the pain.',
    expected: 'not-eligible',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['ci.pain-controlled'],
    bundle: c.bundle(),
  };
}

function scenario3(now: Date): DemoPatient {
  const c = new Chart('pvp-03-alvarez', now).patient({
    given: ['Dorothy'],
    family: 'Alvarez',
    gender: 'female',
    age: 69,
    mrn: 'MRN-100203',
    address: usAddress('2150 Mesa Road', 'Albuquerque', 'NM', '87106'),
  });
  olderAdultBackground(c);
  c.condition({ code: CM.type2Diabetes, onset: { years: 6 } })
    .medication(
      { drug: RX.metformin500, authored: { years: 6 }, dosage: '500 mg by mouth twice daily with meals' },
      PRIMARY_CARE,
    )
    .condition({ code: CM.pneumonia, onset: { weeks: 5 }, abated: { weeks: 2 }, category: 'encounter-diagnosis' });
  osteoporoticFractures(c, ['T12'], { weeks: 3 });
  const ct = c.imaging({
    modality: 'CT',
    description: 'CT thoracolumbar spine without contrast',
    when: { weeks: 3 },
    procedure: SCT.ctThoracolumbarSpine,
    bodySite: SCT.vertebralColumn,
    series: ['AX 1.25 mm bone', 'SAG MPR', 'COR MPR'],
  });
  c.radiologyReport(
    {
      title: 'CT thoracolumbar spine without contrast',
      when: { weeks: 3 },
      imagingStudy: ct,
      conclusion:
        'Mild wedge compression deformity of T12 (about 20 % height loss), found incidentally on the pneumonia work-up; age indeterminate. No retropulsion.',
    },
    RADIOLOGIST,
  );
  painScores(c, [
    [{ weeks: 3 }, 1],
    [{ days: 3 }, 0],
  ]);
  c.coagulationScreen(1.0, 221, { weeks: 2 }).noKnownDrugAllergies({ years: 2 });
  return {
    id: c.id,
    name: 'Dorothy Alvarez',
    scenario: 3,
    title: 'Incidental T12 fracture, no pain, no analgesics',
    description:
      '69-year-old woman, T12 wedge fracture found on a CT for pneumonia, NRS 0 three days ago and no analgesics. An asymptomatic fracture is not treated.',
    expected: 'not-eligible',
    expectedDecisive: ['ci.asymptomatic'],
    bundle: c.bundle(),
  };
}

function scenario4(now: Date): DemoPatient {
  const c = new Chart('pvp-04-kowalski', now).patient({
    given: ['Ruth', 'Ellen'],
    family: 'Kowalski',
    gender: 'female',
    age: 77,
    mrn: 'MRN-100204',
    address: usAddress('9 Orchard Lane', 'Scranton', 'PA', '18503'),
  });
  typicalCandidate(c, ['L3'], 8);
  c.condition({ code: CM.rightHipProsthesis, onset: { years: 4 } })
    .procedure({
      code: [SCT.totalHipReplacement],
      text: 'Cemented total hip arthroplasty, right',
      when: { years: 4, days: 3 },
    })
    .coagulationScreen(1.1, 233, { days: 8 })
    .allergy({
      substance: [SCT.pmma],
      text: 'Bone cement (PMMA)',
      category: 'environment',
      criticality: 'high',
      recorded: { years: 4 },
      reaction: {
        manifestation: SCT.contactDermatitis,
        severity: 'moderate',
        description: 'Eczema around the incision after cemented right hip arthroplasty; patch test positive.',
      },
    });
  return {
    id: c.id,
    name: 'Ruth Kowalski',
    scenario: 4,
    title: 'Painful L3 fracture, confirmed PMMA allergy',
    description:
      '77-year-old woman, a typical candidate (L3 fracture with oedema, NRS 8 after 4 weeks of opioids) but a patch-test-confirmed allergy to polymethyl methacrylate bone cement.',
    expected: 'not-eligible',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['ci.cement-allergy'],
    bundle: c.bundle(),
  };
}

function scenario5(now: Date): DemoPatient {
  const c = new Chart('pvp-05-delgado', now).patient({
    given: ['Frank'],
    family: 'Delgado',
    gender: 'male',
    age: 72,
    mrn: 'MRN-100205',
    address: usAddress('3301 Bayshore Blvd', 'Tampa', 'FL', '33629'),
  });
  olderAdultBackground(c);
  osteoporoticFractures(c, ['L2'], { weeks: 6 });
  c.condition({
    code: CM.discitisLumbar,
    text: 'Spondylodiscitis L2-L3',
    onset: { weeks: 1 },
    bodySite: [SCT.L2, SCT.L3],
  });
  spineMri(c, {
    when: { weeks: 1 },
    region: 'lumbar',
    codes: [CM.osteoporoticVertebralFracture, CM.discitisLumbar],
    impression:
      'Compression fracture of L2 with marrow oedema. Fluid signal in the L2-L3 disc with enhancement of the adjacent endplates and a small paravertebral phlegmon: spondylodiscitis L2-L3.',
    findings:
      'STIR: oedema of L2 and L3 adjacent to the L2-L3 disc; disc fluid-bright. Small left psoas phlegmon, no abscess. No epidural collection.',
  });
  opioidTrial(c, { weeks: 5 });
  painScores(c, [
    [{ weeks: 5 }, 7],
    [{ days: 1 }, 9],
  ]);
  c.lab(LOINC.crp, 86, UNIT.milligramsPerLitre, { days: 1 }, { high: 5 })
    .lab(LOINC.leukocytes, 13.4, UNIT.perNanolitre, { days: 1 }, { low: 4, high: 10.5 })
    .vitals({ hours: 6 }, { temperature: 38.4, heartRate: 96, systolic: 128, diastolic: 74 })
    .coagulationScreen(1.2, 312, { days: 1 })
    .noKnownDrugAllergies({ years: 3 });
  return {
    id: c.id,
    name: 'Frank Delgado',
    scenario: 5,
    title: 'L2 fracture with active spondylodiscitis L2-L3',
    description:
      '72-year-old man with a painful L2 fracture, now febrile with CRP 86 mg/L and MRI signs of spondylodiscitis L2-L3. Active infection rules PVP out.',
    expected: 'not-eligible',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['ci.infection-active'],
    bundle: c.bundle(),
  };
}

function scenario6(now: Date): DemoPatient {
  const c = new Chart('pvp-06-whitaker', now).patient({
    given: ['George', 'Henry'],
    family: 'Whitaker',
    gender: 'male',
    age: 71,
    mrn: 'MRN-100206',
    address: usAddress('540 Cedar Street', 'Boise', 'ID', '83702'),
  });
  typicalCandidate(c, ['L1'], 8);
  c.condition({ code: CM.haemophiliaA, text: 'Haemophilia A, moderate', onset: { years: 70 } })
    .lab(LOINC.factorVIII, 3, UNIT.percent, { weeks: 2 }, { low: 50, high: 150 })
    .coagulationScreen(1.0, 230, { weeks: 1 })
    .noKnownDrugAllergies({ years: 10 });
  return {
    id: c.id,
    name: 'George Whitaker',
    scenario: 6,
    title: 'Painful L1 fracture in moderate haemophilia A',
    description:
      '71-year-old man with haemophilia A (factor VIII 3 %) and a painful L1 fracture with oedema. The surgeon judges the coagulopathy not correctable for the procedure.',
    expected: 'not-eligible',
    expectedBeforeAnswers: 'insufficient-data',
    answers: {
      ...POSTERIOR_WALL_INTACT,
      'ci.coagulopathy-uncorrectable': { status: 'met', note: 'Haematology: factor replacement not feasible' },
    },
    expectedDecisive: ['ci.coagulopathy-uncorrectable'],
    bundle: c.bundle(),
  };
}

function scenario7(now: Date): DemoPatient {
  const c = new Chart('pvp-07-park', now).patient({
    given: ['Evelyn'],
    family: 'Park',
    gender: 'female',
    age: 76,
    mrn: 'MRN-100207',
    address: usAddress('1200 Pine Street', 'Seattle', 'WA', '98101'),
  });
  typicalCandidate(c, ['L1'], 7);
  c.condition({ code: CM.atrialFibrillation, onset: { years: 4 } })
    .condition({ code: CM.longTermAnticoagulants, onset: { years: 4 } })
    .medication(
      {
        drug: RX.apixaban5,
        authored: { months: 5 },
        dosage: '5 mg by mouth twice daily',
        reason: CM.atrialFibrillation,
      },
      PRIMARY_CARE,
    )
    .coagulationScreen(1.1, 210, { days: 6 });
  refutedPenicillinAllergy(c);
  return {
    id: c.id,
    name: 'Evelyn Park',
    scenario: 7,
    title: 'Painful L1 fracture on apixaban, INR normal',
    description:
      '76-year-old woman with atrial fibrillation on apixaban and a painful L1 fracture with oedema; INR 1.1, platelets 210. Eligible with the caution to hold apixaban before the procedure.',
    expected: 'eligible-with-cautions',
    expectedBeforeAnswers: 'insufficient-data',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['rc.coagulation-correctable'],
    bundle: c.bundle(),
  };
}

function scenario8(now: Date): DemoPatient {
  const c = new Chart('pvp-08-oyelaran', now)
    .patient({
      given: ['Raymond'],
      family: 'Oyelaran',
      gender: 'male',
      age: 67,
      mrn: 'MRN-100208',
      address: usAddress('88 Harbor View', 'Baltimore', 'MD', '21230'),
    })
    .encounter({ kind: 'ambulatory', started: { hours: 2 }, reason: 'Thoracic back pain, myeloma' }, DEMO_SURGEON);
  olderAdultBackground(c);
  c.condition({ code: CM.multipleMyeloma, text: 'IgG kappa multiple myeloma', onset: { months: 8 } })
    .condition({
      code: CM.neoplasticFractureOtherSite,
      text: 'Pathological fracture T10 (myeloma)',
      onset: { weeks: 3 },
      bodySite: ['T10 vertebral body'],
    })
    .medication(
      {
        drug: RX.lenalidomide,
        authored: { months: 7 },
        dosage: '25 mg by mouth daily on days 1-21 of each 28-day cycle',
      },
      ONCOLOGIST,
    )
    .medication(
      {
        drug: RX.oxycodone5,
        authored: { days: 10 },
        dosage: '1 tablet by mouth every 6 hours as needed for back pain',
      },
      ONCOLOGIST,
    );
  spineMri(c, {
    when: { weeks: 2 },
    region: 'thoracic',
    codes: [CM.multipleMyeloma],
    impression:
      'Osteolytic myeloma lesion of the T10 vertebral body with bone marrow oedema and 15 % height loss. No epidural extension, no cord compression.',
    findings:
      'T1 hypointense, STIR hyperintense lesion replacing most of the T10 vertebral body. Several small lesions elsewhere without fracture. Cord of normal signal.',
  });
  painScores(c, [
    [{ weeks: 2 }, 6],
    [{ days: 1 }, 7],
  ]);
  c.lab(LOINC.haemoglobin, 10.9, UNIT.gramsPerDecilitre, { days: 3 }, { low: 13.5, high: 17.5 })
    .coagulationScreen(1.0, 165, { days: 3 })
    .noKnownDrugAllergies({ months: 8 });
  return {
    id: c.id,
    name: 'Raymond Oyelaran',
    scenario: 8,
    title: 'Multiple myeloma, painful T10 osteolysis',
    description:
      '67-year-old man with IgG kappa myeloma, a painful osteolytic T10 lesion with oedema, NRS 7; analgesics for only 10 days, which is enough in malignancy (no 3-week rule).',
    expected: 'eligible',
    expectedBeforeAnswers: 'insufficient-data',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['ind.painful-lesion', 'ind.conservative-failed'],
    encounterId: c.encounterId,
    bundle: c.bundle(),
  };
}

function scenario9(now: Date): DemoPatient {
  const c = new Chart('pvp-09-marsh', now).patient({
    given: ['Linda', 'Carol'],
    family: 'Marsh',
    gender: 'female',
    age: 66,
    mrn: 'MRN-100209',
    address: usAddress('15 Beacon Hill Road', 'Portland', 'ME', '04101'),
  });
  olderAdultBackground(c);
  c.condition({ code: CM.breastCancerRight, onset: { years: 4 } })
    .condition({ code: CM.boneMetastasis, text: 'Osteolytic metastasis L2', onset: { weeks: 6 }, bodySite: [SCT.L2] })
    .medication({ drug: RX.letrozole, authored: { years: 3 }, dosage: '2.5 mg by mouth daily' }, ONCOLOGIST)
    .medication(
      { drug: RX.oxycodone5, authored: { weeks: 2 }, dosage: '1 tablet by mouth every 4 hours as needed for pain' },
      ONCOLOGIST,
    );
  spineMri(c, {
    when: { weeks: 2 },
    region: 'lumbar',
    codes: [CM.boneMetastasis],
    impression:
      'Osteolytic metastasis of L2 with pathological compression (about 30 % height loss) and disruption of the posterior wall with minor retropulsion and epidural extension. No compression of the conus or cauda equina.',
    findings:
      'STIR hyperintense lesion of the L2 body extending into the right pedicle; cortical break of the posterior wall; epidural soft tissue 3 mm; thecal sac patent.',
  });
  painScores(c, [
    [{ weeks: 2 }, 8],
    [{ days: 2 }, 7],
  ]);
  c.coagulationScreen(1.0, 254, { weeks: 1 }).noKnownDrugAllergies({ years: 4 });
  return {
    id: c.id,
    name: 'Linda Marsh',
    scenario: 9,
    title: 'L2 metastasis, posterior wall disrupted, no myelopathy',
    description:
      '66-year-old woman with breast cancer and a painful osteolytic L2 metastasis; MRI shows the posterior wall disrupted with minor epidural extension but no neural compression.',
    expected: 'eligible-with-cautions',
    expectedBeforeAnswers: 'insufficient-data',
    answers: POSTERIOR_WALL_DISRUPTED,
    expectedDecisive: ['rc.posterior-wall'],
    bundle: c.bundle(),
  };
}

function scenario10(now: Date): DemoPatient {
  const c = new Chart('pvp-10-nguyen', now).patient({
    given: ['Patricia', 'Mai'],
    family: 'Nguyen',
    gender: 'female',
    age: 80,
    mrn: 'MRN-100210',
    address: usAddress('640 Sunset Avenue', 'San Jose', 'CA', '95126'),
  });
  olderAdultBackground(c);
  knownOsteoporosis(c, -3.4);
  osteoporoticFractures(c, ['L1'], { weeks: 4 });
  lumbarSpineXray(
    c,
    { weeks: 4 },
    'New wedge compression fracture of L1 compared with the prior study, about 30 % height loss.',
  );
  // an MRI long before the fracture, for sciatica: too old to count for req.imaging
  spineMri(c, {
    when: { years: 2, months: 3 },
    region: 'lumbar',
    impression:
      'Degenerative disc disease L4-L5 with a right paracentral protrusion contacting the right L5 root. Vertebral bodies of normal height.',
    findings: 'No fracture. No marrow oedema. Facet arthropathy L4-S1.',
  });
  opioidTrial(c, { weeks: 3, days: 3 });
  painScores(c, [
    [{ weeks: 4 }, 9],
    [{ days: 2 }, 8],
  ]);
  c.coagulationScreen(1.0, 199, { weeks: 1 }).noKnownDrugAllergies({ years: 6 });
  return {
    id: c.id,
    name: 'Patricia Nguyen',
    scenario: 10,
    title: 'L1 fracture on X-ray only, no MRI/CT in 12 weeks',
    description:
      '80-year-old woman with an L1 fracture seen on plain films 4 weeks ago, NRS 8 on opioids; the only MRI is 2 years old. Needs a spine MRI with STIR first.',
    expected: 'insufficient-data',
    expectedDecisive: ['req.imaging', 'ind.fracture-acute'],
    bundle: c.bundle(),
  };
}

function scenario11(now: Date): DemoPatient {
  const c = new Chart('pvp-11-reilly', now).patient({
    given: ['Thomas', 'Patrick'],
    family: 'Reilly',
    gender: 'male',
    age: 75,
    mrn: 'MRN-100211',
    address: usAddress('27 Fenway Court', 'Boston', 'MA', '02115'),
  });
  olderAdultBackground(c);
  knownOsteoporosis(c, -2.7);
  osteoporoticFractures(c, ['L3'], { years: 2 });
  c.condition({ code: SCT.chronicLowBackPain, onset: { years: 2 } })
    .condition({ code: CM.lumbarDiscDegeneration, onset: { years: 2 } })
    .medication(
      { drug: RX.ibuprofen600, authored: { years: 1 }, dosage: '600 mg by mouth three times daily with food' },
      PRIMARY_CARE,
    )
    .medication(
      { drug: RX.paracetamol500, authored: { years: 1 }, dosage: '1000 mg by mouth every 8 hours' },
      PRIMARY_CARE,
    );
  spineMri(c, {
    when: { weeks: 2 },
    region: 'lumbar',
    impression:
      'Old healed compression deformity of L3 (about 20 % height loss) without bone marrow oedema on STIR. Multilevel disc degeneration L3-S1.',
    findings:
      'STIR: no marrow oedema at any level. Fatty marrow signal of L3. Disc desiccation L3-L4 to L5-S1, no nerve root compression.',
  });
  painScores(c, [
    [{ months: 3 }, 6],
    [{ days: 2 }, 6],
  ]);
  c.coagulationScreen(1.0, 240, { weeks: 1 }).noKnownDrugAllergies({ years: 5 });
  return {
    id: c.id,
    name: 'Thomas Reilly',
    scenario: 11,
    title: 'L3 fracture 2 years old, MRI without oedema',
    description:
      '75-year-old man with chronic low back pain and an L3 fracture from 2 years ago; MRI 2 weeks ago shows a healed deformity without oedema. A healed fracture is not treated.',
    expected: 'not-eligible',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['ind.fracture-acute'],
    bundle: c.bundle(),
  };
}

function scenario12(now: Date): DemoPatient {
  const c = new Chart('pvp-12-fischer', now).patient({
    given: ['Helen', 'Marie'],
    family: 'Fischer',
    gender: 'female',
    age: 82,
    mrn: 'MRN-100212',
    address: usAddress('410 Elm Street', 'Cincinnati', 'OH', '45202'),
  });
  typicalCandidate(c, ['T12', 'L1', 'L2', 'L3'], 9);
  c.coagulationScreen(1.0, 276, { weeks: 1 });
  refutedPenicillinAllergy(c);
  return {
    id: c.id,
    name: 'Helen Fischer',
    scenario: 12,
    title: 'Four painful fractures T12-L3',
    description:
      '82-year-old woman with osteoporotic fractures of T12, L1, L2 and L3, all with oedema, NRS 9 on opioids. No more than 3 levels per session.',
    expected: 'eligible-with-cautions',
    expectedBeforeAnswers: 'insufficient-data',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['rc.levels-over-3'],
    bundle: c.bundle(),
  };
}

function scenario13(now: Date): DemoPatient {
  const c = new Chart('pvp-13-wagner', now)
    .patient({
      given: ['Ingrid'],
      family: 'Wagner',
      gender: 'female',
      age: 74,
      mrn: 'PID-4711023',
      language: 'de-DE',
      address: { use: 'home', line: ['Lindenstraße 12'], city: 'Heidelberg', postalCode: '69117', country: 'DE' },
      identifiers: [{ system: 'http://fhir.de/sid/gkv/kvid-10', value: 'W123456789' }],
    })
    .encounter(
      { kind: 'ambulatory', started: { hours: 1 }, reason: 'Rückenschmerzen nach Wirbelkörperfraktur' },
      DEMO_SURGEON,
    );
  osteoporoticL1Chart(c, SCENARIO_1_CODINGS.gm);
  c.allergy({
    substance: [],
    text: 'Penicillin (Verdacht, nicht bestätigt)',
    category: 'medication',
    verificationStatus: 'refuted',
    recorded: { years: 3 },
    note: 'Hautausschlag in der Kindheit berichtet; Amoxicillin 2021 problemlos vertragen.',
  });
  return {
    id: c.id,
    name: 'Ingrid Wagner',
    scenario: 13,
    title: 'Scenario 1 coded in ICD-10-GM (German)',
    description:
      'The case of scenario 1 from a German hospital: ICD-10-GM M80.08 with the level as body site, German MRI report, ATC-coded oxycodone and metamizole. Same verdict as scenario 1.',
    expected: 'eligible',
    expectedBeforeAnswers: 'insufficient-data',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['req.posterior-wall-assessed'],
    encounterId: c.encounterId,
    bundle: c.bundle(),
  };
}

function scenario14(now: Date): DemoPatient {
  const c = new Chart('pvp-14-lindgren', now).patient({
    given: ['Barbara', 'Joan'],
    family: 'Lindgren',
    gender: 'female',
    age: 74,
    mrn: 'MRN-100214',
    address: usAddress('3 Prairie Road', 'Sioux Falls', 'SD', '57104'),
  });
  osteoporoticL1Chart(c, SCENARIO_1_CODINGS.snomed);
  refutedPenicillinAllergy(c);
  return {
    id: c.id,
    name: 'Barbara Lindgren',
    scenario: 14,
    title: 'Scenario 1 coded in SNOMED CT only',
    description:
      'The case of scenario 1 from an EHR whose problem list is SNOMED CT only (42942008 with an L1 body site). Same verdict as scenario 1.',
    expected: 'eligible',
    expectedBeforeAnswers: 'insufficient-data',
    answers: POSTERIOR_WALL_INTACT,
    expectedDecisive: ['req.posterior-wall-assessed'],
    bundle: c.bundle(),
  };
}

export const SCENARIOS: ((now: Date) => DemoPatient)[] = [
  scenario1,
  scenario2,
  scenario3,
  scenario4,
  scenario5,
  scenario6,
  scenario7,
  scenario8,
  scenario9,
  scenario10,
  scenario11,
  scenario12,
  scenario13,
  scenario14,
];
