/**
 * The codings the demo charts use, named in clinical words so a vignette reads like a chart.
 * Systems and codes follow the value sets (docs/criteria.md); displays are the official ones of each code system
 * (ICD-10-GM displays in German, as BfArM publishes them).
 */
export const SYSTEM = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd10gm: 'http://fhir.de/CodeSystem/bfarm/icd-10-gm',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  atc: 'http://fhir.de/CodeSystem/bfarm/atc',
  ucum: 'http://unitsofmeasure.org',
  dicom: 'http://dicom.nema.org/resources/ontology/DCM',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  diagnosticServiceSection: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  medicationRequestCategory: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
} as const;

const coding =
  (system: string) =>
  (code: string, display: string): fhir4.Coding => ({ system, code, display });
const cm = coding(SYSTEM.icd10cm);
const gm = coding(SYSTEM.icd10gm);
const sct = coding(SYSTEM.snomed);
const loinc = coding(SYSTEM.loinc);
const rx = coding(SYSTEM.rxnorm);
const atc = coding(SYSTEM.atc);

/** ICD-10-CM (US). A 7th character "A" is the initial encounter for a fracture. */
export const CM = {
  osteoporoticVertebralFracture: cm(
    'M80.08XA',
    'Age-related osteoporosis with current pathological fracture, vertebra(e), initial encounter for fracture',
  ),
  osteoporosis: cm('M81.0', 'Age-related osteoporosis without current pathological fracture'),
  wedgeFractureT11T12: cm(
    'S22.080A',
    'Wedge compression fracture of T11-T12 vertebra, initial encounter for closed fracture',
  ),
  discitisLumbar: cm('M46.46', 'Discitis, unspecified, lumbar region'),
  haemophiliaA: cm('D66', 'Hereditary factor VIII deficiency'),
  atrialFibrillation: cm('I48.91', 'Unspecified atrial fibrillation'),
  multipleMyeloma: cm('C90.00', 'Multiple myeloma not having achieved remission'),
  neoplasticFractureOtherSite: cm(
    'M84.58XA',
    'Pathological fracture in neoplastic disease, other specified site, initial encounter for fracture',
  ),
  breastCancerRight: cm('C50.911', 'Malignant neoplasm of unspecified site of right female breast'),
  boneMetastasis: cm('C79.51', 'Secondary malignant neoplasm of bone'),
  hypertension: cm('I10', 'Essential (primary) hypertension'),
  hyperlipidaemia: cm('E78.5', 'Hyperlipidemia, unspecified'),
  type2Diabetes: cm('E11.9', 'Type 2 diabetes mellitus without complications'),
  hypothyroidism: cm('E03.9', 'Hypothyroidism, unspecified'),
  reflux: cm('K21.9', 'Gastro-esophageal reflux disease without esophagitis'),
  acuteCystitis: cm('N30.00', 'Acute cystitis without hematuria'),
  upperRespiratoryInfection: cm('J06.9', 'Acute upper respiratory infection, unspecified'),
  lowBackPain: cm('M54.50', 'Low back pain, unspecified'),
  lumbarDiscDegeneration: cm('M51.36', 'Other intervertebral disc degeneration, lumbar region'),
  kneeOsteoarthritisRight: cm('M17.11', 'Unilateral primary osteoarthritis, right knee'),
  rightHipProsthesis: cm('Z96.641', 'Presence of right artificial hip joint'),
  pneumonia: cm('J18.9', 'Pneumonia, unspecified organism'),
  longTermAnticoagulants: cm('Z79.01', 'Long term (current) use of anticoagulants'),
  cataract: cm('H25.9', 'Unspecified age-related cataract'),
  gout: cm('M10.9', 'Gout, unspecified'),
  anaemia: cm('D64.9', 'Anemia, unspecified'),
  chronicKidneyDisease3a: cm('N18.31', 'Chronic kidney disease, stage 3a'),
  depression: cm('F32.A', 'Depression, unspecified'),
  insomnia: cm('G47.00', 'Insomnia, unspecified'),
  sinusitis: cm('J01.90', 'Acute sinusitis, unspecified'),
  gastroenteritis: cm('K52.9', 'Noninfective gastroenteritis and colitis, unspecified'),
  ankleSprain: cm('S93.401A', 'Sprain of unspecified ligament of right ankle, initial encounter'),
  conjunctivitis: cm('H10.9', 'Unspecified conjunctivitis'),
  dermatitis: cm('L30.9', 'Dermatitis, unspecified'),
} as const;

/** ICD-10-GM (Germany), with the German displays of BfArM. */
export const GM = {
  postmenopausalOsteoporosisFractureOtherSite: gm(
    'M80.08',
    'Postmenopausale Osteoporose mit pathologischer Fraktur: Sonstige [Hals, Kopf, Rippen, Rumpf, Schädel, Wirbelsäule]',
  ),
  postmenopausalOsteoporosis: gm('M81.00', 'Postmenopausale Osteoporose: Mehrere Lokalisationen'),
  vertebralCompressionLumbar: gm('M48.56', 'Wirbelkörperkompression, anderenorts nicht klassifiziert: Lumbalbereich'),
  hypertension: gm('I10.90', 'Essentielle Hypertonie, nicht näher bezeichnet: Ohne Angabe einer hypertensiven Krise'),
  hyperlipidaemia: gm('E78.5', 'Hyperlipidämie, nicht näher bezeichnet'),
  acuteCystitis: gm('N30.0', 'Akute Zystitis'),
  wedgeFractureT11T12: gm('S22.06', 'Fraktur eines Brustwirbels: T11 und T12'),
} as const;

/** SNOMED CT: disorders, findings, substances, body structures, procedures. */
export const SCT = {
  compressionFractureOfSpine: sct('42942008', 'Compression fracture of vertebral column (disorder)'),
  vertebralFractureWithoutCordInjury: sct(
    '15724005',
    'Fracture of vertebral column without spinal cord injury (disorder)',
  ),
  osteoporosis: sct('64859006', 'Osteoporosis (disorder)'),
  hypertension: sct('38341003', 'Hypertensive disorder, systemic arterial (disorder)'),
  hyperlipidaemia: sct('55822004', 'Hyperlipidemia (disorder)'),
  cystitis: sct('38822007', 'Cystitis (disorder)'),
  chronicLowBackPain: sct('278860009', 'Chronic low back pain (finding)'),
  pmma: sct('427811002', 'Polymethyl methacrylate (substance)'),
  contactDermatitis: sct('40275004', 'Contact dermatitis (disorder)'),
  urticaria: sct('126485001', 'Urticaria (disorder)'),
  totalHipReplacement: sct('52734007', 'Total replacement of hip (procedure)'),
  mriSpine: sct('241645008', 'Magnetic resonance imaging of spine (procedure)'),
  ctThoracolumbarSpine: sct('702487007', 'Computed tomography of thoracolumbar spine (procedure)'),
  xrayLumbarSpine: sct('1290953004', 'Plain X-ray of spine and pelvis (procedure)'),
  vertebralColumn: sct('421060004', 'Structure of vertebral column (body structure)'),
  thoracicSpine: sct('122495006', 'Thoracic spine structure (body structure)'),
  lumbarSpine: sct('122496007', 'Lumbar spine structure (body structure)'),
  T12: sct('23215003', 'Bone structure of T12 (body structure)'),
  L1: sct('66794005', 'Bone structure of L1 (body structure)'),
  L2: sct('14293000', 'Bone structure of L2 (body structure)'),
  L3: sct('36470004', 'Bone structure of L3 (body structure)'),
  L4: sct('11994002', 'Bone structure of L4 (body structure)'),
} as const;

/** LOINC: scores, labs, vital signs, report codes. */
export const LOINC = {
  painNrs: loinc('72514-3', 'Pain severity - 0-10 verbal numeric rating [Score] - Reported'),
  inr: loinc('6301-6', 'INR in Platelet poor plasma by Coagulation assay'),
  platelets: loinc('777-3', 'Platelets [#/volume] in Blood by Automated count'),
  haemoglobin: loinc('718-7', 'Hemoglobin [Mass/volume] in Blood'),
  leukocytes: loinc('6690-2', 'Leukocytes [#/volume] in Blood by Automated count'),
  crp: loinc('1988-5', 'C reactive protein [Mass/volume] in Serum or Plasma'),
  creatinine: loinc('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma'),
  sodium: loinc('2951-2', 'Sodium [Moles/volume] in Serum or Plasma'),
  potassium: loinc('2823-3', 'Potassium [Moles/volume] in Serum or Plasma'),
  glucose: loinc('2345-7', 'Glucose [Mass/volume] in Serum or Plasma'),
  glucoseGlucometer: loinc('41653-7', 'Glucose [Mass/volume] in Capillary blood by Glucometer'),
  hba1c: loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
  factorVIII: loinc(
    '3209-4',
    'Coagulation factor VIII activity actual/normal in Platelet poor plasma by Coagulation assay',
  ),
  dxaLumbarTScore: loinc('38267-1', 'DXA Lumbar spine [T-score] Bone density'),
  bodyTemperature: loinc('8310-5', 'Body temperature'),
  heartRate: loinc('8867-4', 'Heart rate'),
  bloodPressure: loinc('85354-9', 'Blood pressure panel with all children optional'),
  systolic: loinc('8480-6', 'Systolic blood pressure'),
  diastolic: loinc('8462-4', 'Diastolic blood pressure'),
  bodyWeight: loinc('29463-7', 'Body weight'),
  imagingStudyReport: loinc('18748-4', 'Diagnostic imaging study'),
  radiology: loinc('LP29684-5', 'Radiology'),
} as const;

/** A medication as US EHRs send it: the prescribable product (SCD) plus its ingredient. */
export interface Drug {
  codings: fhir4.Coding[];
  text: string;
}
const drug = (text: string, ...codings: fhir4.Coding[]): Drug => ({ text, codings });

export const RX = {
  oxycodone5: drug(
    'oxycodone HCl 5 mg tablet',
    rx('1049621', 'oxycodone hydrochloride 5 MG Oral Tablet'),
    rx('7804', 'oxycodone'),
  ),
  paracetamol500: drug(
    'acetaminophen 500 mg tablet',
    rx('198440', 'acetaminophen 500 MG Oral Tablet'),
    rx('161', 'acetaminophen'),
  ),
  ibuprofen600: drug('ibuprofen 600 mg tablet', rx('197806', 'ibuprofen 600 MG Oral Tablet'), rx('5640', 'ibuprofen')),
  tramadol50: drug(
    'tramadol HCl 50 mg tablet',
    rx('835603', 'tramadol hydrochloride 50 MG Oral Tablet'),
    rx('10689', 'tramadol'),
  ),
  apixaban5: drug('apixaban 5 mg tablet', rx('1364445', 'apixaban 5 MG Oral Tablet'), rx('1364430', 'apixaban')),
  alendronate10: drug(
    'alendronic acid 10 mg tablet',
    rx('904419', 'alendronic acid 10 MG Oral Tablet'),
    rx('46041', 'alendronate'),
  ),
  lisinopril10: drug(
    'lisinopril 10 mg tablet',
    rx('314076', 'lisinopril 10 MG Oral Tablet'),
    rx('29046', 'lisinopril'),
  ),
  atorvastatin10: drug(
    'atorvastatin 10 mg tablet',
    rx('617312', 'atorvastatin 10 MG Oral Tablet'),
    rx('83367', 'atorvastatin'),
  ),
  metformin500: drug(
    'metformin HCl 500 mg tablet',
    rx('861007', 'metformin hydrochloride 500 MG Oral Tablet'),
    rx('6809', 'metformin'),
  ),
  letrozole: drug('letrozole 2.5 mg tablet', rx('200064', 'letrozole 2.5 MG Oral Tablet'), rx('72965', 'letrozole')),
  lenalidomide: drug('lenalidomide (Revlimid)', rx('342369', 'lenalidomide')),
  penicillinG: drug('penicillin G', rx('7980', 'penicillin G')),
  sulfamethoxazoleTrimethoprim: drug('sulfamethoxazole / trimethoprim', rx('10831', 'sulfamethoxazole / trimethoprim')),
} as const;

/** German prescriptions are coded with ATC (BfArM edition). */
export const ATC = {
  oxycodone: drug('Oxycodon 10 mg Retardtablette', atc('N02AA05', 'Oxycodon')),
  metamizole: drug('Metamizol-Natrium 500 mg Tablette', atc('N02BB02', 'Metamizol-Natrium')),
  alendronate: drug('Alendronsäure 70 mg Tablette', atc('M05BA04', 'Alendronsäure')),
  ramipril: drug('Ramipril 5 mg Tablette', atc('C09AA05', 'Ramipril')),
  simvastatin: drug('Simvastatin 20 mg Filmtablette', atc('C10AA01', 'Simvastatin')),
} as const;

/** UCUM units as labs send them. */
export const UNIT = {
  score: '{score}',
  inr: '{INR}',
  perNanolitre: '10*3/uL',
  gramsPerDecilitre: 'g/dL',
  milligramsPerLitre: 'mg/L',
  milligramsPerDecilitre: 'mg/dL',
  millimolesPerLitre: 'mmol/L',
  celsius: 'Cel',
  perMinute: '/min',
  mmHg: 'mm[Hg]',
  kilogram: 'kg',
  percent: '%',
  tScore: '{T-score}',
} as const;
