import type { Assessment, CriterionResult, CriterionStatus } from '../clinical/assessment';

/** A criterion whose finding differs between a signed note and the record read now. */
export interface CriterionChange {
  /** the criterion as the record says it now (with the note's answers) */
  now: CriterionResult;
  /** its status in the signed note */
  was: CriterionStatus;
}

/**
 * What changed in the record since a note was signed: the criteria of the signed assessment whose
 * status differs now, or whose evidence is no longer the same entries (a new pain score, a new
 * report), both weighed with the note's own answers, so only the record's changes show.
 */
export function changesSince(signed: Assessment, now: Assessment): CriterionChange[] {
  const before = new Map(signed.criteria.map((c) => [c.id, c]));
  const references = (c: CriterionResult) => [...new Set(c.evidence.map((e) => e.reference))].sort().join('|');
  return now.criteria.flatMap((c) => {
    const was = before.get(c.id);
    if (!was) return [];
    return was.status !== c.status || references(was) !== references(c) ? [{ now: c, was: was.status }] : [];
  });
}
