import { localized, type Localized } from '../../lang';
import { EVIDENCE_WORDS, asWritten } from '../evidence-words';
import { SET_ASIDE } from '../set-aside';
import { parseDate } from '../dates';
import { arr, codings, conceptText, field, notesText, referenceOf, str, type Coding } from '../json';
import type { CodeMatch, CodeMatcher } from '../terminology/match';
import { systemKey, systemUri } from '../terminology/systems';
import { VALUE_SETS, type QualitativeAnswers, type Reading } from '../terminology/valuesets';
import { measuredValue, painScore, type Measured } from '../units';
import { afterNow, dated, plainStatus } from './common';
import { put, type Bucket, type ObservationFact, type ReportFact } from './types';
import { reportFindings } from './reports';

const COUNTING = new Set(['final', 'amended', 'corrected']);

/** a value as its value set's reading says (terminology/valuesets.ts, Reading); undefined: qualitative */
function measure(reading: Exclude<Reading, { kind: 'coded' }>, o: unknown): Measured {
  switch (reading.kind) {
    case 'quantity':
      return measuredValue(o, reading.unit);
    case 'unitless':
      return measuredValue(o, '1', reading.spellings);
    case 'pain-score':
      return painScore(o);
  }
}

/** a qualitative result's answers, read once per answer list */
interface AnswerReader {
  coded: Map<string, boolean>;
  negative: RegExp;
  positive: RegExp;
}

function answerReader(answers: QualitativeAnswers): AnswerReader {
  return {
    // coded answers by `system|code`, the system in its primary URI where systems.ts knows it
    coded: new Map(answers.codes.map((a) => [`${a.system}|${a.code}`, a.positive])),
    negative: wordsPattern(answers.negativeWords, 'g'),
    positive: wordsPattern(answers.positiveWords),
  };
}

function wordsPattern(words: readonly string[], flags = ''): RegExp {
  return new RegExp(
    `(?:^|[^a-zäöüß])(?:${words.map((w) => w.replace(/[-\s]/g, '[-\\s]?')).join('|')})(?![a-zäöüß])`,
    flags,
  );
}

/** the answer lists of the coded value sets, each read once */
const ANSWER_READERS = new Map(
  VALUE_SETS.flatMap((vs) =>
    vs.reading?.kind === 'coded' ? [[vs.reading.answers, answerReader(vs.reading.answers)] as const] : [],
  ),
);

function codedAnswer(answers: AnswerReader, c: Coding): boolean | undefined {
  const key = systemKey(c.system);
  return answers.coded.get(`${key ? systemUri(key) : c.system}|${c.code}`);
}

function writtenAnswer(answers: AnswerReader, text: string): boolean | undefined {
  const lower = text.toLowerCase();
  answers.negative.lastIndex = 0;
  const negative = answers.negative.test(lower);
  // "not detected" holds "detected": a positive word counts only outside the negative phrases
  const positive = answers.positive.test(negative ? lower.replace(answers.negative, ' ') : lower);
  return negative === positive ? undefined : positive;
}

/**
 * The result of a qualitative test: positive true or false, undefined when nothing readable says
 * which or when the codes, the interpretation and the text disagree; and the result as written.
 */
function qualitative(answers: AnswerReader, o: unknown): { positive?: boolean; written: string } {
  const concept = field(o, 'valueCodeableConcept');
  const said = new Set<boolean>();
  for (const c of [...codings(concept), ...arr(field(o, 'interpretation')).flatMap(codings)]) {
    const answer = codedAnswer(answers, c);
    if (answer !== undefined) said.add(answer);
  }
  const written = str(field(o, 'valueString')) ?? conceptText(concept);
  const inWords = written ? writtenAnswer(answers, written) : undefined;
  if (inWords !== undefined) said.add(inWords);
  const present = field(o, 'valueBoolean');
  if (typeof present === 'boolean') said.add(present);
  return { positive: said.size === 1 ? said.has(true) : undefined, written };
}

export function observationDate(o: unknown): Date | undefined {
  return (
    parseDate(field(o, 'effectiveDateTime')) ??
    parseDate(field(field(o, 'effectivePeriod'), 'end')) ??
    parseDate(field(field(o, 'effectivePeriod'), 'start')) ??
    parseDate(field(o, 'effectiveInstant')) ??
    parseDate(field(o, 'issued'))
  );
}

function isImagingObservation(o: unknown): boolean {
  return arr(field(o, 'category')).some((c) => codings(c).some((x) => x.code === 'imaging'));
}

/** the components of a panel Observation that fall in a value set ("Pain assessment" → "Pain severity 0-10") */
interface MatchedComponent {
  component: unknown;
  matches: CodeMatch[];
}

function matchedComponents(o: unknown, match: CodeMatcher): MatchedComponent[] {
  const components = arr(field(o, 'component'));
  if (!components.length) return NO_COMPONENTS;
  const out: MatchedComponent[] = [];
  for (const component of components) {
    const matches = match(codings(field(component, 'code')), 'Observation');
    if (matches.length) out.push({ component, matches });
  }
  return out;
}
const NO_COMPONENTS: MatchedComponent[] = [];

// A score named as pain in words whose code the value set does not list (a local "Schmerz NRS"
// code, a pain scale the app does not know): set aside with why, so the surgeon sees it was not used.
const PAIN_WORDS = /(?:^|[^a-zäöüß])(?:pain|schmerz|nrs|vas)(?![a-zäöüß])/i;

function unknownPainScore(o: unknown, codeList: Coding[]): Localized | undefined {
  const value = field(o, 'valueQuantity') !== undefined || typeof field(o, 'valueInteger') === 'number';
  if (!value) return undefined;
  const words = str(field(field(o, 'code'), 'text')) ?? codeList.find((c) => c.display)?.display;
  if (!words || !PAIN_WORDS.test(words)) return undefined;
  const code = codeList[0];
  return code ? SET_ASIDE.unknownPainCode(code.system, code.code) : SET_ASIDE.painScoreWithoutCode;
}

/** one value-set match of an Observation or of one of its components, put where it belongs */
function putMatch(
  bucket: Bucket<ObservationFact>,
  source: unknown,
  m: CodeMatch,
  why: Localized | undefined,
  reference: string,
  label: Localized,
  date: Date | undefined,
  now: Date,
): void {
  const id = m.valueSet.id;
  // only the value sets searched in Observation match here, and each says how its value reads
  const reading = m.valueSet.reading;
  if (!reading) return;
  const measured = why || reading.kind === 'coded' ? undefined : measure(reading, source);
  const setAsideBecause = why ?? (measured && !measured.ok ? measured.reason : undefined);
  if (setAsideBecause) {
    put(bucket.excluded, id, { reference, ...dated(label, date, now), date, code: m.code, why: setAsideBecause });
  } else if (measured?.ok) {
    put(bucket.found, id, {
      reference,
      ...dated(
        localized((lang) => `${label[lang]}: ${measured.display[lang]}`),
        date,
        now,
      ),
      date,
      code: m.code,
      match: m,
      value: measured.value,
      unit: measured.unit,
    });
  } else if (reading.kind === 'coded') {
    const answers = ANSWER_READERS.get(reading.answers) ?? answerReader(reading.answers);
    const { positive, written } = qualitative(answers, source);
    const result =
      positive === undefined
        ? EVIDENCE_WORDS.resultNotReadable
        : positive
          ? EVIDENCE_WORDS.positive
          : EVIDENCE_WORDS.negative;
    // the record's word beside the app's when it says more than the English result (as the command line has it)
    const quoted = written && written.toLowerCase() !== result.en ? ` ("${written}")` : '';
    put(bucket.found, id, {
      reference,
      ...dated(
        localized((lang) => `${label[lang]}: ${result[lang]}${quoted}`),
        date,
        now,
      ),
      date,
      code: m.code,
      match: m,
      positive,
    });
  }
}

export function observationFacts(
  resources: readonly unknown[],
  now: Date,
  bucket: Bucket<ObservationFact>,
  reports: ReportFact[],
  match: CodeMatcher,
): void {
  resources.forEach((o, index) => {
    const codeList = codings(field(o, 'code'));
    const matches = match(codeList, 'Observation');
    const imaging = isImagingObservation(o);
    // a score held in a component of a panel counts as the score (README "Pain scores in panels")
    const components = matchedComponents(o, match);
    const unknownPain = matches.length || components.length ? undefined : unknownPainScore(o, codeList);
    if (!matches.length && !imaging && !components.length && !unknownPain) return;
    const reference = referenceOf(o, 'Observation', index);
    const named = conceptText(field(o, 'code'));
    const label = named ? asWritten(named) : EVIDENCE_WORDS.observation;
    const date = observationDate(o);
    const status = plainStatus(o);
    const why =
      !status || !COUNTING.has(status)
        ? SET_ASIDE.status(status)
        : !date
          ? SET_ASIDE.noDate
          : afterNow(date, now)
            ? SET_ASIDE.afterAssessment
            : undefined;

    if (imaging && !why) {
      const text = [
        label.en,
        str(field(o, 'valueString')) ?? '',
        conceptText(field(o, 'valueCodeableConcept')),
        notesText(field(o, 'note')),
      ].join('\n');
      const report = reportFindings(reference, label, date, text, now);
      if (report) reports.push(report);
    }
    for (const m of matches) putMatch(bucket, o, m, why, reference, label, date, now);
    for (const { component, matches: componentMatches } of components) {
      const part = conceptText(field(component, 'code'));
      const componentLabel = localized((lang) => `${label[lang]}: ${part || EVIDENCE_WORDS.component[lang]}`);
      for (const m of componentMatches) putMatch(bucket, component, m, why, reference, componentLabel, date, now);
    }
    if (unknownPain)
      put(bucket.excluded, 'VS-PAIN-SCORE', {
        reference,
        ...dated(label, date, now),
        date,
        why: why ?? unknownPain,
      });
  });
  for (const list of bucket.found.values()) list.sort(newestFirst);
}

export function newestFirst(a: { date?: Date }, b: { date?: Date }): number {
  return (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0);
}
