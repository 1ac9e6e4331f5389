import { EVIDENCE_WORDS, asWritten } from '../evidence-words';
import { SET_ASIDE } from '../set-aside';
import { plural, type Localized } from '../../lang';
import { ageInDays, isoDay, parseDate } from '../dates';
import { arr, codings, conceptName, conceptText, field, referenceOf, str, type Coding } from '../json';
import { CLINICAL_TYPE_NAMES, referencedId, type PatientRecord, type TypeRead } from '../record';
import { drugMatches } from '../terminology/drugs';
import { matchedSets, textTermReader, type CodeMatcher } from '../terminology/match';
import { valueSetsSearchedIn, valueSetsWithWordsIn } from '../terminology/valuesets';
import { afterNow, dated, exclude, plainStatus } from './common';
import { put, type Bucket, type MedicationFact } from './types';

type MedicationList = 'MedicationRequest' | 'MedicationStatement';

const COUNTING: Record<MedicationList, Set<string>> = {
  MedicationRequest: new Set(['active', 'on-hold']),
  MedicationStatement: new Set(['active']),
};
const NOT_TAKEN_INTENTS = new Set(['proposal', 'plan']);
/** the value sets of drugs: an order whose drug cannot be read may be any of them */
const DRUG_SETS = valueSetsSearchedIn('MedicationRequest').map((vs) => vs.id);
const medicationTextTerms = textTermReader(valueSetsWithWordsIn('MedicationRequest'));

interface Drug {
  list: Coding[];
  /** every name the drug is given (text and displays): what its words are matched in */
  text: string;
  /** the one name the evidence shows */
  name: string;
  /** why the drug cannot be told, when it cannot */
  unreadable?: Localized;
}

/**
 * The Medication a reference reaches: a contained one ("#id"), else one of the record's, by the
 * reference itself (a Bundle's "urn:uuid:...") or by the "Medication/{id}" it names (relative,
 * absolute or versioned).
 */
function resolve(resource: unknown, target: string, medications: Record<string, unknown> | undefined): unknown {
  if (target.startsWith('#'))
    return arr(field(resource, 'contained')).find((c) => str(field(c, 'id')) === target.slice(1));
  if (!medications) return undefined;
  const key = Object.hasOwn(medications, target) ? target : `Medication/${referencedId(target, 'Medication') ?? ''}`;
  return Object.hasOwn(medications, key) ? medications[key] : undefined;
}

function described(list: Coding[], text: string, name: string): Drug {
  return list.length || text
    ? { list, text, name }
    : { list, text, name, unreadable: SET_ASIDE.medicationNeitherCodedNorNamed };
}

/** the drug's codings and text: the CodeableConcept, or the Medication that medicationReference reaches */
function drug(resource: unknown, medications: Record<string, unknown> | undefined): Drug {
  const concept = field(resource, 'medicationCodeableConcept');
  if (concept !== undefined) return described(codings(concept), conceptText(concept), conceptName(concept));
  const ref = field(resource, 'medicationReference');
  const target = str(field(ref, 'reference'));
  const display = str(field(ref, 'display')) ?? '';
  const medication = target ? resolve(resource, target, medications) : undefined;
  if (medication === undefined)
    return {
      list: [],
      text: display,
      name: display,
      unreadable: target ? SET_ASIDE.notInRecord(target) : SET_ASIDE.noDrugReferenced,
    };
  const code = field(medication, 'code');
  return described(codings(code), [conceptText(code), display].join(' ').trim(), conceptName(code) || display);
}

export function startOf(type: MedicationList, r: unknown): Date | undefined {
  if (type === 'MedicationStatement') {
    return (
      parseDate(field(field(r, 'effectivePeriod'), 'start')) ??
      parseDate(field(r, 'effectiveDateTime')) ??
      parseDate(field(r, 'dateAsserted'))
    );
  }
  const bounds = arr(field(r, 'dosageInstruction')).map((d) =>
    parseDate(field(field(field(field(d, 'timing'), 'repeat'), 'boundsPeriod'), 'start')),
  );
  return (
    parseDate(field(r, 'authoredOn')) ??
    bounds.find((d) => d !== undefined) ??
    parseDate(field(field(field(r, 'dispenseRequest'), 'validityPeriod'), 'start'))
  );
}

function endOf(type: MedicationList, r: unknown): Date | undefined {
  if (type === 'MedicationStatement') return parseDate(field(field(r, 'effectivePeriod'), 'end'));
  return arr(field(r, 'dosageInstruction'))
    .map((d) => parseDate(field(field(field(field(d, 'timing'), 'repeat'), 'boundsPeriod'), 'end')))
    .find((d) => d !== undefined);
}

/**
 * Facts of one medication list. Returns how many of its counting entries (active, taken, current)
 * name a drug that cannot be read: each is excluded evidence, and the list is then not complete.
 */
export function medicationFacts(
  type: MedicationList,
  resources: readonly unknown[],
  medications: Record<string, unknown> | undefined,
  now: Date,
  bucket: Bucket<MedicationFact>,
  match: CodeMatcher,
): number {
  let unreadable = 0;
  resources.forEach((r, index) => {
    const med = drug(r, medications);
    const matches = drugMatches(med.list, med.text, match);
    const possibleTerms = medicationTextTerms(med.text, matchedSets(matches));
    if (!matches.length && !possibleTerms.length && !med.unreadable) return;

    const reference = referenceOf(r, type, index);
    const start = startOf(type, r);
    const end = endOf(type, r);
    const status = plainStatus(r);
    const intent = str(field(r, 'intent'));
    const why =
      !status || !COUNTING[type].has(status)
        ? SET_ASIDE.status(status)
        : intent && NOT_TAKEN_INTENTS.has(intent)
          ? SET_ASIDE.intent(intent)
          : end && ageInDays(end, now) > 0
            ? SET_ASIDE.ended(isoDay(end, now))
            : afterNow(start, now)
              ? SET_ASIDE.startsAfterAssessment
              : undefined;
    const label = med.name ? asWritten(med.name) : EVIDENCE_WORDS.medication;
    if (med.unreadable && !why) {
      unreadable++;
      const fact = {
        reference,
        ...dated(label, start, now),
        date: start,
        why: SET_ASIDE.medicationUnreadable(med.unreadable),
      };
      for (const id of DRUG_SETS) put(bucket.excluded, id, fact);
    }
    for (const m of matches) {
      const fact: MedicationFact = {
        reference,
        // its start day in brackets, as every evidence line gives its date: no word of one language in a line both quote
        ...dated(label, start, now),
        date: start,
        code: m.code,
        match: m,
        start,
      };
      if (why) put(bucket.excluded, m.valueSet.id, exclude(fact, why));
      else put(bucket.found, m.valueSet.id, fact);
    }
    if (why) return;
    for (const [id, terms] of possibleTerms) {
      put(bucket.possible, id, {
        reference,
        ...dated(label, start, now),
        date: start,
        why: SET_ASIDE.textOnly(terms),
      });
    }
  });
  return unreadable;
}

/** one entry of each list, in the surgeon's words (the lists themselves: CLINICAL_TYPE_NAMES) */
const ONE_ENTRY: Record<MedicationList, Localized> = {
  MedicationRequest: { en: 'medication order', de: 'Verordnung' },
  MedicationStatement: { en: 'medication statement', de: 'Medikationsangabe' },
};

function unreadableDrugsReason(type: MedicationList, unreadable: number): Localized {
  const one = ONE_ENTRY[type];
  const many = CLINICAL_TYPE_NAMES[type];
  return {
    en: `${unreadable} ${plural('en', unreadable, {
      one: `${one.en} names a drug that could not be read`,
      other: `${many.en} name drugs that could not be read`,
    })}.`,
    de: `${unreadable} ${plural('de', unreadable, {
      one: `${one.de} nennt ein Medikament, das nicht gelesen werden konnte`,
      other: `${many.de} nennen Medikamente, die nicht gelesen werden konnten`,
    })}.`,
  };
}

/**
 * A list with active entries whose drug cannot be read is not read fully: absence of a drug in it
 * is not proven, exactly as when a page of it failed (criteria `readFully`).
 */
export function withUnreadableDrugs(
  reads: PatientRecord['reads'],
  type: MedicationList,
  unreadable: number,
): PatientRecord['reads'] {
  const read = field(reads, type);
  if (unreadable === 0 || field(read, 'state') !== 'full') return reads;
  const reasonText = unreadableDrugsReason(type, unreadable);
  return { ...reads, [type]: { ...(read as TypeRead), state: 'partial', reason: reasonText.en, reasonText } };
}
