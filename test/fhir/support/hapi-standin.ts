/**
 * A small HAPI-shaped FHIR server whose quirks each fetch test switches on alone (the whole demo EHR
 * of mocks/ is tested in demo-ehr.test.ts): patient-compartment searches with `code` (token, OR by comma), `_sort`, `_count`,
 * paging through `<base>?_getpages=<id>&_getpagesoffset=N` links without `total` (as the real HAPI
 * pages in mocks/patients/fhir-samples/hapi), 400 OperationOutcome "HAPI-0323: Unknown search parameter" for
 * parameters it is told not to know, 404 for unknown types, 410 for expired searches, batch Bundles,
 * reads and a CapabilityStatement. `fault` answers instead of the server when it returns a Response.
 */
export interface StandinOptions {
  /** the FHIR base, e.g. http://ehr.test/fhir */
  baseUrl: string;
  resources: fhir4.Resource[];
  /** search parameters the server rejects (HAPI: 400), per type or '*' for all */
  unknownParams?: Record<string, string[]>;
  /** resource types it serves; default: every type it holds plus the clinical ones */
  types?: string[];
  batch?: boolean;
  /** page size without `_count` (HAPI's default of r4.smarthealthit.org is 50) */
  defaultCount?: number;
  fault?: (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>;
}

export interface Standin {
  handle(request: Request): Promise<Response>;
  /** every request URL (path and query) in arrival order, batch entries excluded */
  log: string[];
  /** forget all stored searches: their next pages answer 410 */
  expireSearches(): void;
}

const CLINICAL = [
  'Patient',
  'Encounter',
  'Condition',
  'Observation',
  'ImagingStudy',
  'AllergyIntolerance',
  'DiagnosticReport',
  'MedicationRequest',
  'MedicationStatement',
  'Procedure',
];

const CODE_ELEMENT: Record<string, (r: Record<string, unknown>) => unknown> = {
  MedicationRequest: (r) => r.medicationCodeableConcept,
  MedicationStatement: (r) => r.medicationCodeableConcept,
  ImagingStudy: (r) => r.procedureCode,
};

const SORT_DATE: Record<string, (r: Record<string, unknown>) => unknown> = {
  date: (r) =>
    r.effectiveDateTime ??
    r.issued ??
    r.performedDateTime ??
    (r.performedPeriod as { start?: string } | undefined)?.start,
  started: (r) => r.started,
};

export function createHapiStandin(options: StandinOptions): Standin {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const types = new Set(options.types ?? [...CLINICAL, ...options.resources.map((r) => r.resourceType)]);
  const searches = new Map<string, Record<string, unknown>[]>();
  const log: string[] = [];
  let searchCounter = 0;

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/fhir+json;charset=utf-8', ...headers },
    });
  const outcome = (status: number, diagnostics: string) =>
    json(status, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics }] });

  function page(id: string, offset: number, count: number): Response {
    const matches = searches.get(id);
    if (!matches) return outcome(410, `HAPI-0417: Search ID "${id}" does not exist and may have expired`);
    const slice = matches.slice(offset, offset + count);
    const link = [
      { relation: 'self', url: `${base.origin}${basePath}?_getpages=${id}&_getpagesoffset=${offset}&_count=${count}` },
    ];
    if (offset + count < matches.length) {
      link.push({
        relation: 'next',
        url: `${base.origin}${basePath}?_getpages=${id}&_getpagesoffset=${offset + count}&_count=${count}&_format=json&_pretty=true&_bundletype=searchset`,
      });
    }
    return json(200, {
      resourceType: 'Bundle',
      id,
      type: 'searchset',
      link,
      entry: slice.map((resource) => ({
        fullUrl: `${base.origin}${basePath}/${String(resource.resourceType)}/${String(resource.id)}`,
        resource,
        search: { mode: 'match' },
      })),
    });
  }

  function search(type: string, params: URLSearchParams): Response {
    const rejected = [...params.keys()].find((name) =>
      (options.unknownParams?.[type] ?? []).concat(options.unknownParams?.['*'] ?? []).includes(name),
    );
    if (rejected) {
      return outcome(
        400,
        `HAPI-0323: Unknown search parameter "${rejected}" for resource type "${type}". Valid search parameters for this search are: [_id, patient, subject]`,
      );
    }
    const patient = params.get('patient');
    const codes = params.get('code')?.split(',');
    let matches = options.resources
      .filter((r) => r.resourceType === type)
      .map((r) => r as unknown as Record<string, unknown>)
      .filter((r) => patient === null || referenceOf(r) === `Patient/${patient}`)
      .filter((r) => codes === undefined || matchesAny([(CODE_ELEMENT[type] ?? ((x) => x.code))(r)].flat(), codes));
    const sort = params.get('_sort');
    if (sort) {
      const key = SORT_DATE[sort.replace(/^-/, '')] ?? SORT_DATE.date!;
      const direction = sort.startsWith('-') ? -1 : 1;
      matches = [...matches].sort((a, b) => direction * String(key(a) ?? '').localeCompare(String(key(b) ?? '')));
    }
    const id = `search-${++searchCounter}`;
    searches.set(id, matches);
    return page(id, 0, Number(params.get('_count') ?? options.defaultCount ?? 50));
  }

  function capabilityStatement(): Response {
    return json(200, {
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [
        {
          mode: 'server',
          ...(options.batch && { interaction: [{ code: 'batch' }] }),
          resource: [...types].map((type) => ({
            type,
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: ['patient', 'code', 'date']
              .filter((name) => !(options.unknownParams?.[type] ?? []).includes(name))
              .map((name) => ({ name, type: name === 'date' ? 'date' : name === 'code' ? 'token' : 'reference' })),
          })),
        },
      ],
    });
  }

  /** GET of a path relative to the base ("Observation?patient=1", "Patient/1", "") */
  function get(relative: string, params: URLSearchParams): Response {
    if (relative === '' && params.has('_getpages')) {
      return page(
        params.get('_getpages')!,
        Number(params.get('_getpagesoffset') ?? 0),
        Number(params.get('_count') ?? 50),
      );
    }
    if (relative === 'metadata') return capabilityStatement();
    const [type, id] = relative.split('/');
    if (!type || !types.has(type)) return outcome(404, `HAPI-0302: Unknown resource type '${type}'`);
    if (id === undefined) return search(type, params);
    const found = options.resources.find((r) => r.resourceType === type && r.id === id);
    return found ? json(200, found) : outcome(404, `HAPI-2001: Resource ${type}/${id} is not known`);
  }

  async function batch(request: Request): Promise<Response> {
    if (!options.batch) return outcome(405, 'HAPI-0389: batch is not supported');
    const bundle = (await request.json()) as fhir4.Bundle;
    const entry = await Promise.all(
      (bundle.entry ?? []).map(async (e) => {
        const url = new URL(e.request?.url ?? '', `${base.origin}${basePath}/`);
        const answer = get(url.pathname.slice(basePath.length + 1), url.searchParams);
        const body = (await answer.json()) as fhir4.Resource;
        const status = `${answer.status} ${answer.status < 300 ? 'OK' : 'Error'}`;
        return answer.ok ? { resource: body, response: { status } } : { response: { status, outcome: body } };
      }),
    );
    return json(200, { resourceType: 'Bundle', type: 'batch-response', entry });
  }

  return {
    log,
    expireSearches: () => searches.clear(),
    async handle(request) {
      const url = new URL(request.url);
      log.push(`${request.method} ${url.pathname}${url.search}`);
      const faulty = await options.fault?.(request, url);
      if (faulty) return faulty;
      const relative = url.pathname.slice(basePath.length).replace(/^\//, '');
      if (request.method === 'POST' && relative === '') return batch(request);
      if (request.method !== 'GET') return outcome(405, 'HAPI-0000: method not supported here');
      return get(relative, url.searchParams);
    },
  };
}

function referenceOf(resource: Record<string, unknown>): unknown {
  const holder = (resource.subject ?? resource.patient) as { reference?: unknown } | undefined;
  return holder?.reference;
}

function matchesAny(concepts: unknown[], codes: string[]): boolean {
  return concepts.some((concept) =>
    ((concept as { coding?: fhir4.Coding[] } | undefined)?.coding ?? []).some(
      (coding) => codes.includes(`${coding.system}|${coding.code}`) || codes.includes(coding.code ?? ''),
    ),
  );
}
