import type { ClinicalType } from '../clinical/record';

/**
 * Per clinical type, the exact codes (`system|code`) the server may filter on. A type without codes
 * is read whole and matched by the engine (ICD-10 prefixes, text, ATC classes cannot be searched).
 */
export type CodeFilters = Partial<Record<ClinicalType, readonly string[]>>;

export interface PagingLimits {
  /** `_count`: large enough that a typical record needs one page */
  pageSize: number;
  maxPages: number;
  maxResources: number;
}

export const DEFAULT_LIMITS: PagingLimits = { pageSize: 200, maxPages: 10, maxResources: 2_000 };

/** One type's read: the query to send, and the broader one for a server that rejects a parameter. */
export interface TypeQuery {
  type: ClinicalType;
  /** relative to the FHIR base, e.g. `Observation?patient=1&code=...` */
  url: string;
  /** patient only: what a server that rejects a parameter still answers */
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
 * Conditions are not filtered by clinical-status on the server: the UI lists resolved, refuted and
 * entered-in-error entries as excluded evidence, and the engine applies the statuses itself.
 */
export function buildTypeQuery(type: ClinicalType, patientId: string, filters: CodeFilters, limits: PagingLimits): TypeQuery {
  const codes = [...new Set(filters[type] ?? [])].sort();
  const broad = new URLSearchParams({ patient: patientId, _count: String(limits.pageSize) });
  const narrow = new URLSearchParams({ patient: patientId });
  if (codes.length > 0) narrow.set('code', codes.join(','));
  const sort = SORT[type];
  if (sort !== undefined) narrow.set('_sort', sort);
  narrow.set('_count', String(limits.pageSize));
  return { type, url: `${type}?${narrow}`, broadUrl: `${type}?${broad}`, codes };
}

/** The coded element each type is searched by with `code` (what the server would have matched). */
const CODE_ELEMENT: Record<ClinicalType, (resource: Record<string, unknown>) => unknown> = {
  Observation: (r) => r.code,
  Condition: (r) => r.code,
  AllergyIntolerance: (r) => r.code,
  DiagnosticReport: (r) => r.code,
  Procedure: (r) => r.code,
  MedicationRequest: (r) => r.medicationCodeableConcept,
  MedicationStatement: (r) => r.medicationCodeableConcept,
  ImagingStudy: (r) => r.procedureCode,
};

/** The client-side equivalent of `code=a|1,b|2`: some coding matches one of the codes exactly. */
export function matchesCodes(type: ClinicalType, resource: Record<string, unknown>, codes: readonly string[]): boolean {
  if (codes.length === 0) return true;
  const wanted = new Set(codes);
  const concepts = [CODE_ELEMENT[type](resource)].flat();
  return concepts.some((concept) => {
    const codings = (concept as { coding?: unknown } | null)?.coding;
    return Array.isArray(codings) && codings.some((coding: unknown) => {
      const { system, code } = (coding ?? {}) as { system?: unknown; code?: unknown };
      return typeof system === 'string' && typeof code === 'string' && wanted.has(`${system}|${code}`);
    });
  });
}
