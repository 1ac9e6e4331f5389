import { http, type RequestHandler } from 'msw';
import { AuthServer, type LaunchOptions } from './ehr/auth';
import { Faults, type FaultRuleJson } from './ehr/faults';
import { FhirServer } from './ehr/fhir';
import { FhirProxy } from './ehr/proxy';
import { escapeHtml, html, outcome, page, redirect } from './ehr/http';
import { framePage, launcherPage, launchOptionsFromQuery, SMART_STYLE, type LauncherPatient } from './ehr/launcher';
import { ResourceStore } from './ehr/store';
import { DEMO_SURGEON, demoPatients, demoSurgeonResource, type DemoPatient } from './patients';
import type { LoadedSamples } from './patients/samples';

export type { LaunchOptions } from './ehr/auth';
export type { Fault, FaultRule, FaultRuleJson } from './ehr/faults';
export { CLIENT_ID } from './ehr/auth';

/**
 * The demo EHR as one set of MSW handlers: a SMART authorization server, a HAPI-shaped FHIR R4
 * server over the demo patients, its launcher pages, and fault injection. The same handlers run
 * under msw/node in tests and over HTTP for `npm start` and the browser tests (mocks/server).
 */

export interface DemoEhrOptions {
  /** e.g. http://localhost:4010; the FHIR base is `<ehrOrigin>/fhir` */
  ehrOrigin: string;
  /** the FHIR base's path instead of /fhir: /v/r4/fhir is the form the SMART App Launcher's EHR launch sends */
  fhirPath?: string;
  /** the app's origin: its redirect URI is `<appOrigin>/index.html`, CORS is allowed for it */
  appOrigin: string;
  /** the moment the demo charts are relative to (default: now) */
  now?: Date;
  /** delay every answer (benchmark runs) */
  latencyMs?: number;
  /** accept `POST/DELETE /_demo/faults` (local tests and the browser tests only) */
  faultApi?: boolean;
  /** the public sample patients to load besides the demo patients (see patients/samples.ts) */
  samples?: LoadedSamples;
  /**
   * The FHIR R4 base of another server to stand in front of (ehr/proxy.ts) instead of the demo's
   * own store: its patients are the ones launched (`npm run load` puts the demo patients there).
   */
  upstream?: string;
}

export interface DemoEhr {
  handlers: RequestHandler[];
  faults: Faults;
  store: ResourceStore;
  patients: DemoPatient[];
  fhirBase: string;
  /** "Practitioner/<id>" of the demo surgeon the server signs in as */
  fhirUser: string;
  /** an access token for msw/node tests (default: patient-level read of everything, create of notes) */
  mintAccessToken(options: { patient?: string; encounter?: string; scope?: string; expiresInSeconds?: number }): string;
  /** register an EHR launch and return its `launch` value */
  createLaunch(options: LaunchOptions): string;
  /** the URL the EHR opens for an EHR launch: `<appOrigin>/launch.html?iss=..&launch=..` */
  launchUrl(launch: string): string;
  /** make every stored search page link answer 410 */
  expireSearches(): void;
  /** move the server's clock (code, token and search expiry) forward */
  advanceClock(ms: number): void;
  /** answer one request (what the handlers do), for the HTTP server */
  handle(request: Request): Promise<Response>;
  /** with `upstream`: read its patient list again (the launcher page does so on each visit) */
  refreshPatients(): Promise<void>;
}

const CORS_ALLOW_HEADERS =
  'Authorization, Content-Type, Accept, If-None-Exist, If-Match, If-None-Match, Cache-Control, Prefer, X-Requested-With';
const CORS_EXPOSE_HEADERS = 'Location, ETag, Last-Modified, Retry-After, Content-Location, WWW-Authenticate';

export function createDemoEhr(options: DemoEhrOptions): DemoEhr {
  const ehrOrigin = options.ehrOrigin.replace(/\/$/, '');
  const appOrigin = options.appOrigin.replace(/\/$/, '');
  const fhirPath = options.fhirPath ?? '/fhir';
  const fhirBase = `${ehrOrigin}${fhirPath}`;
  let clockOffset = 0;
  const clock = (): number => Date.now() + clockOffset;
  const store = new ResourceStore(() => new Date(clock()));
  const patients = demoPatients(options.now ?? new Date());
  store.put(demoSurgeonResource());
  for (const p of patients) store.putBundle(p.bundle);
  const samples = options.samples;
  if (samples) store.putAll(samples.resources);
  const demoById = new Map(patients.map((p) => [p.id, p]));
  const sampleById = new Map((samples?.patients ?? []).map((p) => [p.id, p]));
  // in front of another server, its patients take the place of the store's (refreshPatients)
  let upstreamPatients: { id: string; name: string }[] = [];
  const launchable = (): { id: string; name: string }[] =>
    options.upstream
      ? upstreamPatients
      : [...patients, ...(samples?.patients ?? [])].map((p) => ({ id: p.id, name: p.name }));
  const surgeonName = `${DEMO_SURGEON.prefix} ${DEMO_SURGEON.given} ${DEMO_SURGEON.family}`;
  const fhirUser = `Practitioner/${DEMO_SURGEON.id}`;

  const auth = new AuthServer({
    ehrOrigin,
    appOrigin,
    fhirBase,
    fhirUser,
    surgeonName,
    clock,
    pickerPatients: () =>
      launchable().map((p) => {
        const demo = demoById.get(p.id);
        const sample = sampleById.get(p.id);
        const detail = demo
          ? `Scenario ${demo.scenario}: ${demo.title}`
          : sample
            ? `Public sample: ${sample.source}`
            : `On ${options.upstream ?? 'the FHIR server'}`;
        return { id: p.id, name: p.name, detail };
      }),
    patientExists: (id) => launchable().some((p) => p.id === id),
    defaultLaunch: (id) => {
      if (!launchable().some((p) => p.id === id)) return undefined;
      return { patient: id, encounter: demoById.get(id)?.encounterId };
    },
  });
  const fhir = options.upstream
    ? new FhirProxy({ fhirBase, upstream: options.upstream, auth })
    : new FhirServer({ fhirBase, store, auth, clock });
  let upstreamError: string | undefined;
  const refreshPatients = async (): Promise<void> => {
    if (!(fhir instanceof FhirProxy)) return;
    try {
      upstreamPatients = (await fhir.patients()).map((p) => ({ id: p.id ?? '', name: displayName(p) }));
      upstreamError = undefined;
    } catch (error) {
      upstreamError = `The patients of ${options.upstream ?? ''} could not be read (${error instanceof Error ? error.message : String(error)}).`;
      throw new Error(upstreamError);
    }
  };
  const faults = new Faults();
  faults.globalLatencyMs = options.latencyMs ?? 0;

  const launchUrl = (launch: string): string =>
    `${appOrigin}/launch.html?iss=${encodeURIComponent(fhirBase)}&launch=${encodeURIComponent(launch)}`;

  const launcherPatients = (): { demo: LauncherPatient[]; samples: LauncherPatient[] } => {
    if (!options.upstream) return storePatients();
    const present = new Set(upstreamPatients.map((p) => p.id));
    const { demo } = storePatients();
    return {
      demo: demo.filter((p) => present.has(p.id)),
      samples: upstreamPatients
        .filter((p) => !demoById.has(p.id))
        .map((p) => ({
          id: p.id,
          name: p.name,
          group: 'FHIR server',
          title: 'A patient of the FHIR server',
          description: options.upstream ?? '',
        })),
    };
  };
  const storePatients = (): { demo: LauncherPatient[]; samples: LauncherPatient[] } => ({
    demo: patients.map((p) => ({
      id: p.id,
      name: p.name,
      group: `Scenario ${p.scenario}`,
      title: p.title,
      description: p.description,
      expected: p.expectedBeforeAnswers
        ? `${p.expectedBeforeAnswers}, then ${p.expected} after the surgeon's answers`
        : p.expected,
    })),
    samples: (samples?.patients ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      group: 'Public sample',
      title: 'Real public sample data',
      description: p.source,
    })),
  });

  /** `/ehr/launch` and `/ehr/frame`: register a launch from the launcher's form. */
  const registerLaunch = (
    query: URLSearchParams,
  ): { launch: string; patientName: string; banner: boolean } | Response => {
    const patientId = query.get('patient') ?? '';
    const patient = launchable().find((p) => p.id === patientId);
    if (!patient)
      return html(
        page(
          'Demo EHR: unknown patient',
          `<div class="error"><p>No patient "${escapeHtml(patientId)}" in this EHR.</p></div>`,
        ),
        404,
      );
    const launchOptions = launchOptionsFromQuery(query, demoById.get(patientId)?.encounterId);
    return {
      launch: auth.createLaunch(launchOptions),
      patientName: patient.name,
      banner: launchOptions.needPatientBanner ?? true,
    };
  };

  const json = (body: unknown, status = 200): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  const dispatch = async (request: Request, url: URL): Promise<Response> => {
    const { pathname: path } = url;
    const method = request.method;
    if (path === fhirPath || path.startsWith(`${fhirPath}/`)) {
      const fhirPathname = path.slice(fhirPath.length);
      if (method === 'GET' && fhirPathname === '/.well-known/smart-configuration')
        return json(auth.smartConfiguration());
      if (method === 'GET' && fhirPathname === '/.well-known/openid-configuration')
        return json(auth.openidConfiguration());
      return fhir.handle(request, fhirPathname);
    }
    if (method === 'GET' && (path === '/' || path === '/index.html')) {
      // a server that stopped answering leaves the last list, and the page says why
      await refreshPatients().catch(() => undefined);
      return html(
        launcherPage({
          surgeonName,
          fhirBase,
          standaloneUrl: `${appOrigin}/launch.html?iss=${encodeURIComponent(fhirBase)}`,
          ...launcherPatients(),
          samplesNote: options.upstream
            ? (upstreamError ??
              `Patients of ${options.upstream}: load the demo patients there with "npm run load -- --server ${options.upstream}".`)
            : samples?.note,
          ...(options.upstream && { samplesTitle: `Other patients of ${options.upstream}` }),
        }),
      );
    }
    if (method === 'GET' && path === '/ehr/launch') {
      const launch = registerLaunch(url.searchParams);
      return launch instanceof Response ? launch : redirect(launchUrl(launch.launch));
    }
    if (method === 'GET' && path === '/ehr/frame') {
      const launch = registerLaunch(url.searchParams);
      return launch instanceof Response
        ? launch
        : html(
            framePage({
              patientName: launch.patientName,
              launchUrl: launchUrl(launch.launch),
              showBanner: !launch.banner,
            }),
          );
    }
    if (method === 'GET' && path === '/smart-style.json') return json(SMART_STYLE);
    // browsers ask for it; an empty answer keeps their consoles free of 404s
    if (method === 'GET' && path === '/favicon.ico') return new Response(null, { status: 204 });
    if (method === 'GET' && path === '/auth/jwks') return json({ keys: [auth.key.jwk] });
    if ((method === 'GET' || method === 'POST') && path === '/auth/authorize') return auth.authorize(request);
    if (method === 'POST' && path === '/auth/pick') return auth.pick(request);
    if (method === 'POST' && path === '/auth/token') return auth.token(request);
    return html(
      page(
        'Demo EHR: not found',
        '<p>There is no such page in the demo EHR. <a href="/">Back to the patient list</a></p>',
      ),
      404,
    );
  };

  const faultApi = async (request: Request): Promise<Response> => {
    if (!options.faultApi) return json({ error: 'the fault API is off' }, 404);
    if (request.method === 'DELETE') {
      faults.clear();
      return new Response(null, { status: 204 });
    }
    if (request.method !== 'POST') return json({ error: 'use POST or DELETE' }, 405);
    try {
      const body = (await request.json()) as FaultRuleJson | FaultRuleJson[];
      for (const rule of Array.isArray(body) ? body : [body]) faults.addJson(rule);
      return json({ active: faults.size }, 201);
    } catch (error) {
      return json({ error: error instanceof Error ? error.message : 'invalid fault' }, 400);
    }
  };

  const cors = (request: Request, response: Response): Response => {
    if (request.headers.get('origin') !== appOrigin) return response;
    const headers = new Headers(response.headers);
    headers.set('Access-Control-Allow-Origin', appOrigin);
    headers.set('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
    headers.append('Vary', 'Origin');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'OPTIONS') {
      const allowed = request.headers.get('origin') === appOrigin;
      // a preflight crosses the network like any request: the benchmark's latency applies to it too
      return faults.apply(
        request,
        [],
        async () =>
          new Response(null, {
            status: 204,
            headers: allowed
              ? {
                  'Access-Control-Allow-Origin': appOrigin,
                  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
                  'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
                  'Access-Control-Max-Age': '600',
                  Vary: 'Origin',
                }
              : { Vary: 'Origin' },
          }),
      );
    }
    if (url.pathname === '/_demo/faults') return faultApi(request);
    const hits = faults.take(request.method, url.pathname + url.search);
    const answer = async (): Promise<Response> => {
      try {
        return await dispatch(request, url);
      } catch (error) {
        // a bug in the demo server answers like a server error, it never takes the server down
        return outcome(
          500,
          'exception',
          `Internal error of the demo server: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    };
    return cors(request, await faults.apply(request, hits, answer));
  };

  return {
    handlers: [
      http.all(`${ehrOrigin}/`, ({ request }) => handle(request)),
      http.all(`${ehrOrigin}/*`, ({ request }) => handle(request)),
    ],
    faults,
    store,
    patients,
    fhirBase,
    fhirUser,
    mintAccessToken: (o) => auth.mintAccessToken(o),
    createLaunch: (o) => auth.createLaunch(o),
    launchUrl,
    expireSearches: () => {
      if (fhir instanceof FhirServer) fhir.expireSearches();
    },
    advanceClock: (ms) => {
      clockOffset += ms;
    },
    handle,
    refreshPatients,
  };
}

/** "Given Family", as the launcher lists a patient of another server. */
function displayName(patient: fhir4.Patient): string {
  const name = patient.name?.[0];
  const text = name?.text ?? [...(name?.given ?? []), name?.family ?? ''].join(' ').trim();
  return text || (patient.id ?? '');
}
