import { http, HttpResponse } from 'msw';

/**
 * An EHR with the write behaviours the demo EHR does not have, as msw handlers: it ignores
 * If-None-Exist (as many EHRs do for DocumentReference) and supports the update interaction with
 * If-Match. Read by id answers an ETag; search by identifier; one-shot faults.
 */
export const NOTES_BASE = 'https://notes-ehr.test/fhir';

type Interaction = 'search' | 'update';
type Stored = fhir4.DocumentReference & { id: string; meta: { versionId: string } };

export function createNotesServer() {
  const notes = new Map<string, Stored>();
  const requests: { method: string; url: string; headers: Headers; body?: unknown }[] = [];
  const faults: Partial<Record<Interaction, number>> = {};
  let provenances = 0;
  let nextId = 1;
  let dropNextCreateAnswer = false;

  const outcome = (status: number, diagnostics: string) =>
    HttpResponse.json(
      { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics }] },
      { status },
    );
  const fault = (interaction: Interaction) => {
    const status = faults[interaction];
    delete faults[interaction];
    return status === undefined ? undefined : outcome(status, `${interaction} failed`);
  };
  const store = (resource: fhir4.DocumentReference): Stored => {
    const stored = { ...resource, id: String(nextId++), meta: { versionId: '1' } };
    notes.set(stored.id, stored);
    return stored;
  };
  const withIdentifier = (token: string) =>
    [...notes.values()].filter((n) => (n.identifier ?? []).some((i) => `${i.system}|${i.value}` === token));

  const handlers = [
    http.post(`${NOTES_BASE}/DocumentReference`, async ({ request }) => {
      const body = (await request.json()) as fhir4.DocumentReference;
      requests.push({ method: 'POST', url: request.url, headers: request.headers, body });
      const stored = store(body);
      if (dropNextCreateAnswer) {
        dropNextCreateAnswer = false;
        return HttpResponse.error();
      }
      return HttpResponse.json(stored, {
        status: 201,
        headers: { location: `${NOTES_BASE}/DocumentReference/${stored.id}/_history/1` },
      });
    }),
    http.post(`${NOTES_BASE}/Provenance`, ({ request }) => {
      requests.push({ method: 'POST', url: request.url, headers: request.headers });
      provenances += 1;
      return HttpResponse.json({ resourceType: 'Provenance', id: `prov-${provenances}` }, { status: 201 });
    }),
    http.get(`${NOTES_BASE}/DocumentReference/:id`, ({ request, params }) => {
      requests.push({ method: 'GET', url: request.url, headers: request.headers });
      const note = notes.get(String(params.id));
      return note
        ? HttpResponse.json(note, { headers: { etag: `W/"${note.meta.versionId}"` } })
        : outcome(404, 'Not found');
    }),
    http.get(`${NOTES_BASE}/DocumentReference`, ({ request }) => {
      requests.push({ method: 'GET', url: request.url, headers: request.headers });
      const failed = fault('search');
      if (failed) return failed;
      const found = withIdentifier(new URL(request.url).searchParams.get('identifier') ?? '');
      return HttpResponse.json({
        resourceType: 'Bundle',
        type: 'searchset',
        total: found.length,
        entry: found.map((resource) => ({ resource })),
      });
    }),
    http.put(`${NOTES_BASE}/DocumentReference/:id`, async ({ request, params }) => {
      const body = (await request.json()) as fhir4.DocumentReference;
      requests.push({ method: 'PUT', url: request.url, headers: request.headers, body });
      const failed = fault('update');
      if (failed) return failed;
      const note = notes.get(String(params.id));
      if (!note) return outcome(404, 'Not found');
      if (request.headers.get('if-match') !== `W/"${note.meta.versionId}"`) return outcome(412, 'Version conflict');
      const updated = { ...body, id: note.id, meta: { versionId: String(Number(note.meta.versionId) + 1) } } as Stored;
      notes.set(note.id, updated);
      return HttpResponse.json(updated);
    }),
  ];

  return {
    handlers,
    requests,
    notes: () => [...notes.values()],
    /** a note already in the chart (sent from an earlier page of the launch) */
    seed: store,
    /** the next create is stored, then the connection drops before the answer */
    dropNextCreateAnswer: () => {
      dropNextCreateAnswer = true;
    },
    /** the next search or update answers this status */
    fail: (interaction: Interaction, status: number) => {
      faults[interaction] = status;
    },
    provenances: () => provenances,
  };
}
