import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserTransport, createFetchTransport, fetchRecord } from '../../src/fhir';
import { createAuthorizedTransport } from '../../src/fhir/fetch-transport';
import { describeFhirError } from '../../src/fhir/describe';
import { BASE, PATIENT, server, useStandin } from './support/server';
import { failure } from './support/failure';
import { fhirclientFor } from './support/fhirclient';

/**
 * Issue #15, findings 6 (redirects that leave the FHIR server) and 8 (answers past the size
 * limit), in the Node transport the CLI uses and the browser transport the app uses.
 */
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ELSEWHERE = 'http://elsewhere.test';
const bundle = { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] };

const browserClient = () => fhirclientFor(BASE);

const transports = {
  'Node (CLI)': (options = {}) => createFetchTransport(BASE, 'tok', fetch, { sleep: async () => {}, ...options }),
  browser: (options = {}) => createBrowserTransport(browserClient(), { sleep: async () => {}, ...options }),
};

describe.each(Object.entries(transports))('the %s transport', (_name, transport) => {
  it('refuses a redirect to another origin: nothing is sent there, the request fails as "redirected"', async () => {
    let elsewhere = 0;
    server.use(
      http.get(
        `${BASE}/Condition`,
        () => new HttpResponse(null, { status: 307, headers: { location: `${ELSEWHERE}/fhir/Condition` } }),
      ),
      http.get(`${ELSEWHERE}/*`, () => {
        elsewhere++;
        return HttpResponse.json(bundle);
      }),
    );
    const error = await failure(transport().request({ url: 'Condition?patient=p1' }));
    expect(error.kind).toBe('redirected');
    expect(elsewhere).toBe(0);
    expect(describeFhirError(error, 'en')).toContain('redirected the request to another address');
    expect(describeFhirError(error, 'de')).toContain('umgeleitet');
  });

  it('follows a redirect that stays on the FHIR server, with the session', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(
        `${BASE}/Condition`,
        () => new HttpResponse(null, { status: 302, headers: { location: '/fhir/Condition2?patient=p1' } }),
      ),
      http.get(`${BASE}/Condition2`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json(bundle);
      }),
    );
    const response = await transport().request({ url: 'Condition?patient=p1' });
    expect(response.body).toEqual(bundle);
    expect(authorization).toBe('Bearer tok');
  });

  it('ends a redirect loop', async () => {
    server.use(
      http.get(`${BASE}/Loop`, () => new HttpResponse(null, { status: 307, headers: { location: `${BASE}/Loop` } })),
    );
    expect((await failure(transport().request({ url: 'Loop' }))).kind).toBe('redirected');
  });

  it('refuses an answer that declares more than the limit', async () => {
    server.use(
      http.get(`${BASE}/Observation`, () =>
        HttpResponse.json(bundle, { headers: { 'content-length': String(64 * 1024 * 1024) } }),
      ),
    );
    expect((await failure(transport().request({ url: 'Observation' }))).kind).toBe('too-large');
  });

  it('stops reading an endless answer at the limit', async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`${'x'.repeat(1023)}\n`);
    server.use(
      http.get(
        `${BASE}/Observation`,
        () =>
          new HttpResponse(
            new ReadableStream({
              pull(controller) {
                pulled += chunk.byteLength;
                controller.enqueue(chunk);
              },
            }),
            { headers: { 'content-type': 'application/fhir+json' } },
          ),
      ),
    );
    const error = await failure(transport({ maxResponseBytes: 256 * 1024 }).request({ url: 'Observation' }));
    expect(error.kind).toBe('too-large');
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
    expect(describeFhirError(error, 'en')).toMatch(/larger than 32 MB/);
  });
});

it('a redirect the browser hides (opaque) is refused too', async () => {
  const opaque = {
    type: 'opaqueredirect',
    status: 0,
    ok: false,
    headers: new Headers(),
    body: null,
  } as unknown as Response;
  const transport = createAuthorizedTransport(
    BASE,
    async () => 'Bearer tok',
    async () => opaque,
    { sleep: async () => {} },
  );
  expect((await failure(transport.request({ url: 'Condition' }))).kind).toBe('redirected');
});

describe('a read whose search is redirected elsewhere (finding 6)', () => {
  it('is marked failed, never "read fully, nothing found"', async () => {
    useStandin();
    server.use(
      http.get(
        `${BASE}/Condition`,
        () => new HttpResponse(null, { status: 307, headers: { location: `${ELSEWHERE}/fhir/Condition` } }),
      ),
      http.get(`${ELSEWHERE}/*`, () => HttpResponse.json(bundle)),
    );
    const record = await fetchRecord(createFetchTransport(BASE, 'tok', fetch, { sleep: async () => {} }), {
      patientId: PATIENT,
      ruleSetIds: ['pvp-guideline'],
    });
    expect(record.reads.Condition.state).toBe('failed');
    expect(record.reads.Condition.reason).toContain('redirected');
    expect(record.reads.Observation.state).toBe('full');
  });
});

describe('a read whose answer is past the size limit (finding 8)', () => {
  it('is marked failed with the reason', async () => {
    useStandin();
    server.use(
      http.get(`${BASE}/Observation`, () =>
        HttpResponse.json(bundle, { headers: { 'content-length': String(64 * 1024 * 1024) } }),
      ),
    );
    const record = await fetchRecord(createFetchTransport(BASE, 'tok', fetch, { sleep: async () => {} }), {
      patientId: PATIENT,
      ruleSetIds: ['pvp-guideline'],
    });
    expect(record.reads.Observation.state).toBe('failed');
    expect(record.reads.Observation.reason).toContain('larger than 32 MB');
  });
});
