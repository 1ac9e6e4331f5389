import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoEhr, type DemoEhr } from '../../mocks/ehr';
import { listenEhr } from '../../mocks/server/demo';

/** The same handlers served over HTTP, as `npm start` and the browser tests use them. */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let ehr: DemoEhr;
let origin: string;
let close: () => Promise<void>;
const APP = 'http://localhost:1';

beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  ehr = createDemoEhr({ ehrOrigin: origin, appOrigin: APP, faultApi: true });
  close = await listenEhr(ehr, port);
});
afterAll(() => close());

describe('the demo EHR over HTTP', () => {
  it('serves the launcher page with every demo patient, escaped, and no third-party asset', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    const page = await response.text();
    for (const p of ehr.patients) expect(page).toContain(p.name);
    expect(page).toContain(`${APP}/launch.html?iss=${encodeURIComponent(`${origin}/fhir`)}`);
    expect(page).not.toMatch(/(src|href)="https?:\/\/(?!localhost)/);
    expect(page).not.toContain('<script');
  });

  it('turns a launcher click into a registered EHR launch of the app', async () => {
    const response = await fetch(`${origin}/ehr/launch?patient=pvp-01-whitfield&banner=1&grant=no-imaging&locale=de`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(`${APP}/launch.html`);
    expect(location.searchParams.get('iss')).toBe(`${origin}/fhir`);
    expect(location.searchParams.get('launch')).toMatch(/^[\w-]{10,}$/);
  });

  it('embeds the app in a frame page, and shows a patient that does not exist as an error', async () => {
    const frame = await fetch(`${origin}/ehr/frame?patient=pvp-07-park&grant=all`);
    const page = await frame.text();
    expect(page).toMatch(/<iframe src="http:\/\/localhost:1\/launch\.html\?iss=[^"]+&amp;launch=[\w-]+"/);
    expect(page).toContain('Evelyn Park');
    const unknown = await fetch(`${origin}/ehr/launch?patient=%3Cscript%3E`, { redirect: 'manual' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('&lt;script&gt;');
  });

  it('serves the SMART configuration and a FHIR search with a bearer token', async () => {
    const config = await fetch(`${origin}/fhir/.well-known/smart-configuration`);
    expect(((await config.json()) as { token_endpoint: string }).token_endpoint).toBe(`${origin}/auth/token`);
    const token = ehr.mintAccessToken({ patient: 'pvp-03-alvarez' });
    const search = await fetch(`${origin}/fhir/Condition?patient=pvp-03-alvarez`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await search.json()) as fhir4.Bundle).total).toBeGreaterThan(0);
  });

  it('takes faults over HTTP, and a hanging request ends when the client gives up', async () => {
    const token = ehr.mintAccessToken({ patient: 'pvp-03-alvarez' });
    const add = await fetch(`${origin}/_demo/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: '/fhir/Observation', fault: { kind: 'hang' } }),
    });
    expect(add.status).toBe(201);
    const controller = new AbortController();
    const pending = fetch(`${origin}/fhir/Observation?patient=pvp-03-alvarez`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    const other = await fetch(`${origin}/fhir/Patient/pvp-03-alvarez`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(other.status).toBe(200);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect((await fetch(`${origin}/_demo/faults`, { method: 'DELETE' })).status).toBe(204);
    const after = await fetch(`${origin}/fhir/Observation?patient=pvp-03-alvarez`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(200);
  });

  it('posts a form to the token endpoint over HTTP', async () => {
    const response = await fetch(`${origin}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=nope',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
