import { describe, expect, it } from 'vitest';
import { APP, EHR, FHIR, get, demoEhrForThisFile } from './helpers';

const ctx = demoEhrForThisFile();
const PATIENT = 'pvp-02-jensen';
const bearer = (): string => ctx.ehr.mintAccessToken({ patient: PATIENT });
const conditions = `${FHIR}/Condition?patient=${PATIENT}`;

describe('fault injection', () => {
  it('answers 401 with an expired-token challenge', async () => {
    ctx.ehr.faults.add({ path: '/fhir/Condition', fault: { kind: 'expired-token' } });
    const response = await get(conditions, bearer());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it.each([403, 404, 410, 500, 503] as const)(
    'answers %i with an OperationOutcome that has diagnostics',
    async (status) => {
      ctx.ehr.faults.add({
        path: '/fhir/Condition',
        fault: { kind: 'status', status, diagnostics: `injected ${status}` },
      });
      const response = await get(conditions, bearer());
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', diagnostics: `injected ${status}` }],
      });
    },
  );

  it('answers an OperationOutcome without diagnostics when none is given', async () => {
    ctx.ehr.faults.add({ path: '/fhir/Condition', fault: { kind: 'status', status: 500 } });
    const response = await get(conditions, bearer());
    const issue = (response.body as unknown as fhir4.OperationOutcome).issue[0];
    expect(issue?.code).toBe('exception');
    expect(issue?.diagnostics).toBeUndefined();
  });

  it('answers 429 and 503 with Retry-After', async () => {
    ctx.ehr.faults.add({ path: '/fhir/Condition', times: 1, fault: { kind: 'rate-limit', retryAfterSeconds: 2 } });
    ctx.ehr.faults.add({
      path: '/fhir/Observation',
      times: 1,
      fault: { kind: 'status', status: 503, retryAfterSeconds: 5 },
    });
    const limited = await get(conditions, bearer());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    const unavailable = await get(`Observation?patient=${PATIENT}`, bearer());
    expect(unavailable.headers.get('retry-after')).toBe('5');
  });

  it('serves an HTML error page where JSON was expected', async () => {
    ctx.ehr.faults.add({ path: '/fhir/Condition', fault: { kind: 'html-error', status: 502 } });
    const response = await fetch(conditions, { headers: { Authorization: `Bearer ${bearer()}` } });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('502 Bad Gateway');
  });

  it('cuts the JSON body short', async () => {
    ctx.ehr.faults.add({ path: '/fhir/Condition', fault: { kind: 'truncated-json' } });
    const response = await fetch(conditions, { headers: { Authorization: `Bearer ${bearer()}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"resourceType":"Bundle"')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('hangs until the client aborts', async () => {
    ctx.ehr.faults.add({ path: '/fhir/Condition', fault: { kind: 'hang' } });
    const controller = new AbortController();
    const pending = fetch(conditions, { headers: { Authorization: `Bearer ${bearer()}` }, signal: controller.signal });
    let settled = false;
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    // the other requests still answer while one hangs
    expect((await get(`Observation?patient=${PATIENT}`, bearer())).status).toBe(200);
    expect(settled).toBe(false);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('delays with latency, then answers normally', async () => {
    ctx.ehr.faults.add({ path: '/fhir/Condition', fault: { kind: 'latency', ms: 30 } });
    const response = await get(conditions, bearer());
    expect(response.status).toBe(200);
    expect(response.body.resourceType).toBe('Bundle');
  });

  it('matches by method, by RegExp, and only as many times as asked', async () => {
    ctx.ehr.faults.add({ method: 'POST', path: '/fhir', fault: { kind: 'status', status: 500 } });
    ctx.ehr.faults.add({ path: /\/Observation\?.*code=/, times: 2, fault: { kind: 'status', status: 404 } });
    expect((await get(conditions, bearer())).status).toBe(200);
    const coded = `Observation?patient=${PATIENT}&code=72514-3`;
    expect((await get(coded, bearer())).status).toBe(404);
    expect((await get(coded, bearer())).status).toBe(404);
    expect((await get(coded, bearer())).status).toBe(200);
    expect((await get(`Observation?patient=${PATIENT}`, bearer())).status).toBe(200);
    ctx.ehr.faults.clear();
    expect(ctx.ehr.faults.size).toBe(0);
  });

  it('faults the authorization server too', async () => {
    ctx.ehr.faults.add({
      path: '/fhir/.well-known/smart-configuration',
      times: 1,
      fault: { kind: 'status', status: 503 },
    });
    expect((await fetch(`${FHIR}/.well-known/smart-configuration`)).status).toBe(503);
    expect((await fetch(`${FHIR}/.well-known/smart-configuration`)).status).toBe(200);
  });

  it('keeps CORS headers on injected faults so the app can read them', async () => {
    ctx.ehr.faults.add({ path: '/fhir/Condition', fault: { kind: 'rate-limit', retryAfterSeconds: 1 } });
    const response = await fetch(conditions, { headers: { Authorization: `Bearer ${bearer()}`, Origin: APP } });
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });
});

describe('the fault API over HTTP', () => {
  it('adds faults with POST /_demo/faults (path or pathPattern) and clears them with DELETE', async () => {
    const added = await fetch(`${EHR}/_demo/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([
        { path: '/fhir/Condition', fault: { kind: 'status', status: 403, diagnostics: 'no' } },
        { pathPattern: 'Observation\\?', times: 1, fault: { kind: 'rate-limit', retryAfterSeconds: 3 } },
      ]),
    });
    expect(added.status).toBe(201);
    expect((await get(conditions, bearer())).status).toBe(403);
    expect((await get(`Observation?patient=${PATIENT}`, bearer())).status).toBe(429);
    expect((await fetch(`${EHR}/_demo/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await get(conditions, bearer())).status).toBe(200);
  });

  it('rejects a malformed rule', async () => {
    const response = await fetch(`${EHR}/_demo/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"fault":{}}',
    });
    expect(response.status).toBe(400);
  });
});
