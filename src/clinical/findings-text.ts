import { LEVELS, levelsFromText, sortLevels } from './levels';

/**
 * Findings read from report text (DiagnosticReport conclusion, Condition notes). The criteria let
 * report text speak for oedema and the posterior wall, with negations ("no oedema", "posterior
 * wall intact"). Every word list is data here; a finding stated with a hedge ("possible",
 * "fraglich") is left undecided, never read as present.
 */
export type TextFinding = 'present' | 'absent';

/** how one mention of a finding is stated; "negated-elsewhere" denies it only at other levels */
type Statement = 'stated' | 'negated' | 'negated-elsewhere' | 'hedged';

/** how far around a mention its clause is read (characters): bounded work per mention */
const BEFORE_CHARS = 60;
const AFTER_CHARS = 60;

// A negation before the term, in the same clause: "no bone marrow oedema", "kein Knochenmarködem".
// It does not reach past a turn of the sentence ("no fracture but marrow oedema").
const NEGATED_BEFORE =
  /\b(?:no|not|without|negative for|free of|absence of|kein\w*|ohne|nicht)\b(?:(?!\b(?:but|however|whereas|aber|jedoch|sondern)\b)[^.;,:\n]){0,40}$/i;

// A negation after the term: "Bone marrow oedema: none", "edema absent", "Ödem nicht nachweisbar",
// "oedema has resolved". Only a few words may come between ("in L1 is"), and no "and"/"with":
// in "oedema at L1 and none at L2" the "none" is about L2.
const NEGATED_AFTER =
  /^(?:\s*[:=–-]\s*(?:no|nein|kein\w*)\b|(?:(?!\b(?:and|or|but|with|und|oder|aber|mit|sowie)\b)[^.;,\n]){0,30}?\b(?:none|absent|negative|negativ|not (?:seen|present|detected|identified|visible|evident|demonstrated|demonstrable|shown)|resolved|no longer|nicht (?:mehr )?(?:nachweisbar|nachgewiesen|vorhanden|abgrenzbar|erkennbar|sichtbar|darstellbar)|(?:vollständig|komplett) (?:rückgebildet|regredient)|fehlt|ausgeschlossen|excluded|ruled out)\b)/i;

// A negation about the other levels ("no other marrow oedema", "keine weiteren Knochenmarködeme",
// "no marrow oedema elsewhere") does not contradict oedema stated at the fractured level.
const ELSEWHERE_BEFORE =
  /\b(?:other|further|remaining|additional|übrige\w*|weitere\w*|sonstige\w*|andere\w*)\s+(?:\S+\s+)?$/i;
const ELSEWHERE_AFTER =
  /^[^.;\n]{0,30}?\b(?:elsewhere|(?:at|in) (?:any |the )?other (?:levels?|vertebra\w*)|an (?:den )?übrigen|sonst)\b/i;

// Hedges make a mention undecided (the criterion stays unknown): "possible marrow oedema",
// "no definite oedema", "V. a. Knochenmarködem", "oedema cannot be excluded", "largely resolved".
const HEDGED_BEFORE =
  /\b(?:possibl[ey]|probabl[ey]|questionabl[ey]|equivocal|suspected|suspicious (?:for|of)|suggestive of|no definite|no clear|cannot exclude|can't exclude|may represent|fraglich\w*|möglich\w*|vermutlich\w*|verdacht auf|v\.\s?a\.|kein sicher\w*|nicht sicher\w*)(?:(?!\b(?:but|however|whereas|aber|jedoch|sondern)\b)[^.;,:\n]){0,40}$/i;
const HEDGED_AFTER =
  /^(?:(?!\b(?:and|or|but|with|und|oder|aber|mit|sowie)\b)[^.;,\n]){0,30}?\b(?:cannot be (?:excluded|ruled out)|can't be (?:excluded|ruled out)|not (?:excluded|ruled out)|questionable|equivocal|possible|suspected|(?:largely|nearly|almost|partially|partly|mostly|incompletely) resolved|nicht (?:sicher )?(?:auszuschließen|ausgeschlossen|abgrenzbar)|fraglich|möglich|(?:weitgehend|fast|teilweise|partiell) (?:rückgebildet|regredient))/i;

function statementAt(text: string, start: number, end: number): Statement {
  const before = text.slice(Math.max(0, start - BEFORE_CHARS), start);
  const after = text.slice(end, end + AFTER_CHARS);
  if (HEDGED_BEFORE.test(before) || HEDGED_AFTER.test(after)) return 'hedged';
  if (!NEGATED_BEFORE.test(before) && !NEGATED_AFTER.test(after)) return 'stated';
  return ELSEWHERE_BEFORE.test(before) || ELSEWHERE_AFTER.test(after) ? 'negated-elsewhere' : 'negated';
}

/** a finding's terms as one pattern (one scan of a text), and wording that states it absent */
interface FindingPatterns {
  terms: RegExp;
  intact?: RegExp;
}

function findingPatterns(terms: RegExp[], intact: RegExp[] = []): FindingPatterns {
  const union = (list: RegExp[], flags: string) => new RegExp(list.map((p) => `(?:${p.source})`).join('|'), flags);
  return { terms: union(terms, 'gi'), intact: intact.length ? union(intact, 'i') : undefined };
}

/**
 * present / absent / undefined (not mentioned, hedged or contradictory). A text that states the
 * finding and also denies it without naming other levels ("oedema: none" in the impression,
 * "oedema of L1" in the findings) contradicts itself: undecided, like a hedge. A denial only of
 * the other levels does not make it absent.
 */
function finding(text: string, patterns: FindingPatterns): TextFinding | undefined {
  const seen = new Set<Statement>();
  const { terms } = patterns;
  terms.lastIndex = 0;
  for (let m = terms.exec(text); m; m = terms.exec(text)) seen.add(statementAt(text, m.index, m.index + m[0].length));
  const denied = seen.has('negated') || (patterns.intact?.test(text) ?? false);
  if (seen.has('stated')) return denied ? undefined : 'present';
  if (seen.has('hedged')) return undefined;
  return denied ? 'absent' : undefined;
}

// Oedema of the bone marrow of a vertebral body (MRI STIR/T2 fat-sat), increased uptake on a bone
// scan or SPECT, or a fracture the radiologist calls fresh (docs/criteria.md, ind.fracture-acute).
// A bare "oedema" is not enough: soft-tissue, paravertebral or parametrial oedema says nothing about
// the age of a fracture. Phrases as radiology reports write them, English and German; each is
// tested on its own (test/clinical/radiology-phrases.test.ts).
const FAT_SAT = String.raw`(?:stir|tirm|t2[- ]?(?:fs|fat[- ]?sat\w*|spair|spir)|fat[- ]?(?:sat\w*|suppressed) t2)`;
const MARROW_OEDEMA = findingPatterns([
  /(?:bone[- ]?)?marrow[- ]o?edema/,
  /knochenmarks?[- ]?(?:ödem|oedem)/,
  /markraum-?ödem/,
  /\bkmö(?![a-zäöüß])/,
  /vertebral body o?edema/,
  /o?edema (?:of|in|within) (?:the )?(?:[ctl]\d{1,2} |th\d{1,2} )?vertebral bod(?:y|ies)/,
  // one level, not a range (a disc: "oedema at L4-L5"), and not T1/T2 (MRI sequences)
  /o?edema (?:of|in|at|within) (?:the )?(?:c[1-7]|t(?:[3-9]|1[0-2])|th\d{1,2}|l[1-5])\b(?![-/–]\s?[ctls]?\d)/,
  /wirbelkörper-?ödem/,
  /ödem (?:de[sr] |im |in (?:de[mr] )?)(?:\S+ )?(?:wirbelkörper|[lbh]wk)/,
  new RegExp(`${FAT_SAT}[- ]?hyperinten`),
  new RegExp(`hyperintens\\w* (?:signal\\w* )?(?:on|in) (?:the |der )?${FAT_SAT}`),
  new RegExp(`${FAT_SAT}[- ]?signal(?:anhebung|erhöhung|steigerung)`),
  new RegExp(`signal(?:anhebung|erhöhung|steigerung)\\w* (?:in )?(?:der )?${FAT_SAT}`),
  // bone scan and SPECT: "intense focal tracer uptake", "increased activity", "Mehranreicherung"
  /(?:increased|intense|intensely|marked|avid|focal|focally) (?:focal |linear |band-like )?(?:radio)?(?:tracer |isotope |radiotracer |radionuclide )?(?:uptake|activity)/,
  /tracer[- ]avid/,
  /(?:vermehrte|gesteigerte|kräftige|intensive|fokale|deutliche) (?:tracer|nuklid|radionuklid)?(?:anreicherung|aufnahme|speicherung)/,
  /mehranreicherung|mehrspeicherung|nuklidmehrbelegung/,
  // a fracture called fresh or acute is one with oedema on MRI or uptake on a bone scan
  /(?:frische|frischer|frischen|akute|akuter|akuten) (?:\S+ )?(?:sinterungs|kompressions|deckplatten|wirbelkörper|grundplatten|osteoporotische |lwk-|bwk-)?(?:fraktur|einbruch|impression)/,
  /(?:acute|subacute|recent) (?:\S+ )?(?:compression |insufficiency |osteoporotic |vertebral |burst )?fracture/,
]);

export function oedemaFinding(text: string): TextFinding | undefined {
  return finding(text, MARROW_OEDEMA);
}

const POSTERIOR_WALL = findingPatterns(
  [
    /posterior (wall|edge|cortex) (disrupt|involve|breach|fractur|fragment|bulg|protru|retropuls)/,
    /(disrupt|involve|breach|fractur)\w* (of )?(the )?posterior (wall|edge|cortex)/,
    /retropuls/,
    /epidural (extension|tumou?r|component)/,
    /hinterkante\w* (beteiligt|frakturiert|disloziert|betroffen|vorgewölbt|unterbrochen)/,
    /hinterkantenbeteiligung/,
    /burst fracture|berstungsfraktur/,
  ],
  [
    /posterior (wall|edge|cortex) (is )?(intact|preserved)/,
    /intact posterior (wall|edge|cortex)/,
    /hinterkante\w* (ist )?(intakt|erhalten)/,
  ],
);

export function posteriorWallFinding(text: string): 'disrupted' | 'intact' | undefined {
  const f = finding(text, POSTERIOR_WALL);
  return f === 'present' ? 'disrupted' : f === 'absent' ? 'intact' : undefined;
}

/** height loss in percent mentioned in text ("height loss 75 %", "Höhenminderung um 80%") */
export function heightLossPercent(text: string): number | undefined {
  const m = /(height loss|loss of height|höhenminderung|höhenverlust)\D{0,20}(\d{1,3})\s?%/i.exec(text);
  const value = m ? Number(m[2]) : NaN;
  return Number.isFinite(value) && value <= 100 ? value : undefined;
}

export function mentionsVertebraPlana(text: string): boolean {
  return /vertebra plana/i.test(text);
}

export type ImagingModality = 'MR' | 'CT' | 'NM';

// The modality a report names, in one scan. Plain radiographs are named too, so that an X-ray
// report that mentions an MRI is not read as one; PET-CT is neither a spine CT nor a bone scan.
const MODALITY_WORDS =
  /\b(?:(?<nm>bone scan|skeletal scintigraphy|scintigra\w*|(?:knochen|skelett|ganzkörper)?szintigra\w*|spect(?:[- /]?ct)?)|(?<other>pet(?:[- /]?ct)?|xr|x-rays?|xray|radiographs?|radiography|röntgen\w*|plain films?)|(?<mr>mri?|mrt|mr[- ]?tomogra\w*|magnetic resonance|kernspin\w*|stir)|(?<ct>ct|computed tomography|computertomogra\w*))\b/gi;

// A study recommended, planned or compared with is not a study done: "Recommend MRI",
// "further evaluation with MRI", "MRT empfohlen", "ergänzende MRT", "compared with the CT of ...".
const NOT_DONE_BEFORE =
  /\b(?:recommend\w*|suggest\w*|advis\w*|consider\w*|further (?:evaluation|work-?up|assessment|imaging)|if|compar\w*|prior|previous|known from|empfehl\w*|empfohlen\w*|ergänzend\w*|weiterführend\w*|weitere abklärung|vergleich\w*|voraufnahme\w*|voruntersuchung\w*|vorbekannt\w*|bekannt aus|ggf\.|gegebenenfalls|falls)\b[^.;,\n]{0,40}$/i;
const NOT_DONE_AFTER =
  /^[^.;,\n]{0,30}?\b(?:(?:is |are |was )?(?:recommended|suggested|advised|advisable|requested|planned|scheduled|pending|ordered)|to follow|(?:would|could|may) be (?:helpful|useful|considered)|should be (?:performed|obtained|considered|done)|for further (?:evaluation|assessment|characteri[sz]ation)|empfohlen|empfehlenswert|angeraten|indiziert|geplant|angemeldet|angefordert|sinnvoll|ratsam|erwägen|zur weiteren abklärung)\b/i;

function modalityOfMatch(
  groups: Record<string, string | undefined> | undefined,
): ImagingModality | 'other' | undefined {
  if (groups?.nm) return 'NM';
  if (groups?.mr) return 'MR';
  if (groups?.ct) return 'CT';
  return groups?.other ? 'other' : undefined;
}

/** the first modality named in the text; in report text (`done`), one only recommended or compared with is passed over */
function firstModality(text: string, done: boolean): ImagingModality | 'other' | undefined {
  MODALITY_WORDS.lastIndex = 0;
  for (let m = MODALITY_WORDS.exec(text); m; m = MODALITY_WORDS.exec(text)) {
    if (done) {
      const before = text.slice(Math.max(0, m.index - BEFORE_CHARS), m.index);
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + AFTER_CHARS);
      if (NOT_DONE_BEFORE.test(before) || NOT_DONE_AFTER.test(after)) continue;
    }
    return modalityOfMatch(m.groups);
  }
  return undefined;
}

/**
 * The modality of the study a report is about: the one its title names ("XR lumbar spine"),
 * else the first one its text says was done. Plain radiographs and PET-CT give none.
 */
export function studyModality(title: string, text: string): ImagingModality | undefined {
  const found = firstModality(title, false) ?? firstModality(text, true);
  return found === 'other' ? undefined : found;
}

// Words that name the spine, and the vertebral levels a report names (T1 and T2 are MRI sequences
// too, so left out). A bare "thoracic", "cervical" or "lumbar" does not: "CT of the thoracic
// aorta", "cervical carcinoma" (uterine cervix), "lumbar puncture"; nor do "paravertebral" or
// "vertebral artery".
const SPINE_WORDS =
  /\b(?:spines?|spinal (?:canal|cord|column|stenosis)|vertebra(?:e|l (?:body|bodies|column|fracture|compression|collapse|level))?\b|intervertebral|thoracolumbar|lumbosacral|cervicothoracic|spondyl\w*|[lbh]ws\b|[lbh]wk|th\d|(?:l[1-5]|t(?:[3-9]|1[0-2])|c[2-7])\b)|wirbel/i;

export function mentionsSpine(text: string): boolean {
  return SPINE_WORDS.test(text);
}

export function mentionsHaemangioma(text: string): boolean {
  return /(haemangioma|hemangioma|hämangiom)/i.test(text);
}

// What a lesion is called in a report sentence: a fracture, its collapse, its oedema or uptake, an
// osteolysis or metastasis. A level in such a sentence is the lesion's level (README, "Levels from
// reports").
const LESION_WORDS =
  /fractur|fraktur|sinterung|einbruch|impression|compression|kompression|collapse|height loss|höhenminderung|o?edema|ödem|oedem|\bkmö|uptake|activity|anreicherung|speicherung|osteoly|metasta|myelom|plasmo[cz]ytom|hyperinten|signalanhebung/i;
// ... and a level described as normal is not one ("LWK 2 unauffällig", "normal height of L3")
const NORMAL_WORDS =
  /unauffällig|regelrecht|normal|intakt|intact|unremarkable|preserved|erhalten|ohne befund|\bo\.\s?b\.|no (?:fracture|edema|oedema)|kein\w* (?:fraktur|ödem)/i;
// a range of levels: "LWK 1-3", "L1-L3", "BWK 11 bis LWK 1", "T11 to L1" (not "L4/5", a disc)
const LEVEL_RANGE =
  /\b(LWK|BWK|HWK|Th|[CTL])\s?(\d{1,2})\s?(?:-|–|bis|to|through)\s?(?:(LWK|BWK|HWK|Th|[CTL])\s?)?(\d{1,2})\b/gi;
const LEVEL_PREFIX: Record<string, string> = { lwk: 'L', bwk: 'T', th: 'T', hwk: 'C', c: 'C', t: 'T', l: 'L' };

function rangeLevels(clause: string): string[] {
  const out: string[] = [];
  LEVEL_RANGE.lastIndex = 0;
  for (let m = LEVEL_RANGE.exec(clause); m; m = LEVEL_RANGE.exec(clause)) {
    const from = `${LEVEL_PREFIX[(m[1] ?? '').toLowerCase()]}${Number(m[2])}`;
    const to = `${LEVEL_PREFIX[(m[3] ?? m[1] ?? '').toLowerCase()]}${Number(m[4])}`;
    const a = LEVELS.indexOf(from);
    const b = LEVELS.indexOf(to);
    // a few levels top to bottom, else not a range of vertebrae
    if (a >= 0 && b > a && b - a <= 6) out.push(...LEVELS.slice(a, b + 1));
  }
  return out;
}

/**
 * The levels a report gives its lesion: levels named in a sentence that states a fracture, oedema,
 * uptake or osteolysis (not negated, not hedged), ranges and lists included, leaving out a level
 * described as normal in its own clause.
 */
export function lesionLevels(text: string): string[] {
  if (!/\d/.test(text)) return [];
  const found: string[] = [];
  // a sentence ends at a full stop after a word or a number, not after an abbreviation ("V. a.")
  for (const sentence of text.split(/(?<=[a-zäöüß]{2}|\d)\.\s+|[;\n]/i)) {
    const lesion = LESION_WORDS.exec(sentence);
    if (!lesion || statementAt(sentence, lesion.index, lesion.index + lesion[0].length) !== 'stated') continue;
    for (const clause of sentence.split(/[,]|\s(?:und|and|sowie)\s/)) {
      if (NORMAL_WORDS.test(clause) && !LESION_WORDS.test(clause)) continue;
      for (const level of levelsFromText(clause)) found.push(level);
      for (const level of rangeLevels(clause)) found.push(level);
    }
  }
  return found.length ? sortLevels(found) : found;
}
