/**
 * Every failure of a FHIR interaction becomes one FhirError with a kind the UI can explain and a
 * server reason that is safe to show (taken from an OperationOutcome, never an HTML page, with
 * URLs, tokens and patient ids redacted).
 */
export type FhirErrorKind =
  | 'network'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'conflict'
  | 'rejected'
  | 'rate-limited'
  | 'server'
  | 'invalid-response'
  /** a redirect that would leave the FHIR server's origin (or one the browser cannot see) */
  | 'redirected'
  /** an answer larger than MAX_RESPONSE_BYTES (body.ts) */
  | 'too-large'
  /** the Patient read answered with another patient, or another resource */
  | 'wrong-patient'
  | 'aborted';

export class FhirError extends Error {
  override readonly name = 'FhirError';

  constructor(
    readonly kind: FhirErrorKind,
    message: string,
    readonly details: {
      status?: number;
      /** the server's own reason, from an OperationOutcome, redacted */
      serverMessage?: string;
      /** seconds, from a Retry-After header */
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }
}
