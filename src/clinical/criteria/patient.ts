import { plural, type Lang, type Localized, type PluralForms } from '../../lang';
import { EVIDENCE_WORDS, summarised } from '../evidence-words';
import type { ClinicalType } from '../record';
import { ageInYears, latestPossible, writtenDate } from '../dates';
import { lesionSetsOf, levelRange, lesionsOf } from './lesions';
import {
  collect,
  notReadRationale,
  readFully,
  threshold,
  unknownWithUnread,
  within,
  type EvalContext,
  type Evaluation,
} from './types';

/** where levels are recorded: coded diagnoses and report text */
const LEVEL_READS: ClinicalType[] = ['Condition', 'DiagnosticReport'];

export function ageUnder({ facts, def }: EvalContext<'age-under'>): Evaluation {
  const limit = threshold(def, 'ageBelow');
  const birth = facts.patient.birthDate;
  if (!birth)
    return {
      status: 'unknown',
      evidence: [],
      excluded: [],
      supply: 'record',
      rationale: { en: 'Date of birth not recorded.', de: 'Geburtsdatum nicht dokumentiert.' },
    };
  // a birth date written as a year or a month counts from its latest day: the caution errs on the young side
  const youngest = ageInYears(latestPossible(birth, facts.now), facts.now);
  const oldest = ageInYears(birth, facts.now);
  const ages = youngest === oldest ? `${youngest}` : `${youngest} or ${oldest}`;
  const evidence = [
    {
      reference: facts.patient.reference,
      ...summarised(EVIDENCE_WORDS.born(writtenDate(birth), youngest, oldest)),
      date: birth,
    },
  ];
  if (youngest >= limit)
    return {
      status: 'not-met',
      evidence,
      excluded: [],
      rationale: { en: `Age ${youngest} (≥ ${limit}).`, de: `Alter ${youngest} (≥ ${limit}).` },
    };
  return {
    status: 'met',
    evidence,
    excluded: [],
    rationale:
      oldest < limit
        ? ({ en: `Age ${youngest} (< ${limit}).`, de: `Alter ${youngest} (< ${limit}).` } satisfies Localized)
        : ({
            en: `Age ${ages} (born ${writtenDate(birth)}, no day recorded): may be under ${limit}.`,
            de: `Alter ${youngest} oder ${oldest} (geboren ${writtenDate(birth)}, ohne Tagesangabe): möglicherweise unter ${limit}.`,
          } satisfies Localized),
  };
}

/** a vertebral level, counted */
const LEVEL: Record<Lang, PluralForms> = { en: { one: 'level', other: 'levels' }, de: { one: 'Höhe', other: 'Höhen' } };

export function levelsCount({ facts, def, answers }: EvalContext<'levels-count'>): Evaluation {
  const max = threshold(def, 'maxLevels');
  const lesions = lesionsOf(facts, lesionSetsOf(def), levelRange(def));
  // the planned levels, else the levels the surgeon gave for the lesion, else the coded ones
  const planned = answers[def.id]?.levels;
  const answered = planned?.length ? planned : answers[def.links.lesion]?.levels;
  const levels = answered?.length ? answered : lesions.levels;
  if (!levels.length)
    return unknownWithUnread(facts, LEVEL_READS, {
      status: 'unknown',
      evidence: [],
      excluded: [],
      supply: 'answer',
      rationale: { en: 'No levels known yet.', de: 'Noch keine Höhen bekannt.' },
    });
  const evidence = answered?.length
    ? [{ reference: 'surgeon', ...summarised(EVIDENCE_WORDS.levels(answered, !!planned?.length)) }]
    : lesions.counted.map((l) => l.fact);
  return levels.length > max
    ? {
        status: 'met',
        evidence,
        excluded: [],
        rationale: {
          en: `${levels.length} ${plural('en', levels.length, LEVEL.en)} (${levels.join(', ')}) > ${max}.`,
          de: `${levels.length} ${plural('de', levels.length, LEVEL.de)} (${levels.join(', ')}) > ${max}.`,
        },
      }
    : answered?.length || readFully(facts, LEVEL_READS).full
      ? {
          status: 'not-met',
          evidence,
          excluded: [],
          rationale: {
            en: `${levels.length} ${plural('en', levels.length, LEVEL.en)}: ${levels.join(', ')}.`,
            de: `${levels.length} ${plural('de', levels.length, LEVEL.de)}: ${levels.join(', ')}.`,
          },
        }
      : // a level more may sit in what could not be read: the planned levels settle it
        unknownWithUnread(facts, LEVEL_READS, {
          status: 'unknown',
          evidence,
          excluded: [],
          supply: 'answer',
          rationale: {
            en: `${levels.length} ${plural('en', levels.length, LEVEL.en)} in what was read: ${levels.join(', ')}.`,
            de: `${levels.length} ${plural('de', levels.length, LEVEL.de)} im Gelesenen: ${levels.join(', ')}.`,
          },
        });
}

export function traumaticNonOsteoporotic({ facts, def }: EvalContext<'traumatic-non-osteoporotic'>): Evaluation {
  const lesions = lesionsOf(facts, lesionSetsOf(def), levelRange(def));
  const traumatic = lesions.counted.filter((l) => l.subtype === 'traumatic').map((l) => l.fact);
  if (!traumatic.length) {
    const read = readFully(facts, ['Condition']);
    return read.full
      ? {
          status: 'not-met',
          evidence: [],
          excluded: [],
          rationale: { en: 'No traumatic fracture code.', de: 'Kein Code einer traumatischen Fraktur.' },
        }
      : {
          status: 'unknown',
          evidence: [],
          excluded: [],
          supply: 'record',
          rationale: notReadRationale(facts, read, { en: 'traumatic fracture', de: 'traumatische Fraktur' }),
        };
  }
  const osteoporosis = collect(facts.conditions.found, ['VS-OSTEOPOROSIS']);
  const tLimit = threshold(def, 'tScoreAtMost');
  const lowT = (facts.observations.found.get('VS-BMD-T-SCORE') ?? []).filter(
    (o) => o.value !== undefined && o.value <= tLimit && within(o.date, facts.now, 36500),
  );
  const tumour = lesions.counted.filter((l) => l.subtype === 'malignant').map((l) => l.fact);
  const corroboration = [...osteoporosis, ...lowT, ...tumour];
  if (corroboration.length)
    return {
      status: 'not-met',
      evidence: [...traumatic, ...corroboration],
      excluded: [],
      rationale: {
        en: `Fracture coded as traumatic, but osteoporosis or tumour is known (${corroboration[0]?.summary}).`,
        de: `Fraktur als traumatisch kodiert, aber Osteoporose oder Tumor bekannt (${corroboration[0]?.summaryText.de}).`,
      },
    };
  const check = readFully(facts, ['Condition', 'Observation']);
  if (!check.full)
    return {
      status: 'unknown',
      evidence: traumatic,
      excluded: [],
      supply: 'record',
      rationale: {
        en: `Traumatic fracture. ${notReadRationale(facts, check, { en: 'osteoporosis', de: 'Osteoporose' }).en}`,
        de: `Traumatische Fraktur. ${notReadRationale(facts, check, { en: 'osteoporosis', de: 'Osteoporose' }).de}`,
      },
    };
  return {
    status: 'met',
    evidence: traumatic,
    excluded: [],
    rationale: {
      en: 'Traumatic fracture with no osteoporosis diagnosis, no T-score ≤ -2.5 and no tumour.',
      de: 'Traumatische Fraktur ohne Osteoporose-Diagnose, ohne T-Score ≤ -2,5 und ohne Tumor.',
    },
  };
}
