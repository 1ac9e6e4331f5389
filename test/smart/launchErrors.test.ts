import { describe, expect, it } from 'vitest';
import { blockedOrUnreachable, watchBlockedRequests } from '../../src/smart/blockedRequests';
import { problemFromAuthorizeError, problemFromReadyError, problemFromUrl } from '../../src/smart/launchErrors';

/** fhirclient's HttpError: status plus an OAuth error appended to the message */
function httpError(status: number, message: string) {
  return Object.assign(new Error(message), { name: 'HttpError', status });
}

describe('problemFromUrl', () => {
  const at = (query: string) => new URL(`http://localhost:4011/index.html${query}`);

  it('finds nothing in a normal redirect', () => {
    expect(problemFromUrl(at('?code=abc&state=xyz'))).toBeUndefined();
    expect(problemFromUrl(at(''))).toBeUndefined();
  });

  it('recognises a refusal and other OAuth errors', () => {
    expect(problemFromUrl(at('?error=access_denied&state=xyz'))).toEqual({
      kind: 'access-denied',
      code: 'access_denied',
    });
    expect(problemFromUrl(at('?error=invalid_scope&error_description=bad'))).toEqual({
      kind: 'oauth-error',
      code: 'invalid_scope',
    });
    expect(problemFromUrl(at('?error_description=only+a+description'))).toEqual({ kind: 'oauth-error' });
  });

  it('blames the client registration for invalid_client and unauthorized_client', () => {
    expect(problemFromUrl(at('?error=invalid_client&state=xyz'))).toEqual({
      kind: 'client-rejected',
      code: 'invalid_client',
    });
    expect(problemFromUrl(at('?error=unauthorized_client'))).toEqual({
      kind: 'client-rejected',
      code: 'unauthorized_client',
    });
  });

  it('does not echo an error code that is not a plain OAuth word', () => {
    expect(problemFromUrl(at('?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E'))).toEqual({ kind: 'oauth-error' });
  });
});

describe('problemFromReadyError (fhirclient ready())', () => {
  it.each([
    [new Error("No 'state' parameter found. Please (re)launch the app."), { kind: 'no-state' }],
    [new Error('No state found! Please (re)launch the app.'), { kind: 'expired-session' }],
    [new Error('Missing state.tokenUri'), { kind: 'expired-session' }],
    [new TypeError('Failed to fetch'), { kind: 'unreachable' }],
    [
      httpError(400, '400 Bad Request\nURL: http://localhost:4010/auth/token\ninvalid_grant: code already used'),
      { kind: 'token-failed', code: 'invalid_grant' },
    ],
    [
      httpError(500, '500 Internal Server Error\nURL: http://localhost:4010/auth/token'),
      { kind: 'unreachable', code: 'HTTP 500' },
    ],
    [
      httpError(429, '429 Too Many Requests\nURL: http://localhost:4010/auth/token'),
      { kind: 'unreachable', code: 'HTTP 429' },
    ],
    [
      httpError(401, '401 Unauthorized\nURL: http://localhost:4010/auth/token'),
      { kind: 'token-failed', code: 'HTTP 401' },
    ],
    // the token endpoint refusing the client is its registration, not a used or expired code
    [
      httpError(401, '401 Unauthorized\nURL: http://localhost:4010/auth/token\ninvalid_client: unknown client'),
      { kind: 'client-rejected', code: 'invalid_client' },
    ],
    [
      httpError(400, '400 Bad Request\nURL: http://localhost:4010/auth/token\nunauthorized_client'),
      { kind: 'client-rejected', code: 'unauthorized_client' },
    ],
    // Chromium, in a frame of another site with third-party storage blocked
    [
      new DOMException("Failed to read the 'sessionStorage' property from 'Window': Access is denied", 'SecurityError'),
      { kind: 'storage-blocked' },
    ],
    [new Error('Failed to obtain access token.'), { kind: 'token-failed' }],
    [new Error('something else'), { kind: 'unexpected' }],
    ['a string', { kind: 'unexpected' }],
  ])('%s → %j', (error, problem) => {
    expect(problemFromReadyError(error)).toEqual(problem);
  });
});

describe('problemFromAuthorizeError (fhirclient authorize())', () => {
  it.each([
    [
      new Error(
        "Required PKCE code challenge method (`S256`) was not found in the server's codeChallengeMethods declaration.",
      ),
      'pkce-unsupported',
    ],
    [
      new Error('Failed to fetch the conformance statement from "http://x/fhir/metadata". TypeError: Failed to fetch'),
      'unreachable',
    ],
    [new TypeError('NetworkError when attempting to fetch resource.'), 'unreachable'],
    [new DOMException('Access is denied for this document.', 'SecurityError'), 'storage-blocked'],
    [new Error('boom'), 'unexpected'],
  ])('%s → %s', (error, kind) => {
    expect(problemFromAuthorizeError(error).kind).toBe(kind);
  });
});

describe('a request the app’s own Content-Security-Policy stopped', () => {
  /** what the browser dispatches on the document (jsdom has no SecurityPolicyViolationEvent) */
  const violation = (effectiveDirective: string, blockedURI: string) =>
    Object.assign(new Event('securitypolicyviolation'), { effectiveDirective, blockedURI });

  it('turns "unreachable" into the policy naming connect-src and the origin, when connect-src stopped a request', async () => {
    const document = new EventTarget();
    const blocked = watchBlockedRequests(document);
    // the report comes a moment after the request failed
    setTimeout(
      () =>
        document.dispatchEvent(
          violation('connect-src', 'https://ehr.example.org/fhir/.well-known/smart-configuration'),
        ),
      5,
    );
    expect(await blockedOrUnreachable({ kind: 'unreachable' }, blocked)).toEqual({
      kind: 'csp-blocked',
      code: 'connect-src https://ehr.example.org',
    });
  });

  it('leaves "unreachable" when no request was stopped, and any other problem as it is', async () => {
    const document = new EventTarget();
    const blocked = watchBlockedRequests(document);
    document.dispatchEvent(violation('script-src-elem', 'inline'));
    document.dispatchEvent(violation('connect-src', 'inline'));
    expect(await blocked.origin(20)).toBeUndefined();
    expect(
      await blockedOrUnreachable(
        { kind: 'unreachable', code: 'HTTP 503' },
        { origin: () => Promise.resolve(undefined) },
      ),
    ).toEqual({
      kind: 'unreachable',
      code: 'HTTP 503',
    });
    document.dispatchEvent(violation('connect-src', 'https://ehr.example.org/x'));
    expect(await blockedOrUnreachable({ kind: 'pkce-unsupported' }, blocked)).toEqual({ kind: 'pkce-unsupported' });
  });
});
