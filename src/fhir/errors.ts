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

/** the mark every FhirError carries, the same in every copy of this module (Symbol.for) */
const FHIR_ERROR = Symbol.for('pvp-eligibility:FhirError');

/**
 * `instanceof FhirError` asks for the mark, not the class: index.html's boot code and the screen's
 * chunks are separate bundles (deploy/inlineBoot.ts), each with its own copy of this module, and an
 * error the launch's transport throws must be a FhirError to the screen too.
 */
export class FhirError extends Error {
  override readonly name = 'FhirError';
  readonly [FHIR_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): value is FhirError {
    return typeof value === 'object' && value !== null && (value as { [FHIR_ERROR]?: unknown })[FHIR_ERROR] === true;
  }

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
