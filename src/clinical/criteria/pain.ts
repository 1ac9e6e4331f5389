import { ageInDays, latestPossible, writtenDate } from '../dates';
import { localized, type Localized } from '../../lang';
import type { ClinicalFacts, MedicationFact, ObservationFact } from '../facts';
import { CARE_SETTING } from '../rulesets/types';
import { lesionSetsOf, levelRange, lesionsOf, onlyMalignant, type Lesions } from './lesions';
import { careSetting } from './setting';
import {
  ANALGESIC_READS,
  collect,
  notReadRationale,
  olderThan,
  painScoreText,
  readFully,
  threshold,
  within,
  type EvalContext,
  type Evaluation,
} from './types';

const PAIN = 'VS-PAIN-SCORE';
const ANALGESICS = 'VS-ANALGESICS';
const PAIN_SCORE: Localized = { en: 'pain score', de: 'Schmerzwert' };

interface PainWindow {
  latest?: ObservationFact;
  recent: ObservationFact[];
  older: ObservationFact[];
}

/** pain scores (newest first; the surgeon's "pain today" is already at the front) within the window */
export function painWindow(facts: ClinicalFacts, days: number): PainWindow {
  const all = (facts.observations.found.get(PAIN) ?? []).filter((p) => p.value !== undefined);
  const recent = all.filter((p) => within(p.date, facts.now, days));
  return { latest: recent[0], recent, older: all.filter((p) => !recent.includes(p)).slice(0, 3) };
}

interface Analgesia {
  active: MedicationFact[];
  possible: number;
  /** absence of analgesics is proven (medication lists read fully, no text-only hint) */
  noneProven: boolean;
}

function analgesia(facts: ClinicalFacts): Analgesia {
  const active = collect(facts.medications.found, [ANALGESICS]);
  const possible = collect(facts.medications.possible, [ANALGESICS]).length;
  return { active, possible, noneProven: !active.length && !possible && readFully(facts, ANALGESIC_READS).full };
}

/**
 * How long analgesics have been taken: the days surely (a start written as a month or a year counts
 * from the latest day it can mean) and the days possibly (from the earliest), with the start that
 * gives the latter; undefined when no start is recorded.
 */
function analgesicDays(
  active: MedicationFact[],
  now: Date,
): { surely: number; possibly: number; since: Date } | undefined {
  let surely = -1;
  let possibly = -1;
  let since: Date | undefined;
  for (const m of active) {
    if (!m.start) continue;
    surely = Math.max(surely, ageInDays(latestPossible(m.start, now), now));
    const days = ageInDays(m.start, now);
    if (days > possibly) [possibly, since] = [days, m.start];
  }
  return since && { surely, possibly, since };
}

export function noScore(w: PainWindow, days: number, facts: ClinicalFacts): Evaluation {
  const read = readFully(facts, ['Observation']);
  return {
    status: 'unknown',
    supply: read.full ? 'answer' : 'record',
    evidence: [],
    excluded: [...w.older.map((p) => olderThan(p, days)), ...collect(facts.observations.excluded, [PAIN])],
    rationale: read.full
      ? ({
          en: `No pain score in the last ${days} days.`,
          de: `Kein Schmerzwert in den letzten ${days} Tagen.`,
        } satisfies Localized)
      : notReadRationale(facts, read, PAIN_SCORE),
  };
}

/** the pain as read, and why analgesia is not known: lists not read, or an analgesic named only in text */
function analgesiaUnknown(facts: ClinicalFacts, pain: Localized): Localized {
  const read = readFully(facts, ANALGESIC_READS);
  const why = read.full
    ? ({
        en: 'Whether analgesics are taken is not known.',
        de: 'Ob Analgetika eingenommen werden, ist unbekannt.',
      } satisfies Localized)
    : notReadRationale(facts, read, { en: 'analgesic therapy', de: 'analgetische Therapie' });
  return localized((lang) => `${pain[lang]} ${why[lang]}`);
}

export function painSevere({ facts, def }: EvalContext<'pain-severe'>): Evaluation {
  const days = threshold(def, 'windowDays');
  const min = threshold(def, 'minScore');
  const w = painWindow(facts, days);
  if (!w.latest) return noScore(w, days, facts);
  const score = painScoreText(w.latest, facts.now);
  const met = (w.latest.value ?? 0) >= min;
  return {
    status: met ? 'met' : 'not-met',
    evidence: [w.latest],
    excluded: [],
    rationale: met
      ? ({
          en: `Latest pain ${score.en} (≥ ${min}).`,
          de: `Letzter Schmerzwert ${score.de} (≥ ${min}).`,
        } satisfies Localized)
      : ({
          en: `Latest pain ${score.en} is below ${min}.`,
          de: `Letzter Schmerzwert ${score.de} liegt unter ${min}.`,
        } satisfies Localized),
  };
}

/** no analgesic recorded, yet absence not proven: named only in text, or the lists not read fully */
function untakenAnalgesia(facts: ClinicalFacts): Evaluation {
  const check = readFully(facts, ANALGESIC_READS);
  return {
    status: 'unknown',
    evidence: [],
    excluded: [
      ...collect(facts.medications.possible, [ANALGESICS]),
      ...collect(facts.medications.excluded, [ANALGESICS]),
    ],
    supply: check.full ? 'answer' : 'record',
    rationale: check.full
      ? ({
          en: 'An analgesic is named only in text: confirm the therapy.',
          de: 'Ein Analgetikum ist nur als Text genannt: Therapie bitte bestätigen.',
        } satisfies Localized)
      : notReadRationale(facts, check, { en: 'analgesic therapy', de: 'analgetische Therapie' }),
  };
}

/**
 * Conservative therapy failed: analgesics for the minimum duration with pain still severe. An
 * inpatient with pain at the inpatient score needs no 3 weeks (LCD); where the record does not tell
 * the care setting and the two readings differ, the criterion asks whether the patient is an inpatient.
 */
export function conservativeFailed(ctx: EvalContext<'conservative-failed'>): Evaluation {
  const { facts, def } = ctx;
  const w = painWindow(facts, threshold(def, 'windowDays'));
  const lesions = lesionsOf(facts, lesionSetsOf(def), levelRange(def));
  if (onlyMalignant(lesions)) return malignantTherapy(ctx, lesions);
  const inpatientScore = threshold(def, 'inpatientScore');
  const severe = w.latest && (w.latest.value ?? 0) >= inpatientScore ? w.latest : undefined;
  if (!severe) return outpatientTherapy(ctx, w);
  const setting = careSetting(ctx);
  const score = painScoreText(severe, facts.now);
  // the answer stays asked (and shown) wherever it decides, so the surgeon can see and change it
  const asked = setting.answered ? { asks: CARE_SETTING } : {};
  if (setting.hospitalised === true)
    return {
      status: 'met',
      evidence: [severe, ...setting.evidence],
      excluded: [],
      rationale: {
        en: `Hospitalised with ${score.en}: no 3-week rule (LCD).`,
        de: `Stationär mit ${score.de}: keine 3-Wochen-Regel (LCD).`,
      },
      ...asked,
    };
  const outpatient = outpatientTherapy(ctx, w);
  if (setting.hospitalised === false)
    return { ...outpatient, evidence: [...outpatient.evidence, ...setting.evidence], ...asked };
  if (outpatient.status === 'met') return outpatient;
  return {
    status: 'unknown',
    supply: 'answer',
    asks: CARE_SETTING,
    evidence: [severe, ...outpatient.evidence.filter((f) => f !== severe)],
    excluded: outpatient.excluded,
    rationale: {
      en: `An inpatient with ${score.en} (≥ ${inpatientScore}) needs no 3 weeks of analgesia; an outpatient does: ${outpatient.rationale.en} No encounter tells the care setting.`,
      de: `Stationär braucht ${score.de} (≥ ${inpatientScore}) keine 3 Wochen Analgesie, ambulant schon: ${outpatient.rationale.de} Kein Aufenthalt nennt das Versorgungssetting.`,
    },
  };
}

/**
 * Malignant osteolysis: the guideline waives conservative therapy ("pain unresponsive to medical
 * therapy" is enough). A rule set with the threshold `malignantMinDays` (lcd-pva) asks for an
 * analgesic recorded for at least that long, or the surgeon's answer.
 */
function malignantTherapy({ facts, def }: EvalContext<'conservative-failed'>, lesions: Lesions): Evaluation {
  const lesionFacts = lesions.counted.map((l) => l.fact);
  const minDays = def.thresholds.malignantMinDays?.value;
  if (minDays === undefined)
    return {
      status: 'met',
      evidence: lesionFacts,
      excluded: [],
      rationale: {
        en: 'Not required for malignant osteolysis (pain unresponsive to medical therapy is enough).',
        de: 'Bei maligner Osteolyse nicht erforderlich.',
      },
    };
  const a = analgesia(facts);
  const days = analgesicDays(a.active, facts.now);
  if (a.active.length && (minDays <= 0 || (days !== undefined && days.surely >= minDays)))
    return {
      status: 'met',
      evidence: [...lesionFacts, ...a.active],
      excluded: [],
      rationale: {
        en: `Malignant osteolysis with analgesic therapy recorded (${a.active[0]?.summary}): pain unresponsive to medical therapy.`,
        de: `Maligne Osteolyse mit dokumentierter analgetischer Therapie (${a.active[0]?.summaryText.de}): Schmerz trotz medikamentöser Therapie.`,
      },
    };
  if (a.noneProven || a.active.length)
    return {
      status: 'not-met',
      evidence: [...lesionFacts, ...a.active],
      excluded: collect(facts.medications.excluded, [ANALGESICS]),
      rationale: a.active.length
        ? ({
            en: `Malignant osteolysis; analgesics for fewer than ${minDays} days.`,
            de: `Maligne Osteolyse; Analgetika seit weniger als ${minDays} Tagen.`,
          } satisfies Localized)
        : ({
            en: 'Malignant osteolysis, but no analgesic therapy is recorded: covered only when the pain is unresponsive to medical therapy.',
            de: 'Maligne Osteolyse, aber keine analgetische Therapie dokumentiert: abgedeckt nur bei Schmerz trotz medikamentöser Therapie.',
          } satisfies Localized),
      caution: {
        en: 'Treat the pain medically first, or document the analgesic therapy it has not responded to.',
        de: 'Schmerz zunächst medikamentös behandeln oder die erfolglose analgetische Therapie dokumentieren.',
      },
    };
  return untakenAnalgesia(facts);
}

/** the guideline's reading: analgesics for the minimum duration, pain still at the minimum score */
function outpatientTherapy({ facts, def }: EvalContext<'conservative-failed'>, w: PainWindow): Evaluation {
  const minDays = threshold(def, 'minDays');
  const min = threshold(def, 'minScore');
  const a = analgesia(facts);
  if (!a.active.length) {
    if (a.noneProven)
      return {
        status: 'not-met',
        evidence: [],
        excluded: collect(facts.medications.excluded, [ANALGESICS]),
        rationale: {
          en: 'No active analgesic therapy is recorded.',
          de: 'Keine aktive analgetische Therapie dokumentiert.',
        },
      };
    return untakenAnalgesia(facts);
  }
  const days = analgesicDays(a.active, facts.now);
  if (!days)
    return {
      status: 'unknown',
      evidence: a.active,
      excluded: [],
      rationale: {
        en: 'Analgesics are active, but since when is not recorded.',
        de: 'Analgetika aktiv, Beginn aber nicht dokumentiert.',
      },
    };
  const longest = days.surely;
  if (longest < minDays && days.possibly >= minDays) {
    const since = writtenDate(days.since);
    return {
      status: 'unknown',
      evidence: a.active,
      excluded: [],
      supply: 'answer',
      rationale: {
        en: `Analgesics since ${since} (no day recorded): between ${longest} and ${days.possibly} days, so ${minDays} days are not proven.`,
        de: `Analgetika seit ${since} (ohne Tagesangabe): zwischen ${longest} und ${days.possibly} Tagen, ${minDays} Tage sind also nicht belegt.`,
      },
    };
  }
  if (longest < minDays) {
    return {
      status: 'not-met',
      evidence: a.active,
      excluded: [],
      rationale: {
        en: `Analgesics for ${longest} days only (< ${minDays}).`,
        de: `Analgetika erst seit ${longest} Tagen (< ${minDays}).`,
      },
    };
  }
  if (!w.latest) {
    const read = readFully(facts, ['Observation']);
    const since: Localized = { en: `Analgesics for ${longest} days`, de: `Analgetika seit ${longest} Tagen` };
    const unread = notReadRationale(facts, read, PAIN_SCORE);
    return {
      status: 'unknown',
      evidence: a.active,
      excluded: [],
      ...(read.full ? {} : { supply: 'record' as const }),
      rationale: read.full
        ? ({
            en: `${since.en}, but no recent pain score.`,
            de: `${since.de}, aber kein aktueller Schmerzwert.`,
          } satisfies Localized)
        : localized((lang) => `${since[lang]}. ${unread[lang]}`),
    };
  }
  const refractory = (w.latest.value ?? 0) >= min;
  const score = painScoreText(w.latest, facts.now);
  return {
    status: refractory ? 'met' : 'not-met',
    evidence: [...a.active, w.latest],
    excluded: [],
    rationale: refractory
      ? ({
          en: `Pain ${score.en} despite analgesics for ${longest} days.`,
          de: `Schmerz ${score.de} trotz Analgetika seit ${longest} Tagen.`,
        } satisfies Localized)
      : ({
          en: `Pain ${score.en} under analgesics: not refractory.`,
          de: `Schmerz ${score.de} unter Analgetika: nicht therapierefraktär.`,
        } satisfies Localized),
    // pain under analgesics is no reason to wait 3 more weeks: pain-severe and pain-controlled decide
    ...(refractory ? {} : { caution: false as const }),
  };
}

export function asymptomatic({ facts, def }: EvalContext<'asymptomatic'>): Evaluation {
  const days = threshold(def, 'windowDays');
  const w = painWindow(facts, days);
  if (!w.latest) return noScore(w, days, facts);
  const score = painScoreText(w.latest, facts.now);
  if ((w.latest.value ?? 0) > 0)
    return {
      status: 'not-met',
      evidence: [w.latest],
      excluded: [],
      rationale: { en: `Pain is present: ${score.en}.`, de: `Schmerzen vorhanden: ${score.de}.` },
    };
  const a = analgesia(facts);
  if (a.active.length)
    return {
      status: 'not-met',
      evidence: [w.latest, ...a.active],
      excluded: [],
      rationale: {
        en: 'No pain, but on analgesics (see pain controlled).',
        de: 'Schmerzfrei, aber unter Analgetika (siehe medikamentös beherrscht).',
      },
    };
  if (!a.noneProven)
    return {
      status: 'unknown',
      evidence: [w.latest],
      excluded: [],
      supply: 'record',
      rationale: analgesiaUnknown(facts, { en: `No pain (${score.en}).`, de: `Schmerzfrei (${score.de}).` }),
    };
  return {
    status: 'met',
    evidence: [w.latest],
    excluded: [],
    rationale: {
      en: `${score.en} with no analgesic: the fracture causes no pain.`,
      de: `${score.de} ohne Analgetikum: die Fraktur verursacht keine Schmerzen.`,
    },
  };
}

export function painControlled({ facts, def }: EvalContext<'pain-controlled'>): Evaluation {
  const days = threshold(def, 'windowDays');
  const below = threshold(def, 'belowScore');
  const w = painWindow(facts, days);
  if (!w.latest) return noScore(w, days, facts);
  const score = painScoreText(w.latest, facts.now);
  const latest = w.latest.value ?? 0;
  if (latest >= below)
    return {
      status: 'not-met',
      evidence: [w.latest],
      excluded: [],
      rationale: {
        en: `Pain ${score.en} is not controlled (≥ ${below}).`,
        de: `Schmerz ${score.de} ist nicht beherrscht (≥ ${below}).`,
      },
    };
  const a = analgesia(facts);
  if (a.active.length)
    return {
      status: 'met',
      evidence: [w.latest, ...a.active],
      excluded: [],
      rationale: {
        en: `Pain ${score.en} (< ${below}) on analgesics: alleviated by drug treatment.`,
        de: `Schmerz ${score.de} (< ${below}) unter Analgetika: medikamentös gelindert.`,
      },
    };
  const earlierHigh = w.recent.slice(1).find((p) => (p.value ?? 0) >= below);
  if (earlierHigh)
    return {
      status: 'met',
      evidence: [w.latest, earlierHigh],
      excluded: [],
      rationale: {
        en: `Pain fell from ${painScoreText(earlierHigh, facts.now).en} to ${score.en} within ${days} days.`,
        de: `Schmerz fiel von ${painScoreText(earlierHigh, facts.now).de} auf ${score.de} innerhalb von ${days} Tagen.`,
      },
    };
  if (!a.noneProven)
    return {
      status: 'unknown',
      evidence: [w.latest],
      excluded: [],
      supply: 'record',
      rationale: analgesiaUnknown(facts, { en: `Pain ${score.en}.`, de: `Schmerz ${score.de}.` }),
    };
  return {
    status: 'not-met',
    evidence: [w.latest],
    excluded: [],
    rationale: {
      en: `Pain ${score.en} without analgesics: not a drug effect.`,
      de: `Schmerz ${score.de} ohne Analgetika: keine Medikamentenwirkung.`,
    },
  };
}
