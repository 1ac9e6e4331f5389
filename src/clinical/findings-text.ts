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

// Oedema of the bone marrow of a vertebral body (MRI STIR/T2 fat-sat), or increased uptake on a
// bone scan (docs/criteria.md, ind.fracture-acute). A bare "oedema" is not enough: soft-tissue,
// paravertebral or parametrial oedema says nothing about the age of a fracture.
const MARROW_OEDEMA = findingPatterns([
  /(?:bone[- ]?)?marrow[- ]o?edema/,
  /knochenmarks?[- ]?ödem/,
  /\bkmö(?![a-zäöüß])/,
  /vertebral body o?edema/,
  /o?edema (?:of|in|within) (?:the )?(?:[ctl]\d{1,2} |th\d{1,2} )?vertebral bod(?:y|ies)/,
  // one level, not a range (a disc: "oedema at L4-L5"), and not T1/T2 (MRI sequences)
  /o?edema (?:of|in|at|within) (?:the )?(?:c[1-7]|t(?:[3-9]|1[0-2])|th\d{1,2}|l[1-5])\b(?![-/–]\s?[ctls]?\d)/,
  /wirbelkörper-?ödem/,
  /ödem (?:de[sr] |im |in (?:de[mr] )?)(?:\S+ )?(?:wirbelkörper|[lbh]wk)/,
  /stir[- ]?hyperintens/,
  /hyperintens\w* (?:signal )?(?:on|in) (?:the |der )?stir/,
  /increased (?:radio)?(?:tracer |isotope )?uptake/,
  /(?:vermehrte|gesteigerte) (?:tracer|nuklid)?(?:anreicherung|aufnahme)/,
  /mehranreicherung|mehrspeicherung/,
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
  /\b(?:(?<nm>bone scan|skeletal scintigraphy|scintigra\w*|szintigra\w*|skelettszintigra\w*|spect(?:[- /]?ct)?)|(?<other>pet(?:[- /]?ct)?|xr|x-rays?|xray|radiographs?|radiography|röntgen\w*|plain films?)|(?<mr>mri?|mrt|mr[- ]?tomogra\w*|magnetic resonance|kernspin\w*|stir)|(?<ct>ct|computed tomography|computertomogra\w*))\b/gi;

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

// Words that name the spine. A bare "thoracic", "cervical" or "lumbar" does not: "CT of the
// thoracic aorta", "cervical carcinoma" (uterine cervix), "lumbar puncture"; nor do
// "paravertebral" or "vertebral artery".
const SPINE_WORDS =
  /\b(?:spines?|spinal (?:canal|cord|column|stenosis)|vertebra(?:e|l (?:body|bodies|column|fracture|compression|collapse|level))?\b|intervertebral|thoracolumbar|lumbosacral|cervicothoracic|spondyl\w*|[lbh]ws\b|[lbh]wk|th\d)|wirbel/i;

export function mentionsSpine(text: string): boolean {
  return SPINE_WORDS.test(text);
}

export function mentionsHaemangioma(text: string): boolean {
  return /(haemangioma|hemangioma|hämangiom)/i.test(text);
}
