import type { Assessment, CriterionResult, DocumentationItem } from './assessment';
import type { ClinicalType } from './record';
import { ruleSet } from './rulesets';
import type { DocumentationDef } from './rulesets/types';

/** the documentation checklist of a rule set (its own data); undefined when it has none */
export function documentationDefs(ruleSetId: string): readonly DocumentationDef[] | undefined {
  return ruleSet(ruleSetId)?.documentation;
}

function documents(def: DocumentationDef, r: CriterionResult): CriterionResult['evidence'] {
  if (!def.presentWhen.includes(r.status)) return [];
  const types = def.evidenceTypes;
  return types ? r.evidence.filter((e) => types.some((t) => e.reference.startsWith(`${t}/`))) : r.evidence;
}

const MEDICATION_LISTS: readonly string[] = ['MedicationRequest', 'MedicationStatement'];

/** a list read fully; orders and statements are one list, as the criteria weigh them (criteria/types.ts readFully) */
function readFully(reads: Assessment['reads'], type: ClinicalType): boolean {
  const state = reads[type]?.state;
  if (state === 'full') return true;
  const other = MEDICATION_LISTS.find((t) => t !== type);
  return state === 'not-requested' && MEDICATION_LISTS.includes(type) && reads[other ?? '']?.state === 'full';
}

/**
 * The payer's documentation checklist for an assessment: for each item, present (with the evidence
 * that documents it), missing, or not read (a list that holds it was not read fully: it may be in
 * the chart). Pure: it reads only the assessment; undefined for a rule set without a checklist.
 */
export function documentationChecklist(
  assessment: Pick<Assessment, 'ruleset' | 'criteria'> & Partial<Pick<Assessment, 'reads'>>,
): DocumentationItem[] | undefined {
  const defs = documentationDefs(assessment.ruleset.id);
  if (!defs) return undefined;
  return defs.map((def) => {
    const all = assessment.criteria.filter((r) => def.criteria.includes(r.id)).flatMap((r) => documents(def, r));
    const evidence = all.filter(
      (e, i) => all.findIndex((x) => x.reference === e.reference && x.summary === e.summary) === i,
    );
    const unread = assessment.reads !== undefined && def.reads.some((t) => !readFully(assessment.reads ?? {}, t));
    return {
      item: def.item,
      title: def.title,
      status: evidence.length ? 'present' : unread ? 'not-read' : 'missing',
      evidence,
    };
  });
}
