import type { Coding } from '../json';
import { isPrefixSystem, MAX_URI, normaliseCode, systemKey, systemUri, type SystemKey } from './systems';
import type { ClinicalType } from '../record';
import { isSearchedIn, valueSet, VALUE_SETS, type CodeEntry, type ValueSet, type ValueSetId } from './valuesets';

export interface CodeMatch {
  valueSet: ValueSet;
  entry: CodeEntry;
  coding: Coding;
  /** "system|code" as written in the resource */
  code: string;
}

interface Indexed {
  valueSet: ValueSet;
  entry: CodeEntry;
}

/**
 * One lookup table for all value sets, built once: `systemKey|normalisedCode` → entries. For
 * hierarchical systems every prefix of a code is looked up (at most its length), so matching a
 * coding costs a handful of map lookups whatever the size of the value sets.
 */
const INCLUDE = new Map<string, Indexed[]>();
const EXCLUDE = new Map<string, Indexed[]>();

function add(map: Map<string, Indexed[]>, valueSet: ValueSet, entry: CodeEntry): void {
  const key = `${entry.system}|${normaliseCode(entry.system, entry.code)}`;
  const list = map.get(key);
  if (list) list.push({ valueSet, entry });
  else map.set(key, [{ valueSet, entry }]);
}

for (const vs of VALUE_SETS) {
  for (const e of vs.entries) add(INCLUDE, vs, e);
  for (const e of vs.exclude ?? []) add(EXCLUDE, vs, e);
}

function lookups(key: SystemKey, code: string): string[] {
  const norm = normaliseCode(key, code);
  if (!isPrefixSystem(key)) return [`${key}|${norm}`];
  const keys: string[] = [];
  for (let i = norm.length; i >= 1; i--) keys.push(`${key}|${norm.slice(0, i)}`);
  return keys;
}

/**
 * Each code's entries as looked up once (system → code → entries): the records of a batch repeat the
 * same codes. A function of the code alone, nothing of a record; at most KNOWN_CODES kept, so an
 * export of endless distinct codes costs lookups, not memory.
 */
const LOOKED_UP = new Map<string, Map<string, readonly Indexed[]>>();
const KNOWN_CODES = 50_000;
const MAX_CODE = 64;
let lookedUp = 0;

/** every value-set entry a code falls under (the most specific entry per value set) */
function lookup(system: string, code: string): readonly Indexed[] {
  let bySystem = LOOKED_UP.get(system);
  const known = bySystem?.get(code);
  if (known) return known;
  const found = lookupOnce(system, code);
  // a code longer than any a value set lists matches nothing, and is not kept (nor a system's name that long)
  if (lookedUp < KNOWN_CODES && code.length <= MAX_CODE && system.length <= MAX_URI) {
    if (!bySystem) LOOKED_UP.set(system, (bySystem = new Map()));
    bySystem.set(code, found);
    lookedUp++;
  }
  return found;
}

function lookupOnce(system: string, code: string): readonly Indexed[] {
  const key = systemKey(system);
  const found: Indexed[] = [];
  if (!key || code.length > MAX_CODE) return found;
  const keys = lookups(key, code);
  const excluded = new Set<string>();
  for (const k of keys) for (const x of EXCLUDE.get(k) ?? []) excluded.add(x.valueSet.id);
  const seen = new Set<string>();
  for (const k of keys) {
    for (const item of INCLUDE.get(k) ?? []) {
      if (excluded.has(item.valueSet.id) || seen.has(item.valueSet.id)) continue;
      seen.add(item.valueSet.id);
      found.push(item);
    }
  }
  return found;
}

function codeMatch(hit: Indexed, coding: Coding): CodeMatch {
  return { valueSet: hit.valueSet, entry: hit.entry, coding, code: `${coding.system}|${coding.code}` };
}

/** every value set a coding falls under, wherever the set is searched */
export function matchCoding(coding: Coding): CodeMatch[] {
  return lookup(coding.system, coding.code).map((hit) => codeMatch(hit, coding));
}

/** every value set the codings fall under, wherever the set is searched */
export function matchCodings(list: readonly Coding[]): CodeMatch[] {
  return list.flatMap(matchCoding);
}

/**
 * Matches the codings of one list of the record against the value sets searched in it (a LOINC
 * code in a Condition means nothing here).
 */
export type CodeMatcher = (list: readonly Coding[], type: ClinicalType) => CodeMatch[];

/**
 * A matcher for one assessment: it remembers each code's value sets, since a long record repeats a
 * few codes thousands of times, and is dropped with the assessment.
 */
export function codeMatcher(): CodeMatcher {
  const byList = new Map<ClinicalType, Map<string, Map<string, Indexed[]>>>();
  return (list, type) => {
    let bySystem = byList.get(type);
    if (!bySystem) byList.set(type, (bySystem = new Map()));
    const out: CodeMatch[] = [];
    for (const coding of list) {
      let byCode = bySystem.get(coding.system);
      if (!byCode) bySystem.set(coding.system, (byCode = new Map()));
      let hits = byCode.get(coding.code);
      if (!hits) {
        hits = lookup(coding.system, coding.code).filter((hit) => isSearchedIn(hit.valueSet, type));
        byCode.set(coding.code, hits);
      }
      // most codings of a long record match nothing: no match objects for them
      for (const hit of hits) out.push(codeMatch(hit, coding));
    }
    return out;
  };
}

const NO_SETS: ReadonlySet<ValueSetId> = new Set();

/** the ids of the value sets some codings matched */
export function matchedSets(matches: readonly CodeMatch[]): ReadonlySet<ValueSetId> {
  return matches.length ? new Set(matches.map((m) => m.valueSet.id)) : NO_SETS;
}

export function inValueSet(coding: Coding, valueSetId: ValueSetId): CodeMatch | undefined {
  return matchCoding(coding).find((m) => m.valueSet.id === valueSetId);
}

/** a word of the list, not in the middle of another word ("vcf", not "...avcf") */
function termsPattern(terms: readonly string[], flags: string): RegExp {
  return new RegExp(`(?:^|[^a-zäöüß])(${terms.map(escape).join('|')})`, flags);
}

const TERM_PATTERNS = new Map<ValueSetId, RegExp>();
for (const vs of VALUE_SETS) {
  if (vs.textTerms?.length) TERM_PATTERNS.set(vs.id, termsPattern(vs.textTerms, 'g'));
}

/** the words of a value set found in a text, for *possible* findings (never evidence) */
export function textTermsIn(valueSet: ValueSet, text: string): string[] {
  return text ? termsInLowerCase(valueSet, text.toLowerCase()) : [];
}

function termsInLowerCase(valueSet: ValueSet, lowerCaseText: string): string[] {
  const pattern = TERM_PATTERNS.get(valueSet.id);
  if (!pattern) return [];
  const terms: string[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(lowerCaseText); m; m = pattern.exec(lowerCaseText)) {
    const term = m[1];
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

/**
 * The words of several value sets in a text, by value set, leaving out the sets in `skip` (already
 * matched by code). One scan for the words of all sets first: most texts of a long record name none.
 */
export function textTermReader(
  valueSetIds: readonly ValueSetId[],
): (text: string, skip: ReadonlySet<ValueSetId>) => Array<[ValueSetId, string[]]> {
  const sets = valueSetIds.map((id) => {
    const vs = valueSet(id);
    if (!vs.textTerms?.length) throw new Error(`value set ${id} has no text terms`);
    return vs;
  });
  const anyTerm = termsPattern(
    sets.flatMap((vs) => vs.textTerms ?? []),
    '',
  );
  return (text, skip) => {
    const lowerCaseText = text.toLowerCase();
    if (!lowerCaseText || !anyTerm.test(lowerCaseText)) return [];
    const found: Array<[ValueSetId, string[]]> = [];
    for (const vs of sets) {
      if (skip.has(vs.id)) continue;
      const terms = termsInLowerCase(vs, lowerCaseText);
      if (terms.length) found.push([vs.id, terms]);
    }
    return found;
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** exact `system|code` strings of a value set, or undefined when a prefix entry makes it inexpressible */
export function exactCodes(valueSet: ValueSet): string[] | undefined {
  if (valueSet.entries.some((e) => isPrefixSystem(e.system))) return undefined;
  return valueSet.entries.map((e) => `${systemUri(e.system)}|${e.code}`);
}
