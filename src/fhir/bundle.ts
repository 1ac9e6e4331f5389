import { fhirError } from './status';
import { isRecord, operationOutcomeText } from './redact';

export interface SearchPage {
  /** entries of the asked type with an id, in the server's order */
  resources: Record<string, unknown>[];
  /** resources the server added to the matches (`search.mode = "include"`), with an id */
  included: Record<string, unknown>[];
  /** entries of another type, without a resource or without a usable id */
  dropped: number;
  /** the server's error or fatal OperationOutcomes among the entries: results are missing (text redacted, or "" without one) */
  failures: string[];
  /** how many matches the server counted (`total`), when it says */
  total: number | undefined;
  /** absolute or relative URL of the next page */
  next: string | undefined;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const withId = (resource: unknown): resource is Record<string, unknown> =>
  isRecord(resource) &&
  typeof resource.resourceType === 'string' &&
  typeof resource.id === 'string' &&
  FHIR_ID.test(resource.id);

/** an OperationOutcome entry that says the search failed in part, with its text ("" without one) */
function failureOf(outcome: unknown): string | undefined {
  if (!isRecord(outcome) || !Array.isArray(outcome.issue)) return undefined;
  const failed = outcome.issue.some(
    (issue: unknown) => isRecord(issue) && (issue.severity === 'error' || issue.severity === 'fatal'),
  );
  return failed ? (operationOutcomeText(outcome) ?? '') : undefined;
}

/**
 * Checks one page of search results. A body that is not a searchset Bundle, or whose `entry` is not
 * a list, is an invalid response; single bad entries are dropped and counted (the read is then not
 * complete). Entries the server adds with `search.mode = "outcome"` are not data: warnings are
 * skipped, errors reported as failures; `"include"` entries are kept apart from the matches.
 */
export function readSearchPage(body: unknown, type: string): SearchPage {
  if (!isRecord(body) || body.resourceType !== 'Bundle' || body.type !== 'searchset') {
    throw fhirError('invalid-response');
  }
  if (body.entry !== undefined && !Array.isArray(body.entry)) throw fhirError('invalid-response');
  const resources: Record<string, unknown>[] = [];
  const included: Record<string, unknown>[] = [];
  const failures: string[] = [];
  let dropped = 0;
  for (const entry of (body.entry ?? []) as unknown[]) {
    const mode = isRecord(entry) && isRecord(entry.search) ? entry.search.mode : undefined;
    const resource = isRecord(entry) ? entry.resource : undefined;
    if (mode === 'outcome') {
      const failure = failureOf(resource);
      if (failure !== undefined) failures.push(failure);
    } else if (mode === 'include') {
      if (withId(resource)) included.push(resource);
    } else if (withId(resource) && resource.resourceType === type) {
      resources.push(resource);
    } else {
      dropped++;
    }
  }
  const total =
    typeof body.total === 'number' && Number.isInteger(body.total) && body.total >= 0 ? body.total : undefined;
  return { resources, included, dropped, failures, total, next: nextLink(body.link) };
}

function nextLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const next = links.find(
    (link: unknown) => isRecord(link) && link.relation === 'next' && typeof link.url === 'string',
  );
  return next ? String((next as { url: string }).url) : undefined;
}

/**
 * A read of one resource (Patient/Encounter): the right type and the asked id, or invalid-response.
 * A Patient read answered with any other resource is wrong-patient: whoever it names is not the
 * patient of the launch, and nothing of it may reach the screen or the note.
 */
export function readResource<T>(body: unknown, resourceType: string, id: string): T {
  if (!isRecord(body) || body.resourceType !== resourceType || body.id !== id) {
    const someoneElse = resourceType === 'Patient' && isRecord(body) && body.resourceType !== 'OperationOutcome';
    throw fhirError(someoneElse ? 'wrong-patient' : 'invalid-response');
  }
  return body as T;
}
