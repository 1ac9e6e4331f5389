import { createPublicKey, createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  APP,
  authorize,
  authorizeParams,
  CLIENT,
  decodeJwt,
  EHR,
  FHIR,
  get,
  launchAndExchange,
  pkce,
  REDIRECT_URI,
  SCOPE_V2,
  token,
  demoEhrForThisFile,
} from './helpers';

const ctx = demoEhrForThisFile();
const PATIENT = 'pvp-01-whitfield';

async function codeFor(params: URLSearchParams): Promise<string> {
  const response = await authorize(params);
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '').searchParams.get('code') ?? '';
}

describe('SMART configuration', () => {
  it('offers S256 only and lists the capabilities the app relies on', async () => {
    const response = await fetch(`${FHIR}/.well-known/smart-configuration`);
    const config = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(200);
    expect(config.code_challenge_methods_supported).toEqual(['S256']);
    expect(config.authorization_endpoint).toBe(`${EHR}/auth/authorize`);
    expect(config.token_endpoint).toBe(`${EHR}/auth/token`);
    for (const capability of [
      'launch-ehr',
      'launch-standalone',
      'client-public',
      'context-ehr-patient',
      'context-standalone-patient',
      'permission-v1',
      'permission-v2',
      'sso-openid-connect',
    ]) {
      expect(config.capabilities).toContain(capability);
    }
  });

  it('serves the CapabilityStatement without a token, with batch and the search parameters', async () => {
    const response = await fetch(`${FHIR}/metadata`);
    const cs = (await response.json()) as fhir4.CapabilityStatement;
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.rest?.[0]?.interaction?.map((i) => i.code)).toContain('batch');
    const observation = cs.rest?.[0]?.resource?.find((r) => r.type === 'Observation');
    expect(observation?.searchParam?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['patient', 'code', 'category', 'date', 'status']),
    );
    const documents = cs.rest?.[0]?.resource?.find((r) => r.type === 'DocumentReference');
    expect(documents?.conditionalCreate).toBe(true);
  });
});

describe('EHR launch: authorize → code → token with PKCE S256', () => {
  it('returns the launch context, the granted scope, an id_token naming the surgeon and a refresh token', async () => {
    const encounter = ctx.ehr.patients.find((p) => p.id === PATIENT)?.encounterId;
    const body = await launchAndExchange(ctx.ehr, { patient: PATIENT, encounter, needPatientBanner: true });
    expect(body).toMatchObject({
      token_type: 'Bearer',
      patient: PATIENT,
      encounter,
      need_patient_banner: true,
      expires_in: 3600,
      scope: SCOPE_V2,
    });
    expect(body.smart_style_url).toBe(`${EHR}/smart-style.json`);
    expect(typeof body.refresh_token).toBe('string');
    const claims = decodeJwt(String(body.id_token));
    expect(claims).toMatchObject({
      aud: CLIENT,
      iss: FHIR,
      sub: 'spine-surgeon-okafor',
      fhirUser: `${FHIR}/Practitioner/spine-surgeon-okafor`,
    });
    const read = await get(`Patient/${PATIENT}`, String(body.access_token));
    expect(read.status).toBe(200);
    const surgeon = await get('Practitioner/spine-surgeon-okafor', String(body.access_token));
    expect(surgeon.status).toBe(200);
  });

  it('signs the id_token with the key published at jwks_uri', async () => {
    const body = await launchAndExchange(ctx.ehr, { patient: PATIENT });
    const [header = '', payload = '', signature = ''] = String(body.id_token).split('.');
    const jwks = (await (await fetch(`${EHR}/auth/jwks`)).json()) as { keys: Record<string, unknown>[] };
    const key = createPublicKey({ key: jwks.keys[0] as never, format: 'jwk' });
    const valid = createVerify('RSA-SHA256')
      .update(`${header}.${payload}`)
      .verify(key, Buffer.from(signature, 'base64url'));
    expect(valid).toBe(true);
  });

  it('says need_patient_banner false when the EHR shows its own banner, and passes the locale', async () => {
    const body = await launchAndExchange(ctx.ehr, { patient: PATIENT, needPatientBanner: false, locale: 'de' });
    expect(body.need_patient_banner).toBe(false);
    expect(body.locale).toBe('de');
  });

  it('grants fewer scopes than asked when the launch withholds them, and enforces the reduced grant', async () => {
    const body = await launchAndExchange(ctx.ehr, {
      patient: PATIENT,
      withhold: ['ImagingStudy', 'DocumentReference.c'],
    });
    const granted = String(body.scope).split(' ');
    expect(granted).not.toContain('patient/ImagingStudy.rs');
    expect(granted).not.toContain('patient/DocumentReference.c');
    expect(granted).toContain('patient/DocumentReference.rs');
    const imaging = await get(`ImagingStudy?patient=${PATIENT}`, String(body.access_token));
    expect(imaging.status).toBe(403);
  });

  it('rewrites a v1 scope it reduces in v1 terms where possible', async () => {
    const v1 =
      'launch openid fhirUser patient/ImagingStudy.read patient/DocumentReference.read patient/DocumentReference.write';
    const body = await launchAndExchange(ctx.ehr, { patient: PATIENT, withhold: ['ImagingStudy'] }, v1);
    expect(body.scope).toBe('launch openid fhirUser patient/DocumentReference.read patient/DocumentReference.write');
  });

  it('accepts a bare demo patient id as the launch value', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(authorizeParams({ launch: 'pvp-08-oyelaran' }, challenge));
    const response = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT,
      code_verifier: verifier,
    });
    expect(await response.json()).toMatchObject({
      patient: 'pvp-08-oyelaran',
      encounter: 'pvp-08-oyelaran-encounter-1',
    });
  });

  it('refreshes the access token with the refresh token, never widening the scope', async () => {
    const body = await launchAndExchange(ctx.ehr, { patient: PATIENT });
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: String(body.refresh_token),
      client_id: CLIENT,
    });
    const again = (await refreshed.json()) as Record<string, unknown>;
    expect(refreshed.status).toBe(200);
    expect(again).toMatchObject({ patient: PATIENT, scope: SCOPE_V2 });
    expect(again.access_token).not.toBe(body.access_token);
    const wider = await token({
      grant_type: 'refresh_token',
      refresh_token: String(body.refresh_token),
      client_id: CLIENT,
      scope: 'patient/*.cruds',
    });
    expect(wider.status).toBe(400);
    expect(await wider.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('gives no refresh token when neither online_access nor offline_access was asked', async () => {
    const body = await launchAndExchange(ctx.ehr, { patient: PATIENT }, 'launch openid fhirUser patient/Patient.rs');
    expect(body.refresh_token).toBeUndefined();
  });
});

describe('authorize errors', () => {
  it('shows an HTML error page, without redirecting, for a wrong redirect_uri or client_id', async () => {
    for (const overrides of [
      { redirect_uri: `${APP}/elsewhere.html` },
      { redirect_uri: 'https://evil.example/cb' },
      { client_id: 'someone-else' },
      { client_id: undefined },
    ]) {
      const response = await authorize(authorizeParams(overrides));
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toContain('text/html');
      const text = await response.text();
      expect(text).not.toContain('<script');
    }
  });

  it.each([
    [{ aud: 'http://other.test/fhir' }, 'invalid_request'],
    [{ aud: undefined }, 'invalid_request'],
    [{ response_type: 'token' }, 'unsupported_response_type'],
    [{ code_challenge_method: 'plain' }, 'invalid_request'],
    [{ code_challenge: undefined, code_challenge_method: undefined }, 'invalid_request'],
    [{ scope: undefined }, 'invalid_scope'],
    [{ launch: 'no-such-launch' }, 'invalid_request'],
    [{ launch: 'pvp-01-whitfield', scope: 'openid patient/Patient.rs' }, 'invalid_scope'],
  ])('redirects back with an OAuth error for %o', async (overrides, error) => {
    const response = await authorize(authorizeParams(overrides));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('redirects with access_denied when the launch says the user refuses the app', async () => {
    const launch = ctx.ehr.createLaunch({ patient: PATIENT, denyAccess: true });
    const response = await authorize(authorizeParams({ launch }));
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });

  it('requires a state', async () => {
    const response = await authorize(authorizeParams({ state: undefined, launch: PATIENT }));
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });
});

describe('token errors', () => {
  async function freshCode(): Promise<{ code: string; verifier: string }> {
    const { verifier, challenge } = pkce();
    return { code: await codeFor(authorizeParams({ launch: PATIENT }, challenge)), verifier };
  }

  it('rejects a wrong PKCE verifier, and a missing one', async () => {
    const { code } = await freshCode();
    const wrong = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT,
      code_verifier: pkce().verifier,
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    const second = await freshCode();
    const missing = await token({
      grant_type: 'authorization_code',
      code: second.code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT,
    });
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('rejects a reused code and revokes the tokens issued for it', async () => {
    const { code, verifier } = await freshCode();
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT,
      code_verifier: verifier,
    };
    const first = (await (await token(form)).json()) as Record<string, unknown>;
    expect((await get(`Patient/${PATIENT}`, String(first.access_token))).status).toBe(200);
    const replay = await token(form);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await get(`Patient/${PATIENT}`, String(first.access_token))).status).toBe(401);
  });

  it('rejects an expired code (codes live 60 seconds)', async () => {
    const { code, verifier } = await freshCode();
    ctx.ehr.advanceClock(61_000);
    const response = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT,
      code_verifier: verifier,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('expired'),
    });
  });

  it('rejects a redirect_uri that differs from the authorization request', async () => {
    const { code, verifier } = await freshCode();
    const response = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${APP}/other.html`,
      client_id: CLIENT,
      code_verifier: verifier,
    });
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers no-store, and rejects JSON bodies and unknown grant types', async () => {
    const json = await fetch(`${EHR}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect(json.headers.get('cache-control')).toBe('no-store');
    const grant = await token({ grant_type: 'password' });
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });
});

describe('standalone launch', () => {
  it('shows a patient picker, then issues a code for the chosen patient', async () => {
    const { verifier, challenge } = pkce();
    const scope = 'launch/patient openid fhirUser patient/*.rs';
    const picker = await authorize(authorizeParams({ scope }, challenge));
    expect(picker.status).toBe(200);
    const page = await picker.text();
    expect(page).toContain('Margaret Whitfield');
    const requestId = /name="request" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const chosen = await fetch(`${EHR}/auth/pick`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request: requestId, patient: 'pvp-07-park' }),
    });
    const location = new URL(chosen.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('state-123');
    const response = await token({
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT,
      code_verifier: verifier,
    });
    expect(await response.json()).toMatchObject({ patient: 'pvp-07-park', scope });
  });

  it('redirects with access_denied when the user cancels', async () => {
    const picker = await authorize(authorizeParams({ scope: 'launch/patient patient/*.rs' }));
    const requestId = /name="request" value="([^"]+)"/.exec(await picker.text())?.[1] ?? '';
    const cancelled = await fetch(`${EHR}/auth/pick`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request: requestId, action: 'deny' }),
    });
    expect(new URL(cancelled.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });
});
