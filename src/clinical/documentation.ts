import type { Assessment, CriterionResult, CriterionStatus, DocumentationItem, Localized } from './assessment';
import { LCD_PVA_DOCUMENTATION } from './rulesets/lcd-pva';

/** One item a payer wants in the chart, documented by the evidence of some criteria of its rule set. */
export interface DocumentationDef {
  item: string;
  title: Localized;
  /** the criteria whose evidence documents the item */
  criteria: string[];
  /** statuses in which that evidence documents it (a pain score documents pain whatever its value) */
  presentWhen: CriterionStatus[];
  /** only evidence of these resource types counts (imaging: reports and studies, not the surgeon's word) */
  evidenceTypes?: string[];
}

/** the documentation checklists by rule set id */
const CHECKLISTS: Record<string, readonly DocumentationDef[]> = { 'lcd-pva': LCD_PVA_DOCUMENTATION };

/** the documentation checklist of a rule set; undefined when it has none */
export function documentationDefs(ruleSetId: string): readonly DocumentationDef[] | undefined {
  return CHECKLISTS[ruleSetId];
}

function documents(def: DocumentationDef, r: CriterionResult): CriterionResult['evidence'] {
  if (!def.presentWhen.includes(r.status)) return [];
  const types = def.evidenceTypes;
  return types ? r.evidence.filter((e) => types.some((t) => e.reference.startsWith(`${t}/`))) : r.evidence;
}

/**
 * The payer's documentation checklist for an assessment: for each item, present (with the evidence
 * that documents it) or missing. Pure: it reads only the assessment; undefined for a rule set
 * without a checklist.
 */
export function documentationChecklist(
  assessment: Pick<Assessment, 'ruleset' | 'criteria'>,
): DocumentationItem[] | undefined {
  const defs = documentationDefs(assessment.ruleset.id);
  if (!defs) return undefined;
  return defs.map((def) => {
    const all = assessment.criteria.filter((r) => def.criteria.includes(r.id)).flatMap((r) => documents(def, r));
    const evidence = all.filter(
      (e, i) => all.findIndex((x) => x.reference === e.reference && x.summary === e.summary) === i,
    );
    return { item: def.item, title: def.title, status: evidence.length ? 'present' : 'missing', evidence };
  });
}
