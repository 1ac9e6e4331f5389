import { parseDate } from '../dates';
import { arr, codings, conceptText, field, referenceOf, str, type Coding } from '../json';
import { mentionsSpine, type ImagingModality } from '../findings-text';
import { inValueSet, matchCodings } from '../terminology/match';
import { afterNow, dated, exclude, plainStatus } from './common';
import { put, type ClinicalFacts, type CodedFact, type ImagingFact } from './types';

/** DICOM modality codes (CID 29) the criteria use; plain radiographs (DX, CR) are not enough */
const MODALITIES: Record<string, ImagingModality> = { MR: 'MR', CT: 'CT', NM: 'NM' };
/** spine MRI/CT procedure codes → modality */
const PROCEDURE_MODALITY: Record<string, ImagingModality> = { '241645008': 'MR', '702487007': 'CT' };
const NOT_COUNTING_STUDY = new Set(['cancelled', 'entered-in-error']);
const COUNTING_PROCEDURE = new Set(['completed', 'in-progress']);

function modalityOf(list: Coding[]): ImagingModality | undefined {
  for (const c of list) {
    const m = MODALITIES[c.code.trim().toUpperCase()];
    if (m) return m;
  }
  return undefined;
}

function hasSpinalBodySite(series: unknown): boolean {
  return codings(field(series, 'bodySite')).some((c) => inValueSet(c, 'VS-SPINE-SITE'));
}

export function imagingStudyFacts(resources: readonly unknown[], facts: ClinicalFacts): void {
  resources.forEach((s, index) => {
    const series = arr(field(s, 'series'));
    const procedures = arr(field(s, 'procedureCode')).flatMap(codings);
    const procedureModality = procedures.map((c) => (inValueSet(c, 'VS-SPINE-IMAGING') ? PROCEDURE_MODALITY[c.code] : undefined)).find(Boolean);
    const modality = modalityOf(arr(field(s, 'modality')).flatMap(codings)) ?? modalityOf(series.flatMap((x) => codings(field(x, 'modality')))) ?? procedureModality;
    if (!modality) return;
    const text = [str(field(s, 'description')) ?? '', ...series.map((x) => `${str(field(x, 'description')) ?? ''} ${conceptText(field(x, 'bodySite'))}`), ...arr(field(s, 'procedureCode')).map(conceptText)].join(' ');
    const spine = procedureModality !== undefined || series.some(hasSpinalBodySite) || mentionsSpine(text);
    const date = parseDate(field(s, 'started')) ?? series.map((x) => parseDate(field(x, 'started'))).find(Boolean);
    const reference = referenceOf(s, 'ImagingStudy', index);
    const fact: ImagingFact = { reference, summary: dated(`${modality} ${text.trim() || 'imaging study'}`.trim(), date), date, modality, spine };
    const status = plainStatus(s);
    const why = status && NOT_COUNTING_STUDY.has(status) ? `status ${status}` : !date ? 'no date' : afterNow(date, facts.now) ? 'dated after the assessment date' : undefined;
    if (why) facts.imagingExcluded.push(exclude(fact, why));
    else facts.imaging.push(fact);
  });
}

/** Procedures: spine MRI/CT count as imaging; earlier vertebral augmentation is kept to ask about */
export function procedureFacts(resources: readonly unknown[], facts: ClinicalFacts): void {
  resources.forEach((p, index) => {
    const matches = matchCodings(codings(field(p, 'code')));
    if (!matches.length) return;
    const reference = referenceOf(p, 'Procedure', index);
    const date = parseDate(field(p, 'performedDateTime')) ?? parseDate(field(field(p, 'performedPeriod'), 'start'));
    const status = plainStatus(p);
    const label = conceptText(field(p, 'code')) || 'Procedure';
    const why = !status || !COUNTING_PROCEDURE.has(status) ? `status ${status ?? 'missing'}` : !date ? 'no date' : afterNow(date, facts.now) ? 'dated after the assessment date' : undefined;
    for (const m of matches) {
      const fact: CodedFact = { reference, summary: dated(label, date), date, code: m.code, match: m };
      if (m.valueSet.id === 'VS-SPINE-IMAGING') {
        const modality = PROCEDURE_MODALITY[m.coding.code];
        if (!modality) continue;
        if (why) facts.imagingExcluded.push(exclude(fact, why));
        else facts.imaging.push({ reference, summary: fact.summary, date, code: m.code, modality, spine: true });
      } else if (why) put(facts.procedures.excluded, m.valueSet.id, exclude(fact, why));
      else put(facts.procedures.found, m.valueSet.id, fact);
    }
  });
}
