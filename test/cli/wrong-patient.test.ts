import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './harness';

/**
 * Issue #15, findings 5 and 6 in --server mode: a server that answers the Patient read with another
 * patient, or redirects a search to another origin. The first stops with exit 2 and a clear line;
 * the second is a failed read, never "nothing recorded".
 */
const NOW = new Date('2026-11-25T00:00:00Z');
let server: Server;
let base = '';
const port = () => (server.address() as AddressInfo).port;

const searchset = { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] };

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/fhir/metadata') return json(200, { resourceType: 'CapabilityStatement', rest: [] });
    if (url.pathname === '/fhir/Patient/p1')
      return json(200, { resourceType: 'Patient', id: 'p2', name: [{ family: 'Mallory' }] });
    if (url.pathname === '/fhir/Patient/p3')
      return json(200, { resourceType: 'Patient', id: 'p3', birthDate: '1950-01-01' });
    // another origin (localhost is not 127.0.0.1) that would answer "nothing recorded"
    if (url.pathname === '/fhir/Condition')
      return json(307, {}, { location: `http://localhost:${port()}/elsewhere/Condition${url.search}` });
    return json(200, searchset);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${port()}/fhir`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('assess --server against a server that misbehaves', () => {
  it('answered with another patient: exit 2, one line that says so, nothing assessed', async () => {
    const r = await runCli(NOW, '--server', base, '--patient', 'p1', '--now', '2026-11-25');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^assess: reading patient "p1" from .* failed: The EHR answered with another patient/);
    expect(r.stderr).not.toContain('Mallory');
  });

  it('a search redirected to another origin: that list failed, so the diagnoses are unknown, never absent', async () => {
    const r = await runCli(NOW, '--server', base, '--patient', 'p3', '--now', '2026-11-25');
    expect(r.code).toBe(0);
    const infection = JSON.parse(r.stdout).criteria.find((c: { id: string }) => c.id === 'ci.infection-active');
    expect(infection.status).toBe('unknown');
    expect(infection.rationale).toContain('could not be read');
  });
});
