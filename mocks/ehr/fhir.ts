import type { AccessToken, AuthServer } from './auth';
import { namesPatient, provenanceTargets, SHARED_TYPES } from './compartment';
import { fhirJson, FHIR_JSON, operationOutcome, outcome, randomId, type Issue } from './http';
import { Grant, type Interaction } from './scopes';
import {
  filter,
  includePaths,
  paramsOf,
  parseCriteria,
  referencesAt,
  SearchError,
  SEARCH_PARAMS,
  sortOf,
  sortResources,
  subset,
} from './search';
import type { Resource, ResourceStore } from './store';
import { validateForWrite, WRITABLE_TYPES } from './validate';

/**
 * The demo EHR's FHIR R4 API, shaped like HAPI FHIR JPA: bearer tokens and SMART scopes on every
 * request, the patient compartment enforced, searchset Bundles with `_getpages` paging, batch,
 * conditional create, update with If-Match. Errors are OperationOutcomes with HAPI's status codes.
 */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;
export const SEARCH_PAGE_LIFETIME_MS = 30 * 60_000;

interface Result {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Caller {
  token: AccessToken;
  grant: Grant;
}

interface SearchSnapshot {
  keys: string[];
  type: string;
  patient: string | undefined;
  elements: string[] | undefined;
  /** paths of the `_include`d references: their targets join each page, as HAPI does */
  include: string[];
  expiresAt: number;
}

export interface FhirServerOptions {
  fhirBase: string;
  store: ResourceStore;
  auth: AuthServer;
  clock: () => number;
}

const fail = (status: number, code: Issue['code'], diagnostics: string, headers?: Record<string, string>): Result => ({
  status,
  body: operationOutcome([{ code, diagnostics }]),
  headers,
});

export class FhirServer {
  private readonly searches = new Map<string, SearchSnapshot>();

  constructor(private readonly o: FhirServerOptions) {}

  /** Forget every stored search: their page links now answer 410 Gone. */
  expireSearches(): void {
    this.searches.clear();
  }

  /** An HTTP request under the FHIR base; `path` is what follows the base ("" or "/Observation"...). */
  async handle(request: Request, path: string): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'GET' && path === '/metadata') return fhirJson(this.capabilityStatement());
    const auth = this.o.auth.verifyBearer(request.headers.get('authorization'));
    if ('error' in auth) return unauthorized(auth.error);
    const caller = { token: auth.token, grant: new Grant(auth.token.scope) };
    let body: unknown;
    if (request.method === 'POST' || request.method === 'PUT') {
      const text = await request.text();
      const contentType = request.headers.get('content-type') ?? '';
      if (path.endsWith('/_search')) body = text;
      else if (!/json/.test(contentType))
        return outcome(
          415,
          'not-supported',
          `HAPI-0437: Unsupported content type "${contentType}": use application/fhir+json`,
        );
      else {
        try {
          body = JSON.parse(text);
        } catch {
          return outcome(
            400,
            'structure',
            'HAPI-0450: Failed to parse request body as JSON resource. The body is not valid JSON',
          );
        }
      }
    }
    const result = this.exec(caller, request.method, path, url.searchParams, body, request.headers);
    const headers = { ...result.headers };
    if (result.body === undefined)
      return new Response(null, { status: result.status, headers: { 'Content-Type': FHIR_JSON, ...headers } });
    return fhirJson(result.body, result.status, headers);
  }

  /** One interaction, shared by HTTP requests and batch entries. */
  private exec(
    caller: Caller,
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    headers: Headers,
  ): Result {
    try {
      const segments = path.split('/').filter((s) => s !== '');
      const [type, id, history, versionId, ...rest] = segments;
      if (!type) {
        if (method === 'GET' && query.has('_getpages')) return this.page(caller, query);
        if (method === 'POST') return this.batch(caller, body);
        return fail(
          400,
          'not-supported',
          'HAPI-0418: Invalid request: the FHIR base URL accepts a batch Bundle (POST) or a _getpages link',
        );
      }
      if (!/^[A-Z][A-Za-z]+$/.test(type) || rest.length > 0)
        return fail(404, 'not-found', `HAPI-0302: Unknown resource type or path "${path}"`);
      if (!this.knownType(type))
        return fail(
          404,
          'not-found',
          `HAPI-0302: Unknown resource type "${type}" - Server knows how to handle: [${this.knownTypes().join(', ')}]`,
        );
      if (!id) {
        if (method === 'GET') return this.search(caller, type, query);
        if (method === 'POST')
          return this.create(caller, type, body, headers.get('if-none-exist'), headers.get('prefer'));
      } else if (id === '_search' && method === 'POST' && !history) {
        return this.search(
          caller,
          type,
          new URLSearchParams([...query, ...new URLSearchParams(typeof body === 'string' ? body : '')]),
        );
      } else if (method === 'GET' && !history) {
        return this.read(caller, type, id);
      } else if (method === 'PUT' && !history) {
        return this.update(caller, type, id, body, headers.get('if-match'), headers.get('prefer'));
      } else if (method === 'GET' && history === '_history' && versionId) {
        return this.read(caller, type, id, versionId);
      }
      return fail(405, 'not-supported', `HAPI-0389: ${method} ${path} is not supported by this server`);
    } catch (error) {
      if (error instanceof SearchError) return fail(400, 'invalid', error.message);
      throw error;
    }
  }

  private knownTypes(): string[] {
    return [...new Set([...Object.keys(SEARCH_PARAMS), ...this.o.store.types()])].sort();
  }

  private knownType(type: string): boolean {
    return type in SEARCH_PARAMS || this.o.store.count(type) > 0;
  }

  // ---- authorization -----------------------------------------------------------------------

  private permit(caller: Caller, type: string, interaction: Interaction): Result | undefined {
    const names: Record<Interaction, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };
    if (caller.grant.allows(type, interaction).allowed) return undefined;
    return fail(
      403,
      'forbidden',
      `HAPI-0333: Access denied by rule: the granted scope does not permit ${names[interaction]} on ${type}`,
    );
  }

  /** The patient the caller is confined to, or undefined for user-level access to this type. */
  private confinedTo(caller: Caller, type: string, interaction: Interaction): string | undefined | null {
    const { context } = caller.grant.allows(type, interaction);
    if (context !== 'patient' || SHARED_TYPES.has(type)) return undefined;
    // a patient-level scope without a patient in context reaches nothing
    return caller.token.patient ?? null;
  }

  /** Whether a resource is within the granular scopes (v2 `?category=...`) granted for the interaction. */
  private withinConstraints(caller: Caller, resource: Resource, interaction: Interaction): boolean {
    const { constraints } = caller.grant.allows(resource.resourceType, interaction);
    return (
      !constraints ||
      constraints.some((c) => filter([resource], parseCriteria(resource.resourceType, c), this.o.fhirBase).length > 0)
    );
  }

  /** Whether a resource belongs to the patient's compartment (by its patient/subject/target). */
  private inCompartment(resource: Resource, patientId: string, depth = 0): boolean {
    if (namesPatient(resource, patientId)) return true;
    if (resource.resourceType !== 'Provenance' || depth > 0) return false;
    return provenanceTargets(resource).some(({ reference, type, id }) => {
      const target = this.o.store.read(type, id);
      return reference === `Patient/${patientId}` || (target !== undefined && this.inCompartment(target, patientId, 1));
    });
  }

  // ---- read ----------------------------------------------------------------------------------

  private read(caller: Caller, type: string, id: string, versionId?: string): Result {
    const ownUser = caller.grant.has('fhirUser') && caller.token.fhirUser === `${type}/${id}`;
    if (!ownUser) {
      const denied = this.permit(caller, type, 'r');
      if (denied) return denied;
    }
    const resource = versionId ? this.o.store.vread(type, id, versionId) : this.o.store.read(type, id);
    if (!resource) {
      return versionId && this.o.store.read(type, id)
        ? fail(404, 'not-found', `HAPI-0979: Version "${versionId}" is not known for resource ${type}/${id}`)
        : fail(404, 'not-found', `HAPI-2001: Resource ${type}/${id} is not known`);
    }
    const patient = ownUser ? undefined : this.confinedTo(caller, type, 'r');
    if (patient !== undefined && (patient === null || !this.inCompartment(resource, patient))) {
      return fail(
        403,
        'forbidden',
        `HAPI-0333: Access denied by rule: ${type}/${id} is outside the launch's patient compartment`,
      );
    }
    if (!ownUser && !this.withinConstraints(caller, resource, 'r'))
      return fail(403, 'forbidden', `HAPI-0333: Access denied by rule: ${type}/${id} is outside the granted scope`);
    return { status: 200, body: resource, headers: versionHeaders(resource) };
  }

  // ---- search --------------------------------------------------------------------------------

  private search(caller: Caller, type: string, query: URLSearchParams): Result {
    const denied = this.permit(caller, type, 's');
    if (denied) return denied;
    const criteria = parseCriteria(type, query);
    const patient = this.confinedTo(caller, type, 's');
    if (patient === null)
      return fail(403, 'forbidden', 'HAPI-0333: Access denied by rule: no patient in the launch context');
    if (patient !== undefined && type !== 'Patient') {
      const named = criteria.filter((c) => ['patient', 'subject', 'target'].includes(c.name)).flatMap((c) => c.values);
      const isOwn = (v: string): boolean =>
        v === patient || v === `Patient/${patient}` || v.endsWith(`/Patient/${patient}`);
      if (named.length === 0)
        return fail(
          403,
          'forbidden',
          `HAPI-0333: Access denied by rule: a patient-level token must search ${type} with patient=${patient}`,
        );
      if (!named.every((v) => isOwn(v) || type === 'Provenance'))
        return fail(403, 'forbidden', 'HAPI-0333: Access denied by rule: the search names another patient');
    }
    let matches = filter(this.o.store.all(type), criteria, this.o.fhirBase);
    if (patient !== undefined) matches = matches.filter((r) => this.inCompartment(r, patient));
    matches = matches.filter((r) => this.withinConstraints(caller, r, 's'));
    matches = sortResources(type, matches, sortOf(query));
    const count = pageSize(query);
    const elements = query
      .get('_elements')
      ?.split(',')
      .filter((e) => e !== '');
    const summaryCount = query.get('_summary') === 'count';
    const keys = matches.map((r) => `${r.resourceType}/${r.id ?? ''}`);
    const snapshot: SearchSnapshot = {
      keys,
      type,
      patient,
      elements,
      include: includePaths(type, query),
      expiresAt: this.o.clock() + SEARCH_PAGE_LIFETIME_MS,
    };
    let searchId: string | undefined;
    if (!summaryCount && keys.length > count && count > 0) {
      searchId = randomId(16);
      this.searches.set(searchId, snapshot);
    }
    const self = `${this.o.fhirBase}/${type}${query.size > 0 ? `?${query.toString()}` : ''}`;
    return { status: 200, body: this.bundle(caller, snapshot, 0, summaryCount ? 0 : count, self, searchId) };
  }

  private page(caller: Caller, query: URLSearchParams): Result {
    const id = query.get('_getpages') ?? '';
    const snapshot = this.searches.get(id);
    if (!snapshot || snapshot.expiresAt <= this.o.clock()) {
      this.searches.delete(id);
      return fail(410, 'not-found', `HAPI-0417: Search ID "${id}" does not exist and may have expired`);
    }
    if (snapshot.patient !== undefined && snapshot.patient !== caller.token.patient) {
      return fail(403, 'forbidden', 'HAPI-0333: Access denied by rule: the search belongs to another patient context');
    }
    const denied = this.permit(caller, snapshot.type, 's');
    if (denied) return denied;
    const offset = Math.max(0, Number.parseInt(query.get('_getpagesoffset') ?? '0', 10) || 0);
    const count = pageSize(query);
    const self = `${this.o.fhirBase}?${query.toString()}`;
    return { status: 200, body: this.bundle(caller, snapshot, offset, count, self, id) };
  }

  private pageLink(searchId: string, offset: number, count: number): string {
    return `${this.o.fhirBase}?_getpages=${searchId}&_getpagesoffset=${offset}&_count=${count}&_bundletype=searchset`;
  }

  private bundle(
    caller: Caller,
    snapshot: SearchSnapshot,
    offset: number,
    count: number,
    self: string,
    searchId: string | undefined,
  ): fhir4.Bundle {
    const link: fhir4.BundleLink[] = [{ relation: 'self', url: self }];
    if (searchId && offset + count < snapshot.keys.length)
      link.push({ relation: 'next', url: this.pageLink(searchId, offset + count, count) });
    if (searchId && offset > 0)
      link.push({ relation: 'previous', url: this.pageLink(searchId, Math.max(0, offset - count), count) });
    const entry: fhir4.BundleEntry[] = [];
    for (const key of snapshot.keys.slice(offset, offset + count)) {
      const [type = '', id = ''] = key.split('/');
      const resource = this.o.store.read(type, id);
      if (!resource) continue;
      entry.push({
        fullUrl: `${this.o.fhirBase}/${key}`,
        resource: snapshot.elements ? subset(resource, snapshot.elements) : resource,
        search: { mode: 'match' },
      });
    }
    entry.push(...this.included(caller, snapshot.include, entry));
    return {
      resourceType: 'Bundle',
      id: randomId(16),
      meta: { lastUpdated: new Date(this.o.clock()).toISOString() },
      type: 'searchset',
      // HAPI counts a search that spans pages later, in the background: its pages carry no total
      ...(searchId === undefined && { total: snapshot.keys.length }),
      link,
      ...(entry.length > 0 ? { entry } : {}),
    };
  }

  /**
   * The targets of the page's `_include`d references, once each. One the caller may not read is
   * left out (a server enforcing scopes withholds it); the client then lacks it, as in real EHRs.
   */
  private included(caller: Caller, paths: string[], matches: fhir4.BundleEntry[]): fhir4.BundleEntry[] {
    const out = new Map<string, fhir4.BundleEntry>();
    for (const match of matches) {
      for (const reference of referencesAt(match.resource as Resource, paths)) {
        const [type = '', id = ''] = reference.replace(`${this.o.fhirBase}/`, '').split('/');
        if (out.has(`${type}/${id}`)) continue;
        const target = this.read(caller, type, id);
        if (target.status !== 200) continue;
        out.set(`${type}/${id}`, {
          fullUrl: `${this.o.fhirBase}/${type}/${id}`,
          resource: target.body as Resource,
          search: { mode: 'include' },
        });
      }
    }
    return [...out.values()];
  }

  // ---- create ----------------------------------------------------------------------------------

  /** The body of a create or update as a resource of the type, or the answer that refuses it. */
  private writtenResource(
    caller: Caller,
    type: string,
    body: unknown,
    interaction: 'c' | 'u',
  ): { resource: Resource } | { refused: Result } {
    const denied = this.permit(caller, type, interaction);
    if (denied) return { refused: denied };
    const name = interaction === 'c' ? 'create' : 'update';
    if (!WRITABLE_TYPES.has(type))
      return { refused: fail(405, 'not-supported', `HAPI-0389: ${name} is not supported for ${type} by this server`) };
    const resource = body as Partial<Resource> | undefined;
    if (typeof resource !== 'object' || resource === null || Array.isArray(resource))
      return { refused: fail(400, 'structure', 'HAPI-0450: Failed to parse request body as JSON resource') };
    if (resource.resourceType !== type) {
      return {
        refused: fail(
          400,
          'structure',
          `HAPI-0450: Failed to parse request body as JSON resource. Error was: Incorrect resource type found, expected "${type}" but found "${String(resource.resourceType)}"`,
        ),
      };
    }
    return { resource: resource as Resource };
  }

  /** Whether the caller may write this (validated) resource: its patient, its granular scope. */
  private writable(caller: Caller, resource: Resource, interaction: 'c' | 'u'): Result | undefined {
    const type = resource.resourceType;
    const patient = this.confinedTo(caller, type, interaction);
    if (patient !== undefined && (patient === null || !this.inCompartment(resource, patient))) {
      return fail(
        403,
        'forbidden',
        `HAPI-0333: Access denied by rule: the ${type} does not belong to the launch's patient`,
      );
    }
    if (!this.withinConstraints(caller, resource, interaction))
      return fail(403, 'forbidden', `HAPI-0333: Access denied by rule: the ${type} is outside the granted scope`);
    return undefined;
  }

  private create(
    caller: Caller,
    type: string,
    body: unknown,
    ifNoneExist: string | null,
    prefer: string | null,
  ): Result {
    const written = this.writtenResource(caller, type, body, 'c');
    if ('refused' in written) return written.refused;
    const { resource } = written;
    if (resource.id !== undefined)
      return fail(
        400,
        'invalid',
        `HAPI-0365: Can not create resource with ID "${String(resource.id)}", ID must not be supplied on a create (POST) operation`,
      );
    const issues = validateForWrite(resource);
    if (issues.length > 0) return { status: 422, body: operationOutcome(issues) };
    const refused = this.writable(caller, resource, 'c');
    if (refused) return refused;
    if (ifNoneExist) {
      const criteria = parseCriteria(type, new URLSearchParams(ifNoneExist.replace(/^.*\?/, '')));
      if (criteria.length === 0)
        return fail(400, 'invalid', 'HAPI-0929: Invalid If-None-Exist header: no search criteria');
      const existing = filter(this.o.store.all(type), criteria, this.o.fhirBase);
      if (existing.length > 1) {
        return fail(
          412,
          'multiple-matches',
          `HAPI-0958: Failed to CREATE ${type} with match URL "${ifNoneExist}" because this search matched ${existing.length} resources`,
        );
      }
      const [found] = existing;
      if (found)
        return {
          status: 200,
          body: representation(found, prefer, 'The resource already exists; nothing was created'),
          headers: this.locationHeaders(found),
        };
    }
    const stored = this.o.store.create(resource);
    return {
      status: 201,
      body: representation(stored, prefer, `Successfully created resource "${type}/${stored.id ?? ''}"`),
      headers: this.locationHeaders(stored),
    };
  }

  // ---- update --------------------------------------------------------------------------------

  /**
   * `PUT [type]/[id]`, as HAPI FHIR JPA answers with its default client-id strategy (checked
   * against HAPI 8.8 by `npm run test:hapi`): a new version of an existing resource; the same
   * content again keeps the version it has; an unknown id that is not all digits creates the
   * resource under it (201), an all-digit one is refused (400, such ids are the server's).
   * `If-Match` (`W/"n"`, `"n"` or `n`) must name the current version: HAPI answers 409 Conflict,
   * not the 412 of the FHIR specification; without it the update applies.
   */
  private update(
    caller: Caller,
    type: string,
    id: string,
    body: unknown,
    ifMatch: string | null,
    prefer: string | null,
  ): Result {
    const written = this.writtenResource(caller, type, body, 'u');
    if ('refused' in written) return written.refused;
    const { resource } = written;
    if (resource.id === undefined)
      return fail(
        400,
        'invalid',
        'HAPI-0419: Can not update resource, resource body must contain an ID element for update (PUT) operation',
      );
    if (resource.id !== id) {
      return fail(
        400,
        'invalid',
        `HAPI-0420: Can not update resource, resource body must contain an ID element which matches the request URL for update (PUT) operation - Resource body ID of "${String(resource.id)}" does not match URL ID of "${id}"`,
      );
    }
    const issues = validateForWrite(resource);
    if (issues.length > 0) return { status: 422, body: operationOutcome(issues) };
    const current = this.o.store.read(type, id);
    if (!current) {
      if (/^\d+$/.test(id))
        return fail(
          400,
          'processing',
          `HAPI-0960: Can not create resource with ID[${id}], no resource with this ID exists and clients may only assign IDs which contain at least one non-numeric character`,
        );
      const refused = this.writable(caller, resource, 'c');
      if (refused) return refused;
      const created = this.o.store.put(resource);
      return {
        status: 201,
        body: representation(created, prefer, `Successfully created resource "${type}/${id}/_history/1"`),
        headers: this.locationHeaders(created),
      };
    }
    // both versions must be the caller's to write: no moving a resource into or out of the compartment
    const refused = this.writable(caller, current, 'u') ?? this.writable(caller, resource, 'u');
    if (refused) return refused;
    const currentVersion = current.meta?.versionId ?? '1';
    if (ifMatch !== null) {
      const asked = ifMatch
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1');
      if (asked !== currentVersion) {
        return fail(
          409,
          'processing',
          `HAPI-0550: HAPI-0989: Trying to update ${type}/${id}/_history/${asked} but this is not the current version`,
        );
      }
    }
    const stored = sameContent(current, resource) ? current : this.o.store.put(resource);
    return {
      status: 200,
      body: representation(
        stored,
        prefer,
        `Successfully updated resource "${type}/${id}/_history/${stored.meta?.versionId ?? ''}"`,
      ),
      headers: this.locationHeaders(stored),
    };
  }

  /** Where the written version lives: HAPI names it in both Location and Content-Location. */
  private locationHeaders(resource: Resource): Record<string, string> {
    const version = `${this.o.fhirBase}/${resource.resourceType}/${resource.id ?? ''}/_history/${resource.meta?.versionId ?? '1'}`;
    return { Location: version, 'Content-Location': version, ...versionHeaders(resource) };
  }

  // ---- batch ---------------------------------------------------------------------------------

  private batch(caller: Caller, body: unknown): Result {
    const bundle = body as Partial<fhir4.Bundle> | undefined;
    if (bundle?.resourceType !== 'Bundle')
      return fail(400, 'structure', 'HAPI-0450: the request body must be a Bundle');
    if (bundle.type !== 'batch')
      return fail(
        400,
        'not-supported',
        `HAPI-0527: Unable to process bundle of type "${String(bundle.type)}": this server accepts "batch"`,
      );
    const entries = (bundle.entry ?? []).map((entry): fhir4.BundleEntry => {
      const request = entry.request;
      if (!request?.method || !request.url)
        return batchEntry(fail(400, 'required', 'HAPI-0538: a batch entry needs request.method and request.url'));
      const url = new URL(request.url.replace(this.o.fhirBase, ''), 'http://batch.invalid/');
      const headers = new Headers();
      if (request.ifNoneExist) headers.set('if-none-exist', request.ifNoneExist);
      if (request.ifMatch) headers.set('if-match', request.ifMatch);
      const path = url.pathname === '/' ? '' : url.pathname;
      return batchEntry(this.exec(caller, request.method, path, url.searchParams, entry.resource, headers));
    });
    return {
      status: 200,
      body: {
        resourceType: 'Bundle',
        id: randomId(16),
        type: 'batch-response',
        link: [{ relation: 'self', url: this.o.fhirBase }],
        entry: entries,
      },
    };
  }

  // ---- capability statement ------------------------------------------------------------------

  capabilityStatement(): fhir4.CapabilityStatement {
    const types = Object.keys(SEARCH_PARAMS).sort();
    return {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2026-01-01',
      publisher: 'PVP Eligibility demo EHR',
      kind: 'instance',
      software: { name: 'PVP Eligibility demo EHR (HAPI-shaped)', version: '1.0' },
      implementation: { description: 'Demo EHR for the PVP Eligibility SMART app', url: this.o.fhirBase },
      fhirVersion: '4.0.1',
      format: ['application/fhir+json', 'json'],
      rest: [
        {
          mode: 'server',
          security: {
            cors: true,
            service: [
              {
                coding: [
                  { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
                ],
              },
            ],
            extension: [
              {
                url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
                extension: [
                  { url: 'authorize', valueUri: this.o.auth.authorizeUrl },
                  { url: 'token', valueUri: this.o.auth.tokenUrl },
                ],
              },
            ],
          },
          resource: types.map((type) => ({
            type: type as fhir4.CapabilityStatementRestResource['type'],
            interaction: [
              { code: 'read' as const },
              { code: 'vread' as const },
              { code: 'search-type' as const },
              ...(WRITABLE_TYPES.has(type) ? [{ code: 'create' as const }, { code: 'update' as const }] : []),
            ],
            versioning: 'versioned' as const,
            readHistory: true,
            conditionalCreate: WRITABLE_TYPES.has(type),
            // an update of an unknown id that is not all digits creates it: see FhirServer.update
            updateCreate: WRITABLE_TYPES.has(type),
            searchParam: Object.entries(paramsOf(type)).map(([name, def]) => ({ name, type: def.kind })),
          })),
          interaction: [{ code: 'batch' }],
        },
      ],
    };
  }
}

/** What HAPI compares before it writes a new version: everything but the server's meta. */
function sameContent(current: Resource, written: Resource): boolean {
  const { meta: _current, ...before } = current;
  const { meta: _written, ...after } = written;
  return JSON.stringify(before) === JSON.stringify(after);
}

function pageSize(query: URLSearchParams): number {
  const asked = query.get('_count');
  if (asked === null) return DEFAULT_PAGE_SIZE;
  const n = Number.parseInt(asked, 10);
  if (!Number.isFinite(n) || n < 0) throw new SearchError(`HAPI-1935: Invalid _count value "${asked}"`);
  return Math.min(n, MAX_PAGE_SIZE);
}

function versionHeaders(resource: Resource): Record<string, string> {
  const headers: Record<string, string> = { ETag: `W/"${resource.meta?.versionId ?? '1'}"` };
  if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  return headers;
}

/** What a write answers with, per the Prefer header (HAPI defaults to the representation). */
function representation(resource: Resource, prefer: string | null, message: string): unknown {
  if (prefer?.includes('return=minimal')) return undefined;
  if (prefer?.includes('return=OperationOutcome'))
    return operationOutcome([{ code: 'informational', severity: 'information', diagnostics: message }]);
  return resource;
}

function batchEntry(result: Result): fhir4.BundleEntry {
  const ok = result.status < 300;
  return {
    ...(ok && result.body !== undefined ? { resource: result.body as Resource } : {}),
    response: {
      status: `${result.status} ${STATUS_TEXT[result.status] ?? ''}`.trim(),
      ...(result.headers?.Location ? { location: result.headers.Location } : {}),
      ...(result.headers?.ETag ? { etag: result.headers.ETag } : {}),
      ...(!ok && result.body !== undefined ? { outcome: result.body as fhir4.OperationOutcome } : {}),
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
};

export function unauthorized(reason: 'missing' | 'invalid' | 'expired'): Response {
  const description =
    reason === 'missing'
      ? 'An access token is required'
      : reason === 'expired'
        ? 'The access token expired'
        : 'The access token is not valid';
  const challenge =
    reason === 'missing'
      ? 'Bearer realm="fhir"'
      : `Bearer realm="fhir", error="invalid_token", error_description="${description}"`;
  return outcome(401, 'login', `HAPI-0644: ${description}`, { 'WWW-Authenticate': challenge });
}
