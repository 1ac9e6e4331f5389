import { SET_ASIDE } from './set-aside';
import { boundedText } from './bounded';
import { answersWithinRange } from './answered-levels';
import type { LevelsOutsideRange, SurgeonAnswers } from './answers';
import type {
  Assessment,
  CriterionResult,
  EvidenceItem,
  ExcludedEvidence,
  LevelSummary,
  MissingItem,
  Override,
  Question,
  Recommendation,
} from './assessment';
import { localized, type Localized } from '../lang';
import { EVIDENCE_WORDS, asWritten, summarised } from './evidence-words';
import { aggregate, settlesNotEligible, speaksAgainst, unknownGivesCaution } from './aggregate';
import { EVALUATORS, type Evaluation, type Evaluator } from './criteria';
import { lesionSetsOf, levelRange, lesionsOf, subtypeText } from './criteria/lesions';

import { isoDay, isoInstant, timeZone, zonedNow, type TimeZone } from './dates';
import { documentationChecklist } from './documentation';
import { buildFacts, type ClinicalFacts, type ExcludedFact, type Fact } from './facts';
import { field, obj, str } from './json';
import { cleanAnswers, optionLabel, withSurgeonPain } from './overlay';
import type { PatientRecord } from './record';
import { DEFAULT_RULE_SET, ruleSet } from './rulesets';
import type {
  AggregationRule,
  CriterionDef,
  CriterionDefOf,
  QuestionDef,
  RuleSet,
  SharedQuestion,
} from './rulesets/types';

export interface AssessOptions {
  now: Date;
  /**
   * the time zone of the care setting ("Europe/Berlin", "+01:00", "UTC", the default, or a zone such
   * as machineTimeZone()): windows count its calendar days and evidence prints its dates (README,
   * "Dates and windows")
   */
  timeZone?: string | TimeZone;
  ruleSetId?: string;
  answers?: SurgeonAnswers;
  override?: Override;
}

const RECOMMENDATIONS: readonly Recommendation[] = [
  'eligible',
  'eligible-with-cautions',
  'not-eligible',
  'insufficient-data',
];

// built field by field: V8 (Node 20) takes a slow path for `{ ...item, why }`
function evidenceItem(f: Fact): EvidenceItem {
  const item: EvidenceItem = { reference: f.reference, summary: f.summary, summaryText: f.summaryText };
  const date = f.date && isoInstant(f.date);
  if (date) item.date = date;
  if (f.code) item.code = f.code;
  return item;
}

function excludedItem(f: ExcludedFact): ExcludedEvidence {
  // a reason can quote the record (an unknown code, a unit): kept to a line
  const why = boundedText(f.why);
  return Object.assign(evidenceItem(f), { why: why.en, whyText: why });
}

function evaluate(def: CriterionDef, facts: ClinicalFacts, answers: SurgeonAnswers): Evaluation {
  // the evaluator of the criterion's own kind, given the definition of that kind
  const evaluator = EVALUATORS[def.kind] as Evaluator;
  try {
    return evaluator({ facts, def, answers });
  } catch {
    // a malformed record must not take the assessment down: this criterion becomes unknown
  }
  return {
    status: 'unknown',
    evidence: [],
    excluded: [],
    supply: 'record',
    rationale: {
      en: 'This criterion could not be evaluated from the record.',
      de: 'Dieses Kriterium konnte aus der Akte nicht beurteilt werden.',
    },
  };
}

interface Scored {
  def: CriterionDef;
  evaluation: Evaluation;
  result: CriterionResult;
}

/** each question made once per definition and shared by every assessment (read-only) */
const QUESTIONS = new WeakMap<CriterionDef | SharedQuestion, Question>();

/** the criterion's own question, or the shared one its outcome turns on (answered under its own id) */
function questionOf(owner: CriterionDef | SharedQuestion, question: QuestionDef): Question {
  let made = QUESTIONS.get(owner);
  if (!made) {
    made = Object.freeze({ criterion: owner.id, ...question });
    QUESTIONS.set(owner, made);
  }
  return made;
}

function result(def: CriterionDef, e: Evaluation, answers: SurgeonAnswers, rule: AggregationRule): CriterionResult {
  const own = answers[def.id];
  const byOther = def.answeredBy?.map((id) => answers[id]).find((a) => a && a.status !== 'unknown');
  const r: CriterionResult = {
    id: def.id,
    group: def.group,
    title: def.title,
    status: e.status,
    source: 'record',
    evidence: e.evidence.map(evidenceItem),
    excluded: e.excluded.map(excludedItem),
    rationale: e.rationale.en,
    rationaleText: e.rationale,
    citations: def.citations,
  };
  if (e.asks) r.question = questionOf(e.asks, e.asks.question);
  else if (def.question) r.question = questionOf(def, def.question);
  if (speaksAgainst(def.group, e.status, rule)) r.chartFinding = { status: e.status, rationale: e.rationale };
  // a number (pain today) or a list of levels without choices (planned levels) is data the
  // evaluator weighs itself, not a status the surgeon sets
  const dataAnswer =
    (def.question?.kind === 'number' && own?.value !== undefined) ||
    (def.question?.kind === 'levels' && !def.question.options && !!own?.levels?.length);
  const given = dataAnswer ? undefined : (own ?? (byOther ? { ...byOther, status: 'met' as const } : undefined));
  // README "The surgeon decides, with a reason": overturning what the record proves counts only with the surgeon's reason
  const overturns = given !== undefined && r.chartFinding !== undefined && given.status !== e.status;
  const answer = overturns && !given.reason ? undefined : given;
  if (given && !answer) r.unappliedAnswer = { status: given.status };
  if (dataAnswer && own) {
    r.source = 'surgeon';
    if (own.answeredAt) r.answeredAt = own.answeredAt;
  } else if (answer) {
    const label = own
      ? optionLabel(def, answer.status)
      : ({
          en: 'answered with the posterior-wall finding',
          de: 'mit dem Befund der Hinterkante beantwortet',
        } satisfies Localized);
    const details = [
      answer.levels?.length ? EVIDENCE_WORDS.answerLevels(answer.levels) : undefined,
      answer.reason ? EVIDENCE_WORDS.answerReason(answer.reason) : undefined,
      answer.note ? asWritten(answer.note) : undefined,
    ].filter((d) => d !== undefined);
    const detail = details.length ? localized((lang) => details.map((d) => d[lang]).join('; ')) : undefined;
    r.status = answer.status;
    r.source = 'surgeon';
    if (answer.answeredAt) r.answeredAt = answer.answeredAt;
    r.evidence.unshift({
      reference: 'surgeon',
      ...summarised(EVIDENCE_WORDS.surgeon(label, detail)),
      ...(answer.answeredAt ? { date: answer.answeredAt } : {}),
    });
    if (overturns && answer.reason) {
      r.overruled = { by: 'answer', reason: answer.reason, ...(answer.answeredAt && { at: answer.answeredAt }) };
      r.rationaleText = {
        en: `Chart finding overruled by the surgeon (${label.en}): ${answer.reason}. Record: ${e.rationale.en}`,
        de: `Befund der Akte vom Operateur überstimmt (${label.de}): ${answer.reason}. Akte: ${e.rationale.de}`,
      };
    } else
      r.rationaleText = {
        en: `Surgeon's answer: ${label.en}. Record: ${e.rationale.en}`,
        de: `Angabe des Operateurs: ${label.de}. Akte: ${e.rationale.de}`,
      };
    r.rationale = r.rationaleText.en;
  }
  if (own?.outsideRange) setAsideOutsideRange(r, own.outsideRange, own.status === 'unknown' && !own.levels?.length);
  const needsAction =
    (def.group === 'relative-contraindication' && r.status === 'met') ||
    (def.group === 'requirement' && r.status !== 'met') ||
    (def.group === 'indication' && r.status === 'not-met');
  // the record's outcome may name its own action, or none (pain not severe: the pain criteria decide)
  const caution = r.source === 'record' && e.caution !== undefined ? e.caution : def.caution;
  // data that may exist but was not read is read again, not ordered (issue #15, finding 2)
  if (needsAction && r.source === 'record' && r.status === 'unknown' && e.supply === 'record')
    r.caution = {
      en: `${e.rationale.en} Read it again, or check the chart.`,
      de: `${e.rationale.de} Erneut lesen oder in der Akte prüfen.`,
    };
  else if (caution && needsAction) r.caution = caution;
  // the evaluator's rationale ends with the open question, so the caution names what to confirm
  else if (askOpen(r, e)) r.caution = e.rationale;
  // a contraindication not known, where the rule set weighs it as a caution: the caution names it
  else if (r.status === 'unknown' && unknownGivesCaution(rule, def.group, def.id))
    r.caution = notKnown(e.asks?.need ?? def.need);
  return r;
}

/** the surgeon's levels outside the range, listed as set aside; the rationale asks when nothing within it is left */
function setAsideOutsideRange(
  r: CriterionResult,
  { levels, from, to }: LevelsOutsideRange,
  nothingLeft: boolean,
): void {
  r.excluded.push({
    reference: 'surgeon',
    ...summarised(EVIDENCE_WORDS.surgeonLevels(levels)),
    why: SET_ASIDE.outsideRange(from, to).en,
    whyText: SET_ASIDE.outsideRange(from, to),
  });
  if (!nothingLeft) return;
  r.rationaleText = {
    en: `The surgeon gave ${levels.join(', ')}, outside the range of this rule set (${from}-${to}): is a level within ${from}-${to} to be treated?`,
    de: `Vom Operateur angegeben: ${levels.join(', ')}, außerhalb des Bereichs dieses Regelwerks (${from}-${to}): soll eine Höhe in ${from}-${to} behandelt werden?`,
  };
  r.rationale = r.rationaleText.en;
}

function notKnown(need: Localized): Localized {
  return {
    en: `Not known: ${need.en}. Clarify before the procedure.`,
    de: `Nicht bekannt: ${need.de}. Vor dem Eingriff klären.`,
  };
}

/** met from the record, yet the surgeon has still to complete it (a level, an earlier augmentation) */
function askOpen(r: CriterionResult, e: Evaluation): boolean {
  return r.source === 'record' && e.ask === true;
}

function missingItems(scored: Scored[]): MissingItem[] {
  const out: MissingItem[] = [];
  for (const { def, evaluation, result: r } of scored) {
    const open =
      r.status === 'unknown' || askOpen(r, evaluation) || (def.group === 'requirement' && r.status === 'not-met');
    if (!open) continue;
    const supply = evaluation.supply ?? def.supply;
    const unread = supply === 'record';
    const need = evaluation.asks?.need ?? def.need;
    out.push({
      criterion: def.id,
      need: unread ? `${need.en} (part of the record could not be read)` : need.en,
      needText: unread
        ? ({
            en: `${need.en} (part of the record could not be read)`,
            de: `${need.de} (ein Teil der Akte konnte nicht gelesen werden)`,
          } satisfies Localized)
        : need,
      supply,
    });
  }
  return out;
}

function levelsOf(scored: Scored[], answers: SurgeonAnswers): string[] {
  const lesion = scored.find((s) => s.def.kind === 'painful-lesion');
  if (!lesion) return [];
  const answer = answers[lesion.def.id];
  if (lesion.result.status === 'not-met') return [];
  return answer?.levels?.length ? answer.levels : (lesion.evaluation.levels ?? []);
}

function levelDetails(levels: string[], facts: ClinicalFacts, rs: RuleSet): LevelSummary[] {
  const lesionDef = rs.criteria.find((c): c is CriterionDefOf<'painful-lesion'> => c.kind === 'painful-lesion');
  const lesions = lesionDef ? lesionsOf(facts, lesionSetsOf(lesionDef), levelRange(lesionDef)) : undefined;
  return levels.map((level) => {
    const findings = new Set<string>();
    for (const l of lesions?.counted ?? []) if (l.levels.includes(level)) findings.add(subtypeText(l.subtype).en);
    for (const r of facts.reports) {
      if (!r.levels.includes(level)) continue;
      if (r.oedema)
        findings.add(
          `${r.oedema === 'present' ? 'oedema' : 'no oedema'} on imaging ${isoDay(r.date, facts.now) ?? ''}`.trim(),
        );
      if (r.posteriorWall) findings.add(`posterior wall ${r.posteriorWall}`);
    }
    return { level, findings: [...findings] };
  });
}

/** what was read, as the engine weighed it (a list with an unreadable drug counts as partly read) */
function readsOf(facts: ClinicalFacts): Assessment['reads'] {
  const out: Assessment['reads'] = {};
  for (const [type, read] of Object.entries(obj(facts.reads) ?? {})) {
    const state = str(field(read, 'state'));
    if (!state) continue;
    const reason = str(field(read, 'reason'));
    const text = field(read, 'reasonText');
    const en = str(field(text, 'en'));
    const de = str(field(text, 'de'));
    out[type] = { state, ...(reason && { reason }), ...(en && de && { reasonText: { en, de } }) };
  }
  return out;
}

/** from the verdict that speaks most against the procedure to the one that speaks least */
const PERMISSIVENESS: readonly Recommendation[] = [
  'not-eligible',
  'insufficient-data',
  'eligible-with-cautions',
  'eligible',
];

/**
 * README "The surgeon decides, with a reason", for an override: one that sets a more permissive verdict than the record's
 * overrules the chart findings that decided it, for the override's reason.
 */
function markOverruledByOverride(
  results: CriterionResult[],
  decisive: readonly string[],
  computed: Recommendation,
  override: Override,
): void {
  if (PERMISSIVENESS.indexOf(override.recommendation) <= PERMISSIVENESS.indexOf(computed)) return;
  for (const r of results)
    if (decisive.includes(r.id) && r.chartFinding && !r.overruled)
      r.overruled = { by: 'override', reason: override.reason, at: override.at };
}

function validOverride(o: Override | undefined): Override | undefined {
  if (!o || !RECOMMENDATIONS.includes(o.recommendation) || typeof o.reason !== 'string' || !o.reason.trim())
    return undefined;
  return o;
}

/**
 * PatientRecord + answers + rule set → Assessment. Pure: the same input gives the same output;
 * every window is measured against `options.now`.
 */
export function assess(record: PatientRecord, options: AssessOptions): Assessment {
  const id = options.ruleSetId ?? DEFAULT_RULE_SET;
  const rs = ruleSet(id);
  if (!rs) throw new Error(`unknown rule set "${id}"`);
  if (!(options.now instanceof Date) || !Number.isFinite(options.now.getTime()))
    throw new Error('assess: `now` must be a valid Date');
  const zone = typeof options.timeZone === 'object' ? options.timeZone : timeZone(options.timeZone ?? 'UTC');
  if (!zone) throw new Error(`assess: unknown time zone "${options.timeZone}"`);
  const now = zonedNow(options.now, zone);
  const answers = answersWithinRange(cleanAnswers(options.answers), rs.criteria);
  const facts = withSurgeonPain(buildFacts(record, now), rs.criteria, answers);

  const scored: Scored[] = rs.criteria.map((def) => {
    const evaluation = evaluate(def, facts, answers);
    return { def, evaluation, result: result(def, evaluation, answers, rs.aggregation) };
  });
  const results = scored.map((s) => s.result);
  const missing = missingItems(scored);
  const { recommendation, decisive } = aggregate(results, missing, rs.aggregation);
  const override = validOverride(options.override);
  if (override) markOverruledByOverride(results, decisive, recommendation, override);
  const final = override?.recommendation ?? recommendation;
  // README "How the record is weighed": once a criterion settles "not eligible", no work-up is advised
  const settled =
    final === 'not-eligible' &&
    results.some((r) => decisive.includes(r.id) && !r.overruled && settlesNotEligible(r, rs.aggregation));
  if (settled) for (const r of results) delete r.caution;
  const levels = levelsOf(scored, answers);
  const reads = readsOf(facts);
  const documentation = documentationChecklist({ ruleset: rs.info, criteria: results, reads });
  return {
    recommendation: final,
    computedRecommendation: recommendation,
    ...(override ? { override } : {}),
    ruleset: { id: rs.info.id, version: rs.info.version },
    rulesetInfo: rs.info,
    assessedAt: now.toISOString(),
    levels,
    levelDetails: levelDetails(levels, facts, rs),
    criteria: results,
    missing: settled ? missing.filter((m) => m.supply !== 'order') : missing,
    decisive,
    reads,
    ...(documentation ? { documentation } : {}),
  };
}
