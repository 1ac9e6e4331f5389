import { isoDay, onsetDate, parseDate } from '../dates';
import { arr, codings, conceptText, field, notesText, referenceOf, type Coding } from '../json';
import { diagnosisCodings, type Certainty, type DiagnosisCoding } from '../terminology/icd10gm';
import { levelsFromIcd, levelsFromSnomed, levelsFromText, regionFromText, sortLevels, type LevelInfo } from '../levels';
import { matchCodings, matchedSets, textTermReader, type CodeMatch } from '../terminology/match';
import { normaliseCode, systemKey } from '../terminology/systems';
import { afterNow, clinicalStatus, dated, exclude, verificationStatus } from './common';
import { put, type Bucket, type ConditionFact, type Fact } from './types';

const COUNTING_CLINICAL = new Set(['active', 'recurrence', 'relapse']);
const NOT_COUNTING_VERIFICATION = new Set(['refuted', 'entered-in-error']);
/** verification statuses short of confirmed (R4: unconfirmed and its children) */
const SUSPECTED_VERIFICATION = new Set(['unconfirmed', 'provisional', 'differential']);
const NO_CLINICAL_STATUS = 'no clinical status';
/** a status that is there but unreadable might say "refuted" or "resolved": possible, never evidence */
const UNREADABLE_VERIFICATION = 'verification status not readable';
const UNREADABLE_CLINICAL = 'clinical status not readable';
const POSSIBLE_ONLY = new Set([UNREADABLE_VERIFICATION, UNREADABLE_CLINICAL]);

/**
 * The Diagnosesicherheit of an ICD-10-GM code, as the basisprofil maps it to FHIR statuses:
 * A (ruled out) refuted, Z (status after) resolved, V (suspected) provisional, G confirmed.
 */
const CERTAINTY_EXCLUDES: Partial<Record<Certainty, string>> = {
  A: 'ruled out (Diagnosesicherheit A)',
  Z: 'status after, resolved (Diagnosesicherheit Z)',
};
const SUSPECTED_CERTAINTY = 'suspected (Diagnosesicherheit V)';

/** value sets whose words in an uncoded Condition make a *possible* finding */
const conditionTextTerms = textTermReader([
  'VS-VCF',
  'VS-MALIGNANT-OSTEOLYSIS',
  'VS-HAEMANGIOMA',
  'VS-SPINE-INFECTION',
  'VS-SYSTEMIC-INFECTION',
  'VS-COAGULOPATHY',
  'VS-CORD-COMPRESSION',
]);

/** levels and region from codes, body sites and text */
export function siteOf(
  codeList: Coding[],
  bodySites: Coding[],
  text: string,
): { levels: LevelInfo; spinalSite: boolean } {
  const levels: string[] = [];
  const pairs: [string, string][] = [];
  let region: LevelInfo['region'];
  for (const list of [codeList, bodySites]) {
    for (const c of list) {
      const key = systemKey(c.system);
      if (!key) continue;
      const info = key === 'snomed' ? levelsFromSnomed(c.code) : levelsFromIcd(key, normaliseCode(key, c.code));
      for (const level of info.levels) levels.push(level);
      for (const twoLevels of info.pairs) pairs.push(twoLevels);
      region ??= info.region;
    }
  }
  // a code naming two levels (GM S22.0x "T11 und T12") stays undecided even if its display names both
  for (const level of levelsFromText(text)) if (!pairs.some((p) => p.includes(level))) levels.push(level);
  // a region in words only matters when nothing names a level: it makes the site spinal
  if (!levels.length && !pairs.length) region ??= regionFromText(text);
  const info: LevelInfo = { levels: levels.length > 1 ? sortLevels(levels) : levels, pairs, region };
  return { levels: info, spinalSite: info.levels.length > 0 || pairs.length > 0 || region !== undefined };
}

export function conditionFacts(
  resources: readonly unknown[],
  now: Date,
  birthDate: Date | undefined,
  bucket: Bucket<ConditionFact>,
): void {
  resources.forEach((resource, index) => {
    const code = field(resource, 'code');
    const codeList = diagnosisCodings(code);
    const matches = matchCodings(codeList);
    const bodySiteConcepts = arr(field(resource, 'bodySite'));
    const label = conceptText(code);
    const notes = notesText(field(resource, 'note'));
    const text =
      bodySiteConcepts.length || notes
        ? [label, bodySiteConcepts.map(conceptText).join(' '), notes].join(' ').trim()
        : label;
    const possible = conditionTextTerms(text, matchedSets(matches));
    // most of a long problem list is neither in a value set nor names a finding in words
    if (!matches.length && !possible.length) return;

    const reference = referenceOf(resource, 'Condition', index);
    const onset = onsetDate(resource, birthDate);
    const date = onset ?? parseDate(field(resource, 'recordedDate'));
    const why = notCountingReason(resource, now, date);
    const suspected = SUSPECTED_VERIFICATION.has(verificationStatus(resource) ?? '');
    if (matches.length) {
      // levels are read only for a Condition the criteria use
      const site = siteOf(codeList, bodySiteConcepts.flatMap(codings), text);
      for (const m of matches) {
        const fact = conditionFact(reference, label || 'Condition', date, onset, m, site, text);
        const { certainty, side } = m.coding as DiagnosisCoding;
        if (side) fact.side = side;
        if (why && POSSIBLE_ONLY.has(why)) {
          put(bucket.possible, m.valueSet.id, exclude(fact, why));
          continue;
        }
        const excludedBy = (why !== NO_CLINICAL_STATUS && why) || (certainty && CERTAINTY_EXCLUDES[certainty]);
        if (excludedBy) {
          put(bucket.excluded, m.valueSet.id, exclude(fact, excludedBy));
          continue;
        }
        if (why === NO_CLINICAL_STATUS) fact.noClinicalStatus = true;
        const unproven =
          certainty === 'V' ? SUSPECTED_CERTAINTY : suspected ? `suspected (${verificationStatus(resource)})` : why;
        if (unproven) fact.unproven = unproven;
        put(bucket.found, m.valueSet.id, fact);
      }
    }
    if (why && why !== NO_CLINICAL_STATUS && !POSSIBLE_ONLY.has(why)) return;
    for (const [id, terms] of possible)
      put(
        bucket.possible,
        id,
        exclude(
          possibleFact(reference, label || 'Condition', date),
          `text only ("${terms.join('", "')}"), no known code`,
        ),
      );
  });
}

export function conditionFact(
  reference: string,
  label: string,
  date: Date | undefined,
  onset: Date | undefined,
  match: CodeMatch,
  site: { levels: LevelInfo; spinalSite: boolean },
  text: string,
): ConditionFact {
  const where = site.levels.levels.length ? ` at ${site.levels.levels.join(', ')}` : '';
  return {
    reference,
    summary: dated(`${label}${where} [${match.coding.code}]`, date),
    date,
    code: match.code,
    match,
    levels: site.levels,
    spinalSite: site.spinalSite,
    needsSite: match.entry.requires === 'spinal-site',
    onset,
    text,
  };
}

function possibleFact(reference: string, label: string, date: Date | undefined): Fact {
  return { reference, summary: dated(label, date), date };
}

function notCountingReason(resource: unknown, now: Date, date: Date | undefined): string | undefined {
  const verification = verificationStatus(resource);
  if (verification && NOT_COUNTING_VERIFICATION.has(verification)) return verification;
  // a status that is there but unreadable might say "refuted": not evidence until confirmed
  if (!verification && field(resource, 'verificationStatus') !== undefined) return UNREADABLE_VERIFICATION;
  const clinical = clinicalStatus(resource);
  if (clinical && !COUNTING_CLINICAL.has(clinical)) return clinical;
  // there, but unreadable: it might say "resolved"
  if (!clinical && field(resource, 'clinicalStatus') !== undefined) return UNREADABLE_CLINICAL;
  const abated =
    parseDate(field(resource, 'abatementDateTime')) ?? parseDate(field(field(resource, 'abatementPeriod'), 'end'));
  if (abated && abated.getTime() <= now.getTime()) return `abated ${isoDay(abated)}`;
  if (afterNow(date, now)) return 'dated after the assessment date';
  if (!clinical) return NO_CLINICAL_STATUS;
  return undefined;
}
