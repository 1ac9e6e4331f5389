import { fetchWellKnownJson } from 'fhirclient/lib/smart';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkSmartConfiguration, LaunchTimeout, settleWithin } from '../../src/smart/discovery';
import { problemFromAuthorizeError, problemFromReadyError } from '../../src/smart/launchErrors';

const ISS = 'https://ehr.example/fhir/';
const good = {
  authorization_endpoint: 'https://ehr.example/auth',
  token_endpoint: 'https://ehr.example/token',
  code_challenge_methods_supported: ['S256'],
};

/**
 * The EHR (msw): answers every discovery request with this response, noting the URL. fhirclient,
 * through which the document is read, has its own fetch in Node (cross-fetch), which msw intercepts.
 */
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => {
  server.resetHandlers();
  vi.unstubAllEnvs();
});

function answering(make: () => Response | Promise<Response>) {
  const asked: string[] = [];
  server.use(
    http.get('*/.well-known/smart-configuration', ({ request }) => {
      asked.push(request.url);
      return make();
    }),
  );
  return { asked };
}

describe('checkSmartConfiguration (launch.html, for fhirclient)', () => {
  it('accepts an EHR that offers PKCE S256 and reads its well-known document once', async () => {
    const { asked } = answering(() => Response.json(good));
    expect(await checkSmartConfiguration(ISS)).toBeUndefined();
    expect(asked).toEqual(['https://ehr.example/fhir/.well-known/smart-configuration']);
  });

  it("reads it through fhirclient's cache of the page: fhirclient's authorize() takes that answer, the EHR is asked once", async () => {
    // fhirclient caches outside its own tests only (NODE_ENV 'test' makes it ask every time)
    vi.stubEnv('NODE_ENV', 'production');
    const { asked } = answering(() => Response.json(good));
    const iss = 'https://cached.example/fhir';
    expect(await checkSmartConfiguration(iss)).toBeUndefined();
    expect(await fetchWellKnownJson(iss)).toEqual(good);
    expect(asked).toEqual(['https://cached.example/fhir/.well-known/smart-configuration']);
  });

  it('says "not reachable" (not "no PKCE") when the document cannot be had, with the HTTP status where there is one', async () => {
    answering(
      () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    );
    expect(await checkSmartConfiguration(ISS)).toEqual({ kind: 'unreachable', code: 'smart-configuration HTTP 502' });
    for (const response of [
      () => new Response('{"authorization_endp', { status: 200, headers: { 'Content-Type': 'application/json' } }),
      // JSON that is not labelled so: fhirclient would not read it either
      () => new Response(JSON.stringify(good), { status: 200, headers: { 'Content-Type': 'text/plain' } }),
      () => Response.error(),
    ]) {
      answering(response);
      expect(await checkSmartConfiguration(ISS)).toEqual({
        kind: 'unreachable',
        code: 'smart-configuration unreadable',
      });
    }
  });

  it('ends a discovery that hangs with "not reachable"', async () => {
    answering(() => new Promise<Response>(() => undefined));
    expect(await checkSmartConfiguration(ISS, 50)).toEqual({
      kind: 'unreachable',
      code: 'smart-configuration timeout',
    });
  });

  it('says "no PKCE" only when the EHR answers without S256, and "bad configuration" without an authorize endpoint', async () => {
    answering(() => Response.json({ ...good, code_challenge_methods_supported: ['plain'] }));
    expect(await checkSmartConfiguration(ISS)).toEqual({ kind: 'pkce-unsupported' });
    answering(() => Response.json({ ...good, authorization_endpoint: undefined }));
    expect(await checkSmartConfiguration(ISS)).toEqual({
      kind: 'bad-config',
      code: 'no-authorize-endpoint',
    });
  });
});

describe('settleWithin', () => {
  it('passes on a result in time and turns a hang into the given problem', async () => {
    expect(await settleWithin(Promise.resolve('token'), 50, { kind: 'unreachable' })).toBe('token');
    const hang = settleWithin(new Promise(() => undefined), 20, { kind: 'unreachable', code: 'token timeout' });
    await expect(hang).rejects.toBeInstanceOf(LaunchTimeout);
    const error = await hang.catch((e: unknown) => e);
    expect(problemFromReadyError(error)).toEqual({ kind: 'unreachable', code: 'token timeout' });
    expect(problemFromAuthorizeError(error)).toEqual({ kind: 'unreachable', code: 'token timeout' });
  });
});

describe('a token answer that is not JSON', () => {
  it('is a failed token exchange, not an unexpected error', () => {
    expect(problemFromReadyError(new SyntaxError('Unexpected end of JSON input'))).toEqual({
      kind: 'token-failed',
      code: 'unreadable-token-response',
    });
  });
});
