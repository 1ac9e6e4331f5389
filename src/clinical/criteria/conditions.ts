import type { Localized } from '../../lang';
import type { ClinicalFacts, ExcludedFact, Fact } from '../facts';
import { exclude } from '../facts/common';
import type { ClinicalType } from '../record';
import type { ValueSetId } from '../terminology/valuesets';
import {
  collect,
  mayBeWithin,
  notReadRationale,
  readFully,
  threshold,
  within,
  type EvalContext,
  type Evaluation,
} from './types';

/**
 * coded Conditions of the criterion's value sets: found, possible (text only, suspected, no
 * status: a contraindication asks rather than concludes), excluded
 */
export function coded(
  facts: ClinicalFacts,
  ids: readonly ValueSetId[],
): { found: Fact[]; possible: ExcludedFact[]; excluded: ExcludedFact[] } {
  const found: Fact[] = [];
  const possible = collect(facts.conditions.possible, ids);
  for (const fact of collect(facts.conditions.found, ids)) {
    if (fact.unproven) possible.push(exclude(fact, fact.unproven));
    else found.push(fact);
  }
  return { found, possible, excluded: collect(facts.conditions.excluded, ids) };
}

function absent(facts: ClinicalFacts, types: ClinicalType[], excluded: ExcludedFact[], what: Localized): Evaluation {
  const check = readFully(facts, types);
  return check.full
    ? {
        status: 'not-met',
        evidence: [],
        excluded,
        rationale: { en: `No active ${what.en} is recorded.`, de: `Kein(e) aktive(s) ${what.de} dokumentiert.` },
      }
    : { status: 'unknown', evidence: [], excluded, supply: 'record', rationale: notReadRationale(facts, check, what) };
}

function possible(p: ExcludedFact[], excluded: ExcludedFact[], what: Localized): Evaluation {
  const first = p[0];
  return {
    status: 'unknown',
    evidence: [],
    excluded: [...p, ...excluded],
    supply: 'answer',
    rationale: {
      en: `A possible ${what.en} is recorded, but not as a confirmed active diagnosis (${first?.summary}: ${first?.why.en}): confirm.`,
      de: `Mögliche(s) ${what.de} dokumentiert, aber nicht als gesicherte aktive Diagnose (${first?.summaryText.de}: ${first?.why.de}): bitte bestätigen.`,
    },
  };
}

function conditionName(def: EvalContext['def']): Localized {
  return { en: def.title.en.toLowerCase(), de: def.title.de };
}

/** met by an active coded Condition; absent only when the diagnosis list was read fully */
export function codedCondition({ facts, def }: EvalContext<'coded-condition'>): Evaluation {
  const c = coded(facts, def.valueSets);
  const what = conditionName(def);
  if (c.found.length)
    return {
      status: 'met',
      evidence: c.found,
      excluded: c.excluded,
      rationale: {
        en: `Active coded diagnosis: ${c.found[0]?.summary}.`,
        de: `Aktive kodierte Diagnose: ${c.found[0]?.summaryText.de}.`,
      },
    };
  if (c.possible.length) return possible(c.possible, c.excluded, what);
  return absent(facts, ['Condition'], c.excluded, what);
}

/** infections that forbid the procedure: of the spine, systemic, or where the needle goes in */
const INFECTION_SETS: ValueSetId[] = ['VS-SPINE-INFECTION', 'VS-SYSTEMIC-INFECTION', 'VS-ACCESS-SITE-INFECTION'];
/** another infection (urinary tract, pneumonia): treated first? (README, "Stale problem lists") */
const OTHER_INFECTION_SETS: ValueSetId[] = ['VS-OTHER-INFECTION'];

export function infection({ facts, def }: EvalContext<'infection'>): Evaluation {
  const ofCriterion = (ids: ValueSetId[]) => ids.filter((id) => def.valueSets.includes(id));
  const c = coded(facts, ofCriterion(INFECTION_SETS));
  const other = coded(facts, ofCriterion(OTHER_INFECTION_SETS));
  const what: Localized = { en: 'infection', de: 'Infektion' };
  if (c.found.length)
    return {
      status: 'met',
      evidence: c.found,
      excluded: c.excluded,
      rationale: {
        en: `Active infection: ${c.found[0]?.summary}.`,
        de: `Aktive Infektion: ${c.found[0]?.summaryText.de}.`,
      },
    };
  const days = threshold(def, 'labWindowDays');
  // a raised value that may fall in the window raises the question
  const recent = (id: ValueSetId) =>
    (facts.observations.found.get(id) ?? []).filter(
      (o) => mayBeWithin(o.date, facts.now, days) && o.value !== undefined,
    );
  const raised = [
    ...recent('VS-CRP').filter((o) => (o.value ?? 0) > threshold(def, 'crpAbove')),
    ...recent('VS-WBC').filter((o) => (o.value ?? 0) > threshold(def, 'wbcAbove')),
    ...recent('VS-BODY-TEMPERATURE').filter((o) => (o.value ?? 0) >= threshold(def, 'temperatureFrom')),
  ];
  if (raised.length) {
    return {
      status: 'unknown',
      evidence: raised,
      excluded: c.excluded,
      supply: 'answer',
      rationale: {
        en: `Raised inflammation values without an infection diagnosis (${raised[0]?.summary}): is infection excluded?`,
        de: `Erhöhte Entzündungswerte ohne Infektionsdiagnose (${raised[0]?.summaryText.de}): Infektion ausgeschlossen?`,
      },
    };
  }
  const excluded = [...c.excluded, ...other.excluded];
  if (other.found.length)
    return {
      status: 'unknown',
      evidence: other.found,
      excluded,
      supply: 'answer',
      rationale: {
        en: `Active infection outside the spine (${other.found[0]?.summary}): is it treated before the procedure?`,
        de: `Aktive Infektion außerhalb der Wirbelsäule (${other.found[0]?.summaryText.de}): vor dem Eingriff behandelt?`,
      },
    };
  const maybe = [...c.possible, ...other.possible];
  if (maybe.length) return possible(maybe, excluded, what);
  return absent(facts, ['Condition'], excluded, what);
}

export function coagulopathy({ facts, def }: EvalContext<'coagulopathy'>): Evaluation {
  const c = coded(facts, def.valueSets);
  const what: Localized = { en: 'bleeding disorder', de: 'Gerinnungsstörung' };
  if (c.found.length) {
    return {
      status: 'unknown',
      evidence: c.found,
      excluded: c.excluded,
      supply: 'answer',
      rationale: {
        en: `Bleeding disorder recorded (${c.found[0]?.summary}): can it be corrected for the procedure?`,
        de: `Gerinnungsstörung dokumentiert (${c.found[0]?.summaryText.de}): für den Eingriff korrigierbar?`,
      },
    };
  }
  if (c.possible.length) return possible(c.possible, c.excluded, what);
  return absent(facts, ['Condition'], c.excluded, what);
}

export function pregnancy({ facts, def }: EvalContext<'pregnancy'>): Evaluation {
  const c = coded(facts, ['VS-PREGNANCY']);
  if (c.found.length)
    return {
      status: 'met',
      evidence: c.found,
      excluded: c.excluded,
      rationale: {
        en: `Pregnancy recorded: ${c.found[0]?.summary}.`,
        de: `Schwangerschaft dokumentiert: ${c.found[0]?.summaryText.de}.`,
      },
    };
  const days = threshold(def, 'testWindowDays');
  // newest first; a test dated by month only may be recent: enough to count a positive or unreadable one
  const tests = (facts.observations.found.get('VS-PREGNANCY-TEST') ?? []).filter((o) =>
    mayBeWithin(o.date, facts.now, days),
  );
  const positive = tests.find((t) => t.positive === true);
  if (positive)
    return {
      status: 'met',
      evidence: [positive],
      excluded: c.excluded,
      rationale: {
        en: `Positive pregnancy test: ${positive.summary}.`,
        de: `Positiver Schwangerschaftstest: ${positive.summaryText.de}.`,
      },
    };
  if (facts.patient.gender === 'male')
    return {
      status: 'not-met',
      evidence: [],
      excluded: c.excluded,
      rationale: { en: 'Male patient.', de: 'Männlicher Patient.' },
    };
  const latest = tests[0];
  if (latest && latest.positive === undefined) {
    return {
      status: 'unknown',
      evidence: [latest],
      excluded: c.excluded,
      supply: 'answer',
      rationale: {
        en: `The latest pregnancy test cannot be read as positive or negative (${latest.summary}): is the patient pregnant?`,
        de: `Der letzte Schwangerschaftstest ist weder als positiv noch als negativ lesbar (${latest.summaryText.de}): besteht eine Schwangerschaft?`,
      },
    };
  }
  // a negative test rules pregnancy out only when it is surely within the window
  if (latest && within(latest.date, facts.now, days))
    return {
      status: 'not-met',
      evidence: [latest],
      excluded: c.excluded,
      rationale: {
        en: `Negative pregnancy test: ${latest.summary}.`,
        de: `Negativer Schwangerschaftstest: ${latest.summaryText.de}.`,
      },
    };
  const what: Localized = { en: 'pregnancy', de: 'Schwangerschaft' };
  // suspected, without status or recorded long ago, and no recent negative test settles it
  if (c.possible.length) return possible(c.possible, c.excluded, what);
  return absent(facts, ['Condition', 'Observation'], c.excluded, what);
}

export function allergy({ facts, def }: EvalContext<'allergy'>): Evaluation {
  const found = collect(facts.allergies.found, def.valueSets);
  const excluded = collect(facts.allergies.excluded, def.valueSets);
  const maybe = collect(facts.allergies.possible, def.valueSets);
  const what: Localized = { en: `${def.title.en.toLowerCase()}`, de: def.title.de };
  if (found.length)
    return {
      status: 'met',
      evidence: found,
      excluded,
      rationale: { en: `Coded allergy: ${found[0]?.summary}.`, de: `Kodierte Allergie: ${found[0]?.summaryText.de}.` },
    };
  if (maybe.length) {
    return {
      status: 'unknown',
      evidence: [],
      excluded: [...maybe, ...excluded],
      supply: 'answer',
      rationale: {
        en: `An allergy is named in text only (${maybe[0]?.summary}): confirm.`,
        de: `Eine Allergie ist nur als Text genannt (${maybe[0]?.summaryText.de}): bitte bestätigen.`,
      },
    };
  }
  return absent(facts, ['AllergyIntolerance'], excluded, what);
}
