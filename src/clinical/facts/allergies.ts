import { EVIDENCE_WORDS, asWritten } from '../evidence-words';
import { localized } from '../../lang';
import { SET_ASIDE } from '../set-aside';
import { parseDate } from '../dates';
import { arr, codings, conceptText, field, notesText, referenceOf } from '../json';
import { matchedSets, textTermReader, type CodeMatcher } from '../terminology/match';
import { valueSetsWithWordsIn } from '../terminology/valuesets';
import { afterNow, clinicalStatus, dated, exclude, verificationStatus } from './common';
import { put, type Bucket, type CodedFact } from './types';

const NOT_COUNTING = new Set(['refuted', 'entered-in-error', 'inactive', 'resolved']);
const allergyTextTerms = textTermReader(valueSetsWithWordsIn('AllergyIntolerance'));

export function allergyFacts(
  resources: readonly unknown[],
  now: Date,
  bucket: Bucket<CodedFact>,
  match: CodeMatcher,
): void {
  resources.forEach((r, index) => {
    const substances = [field(r, 'code'), ...arr(field(r, 'reaction')).map((x) => field(x, 'substance'))];
    const matches = match(substances.flatMap(codings), 'AllergyIntolerance');
    const text = [...substances.map(conceptText), notesText(field(r, 'note'))].join(' ');
    const possible = allergyTextTerms(text, matchedSets(matches));
    if (!matches.length && !possible.length) return;

    const reference = referenceOf(r, 'AllergyIntolerance', index);
    const date = parseDate(field(r, 'recordedDate')) ?? parseDate(field(r, 'onsetDateTime'));
    const status = [verificationStatus(r), clinicalStatus(r)].find((s) => s && NOT_COUNTING.has(s));
    const why = status ? SET_ASIDE.code(status) : afterNow(date, now) ? SET_ASIDE.afterAssessment : undefined;
    const substance = conceptText(field(r, 'code'));
    const label = EVIDENCE_WORDS.allergy(substance ? asWritten(substance) : EVIDENCE_WORDS.substance);
    for (const m of matches) {
      const fact: CodedFact = {
        reference,
        ...dated(
          localized((lang) => `${label[lang]} [${m.coding.code}]`),
          date,
          now,
        ),
        date,
        code: m.code,
        match: m,
      };
      if (why) put(bucket.excluded, m.valueSet.id, exclude(fact, why));
      else put(bucket.found, m.valueSet.id, fact);
    }
    if (why) return;
    for (const [id, terms] of possible)
      put(bucket.possible, id, {
        reference,
        ...dated(label, date, now),
        date,
        why: SET_ASIDE.textOnly(terms),
      });
  });
}
