import type { ClinicalType } from '../record';
import type { SystemKey } from './systems';

/**
 * The value sets, as data. Each entry keeps its display and where it was seen, so a reviewer can
 * check it line by line (docs/criteria.md lists every code; docs/evidence.md says where codes were seen).
 * ICD-10, ATC and OPS entries cover their subcodes (prefix match within the same system).
 *
 * Verification tags (docs/evidence.md): V read in a primary/official source, S read in a
 * secondary source (another IG, a public value set), U recalled, not seen in a source.
 */
export type Verification = 'V' | 'S' | 'U';

export type LesionSubtype = 'osteoporotic' | 'malignant' | 'haemangioma' | 'traumatic' | 'fracture';

export interface CodeEntry {
  system: SystemKey;
  code: string;
  display: string;
  /** what must be true of the resource before the code counts (e.g. a spinal site for "other site" codes) */
  requires?: 'spinal-site' | 'haemangioma-text';
  subtype?: LesionSubtype;
  verified?: Verification;
  note?: string;
}

interface ValueSetDefinition<Id extends string> {
  id: Id;
  title: string;
  entries: CodeEntry[];
  /** subcodes that a listed prefix would otherwise cover, but which mean something else */
  exclude?: CodeEntry[];
  /** words that make an uncoded entry a *possible* finding (unknown + question), never evidence */
  textTerms?: string[];
  /**
   * an acute course (infection, acute bleeding, pregnancy): recorded active long ago with nothing
   * newer, it is asked about, not taken as current (README, "Stale problem lists")
   */
  course?: 'acute';
  provenance: string;
}

/**
 * How the value of an Observation in the set is read (units.ts); what cannot be read so is set
 * aside with why, never read another way.
 */
export type Reading =
  /** a quantity, converted with UCUM to `unit` ("mg/dL" to "mg/L"); no unit or an unknown one is set aside */
  | { kind: 'quantity'; unit: string }
  /** a number without a unit (a ratio, a T-score): no unit or one of these spellings, else converted to "1" */
  | { kind: 'unitless'; spellings: readonly string[] }
  /** NRS 0-10: a score as it is, a VAS in mm or % divided by 10, in cm as it is */
  | { kind: 'pain-score' }
  /** a result that is positive or negative: coded answers, the interpretation or the written words */
  | { kind: 'coded'; answers: QualitativeAnswers };

/** the lists of the record other than Observation, whose entries' values are not read */
type ListWithoutValues = Exclude<ClinicalType, 'Observation'>;

/**
 * Where the record is searched for the set's codes (and words), and for Observations how their value
 * is read: an Observation value set cannot be written without its reading.
 */
type Searched =
  | { searchedIn: readonly ['Observation']; reading: Reading }
  | { searchedIn: readonly [ListWithoutValues, ...ListWithoutValues[]]; reading?: never };

type ValueSetOf<Id extends string> = ValueSetDefinition<Id> & Searched;

/** a value set, its id kept as a type: ValueSetId is the union of the ids of VALUE_SETS */
function valueSetOf<const Id extends string>(vs: ValueSetOf<Id>): ValueSetOf<Id> {
  return vs;
}

/** a diagnosis: a Condition, or a report's coded conclusion, which counts like one (facts/reports.ts) */
const DIAGNOSES = ['Condition', 'DiagnosticReport'] as const;
/** orders and statements are one medication list */
const MEDICATIONS = ['MedicationRequest', 'MedicationStatement'] as const;

const cm = (code: string, display: string, extra: Partial<CodeEntry> = {}): CodeEntry => ({
  system: 'icd10-cm',
  code,
  display,
  ...extra,
});
const gm = (code: string, display: string, extra: Partial<CodeEntry> = {}): CodeEntry => ({
  system: 'icd10-gm',
  code,
  display,
  ...extra,
});
/** the same category in ICD-10-CM and ICD-10-GM */
const icd = (code: string, display: string, extra: Partial<CodeEntry> = {}): CodeEntry[] => [
  cm(code, display, extra),
  gm(code, display, extra),
];
const sct = (code: string, display: string, extra: Partial<CodeEntry> = {}): CodeEntry => ({
  system: 'snomed',
  code,
  display,
  ...extra,
});
const loinc = (code: string, display: string, extra: Partial<CodeEntry> = {}): CodeEntry => ({
  system: 'loinc',
  code,
  display,
  ...extra,
});
const rx = (code: string, display: string, extra: Partial<CodeEntry> = {}): CodeEntry => ({
  system: 'rxnorm',
  code,
  display,
  ...extra,
});
const atc = (code: string, display: string): CodeEntry => ({ system: 'atc', code, display, verified: 'V' });
const unii = (code: string, display: string): CodeEntry => ({ system: 'unii', code, display, verified: 'V' });

/** GM M80.x8: 5th digit 8 = "other site" (neck, head, ribs, trunk, skull, spine): vertebral only when corroborated */
const GM_M80_OTHER_SITE = ['0', '1', '2', '3', '4', '5', '8', '9'].map((x) =>
  gm(`M80.${x}8`, `Osteoporose mit pathologischer Fraktur, sonstige Lokalisation (M80.${x}8)`, {
    requires: 'spinal-site',
    subtype: 'osteoporotic',
    verified: 'V',
  }),
);

const VCF = valueSetOf({
  id: 'VS-VCF',
  searchedIn: DIAGNOSES,
  title: 'Vertebral compression fracture',
  provenance: 'ICD-10-GM BfArM 2017, CMS ICD-10-CM 2023, SNOMED codes seen in Synthea and public value sets',
  entries: [
    cm('M80.08', 'Age-related osteoporosis with current pathological fracture, vertebra(e)', {
      subtype: 'osteoporotic',
      verified: 'S',
    }),
    cm('M80.88', 'Other osteoporosis with current pathological fracture, vertebra(e)', {
      subtype: 'osteoporotic',
      verified: 'S',
    }),
    ...icd('M48.5', 'Collapsed vertebra, not elsewhere classified', { subtype: 'fracture', verified: 'S' }),
    // (verify) outcome: public coding tables name M84.48 "other site" and M84.58 "other/specified site"
    // (used with a C-code for malignant vertebral fractures): not vertebra-specific → need a spinal site
    ...icd('M84.48', 'Pathological fracture, other site', {
      subtype: 'fracture',
      requires: 'spinal-site',
      verified: 'S',
    }),
    cm('M84.58', 'Pathological fracture in neoplastic disease, other specified site', {
      subtype: 'malignant',
      requires: 'spinal-site',
      verified: 'S',
    }),
    ...icd('S22.0', 'Fracture of thoracic vertebra', { subtype: 'traumatic', verified: 'V' }),
    ...icd('S32.0', 'Fracture of lumbar vertebra', { subtype: 'traumatic', verified: 'V' }),
    ...icd('S12', 'Fracture of cervical vertebra', { subtype: 'traumatic', verified: 'V' }),
    ...GM_M80_OTHER_SITE,
    sct('42942008', 'Compression fracture of vertebral column', { subtype: 'fracture', verified: 'S' }),
    sct('15724005', 'Fracture of vertebral column without spinal cord injury', { subtype: 'fracture', verified: 'V' }),
    sct('1734006', 'Fracture of vertebral column with spinal cord injury', { subtype: 'traumatic', verified: 'V' }),
    sct('240199005', 'Collapse of vertebra', { subtype: 'fracture', verified: 'U' }),
    sct('240200008', 'Collapse of spine', { subtype: 'fracture', verified: 'U' }),
    sct('366908006', 'Pathological fracture due to metastatic bone disease', {
      subtype: 'malignant',
      requires: 'spinal-site',
      verified: 'U',
    }),
    sct('443165006', 'Pathological fracture due to osteoporosis (Osteoporotic fracture of bone)', {
      subtype: 'osteoporotic',
      requires: 'spinal-site',
      verified: 'V',
    }),
  ],
  // S12.8/S12.9: other parts of the neck (hyoid, larynx...), not a vertebra
  exclude: [...icd('S12.8', 'Fracture of other parts of neck'), ...icd('S12.9', 'Fracture of neck, part unspecified')],
  textTerms: [
    'vertebral fracture',
    'compression fracture',
    'wirbelkörperfraktur',
    'wirbelfraktur',
    'sinterungsfraktur',
    'wirbelkörpereinbruch',
    'vcf',
  ],
});

const MALIGNANT_OSTEOLYSIS = valueSetOf({
  id: 'VS-MALIGNANT-OSTEOLYSIS',
  searchedIn: DIAGNOSES,
  title: 'Osteolytic vertebral metastasis or myeloma',
  provenance: 'GM BfArM 2017 [V]; CM 2023 [V]; SNOMED HL7 Lithuania IG [V]',
  entries: [
    cm('C79.51', 'Secondary malignant neoplasm of bone', {
      subtype: 'malignant',
      requires: 'spinal-site',
      verified: 'V',
    }),
    cm('C79.52', 'Secondary malignant neoplasm of bone marrow', {
      subtype: 'malignant',
      requires: 'spinal-site',
      verified: 'V',
    }),
    ...icd('C90.0', 'Multiple myeloma', { subtype: 'malignant', verified: 'V' }),
    ...icd('C90.3', 'Solitary plasmacytoma', { subtype: 'malignant', requires: 'spinal-site', verified: 'V' }),
    ...icd('C41.2', 'Malignant neoplasm of vertebral column', { subtype: 'malignant', verified: 'V' }),
    gm('C79.5', 'Sekundäre bösartige Neubildung des Knochens und des Knochenmarkes', {
      subtype: 'malignant',
      requires: 'spinal-site',
      verified: 'V',
    }),
    gm('M49.5', 'Wirbelkörperkompression bei anderenorts klassifizierten Krankheiten', {
      subtype: 'malignant',
      verified: 'V',
    }),
    sct('94222008', 'Secondary malignant neoplasm of bone', {
      subtype: 'malignant',
      requires: 'spinal-site',
      verified: 'V',
    }),
    sct('109989006', 'Multiple myeloma', { subtype: 'malignant', verified: 'V' }),
  ],
  textTerms: ['metastasis', 'metastase', 'myeloma', 'myelom', 'osteolysis', 'osteolyse', 'plasmacytoma', 'plasmozytom'],
});

const HAEMANGIOMA = valueSetOf({
  id: 'VS-HAEMANGIOMA',
  searchedIn: DIAGNOSES,
  title: 'Vertebral haemangioma',
  provenance: 'CM 2023 [V], GM BfArM 2017 [V]',
  entries: [
    cm('D18.09', 'Hemangioma of other sites', { subtype: 'haemangioma', requires: 'spinal-site', verified: 'V' }),
    cm('D16.6', 'Benign neoplasm of vertebral column', {
      subtype: 'haemangioma',
      requires: 'haemangioma-text',
      verified: 'V',
    }),
    gm('D18.08', 'Hämangiom an sonstigen Lokalisationen', {
      subtype: 'haemangioma',
      requires: 'spinal-site',
      verified: 'V',
    }),
  ],
  textTerms: ['haemangioma', 'hemangioma', 'hämangiom'],
});

const OSTEOPOROSIS = valueSetOf({
  id: 'VS-OSTEOPOROSIS',
  searchedIn: DIAGNOSES,
  title: 'Osteoporosis (corroborates an insufficiency fracture)',
  provenance:
    'ICD-10 M80, M81 (BfArM 2017, CMS 2023) [V]; Synthea (64859006, 443165006) [V]; 203438009 in a public FSH value set [S]',
  entries: [
    ...icd('M80', 'Osteoporosis with current pathological fracture', { verified: 'V' }),
    ...icd('M81', 'Osteoporosis without current pathological fracture', { verified: 'V' }),
    sct('64859006', 'Osteoporosis', { verified: 'V' }),
    sct('203438009', 'Vertebral osteoporosis', { verified: 'S' }),
    sct('443165006', 'Pathological fracture due to osteoporosis', { verified: 'V' }),
  ],
});

const BMD_T_SCORE = valueSetOf({
  id: 'VS-BMD-T-SCORE',
  searchedIn: ['Observation'],
  reading: { kind: 'unitless', spellings: ['', '1', '{t-score}', '{tscore}', '{sd}', 'sd', '{score}'] },
  title: 'Bone mineral density T-score',
  provenance: 'LOINC 38267-1 [S, TW Core], 38265-5 [V, Synthea]',
  entries: [
    loinc('38267-1', 'DXA Lumbar spine [T-score] Bone density', { verified: 'S' }),
    loinc('38265-5', 'DXA Radius and Ulna [T-score] Bone density', { verified: 'V' }),
  ],
});

const SPINE_INFECTION = valueSetOf({
  id: 'VS-SPINE-INFECTION',
  searchedIn: DIAGNOSES,
  course: 'acute',
  title: 'Spinal infection',
  provenance: 'GM BfArM 2017 [V]; CM M46.2-M46.5 [U]',
  entries: [
    ...icd('M46.2', 'Osteomyelitis of vertebra'),
    ...icd('M46.3', 'Infection of intervertebral disc (pyogenic)'),
    ...icd('M46.4', 'Discitis, unspecified'),
    ...icd('M46.5', 'Other infective spondylopathies'),
    ...['0', '1', '2', '3', '4', '5', '6', '8', '9'].map((x) =>
      gm(`M86.${x}8`, `Osteomyelitis, sonstige Lokalisation (M86.${x}8)`, { verified: 'V' }),
    ),
    ...icd('G06.1', 'Intraspinal abscess and granuloma'),
    ...icd('A18.0', 'Tuberculosis of bones and joints'),
  ],
  textTerms: [
    'spondylodiscitis',
    'spondylodiszitis',
    'discitis',
    'osteomyelitis',
    'epidural abscess',
    'epiduralabszess',
  ],
});

const SYSTEMIC_INFECTION = valueSetOf({
  id: 'VS-SYSTEMIC-INFECTION',
  searchedIn: DIAGNOSES,
  course: 'acute',
  title: 'Systemic infection',
  provenance: 'CM/GM A40-A41 [V]; SNOMED 91302008 (CH IG) [V]',
  entries: [
    ...icd('A40', 'Streptococcal sepsis', { verified: 'V' }),
    ...icd('A41', 'Other sepsis', { verified: 'V' }),
    gm('R57.2', 'Septischer Schock', { verified: 'V' }),
    cm('R78.81', 'Bacteremia'),
    cm('R65.2', 'Severe sepsis'),
    sct('91302008', 'Sepsis', { verified: 'V' }),
  ],
  textTerms: ['sepsis', 'bacteraemia', 'bacteremia', 'bakteriämie'],
});

/**
 * Bleeding caused by an anticoagulant or antiplatelet drug: correctable by holding or reversing the
 * drug, so rc.coagulation-correctable, not a bleeding disorder (VS-COAGULOPATHY excludes D68.3-).
 * The D68.3 subcodes differ between the editions: CM D68.32 is the drug, CM D68.31- and GM
 * D68.31/.32/.38 are antibodies or inhibitors (acquired haemophilia, antiphospholipid): those stay
 * in VS-COAGULOPATHY. GM D68.30 is the drug code of GM 2010-2015, split into D68.33-.35 in 2016.
 */
/** an infection where the needle goes in: an active infection (README, "Stale problem lists") */
const ACCESS_SITE_INFECTION = valueSetOf({
  id: 'VS-ACCESS-SITE-INFECTION',
  searchedIn: DIAGNOSES,
  course: 'acute',
  title: 'Skin or soft-tissue infection of the trunk (the access site)',
  provenance: 'GM L02.2, L03.3 (BfArM 2017 systematic file) [V]; CM L02.2-, L03.3- [U]',
  entries: [
    ...icd('L02.2', 'Cutaneous abscess, furuncle and carbuncle of trunk', { verified: 'V' }),
    ...icd('L03.3', 'Cellulitis of trunk', { verified: 'V' }),
  ],
});

/** another active infection: "treated before the procedure?" (README, "Stale problem lists") */
const OTHER_INFECTION = valueSetOf({
  id: 'VS-OTHER-INFECTION',
  searchedIn: DIAGNOSES,
  course: 'acute',
  title: 'Other infection (urinary tract, pneumonia)',
  provenance:
    'GM N30.0, N39.0, J12-J18 (BfArM 2017 systematic file) [V]; SNOMED 301011002, 197927001 (Synthea samples) [V]',
  entries: [
    ...icd('N30.0', 'Acute cystitis', { verified: 'V' }),
    ...icd('N39.0', 'Urinary tract infection, site not specified', { verified: 'V' }),
    ...['J12', 'J13', 'J14', 'J15', 'J16', 'J17', 'J18'].flatMap((code) =>
      icd(code, `Pneumonia (${code})`, { verified: 'V' }),
    ),
    sct('301011002', 'Escherichia coli urinary tract infection', { verified: 'V' }),
    sct('197927001', 'Recurrent urinary tract infection', { verified: 'V' }),
    sct('68566005', 'Urinary tract infectious disease', { verified: 'U' }),
    sct('233604007', 'Pneumonia', { verified: 'U' }),
  ],
});

const DRUG_INDUCED_BLEEDING = valueSetOf({
  id: 'VS-DRUG-INDUCED-BLEEDING',
  searchedIn: DIAGNOSES,
  course: 'acute',
  title: 'Bleeding due to anticoagulant or antiplatelet drugs',
  provenance:
    'GM: BfArM systematic files 2010-2017 via github.com/edonnachie/ICD10gm [V]; CM D68.32: public ICD-10-CM code lists (VA VistA encounter forms, code dictionaries) [S]',
  entries: [
    cm('D68.32', 'Hemorrhagic disorder due to extrinsic circulating anticoagulants', { verified: 'S' }),
    gm('D68.30', 'Hämorrhagische Diathese durch Antikoagulanzien (GM 2010-2015)', { verified: 'V' }),
    gm('D68.33', 'Hämorrhagische Diathese durch Cumarine (Vitamin-K-Antagonisten)', { verified: 'V' }),
    gm('D68.34', 'Hämorrhagische Diathese durch Heparine', { verified: 'V' }),
    gm('D68.35', 'Hämorrhagische Diathese durch sonstige Antikoagulanzien', { verified: 'V' }),
    gm('D69.80', 'Hämorrhagische Diathese durch Thrombozytenaggregationshemmer', { verified: 'V' }),
  ],
});

const COAGULOPATHY = valueSetOf({
  id: 'VS-COAGULOPATHY',
  searchedIn: DIAGNOSES,
  title: 'Bleeding disorder',
  provenance:
    'GM/CM D65-D69 [V]; CM D68.311/.312/.318 in public ICD-10-CM code lists [S]; SNOMED 64779008 (CH RAD-Order) [V]',
  entries: [
    ...icd('D65', 'Disseminated intravascular coagulation', { verified: 'V' }),
    ...icd('D66', 'Hereditary factor VIII deficiency (haemophilia A)', { verified: 'V' }),
    ...icd('D67', 'Hereditary factor IX deficiency (haemophilia B)', { verified: 'V' }),
    // incl. D68.0 von Willebrand disease and the acquired inhibitors: CM D68.311 acquired haemophilia,
    // D68.312 antiphospholipid antibody with haemorrhagic disorder, D68.318; GM D68.31, D68.32, D68.38
    ...icd('D68', 'Other coagulation defects', { verified: 'V' }),
    ...icd('D69', 'Purpura and other haemorrhagic conditions (incl. ITP, thrombocytopenia)', { verified: 'V' }),
    sct('64779008', 'Blood coagulation disorder', { verified: 'V' }),
  ],
  exclude: [
    // thrombophilia: a clotting tendency, not a bleeding one
    ...icd('D68.5', 'Primary thrombophilia'),
    ...icd('D68.6', 'Other thrombophilia'),
    ...DRUG_INDUCED_BLEEDING.entries,
  ],
  textTerms: [
    'haemophilia',
    'hemophilia',
    'hämophilie',
    'willebrand',
    'coagulopathy',
    'koagulopathie',
    'gerinnungsstörung',
  ],
});

const CORD_COMPRESSION = valueSetOf({
  id: 'VS-CORD-COMPRESSION',
  searchedIn: DIAGNOSES,
  title: 'Spinal cord compression / myelopathy',
  provenance: 'GM G95.2, G99.2 [V]; CM G95.2x [U]',
  entries: [
    ...icd('G95.2', 'Cord compression, unspecified'),
    ...icd('G99.2', 'Myelopathy in diseases classified elsewhere'),
    // our addition: a fracture with spinal cord injury is neurological compromise as well
    sct('1734006', 'Fracture of vertebral column with spinal cord injury', { verified: 'V' }),
  ],
  textTerms: ['cord compression', 'myelopathy', 'myelopathie', 'myelonkompression', 'rückenmarkskompression'],
});

const RADICULOPATHY = valueSetOf({
  id: 'VS-RADICULOPATHY',
  searchedIn: DIAGNOSES,
  title: 'Radiculopathy',
  provenance: 'GM M54.1, M51.1 [V]',
  entries: [...icd('M54.1', 'Radiculopathy'), ...icd('M51.1', 'Intervertebral disc disorders with radiculopathy')],
});

const PREGNANCY = valueSetOf({
  id: 'VS-PREGNANCY',
  searchedIn: DIAGNOSES,
  course: 'acute',
  title: 'Pregnancy',
  provenance:
    'GM Z33!, Z34, O09.- [V]; CM Z33.1 [U]; SNOMED 77386006 (Nov 2024 release notes) [V], 72892002 (Synthea samples) [V]',
  entries: [
    cm('Z33.1', 'Pregnant state, incidental'),
    gm('Z33', 'Schwangerschaftsfeststellung als Nebenbefund', { verified: 'V' }),
    ...icd('Z34', 'Supervision of normal pregnancy', { verified: 'V' }),
    ...icd('O09', 'Supervision of high risk pregnancy / duration of pregnancy', { verified: 'V' }),
    sct('77386006', 'Pregnancy', { verified: 'V' }),
    sct('72892002', 'Normal pregnancy', { verified: 'V' }),
  ],
});

/** how a qualitative result reads: coded answers, and the words of a result written as text */
export interface QualitativeAnswers {
  provenance: string;
  codes: readonly TestAnswer[];
  /** a negative phrase may contain a positive word ("not detected"): negatives are read first */
  negativeWords: readonly string[];
  positiveWords: readonly string[];
}

/** a coded answer of a qualitative test, by system URI (HL7's interpretation codes have no key in systems.ts) */
export interface TestAnswer {
  system: string;
  code: string;
  display: string;
  positive: boolean;
  verified: Verification;
}

const SCT = 'http://snomed.info/sct';
const LNC = 'http://loinc.org';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/**
 * How the result of a pregnancy test reads: coded answers, and the words of a result written as
 * text. Anything else (equivocal, invalid, weakly reactive, a number) is not readable, and makes
 * ci.pregnancy unknown, never "not pregnant".
 */
export const PREGNANCY_TEST_ANSWERS: QualitativeAnswers = {
  provenance:
    'SNOMED qualifier values in the US Public Health library value sets (FSH) [S]; LOINC answer lists LL1055-4 (Detected) and LL2206-2 (Positive) in public IG value sets, LA15255-5/LA15256-3 in public IG examples and value sets [S]; HL7 v3-ObservationInterpretation codes in the THO value sets Detected/Reactivity and a public concept map [S]',
  codes: [
    { system: SCT, code: '10828004', display: 'Positive', positive: true, verified: 'S' },
    { system: SCT, code: '260373001', display: 'Detected', positive: true, verified: 'S' },
    { system: SCT, code: '11214006', display: 'Reactive', positive: true, verified: 'S' },
    { system: SCT, code: '260385009', display: 'Negative', positive: false, verified: 'S' },
    { system: SCT, code: '260415000', display: 'Not detected', positive: false, verified: 'S' },
    { system: SCT, code: '131194007', display: 'Non-reactive', positive: false, verified: 'S' },
    { system: LNC, code: 'LA6576-8', display: 'Positive', positive: true, verified: 'S' },
    { system: LNC, code: 'LA11882-0', display: 'Detected', positive: true, verified: 'S' },
    { system: LNC, code: 'LA15255-5', display: 'Reactive', positive: true, verified: 'S' },
    { system: LNC, code: 'LA6577-6', display: 'Negative', positive: false, verified: 'S' },
    { system: LNC, code: 'LA11883-8', display: 'Not detected', positive: false, verified: 'S' },
    { system: LNC, code: 'LA15256-3', display: 'Nonreactive', positive: false, verified: 'S' },
    { system: INTERPRETATION, code: 'POS', display: 'Positive', positive: true, verified: 'S' },
    { system: INTERPRETATION, code: 'DET', display: 'Detected', positive: true, verified: 'S' },
    { system: INTERPRETATION, code: 'RR', display: 'Reactive', positive: true, verified: 'S' },
    { system: INTERPRETATION, code: 'NEG', display: 'Negative', positive: false, verified: 'S' },
    { system: INTERPRETATION, code: 'ND', display: 'Not detected', positive: false, verified: 'S' },
    { system: INTERPRETATION, code: 'NR', display: 'Non-reactive', positive: false, verified: 'S' },
  ],
  /** results written as text, English and German; a negative phrase contains a positive word ("not detected") */
  negativeWords: [
    'negative',
    'negativ',
    'neg',
    'not detected',
    'none detected',
    'non-reactive',
    'nonreactive',
    'non reactive',
    'not reactive',
    'nicht nachweisbar',
    'nicht nachgewiesen',
    'nicht reaktiv',
  ],
  positiveWords: ['positive', 'positiv', 'pos', 'detected', 'reactive', 'reaktiv', 'nachweisbar', 'nachgewiesen'],
};

const PREGNANCY_TEST = valueSetOf({
  id: 'VS-PREGNANCY-TEST',
  searchedIn: ['Observation'],
  reading: { kind: 'coded', answers: PREGNANCY_TEST_ANSWERS },
  title: 'Pregnancy test',
  // (verify) outcome: 2106-3 seen in a public FHIR example; 2112-1 seen in an eCQM/VSAC-derived value set
  // listing "Choriogonadotropin.beta subunit (pregnancy test) [Presence] in Urine"
  provenance: 'LOINC 2106-3 in a public FHIR example, 2112-1 in an eCQM (VSAC) value set [S]',
  entries: [
    loinc('2106-3', 'Choriogonadotropin (pregnancy test) [Presence] in Urine', { verified: 'S' }),
    loinc('2112-1', 'Choriogonadotropin.beta subunit (pregnancy test) [Presence] in Urine', { verified: 'S' }),
  ],
});

const PAIN_SCORE = valueSetOf({
  id: 'VS-PAIN-SCORE',
  searchedIn: ['Observation'],
  reading: { kind: 'pain-score' },
  title: 'Pain score (0-10)',
  // (verify) outcome: 38221-8 is "Pain severity Wong-Baker FACES pain rating scale" (0-10) in the
  // NLM VSAC pain value set (seen in a public eCQM code list); kept. 38214-3 (VAS) seen in the same list.
  provenance: 'Synthea (72514-3) [V]; VSAC pain-severity list [S]',
  entries: [
    loinc('72514-3', 'Pain severity - 0-10 verbal numeric rating [Score] - Reported', { verified: 'V' }),
    loinc('38208-5', 'Pain severity - Reported', { verified: 'V' }),
    loinc('38221-8', 'Pain severity Wong-Baker FACES pain rating scale', { verified: 'S' }),
    loinc('38214-3', 'Pain severity [Score] Visual analog score', { verified: 'S' }),
  ],
});

const INR = valueSetOf({
  id: 'VS-INR',
  searchedIn: ['Observation'],
  reading: { kind: 'unitless', spellings: ['', '1', '{inr}', 'inr', '{ratio}', 'ratio', '{index}'] },
  title: 'INR',
  provenance: '6301-6 [V], 34714-6 (GECCO) [S], 46418-0 [S]',
  entries: [
    loinc('6301-6', 'INR in Platelet poor plasma by Coagulation assay', { verified: 'V' }),
    loinc('34714-6', 'INR in Blood by Coagulation assay', { verified: 'S' }),
    loinc('46418-0', 'INR in Capillary blood by Coagulation assay', { verified: 'S' }),
  ],
});

const PLATELETS = valueSetOf({
  id: 'VS-PLATELETS',
  searchedIn: ['Observation'],
  reading: { kind: 'quantity', unit: '10*9/L' },
  title: 'Platelet count',
  provenance: '777-3 (Synthea) [V], 26515-7 (CH ORF) [S], 778-1 [S]',
  entries: [
    loinc('777-3', 'Platelets [#/volume] in Blood by Automated count', { verified: 'V' }),
    loinc('26515-7', 'Platelets [#/volume] in Blood', { verified: 'S' }),
    loinc('778-1', 'Platelets [#/volume] in Blood by Manual count', { verified: 'S' }),
  ],
});

const CRP = valueSetOf({
  id: 'VS-CRP',
  searchedIn: ['Observation'],
  reading: { kind: 'quantity', unit: 'mg/L' },
  title: 'C-reactive protein',
  provenance: 'LOINC codes of public implementation guides [S]',
  entries: [
    loinc('1988-5', 'C reactive protein [Mass/volume] in Serum or Plasma'),
    loinc('30522-7', 'C reactive protein [Mass/volume] in Serum or Plasma by High sensitivity method'),
  ],
});

const WBC = valueSetOf({
  id: 'VS-WBC',
  searchedIn: ['Observation'],
  reading: { kind: 'quantity', unit: '10*9/L' },
  title: 'White blood cell count',
  provenance: '6690-2 (Synthea) [V], 26464-8 [S]',
  entries: [
    loinc('6690-2', 'Leukocytes [#/volume] in Blood by Automated count', { verified: 'V' }),
    loinc('26464-8', 'Leukocytes [#/volume] in Blood'),
  ],
});

const BODY_TEMPERATURE = valueSetOf({
  id: 'VS-BODY-TEMPERATURE',
  searchedIn: ['Observation'],
  reading: { kind: 'quantity', unit: 'Cel' },
  title: 'Body temperature',
  provenance: '8310-5 (Synthea) [V], 8331-1 [S]',
  entries: [loinc('8310-5', 'Body temperature', { verified: 'V' }), loinc('8331-1', 'Oral temperature')],
});

const CEMENT_ALLERGENS = valueSetOf({
  id: 'VS-CEMENT-ALLERGENS',
  searchedIn: ['AllergyIntolerance'],
  title: 'Bone-cement components',
  provenance: 'UNIIs from openFDA [V]; SNOMED from public value sets [S]',
  entries: [
    sct('427811002', 'Polymethyl methacrylate', { verified: 'S' }),
    sct('91598004', 'Benzoyl peroxide', { verified: 'S' }),
    sct('396014007', 'Barium sulfate', { verified: 'S' }),
    unii('196OC77688', 'Methyl methacrylate'),
    { ...unii('Z47NNT4J11', 'Polymethyl methacrylate'), verified: 'S' },
    unii('W9WZN9A0GM', 'Benzoyl peroxide'),
    unii('S8XC5939VU', 'N,N-dimethyl-p-toluidine'),
    unii('25BB7EKE2E', 'Barium sulfate'),
    unii('S38N85C5G0', 'Zirconium dioxide'),
  ],
  textTerms: ['pmma', 'bone cement', 'knochenzement', 'methacrylat', 'methacrylate', 'acrylic'],
});

const CEMENT_ANTIBIOTICS = valueSetOf({
  id: 'VS-CEMENT-ANTIBIOTICS',
  searchedIn: ['AllergyIntolerance'],
  title: 'Antibiotics used in loaded bone cements',
  // (verify) outcome: RxNorm 4413 gentamicin seen in a public code list [S]; 10627 tobramycin and
  // 2582 clindamycin not found in a public source this session: kept as recalled [U] (an allergy
  // match only raises a caution)
  provenance:
    'RxNorm 4413 in a public code list [S], 10627 and 2582 recalled [U]; SNOMED from public value sets [S]; UNII from openFDA [V]',
  entries: [
    rx('4413', 'gentamicin', { verified: 'S' }),
    rx('10627', 'tobramycin', { verified: 'U' }),
    rx('2582', 'clindamycin', { verified: 'U' }),
    sct('387321007', 'Gentamicin', { verified: 'S' }),
    unii('8X7386QRLV', 'Gentamicin sulfate'),
  ],
  textTerms: ['gentamicin', 'gentamycin', 'tobramycin', 'clindamycin'],
});

const CONTRAST_ALLERGENS = valueSetOf({
  id: 'VS-CONTRAST-ALLERGENS',
  searchedIn: ['AllergyIntolerance'],
  title: 'Iodinated contrast media',
  provenance: 'SNOMED Nov 2024 release notes [V]; ATC V08A [U]',
  entries: [
    sct('426722004', 'Iodinated contrast media', { verified: 'V' }),
    sct('385420005', 'Contrast media', { verified: 'V' }),
    sct('1348252003', 'Iodinated contrast media (grouper)', { verified: 'V' }),
    { ...atc('V08A', 'X-ray contrast media, iodinated'), verified: 'U' },
  ],
  textTerms: ['contrast', 'kontrastmittel', 'iodinated', 'jodhaltig'],
});

const ANALGESICS = valueSetOf({
  id: 'VS-ANALGESICS',
  searchedIn: MEDICATIONS,
  title: 'Analgesics (conservative pain therapy)',
  provenance:
    'ATC [V]; RxNorm ingredient codes recalled [U]; products (RxNorm SCD/SBD, PZN) count as their ingredients (terminology/drugs.ts)',
  entries: [
    atc('N02', 'Analgesics (incl. opioids)'),
    atc('M01A', 'Anti-inflammatory and antirheumatic products, non-steroids (NSAIDs)'),
    atc('H05BA', 'Calcitonin preparations (fracture-pain therapy)'),
    rx('161', 'acetaminophen', { verified: 'U' }),
    rx('5640', 'ibuprofen', { verified: 'U' }),
    rx('7258', 'naproxen', { verified: 'U' }),
    rx('7804', 'oxycodone', { verified: 'U' }),
    rx('5489', 'hydrocodone', { verified: 'U' }),
    rx('7052', 'morphine', { verified: 'U' }),
    rx('10689', 'tramadol', { verified: 'U' }),
    rx('4337', 'fentanyl', { verified: 'U' }),
  ],
  textTerms: [
    'paracetamol',
    'acetaminophen',
    'ibuprofen',
    'naproxen',
    'diclofenac',
    'metamizol',
    'novalgin',
    'tramadol',
    'tilidin',
    'oxycodon',
    'hydromorphon',
    'morphin',
    'fentanyl',
    'tapentadol',
    'buprenorphin',
    'celecoxib',
    'etoricoxib',
    'calcitonin',
    'hydrocodone',
  ],
});

const ANTICOAGULANTS = valueSetOf({
  id: 'VS-ANTICOAGULANTS',
  searchedIn: MEDICATIONS,
  title: 'Anticoagulants and antiplatelet drugs',
  provenance:
    'ATC [V]; RxNorm ingredients from secondary sources [S/V]; products (RxNorm SCD/SBD, PZN) count as their ingredients (terminology/drugs.ts)',
  entries: [
    atc('B01AA', 'Vitamin K antagonists'),
    atc('B01AB', 'Heparin group'),
    atc('B01AC', 'Platelet aggregation inhibitors excl. heparin'),
    atc('B01AE', 'Direct thrombin inhibitors'),
    atc('B01AF', 'Direct factor Xa inhibitors'),
    // fondaparinux (B01AX05), the indirect factor Xa inhibitor given after hip fractures
    atc('B01AX', 'Other antithrombotic agents'),
    rx('11289', 'warfarin', { verified: 'S' }),
    rx('1364430', 'apixaban', { verified: 'S' }),
    rx('1114195', 'rivaroxaban', { verified: 'S' }),
    rx('1599538', 'edoxaban', { verified: 'S' }),
    rx('1037042', 'dabigatran etexilate', { verified: 'S' }),
    rx('67108', 'enoxaparin', { verified: 'S' }),
    rx('5224', 'heparin', { verified: 'S' }),
    rx('32968', 'clopidogrel', { verified: 'S' }),
    rx('1191', 'aspirin', { verified: 'V' }),
  ],
  textTerms: [
    'warfarin',
    'marcumar',
    'phenprocoumon',
    'apixaban',
    'eliquis',
    'rivaroxaban',
    'xarelto',
    'edoxaban',
    'lixiana',
    'dabigatran',
    'pradaxa',
    'enoxaparin',
    'clexane',
    'heparin',
    'fondaparinux',
    'arixtra',
    'clopidogrel',
    'plavix',
    'prasugrel',
    'ticagrelor',
    'brilique',
    'aspirin',
    'acetylsalicyl',
  ],
});

const SPINE_IMAGING_PROCEDURE = valueSetOf({
  id: 'VS-SPINE-IMAGING',
  searchedIn: ['Procedure', 'ImagingStudy'],
  title: 'Spine MRI / CT procedures',
  provenance:
    'spine MRI 241645008 seen in Synthea, spine CT 702487007 in the SNOMED editorial guide "Anatomy relating to the spine" [V]',
  entries: [
    sct('241645008', 'Magnetic resonance imaging of spine', { verified: 'V' }),
    sct('702487007', 'Computed tomography of thoracolumbar spine', { verified: 'V' }),
  ],
});

const SPINE_SITE = valueSetOf({
  id: 'VS-SPINE-SITE',
  searchedIn: ['ImagingStudy'],
  title: 'Spinal body structures',
  provenance: 'SNOMED editorial guide "Anatomy relating to the spine" [V]; TW Core example (L2-L4) [S]',
  entries: [
    sct('421060004', 'Structure of vertebral column', { verified: 'V' }),
    sct('122495006', 'Thoracic spine structure', { verified: 'S' }),
    sct('122496007', 'Lumbar spine structure', { verified: 'V' }),
    sct('1145014005', 'Thoracolumbar junction structure', { verified: 'V' }),
    sct('1141986006', 'Spine structure listed for imaging', { verified: 'V' }),
    sct('23215003', 'Bone structure of T12', { verified: 'V' }),
    sct('66794005', 'Bone structure of L1', { verified: 'V' }),
    sct('14293000', 'Bone structure of L2', { verified: 'S' }),
    sct('36470004', 'Bone structure of L3', { verified: 'S' }),
    sct('11994002', 'Bone structure of L4', { verified: 'S' }),
  ],
});

const PRIOR_AUGMENTATION = valueSetOf({
  id: 'VS-PRIOR-AUGMENTATION',
  searchedIn: ['Procedure'],
  title: 'Earlier vertebral augmentation',
  provenance: 'CPT 22510-22515 [V], OPS 5-839.9-/5-839.a- [S]',
  entries: [
    ...['22510', '22511', '22512', '22513', '22514', '22515'].map((code): CodeEntry => ({
      system: 'cpt',
      code,
      display: 'Percutaneous vertebral augmentation',
      verified: 'V',
    })),
    { system: 'ops', code: '5-839.9', display: 'Vertebroplastie', verified: 'S' },
    { system: 'ops', code: '5-839.a', display: 'Kyphoplastie', verified: 'S' },
  ],
});

export const VALUE_SETS = [
  VCF,
  MALIGNANT_OSTEOLYSIS,
  HAEMANGIOMA,
  OSTEOPOROSIS,
  BMD_T_SCORE,
  SPINE_INFECTION,
  SYSTEMIC_INFECTION,
  ACCESS_SITE_INFECTION,
  OTHER_INFECTION,
  COAGULOPATHY,
  DRUG_INDUCED_BLEEDING,
  CORD_COMPRESSION,
  RADICULOPATHY,
  PREGNANCY,
  PREGNANCY_TEST,
  PAIN_SCORE,
  INR,
  PLATELETS,
  CRP,
  WBC,
  BODY_TEMPERATURE,
  CEMENT_ALLERGENS,
  CEMENT_ANTIBIOTICS,
  CONTRAST_ALLERGENS,
  ANALGESICS,
  ANTICOAGULANTS,
  SPINE_IMAGING_PROCEDURE,
  SPINE_SITE,
  PRIOR_AUGMENTATION,
] as const;

/** the id of a value set of VALUE_SETS: a misspelt id does not compile */
export type ValueSetId = (typeof VALUE_SETS)[number]['id'];

export type ValueSet = ValueSetOf<ValueSetId>;

const BY_ID = new Map<string, ValueSet>(VALUE_SETS.map((vs) => [vs.id, vs]));

export function valueSet(id: ValueSetId): ValueSet {
  const vs = BY_ID.get(id);
  if (!vs) throw new Error(`value set ${id} is not in VALUE_SETS`);
  return vs;
}

export function isSearchedIn(vs: ValueSet, type: ClinicalType): boolean {
  return (vs.searchedIn as readonly ClinicalType[]).includes(type);
}

/** the value sets searched in a list of the record */
export function valueSetsSearchedIn(type: ClinicalType): ValueSet[] {
  return VALUE_SETS.filter((vs) => isSearchedIn(vs, type));
}

/** the ids of the value sets searched in a list that have words for its uncoded entries */
export function valueSetsWithWordsIn(type: ClinicalType): ValueSetId[] {
  return valueSetsSearchedIn(type)
    .filter((vs) => vs.textTerms?.length)
    .map((vs) => vs.id);
}
