/**
 * What went wrong during a launch, in terms a surgeon can act on. fhirclient reports failures as
 * plain Errors with English messages; they are mapped here (and nowhere else) to a problem kind
 * the error page explains. The raw message is never shown: it may hold URLs with codes or state.
 */

export type LaunchProblemKind =
  /** index.html opened directly: no `state` in the address and none stored in this tab */
  | 'no-state'
  /** a `state` whose stored session is gone (tab closed, storage cleared, old bookmark) */
  | 'expired-session'
  /** the user or the EHR declined the authorization */
  | 'access-denied'
  /** another OAuth error returned by the authorization server */
  | 'oauth-error'
  /** the EHR's FHIR or authorization server did not answer */
  | 'unreachable'
  /** site.json missing or wrong, or the server offers no SMART authorization */
  | 'bad-config'
  /** launched from an EHR (`iss`) this installation is not configured for */
  | 'unknown-ehr'
  /** launch.html opened without an EHR and no default EHR configured */
  | 'no-iss'
  /** the server does not offer PKCE with S256, which the app requires */
  | 'pkce-unsupported'
  /** the authorization code could not be exchanged (used twice, expired, wrong redirect) */
  | 'token-failed'
  /** the EHR does not accept the app's client registration (`invalid_client`, `unauthorized_client`) */
  | 'client-rejected'
  /** the app's own Content-Security-Policy (connect-src) stopped a request to the EHR */
  | 'csp-blocked'
  /** shown in a frame of another site whose storage the browser blocks: the launch continues in a new window */
  | 'frame-storage-blocked'
  /** the browser blocks the tab's sessionStorage, where the launch keeps its state and tokens */
  | 'storage-blocked'
  /** the EHR granted access but named no patient */
  | 'no-patient'
  /** the app itself failed after the launch (its code could not be loaded, or it crashed) */
  | 'app-error'
  | 'unexpected';

export interface LaunchProblem {
  kind: LaunchProblemKind;
  /** a short technical code safe to show and to quote to an administrator (e.g. `invalid_grant`) */
  code?: string;
  /** the same launch, to open in a new window (`frame-storage-blocked`) */
  newWindowUrl?: string;
}

/** RFC 6749 error codes are short ASCII words; anything else is not echoed back to the page. */
const OAUTH_ERROR_CODE = /^[a-z_]{1,40}$/;

/**
 * RFC 6749 §5.2: the client is unknown, or may not use this grant (e.g. registered as confidential
 * while the app is a public client): the registration is wrong, and launching again cannot help.
 */
const CLIENT_ERRORS = new Set(['invalid_client', 'unauthorized_client']);

/** An OAuth error the authorization server put into the redirect URL, if any. */
export function problemFromUrl(url: URL): LaunchProblem | undefined {
  const error = url.searchParams.get('error');
  if (error === null && !url.searchParams.has('error_description')) return undefined;
  if (error === 'access_denied') return { kind: 'access-denied', code: error };
  if (error !== null && CLIENT_ERRORS.has(error)) return { kind: 'client-rejected', code: error };
  return OAUTH_ERROR_CODE.test(error ?? '')
    ? { kind: 'oauth-error', code: error ?? undefined }
    : { kind: 'oauth-error' };
}

/** fhirclient touching a sessionStorage the browser denies (a frame of another site, a privacy setting). */
const isStorageDenied = (error: unknown) => error instanceof Error && error.name === 'SecurityError';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function isNetworkFailure(error: unknown): boolean {
  // fetch() rejects with a TypeError when the server cannot be reached (or CORS blocks it)
  return error instanceof TypeError || /Failed to fetch|NetworkError|Load failed|fetch failed/i.test(messageOf(error));
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** fhirclient's HttpError appends `error: description` of an OAuth error body to its message. */
function oauthCodeIn(message: string): string | undefined {
  const match = /^([a-z_]{1,40})(?::|$)/m.exec(message.split('\n').slice(1).join('\n'));
  return match?.[1];
}

/** a time-out of the launch (discovery.ts) carries the problem it stands for */
const timedOutProblem = (error: unknown): LaunchProblem | undefined =>
  error instanceof Error && error.name === 'LaunchTimeout'
    ? (error as Error & { problem: LaunchProblem }).problem
    : undefined;

/** A failure of `FHIR.oauth2.ready()` on index.html. */
export function problemFromReadyError(error: unknown): LaunchProblem {
  const timedOut = timedOutProblem(error);
  if (timedOut) return timedOut;
  const message = messageOf(error);
  if (message.includes("No 'state' parameter found")) return { kind: 'no-state' };
  if (message.includes('No state found') || message.includes('Missing state.')) return { kind: 'expired-session' };
  if (isStorageDenied(error)) return { kind: 'storage-blocked' };
  if (isNetworkFailure(error)) return { kind: 'unreachable' };
  const status = httpStatusOf(error);
  // a busy or broken server is not a bad code: the surgeon may simply try again
  if (status !== undefined && (status >= 500 || status === 429)) return { kind: 'unreachable', code: `HTTP ${status}` };
  if (status !== undefined) {
    const code = oauthCodeIn(message);
    if (code !== undefined && CLIENT_ERRORS.has(code)) return { kind: 'client-rejected', code };
    return { kind: 'token-failed', code: code ?? `HTTP ${status}` };
  }
  if (message.includes('Failed to obtain access token')) return { kind: 'token-failed' };
  // a token answer cut short or not JSON at all (an HTML page from a proxy)
  if (error instanceof SyntaxError || /JSON/.test(message))
    return { kind: 'token-failed', code: 'unreadable-token-response' };
  return { kind: 'unexpected' };
}

/** A failure of `FHIR.oauth2.authorize()` on launch.html. */
export function problemFromAuthorizeError(error: unknown): LaunchProblem {
  const timedOut = timedOutProblem(error);
  if (timedOut) return timedOut;
  const message = messageOf(error);
  if (isStorageDenied(error)) return { kind: 'storage-blocked' };
  if (message.includes('PKCE')) return { kind: 'pkce-unsupported' };
  if (message.includes('Failed to fetch the conformance statement') || isNetworkFailure(error)) {
    return { kind: 'unreachable' };
  }
  return { kind: 'unexpected' };
}
