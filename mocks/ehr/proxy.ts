import type { AccessToken, AuthServer } from './auth';
import { namesPatient, provenanceTargets, SHARED_TYPES } from './compartment';
import { unauthorized } from './fhir';
import { FHIR_JSON, outcome } from './http';
import { Grant, type Interaction } from './scopes';
import { filter, parseCriteria } from './search';

/**
 * The demo EHR in front of another FHIR R4 server (`npm start -- --fhir URL`), as the SMART App
 * Launcher stands in front of its HAPI server: every request needs one of the demo's access tokens,
 * the granted scopes are enforced per type and interaction, and a patient-level token reaches its
 * patient's compartment only (searches must name the patient; what comes back is checked). The
 * upstream server's own address is replaced by the demo's in every answer.
 */

export interface FhirProxyOptions {
  /** the demo's FHIR base, e.g. http://localhost:4010/fhir */
  fhirBase: string;
  /** the FHIR server behind it */
  upstream: string;
  auth: AuthServer;
  fetchImpl?: typeof fetch;
}

interface Caller {
  token: AccessToken;
  grant: Grant;
}

const NAMES: Record<Interaction, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'if-none-exist', 'if-match', 'prefer', 'cache-control'];
const FORWARDED_RESPONSE_HEADERS = ['etag', 'last-modified', 'location', 'content-location', 'retry-after'];
const UPSTREAM_TIMEOUT_MS = 60_000;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: fhir4.OperationOutcomeIssue['code'],
    message: string,
  ) {
    super(message);
  }
}

const deny = (message: string): Refusal => new Refusal(403, 'forbidden', `Access denied by the demo EHR: ${message}`);

export class FhirProxy {
  private readonly upstream: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly o: FhirProxyOptions) {
    this.upstream = o.upstream.replace(/\/+$/, '');
    this.fetchImpl = o.fetchImpl ?? globalThis.fetch;
  }

  /** The upstream server's patients, for the launcher page and the standalone picker. */
  async patients(count = 100): Promise<fhir4.Patient[]> {
    const { status, body } = await this.forward('GET', `/Patient?_count=${count}&_sort=_id`, new Headers());
    if (status >= 300) throw new Error(`it answered HTTP ${status}`);
    return ((body as fhir4.Bundle | undefined)?.entry ?? [])
      .map((e) => e.resource as fhir4.Patient | undefined)
      .filter((p): p is fhir4.Patient => p?.resourceType === 'Patient' && typeof p.id === 'string');
  }

  /** An HTTP request under the FHIR base; `path` is what follows the base ("" or "/Observation"...). */
  async handle(request: Request, path: string): Promise<Response> {
    const url = new URL(request.url);
    try {
      if (request.method === 'GET' && path === '/metadata')
        return this.relay(await this.forward('GET', path, request.headers));
      const auth = this.o.auth.verifyBearer(request.headers.get('authorization'));
      if ('error' in auth) return unauthorized(auth.error);
      const caller = { token: auth.token, grant: new Grant(auth.token.scope) };
      const body = request.method === 'POST' || request.method === 'PUT' ? await request.text() : undefined;
      return this.relay(await this.exec(caller, request.method, path, url.search, body, request.headers));
    } catch (error) {
      if (error instanceof Refusal) return outcome(error.status, error.code, error.message);
      return outcome(
        502,
        'transient',
        `The FHIR server behind the demo EHR did not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async exec(
    caller: Caller,
    method: string,
    path: string,
    search: string,
    body: string | undefined,
    headers: Headers,
  ): Promise<Upstream> {
    const [type, id, history, ...rest] = path.split('/').filter((s) => s !== '');
    const query = new URLSearchParams(search);
    if (!type) {
      if (method === 'GET' && query.has('_getpages')) {
        return this.checked(caller, await this.forward(method, path + search, headers), 'page');
      }
      if (method === 'POST') return this.batch(caller, body, headers);
      throw new Refusal(405, 'not-supported', 'The demo EHR forwards batches and page links at its base, nothing else');
    }
    if (!/^[A-Z][A-Za-z]+$/.test(type) || rest.length > 0 || id === '_search' || (history && history !== '_history'))
      throw new Refusal(405, 'not-supported', `The demo EHR does not forward ${method} ${path}`);
    if (method === 'GET' && !id) {
      this.permitSearch(caller, type, query);
      return this.checked(caller, await this.forward(method, path + search, headers), 'search');
    }
    if (method === 'GET') {
      const ownUser = caller.grant.has('fhirUser') && caller.token.fhirUser === `${type}/${id}`;
      if (!ownUser) this.permit(caller, type, 'r');
      const answer = await this.forward(method, path + search, headers);
      if (!ownUser && answer.status < 300) await this.within(caller, answer.body, 'r');
      return answer;
    }
    if ((method === 'POST' && !id) || (method === 'PUT' && id && !history)) {
      const interaction = method === 'POST' ? 'c' : 'u';
      this.permit(caller, type, interaction);
      await this.within(caller, parseJson(body), interaction);
      if (interaction === 'u') {
        const current = await this.forward('GET', `/${type}/${id}`, new Headers());
        if (current.status < 300) await this.within(caller, current.body, 'u');
      }
      return this.forward(method, path + search, headers, body);
    }
    throw new Refusal(405, 'not-supported', `The demo EHR does not forward ${method} ${path}`);
  }

  private permit(caller: Caller, type: string, interaction: Interaction): void {
    if (!caller.grant.allows(type, interaction).allowed)
      throw deny(`the granted scope does not permit ${NAMES[interaction]} on ${type}`);
  }

  /** The patient a patient-level token confines this interaction to (undefined: not confined). */
  private confinedTo(caller: Caller, type: string, interaction: Interaction): string | undefined {
    const { context } = caller.grant.allows(type, interaction);
    if (context !== 'patient' || SHARED_TYPES.has(type)) return undefined;
    if (!caller.token.patient) throw deny('no patient in the launch context');
    return caller.token.patient;
  }

  /** A search of a patient-level token must name its patient (as the demo EHR and Epic require). */
  private permitSearch(caller: Caller, type: string, query: URLSearchParams): void {
    this.permit(caller, type, 's');
    const patient = this.confinedTo(caller, type, 's');
    if (patient === undefined) return;
    if (type === 'Patient') {
      if (query.get('_id') !== patient) throw deny(`a patient-level token searches Patient with _id=${patient} only`);
      return;
    }
    const named = ['patient', 'subject'].flatMap((name) => query.getAll(name));
    if (named.length === 0) throw deny(`a patient-level token must search ${type} with patient=${patient}`);
    if (!named.every((v) => v === patient || v === `Patient/${patient}`))
      throw deny('the search names another patient');
  }

  /** Whether the resource may be read, created or updated with this grant: its compartment, its granular scope. */
  private async within(caller: Caller, value: unknown, interaction: Interaction): Promise<void> {
    const resource = value as { resourceType?: unknown; id?: string } | undefined;
    if (typeof resource?.resourceType !== 'string') {
      if (interaction === 'r') return; // an error answer: relayed as it is
      throw new Refusal(400, 'structure', 'The body is not a FHIR resource');
    }
    const type = resource.resourceType;
    if (interaction !== 'r') this.permit(caller, type, interaction);
    const patient = this.confinedTo(caller, type, interaction);
    if (patient !== undefined && !(await this.inCompartment(resource as fhir4.FhirResource, patient)))
      throw deny(`${type}${resource.id ? `/${resource.id}` : ''} is outside the launch's patient compartment`);
    const { constraints } = caller.grant.allows(type, interaction);
    if (
      constraints &&
      !constraints.some(
        (c) => filter([resource as fhir4.FhirResource], parseCriteria(type, c), this.o.fhirBase).length > 0,
      )
    )
      throw deny(`the ${type} is outside the granted scope`);
  }

  private async inCompartment(resource: fhir4.FhirResource, patient: string): Promise<boolean> {
    if (namesPatient(resource, patient)) return true;
    if (resource.resourceType !== 'Provenance') return false;
    for (const target of provenanceTargets(resource)) {
      if (target.reference === `Patient/${patient}`) return true;
      const read = await this.forward('GET', `/${target.type}/${target.id}`, new Headers());
      if (read.status < 300 && namesPatient(read.body as fhir4.FhirResource, patient)) return true;
    }
    return false;
  }

  /**
   * A searchset (or a page of one) from the server: every match must be one the caller may read;
   * an included resource the caller may not read is left out, as the demo EHR does.
   */
  private async checked(caller: Caller, answer: Upstream, kind: 'search' | 'page'): Promise<Upstream> {
    const bundle = answer.body as fhir4.Bundle | undefined;
    if (answer.status >= 300 || bundle?.resourceType !== 'Bundle') return answer;
    const kept: fhir4.BundleEntry[] = [];
    for (const entry of bundle.entry ?? []) {
      const resource = entry.resource;
      if (!resource) continue;
      const mayRead = caller.grant.allows(resource.resourceType, kind === 'page' ? 's' : 'r').allowed;
      if (entry.search?.mode === 'include') {
        if (mayRead && (await this.allowed(caller, resource as fhir4.FhirResource))) kept.push(entry);
        continue;
      }
      if (!mayRead) throw deny(`the answer holds ${resource.resourceType} records the granted scope does not permit`);
      await this.within(caller, resource, 'r');
      kept.push(entry);
    }
    return { ...answer, body: { ...bundle, ...(kept.length > 0 ? { entry: kept } : { entry: undefined }) } };
  }

  private async allowed(caller: Caller, resource: fhir4.FhirResource): Promise<boolean> {
    try {
      await this.within(caller, resource, 'r');
      return true;
    } catch (error) {
      if (error instanceof Refusal) return false;
      throw error;
    }
  }

  /** A batch of reads: each entry checked as a request of its own, each answer as a read. */
  private async batch(caller: Caller, body: string | undefined, headers: Headers): Promise<Upstream> {
    const bundle = parseJson(body) as Partial<fhir4.Bundle> | undefined;
    if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'batch')
      throw new Refusal(400, 'not-supported', 'The demo EHR forwards batch Bundles of reads only');
    for (const entry of bundle.entry ?? []) {
      const url = new URL(entry.request?.url ?? '', 'http://batch.invalid/');
      const [type, id] = url.pathname.split('/').filter((s) => s !== '');
      if (entry.request?.method !== 'GET' || !type) throw deny('a batch may only read');
      if (id) this.permit(caller, type, 'r');
      else this.permitSearch(caller, type, url.searchParams);
    }
    const answer = await this.forward('POST', '', headers, body);
    const response = answer.body as fhir4.Bundle | undefined;
    if (answer.status >= 300 || response?.resourceType !== 'Bundle') return answer;
    const entries: fhir4.BundleEntry[] = [];
    for (const entry of response.entry ?? []) {
      const resource = entry.resource;
      if (resource?.resourceType === 'Bundle') {
        entries.push({
          ...entry,
          resource: (await this.checked(caller, { ...answer, body: resource }, 'search')).body as fhir4.Bundle,
        });
      } else {
        if (resource) await this.within(caller, resource, 'r');
        entries.push(entry);
      }
    }
    return { ...answer, body: { ...response, entry: entries } };
  }

  /** One request to the upstream server; its JSON answer parsed, its address still in it. */
  private async forward(method: string, pathAndQuery: string, headers: Headers, body?: string): Promise<Upstream> {
    const sent = new Headers({ accept: 'application/fhir+json' });
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = headers.get(name);
      if (value !== null) sent.set(name, value);
    }
    const response = await this.fetchImpl(`${this.upstream}${pathAndQuery}`, {
      method,
      headers: sent,
      ...(body !== undefined && { body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
    const text = await response.text();
    const kept: Record<string, string> = {};
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) kept[name] = value;
    }
    return { status: response.status, headers: kept, body: parseJson(this.local(text)) ?? text };
  }

  /** The answer as the demo EHR's own, its links and locations on the demo's address. */
  private relay(answer: Upstream): Response {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) headers[name] = this.local(value);
    if (typeof answer.body === 'string') {
      return new Response(answer.body === '' ? null : answer.body, {
        status: answer.status,
        headers: { 'Content-Type': 'text/plain;charset=utf-8', ...headers },
      });
    }
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': FHIR_JSON, ...headers },
    });
  }

  private local(text: string): string {
    return text.split(this.upstream).join(this.o.fhirBase);
  }
}

interface Upstream {
  status: number;
  headers: Record<string, string>;
  /** parsed JSON, or the text of an answer that is not JSON */
  body: unknown;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
