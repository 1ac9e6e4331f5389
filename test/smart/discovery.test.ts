import { describe, expect, it } from 'vitest';
import { checkSmartConfiguration, LaunchTimeout, settleWithin } from '../../src/smart/discovery';
import { problemFromAuthorizeError, problemFromReadyError } from '../../src/smart/launchErrors';

const ISS = 'https://ehr.example/fhir/';
const good = {
  authorization_endpoint: 'https://ehr.example/auth',
  token_endpoint: 'https://ehr.example/token',
  code_challenge_methods_supported: ['S256'],
};

/** a fetch that answers every request with this response and records the URL asked */
function answering(make: () => Response | Promise<Response>) {
  const asked: string[] = [];
  const fetchImpl = (async (input: string | URL | Request) => {
    asked.push(String(input));
    return make();
  }) as typeof fetch;
  return { asked, fetchImpl };
}

describe('checkSmartConfiguration (launch.html, before fhirclient)', () => {
  it('accepts an EHR that offers PKCE S256 and reads its well-known document once', async () => {
    const { asked, fetchImpl } = answering(() => Response.json(good));
    expect(await checkSmartConfiguration(ISS, fetchImpl)).toBeUndefined();
    expect(asked).toEqual(['https://ehr.example/fhir/.well-known/smart-configuration']);
  });

  it("asks past the browser's cache, so that fhirclient's identical request does not wait for it", async () => {
    const asked: Array<RequestInit | undefined> = [];
    const fetchImpl = (async (_input: string | URL | Request, init?: RequestInit) => {
      asked.push(init);
      return Response.json(good);
    }) as typeof fetch;
    await checkSmartConfiguration(ISS, fetchImpl);
    expect(asked[0]?.cache).toBe('no-store');
  });

  it('says "not reachable" (not "no PKCE") when the document cannot be had', async () => {
    for (const response of [
      () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
      () => new Response('{"authorization_endp', { status: 200 }),
      () => Promise.reject(new TypeError('Failed to fetch')),
    ]) {
      expect((await checkSmartConfiguration(ISS, answering(response).fetchImpl))?.kind).toBe('unreachable');
    }
  });

  it('ends a discovery that hangs with "not reachable"', async () => {
    const hanging = ((_: unknown, init?: RequestInit) =>
      new Promise((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )) as typeof fetch;
    expect(await checkSmartConfiguration(ISS, hanging, 50)).toEqual({
      kind: 'unreachable',
      code: 'smart-configuration timeout',
    });
  });

  it('says "no PKCE" only when the EHR answers without S256, and "bad configuration" without an authorize endpoint', async () => {
    const plain = answering(() => Response.json({ ...good, code_challenge_methods_supported: ['plain'] }));
    expect(await checkSmartConfiguration(ISS, plain.fetchImpl)).toEqual({ kind: 'pkce-unsupported' });
    const noEndpoint = answering(() => Response.json({ ...good, authorization_endpoint: undefined }));
    expect(await checkSmartConfiguration(ISS, noEndpoint.fetchImpl)).toEqual({
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
