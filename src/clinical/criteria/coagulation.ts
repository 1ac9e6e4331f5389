import type { ObservationFact } from '../facts';
import { ANALGESIC_READS, collect, L, notReadRationale, olderThan, readFully, threshold, within, type EvalContext, type Evaluation } from './types';

function latestWithin(list: ObservationFact[] | undefined, now: Date, days: number): { latest?: ObservationFact; older: ObservationFact[] } {
  const valued = (list ?? []).filter((o) => o.value !== undefined);
  const latest = valued.find((o) => within(o.date, now, days));
  return { latest, older: latest ? [] : valued.slice(0, 2) };
}

export function coagulationTherapy({ facts, def }: EvalContext): Evaluation {
  const days = threshold(def, 'labWindowDays');
  const drugs = collect(facts.medications.found, ['VS-ANTICOAGULANTS']);
  const inr = latestWithin(facts.observations.found.get('VS-INR'), facts.now, days).latest;
  const platelets = latestWithin(facts.observations.found.get('VS-PLATELETS'), facts.now, days).latest;
  const abnormal = [
    ...(inr && (inr.value ?? 0) > threshold(def, 'inrAbove') ? [inr] : []),
    ...(platelets && (platelets.value ?? Infinity) < threshold(def, 'plateletsBelow') ? [platelets] : []),
  ];
  const excluded = collect(facts.medications.excluded, ['VS-ANTICOAGULANTS']);
  if (drugs.length || abnormal.length) {
    const first = drugs[0] ?? abnormal[0];
    return { status: 'met', evidence: [...drugs, ...abnormal], excluded, rationale: L(`${drugs.length ? 'Anticoagulant/antiplatelet therapy' : 'Abnormal coagulation value'}: ${first?.summary}.`, `${drugs.length ? 'Antikoagulation/Thrombozytenhemmung' : 'Auffälliger Gerinnungswert'}: ${first?.summary}.`) };
  }
  const maybe = collect(facts.medications.possible, ['VS-ANTICOAGULANTS']);
  if (maybe.length) return { status: 'unknown', evidence: [], excluded: [...maybe, ...excluded], supply: 'answer', rationale: L(`An anticoagulant is named in text only (${maybe[0]?.summary}): confirm.`, `Ein Antikoagulans ist nur als Text genannt (${maybe[0]?.summary}): bitte bestätigen.`) };
  const check = readFully(facts, ANALGESIC_READS);
  if (!check.full) return { status: 'unknown', evidence: [], excluded, supply: 'record', rationale: notReadRationale(check, L('anticoagulant', 'Antikoagulans')) };
  return { status: 'not-met', evidence: [inr, platelets].filter((x): x is ObservationFact => x !== undefined), excluded, rationale: L('No anticoagulant or antiplatelet therapy and no abnormal INR/platelets recorded.', 'Keine Antikoagulation/Thrombozytenhemmung und keine auffälligen INR-/Thrombozytenwerte.') };
}

export function coagulationLabs({ facts, def }: EvalContext): Evaluation {
  const days = threshold(def, 'windowDays');
  const inr = latestWithin(facts.observations.found.get('VS-INR'), facts.now, days);
  const platelets = latestWithin(facts.observations.found.get('VS-PLATELETS'), facts.now, days);
  const excluded = [...[...inr.older, ...platelets.older].map((o) => olderThan(o, days)), ...collect(facts.observations.excluded, ['VS-INR', 'VS-PLATELETS'])];
  const evidence = [inr.latest, platelets.latest].filter((x): x is ObservationFact => x !== undefined);
  if (inr.latest && platelets.latest) return { status: 'met', evidence, excluded, rationale: L(`INR and platelets within ${days} days.`, `INR und Thrombozyten innerhalb von ${days} Tagen.`) };
  const lacking = [inr.latest ? '' : 'INR', platelets.latest ? '' : 'platelets'].filter(Boolean).join(' and ');
  const lackingDe = [inr.latest ? '' : 'INR', platelets.latest ? '' : 'Thrombozyten'].filter(Boolean).join(' und ');
  const check = readFully(facts, ['Observation']);
  if (!check.full) return { status: 'unknown', evidence, excluded, supply: 'record', rationale: notReadRationale(check, L(`${lacking} value`, `${lackingDe}-Wert`)) };
  return { status: 'not-met', evidence, excluded, supply: 'order', rationale: L(`No ${lacking} in the last ${days} days: order them.`, `Kein(e) ${lackingDe} in den letzten ${days} Tagen: bitte bestimmen.`) };
}
