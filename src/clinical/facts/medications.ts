import { isoDay, parseDate } from '../dates';
import { arr, codings, conceptText, field, referenceOf, str, type Coding } from '../json';
import { matchCodings, matchedSets, textTermReader } from '../terminology/match';
import { afterNow, dated, exclude, plainStatus } from './common';
import { put, type Bucket, type MedicationFact } from './types';

const COUNTING: Record<'MedicationRequest' | 'MedicationStatement', Set<string>> = {
  MedicationRequest: new Set(['active', 'on-hold']),
  MedicationStatement: new Set(['active']),
};
const NOT_TAKEN_INTENTS = new Set(['proposal', 'plan']);
const medicationTextTerms = textTermReader(['VS-ANALGESICS', 'VS-ANTICOAGULANTS']);

/** the medication's codings and text: the CodeableConcept, or a contained Medication ("#id") */
function medication(resource: unknown): { list: Coding[]; text: string } {
  const concept = field(resource, 'medicationCodeableConcept');
  if (concept !== undefined) return { list: codings(concept), text: conceptText(concept) };
  const ref = field(resource, 'medicationReference');
  const target = str(field(ref, 'reference'));
  const contained = target?.startsWith('#') ? arr(field(resource, 'contained')).find((c) => str(field(c, 'id')) === target.slice(1)) : undefined;
  const code = field(contained, 'code');
  return { list: codings(code), text: [conceptText(code), str(field(ref, 'display')) ?? ''].join(' ').trim() };
}

function startOf(type: 'MedicationRequest' | 'MedicationStatement', r: unknown): Date | undefined {
  if (type === 'MedicationStatement') {
    return parseDate(field(field(r, 'effectivePeriod'), 'start')) ?? parseDate(field(r, 'effectiveDateTime')) ?? parseDate(field(r, 'dateAsserted'));
  }
  const bounds = arr(field(r, 'dosageInstruction')).map((d) => parseDate(field(field(field(field(d, 'timing'), 'repeat'), 'boundsPeriod'), 'start')));
  return parseDate(field(r, 'authoredOn')) ?? bounds.find((d) => d !== undefined) ?? parseDate(field(field(field(r, 'dispenseRequest'), 'validityPeriod'), 'start'));
}

function endOf(type: 'MedicationRequest' | 'MedicationStatement', r: unknown): Date | undefined {
  if (type === 'MedicationStatement') return parseDate(field(field(r, 'effectivePeriod'), 'end'));
  return arr(field(r, 'dosageInstruction'))
    .map((d) => parseDate(field(field(field(field(d, 'timing'), 'repeat'), 'boundsPeriod'), 'end')))
    .find((d) => d !== undefined);
}

export function medicationFacts(type: 'MedicationRequest' | 'MedicationStatement', resources: readonly unknown[], now: Date, bucket: Bucket<MedicationFact>): void {
  resources.forEach((r, index) => {
    const med = medication(r);
    const matches = matchCodings(med.list);
    const possibleTerms = medicationTextTerms(med.text, matchedSets(matches));
    if (!matches.length && !possibleTerms.length) return;

    const reference = referenceOf(r, type, index);
    const start = startOf(type, r);
    const end = endOf(type, r);
    const status = plainStatus(r);
    const intent = str(field(r, 'intent'));
    const why =
      !status || !COUNTING[type].has(status)
        ? `status ${status ?? 'missing'}`
        : intent && NOT_TAKEN_INTENTS.has(intent)
          ? `intent ${intent} (not yet prescribed)`
          : end && end.getTime() < now.getTime()
            ? `ended ${isoDay(end)}`
            : afterNow(start, now)
              ? 'starts after the assessment date'
              : undefined;
    const label = med.text || 'Medication';
    for (const m of matches) {
      const fact: MedicationFact = { reference, summary: start ? `${label}, since ${isoDay(start)}` : label, date: start, code: m.code, match: m, start };
      if (why) put(bucket.excluded, m.valueSet.id, exclude(fact, why));
      else put(bucket.found, m.valueSet.id, fact);
    }
    if (why) return;
    for (const [id, terms] of possibleTerms) {
      put(bucket.possible, id, { reference, summary: dated(label, start), date: start, why: `text only ("${terms.join('", "')}"), no known code` });
    }
  });
}
