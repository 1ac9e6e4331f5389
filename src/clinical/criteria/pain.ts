import { ageInDays } from '../dates';
import type { ClinicalFacts, MedicationFact, ObservationFact } from '../facts';
import { lesionsOf, onlyNonFractures } from './lesions';
import { ANALGESIC_READS, collect, day, L, notReadRationale, olderThan, readFully, threshold, within, type EvalContext, type Evaluation } from './types';

const PAIN = 'VS-PAIN-SCORE';
const ANALGESICS = 'VS-ANALGESICS';
const LESION_SETS = ['VS-VCF', 'VS-MALIGNANT-OSTEOLYSIS', 'VS-HAEMANGIOMA'];

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

function score(p: ObservationFact): string {
  return `NRS ${Math.round((p.value ?? 0) * 10) / 10} on ${day(p.date)}`;
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

function noScore(w: PainWindow, days: number, facts: ClinicalFacts): Evaluation {
  return {
    status: 'unknown',
    supply: readFully(facts, ['Observation']).full ? 'answer' : 'record',
    evidence: [],
    excluded: [...w.older.map((p) => olderThan(p, days)), ...collect(facts.observations.excluded, [PAIN])],
    rationale: L(`No pain score in the last ${days} days.`, `Kein Schmerzwert in den letzten ${days} Tagen.`),
  };
}

export function painSevere({ facts, def }: EvalContext): Evaluation {
  const days = threshold(def, 'windowDays');
  const min = threshold(def, 'minScore');
  const w = painWindow(facts, days);
  if (!w.latest) return noScore(w, days, facts);
  const met = (w.latest.value ?? 0) >= min;
  return {
    status: met ? 'met' : 'not-met',
    evidence: [w.latest],
    excluded: [],
    rationale: met ? L(`Latest pain ${score(w.latest)} (≥ ${min}).`, `Letzter Schmerzwert ${score(w.latest)} (≥ ${min}).`) : L(`Latest pain ${score(w.latest)} is below ${min}.`, `Letzter Schmerzwert ${score(w.latest)} liegt unter ${min}.`),
  };
}

export function conservativeFailed({ facts, def }: EvalContext): Evaluation {
  const minDays = threshold(def, 'minDays');
  const min = threshold(def, 'minScore');
  const w = painWindow(facts, threshold(def, 'windowDays'));
  const lesions = lesionsOf(facts, LESION_SETS);
  if (onlyNonFractures(lesions)) {
    return { status: 'met', evidence: lesions.counted.map((l) => l.fact), excluded: [], rationale: L('Not required for malignant osteolysis (pain unresponsive to medical therapy is enough).', 'Bei maligner Osteolyse nicht erforderlich.') };
  }
  if (facts.hospitalised && w.latest && (w.latest.value ?? 0) >= threshold(def, 'inpatientScore')) {
    return { status: 'met', evidence: [w.latest], excluded: [], rationale: L(`Hospitalised with ${score(w.latest)}: no 3-week rule (LCD).`, `Stationär mit ${score(w.latest)}: keine 3-Wochen-Regel (LCD).`) };
  }
  const a = analgesia(facts);
  const durations = a.active.map((m) => (m.start ? ageInDays(m.start, facts.now) : undefined));
  const longest = Math.max(-1, ...durations.map((d) => d ?? -1));
  if (!a.active.length) {
    if (a.noneProven) return { status: 'not-met', evidence: [], excluded: collect(facts.medications.excluded, [ANALGESICS]), rationale: L('No active analgesic therapy is recorded.', 'Keine aktive analgetische Therapie dokumentiert.') };
    const check = readFully(facts, ANALGESIC_READS);
    return {
      status: 'unknown',
      evidence: [],
      excluded: [...collect(facts.medications.possible, [ANALGESICS]), ...collect(facts.medications.excluded, [ANALGESICS])],
      supply: check.full ? 'answer' : 'record',
      rationale: check.full ? L('An analgesic is named only in text: confirm the therapy.', 'Ein Analgetikum ist nur als Text genannt: Therapie bitte bestätigen.') : notReadRationale(check, L('analgesic', 'Analgetikum')),
    };
  }
  if (longest < 0) return { status: 'unknown', evidence: a.active, excluded: [], rationale: L('Analgesics are active, but since when is not recorded.', 'Analgetika aktiv, Beginn aber nicht dokumentiert.') };
  if (longest < minDays) {
    return { status: 'not-met', evidence: a.active, excluded: [], rationale: L(`Analgesics for ${longest} days only (< ${minDays}): re-assess after 3 weeks.`, `Analgetika erst seit ${longest} Tagen (< ${minDays}): nach 3 Wochen erneut beurteilen.`) };
  }
  if (!w.latest) return { status: 'unknown', evidence: a.active, excluded: [], rationale: L(`Analgesics for ${longest} days, but no recent pain score.`, `Analgetika seit ${longest} Tagen, aber kein aktueller Schmerzwert.`) };
  const refractory = (w.latest.value ?? 0) >= min;
  return {
    status: refractory ? 'met' : 'not-met',
    evidence: [...a.active, w.latest],
    excluded: [],
    rationale: refractory
      ? L(`Pain ${score(w.latest)} despite analgesics for ${longest} days.`, `Schmerz ${score(w.latest)} trotz Analgetika seit ${longest} Tagen.`)
      : L(`Pain ${score(w.latest)} under analgesics: not refractory.`, `Schmerz ${score(w.latest)} unter Analgetika: nicht therapierefraktär.`),
  };
}

export function asymptomatic({ facts, def }: EvalContext): Evaluation {
  const days = threshold(def, 'windowDays');
  const w = painWindow(facts, days);
  if (!w.latest) return noScore(w, days, facts);
  if ((w.latest.value ?? 0) > 0) return { status: 'not-met', evidence: [w.latest], excluded: [], rationale: L(`Pain is present: ${score(w.latest)}.`, `Schmerzen vorhanden: ${score(w.latest)}.`) };
  const a = analgesia(facts);
  if (a.active.length) return { status: 'not-met', evidence: [w.latest, ...a.active], excluded: [], rationale: L('No pain, but on analgesics (see pain controlled).', 'Schmerzfrei, aber unter Analgetika (siehe medikamentös beherrscht).') };
  if (!a.noneProven) return { status: 'unknown', evidence: [w.latest], excluded: [], supply: 'record', rationale: L('No pain, but whether analgesics are taken is not known.', 'Schmerzfrei, aber ob Analgetika eingenommen werden, ist unbekannt.') };
  return { status: 'met', evidence: [w.latest], excluded: [], rationale: L(`${score(w.latest)} with no analgesic: the fracture causes no pain.`, `${score(w.latest)} ohne Analgetikum: die Fraktur verursacht keine Schmerzen.`) };
}

export function painControlled({ facts, def }: EvalContext): Evaluation {
  const days = threshold(def, 'windowDays');
  const below = threshold(def, 'belowScore');
  const w = painWindow(facts, days);
  if (!w.latest) return noScore(w, days, facts);
  const latest = w.latest.value ?? 0;
  if (latest >= below) return { status: 'not-met', evidence: [w.latest], excluded: [], rationale: L(`Pain ${score(w.latest)} is not controlled (≥ ${below}).`, `Schmerz ${score(w.latest)} ist nicht beherrscht (≥ ${below}).`) };
  const a = analgesia(facts);
  if (a.active.length) return { status: 'met', evidence: [w.latest, ...a.active], excluded: [], rationale: L(`Pain ${score(w.latest)} (< ${below}) on analgesics: alleviated by drug treatment.`, `Schmerz ${score(w.latest)} (< ${below}) unter Analgetika: medikamentös gelindert.`) };
  const earlierHigh = w.recent.slice(1).find((p) => (p.value ?? 0) >= below);
  if (earlierHigh) return { status: 'met', evidence: [w.latest, earlierHigh], excluded: [], rationale: L(`Pain fell from ${score(earlierHigh)} to ${score(w.latest)} within ${days} days.`, `Schmerz fiel von ${score(earlierHigh)} auf ${score(w.latest)} innerhalb von ${days} Tagen.`) };
  if (!a.noneProven) return { status: 'unknown', evidence: [w.latest], excluded: [], supply: 'record', rationale: L(`Pain ${score(w.latest)}; whether analgesics are taken is not known.`, `Schmerz ${score(w.latest)}; ob Analgetika eingenommen werden, ist unbekannt.`) };
  return { status: 'not-met', evidence: [w.latest], excluded: [], rationale: L(`Pain ${score(w.latest)} without analgesics: not a drug effect.`, `Schmerz ${score(w.latest)} ohne Analgetika: keine Medikamentenwirkung.`) };
}
