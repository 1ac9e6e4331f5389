import { SET_ASIDE } from '../set-aside';
import type { Localized } from '../../lang';
import type { ClinicalFacts, ConditionFact, ExcludedFact, ReportFact } from '../facts';
import { exclude } from '../facts/common';
import { mentionsHaemangioma } from '../findings-text';
import { levelWithin, sortLevels, type Region } from '../levels';
import type { DefOf } from '../rulesets/types';
import type { LesionSubtype, ValueSetId } from '../terminology/valuesets';
import { collect, readFully, unknownWithUnread, type EvalContext, type Evaluation } from './types';

export interface Lesion {
  fact: ConditionFact;
  subtype: LesionSubtype;
  levels: string[];
  /** the reports that gave the levels of a lesion coded without one */
  levelsFrom?: ReportFact[];
}

export interface Lesions {
  counted: Lesion[];
  /** coded, but not shown to be vertebral, or not countable (status, text only) */
  notCounted: ExcludedFact[];
  /** coded and countable, but recorded only at levels outside the rule set's range (also in notCounted) */
  outOfRange: Lesion[];
  levels: string[];
}

const SUBTYPE_TEXT: Record<LesionSubtype, Localized> = {
  osteoporotic: { en: 'osteoporotic fracture', de: 'osteoporotische Fraktur' },
  malignant: { en: 'malignant osteolysis', de: 'maligne Osteolyse' },
  haemangioma: { en: 'haemangioma', de: 'Hämangiom' },
  traumatic: { en: 'traumatic fracture', de: 'traumatische Fraktur' },
  fracture: { en: 'vertebral fracture', de: 'Wirbelkörperfraktur' },
};

export function subtypeText(s: LesionSubtype): Localized {
  return SUBTYPE_TEXT[s];
}

function hasSpineImaging(facts: ClinicalFacts): boolean {
  return facts.imaging.some((i) => i.spine) || facts.reports.some((r) => r.spine && r.modality !== undefined);
}

/**
 * The vertebral lesions of the record: coded Conditions (and report conclusion codes) in the lesion
 * value sets, with "other site" codes counted only when a spinal site corroborates them, and levels
 * outside the treatable range set aside (the whole spine when no range is given). Computed once per
 * assessment, value-set list and range (the assessment's memo).
 */
/** the value sets that name a vertebral lesion; a criterion reads those its definition lists */
const LESION_VALUE_SETS: readonly ValueSetId[] = ['VS-VCF', 'VS-MALIGNANT-OSTEOLYSIS', 'VS-HAEMANGIOMA'];

/** the lesion value sets of a criterion's definition (docs/criteria.md lists them under the criterion) */
export function lesionSetsOf(def: { valueSets: readonly ValueSetId[] }): ValueSetId[] {
  return def.valueSets.filter((id) => LESION_VALUE_SETS.includes(id));
}

export function lesionsOf(
  facts: ClinicalFacts,
  valueSetIds: readonly ValueSetId[],
  range: [string, string] = ['C1', 'S1'],
): Lesions {
  return facts.memo.get(findLesions, [valueSetIds, range], () => findLesions(facts, valueSetIds, range));
}

/** the levels each region of a code (M48.5x, M49.5x) spans */
const REGION_LEVELS: Record<Region, [string, string]> = {
  cervical: ['C1', 'C7'],
  cervicothoracic: ['C7', 'T1'],
  thoracic: ['T1', 'T12'],
  thoracolumbar: ['T11', 'L1'],
  lumbar: ['L1', 'L5'],
  lumbosacral: ['L5', 'S1'],
  sacral: ['S1', 'S1'],
  spine: ['C1', 'S1'],
};

/**
 * Levels for a lesion coded without one, from the spine reports that name levels in a sentence
 * stating a fracture, oedema or osteolysis (README, "Levels from reports"): only levels the code allows (one
 * of its pair, or within its region), each with the reports that name it.
 */
function reportedLevels(facts: ClinicalFacts, fact: ConditionFact): { levels: string[]; reports: ReportFact[] } {
  const region = fact.levels.region && REGION_LEVELS[fact.levels.region];
  const fits = (level: string) =>
    fact.levels.pairs.length
      ? fact.levels.pairs.some((p) => p.includes(level))
      : !region || levelWithin(level, region[0], region[1]);
  const reports = facts.reports.filter((r) => r.spine && r.lesionLevels.some(fits));
  return { levels: sortLevels(reports.flatMap((r) => r.lesionLevels.filter(fits))), reports };
}

function findLesions(facts: ClinicalFacts, valueSetIds: readonly ValueSetId[], range: [string, string]): Lesions {
  const corroboratedByImaging = hasSpineImaging(facts);
  const counted: Lesion[] = [];
  const outOfRange: Lesion[] = [];
  const notCounted: ExcludedFact[] = [
    ...collect(facts.conditions.excluded, valueSetIds),
    ...collect(facts.conditions.possible, valueSetIds),
  ];
  const seen = new Set<string>();
  const found = collect(facts.conditions.found, valueSetIds);
  const anyCodedLevel = found.some((f) => f.levels.levels.length > 0);
  for (const fact of found) {
    const key = `${fact.reference}|${fact.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = fact.match.entry;
    // without clinicalStatus, evidence for an indication when corroborated (README, "How the record is weighed")
    if (fact.noClinicalStatus && !corroboratedByImaging) {
      notCounted.push(exclude(fact, SET_ASIDE.noStatusUncorroborated));
      continue;
    }
    // an ICD-10-GM "other site" code with a side (Seitenlokalisation L, R, B) names a rib or a limb, not the spine
    const sided = fact.side === 'L' || fact.side === 'R' || fact.side === 'B';
    if (fact.needsSite && !fact.spinalSite && (sided || !corroboratedByImaging)) {
      notCounted.push(exclude(fact, sided ? SET_ASIDE.sided(fact.side ?? '') : SET_ASIDE.otherSiteNoSite));
      continue;
    }
    if (entry.requires === 'haemangioma-text' && !mentionsHaemangioma(fact.text)) {
      notCounted.push(exclude(fact, SET_ASIDE.notHaemangioma));
      continue;
    }
    // only where nothing coded names a level: a level-less code beside a located one is the same lesion
    const reported = fact.levels.levels.length || anyCodedLevel ? undefined : reportedLevels(facts, fact);
    const levels = reported?.levels.length ? reported.levels : fact.levels.levels;
    const subtype = entry.subtype ?? 'fracture';
    const inRange = levels.filter((l) => levelWithin(l, range[0], range[1]));
    if (levels.length && !inRange.length) {
      notCounted.push(exclude(fact, SET_ASIDE.levelOutside(levels, range[0], range[1])));
      outOfRange.push({ fact, subtype, levels });
      continue;
    }
    const lesion: Lesion = { fact, subtype, levels: inRange };
    if (reported?.levels.length) lesion.levelsFrom = reported.reports;
    counted.push(lesion);
  }
  return { counted, notCounted, outOfRange, levels: sortLevels(counted.flatMap((l) => l.levels)) };
}

/** only malignant osteolysis: no 3-week rule in the guideline (a haemangioma keeps it) */
export function onlyMalignant(lesions: Lesions): boolean {
  return lesions.counted.length > 0 && lesions.counted.every((l) => l.subtype === 'malignant');
}

/** lesions that are not fractures (osteolysis, haemangioma): no fracture-age rule */
export function onlyNonFractures(lesions: Lesions): boolean {
  return (
    lesions.counted.length > 0 && lesions.counted.every((l) => l.subtype === 'malignant' || l.subtype === 'haemangioma')
  );
}

/** the levels a criterion covers (its params levelFrom, levelTo) */
export function levelRange(def: { params: { levelFrom: string; levelTo: string } }): [string, string] {
  return [def.params.levelFrom, def.params.levelTo];
}

export function painfulLesion({ facts, def }: EvalContext<'painful-lesion'>): Evaluation {
  const range = levelRange(def);
  const lesions = lesionsOf(facts, lesionSetsOf(def), range);
  const reported = lesions.counted.flatMap((l) => l.levelsFrom ?? []);
  // a level or a lesion may sit in a diagnosis or report that could not be read
  const e = unknownWithUnread(
    facts,
    ['Condition', 'DiagnosticReport'],
    lesions.counted.length || !lesions.outOfRange.length
      ? withReportedLevels(lesionEvaluation(facts, lesions, def), [...new Set(reported)])
      : outside(lesions, range),
  );
  const unstatused = lesions.counted.find((l) => l.fact.noClinicalStatus)?.fact;
  if (e.status !== 'met' || !unstatused) return e;
  // counted because spine imaging corroborates it, yet nothing says it is current: the surgeon confirms
  return {
    ...e,
    ask: true,
    rationale: {
      en: `${e.rationale.en} ${unstatused.summary} has no clinical status: confirm it is current.`,
      de: `${e.rationale.de} ${unstatused.summaryText.de} hat keinen klinischen Status: bitte bestätigen, dass sie aktuell ist.`,
    },
  };
}

/** a lesion coded without a level, placed by a report: the report is evidence, and the rationale says so */
function withReportedLevels(e: Evaluation, reports: ReportFact[]): Evaluation {
  if (!reports.length || !e.levels?.length) return e;
  const first = reports[0]?.summaryText;
  return {
    ...e,
    evidence: [...e.evidence, ...reports],
    rationale: {
      en: `${e.rationale.en} The level is the report's (${first?.en}).`,
      de: `${e.rationale.de} Die Höhe stammt aus dem Befund (${first?.de}).`,
    },
  };
}

/**
 * A lesion recorded only outside the rule set's level range is not a covered lesion, yet it is not
 * "no lesion" either: unknown, asking whether a level within the range is to be treated; its levels
 * are still listed.
 */
function outside(lesions: Lesions, [from, to]: [string, string]): Evaluation {
  const levels = sortLevels(lesions.outOfRange.flatMap((l) => l.levels));
  const kinds = [...new Set(lesions.outOfRange.map((l) => l.subtype))].map(subtypeText);
  const at = levels.join(', ');
  return {
    status: 'unknown',
    supply: 'answer',
    evidence: [],
    excluded: lesions.notCounted,
    levels,
    rationale: {
      en: `Coded ${kinds.map((k) => k.en).join(' and ')} at ${at}, outside the range of this rule set (${from}-${to}): is a level within ${from}-${to} to be treated?`,
      de: `Kodierte ${kinds.map((k) => k.de).join(' und ')} in Höhe ${at}, außerhalb des Bereichs dieses Regelwerks (${from}-${to}): soll eine Höhe in ${from}-${to} behandelt werden?`,
    },
  };
}

function lesionEvaluation(facts: ClinicalFacts, lesions: Lesions, def: DefOf<'painful-lesion'>): Evaluation {
  const evidence = lesions.counted.map((l) => l.fact);
  if (!lesions.counted.length) {
    return {
      status: 'unknown',
      supply: readFully(facts, ['Condition']).full ? 'answer' : 'record',
      evidence: [],
      excluded: lesions.notCounted,
      rationale: lesions.notCounted.length
        ? ({
            en: 'A possible fracture or lesion is recorded, but not as a coded vertebral diagnosis: the surgeon must confirm diagnosis and level.',
            de: 'Eine mögliche Fraktur/Läsion ist dokumentiert, aber nicht als kodierte Wirbeldiagnose: Diagnose und Höhe bitte bestätigen.',
          } satisfies Localized)
        : ({
            en: 'No vertebral fracture or osteolytic lesion is coded in the record: diagnosis and level are needed.',
            de: 'Keine Wirbelkörperfraktur oder osteolytische Läsion kodiert: Diagnose und Höhe werden benötigt.',
          } satisfies Localized),
    };
  }
  const kinds = [...new Set(lesions.counted.map((l) => l.subtype))].map(subtypeText);
  // earlier augmentation at the same level → ask the surgeon (README, "How the record is weighed": open questions)
  // the definition's procedure value set (VS-PRIOR-AUGMENTATION): its lesion sets name no procedure
  const earlier = collect(facts.procedures.found, def.valueSets);
  if (earlier.length && lesions.levels.length) {
    const at = lesions.levels.join(', ');
    return {
      status: 'met',
      ask: true,
      evidence: [...evidence, ...earlier],
      excluded: lesions.notCounted,
      levels: lesions.levels,
      rationale: {
        en: `Coded ${kinds.map((k) => k.en).join(' and ')} at ${at}; an earlier vertebral augmentation is recorded (${earlier[0]?.summary}): confirm the level is not already cemented.`,
        de: `Kodierte ${kinds.map((k) => k.de).join(' und ')} in Höhe ${at}; eine frühere Augmentation ist dokumentiert (${earlier[0]?.summaryText.de}): bitte bestätigen, dass die Höhe nicht bereits zementiert ist.`,
      },
    };
  }
  const what: Localized = { en: kinds.map((k) => k.en).join(' and '), de: kinds.map((k) => k.de).join(' und ') };
  if (lesions.levels.length) {
    const at = lesions.levels.join(', ');
    const procedures = readFully(facts, ['Procedure']);
    if (!procedures.full) {
      return {
        status: 'met',
        ask: true,
        supply: 'record',
        evidence,
        excluded: lesions.notCounted,
        levels: lesions.levels,
        rationale: {
          en: `Coded ${what.en} at ${at}; the procedures could not be read, so an earlier augmentation at that level is not excluded.`,
          de: `Kodierte ${what.de} in Höhe ${at}; die Prozeduren konnten nicht gelesen werden, eine frühere Augmentation dieser Höhe ist nicht ausgeschlossen.`,
        },
      };
    }
    return {
      status: 'met',
      evidence,
      excluded: lesions.notCounted,
      levels: lesions.levels,
      rationale: { en: `Coded ${what.en} at ${at}.`, de: `Kodierte ${what.de} in Höhe ${at}.` },
    };
  }
  const pairs = lesions.counted.flatMap((l) => l.fact.levels.pairs).map((p) => p.join(' or '));
  const levelFree = lesions.counted.some((l) => l.subtype === 'malignant' && !l.fact.needsSite);
  if (levelFree) {
    return {
      status: 'met',
      ask: true,
      evidence,
      excluded: lesions.notCounted,
      levels: [],
      rationale: {
        en: `Coded ${what.en}; the level is not recorded: give the level.`,
        de: `Kodierte ${what.de}; die Höhe ist nicht dokumentiert: bitte angeben.`,
      },
    };
  }
  const hint = pairs.length ? ` (${pairs.join('; ')})` : '';
  return {
    status: 'unknown',
    evidence,
    excluded: lesions.notCounted,
    rationale: {
      en: `Coded ${what.en}, but the vertebral level is not recorded${hint}: give the level.`,
      de: `Kodierte ${what.de}, aber die Wirbelhöhe ist nicht dokumentiert${hint}: bitte angeben.`,
    },
  };
}
