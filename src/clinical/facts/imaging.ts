import { EVIDENCE_WORDS, asWritten } from '../evidence-words';
import { localized, type Localized } from '../../lang';
import { SET_ASIDE } from '../set-aside';
import { parseDate } from '../dates';
import { arr, codings, conceptText, field, referenceOf, str, type Coding } from '../json';
import { mentionsSpine, type ImagingModality } from '../findings-text';
import { inValueSet, type CodeMatcher } from '../terminology/match';
import { afterNow, dated, exclude, plainStatus } from './common';
import { put, type ClinicalFacts, type CodedFact, type ImagingFact } from './types';

/** DICOM modality codes (CID 29) the criteria use */
const MODALITIES: Record<string, ImagingModality> = { MR: 'MR', CT: 'CT', NM: 'NM' };
/** plain radiographs (DX, CR) do not count for req.imaging (docs/criteria.md); a spine film is shown as set aside */
const PLAIN_RADIOGRAPHS = new Set(['DX', 'CR']);
/** spine MRI/CT procedure codes → modality */
const PROCEDURE_MODALITY: Record<string, ImagingModality> = { '241645008': 'MR', '702487007': 'CT' };
/** ImagingStudy.status: only "available" means there are images to read */
const STUDY_AVAILABLE = 'available';
const WHY_NOT_AVAILABLE: Record<string, Localized> = {
  registered: SET_ASIDE.studyRegistered,
  unknown: SET_ASIDE.studyUnknown,
};
const COUNTING_PROCEDURE = new Set(['completed', 'in-progress']);

function dicomCode(c: Coding): string {
  return c.code.trim().toUpperCase();
}

function modalityOf(list: Coding[]): ImagingModality | undefined {
  for (const c of list) {
    const m = MODALITIES[dicomCode(c)];
    if (m) return m;
  }
  return undefined;
}

function hasSpinalBodySite(series: unknown): boolean {
  return codings(field(series, 'bodySite')).some((c) => inValueSet(c, 'VS-SPINE-SITE'));
}

function whyStudyDoesNotCount(status: string | undefined): Localized | undefined {
  if (status === STUDY_AVAILABLE) return undefined;
  return WHY_NOT_AVAILABLE[status ?? ''] ?? SET_ASIDE.status(status || undefined);
}

export function imagingStudyFacts(resources: readonly unknown[], facts: ClinicalFacts): void {
  resources.forEach((s, index) => {
    const series = arr(field(s, 'series'));
    const procedures = arr(field(s, 'procedureCode')).flatMap(codings);
    const procedureModality = procedures
      .map((c) => (inValueSet(c, 'VS-SPINE-IMAGING') ? PROCEDURE_MODALITY[c.code] : undefined))
      .find(Boolean);
    const modalityCodes = [
      ...arr(field(s, 'modality')).flatMap(codings),
      ...series.flatMap((x) => codings(field(x, 'modality'))),
    ];
    const modality = modalityOf(modalityCodes) ?? procedureModality;
    const plainFilm = !modality && modalityCodes.some((c) => PLAIN_RADIOGRAPHS.has(dicomCode(c)));
    if (!modality && !plainFilm) return;
    const text = [
      str(field(s, 'description')) ?? '',
      ...series.map((x) => `${str(field(x, 'description')) ?? ''} ${conceptText(field(x, 'bodySite'))}`),
      ...arr(field(s, 'procedureCode')).map(conceptText),
    ].join(' ');
    // a coded spine site or spine MRI/CT procedure decides; else words that name the spine
    const spine = procedureModality !== undefined || series.some(hasSpinalBodySite) || mentionsSpine(text);
    const date = parseDate(field(s, 'started')) ?? series.map((x) => parseDate(field(x, 'started'))).find(Boolean);
    const reference = referenceOf(s, 'ImagingStudy', index);
    const what = text.trim();
    const kind = modality ? asWritten(modality) : EVIDENCE_WORDS.xRay;
    const summary = dated(
      localized((lang) => `${kind[lang]} ${what || EVIDENCE_WORDS.imagingStudy[lang]}`.trim()),
      date,
      facts.now,
    );
    if (!modality) {
      if (spine)
        facts.imagingExcluded.push({
          reference,
          ...summary,
          date,
          why: SET_ASIDE.plainRadiograph,
        });
      return;
    }
    const fact: ImagingFact = { reference, ...summary, date, modality, spine };
    const why =
      whyStudyDoesNotCount(plainStatus(s)) ??
      (!date ? SET_ASIDE.noDate : afterNow(date, facts.now) ? SET_ASIDE.afterAssessment : undefined);
    if (why) facts.imagingExcluded.push(exclude(fact, why));
    else facts.imaging.push(fact);
  });
}

export function performedOn(p: unknown): Date | undefined {
  return parseDate(field(p, 'performedDateTime')) ?? parseDate(field(field(p, 'performedPeriod'), 'start'));
}

/** Procedures: spine MRI/CT count as imaging; earlier vertebral augmentation is kept to ask about */
export function procedureFacts(resources: readonly unknown[], facts: ClinicalFacts, match: CodeMatcher): void {
  resources.forEach((p, index) => {
    const matches = match(codings(field(p, 'code')), 'Procedure');
    if (!matches.length) return;
    const reference = referenceOf(p, 'Procedure', index);
    const date = performedOn(p);
    const status = plainStatus(p);
    const named = conceptText(field(p, 'code'));
    const label = named ? asWritten(named) : EVIDENCE_WORDS.procedure;
    const why =
      !status || !COUNTING_PROCEDURE.has(status)
        ? SET_ASIDE.status(status)
        : !date
          ? SET_ASIDE.noDate
          : afterNow(date, facts.now)
            ? SET_ASIDE.afterAssessment
            : undefined;
    for (const m of matches) {
      const fact: CodedFact = { reference, ...dated(label, date, facts.now), date, code: m.code, match: m };
      if (m.valueSet.id === 'VS-SPINE-IMAGING') {
        const modality = PROCEDURE_MODALITY[m.coding.code];
        if (!modality) continue;
        if (why) facts.imagingExcluded.push(exclude(fact, why));
        else
          facts.imaging.push({
            reference,
            summary: fact.summary,
            summaryText: fact.summaryText,
            date,
            code: m.code,
            modality,
            spine: true,
          });
      } else if (why) put(facts.procedures.excluded, m.valueSet.id, exclude(fact, why));
      else put(facts.procedures.found, m.valueSet.id, fact);
    }
  });
}
