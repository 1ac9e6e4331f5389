import { EVIDENCE_WORDS, asWritten } from '../evidence-words';
import { localized, type Localized } from '../../lang';
import { SET_ASIDE } from '../set-aside';
import { ageInDays, isoDay, latestPossible, onsetDate, parseDate, writtenDate } from '../dates';
import { arr, codings, conceptText, field, notesText, referenceOf, str, type Coding } from '../json';
import { referencedId } from '../record';
import { valueSetsWithWordsIn, type ValueSet } from '../terminology/valuesets';
import { diagnosisCodings, type Certainty, type DiagnosisCoding } from '../terminology/icd10gm';
import { levelsFromIcd, levelsFromSnomed, levelsFromText, regionFromText, sortLevels, type LevelInfo } from '../levels';
import { matchedSets, textTermReader, type CodeMatch, type CodeMatcher } from '../terminology/match';
import { normaliseCode, systemKey } from '../terminology/systems';
import { afterNow, clinicalStatus, dated, exclude, verificationStatus } from './common';
import { put, type Bucket, type ConditionFact, type Fact } from './types';

const COUNTING_CLINICAL = new Set(['active', 'recurrence', 'relapse']);
const NOT_COUNTING_VERIFICATION = new Set(['refuted', 'entered-in-error']);
/** verification statuses short of confirmed (R4: unconfirmed and its children) */
const SUSPECTED_VERIFICATION = new Set(['unconfirmed', 'provisional', 'differential']);
const NO_CLINICAL_STATUS = SET_ASIDE.noClinicalStatus;
/** a status that is there but unreadable might say "refuted" or "resolved": possible, never evidence */
const UNREADABLE_VERIFICATION = SET_ASIDE.unreadableVerification;
const UNREADABLE_CLINICAL = SET_ASIDE.unreadableClinical;
const POSSIBLE_ONLY = new Set<Localized>([UNREADABLE_VERIFICATION, UNREADABLE_CLINICAL]);

/**
 * The Diagnosesicherheit of an ICD-10-GM code, as the basisprofil maps it to FHIR statuses:
 * A (ruled out) refuted, Z (status after) resolved, V (suspected) provisional, G confirmed.
 */
const CERTAINTY_EXCLUDES: Partial<Record<Certainty, Localized>> = {
  A: SET_ASIDE.ruledOut,
  Z: SET_ASIDE.statusAfter,
};
const SUSPECTED_CERTAINTY = SET_ASIDE.suspectedCertainty;

/**
 * README, "Stale problem lists": an acute-course condition recorded active with nothing newer
 * in 90 days (its onset, its recording, an order, statement or procedure given for it, the current
 * encounter) is asked about ("still active?"), not taken as current. So is an encounter diagnosis:
 * it describes its encounter, not the patient today.
 */
export const STILL_ACTIVE_DAYS = 90;

/** what bears on a Condition after it was recorded: the newest order, statement or procedure given for it */
export interface ConditionContext {
  /** Condition id → the newest start of something given for it (reasonReference) */
  treatedOn: ReadonlyMap<string, Date>;
  /** the id of the encounter the app was launched in */
  encounterId?: string;
}

/** the id a reference names: "Condition/12", an absolute URL, or a Bundle's "urn:uuid:…" */
function conditionId(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  return referencedId(reference, 'Condition') ?? (reference.startsWith('urn:uuid:') ? reference.slice(9) : undefined);
}

/** the newest date of the entries given for each Condition (their reasonReference), by Condition id */
export function treatedOn(entries: readonly { resource: unknown; date: Date | undefined }[]): Map<string, Date> {
  const out = new Map<string, Date>();
  for (const { resource, date } of entries) {
    if (!date) continue;
    for (const reason of arr(field(resource, 'reasonReference'))) {
      const id = conditionId(str(field(reason, 'reference')));
      const known = id && out.get(id);
      if (id && (!known || known.getTime() < date.getTime())) out.set(id, date);
    }
  }
  return out;
}

function isEncounterDiagnosis(resource: unknown): boolean {
  const categories = arr(field(resource, 'category')).flatMap(codings);
  return (
    categories.some((c) => c.code === 'encounter-diagnosis') && !categories.some((c) => c.code === 'problem-list-item')
  );
}

/**
 * Why an active entry of an acute-course value set (or an encounter diagnosis) may no longer be
 * current: nothing about it is newer than STILL_ACTIVE_DAYS. Undefined when something is, or when
 * the entry carries no date at all (its age is not known).
 */
function staleness(
  resource: unknown,
  onset: Date | undefined,
  now: Date,
  context: ConditionContext,
): ((valueSet: ValueSet) => Localized | undefined) | undefined {
  const recorded = parseDate(field(resource, 'recordedDate'));
  const id = str(field(resource, 'id'));
  const encounter = str(field(field(resource, 'encounter'), 'reference'));
  if (context.encounterId && encounter && referencedId(encounter, 'Encounter') === context.encounterId)
    return undefined;
  const touches = [onset && latestPossible(onset, now), recorded, id ? context.treatedOn.get(id) : undefined];
  let newest: Date | undefined;
  for (const d of touches) if (d && (!newest || d.getTime() > newest.getTime())) newest = d;
  if (!newest || ageInDays(newest, now) <= STILL_ACTIVE_DAYS) return undefined;
  const since = writtenDate(onset ?? recorded ?? newest);
  const encounterDiagnosis = isEncounterDiagnosis(resource);
  const why = encounterDiagnosis
    ? SET_ASIDE.encounterDiagnosis(since, STILL_ACTIVE_DAYS)
    : SET_ASIDE.activeSince(since, STILL_ACTIVE_DAYS);
  return (valueSet) => (encounterDiagnosis || valueSet.course === 'acute' ? why : undefined);
}

/** value sets whose words in an uncoded Condition make a *possible* finding */
const conditionTextTerms = textTermReader(valueSetsWithWordsIn('Condition'));

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
  match: CodeMatcher,
  context: ConditionContext,
): void {
  resources.forEach((resource, index) => {
    const code = field(resource, 'code');
    const codeList = diagnosisCodings(code);
    const matches = match(codeList, 'Condition');
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
    const stale = why ? undefined : staleness(resource, onset, now, context);
    if (matches.length) {
      // levels are read only for a Condition the criteria use
      const site = siteOf(codeList, bodySiteConcepts.flatMap(codings), text);
      for (const m of matches) {
        const fact = conditionFact(
          reference,
          label ? asWritten(label) : EVIDENCE_WORDS.condition,
          date,
          onset,
          m,
          site,
          text,
          now,
        );
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
          certainty === 'V'
            ? SUSPECTED_CERTAINTY
            : suspected
              ? SET_ASIDE.suspected(verificationStatus(resource))
              : (why ?? stale?.(m.valueSet));
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
          possibleFact(reference, label ? asWritten(label) : EVIDENCE_WORDS.condition, date, now),
          SET_ASIDE.textOnly(terms),
        ),
      );
  });
}

export function conditionFact(
  reference: string,
  label: Localized,
  date: Date | undefined,
  onset: Date | undefined,
  match: CodeMatch,
  site: { levels: LevelInfo; spinalSite: boolean },
  text: string,
  now: Date,
): ConditionFact {
  const where = site.levels.levels.length ? EVIDENCE_WORDS.atLevels(site.levels.levels) : undefined;
  return {
    reference,
    ...dated(
      localized((lang) => `${label[lang]}${where?.[lang] ?? ''} [${match.coding.code}]`),
      date,
      now,
    ),
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

function possibleFact(reference: string, label: Localized, date: Date | undefined, now: Date): Fact {
  return { reference, ...dated(label, date, now), date };
}

function notCountingReason(resource: unknown, now: Date, date: Date | undefined): Localized | undefined {
  const verification = verificationStatus(resource);
  if (verification && NOT_COUNTING_VERIFICATION.has(verification)) return SET_ASIDE.code(verification);
  // a status that is there but unreadable might say "refuted": not evidence until confirmed
  if (!verification && field(resource, 'verificationStatus') !== undefined) return UNREADABLE_VERIFICATION;
  const clinical = clinicalStatus(resource);
  if (clinical && !COUNTING_CLINICAL.has(clinical)) return SET_ASIDE.code(clinical);
  // there, but unreadable: it might say "resolved"
  if (!clinical && field(resource, 'clinicalStatus') !== undefined) return UNREADABLE_CLINICAL;
  const abated =
    parseDate(field(resource, 'abatementDateTime')) ?? parseDate(field(field(resource, 'abatementPeriod'), 'end'));
  if (abated && abated.getTime() <= now.getTime()) return SET_ASIDE.abated(isoDay(abated, now));
  if (afterNow(date, now)) return SET_ASIDE.afterAssessment;
  if (!clinical) return NO_CLINICAL_STATUS;
  return undefined;
}
