import type { ValueSetId } from '../terminology/valuesets';
import { localized, type Localized } from '../../lang';
import type { Fact, MedicationFact, ObservationFact } from '../facts';
import { SIR19_PERIPROCEDURAL } from '../rulesets/antithrombotics';
import type { DrugHold } from '../rulesets/types';
import { normaliseCode, systemKey } from '../terminology/systems';
import { coded } from './conditions';
import {
  ANALGESIC_READS,
  collect,
  mayBeWithin,
  notReadRationale,
  olderThan,
  readFully,
  threshold,
  within,
  type EvalContext,
  type Evaluation,
} from './types';

const DRUG_INDUCED_BLEEDING: ValueSetId = 'VS-DRUG-INDUCED-BLEEDING';

/** the newest valued result in the window (by default surely in it), and the older ones */
function latestWithin(
  list: ObservationFact[] | undefined,
  now: Date,
  days: number,
  inWindow = within,
): { latest?: ObservationFact; older: ObservationFact[] } {
  const valued = (list ?? []).filter((o) => o.value !== undefined);
  const latest = valued.find((o) => inWindow(o.date, now, days));
  return { latest, older: latest ? [] : valued.slice(0, 2) };
}

/**
 * The entry of the rule set's table for a drug: by its ATC code, or the ATC class its code was
 * matched through, else by a word of the drug's name as the record writes it (the class's display,
 * "… excl. heparin", says nothing of the drug).
 */
function holdFor(holds: readonly DrugHold[], drug: MedicationFact): DrugHold | undefined {
  const { coding, entry } = drug.match;
  const atc = [
    ...(systemKey(coding.system) === 'atc' ? [normaliseCode('atc', coding.code)] : []),
    ...(entry.system === 'atc' ? [entry.code] : []),
  ];
  const name = drug.summary.toLowerCase();
  return holds.find(
    (h) => h.atc.some((code) => atc.some((own) => own.startsWith(code))) || h.names.some((n) => name.includes(n)),
  );
}

/**
 * What to do before the procedure, from the record: per drug its entry of the rule set's table
 * (SIR 2019 for a high bleeding-risk procedure), the values to correct, and who plans the pause at
 * high thrombotic risk. Each line once, in the order of the table.
 */
function periproceduralCaution(
  holds: readonly DrugHold[],
  drugs: MedicationFact[],
  bleeding: boolean,
  inrHigh: boolean,
  plateletsLow: boolean,
): Localized {
  const matched = drugs.map((d) => holdFor(holds, d));
  const advice = holds.filter((h) => matched.includes(h)).map((h) => h.advice);
  const lines: Localized[] = [
    SIR19_PERIPROCEDURAL.procedure,
    ...advice,
    ...(matched.includes(undefined) ? [SIR19_PERIPROCEDURAL.unknownDrug] : []),
    ...(bleeding ? [SIR19_PERIPROCEDURAL.drugInducedBleeding] : []),
    ...(inrHigh ? [SIR19_PERIPROCEDURAL.inr] : []),
    ...(plateletsLow ? [SIR19_PERIPROCEDURAL.platelets] : []),
    ...(drugs.length ? [SIR19_PERIPROCEDURAL.thromboticRisk] : []),
  ];
  return localized((lang) => lines.map((l) => l[lang]).join(' '));
}

export function coagulationTherapy({ facts, def }: EvalContext<'coagulation-therapy'>): Evaluation {
  const days = threshold(def, 'labWindowDays');
  const drugs = collect(facts.medications.found, ['VS-ANTICOAGULANTS']);
  // bleeding coded as caused by the drug: correct it like the drug itself (docs/criteria.md, VS-DRUG-INDUCED-BLEEDING)
  const bleedingSets = def.valueSets.includes(DRUG_INDUCED_BLEEDING) ? [DRUG_INDUCED_BLEEDING] : [];
  const bleedingCoded = coded(facts, bleedingSets);
  const bleeding = bleedingCoded.found;
  // an abnormal value that may be recent is a reason to check, not to ignore
  const inr = latestWithin(facts.observations.found.get('VS-INR'), facts.now, days, mayBeWithin).latest;
  const platelets = latestWithin(facts.observations.found.get('VS-PLATELETS'), facts.now, days, mayBeWithin).latest;
  const inrHigh = inr !== undefined && (inr.value ?? 0) > threshold(def, 'inrAbove');
  const plateletsLow = platelets !== undefined && (platelets.value ?? Infinity) < threshold(def, 'plateletsBelow');
  const abnormal = [...(inrHigh ? [inr] : []), ...(plateletsLow ? [platelets] : [])];
  const excluded = [...collect(facts.medications.excluded, ['VS-ANTICOAGULANTS']), ...bleedingCoded.excluded];
  const evidence: Fact[] = [...drugs, ...bleeding, ...abnormal];
  if (evidence.length) {
    const rationale = drugs.length
      ? ({
          en: `Anticoagulant/antiplatelet therapy: ${drugs[0]?.summary}.`,
          de: `Antikoagulation/Thrombozytenhemmung: ${drugs[0]?.summaryText.de}.`,
        } satisfies Localized)
      : bleeding.length
        ? ({
            en: `Bleeding due to an anticoagulant or antiplatelet drug: ${bleeding[0]?.summary}.`,
            de: `Blutungsneigung durch Antikoagulans oder Thrombozytenhemmer: ${bleeding[0]?.summaryText.de}.`,
          } satisfies Localized)
        : ({
            en: `Abnormal coagulation value: ${abnormal[0]?.summary}.`,
            de: `Auffälliger Gerinnungswert: ${abnormal[0]?.summaryText.de}.`,
          } satisfies Localized);
    const caution = periproceduralCaution(def.holds ?? [], drugs, bleeding.length > 0, inrHigh, plateletsLow);
    return { status: 'met', evidence, excluded, rationale, caution };
  }
  const maybe = [...collect(facts.medications.possible, ['VS-ANTICOAGULANTS']), ...bleedingCoded.possible];
  if (maybe.length)
    return {
      status: 'unknown',
      evidence: [],
      excluded: [...maybe, ...excluded],
      supply: 'answer',
      rationale: {
        en: `Anticoagulation is recorded without a code or status (${maybe[0]?.summary}): confirm.`,
        de: `Antikoagulation ohne Code oder Status dokumentiert (${maybe[0]?.summaryText.de}): bitte bestätigen.`,
      },
    };
  const check = readFully(facts, [...ANALGESIC_READS, ...(bleedingSets.length ? (['Condition'] as const) : [])]);
  if (!check.full)
    return {
      status: 'unknown',
      evidence: [],
      excluded,
      supply: 'record',
      rationale: notReadRationale(facts, check, {
        en: 'anticoagulant or antiplatelet therapy',
        de: 'Antikoagulation oder Thrombozytenhemmung',
      }),
    };
  return {
    status: 'not-met',
    evidence: [inr, platelets].filter((x): x is ObservationFact => x !== undefined),
    excluded,
    rationale: {
      en: 'No anticoagulant or antiplatelet therapy, no drug-induced bleeding and no abnormal INR/platelets recorded.',
      de: 'Keine Antikoagulation/Thrombozytenhemmung, keine medikamentöse Blutungsneigung und keine auffälligen INR-/Thrombozytenwerte.',
    },
  };
}

export function coagulationLabs({ facts, def }: EvalContext<'coagulation-labs'>): Evaluation {
  const days = threshold(def, 'windowDays');
  const inr = latestWithin(facts.observations.found.get('VS-INR'), facts.now, days);
  const platelets = latestWithin(facts.observations.found.get('VS-PLATELETS'), facts.now, days);
  const excluded = [
    ...[...inr.older, ...platelets.older].map((o) => olderThan(o, days)),
    ...collect(facts.observations.excluded, ['VS-INR', 'VS-PLATELETS']),
  ];
  const evidence = [inr.latest, platelets.latest].filter((x): x is ObservationFact => x !== undefined);
  if (inr.latest && platelets.latest)
    return {
      status: 'met',
      evidence,
      excluded,
      rationale: {
        en: `INR and platelets within ${days} days.`,
        de: `INR und Thrombozyten innerhalb von ${days} Tagen.`,
      },
    };
  const lacking = [inr.latest ? '' : 'INR', platelets.latest ? '' : 'platelets'].filter(Boolean).join(' and ');
  const lackingDe = [inr.latest ? '' : 'INR', platelets.latest ? '' : 'Thrombozyten'].filter(Boolean).join(' und ');
  const check = readFully(facts, ['Observation']);
  if (!check.full)
    return {
      status: 'unknown',
      evidence,
      excluded,
      supply: 'record',
      rationale: notReadRationale(facts, check, { en: lacking, de: lackingDe }),
    };
  return {
    status: 'not-met',
    evidence,
    excluded,
    supply: 'order',
    rationale: {
      en: `No ${lacking} in the last ${days} days.`,
      de: `Kein(e) ${lackingDe} in den letzten ${days} Tagen.`,
    },
  };
}
