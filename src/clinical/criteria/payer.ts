import { EVIDENCE_WORDS, summarised } from '../evidence-words';
import type { Fact, ObservationFact } from '../facts';
import type { Localized } from '../../lang';
import { CARE_SETTING } from '../rulesets/types';
import { lesionSetsOf, levelRange, lesionsOf, onlyNonFractures } from './lesions';
import { careSetting } from './setting';
import { noScore, painWindow } from './pain';
import { collect, painScoreText, threshold, unknownWithUnread, type EvalContext, type Evaluation } from './types';

/**
 * Evaluators of the payer rule set (lcd-pva) whose meaning differs from the guideline's: the pain
 * threshold by care setting, the LCD's "worsening pain or two supporting findings", the documentation
 * it asks for (functional score, bone-health referral) and the judgements only the surgeon can make.
 * Every number comes from the criterion's thresholds; another criterion's answer is read under its id in `links`.
 */

/** the surgeon's number answer to a criterion, when it is a finite number */
function answeredValue(ctx: EvalContext, id: string | undefined): number | undefined {
  const value = id ? ctx.answers[id]?.value : undefined;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/**
 * LCD: hospitalised patients need NRS/VAS ≥ 8, others ≥ 5 (their optimal non-surgical management is
 * a criterion of its own). Where the care setting is unknown, a score ≥ 8 meets either threshold and
 * one below 5 neither; a score between them asks whether the patient is an inpatient.
 */
export function painBySetting(ctx: EvalContext<'pain-by-setting'>): Evaluation {
  const { facts, def } = ctx;
  const days = threshold(def, 'windowDays');
  const outpatient = threshold(def, 'outpatientScore');
  const inpatient = threshold(def, 'inpatientScore');
  const w = painWindow(facts, days);
  if (!w.latest) return noScore(w, days, facts);
  const value = w.latest.value ?? 0;
  const score = painScoreText(w.latest, facts.now);
  const setting = careSetting(ctx);
  const evidence = [w.latest, ...setting.evidence];
  // the answer stays asked (and shown) wherever it decides: a score between the two thresholds
  const asked = setting.answered && value >= outpatient && value < inpatient ? { asks: CARE_SETTING } : {};
  if (setting.hospitalised === true) {
    return value >= inpatient
      ? {
          status: 'met',
          evidence,
          excluded: [],
          rationale: {
            en: `Hospitalised with ${score.en} (≥ ${inpatient}).`,
            de: `Stationär mit ${score.de} (≥ ${inpatient}).`,
          },
        }
      : {
          status: 'not-met',
          evidence,
          excluded: [],
          rationale: {
            en: `Hospitalised with ${score.en}: the LCD asks for ≥ ${inpatient} in hospital.`,
            de: `Stationär mit ${score.de}: die LCD verlangt stationär ≥ ${inpatient}.`,
          },
          ...asked,
        };
  }
  if (value < outpatient)
    return {
      status: 'not-met',
      evidence,
      excluded: [],
      rationale: {
        en: `Latest pain ${score.en} is below ${outpatient}.`,
        de: `Letzter Schmerzwert ${score.de} liegt unter ${outpatient}.`,
      },
    };
  if (setting.hospitalised === false || value >= inpatient) {
    return {
      status: 'met',
      evidence,
      excluded: [],
      rationale: {
        en: `${score.en} meets the threshold of the care setting (outpatient ≥ ${outpatient}, hospitalised ≥ ${inpatient}).`,
        de: `${score.de} erreicht die Schwelle des Versorgungssettings (ambulant ≥ ${outpatient}, stationär ≥ ${inpatient}).`,
      },
      ...asked,
    };
  }
  return {
    status: 'unknown',
    evidence,
    excluded: [],
    supply: 'answer',
    asks: CARE_SETTING,
    rationale: {
      en: `${score.en}: enough for an outpatient (≥ ${outpatient}), not for an inpatient (≥ ${inpatient}); no encounter tells the care setting.`,
      de: `${score.de}: ambulant ausreichend (≥ ${outpatient}), stationär nicht (≥ ${inpatient}); kein Aufenthalt nennt das Versorgungssetting.`,
    },
  };
}

interface Finding {
  name: Localized;
  present?: boolean;
  evidence: Fact[];
}

/** height loss from report text ("height loss 30 %"); vertebra plana counts as > 25 % */
function heightLossFinding(ctx: EvalContext<'pain-course'>): Finding {
  const limit = threshold(ctx.def, 'heightLossAbove');
  const name: Localized = { en: `height loss > ${limit} %`, de: `Höhenminderung > ${limit} %` };
  const measured = ctx.facts.reports.find((r) => r.heightLoss !== undefined || r.vertebraPlana);
  if (!measured) return { name, evidence: [] };
  return { name, present: measured.vertebraPlana || (measured.heightLoss ?? 0) > limit, evidence: [measured] };
}

/** the surgeon's Roland-Morris score; one off the questionnaire's scale is no score, as req.functional-score holds */
function rmdqFinding(ctx: EvalContext<'pain-course'>): Finding {
  const limit = threshold(ctx.def, 'rmdqAbove');
  const max = threshold(ctx.def, 'rmdqMax');
  const name: Localized = { en: `Roland-Morris > ${limit}`, de: `Roland-Morris > ${limit}` };
  const answered = answeredValue(ctx, ctx.def.links.functionalScore);
  return answered === undefined || answered < 0 || answered > max
    ? { name, evidence: [] }
    : {
        name,
        present: answered > limit,
        evidence: [{ reference: 'surgeon', ...summarised(EVIDENCE_WORDS.rolandMorris(answered, max)) }],
      };
}

const NONE: Localized = { en: 'none', de: 'keine' };

/** kyphotic deformity is not read from the record (see the rule set's open points) */
function kyphosisFinding(): Finding {
  return { name: { en: 'kyphotic deformity', de: 'kyphotische Deformität' }, evidence: [] };
}

/**
 * Worsening pain: the latest score in the window at least `worseningRise` points above an earlier
 * one in the window (the lowest, so the rise shown is the largest).
 */
function worsening(ctx: EvalContext<'pain-course'>): ObservationFact[] | undefined {
  const w = painWindow(ctx.facts, threshold(ctx.def, 'windowDays'));
  const latest = w.latest;
  if (!latest) return undefined;
  const rise = threshold(ctx.def, 'worseningRise');
  let lowest: ObservationFact | undefined;
  for (const p of w.recent.slice(1)) if ((p.value ?? 0) < (lowest?.value ?? Infinity)) lowest = p;
  return lowest && (latest.value ?? 0) - (lowest.value ?? 0) >= rise ? [latest, lowest] : undefined;
}

/**
 * LCD: "worsening pain", or pain NRS/VAS ≥ 5 with at least two of vertebral height loss > 25 %,
 * kyphotic deformity, Roland-Morris > 17. Osteolytic metastasis or myeloma follows its own path
 * (intractable pain), so this does not apply there.
 */
export function painCourse(ctx: EvalContext<'pain-course'>): Evaluation {
  const { facts, def } = ctx;
  const lesions = lesionsOf(facts, lesionSetsOf(def), levelRange(def));
  if (onlyNonFractures(lesions)) {
    return {
      status: 'met',
      evidence: lesions.counted.map((l) => l.fact),
      excluded: [],
      rationale: {
        en: 'Osteolytic metastasis or myeloma: covered with intractable pain, no supporting findings needed.',
        de: 'Osteolytische Metastase oder Myelom: bei therapierefraktärem Schmerz abgedeckt, keine Zusatzbefunde nötig.',
      },
    };
  }
  const rising = worsening(ctx);
  if (rising)
    return {
      status: 'met',
      evidence: rising,
      excluded: [],
      rationale: {
        en: `Worsening pain: ${painScoreText(rising[1] as ObservationFact, facts.now).en} → ${painScoreText(rising[0] as ObservationFact, facts.now).en}.`,
        de: `Zunehmender Schmerz: ${painScoreText(rising[1] as ObservationFact, facts.now).de} → ${painScoreText(rising[0] as ObservationFact, facts.now).de}.`,
      },
    };
  const min = threshold(def, 'minScore');
  const needed = threshold(def, 'findingsNeeded');
  const latest = painWindow(facts, threshold(def, 'windowDays')).latest;
  const findings = [heightLossFinding(ctx), kyphosisFinding(), rmdqFinding(ctx)];
  const evidence = findings.flatMap((f) => f.evidence);
  const present = findings.filter((f) => f.present === true);
  const open = findings.filter((f) => f.present === undefined);
  const list = (fs: Finding[], lang: keyof Localized) => fs.map((f) => f.name[lang]).join(', ') || NONE[lang];
  if (latest && (latest.value ?? 0) < min)
    return {
      status: 'not-met',
      evidence: [latest],
      excluded: [],
      rationale: {
        en: `Pain not worsening and ${painScoreText(latest, facts.now).en} is below ${min}.`,
        de: `Schmerz nicht zunehmend und ${painScoreText(latest, facts.now).de} unter ${min}.`,
      },
    };
  if (latest && present.length >= needed) {
    return {
      status: 'met',
      evidence: [latest, ...evidence],
      excluded: [],
      rationale: {
        en: `${painScoreText(latest, facts.now).en} with ${list(present, 'en')}.`,
        de: `${painScoreText(latest, facts.now).de} mit ${list(present, 'de')}.`,
      },
    };
  }
  if (latest && present.length + open.length < needed) {
    return {
      status: 'not-met',
      evidence: [latest, ...evidence],
      excluded: [],
      rationale: {
        en: `Pain not worsening; only ${present.length} of the ${needed} supporting findings (present: ${list(present, 'en')}).`,
        de: `Schmerz nicht zunehmend; nur ${present.length} der ${needed} Zusatzbefunde (vorhanden: ${list(present, 'de')}).`,
      },
    };
  }
  // pain scores and height loss are read from observations and reports
  return unknownWithUnread(facts, ['Observation', 'DiagnosticReport'], {
    status: 'unknown',
    evidence: latest ? [latest, ...evidence] : evidence,
    excluded: [],
    supply: 'answer',
    rationale: {
      en: `No worsening documented; supporting findings present: ${list(present, 'en')}; not known: ${list(open, 'en')}.`,
      de: `Keine Zunahme dokumentiert; Zusatzbefunde vorhanden: ${list(present, 'de')}; unbekannt: ${list(open, 'de')}.`,
    },
  });
}

/** a functional score (Roland-Morris) is documented: the surgeon's number, as no LOINC code was verified */
export function functionalScore(ctx: EvalContext<'functional-score'>): Evaluation {
  const value = answeredValue(ctx, ctx.def.id);
  const max = threshold(ctx.def, 'maxScore');
  if (value !== undefined && value >= 0 && value <= max) {
    return {
      status: 'met',
      evidence: [{ reference: 'surgeon', ...summarised(EVIDENCE_WORDS.rolandMorris(value, max)) }],
      excluded: [],
      rationale: {
        en: `Roland-Morris score ${value}/${max} documented.`,
        de: `Roland-Morris-Score ${value}/${max} dokumentiert.`,
      },
    };
  }
  return {
    status: 'unknown',
    evidence: [],
    excluded: [],
    supply: 'answer',
    rationale: {
      en: 'No Roland-Morris Disability Questionnaire score is documented.',
      de: 'Kein Roland-Morris-Score (Disability Questionnaire) dokumentiert.',
    },
  };
}

/**
 * Referral for bone-density evaluation / osteoporosis treatment. A DXA T-score in the record shows
 * the evaluation was done; referrals (ServiceRequest) and osteoporosis drugs are not read, so
 * anything else is the surgeon's answer.
 */
export function boneHealth({ facts, def }: EvalContext<'bone-health'>): Evaluation {
  const tScores = collect(
    facts.observations.found,
    def.valueSets.filter((id) => id === 'VS-BMD-T-SCORE'),
  );
  if (tScores.length) {
    return {
      status: 'met',
      evidence: tScores.slice(0, 2),
      excluded: [],
      rationale: {
        en: `Bone density evaluated: ${tScores[0]?.summary}.`,
        de: `Knochendichte bestimmt: ${tScores[0]?.summaryText.de}.`,
      },
    };
  }
  const osteoporosis = collect(
    facts.conditions.found,
    def.valueSets.filter((id) => id === 'VS-OSTEOPOROSIS'),
  );
  return unknownWithUnread(facts, ['Observation', 'Condition'], {
    status: 'unknown',
    evidence: osteoporosis.slice(0, 2),
    excluded: [],
    supply: 'answer',
    rationale: osteoporosis.length
      ? ({
          en: 'Osteoporosis is diagnosed, but no bone-density result, referral or osteoporosis treatment is readable in the record.',
          de: 'Osteoporose ist diagnostiziert, aber kein Knochendichte-Befund, keine Überweisung und keine Osteoporose-Therapie ist in der Akte lesbar.',
        } satisfies Localized)
      : ({
          en: 'No bone-density result in the record; referrals and osteoporosis drugs are not read.',
          de: 'Kein Knochendichte-Befund in der Akte; Überweisungen und Osteoporose-Medikamente werden nicht gelesen.',
        } satisfies Localized),
  });
}

/** what only the surgeon can judge (the pain comes from this fracture, the spine is stable) */
export function surgeonJudgement({ def }: EvalContext<'surgeon-judgement'>): Evaluation {
  return {
    status: 'unknown',
    evidence: [],
    excluded: [],
    supply: 'answer',
    rationale: {
      en: `Not readable from the record: ${def.need.en}.`,
      de: `Aus der Akte nicht ablesbar: ${def.need.de}.`,
    },
  };
}
