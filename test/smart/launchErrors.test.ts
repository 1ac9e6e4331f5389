import { describe, expect, it } from 'vitest';
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
    [new Error('boom'), 'unexpected'],
  ])('%s → %s', (error, kind) => {
    expect(problemFromAuthorizeError(error).kind).toBe(kind);
  });
});
