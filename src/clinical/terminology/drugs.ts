import type { Coding } from '../json';
import { codeMatcher, type CodeMatch, type CodeMatcher } from './match';
import { systemKey, systemUri } from './systems';

/**
 * Drugs as EHRs code them (README "How the record is weighed": medications). US EHRs send
 * RxNorm products (SCD/SBD: "apixaban 5 MG Oral Tablet [Eliquis]"), German ones PZN or ATC, and
 * the value sets name ingredients and ATC classes. A product counts as its ingredients: by the small
 * table below, or, for a code the table does not know, by an ingredient named in the coding's
 * display ("Eliquis 5 mg Filmtabletten", PZN 12345678). Each ingredient is matched through its ATC
 * code, so its value set and drug class come from the ATC class entries of the value sets.
 */

interface Ingredient {
  /** ATC (WHO): the class the value sets list */
  atc: string;
  /** the words EHRs write for it: INN in English and German, common brands (US, DE) */
  words: string[];
}

const INGREDIENTS: Record<string, Ingredient> = {
  // anticoagulants and antiplatelet drugs (ATC B01)
  warfarin: { atc: 'B01AA03', words: ['warfarin', 'coumadin', 'jantoven'] },
  phenprocoumon: { atc: 'B01AA04', words: ['phenprocoumon', 'marcumar', 'falithrom'] },
  acenocoumarol: { atc: 'B01AA07', words: ['acenocoumarol', 'sintrom'] },
  heparin: { atc: 'B01AB01', words: ['heparin'] },
  dalteparin: { atc: 'B01AB04', words: ['dalteparin', 'fragmin'] },
  enoxaparin: { atc: 'B01AB05', words: ['enoxaparin', 'lovenox', 'clexane'] },
  nadroparin: { atc: 'B01AB06', words: ['nadroparin', 'fraxiparin'] },
  tinzaparin: { atc: 'B01AB10', words: ['tinzaparin', 'innohep'] },
  certoparin: { atc: 'B01AB13', words: ['certoparin', 'mono-embolex'] },
  ticlopidine: { atc: 'B01AC05', words: ['ticlopidin'] },
  clopidogrel: { atc: 'B01AC04', words: ['clopidogrel', 'plavix', 'iscover'] },
  aspirin: { atc: 'B01AC06', words: ['aspirin', 'acetylsalicyl', 'ass 100', 'ass 75', 'ass-ratiopharm'] },
  prasugrel: { atc: 'B01AC22', words: ['prasugrel', 'effient', 'efient'] },
  ticagrelor: { atc: 'B01AC24', words: ['ticagrelor', 'brilinta', 'brilique'] },
  argatroban: { atc: 'B01AE03', words: ['argatroban'] },
  bivalirudin: { atc: 'B01AE06', words: ['bivalirudin', 'angiox'] },
  dabigatran: { atc: 'B01AE07', words: ['dabigatran', 'pradaxa'] },
  rivaroxaban: { atc: 'B01AF01', words: ['rivaroxaban', 'xarelto'] },
  apixaban: { atc: 'B01AF02', words: ['apixaban', 'eliquis'] },
  edoxaban: { atc: 'B01AF03', words: ['edoxaban', 'lixiana', 'savaysa'] },
  fondaparinux: { atc: 'B01AX05', words: ['fondaparinux', 'arixtra'] },
  // analgesics (ATC N02 incl. opioids, M01A NSAIDs, H05BA calcitonin)
  morphine: { atc: 'N02AA01', words: ['morphin', 'ms contin', 'mst continus'] },
  hydromorphone: { atc: 'N02AA03', words: ['hydromorphon', 'dilaudid', 'palladon'] },
  oxycodone: { atc: 'N02AA05', words: ['oxycodon', 'oxycontin', 'oxygesic', 'percocet', 'targin'] },
  // hydrocodone has no analgesic ATC code of its own: the opioid class
  hydrocodone: { atc: 'N02A', words: ['hydrocodon', 'vicodin', 'norco'] },
  pethidine: { atc: 'N02AB02', words: ['pethidin', 'meperidin', 'demerol', 'dolantin'] },
  fentanyl: { atc: 'N02AB03', words: ['fentanyl', 'duragesic', 'durogesic'] },
  buprenorphine: { atc: 'N02AE01', words: ['buprenorphin', 'butrans', 'norspan', 'transtec'] },
  tilidine: { atc: 'N02AX01', words: ['tilidin', 'valoron'] },
  tramadol: { atc: 'N02AX02', words: ['tramadol', 'tramal', 'ultram'] },
  tapentadol: { atc: 'N02AX06', words: ['tapentadol', 'palexia', 'nucynta'] },
  metamizole: { atc: 'N02BB02', words: ['metamizol', 'novaminsulfon', 'novalgin', 'dipyron'] },
  paracetamol: { atc: 'N02BE01', words: ['paracetamol', 'acetaminophen', 'tylenol', 'ben-u-ron', 'perfalgan'] },
  diclofenac: { atc: 'M01AB05', words: ['diclofenac', 'voltaren'] },
  ketorolac: { atc: 'M01AB15', words: ['ketorolac', 'toradol'] },
  meloxicam: { atc: 'M01AC06', words: ['meloxicam', 'mobic'] },
  ibuprofen: { atc: 'M01AE01', words: ['ibuprofen', 'advil', 'motrin', 'nurofen'] },
  naproxen: { atc: 'M01AE02', words: ['naproxen', 'aleve', 'naprosyn'] },
  ketoprofen: { atc: 'M01AE03', words: ['ketoprofen'] },
  celecoxib: { atc: 'M01AH01', words: ['celecoxib', 'celebrex'] },
  etoricoxib: { atc: 'M01AH05', words: ['etoricoxib', 'arcoxia'] },
  calcitonin: { atc: 'H05BA', words: ['calcitonin'] },
};

type IngredientName = keyof typeof INGREDIENTS;

interface Product {
  display: string;
  ingredients: IngredientName[];
  /** V seen in the public sample records (mocks/patients/fhir-samples), S in a secondary source */
  verified: 'V' | 'S';
}

/**
 * RxNorm products (SCD, SBD) a US EHR sends for these drugs: the ones seen in public records, so a
 * coding without a display still counts. Anything else counts by the ingredient its display names.
 */
const RXNORM_PRODUCTS: Record<string, Product> = {
  '855332': { display: 'Warfarin Sodium 5 MG Oral Tablet', ingredients: ['warfarin'], verified: 'V' },
  '114194': { display: 'Warfarin Sodium', ingredients: ['warfarin'], verified: 'V' },
  '309362': { display: 'Clopidogrel 75 MG Oral Tablet', ingredients: ['clopidogrel'], verified: 'V' },
  '243670': { display: 'Aspirin 81 MG Oral Tablet', ingredients: ['aspirin'], verified: 'V' },
  '2563431': { display: 'aspirin 81 MG Oral Capsule', ingredients: ['aspirin'], verified: 'V' },
  '855812': { display: 'prasugrel 10 MG Oral Tablet', ingredients: ['prasugrel'], verified: 'V' },
  '1659263': { display: '1 ML heparin sodium, porcine 5000 UNT/ML Injection', ingredients: ['heparin'], verified: 'V' },
  '1361226': {
    display: 'heparin sodium, porcine 1000 UNT/ML Injectable Solution',
    ingredients: ['heparin'],
    verified: 'V',
  },
  // Synthea's COVID-19 module (treat_blood_clot.json)
  '854228': {
    display: '0.3 ML Enoxaparin sodium 100 MG/ML Prefilled Syringe',
    ingredients: ['enoxaparin'],
    verified: 'S',
  },
  '854235': {
    display: '0.4 ML Enoxaparin sodium 100 MG/ML Prefilled Syringe',
    ingredients: ['enoxaparin'],
    verified: 'S',
  },
  '854252': {
    display: '1 ML Enoxaparin sodium 150 MG/ML Prefilled Syringe',
    ingredients: ['enoxaparin'],
    verified: 'S',
  },
  // RxNav's class lookup of 1364447 lists 1364430 (the ingredient) and 1364445 (the clinical drug)
  '1364445': { display: 'apixaban 5 MG Oral Tablet', ingredients: ['apixaban'], verified: 'S' },
  '1364447': { display: 'apixaban 5 MG Oral Tablet [Eliquis]', ingredients: ['apixaban'], verified: 'S' },
  '857005': {
    display: 'Acetaminophen 325 MG / HYDROcodone Bitartrate 7.5 MG Oral Tablet',
    ingredients: ['paracetamol', 'hydrocodone'],
    verified: 'V',
  },
  '1310197': {
    display: 'Acetaminophen 300 MG / HYDROcodone Bitartrate 5 MG [Vicodin]',
    ingredients: ['paracetamol', 'hydrocodone'],
    verified: 'V',
  },
  '1049221': {
    display: 'Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet',
    ingredients: ['paracetamol', 'oxycodone'],
    verified: 'V',
  },
  '1049625': {
    display: 'Acetaminophen 325 MG / Oxycodone Hydrochloride 10 MG Oral Tablet [Percocet]',
    ingredients: ['paracetamol', 'oxycodone'],
    verified: 'V',
  },
  '313782': { display: 'Acetaminophen 325 MG Oral Tablet', ingredients: ['paracetamol'], verified: 'V' },
  '209387': { display: 'Acetaminophen 325 MG Oral Tablet [Tylenol]', ingredients: ['paracetamol'], verified: 'V' },
  '310965': { display: 'Ibuprofen 200 MG Oral Tablet', ingredients: ['ibuprofen'], verified: 'V' },
  '849574': { display: 'Naproxen sodium 220 MG Oral Tablet', ingredients: ['naproxen'], verified: 'V' },
  '861467': { display: 'Meperidine Hydrochloride 50 MG Oral Tablet', ingredients: ['pethidine'], verified: 'V' },
  '1735006': { display: '10 ML Fentanyl 0.05 MG/ML Injection', ingredients: ['fentanyl'], verified: 'V' },
};

/** the RxNorm products of the table, for reviewers and tests */
export const RXNORM_PRODUCT_TABLE: Readonly<Record<string, Product>> = RXNORM_PRODUCTS;

const WORDS: [RegExp, IngredientName][] = Object.entries(INGREDIENTS).flatMap(([name, i]) =>
  i.words.map((w): [RegExp, IngredientName] => [
    new RegExp(`(?:^|[^a-zäöüß])${w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}`, 'i'),
    name as IngredientName,
  ]),
);
/** one test for any word first: most medications of a long list are none of these */
const ANY_WORD = new RegExp(
  `(?:^|[^a-zäöüß])(?:${Object.values(INGREDIENTS)
    .flatMap((i) => i.words)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))
    .join('|')})`,
  'i',
);

/** the ingredients a product's name or display names ("Eliquis 5 mg Filmtabletten" → apixaban) */
export function ingredientsNamed(text: string): IngredientName[] {
  if (!text || !ANY_WORD.test(text)) return [];
  const found: IngredientName[] = [];
  for (const [pattern, name] of WORDS) if (!found.includes(name) && pattern.test(text)) found.push(name);
  return found;
}

const ATC = systemUri('atc');

/**
 * The value-set matches of a drug's codings: a code the value sets list matches as it is; a product
 * code counts as its ingredients, from the table or from the ingredients its display (else the
 * concept's text) names. Each match cites the coding as the record wrote it.
 */
export function drugMatches(list: readonly Coding[], text: string, match: CodeMatcher = codeMatcher()): CodeMatch[] {
  const out = match(list, 'MedicationRequest');
  for (const c of list) {
    if (out.some((m) => m.coding === c)) continue;
    const product = systemKey(c.system) === 'rxnorm' ? RXNORM_PRODUCTS[c.code.trim()] : undefined;
    const names = product?.ingredients ?? ingredientsNamed(c.display ?? text);
    const seen = new Set<string>();
    for (const name of names) {
      for (const m of match([{ system: ATC, code: INGREDIENTS[name]?.atc ?? '' }], 'MedicationRequest')) {
        if (seen.has(m.valueSet.id)) continue;
        seen.add(m.valueSet.id);
        out.push({ ...m, coding: c, code: `${c.system}|${c.code}` });
      }
    }
  }
  return out;
}
