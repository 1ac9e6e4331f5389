import { createHash, randomBytes } from 'node:crypto';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createDemoEhr, type DemoEhr } from '../../mocks/ehr';

export const EHR = 'http://ehr.test';
export const APP = 'http://app.test';
export const FHIR = `${EHR}/fhir`;
export const REDIRECT_URI = `${APP}/index.html`;
export const CLIENT = 'pvp-eligibility';
export const NOW = new Date('2026-03-10T09:30:00Z');

export const SCOPE_V2 =
  'launch openid fhirUser online_access patient/Patient.rs patient/Condition.rs patient/Observation.rs patient/ImagingStudy.rs ' +
  'patient/AllergyIntolerance.rs patient/DiagnosticReport.rs patient/MedicationRequest.rs patient/Procedure.rs ' +
  'patient/DocumentReference.rs patient/DocumentReference.c';

/** One demo EHR under msw/node for a whole test file; faults are cleared after each test. */
export function demoEhrForThisFile(): { ehr: DemoEhr } {
  const ctx = { ehr: createDemoEhr({ ehrOrigin: EHR, appOrigin: APP, now: NOW, faultApi: true }) };
  const server = setupServer(...ctx.ehr.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => ctx.ehr.faults.clear());
  afterAll(() => server.close());
  return ctx;
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeParams(
  overrides: Record<string, string | undefined> = {},
  challenge = pkce().challenge,
): URLSearchParams {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: CLIENT,
    redirect_uri: REDIRECT_URI,
    scope: SCOPE_V2,
    state: 'state-123',
    aud: FHIR,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
  return query;
}

/** GET /auth/authorize without following the redirect. */
export async function authorize(params: URLSearchParams): Promise<Response> {
  return fetch(`${EHR}/auth/authorize?${params}`, { redirect: 'manual' });
}

export async function token(form: Record<string, string>): Promise<Response> {
  return fetch(`${EHR}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

/** The whole EHR launch: authorize → code → token. Returns the token response. */
export async function launchAndExchange(
  ehr: DemoEhr,
  launchOptions: Parameters<DemoEhr['createLaunch']>[0],
  scope = SCOPE_V2,
): Promise<Record<string, unknown>> {
  const launch = ehr.createLaunch(launchOptions);
  const { verifier, challenge } = pkce();
  const response = await authorize(authorizeParams({ launch, scope }, challenge));
  const location = new URL(response.headers.get('location') ?? '');
  const code = location.searchParams.get('code') ?? '';
  const answer = await token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT,
    code_verifier: verifier,
  });
  return (await answer.json()) as Record<string, unknown>;
}

export async function get(
  url: string,
  bearer: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url.startsWith('http') ? url : `${FHIR}/${url}`, {
    headers: { Authorization: `Bearer ${bearer}`, ...headers },
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

export async function post(
  url: string,
  bearer: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${FHIR}${url ? `/${url}` : ''}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/fhir+json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

export const entries = (bundle: Record<string, unknown>): fhir4.BundleEntry[] =>
  (bundle.entry as fhir4.BundleEntry[] | undefined) ?? [];
export const link = (bundle: Record<string, unknown>, relation: string): string | undefined =>
  (bundle.link as fhir4.BundleLink[] | undefined)?.find((l) => l.relation === relation)?.url;
export const diagnostics = (body: Record<string, unknown>): string =>
  ((body as unknown as fhir4.OperationOutcome).issue ?? []).map((i) => i.diagnostics ?? '').join(' ');

export function decodeJwt(jwt: string): Record<string, unknown> {
  const [, payload = ''] = jwt.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** a minimal US Core consult note of `patient`, as the app writes one, under the business identifier given */
export function consultNote(identifier: string, patient: string): fhir4.DocumentReference {
  return {
    resourceType: 'DocumentReference',
    identifier: [{ system: 'urn:ietf:rfc:3986', value: identifier }],
    status: 'current',
    type: { coding: [{ system: 'http://loinc.org', code: '11488-4', display: 'Consult note' }] },
    category: [
      {
        coding: [
          {
            system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
            code: 'clinical-note',
          },
        ],
      },
    ],
    subject: { reference: `Patient/${patient}` },
    date: '2026-03-10T09:45:00Z',
    content: [
      { attachment: { contentType: 'text/plain', data: Buffer.from('PVP eligibility: eligible').toString('base64') } },
    ],
  };
}
