import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetchTransport, describeFhirError, FhirError, type FhirErrorKind } from '../../src/fhir';
import { BASE, operationOutcome, server } from './support/server';
import { failure } from './support/failure';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** answers each request with the next of `responses` (the last one repeats) and counts them */
function answerWith(...responses: Array<() => Response | Promise<Response>>) {
  const seen = { count: 0 };
  server.use(http.all(`${BASE}*`, () => responses[Math.min(seen.count++, responses.length - 1)]!()));
  return seen;
}

const sleeps: number[] = [];
const recordSleep = async (ms: number) => {
  sleeps.push(ms);
};
afterEach(() => {
  sleeps.length = 0;
});

describe('createFetchTransport', () => {
  it('resolves a JSON answer with status, headers and body and sends the bearer token', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${BASE}/Patient/p1`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json(
          { resourceType: 'Patient', id: 'p1' },
          { headers: { 'content-type': 'application/fhir+json' } },
        );
      }),
    );
    const response = await createFetchTransport(BASE, 'tok').request({ url: 'Patient/p1' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ resourceType: 'Patient', id: 'p1' });
    expect(authorization).toBe('Bearer tok');
  });

  it.each<[number, FhirErrorKind]>([
    [400, 'rejected'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [410, 'gone'],
    [412, 'conflict'],
    [422, 'rejected'],
    [429, 'rate-limited'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
  ])('turns HTTP %i into a FhirError of kind %s', async (status, kind) => {
    answerWith(() => operationOutcome(status));
    const error = await failure(
      createFetchTransport(BASE, undefined, fetch, { sleep: recordSleep, retryBudgetMs: 0 }).request({
        url: 'Condition?patient=p1',
      }),
    );
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
  });

  it("keeps the OperationOutcome's diagnostics as serverMessage, without URLs, tokens or ids", async () => {
    answerWith(() =>
      operationOutcome(
        400,
        'HAPI-0323: Unknown search parameter &quot;foo&quot; for Patient/8c2d9a7e-1f3b-4c5d-9e8f-0a1b2c3d4e5f at https://ehr.example/fhir/Observation?patient=123 Bearer eyJhbGciOi.eyJzdWIi.sig',
      ),
    );
    const error = await failure(createFetchTransport(BASE).request({ url: 'Observation?foo=1' }));
    expect(error.kind).toBe('rejected');
    expect(error.details.serverMessage).toContain('Unknown search parameter "foo"');
    expect(error.details.serverMessage).not.toMatch(/https?:|8c2d9a7e|eyJ|patient=123/);
    expect(error.message).not.toContain(BASE);
  });

  it('uses details.text when an OperationOutcome has no diagnostics, and says nothing when it has neither', async () => {
    answerWith(
      () =>
        new Response(
          JSON.stringify({
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'invalid', details: { text: 'Bad date' } }],
          }),
          { status: 422, headers: { 'content-type': 'application/fhir+json' } },
        ),
      () => operationOutcome(400),
    );
    const transport = createFetchTransport(BASE);
    expect((await failure(transport.request({ url: 'Condition' }))).details.serverMessage).toBe('Bad date');
    expect((await failure(transport.request({ url: 'Condition' }))).details.serverMessage).toBeUndefined();
  });

  it.each([
    [
      'an HTML page with status 200',
      () => new Response('<html><body>Login</body></html>', { headers: { 'content-type': 'text/html' } }),
    ],
    [
      'truncated JSON',
      () =>
        new Response('{"resourceType":"Bundle","entry":[{"res', {
          headers: { 'content-type': 'application/fhir+json' },
        }),
    ],
    [
      'JSON labelled as text',
      () => new Response('{"resourceType":"Bundle"}', { headers: { 'content-type': 'text/plain' } }),
    ],
  ])('turns %s into invalid-response with a plain message', async (_label, respond) => {
    answerWith(respond);
    const error = await failure(createFetchTransport(BASE).request({ url: 'Condition?patient=p1' }));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).not.toMatch(/http|<html|JSON\.parse|Unexpected/);
  });

  it('keeps the status kind of an HTML error page (a proxy answering 502)', async () => {
    answerWith(
      () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const error = await failure(
      createFetchTransport(BASE, undefined, fetch, { sleep: recordSleep }).request({ url: 'Condition' }),
    );
    expect(error.kind).toBe('server');
    expect(error.details.serverMessage).toBeUndefined();
  });

  it('retries a GET after 429 as long as Retry-After says, then succeeds', async () => {
    const seen = answerWith(
      () => operationOutcome(429, 'slow down', { 'retry-after': '2' }),
      () => HttpResponse.json({ resourceType: 'Bundle', type: 'searchset' }),
    );
    const response = await createFetchTransport(BASE, undefined, fetch, { sleep: recordSleep }).request({
      url: 'Condition',
    });
    expect(response.body).toEqual({ resourceType: 'Bundle', type: 'searchset' });
    expect(seen.count).toBe(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(1_900);
    expect(sleeps[0]).toBeLessThanOrEqual(2_000);
  });

  it('gives up after 2 retries of a 503 (3 requests in all)', async () => {
    const seen = answerWith(() => operationOutcome(503, undefined, { 'retry-after': '1' }));
    const error = await failure(
      createFetchTransport(BASE, undefined, fetch, { sleep: recordSleep }).request({ url: 'Condition' }),
    );
    expect(error.kind).toBe('server');
    expect(error.details.retryAfterSeconds).toBe(1);
    expect(seen.count).toBe(3);
  });

  it('does not wait when Retry-After exceeds the retry budget, and reports the wait to the UI', async () => {
    const seen = answerWith(() => operationOutcome(429, undefined, { 'retry-after': '30' }));
    const error = await failure(
      createFetchTransport(BASE, undefined, fetch, { sleep: recordSleep }).request({ url: 'Condition' }),
    );
    expect(error.kind).toBe('rate-limited');
    expect(error.details.retryAfterSeconds).toBe(30);
    expect(seen.count).toBe(1);
    expect(sleeps).toEqual([]);
    expect(describeFhirError(error, 'en')).toContain('30 s');
  });

  it('never retries a POST', async () => {
    const seen = answerWith(() => operationOutcome(503, undefined, { 'retry-after': '1' }));
    await failure(
      createFetchTransport(BASE, undefined, fetch, { sleep: recordSleep }).request({
        url: '',
        method: 'POST',
        body: '{}',
      }),
    );
    expect(seen.count).toBe(1);
  });

  it('times out a request that hangs', async () => {
    server.use(
      http.all(`${BASE}*`, async () => {
        await new Promise((resolve) => setTimeout(resolve, 2_000).unref());
        return HttpResponse.json({});
      }),
    );
    const error = await failure(
      createFetchTransport(BASE, undefined, fetch, { timeoutMs: 50 }).request({ url: 'Condition' }),
    );
    expect(error.kind).toBe('timeout');
  });

  it('reports a cancelled request as aborted, and an unreachable server as network', async () => {
    answerWith(() => HttpResponse.json({}));
    const controller = new AbortController();
    controller.abort();
    expect(
      (await failure(createFetchTransport(BASE).request({ url: 'Condition', signal: controller.signal }))).kind,
    ).toBe('aborted');
    let attempts = 0;
    server.use(
      http.all(`${BASE}*`, () => {
        attempts++;
        return HttpResponse.error();
      }),
    );
    expect(
      (
        await failure(
          createFetchTransport(BASE, undefined, fetch, { sleep: recordSleep }).request({ url: 'Condition' }),
        )
      ).kind,
    ).toBe('network');
    expect(attempts).toBe(2);
  });

  it('repeats a GET once after a dropped connection', async () => {
    let attempts = 0;
    server.use(
      http.all(`${BASE}*`, () =>
        ++attempts === 1 ? HttpResponse.error() : HttpResponse.json({ resourceType: 'Bundle', type: 'searchset' }),
      ),
    );
    const response = await createFetchTransport(BASE, undefined, fetch, { sleep: recordSleep }).request({
      url: 'Condition',
    });
    expect(response.body).toEqual({ resourceType: 'Bundle', type: 'searchset' });
    expect(attempts).toBe(2);
  });

  it('never sends the session to another origin (a paging link pointing elsewhere)', async () => {
    const seen = answerWith(() => HttpResponse.json({}));
    const error = await failure(
      createFetchTransport(BASE, 'tok').request({ url: 'https://elsewhere.example/fhir?_getpages=x' }),
    );
    expect(error.kind).toBe('invalid-response');
    expect(seen.count).toBe(0);
  });
});

describe('describeFhirError', () => {
  it('gives a plain sentence in English and German, with the server reason', () => {
    const error = new FhirError('rejected', 'x', { status: 400, serverMessage: 'Unknown search parameter "foo"' });
    expect(describeFhirError(error, 'en')).toBe(
      'The EHR rejected the request. The EHR said: "Unknown search parameter "foo""',
    );
    expect(describeFhirError(error, 'de')).toContain('Das KIS hat die Anfrage abgelehnt.');
    expect(describeFhirError(new Error('GET https://ehr/fhir/Patient/1 failed'), 'en')).not.toContain('http');
  });
});
