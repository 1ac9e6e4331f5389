import { SIR19_HIGH_BLEEDING_RISK } from './antithrombotics';
import { CARE_SETTING, yesClears, yesNo, type CriterionDef, type RuleSet } from './types';

/**
 * Rule set `pvp-guideline` 2026.1, criterion by criterion (docs/criteria.md is written from it). Thresholds
 * carry their source: G = stated by a guideline or payer, C = convention chosen for the app (docs/evidence.md).
 */

/** the levels a lesion is treated at (docs/criteria.md, ind.painful-lesion); every criterion that reads the lesions reads these */
const TREATED_LEVELS = { levelFrom: 'C2', levelTo: 'L5' };

const criteria: CriterionDef[] = [
  {
    id: 'ind.painful-lesion',
    group: 'indication',
    kind: 'painful-lesion',
    title: { en: 'Vertebral fracture or osteolytic lesion', de: 'Wirbelkörperfraktur oder osteolytische Läsion' },
    meaning:
      'a vertebral compression fracture (osteoporotic) or an osteolytic vertebral lesion from metastasis or multiple myeloma (or an aggressive/painful vertebral haemangioma), at a level C2-L5',
    valueSets: ['VS-VCF', 'VS-MALIGNANT-OSTEOLYSIS', 'VS-HAEMANGIOMA', 'VS-PRIOR-AUGMENTATION'],
    thresholds: {},
    params: TREATED_LEVELS,
    // also answers "earlier augmentation at the same level": the levels given are not cemented yet
    question: {
      kind: 'levels',
      prompt: {
        en: 'Diagnosis and level(s) of the fracture or lesion to treat (not cemented before)?',
        de: 'Diagnose und Höhe(n) der zu behandelnden Fraktur bzw. Läsion (nicht bereits zementiert)?',
      },
      options: [
        {
          status: 'met',
          label: {
            en: 'Fracture/lesion at the levels given, not cemented before',
            de: 'Fraktur/Läsion in den angegebenen Höhen, nicht bereits zementiert',
          },
        },
        {
          status: 'not-met',
          label: {
            en: 'No fracture or lesion to treat (none, or already cemented)',
            de: 'Keine zu behandelnde Fraktur oder Läsion (keine oder bereits zementiert)',
          },
        },
      ],
    },
    need: {
      en: 'the diagnosis and vertebral level(s) of the fracture or lesion to treat (not cemented before)',
      de: 'Diagnose und Wirbelhöhe(n) der zu behandelnden Fraktur bzw. Läsion (nicht bereits zementiert)',
    },
    supply: 'answer',
    citations: ['SEED', 'DE-KONS', 'DRG-AGIR'],
  },
  {
    id: 'ind.pain-severe',
    group: 'indication',
    kind: 'pain-severe',
    title: { en: 'Severe pain', de: 'Starke Schmerzen' },
    meaning: 'pain attributable to the lesion is severe: latest NRS/VAS 0-10 within 14 days ≥ 5',
    valueSets: ['VS-PAIN-SCORE'],
    thresholds: {
      minScore: { value: 5, unit: 'NRS 0-10', source: 'LCD (G, outpatient ≥ 5); VERTOS II VAS ≥ 5' },
      windowDays: { value: 14, unit: 'd', source: 'APP (C)' },
    },
    question: {
      kind: 'number',
      prompt: { en: 'Pain today (NRS 0-10)?', de: 'Schmerzstärke heute (NRS 0-10)?' },
      scale: { min: 0, max: 10 },
    },
    need: {
      en: 'a pain score (NRS 0-10) from the last 14 days, or today’s pain',
      de: 'ein Schmerzwert (NRS 0-10) der letzten 14 Tage oder die Schmerzstärke heute',
    },
    supply: 'answer',
    citations: ['SEED', 'LCD', 'VERTOS-II'],
  },
  {
    id: 'ind.conservative-failed',
    group: 'indication',
    kind: 'conservative-failed',
    title: { en: 'Conservative therapy failed', de: 'Konservative Therapie erfolglos' },
    meaning:
      'pain persists despite adequate analgesic therapy for ≥ 21 days; not required for malignant osteolysis (a haemangioma keeps it) nor for hospitalised patients with NRS ≥ 8 (unknown care setting: asked)',
    valueSets: ['VS-ANALGESICS', 'VS-PAIN-SCORE', 'VS-VCF', 'VS-MALIGNANT-OSTEOLYSIS', 'VS-HAEMANGIOMA'],
    params: TREATED_LEVELS,
    thresholds: {
      minDays: { value: 21, unit: 'd', source: 'APP (C); German practice ≥ 3 weeks, DRG-AGIR 3-6 weeks' },
      minScore: { value: 5, unit: 'NRS 0-10', source: 'LCD (G)' },
      windowDays: { value: 14, unit: 'd', source: 'APP (C)' },
      inpatientScore: { value: 8, unit: 'NRS 0-10', source: 'LCD (G, hospitalised ≥ 8)' },
    },
    question: yesNo(
      {
        en: 'Is the pain still refractory to adequate analgesia (≥ 3 weeks)?',
        de: 'Sind die Schmerzen trotz adäquater Analgesie (≥ 3 Wochen) therapierefraktär?',
      },
      { en: 'Yes, refractory', de: 'Ja, therapierefraktär' },
      { en: 'No', de: 'Nein' },
    ),
    // NRS ≥ 8 with analgesia shorter than 21 days: an inpatient needs no 3 weeks, an outpatient does
    sharedQuestions: [CARE_SETTING],
    caution: {
      en: 'Re-assess after 3 weeks of adequate analgesia.',
      de: 'Nach 3 Wochen adäquater Analgesie erneut beurteilen.',
    },
    need: {
      en: 'the analgesic therapy (medication list) or the surgeon’s answer',
      de: 'die analgetische Therapie (Medikationsliste) oder die Angabe des Operateurs',
    },
    supply: 'answer',
    citations: ['SEED', 'NICE-TA279', 'LCD'],
  },
  {
    id: 'ind.fracture-acute',
    group: 'indication',
    kind: 'fracture-acute',
    title: { en: 'Fracture acute or subacute (not healed)', de: 'Fraktur akut/subakut (nicht verheilt)' },
    meaning:
      'bone marrow oedema on MRI (STIR/T2 fat-sat) or uptake on bone scan; without such imaging, onset ≤ 12 months; not required for malignant osteolysis',
    valueSets: ['VS-VCF', 'VS-MALIGNANT-OSTEOLYSIS', 'VS-HAEMANGIOMA'],
    params: TREATED_LEVELS,
    thresholds: {
      healedMonths: { value: 12, unit: 'months', source: 'APP (C); sham trials enrolled fractures < 12 months' },
    },
    question: yesNo(
      {
        en: 'Bone marrow oedema (STIR/T2-FS) at the target level?',
        de: 'Knochenmarködem (STIR/T2-FS) in der Zielhöhe?',
      },
      { en: 'Oedema present', de: 'Ödem vorhanden' },
      { en: 'No oedema (healed)', de: 'Kein Ödem (verheilt)' },
    ),
    need: {
      en: 'a spine MRI (STIR) report on bone marrow oedema',
      de: 'ein MRT-Befund der Wirbelsäule (STIR) zum Knochenmarködem',
    },
    supply: 'order',
    citations: ['ACR-AC', 'VERTOS-II', 'VAPOUR', 'BUCHBINDER-2009'],
  },
  {
    id: 'ci.asymptomatic',
    group: 'absolute-contraindication',
    kind: 'asymptomatic',
    title: { en: 'Asymptomatic fracture', de: 'Asymptomatische Fraktur' },
    meaning: 'the fracture causes no pain: latest pain score within 14 days = 0 with no analgesic',
    valueSets: ['VS-PAIN-SCORE', 'VS-ANALGESICS'],
    thresholds: { windowDays: { value: 14, unit: 'd', source: 'APP (C)' } },
    need: { en: 'a pain score from the last 14 days', de: 'ein Schmerzwert der letzten 14 Tage' },
    supply: 'answer',
    citations: ['SEED'],
  },
  {
    id: 'ci.pain-controlled',
    group: 'absolute-contraindication',
    kind: 'pain-controlled',
    title: { en: 'Pain controlled by medication', de: 'Schmerzen medikamentös beherrscht' },
    meaning:
      'latest pain score within 14 days < 5 while on analgesics, or a falling trend to < 5 over the last 2 weeks',
    valueSets: ['VS-PAIN-SCORE', 'VS-ANALGESICS'],
    thresholds: {
      belowScore: { value: 5, unit: 'NRS 0-10', source: 'APP (C)' },
      windowDays: { value: 14, unit: 'd', source: 'APP (C)' },
    },
    need: {
      en: 'a pain score from the last 14 days, or today’s pain',
      de: 'ein Schmerzwert der letzten 14 Tage oder die Schmerzstärke heute',
    },
    supply: 'answer',
    citations: ['SEED', 'CIRSE-2017'],
  },
  {
    id: 'ci.infection-active',
    group: 'absolute-contraindication',
    kind: 'infection',
    title: { en: 'Active infection', de: 'Aktive Infektion' },
    meaning:
      'active local (spondylodiscitis, vertebral osteomyelitis, epidural abscess) or systemic infection (sepsis, bacteraemia)',
    valueSets: [
      'VS-SPINE-INFECTION',
      'VS-SYSTEMIC-INFECTION',
      'VS-ACCESS-SITE-INFECTION',
      'VS-OTHER-INFECTION',
      'VS-CRP',
      'VS-WBC',
      'VS-BODY-TEMPERATURE',
    ],
    thresholds: {
      crpAbove: { value: 50, unit: 'mg/L', source: 'APP (C)' },
      wbcAbove: { value: 12, unit: '10*9/L', source: 'APP (C)' },
      temperatureFrom: { value: 38, unit: 'Cel', source: 'APP (C)' },
      labWindowDays: { value: 7, unit: 'd', source: 'APP (C)' },
    },
    question: yesClears(
      { en: 'Is an active infection excluded?', de: 'Ist eine aktive Infektion ausgeschlossen?' },
      { en: 'Yes, excluded', de: 'Ja, ausgeschlossen' },
      { en: 'No, active infection', de: 'Nein, aktive Infektion' },
    ),
    need: { en: 'whether an infection is excluded', de: 'ob eine Infektion ausgeschlossen ist' },
    supply: 'answer',
    citations: ['SEED', 'LCD', 'VERTOS-II'],
  },
  {
    id: 'ci.coagulopathy-uncorrectable',
    group: 'absolute-contraindication',
    kind: 'coagulopathy',
    title: { en: 'Uncorrectable coagulopathy', de: 'Therapierefraktäre Gerinnungsstörung' },
    meaning: 'therapy-refractory coagulopathy / bleeding diathesis',
    valueSets: ['VS-COAGULOPATHY'],
    thresholds: {},
    question: yesClears(
      {
        en: 'Can the bleeding disorder be corrected for the procedure?',
        de: 'Lässt sich die Gerinnungsstörung für den Eingriff korrigieren?',
      },
      { en: 'Yes, correctable', de: 'Ja, korrigierbar' },
      { en: 'No, cannot be corrected', de: 'Nein, nicht korrigierbar' },
    ),
    need: {
      en: 'whether the bleeding disorder can be corrected for the procedure',
      de: 'ob die Gerinnungsstörung für den Eingriff korrigierbar ist',
    },
    supply: 'answer',
    citations: ['SEED', 'VERTOS-II', 'ACR-AC'],
  },
  {
    id: 'ci.cement-allergy',
    group: 'absolute-contraindication',
    kind: 'allergy',
    title: { en: 'Bone-cement allergy', de: 'Allergie gegen Knochenzement' },
    meaning:
      'allergy to a bone-cement component (PMMA, MMA monomer, benzoyl peroxide, N,N-dimethyl-p-toluidine, barium sulfate, zirconium dioxide)',
    valueSets: ['VS-CEMENT-ALLERGENS'],
    thresholds: {},
    question: yesNo(
      {
        en: 'Is there an allergy to a bone-cement component?',
        de: 'Besteht eine Allergie gegen einen Knochenzement-Bestandteil?',
      },
      { en: 'Yes, confirmed', de: 'Ja, bestätigt' },
      { en: 'No', de: 'Nein' },
    ),
    need: { en: 'confirmation of the allergy list (bone cement)', de: 'Bestätigung der Allergieliste (Knochenzement)' },
    supply: 'answer',
    citations: ['SEED'],
  },
  {
    id: 'ci.cord-compression',
    group: 'absolute-contraindication',
    kind: 'coded-condition',
    title: { en: 'Spinal cord compression / myelopathy', de: 'Myelonkompression / Myelopathie' },
    meaning:
      'spinal cord compression or myelopathy (retropulsed fragment or epidural tumour); a neurological deficit needs decompression, not PVP',
    valueSets: ['VS-CORD-COMPRESSION'],
    thresholds: {},
    question: yesClears(
      {
        en: 'Is the neurological examination normal, without cord compression?',
        de: 'Ist der neurologische Befund unauffällig, ohne Myelonkompression?',
      },
      { en: 'Yes, normal', de: 'Ja, unauffällig' },
      { en: 'No, compression or deficit', de: 'Nein, Kompression oder Defizit' },
    ),
    need: {
      en: 'whether there is cord compression or a neurological deficit',
      de: 'ob eine Myelonkompression oder ein neurologisches Defizit besteht',
    },
    supply: 'answer',
    citations: ['SEED', 'VERTOS-II'],
  },
  {
    id: 'ci.pregnancy',
    group: 'absolute-contraindication',
    kind: 'pregnancy',
    title: { en: 'Pregnancy', de: 'Schwangerschaft' },
    meaning: 'current pregnancy (ionising radiation)',
    valueSets: ['VS-PREGNANCY', 'VS-PREGNANCY-TEST'],
    thresholds: { testWindowDays: { value: 14, unit: 'd', source: 'APP (C)' } },
    question: yesNo(
      { en: 'Is the patient pregnant?', de: 'Ist die Patientin schwanger?' },
      { en: 'Pregnant', de: 'Schwanger' },
      { en: 'Not pregnant', de: 'Nicht schwanger' },
    ),
    need: { en: 'whether the patient is pregnant', de: 'ob eine Schwangerschaft besteht' },
    supply: 'answer',
    citations: ['LCD', 'ACR-AC'],
  },
  {
    id: 'rc.posterior-wall',
    group: 'relative-contraindication',
    kind: 'posterior-wall',
    title: { en: 'Posterior wall disrupted', de: 'Hinterkante beteiligt' },
    meaning:
      'posterior wall of the vertebral body disrupted, retropulsion or epidural extension without cord compression',
    valueSets: ['VS-VCF'],
    thresholds: {},
    question: yesClears(
      { en: 'Posterior wall on MRI/CT', de: 'Hinterkante im MRT/CT' },
      { en: 'Intact', de: 'Intakt' },
      { en: 'Disrupted', de: 'Beteiligt' },
    ),
    caution: {
      en: 'Higher risk of cement leak into the canal: CT guidance, high-viscosity cement, experienced operator.',
      de: 'Erhöhtes Risiko eines Zementaustritts in den Spinalkanal: CT-Steuerung, hochvisköser Zement, erfahrener Operateur.',
    },
    need: { en: 'the posterior-wall finding on MRI/CT', de: 'der Befund der Hinterkante im MRT/CT' },
    supply: 'answer',
    citations: ['SEED', 'DRG-AGIR', 'DE-KONS'],
  },
  {
    id: 'rc.vertebra-plana',
    group: 'relative-contraindication',
    kind: 'vertebra-plana',
    title: { en: 'Severe collapse (vertebra plana)', de: 'Schwere Sinterung (Vertebra plana)' },
    meaning: 'height loss > 70 % (vertebra plana)',
    valueSets: [],
    thresholds: { heightLossAbove: { value: 70, unit: '%', source: 'APP (C), secondary summaries' } },
    question: yesNo(
      { en: 'Height loss above 70 % (vertebra plana)?', de: 'Höhenminderung über 70 % (Vertebra plana)?' },
      { en: 'Yes', de: 'Ja' },
      { en: 'No', de: 'Nein' },
    ),
    caution: { en: 'Technically difficult, less benefit.', de: 'Technisch schwierig, geringerer Nutzen.' },
    need: { en: 'the vertebral height loss', de: 'die Höhenminderung des Wirbelkörpers' },
    supply: 'answer',
    citations: ['DE-KONS'],
  },
  {
    id: 'rc.levels-over-3',
    group: 'relative-contraindication',
    kind: 'levels-count',
    title: { en: 'More than 3 levels', de: 'Mehr als 3 Höhen' },
    meaning: 'more than 3 levels to treat',
    valueSets: ['VS-VCF', 'VS-MALIGNANT-OSTEOLYSIS', 'VS-HAEMANGIOMA'],
    thresholds: { maxLevels: { value: 3, unit: 'levels', source: 'LCD (G); SIR 2003' } },
    // the levels of ind.painful-lesion: a lesion outside them is not one to treat
    params: TREATED_LEVELS,
    links: { lesion: 'ind.painful-lesion' },
    question: { kind: 'levels', prompt: { en: 'Which levels are planned?', de: 'Welche Höhen sind geplant?' } },
    caution: { en: 'No more than 3 levels per session.', de: 'Nicht mehr als 3 Höhen pro Sitzung.' },
    need: { en: 'the planned levels', de: 'die geplanten Höhen' },
    supply: 'answer',
    citations: ['LCD'],
  },
  {
    id: 'rc.radicular-pain',
    group: 'relative-contraindication',
    kind: 'coded-condition',
    title: { en: 'Radicular pain predominant', de: 'Radikuläre Schmerzen überwiegen' },
    meaning: 'radicular pain predominant over axial pain',
    valueSets: ['VS-RADICULOPATHY'],
    thresholds: {},
    question: yesClears(
      {
        en: 'Is the pain axial, matching the level?',
        de: 'Ist der Schmerz axial und passt zur Höhe?',
      },
      { en: 'Yes, axial', de: 'Ja, axial' },
      { en: 'No, radicular pain predominates', de: 'Nein, radikulärer Schmerz überwiegt' },
    ),
    caution: {
      en: 'The pain may not come from the fracture.',
      de: 'Die Schmerzen stammen möglicherweise nicht von der Fraktur.',
    },
    need: { en: 'whether the pain is axial and matches the level', de: 'ob der Schmerz axial ist und zur Höhe passt' },
    supply: 'answer',
    citations: ['DE-KONS', 'DRG-AGIR', 'VERTOS-II'],
  },
  {
    id: 'rc.coagulation-correctable',
    group: 'relative-contraindication',
    kind: 'coagulation-therapy',
    title: { en: 'Anticoagulation or abnormal coagulation', de: 'Antikoagulation oder auffällige Gerinnung' },
    meaning: 'anticoagulant or antiplatelet therapy, or INR > 1.5, or platelets < 50 × 10⁹/L',
    valueSets: ['VS-ANTICOAGULANTS', 'VS-DRUG-INDUCED-BLEEDING', 'VS-INR', 'VS-PLATELETS'],
    thresholds: {
      inrAbove: { value: 1.5, unit: '1', source: 'SIR19 (G, high bleeding risk: INR ≤ 1.5-1.8; strict end)' },
      plateletsBelow: { value: 50, unit: '10*9/L', source: 'SIR19 (G)' },
      labWindowDays: { value: 30, unit: 'd', source: 'APP (C)' },
    },
    // what to do per drug, and with abnormal values, is worked out from the record (criteria/coagulation.ts)
    holds: SIR19_HIGH_BLEEDING_RISK,
    caution: {
      en: 'High bleeding-risk procedure (SIR 2019): withhold each antithrombotic drug as long as SIR 2019 gives for it (DOACs are held, not bridged); correct the INR to ≤ 1.5-1.8 and platelets to ≥ 50 × 10⁹/L.',
      de: 'Eingriff mit hohem Blutungsrisiko (SIR 2019): jedes Antithrombotikum so lange pausieren, wie SIR 2019 angibt (DOAK pausieren, nicht überbrücken); INR auf ≤ 1,5-1,8 und Thrombozyten auf ≥ 50 × 10⁹/l korrigieren.',
    },
    need: { en: 'the medication list (anticoagulants)', de: 'die Medikationsliste (Antikoagulanzien)' },
    supply: 'record',
    citations: ['SIR19'],
  },
  {
    id: 'rc.cement-additive-allergy',
    group: 'relative-contraindication',
    kind: 'allergy',
    title: { en: 'Allergy to a cement antibiotic', de: 'Allergie gegen Zement-Antibiotikum' },
    meaning: 'allergy to an antibiotic used in loaded cements (gentamicin, tobramycin, clindamycin)',
    valueSets: ['VS-CEMENT-ANTIBIOTICS'],
    thresholds: {},
    question: yesNo(
      {
        en: 'Allergy to gentamicin, tobramycin or clindamycin?',
        de: 'Allergie gegen Gentamicin, Tobramycin oder Clindamycin?',
      },
      { en: 'Yes', de: 'Ja' },
      { en: 'No', de: 'Nein' },
    ),
    caution: { en: 'Use a cement without that antibiotic.', de: 'Zement ohne dieses Antibiotikum verwenden.' },
    need: { en: 'confirmation of the allergy list (antibiotics)', de: 'Bestätigung der Allergieliste (Antibiotika)' },
    supply: 'answer',
    citations: ['APP'],
  },
  {
    id: 'rc.contrast-allergy',
    group: 'relative-contraindication',
    kind: 'allergy',
    title: { en: 'Contrast-medium allergy', de: 'Kontrastmittelallergie' },
    meaning: 'allergy to iodinated contrast media',
    valueSets: ['VS-CONTRAST-ALLERGENS'],
    thresholds: {},
    question: yesNo(
      { en: 'Allergy to iodinated contrast media?', de: 'Allergie gegen jodhaltiges Kontrastmittel?' },
      { en: 'Yes', de: 'Ja' },
      { en: 'No', de: 'Nein' },
    ),
    caution: {
      en: 'Premedicate or avoid iodinated contrast.',
      de: 'Prämedikation oder jodhaltiges Kontrastmittel vermeiden.',
    },
    need: {
      en: 'confirmation of the allergy list (contrast media)',
      de: 'Bestätigung der Allergieliste (Kontrastmittel)',
    },
    supply: 'answer',
    citations: ['LCD'],
  },
  {
    id: 'rc.age-under-60',
    group: 'relative-contraindication',
    kind: 'age-under',
    title: { en: 'Younger than 60', de: 'Jünger als 60 Jahre' },
    meaning: 'patient younger than 60 (long-term behaviour of acrylic cement unknown)',
    valueSets: [],
    thresholds: { ageBelow: { value: 60, unit: 'a', source: 'DRG-AGIR (G)' } },
    caution: {
      en: 'Individual decision: long-term behaviour of acrylic cement is unknown.',
      de: 'Individuelle Entscheidung: Langzeitverhalten des Acrylzements unbekannt.',
    },
    need: { en: 'the patient’s date of birth', de: 'das Geburtsdatum' },
    supply: 'record',
    citations: ['DRG-AGIR'],
  },
  {
    id: 'rc.traumatic-non-osteoporotic',
    group: 'relative-contraindication',
    kind: 'traumatic-non-osteoporotic',
    title: { en: 'Traumatic fracture without osteoporosis', de: 'Traumatische Fraktur ohne Osteoporose' },
    meaning: 'traumatic fracture without osteoporosis (diagnosis or T-score ≤ -2.5) or tumour',
    valueSets: ['VS-VCF', 'VS-MALIGNANT-OSTEOLYSIS', 'VS-HAEMANGIOMA', 'VS-OSTEOPOROSIS', 'VS-BMD-T-SCORE'],
    params: TREATED_LEVELS,
    thresholds: { tScoreAtMost: { value: -2.5, unit: 'SD', source: 'WHO definition of osteoporosis (G)' } },
    question: yesClears(
      {
        en: 'Is it an osteoporotic or tumour fracture?',
        de: 'Handelt es sich um eine osteoporotische oder tumorbedingte Fraktur?',
      },
      { en: 'Yes', de: 'Ja' },
      { en: 'No, traumatic, bone without osteoporosis', de: 'Nein, traumatisch, ohne Osteoporose' },
    ),
    caution: {
      en: 'Consider conservative or surgical fixation; PVP is for insufficiency and tumour fractures.',
      de: 'Konservative Therapie oder operative Stabilisierung erwägen; die PVP ist für Insuffizienz- und Tumorfrakturen.',
    },
    need: {
      en: 'whether osteoporosis is known (diagnosis or DXA)',
      de: 'ob eine Osteoporose bekannt ist (Diagnose oder DXA)',
    },
    supply: 'answer',
    citations: ['DRG-AGIR'],
  },
  {
    id: 'req.imaging',
    group: 'requirement',
    kind: 'imaging',
    title: { en: 'Spine MRI or CT within 12 weeks', de: 'MRT oder CT der Wirbelsäule innerhalb von 12 Wochen' },
    meaning:
      'MRI (preferably with STIR) or CT of the spine before PVP, to date the fracture, exclude other causes of pain and assess the posterior wall',
    valueSets: ['VS-SPINE-IMAGING', 'VS-SPINE-SITE'],
    thresholds: { windowWeeks: { value: 12, unit: 'wk', source: 'APP (C); oedema fades within 2-4 months' } },
    question: yesNo(
      { en: 'Spine MRI or CT done in the last 12 weeks?', de: 'MRT oder CT der Wirbelsäule in den letzten 12 Wochen?' },
      { en: 'Yes', de: 'Ja' },
      { en: 'No', de: 'Nein' },
    ),
    caution: { en: 'Order a spine MRI with STIR.', de: 'MRT der Wirbelsäule mit STIR anfordern.' },
    need: {
      en: 'a spine MRI with STIR (or CT) from the last 12 weeks',
      de: 'ein MRT der Wirbelsäule mit STIR (oder CT) der letzten 12 Wochen',
    },
    supply: 'order',
    citations: ['SEED', 'ACR-AC'],
  },
  {
    id: 'req.posterior-wall-assessed',
    group: 'requirement',
    kind: 'posterior-wall-assessed',
    title: { en: 'Posterior wall assessed', de: 'Hinterkante beurteilt' },
    meaning: 'the posterior edge of the vertebral body has been assessed on MRI/CT',
    valueSets: ['VS-VCF'],
    thresholds: {},
    answeredBy: ['rc.posterior-wall'],
    // asked once: "intact / disrupted" answers both criteria, "not assessed yet" is this one's own
    question: {
      kind: 'status',
      askedWith: 'rc.posterior-wall',
      prompt: {
        en: 'Has the posterior wall been assessed on MRI/CT?',
        de: 'Wurde die Hinterkante im MRT/CT beurteilt?',
      },
      options: [
        { status: 'met', label: { en: 'Assessed', de: 'Beurteilt' } },
        { status: 'unknown', label: { en: 'Not assessed yet', de: 'Noch nicht beurteilt' } },
      ],
    },
    need: {
      en: 'the posterior-wall assessment on MRI/CT (intact / disrupted)',
      de: 'die Beurteilung der Hinterkante im MRT/CT (intakt / beteiligt)',
    },
    supply: 'answer',
    citations: ['SEED'],
  },
  {
    id: 'req.coagulation-labs',
    group: 'requirement',
    kind: 'coagulation-labs',
    title: { en: 'INR and platelets within 30 days', de: 'INR und Thrombozyten innerhalb von 30 Tagen' },
    meaning: 'INR and platelet count within 30 days',
    valueSets: ['VS-INR', 'VS-PLATELETS'],
    thresholds: { windowDays: { value: 30, unit: 'd', source: 'APP (C); SIR19 recommends INR and platelets' } },
    caution: { en: 'Order INR and platelet count.', de: 'INR und Thrombozytenzahl bestimmen.' },
    need: { en: 'INR and platelet count from the last 30 days', de: 'INR und Thrombozytenzahl der letzten 30 Tage' },
    supply: 'order',
    citations: ['SIR19'],
  },
];

export const PVP_GUIDELINE: RuleSet = {
  info: {
    id: 'pvp-guideline',
    version: '2026.1',
    title: {
      en: 'PVP indications and contraindications (German consensus, CIRSE)',
      de: 'PVP-Indikationen und Kontraindikationen (Deutscher Konsens, CIRSE)',
    },
    citations: [
      {
        key: 'SEED',
        text: 'Vertebroplasty in the treatment of back pain. Radiologe 2006;46(6):495-505',
        url: 'https://doi.org/10.1007/s00117-006-1382-7',
      },
      {
        key: 'DE-KONS',
        text: 'Interdisziplinäres Konsensuspapier Vertebroplastie/Kyphoplastie (DGNC, DGU, DGOOC, DRG), as cited in Weihe 2012',
      },
      {
        key: 'DRG-AGIR',
        text: 'DRG/AGIR Leitlinien zur Vertebroplastie. Radiologe 2003',
        url: 'https://doi.org/10.1007/s00117-003-0942-3',
      },
      {
        key: 'CIRSE-2017',
        text: 'Tsoumakidou G, et al. CIRSE Guidelines on Percutaneous Vertebral Augmentation. Cardiovasc Intervent Radiol 2017;40:331-342',
        url: 'https://doi.org/10.1007/s00270-017-1574-8',
      },
      {
        key: 'SIR19',
        text: 'Patel IJ, et al. Society of Interventional Radiology consensus guidelines for the periprocedural management of thrombotic and bleeding risk in patients undergoing percutaneous image-guided interventions, Part II: Recommendations. J Vasc Interv Radiol 2019;30(8):1168-1184',
      },
      { key: 'LCD', text: 'CMS Local Coverage Determination L38737 / L34976: Percutaneous Vertebral Augmentation' },
      { key: 'ACR-AC', text: 'ACR Appropriateness Criteria: Management of Vertebral Compression Fractures, 2018' },
      {
        key: 'NICE-TA279',
        text: 'NICE TA279: Percutaneous vertebroplasty and percutaneous balloon kyphoplasty for osteoporotic vertebral compression fractures (2013)',
        url: 'https://www.nice.org.uk/guidance/ta279',
      },
      {
        key: 'VERTOS-II',
        text: 'Klazen CA, et al. VERTOS II. Lancet 2010;376:1085-1092',
        url: 'https://doi.org/10.1016/S0140-6736(10)60954-3',
      },
      {
        key: 'VAPOUR',
        text: 'Clark W, et al. VAPOUR. Lancet 2016;388:1408-1416',
        url: 'https://doi.org/10.1016/S0140-6736(16)31341-1',
      },
      { key: 'BUCHBINDER-2009', text: 'Buchbinder R, et al. NEJM 2009;361:557-568' },
      {
        key: 'APP',
        text: 'Convention chosen for this app where no guideline gives a number (tag C; each one is explained in docs/evidence.md)',
      },
    ],
  },
  criteria,
  aggregation: {
    notEligibleWhenMet: ['absolute-contraindication'],
    notEligibleWhenNotMet: ['indication'],
    // conservative therapy not (yet) failed means "re-assess after 3 weeks", not a definitive exclusion (README, "How the record is weighed")
    notYetWhenNotMet: ['ind.conservative-failed'],
    insufficientWhenUnknown: {
      groups: ['indication', 'absolute-contraindication'],
      ids: ['req.imaging', 'req.posterior-wall-assessed'],
    },
    // "not done" is no better than not recorded (README, "How the record is weighed": requirements)
    insufficientWhenNotMet: ['req.imaging', 'req.posterior-wall-assessed'],
    cautionWhenMet: ['relative-contraindication'],
    // never a plain "eligible" while a contraindication is unchecked (non-negotiable: clinical safety)
    cautionWhenUnknown: ['relative-contraindication'],
    cautionWhenNotMet: ['req.coagulation-labs'],
    decisiveWhenEligible: ['ind.painful-lesion', 'ind.fracture-acute'],
  },
};
