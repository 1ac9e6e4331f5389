import { delay, http, HttpResponse } from 'msw';

/**
 * A small HAPI-shaped FHIR server for the write tests (until the demo EHR's handlers exist):
 * conditional create on If-None-Exist with HAPI's race window, read by id, search by identifier,
 * and one-shot faults. Only bearer "good-token" is accepted.
 */
export const FHIR_BASE = 'https://ehr.test/fhir';
export const TOKEN = 'good-token';

export type Fault =
  | { kind: 'drop-after-store' }
  | { kind: 'network' }
  | { kind: 'hang' }
  | { kind: 'status'; status: number; diagnostics?: string }
  | { kind: 'html-error' };

interface Stored {
  resource: fhir4.Resource & { id: string };
  version: number;
}

export function createWriteServer(options: { location?: boolean; body?: boolean; provenance?: boolean } = {}) {
  const { location = true, body = true, provenance = true } = options;
  const store = new Map<string, Stored>();
  const requests: { method: string; url: string; headers: Headers; body?: unknown }[] = [];
  const faults: Record<string, Fault[]> = { DocumentReference: [], Provenance: [] };
  let nextId = 1;

  const outcome = (status: number, diagnostics: string) =>
    HttpResponse.json(
      { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics }] },
      { status, headers: { 'content-type': 'application/fhir+json' } },
    );

  const all = (type: string) =>
    [...store.values()].filter((s) => s.resource.resourceType === type).map((s) => s.resource);

  const matchesQuery = (resource: fhir4.Resource, query: URLSearchParams): boolean =>
    [...query.entries()].every(([name, value]) => {
      if (name === 'identifier') {
        const [system, id] = [value.slice(0, value.indexOf('|')), value.slice(value.indexOf('|') + 1)];
        return ((resource as fhir4.DocumentReference).identifier ?? []).some(
          (i) => i.system === system && i.value === id,
        );
      }
      if (name === 'patient') return (resource as fhir4.DocumentReference).subject?.reference === `Patient/${value}`;
      if (name === 'target') return ((resource as fhir4.Provenance).target ?? []).some((t) => t.reference === value);
      return false;
    });

  const create = (type: string) =>
    http.post(`${FHIR_BASE}/${type}`, async ({ request }) => {
      const json = (await request.json()) as fhir4.Resource;
      requests.push({ method: 'POST', url: request.url, headers: request.headers, body: json });
      if (request.headers.get('authorization') !== `Bearer ${TOKEN}`) return outcome(401, 'Token expired');
      if (type === 'Provenance' && !provenance) return outcome(404, 'Resource type Provenance is not supported');
      const fault = faults[type]?.shift();
      if (fault?.kind === 'network') return HttpResponse.error();
      if (fault?.kind === 'hang') await delay('infinite');
      if (fault?.kind === 'status') return outcome(fault.status, fault.diagnostics ?? `HTTP ${fault.status}`);
      if (fault?.kind === 'html-error')
        return new HttpResponse('<html><body>Bad gateway</body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        });
      if (json.resourceType !== type) return outcome(400, `Expected a ${type}`);
      const condition = request.headers.get('if-none-exist');
      const query = condition ? new URLSearchParams(condition) : undefined;
      const existing = query ? all(type).filter((r) => matchesQuery(r, query)) : [];
      if (existing.length > 1) return outcome(412, 'Multiple resources match this search');
      // HAPI checks, then writes: without serialised writes two requests race through this gap
      await delay(5);
      const found = existing[0];
      const target = found ?? {
        ...json,
        id: String(nextId++),
        meta: { versionId: '1', lastUpdated: '2026-11-25T08:15:01Z' },
      };
      if (!found) store.set(`${type}/${target.id}`, { resource: target as Stored['resource'], version: 1 });
      if (fault?.kind === 'drop-after-store') return HttpResponse.error();
      const headers: Record<string, string> = { 'content-type': 'application/fhir+json' };
      if (location) headers.location = `${FHIR_BASE}/${type}/${target.id}/_history/1`;
      return body
        ? HttpResponse.json(target, { status: found ? 200 : 201, headers })
        : new HttpResponse(null, { status: found ? 200 : 201, headers });
    });

  const handlers = [
    create('DocumentReference'),
    create('Provenance'),
    http.get(`${FHIR_BASE}/DocumentReference/:id`, ({ request, params }) => {
      requests.push({ method: 'GET', url: request.url, headers: request.headers });
      const stored = store.get(`DocumentReference/${String(params.id)}`);
      return stored ? HttpResponse.json(stored.resource) : outcome(404, 'Not found');
    }),
    http.get(`${FHIR_BASE}/DocumentReference`, ({ request }) => {
      requests.push({ method: 'GET', url: request.url, headers: request.headers });
      const query = new URL(request.url).searchParams;
      const found = all('DocumentReference').filter((r) => matchesQuery(r, query));
      return HttpResponse.json({
        resourceType: 'Bundle',
        type: 'searchset',
        total: found.length,
        entry: found.map((resource) => ({ fullUrl: `${FHIR_BASE}/DocumentReference/${resource.id}`, resource })),
      });
    }),
  ];

  return {
    handlers,
    requests,
    /** queue faults for the next requests of a type */
    fail(type: 'DocumentReference' | 'Provenance', ...next: Fault[]) {
      faults[type]?.push(...next);
    },
    documents: () => all('DocumentReference') as fhir4.DocumentReference[],
    provenances: () => all('Provenance') as fhir4.Provenance[],
  };
}
