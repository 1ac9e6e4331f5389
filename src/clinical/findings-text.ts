/**
 * Findings read from report text (DiagnosticReport conclusion, Condition notes). criteria.md lets
 * report text speak for oedema and the posterior wall, with negations ("no oedema", "posterior
 * wall intact"). Each pattern is data; negation is looked for in the same clause before the term.
 */
export type TextFinding = 'present' | 'absent';

const NEGATION = /\b(no|not|without|negative for|free of|absence of|kein|keine|keinen|keinem|ohne|kein nachweis|nicht)\b[^.;,:\n]{0,40}$/i;

function clauseBefore(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - 80), index);
  const cut = Math.max(before.lastIndexOf('.'), before.lastIndexOf(';'), before.lastIndexOf('\n'));
  return cut >= 0 ? before.slice(cut + 1) : before;
}

/** a finding's patterns, compiled once: each to scan a whole text, and all of them as one test */
interface FindingPatterns {
  /** any pattern of the finding or of its intact form (one scan: most texts name none of them) */
  mentioned: RegExp;
  present: readonly RegExp[];
  intact: readonly RegExp[];
}

function findingPatterns(present: RegExp[], intact: RegExp[] = []): FindingPatterns {
  return {
    mentioned: new RegExp([...present, ...intact].map((p) => `(?:${p.source})`).join('|'), 'i'),
    present: present.map((p) => new RegExp(p.source, 'gi')),
    intact: intact.map((p) => new RegExp(p.source, 'i')),
  };
}

/** present / absent / undefined (not mentioned) for a set of patterns, negation-aware; present wins */
function finding(text: string, patterns: FindingPatterns): TextFinding | undefined {
  if (!patterns.mentioned.test(text)) return undefined;
  let result: TextFinding | undefined;
  for (const pattern of patterns.present) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (NEGATION.test(clauseBefore(text, m.index))) result ??= 'absent';
      else return 'present';
    }
  }
  for (const pattern of patterns.intact) if (pattern.test(text)) result ??= 'absent';
  return result;
}

const OEDEMA = findingPatterns([
  /(bone marrow |knochenmark)?(o?edema|ödem|oedem)/,
  /stir[- ]?hyperintens/,
  /increased (tracer )?uptake/,
  /mehranreicherung/,
]);

export function oedemaFinding(text: string): TextFinding | undefined {
  return finding(text, OEDEMA);
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
  [/posterior (wall|edge|cortex) (is )?(intact|preserved)/, /intact posterior (wall|edge|cortex)/, /hinterkante\w* (ist )?(intakt|erhalten)/],
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

export function modalityFromText(text: string): ImagingModality | undefined {
  if (/\b(mri?|mrt|magnetic resonance|kernspin|stir)\b/i.test(text)) return 'MR';
  if (/\b(ct|computed tomography|computertomogra\w*)\b/i.test(text)) return 'CT';
  if (/\b(bone scan|scintigra\w*|szintigra\w*|spect)\b/i.test(text)) return 'NM';
  return undefined;
}

export function mentionsSpine(text: string): boolean {
  return /(spine|spinal|vertebra|wirbel|\blws\b|\bbws\b|\bhws\b|lumbar|thoracic|cervical|lenden|brustwirbel|halswirbel)/i.test(text);
}

export function mentionsHaemangioma(text: string): boolean {
  return /(haemangioma|hemangioma|hämangiom)/i.test(text);
}
