import { EVIDENCE_WORDS, asWritten } from '../evidence-words';
import type { Localized } from '../../lang';
import { SET_ASIDE } from '../set-aside';
import { decodeBase64Utf8 } from '../base64';
import { parseDate } from '../dates';
import { arr, conceptName, conceptText, field, referenceOf, str } from '../json';
import {
  heightLossPercent,
  lesionLevels,
  mentionsSpine,
  mentionsVertebraPlana,
  oedemaFinding,
  posteriorWallFinding,
  studyModality,
} from '../findings-text';
import { levelsFromText } from '../levels';
import { diagnosisCodings } from '../terminology/icd10gm';
import type { CodeMatcher } from '../terminology/match';
import { siteOf, conditionFact } from './conditions';
import { afterNow, dated, exclude, plainStatus } from './common';
import { put, type ClinicalFacts, type ImagingFact, type ReportFact } from './types';

const COUNTING = new Set(['final', 'amended', 'corrected', 'appended']);

/**
 * text findings of an imaging report; undefined when it says nothing the criteria use. The
 * modality is the linked study's, else the one the title (`title`: all its names; `label`, the one
 * the evidence shows, by default) names, else the one the text says was done: "XR lumbar spine …
 * Recommend MRI" is no MRI.
 */
export function reportFindings(
  reference: string,
  label: Localized,
  date: Date | undefined,
  text: string,
  now: Date,
  linked?: ImagingFact,
  title: string = label.en,
): ReportFact | undefined {
  const modality = linked?.modality ?? studyModality(title, text);
  const oedema = oedemaFinding(text);
  const posteriorWall = posteriorWallFinding(text);
  const heightLoss = heightLossPercent(text);
  const vertebraPlana = mentionsVertebraPlana(text);
  const finding = oedema || posteriorWall || heightLoss !== undefined || vertebraPlana;
  // most reports of a chart (labs, notes) say nothing of this: the spine and the levels are looked
  // for only in those that do (a batch of charts spends its time on such patterns)
  if (!finding && !modality) return undefined;
  const spine = (linked?.spine ?? false) || mentionsSpine(text);
  if (!finding && !spine) return undefined;
  return {
    reference,
    ...dated(label, date, now),
    date,
    modality,
    spine,
    oedema,
    posteriorWall,
    heightLoss,
    vertebraPlana,
    levels: levelsFromText(text),
    lesionLevels: lesionLevels(text),
  };
}

/** presentedForm text/plain attachments, decoded (base64) */
function attachmentText(resource: unknown): string {
  const parts: string[] = [];
  for (const a of arr(field(resource, 'presentedForm'))) {
    const type = str(field(a, 'contentType')) ?? '';
    const data = str(field(a, 'data'));
    if (!data || !type.startsWith('text/plain') || data.length > 200_000) continue;
    const text = decodeBase64Utf8(data);
    if (text) parts.push(text);
  }
  return parts.join('\n');
}

export function diagnosticReportFacts(resources: readonly unknown[], facts: ClinicalFacts, match: CodeMatcher): void {
  const imagingByRef = new Map(facts.imaging.map((i) => [i.reference.replace(/\/_history\/.*$/, ''), i]));
  resources.forEach((r, index) => {
    const reference = referenceOf(r, 'DiagnosticReport', index);
    // the report named once (its title, else its first display) where a surgeon reads it; every name is searched
    const title = conceptText(field(r, 'code'));
    const named = conceptName(field(r, 'code'));
    const label = named ? asWritten(named) : EVIDENCE_WORDS.diagnosticReport;
    const date =
      parseDate(field(r, 'effectiveDateTime')) ??
      parseDate(field(field(r, 'effectivePeriod'), 'start')) ??
      parseDate(field(r, 'issued'));
    const status = plainStatus(r);
    const conclusionCodes = arr(field(r, 'conclusionCode'));
    const text = [
      title,
      str(field(r, 'conclusion')) ?? '',
      conclusionCodes.map(conceptText).join(' '),
      attachmentText(r),
      // one line each: the title's "without contrast" must not reach into the conclusion
    ].join('\n');
    const linked = arr(field(r, 'imagingStudy'))
      .map((x) => imagingByRef.get(str(field(x, 'reference')) ?? ''))
      .find((x) => x !== undefined);
    const why =
      !status || !COUNTING.has(status)
        ? SET_ASIDE.status(status)
        : afterNow(date, facts.now)
          ? SET_ASIDE.afterAssessment
          : undefined;
    const report = reportFindings(reference, label, date, text, facts.now, linked, title || label.en);
    if (why) {
      if (report) facts.imagingExcluded.push(exclude(report, why));
      return;
    }
    if (report) facts.reports.push(report);
    // a coded conclusion (fracture, metastasis...) counts like a Condition; its levels come from the
    // conclusion codes only, since the narrative also names the normal levels
    const conclusionCodings = conclusionCodes.flatMap(diagnosisCodings);
    const site = siteOf(conclusionCodings, [], conclusionCodes.map(conceptText).join(' '));
    const located = { levels: site.levels, spinalSite: site.spinalSite || (report?.spine ?? false) };
    for (const m of match(conclusionCodings, 'DiagnosticReport')) {
      put(
        facts.conditions.found,
        m.valueSet.id,
        conditionFact(reference, label, date, date, m, located, text, facts.now),
      );
    }
  });
}
