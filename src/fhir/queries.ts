import { unitedNeeds, type SearchNeeds } from '../clinical/united-needs';
import type { ClinicalType } from '../clinical/record';

/**
 * The reads' filters of several rule sets, from each one's alone (searchNeedsByRuleSet, which the
 * build puts into the boot code): a type read by code is filtered on every code any of them needs,
 * as searchNeeds(ruleSetIds) gives; an id without filters of its own adds none.
 */
export function needsOfRuleSets(
  byRuleSet: Readonly<Record<string, SearchNeeds>>,
  ruleSetIds: readonly string[],
): SearchNeeds {
  return unitedNeeds(ruleSetIds.filter((id) => Object.hasOwn(byRuleSet, id)).map((id) => byRuleSet[id]!));
}

export interface PagingLimits {
  /** `_count`: large enough that a typical record needs one page */
  pageSize: number;
  maxPages: number;
  maxResources: number;
}

/**
 * 500 per page: a typical record fits in one page, and so do the hundreds of Conditions of a
 * decades-long chart (a server with a lower maximum page size caps `_count` and simply pages sooner).
 */
export const DEFAULT_LIMITS: PagingLimits = { pageSize: 500, maxPages: 10, maxResources: 2_000 };

/** One type's read: the query to send, and the broader one for a server that rejects a parameter. */
export interface TypeQuery {
  type: ClinicalType;
  /** relative to the FHIR base, e.g. `Observation?patient=1&code=...` */
  url: string;
  /** patient only (no filter, sort or `_include`): what a server that rejects a parameter still answers */
  broadUrl: string;
  /** the codes the narrow query filters on; the broad answer is filtered with them on the client */
  codes: readonly string[];
}

/**
 * Where recency decides (latest pain score, labs within 30 days, imaging within 12 weeks), the
 * newest come first, so a paging cap cuts the oldest. Conditions are not sorted: onset dates are
 * optional and the engine reads all of them.
 */
const SORT: Partial<Record<ClinicalType, string>> = {
  Observation: '-date',
  DiagnosticReport: '-date',
  ImagingStudy: '-started',
  Procedure: '-date',
};

/**
 * The drug of an order or statement is often a Medication resource of its own (Epic and others use
 * `medicationReference`): the server sends it with the orders (`_include`), so it costs no second
 * round trip. Entries it adds this way have `search.mode = "include"`.
 */
const INCLUDE: Partial<Record<ClinicalType, string>> = {
  MedicationRequest: 'MedicationRequest:medication',
  MedicationStatement: 'MedicationStatement:medication',
};

/**
 * Conditions are not filtered by clinical-status on the server: the UI lists resolved, refuted and
 * entered-in-error entries as excluded evidence, and the engine applies the statuses itself.
 */
export function buildTypeQuery(
  type: ClinicalType,
  patientId: string,
  needs: SearchNeeds,
  limits: PagingLimits,
): TypeQuery {
  const codes = CODE_PARAMETER[type] ? [...new Set(needs[type] ?? [])].sort() : [];
  const broad = new URLSearchParams({ patient: patientId, _count: String(limits.pageSize) });
  const narrow = new URLSearchParams({ patient: patientId });
  if (codes.length > 0) narrow.set('code', codes.join(','));
  const sort = SORT[type];
  if (sort !== undefined) narrow.set('_sort', sort);
  narrow.set('_count', String(limits.pageSize));
  const include = INCLUDE[type];
  if (include !== undefined) narrow.set('_include', include);
  return { type, url: `${type}?${narrow}`, broadUrl: `${type}?${broad}`, codes };
}

/**
 * What the R4 `code` search parameter of each type covers (ImagingStudy has none: its studies are
 * never filtered on the server). A broad answer is filtered on the client over the same elements.
 */
const CODE_PARAMETER: Partial<Record<ClinicalType, (resource: Record<string, unknown>) => unknown[]>> = {
  Observation: (r) => [r.code],
  Condition: (r) => [r.code],
  AllergyIntolerance: (r) => [
    r.code,
    ...(Array.isArray(r.reaction)
      ? r.reaction.map((reaction: { substance?: unknown } | null) => reaction?.substance)
      : []),
  ],
  DiagnosticReport: (r) => [r.code],
  Procedure: (r) => [r.code],
  MedicationRequest: (r) => [r.medicationCodeableConcept],
  MedicationStatement: (r) => [r.medicationCodeableConcept],
};

/** The client-side equivalent of `code=a|1,b|2`: some coding matches one of the codes exactly. */
export function matchesCodes(type: ClinicalType, resource: Record<string, unknown>, codes: readonly string[]): boolean {
  if (codes.length === 0) return true;
  const wanted = new Set(codes);
  const concepts = CODE_PARAMETER[type]?.(resource) ?? [];
  return concepts.some((concept) => {
    const codings = (concept as { coding?: unknown } | null)?.coding;
    return (
      Array.isArray(codings) &&
      codings.some((coding: unknown) => {
        const { system, code } = (coding ?? {}) as { system?: unknown; code?: unknown };
        return typeof system === 'string' && typeof code === 'string' && wanted.has(`${system}|${code}`);
      })
    );
  });
}
