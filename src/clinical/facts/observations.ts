import { parseDate } from '../dates';
import { arr, codings, conceptText, field, notesText, referenceOf, str } from '../json';
import { matchCodings } from '../terminology/match';
import { measuredValue, painScore, type Measured } from '../units';
import { afterNow, dated, plainStatus } from './common';
import { put, type Bucket, type ObservationFact, type ReportFact } from './types';
import { reportFindings } from './reports';

const COUNTING = new Set(['final', 'amended', 'corrected']);

/** how each measured value set is read: target unit, and the spellings that mean "no unit" */
const MEASURES: Record<string, (o: unknown) => Measured> = {
  'VS-PAIN-SCORE': painScore,
  'VS-INR': (o) => measuredValue(o, '1', ['', '1', '{inr}', 'inr', '{ratio}', 'ratio', '{index}']),
  'VS-PLATELETS': (o) => measuredValue(o, '10*9/L'),
  'VS-WBC': (o) => measuredValue(o, '10*9/L'),
  'VS-CRP': (o) => measuredValue(o, 'mg/L'),
  'VS-BODY-TEMPERATURE': (o) => measuredValue(o, 'Cel'),
  'VS-BMD-T-SCORE': (o) => measuredValue(o, '1', ['', '1', '{t-score}', '{tscore}', '{sd}', 'sd', '{score}']),
};

const POSITIVE = new Set(['10828004', 'POS', 'positive', 'LA6576-8']);
const NEGATIVE = new Set(['260385009', 'NEG', 'negative', 'LA6577-6']);

function qualitative(o: unknown): boolean | undefined {
  for (const c of [...codings(field(o, 'valueCodeableConcept')), ...arr(field(o, 'interpretation')).flatMap(codings)]) {
    if (POSITIVE.has(c.code)) return true;
    if (NEGATIVE.has(c.code)) return false;
  }
  const s = (str(field(o, 'valueString')) ?? conceptText(field(o, 'valueCodeableConcept'))).toLowerCase();
  if (/\b(neg|negativ)/.test(s)) return false;
  if (/\b(pos|positiv)/.test(s)) return true;
  if (typeof field(o, 'valueBoolean') === 'boolean') return field(o, 'valueBoolean') as boolean;
  return undefined;
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

export function observationFacts(resources: readonly unknown[], now: Date, bucket: Bucket<ObservationFact>, reports: ReportFact[]): void {
  resources.forEach((o, index) => {
    const codeList = codings(field(o, 'code'));
    const matches = matchCodings(codeList);
    const imaging = isImagingObservation(o);
    if (!matches.length && !imaging) return;
    const reference = referenceOf(o, 'Observation', index);
    const label = conceptText(field(o, 'code')) || 'Observation';
    const date = observationDate(o);
    const status = plainStatus(o);
    const why = !status || !COUNTING.has(status) ? `status ${status ?? 'missing'}` : !date ? 'no date' : afterNow(date, now) ? 'dated after the assessment date' : undefined;

    if (imaging && !why) {
      const text = [label, str(field(o, 'valueString')) ?? '', conceptText(field(o, 'valueCodeableConcept')), notesText(field(o, 'note'))].join(' ');
      const report = reportFindings(reference, label, date, text);
      if (report) reports.push(report);
    }
    for (const m of matches) {
      const id = m.valueSet.id;
      const measure = MEASURES[id];
      const measured = why || !measure ? undefined : measure(o);
      const setAsideBecause = why ?? (measured && !measured.ok ? measured.reason : undefined);
      if (setAsideBecause) {
        put(bucket.excluded, id, { reference, summary: dated(label, date), date, code: m.code, why: setAsideBecause });
      } else if (measured?.ok) {
        put(bucket.found, id, { reference, summary: dated(`${label}: ${round(measured.value)}${measured.unit ? ` ${measured.unit}` : ''}`, date), date, code: m.code, match: m, value: measured.value, unit: measured.unit });
      } else {
        const positive = qualitative(o);
        const result = positive === undefined ? 'result not readable' : positive ? 'positive' : 'negative';
        put(bucket.found, id, { reference, summary: dated(`${label}: ${result}`, date), date, code: m.code, match: m, positive });
      }
    }
  });
  for (const list of bucket.found.values()) list.sort(newestFirst);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export function newestFirst(a: { date?: Date }, b: { date?: Date }): number {
  return (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0);
}
