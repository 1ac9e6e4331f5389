import { FhirError, type FhirErrorKind } from './errors';
import { operationOutcomeText } from './redact';

/** HTTP status → the kind the UI explains. Anything else of 4xx is "rejected", of 5xx "server". */
const KIND_BY_STATUS: Record<number, FhirErrorKind> = {
  400: 'rejected',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  410: 'gone',
  412: 'conflict',
  422: 'rejected',
  429: 'rate-limited',
};

export function kindForStatus(status: number): FhirErrorKind {
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'rejected');
}

/** The plain message of a FhirError: what happened, without addresses or ids. */
const MESSAGE_BY_KIND: Record<FhirErrorKind, string> = {
  network: 'The FHIR server could not be reached.',
  timeout: 'The FHIR server did not answer in time.',
  unauthorized: 'The session with the FHIR server has expired or is not valid.',
  forbidden: 'The FHIR server did not allow this request.',
  'not-found': 'The FHIR server does not have what was asked for.',
  gone: 'The FHIR server no longer has what was asked for.',
  conflict: 'The FHIR server reported a conflict with its current data.',
  rejected: 'The FHIR server rejected the request.',
  'rate-limited': 'The FHIR server is busy and asked to wait.',
  server: 'The FHIR server had an internal error.',
  'invalid-response': 'The FHIR server sent an answer that is not valid FHIR JSON.',
  redirected: 'The FHIR server redirected the request away from itself; the redirect was not followed.',
  'too-large': 'The FHIR server sent an answer larger than the app reads.',
  'wrong-patient': 'The FHIR server answered with another patient than the one the app was launched for.',
  aborted: 'The request was cancelled.',
};

export function fhirError(kind: FhirErrorKind, details: FhirError['details'] = {}): FhirError {
  return new FhirError(kind, MESSAGE_BY_KIND[kind], details);
}

/** The FhirError of a non-2xx answer; `body` is the parsed JSON body when there was one. */
export function errorForStatus(status: number, body: unknown, retryAfter: string | null, now = Date.now()): FhirError {
  const serverMessage = operationOutcomeText(body);
  const retryAfterSeconds = parseRetryAfter(retryAfter, now);
  return fhirError(kindForStatus(status), {
    status,
    ...(serverMessage !== undefined && { serverMessage }),
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
  });
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** JSON text → value; HTML pages, truncated and empty bodies become invalid-response. */
export function parseJsonBody(text: string, contentType: string | null, status: number): unknown {
  if (text.trim() === '') return null;
  if (contentType !== null && !/json/i.test(contentType)) throw fhirError('invalid-response', { status });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fhirError('invalid-response', { status });
  }
}
