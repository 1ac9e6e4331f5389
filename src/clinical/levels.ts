import type { SystemKey } from './terminology/systems';

/** Vertebral levels C1-S1, top to bottom. */
export const LEVELS: readonly string[] = [
  ...Array.from({ length: 7 }, (_, i) => `C${i + 1}`),
  ...Array.from({ length: 12 }, (_, i) => `T${i + 1}`),
  ...Array.from({ length: 5 }, (_, i) => `L${i + 1}`),
  'S1',
];
const ORDER = new Map(LEVELS.map((l, i) => [l, i]));

export type Region =
  'cervical' | 'cervicothoracic' | 'thoracic' | 'thoracolumbar' | 'lumbar' | 'lumbosacral' | 'sacral' | 'spine';

export interface LevelInfo {
  /** single levels known exactly */
  levels: string[];
  /** codes that name two adjacent levels (GM S22.0x "T11-12"): not one level, the surgeon picks */
  pairs: [string, string][];
  region?: Region;
}

export const NO_LEVEL: LevelInfo = { levels: [], pairs: [] };

export function isLevel(x: string): boolean {
  return ORDER.has(x);
}

export function sortLevels(levels: Iterable<string>): string[] {
  return [...new Set(levels)].filter(isLevel).sort(topToBottom);
}

function topToBottom(a: string, b: string): number {
  return (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0);
}

/** whether a level lies within [from, to] (e.g. the treatable range C2-L5) */
export function levelWithin(level: string, from: string, to: string): boolean {
  const i = ORDER.get(level);
  const a = ORDER.get(from);
  const b = ORDER.get(to);
  return i !== undefined && a !== undefined && b !== undefined && i >= a && i <= b;
}

const pair = (a: string, b: string): [string, string] => [a, b];

/**
 * Levels carried by ICD-10 codes (docs/evidence.md, "Where the codes were seen"), by normalised code prefix and
 * the character after it. CM and GM differ for S22.0 (single levels vs pairs) and S12.
 */
interface IcdLevelRule {
  systems: SystemKey[];
  prefix: string;
  /** character after the prefix → a level, a pair of levels, or a region */
  map: Record<string, string | [string, string] | Region>;
}

const ICD_LEVEL_RULES: IcdLevelRule[] = [
  { systems: ['icd10-cm', 'icd10-gm'], prefix: 'S320', map: { '1': 'L1', '2': 'L2', '3': 'L3', '4': 'L4', '5': 'L5' } },
  {
    systems: ['icd10-gm'],
    prefix: 'S220',
    map: {
      '1': pair('T1', 'T2'),
      '2': pair('T3', 'T4'),
      '3': pair('T5', 'T6'),
      '4': pair('T7', 'T8'),
      '5': pair('T9', 'T10'),
      '6': pair('T11', 'T12'),
    },
  },
  {
    // CM S22.01-S22.04 = T1-T4, S22.05-S22.08 = T5-6 ... T11-12 (only S22.08 was seen in a source: docs/evidence.md)
    systems: ['icd10-cm'],
    prefix: 'S220',
    map: {
      '1': 'T1',
      '2': 'T2',
      '3': 'T3',
      '4': 'T4',
      '5': pair('T5', 'T6'),
      '6': pair('T7', 'T8'),
      '7': pair('T9', 'T10'),
      '8': pair('T11', 'T12'),
    },
  },
  {
    systems: ['icd10-cm'],
    prefix: 'S12',
    map: { '0': 'C1', '1': 'C2', '2': 'C3', '3': 'C4', '4': 'C5', '5': 'C6', '6': 'C7' },
  },
  { systems: ['icd10-gm'], prefix: 'S12', map: { '0': 'C1', '1': 'C2' } },
  { systems: ['icd10-gm'], prefix: 'S122', map: { '1': 'C3', '2': 'C4', '3': 'C5', '4': 'C6', '5': 'C7' } },
  ...['M485', 'M495'].map((prefix) => ({
    // the 5th character of M48.5- and the GM star code M49.5-* names the region (Lokalisation)
    systems: ['icd10-cm', 'icd10-gm'] as SystemKey[],
    prefix,
    map: {
      '2': 'cervical',
      '3': 'cervicothoracic',
      '4': 'thoracic',
      '5': 'thoracolumbar',
      '6': 'lumbar',
      '7': 'lumbosacral',
      '8': 'sacral',
    } as IcdLevelRule['map'],
  })),
];

export function levelsFromIcd(system: SystemKey, normalisedCode: string): LevelInfo {
  const info: LevelInfo = { levels: [], pairs: [] };
  for (const rule of ICD_LEVEL_RULES) {
    if (!rule.systems.includes(system) || !normalisedCode.startsWith(rule.prefix)) continue;
    const hit = rule.map[normalisedCode.charAt(rule.prefix.length)];
    if (Array.isArray(hit)) info.pairs.push(hit);
    else if (hit && isLevel(hit)) info.levels.push(hit);
    else if (hit) info.region = hit as Region;
  }
  return info;
}

/** SNOMED CT body structures (VS-SPINE-SITE) → level or region */
const SNOMED_SITES: Record<string, string | Region> = {
  '421060004': 'spine',
  '1141986006': 'spine',
  '122495006': 'thoracic',
  '122496007': 'lumbar',
  '1145014005': 'thoracolumbar',
  '23215003': 'T12',
  '66794005': 'L1',
  '14293000': 'L2',
  '36470004': 'L3',
  '11994002': 'L4',
};

export function levelsFromSnomed(code: string): LevelInfo {
  const hit = SNOMED_SITES[code.trim()];
  if (!hit) return NO_LEVEL;
  return isLevel(hit) ? { levels: [hit], pairs: [] } : { levels: [], pairs: [], region: hit as Region };
}

// German abbreviations (LWK = lumbar, BWK/Th = thoracic, HWK = cervical vertebral body)
const GERMAN_LEVEL = /\b(LWK|BWK|HWK|Th)\s?-?\s?(\d{1,2})\b/gi;
// single letters: upper case only
const LETTER_LEVEL = /\b([CTLS])(\d{1,2})\b/g;
// T1 and T2 are also MRI sequences: "T2-weighted", "T1w", "T2* images", "T2 hyperintense", and in
// lists "T1- and T2-weighted", "T1/T2 images"; no other level is, so "L1 hyperintense" stays L1
const SEQUENCE_AFTER =
  /^\*|^(?:\s*-?\s*(?:and|und|or|oder|\/|,|&)\s*T[12]\b)*\s*-?\s*(?:w\b|weighted|gewichtet|wichtung|fs\b|fat|stir|tse|flair|hyper|hypo|signal|sequen|image|bild|map|tirm)/i;
// nor a series named by its plane ("SAG T1", "axial T2"), as ImagingStudy series and reports list them
const PLANE_BEFORE = /\b(?:sag|sagittal|ax|axial|cor|coronal|tra|transversal)\.?\s{0,2}$/i;
const MRI_SEQUENCE_NAMES = new Set(['T1', 'T2']);

/** whether "T1"/"T2" at `index` (its `length` characters) names an MRI sequence rather than a vertebra */
function namesSequence(text: string, index: number, length: number): boolean {
  return (
    SEQUENCE_AFTER.test(text.slice(index + length, index + length + 40)) ||
    PLANE_BEFORE.test(text.slice(Math.max(0, index - 14), index))
  );
}

const PREFIX: Record<string, string> = { lwk: 'L', bwk: 'T', th: 'T', hwk: 'C', C: 'C', T: 'T', L: 'L', S: 'S' };

const DIGIT = /\d/;

/** Levels named in free text: "L1", "LWK 1", "BWK 12", "Th12", "T12", "HWK 5". */
export function levelsFromText(text: string): string[] {
  // every level is written with its number: most texts of a problem list have none
  if (!DIGIT.test(text)) return [];
  const found: string[] = [];
  // exec loops on the shared patterns: matchAll would copy each pattern for every text
  GERMAN_LEVEL.lastIndex = 0;
  for (let m = GERMAN_LEVEL.exec(text); m; m = GERMAN_LEVEL.exec(text)) {
    const p = PREFIX[(m[1] ?? '').toLowerCase()];
    if (p) found.push(`${p}${Number(m[2])}`);
  }
  LETTER_LEVEL.lastIndex = 0;
  for (let m = LETTER_LEVEL.exec(text); m; m = LETTER_LEVEL.exec(text)) {
    const level = `${PREFIX[m[1] ?? '']}${Number(m[2])}`;
    if (!MRI_SEQUENCE_NAMES.has(level) || !namesSequence(text, m.index, m[0].length)) found.push(level);
  }
  return found.length ? sortLevels(found) : found;
}

/** a region named in free text, when no level is */
export function regionFromText(text: string): Region | undefined {
  const t = text.toLowerCase();
  if (/\b(lumbar|lendenwirbel|lws)\b/.test(t)) return 'lumbar';
  if (/\b(thoracic|brustwirbel|bws)\b/.test(t)) return 'thoracic';
  if (/\b(cervical|halswirbel|hws)\b/.test(t)) return 'cervical';
  if (/(spine|spinal|vertebra|wirbelsäule|wirbelkörper)/.test(t)) return 'spine';
  return undefined;
}
