import { escapeHtml, html, page, randomId, redirect } from './http';
import { s256, SigningKey } from './jwt';
import { NON_RESOURCE_SCOPES, parseResourceScope, splitScope, withhold } from './scopes';
import { SEARCH_PARAMS } from './search';
import { WRITABLE_TYPES } from './validate';

/**
 * The demo SMART authorization server (SMART App Launch 2.x): EHR and standalone launch,
 * authorization code with PKCE S256 only, one-time codes that expire, refresh tokens, RS256
 * id_tokens naming the demo surgeon. Strict where real EHRs are strict.
 */

export const CLIENT_ID = 'pvp-eligibility';
export const CODE_LIFETIME_MS = 60_000;
export const ACCESS_TOKEN_LIFETIME_S = 3600;

/** What an EHR launch carries into the app. */
export interface LaunchOptions {
  patient: string;
  encounter?: string;
  /** default true: the demo EHR shows no banner of its own around the app */
  needPatientBanner?: boolean;
  smartStyleUrl?: string;
  /** grant fewer scopes than asked: "ImagingStudy" (all of it), "DocumentReference.c" (no create)... */
  withhold?: string[];
  /** the EHR user's language (BCP 47), returned as `locale` in the token response */
  locale?: string;
  /** the user refuses the app: authorize answers error=access_denied */
  denyAccess?: boolean;
}

interface LaunchContext extends LaunchOptions {
  needPatientBanner: boolean;
}

export interface AccessToken {
  scope: string;
  patient?: string;
  encounter?: string;
  /** "Practitioner/123" */
  fhirUser: string;
  clientId: string;
  expiresAt: number;
  revoked?: boolean;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  context: LaunchContext | undefined;
  nonce?: string;
  expiresAt: number;
  used: boolean;
  /** tokens issued for it: revoked when the code is replayed (RFC 6749 4.1.2) */
  issued: string[];
}

interface RefreshGrant {
  clientId: string;
  scope: string;
  context: LaunchContext | undefined;
  revoked?: boolean;
}

/** A standalone authorization waiting for the user to pick a patient. */
interface PendingPick {
  params: URLSearchParams;
  expiresAt: number;
}

export interface AuthServerOptions {
  ehrOrigin: string;
  appOrigin: string;
  fhirBase: string;
  /** "Practitioner/<id>" the server signs in as */
  fhirUser: string;
  surgeonName: string;
  clock: () => number;
  /** patients the standalone picker offers */
  pickerPatients: () => { id: string; name: string; detail: string }[];
  patientExists: (id: string) => boolean;
  /** the launch's default encounter and options for a bare patient id used as `launch` */
  defaultLaunch: (patientId: string) => LaunchOptions | undefined;
}

export const SMART_CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'client-public',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-standalone-patient',
  'context-banner',
  'context-style',
  'permission-v1',
  'permission-v2',
  'permission-patient',
  'permission-user',
  'permission-online',
  'permission-offline',
  'sso-openid-connect',
  'authorize-post',
];

/**
 * `scopes_supported`: every scope the server grants, per type in v2 and v1 syntax, so a client can
 * check the exact scopes it asks for (patient/Medication.rs, patient/DocumentReference.cu...).
 */
const SUPPORTED_SCOPES = [
  ...NON_RESOURCE_SCOPES,
  'patient/*.rs',
  'patient/*.read',
  'user/*.rs',
  'user/*.read',
  ...Object.keys(SEARCH_PARAMS).flatMap((type) => [`patient/${type}.rs`, `patient/${type}.read`]),
  ...[...WRITABLE_TYPES].flatMap((type) => [`patient/${type}.c`, `patient/${type}.cu`, `patient/${type}.write`]),
];

type OAuthError =
  | 'invalid_request'
  | 'invalid_scope'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'invalid_grant'
  | 'invalid_client'
  | 'unsupported_grant_type';

export class AuthServer {
  readonly key = new SigningKey();
  private readonly launches = new Map<string, LaunchContext>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly picks = new Map<string, PendingPick>();
  readonly redirectUri: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;

  constructor(private readonly o: AuthServerOptions) {
    this.redirectUri = `${o.appOrigin}/index.html`;
    this.authorizeUrl = `${o.ehrOrigin}/auth/authorize`;
    this.tokenUrl = `${o.ehrOrigin}/auth/token`;
  }

  smartConfiguration(): Record<string, unknown> {
    return {
      issuer: this.o.fhirBase,
      jwks_uri: `${this.o.ehrOrigin}/auth/jwks`,
      authorization_endpoint: this.authorizeUrl,
      token_endpoint: this.tokenUrl,
      token_endpoint_auth_methods_supported: ['none'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      response_types_supported: ['code'],
      scopes_supported: SUPPORTED_SCOPES,
      code_challenge_methods_supported: ['S256'],
      capabilities: SMART_CAPABILITIES,
    };
  }

  openidConfiguration(): Record<string, unknown> {
    return {
      issuer: this.o.fhirBase,
      jwks_uri: `${this.o.ehrOrigin}/auth/jwks`,
      authorization_endpoint: this.authorizeUrl,
      token_endpoint: this.tokenUrl,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'fhirUser', 'name', 'iss', 'aud', 'exp', 'iat'],
    };
  }

  /** Register an EHR launch; the id is what the EHR passes as `launch`. */
  createLaunch(options: LaunchOptions): string {
    const id = randomId(12);
    this.launches.set(id, { ...options, needPatientBanner: options.needPatientBanner ?? true });
    return id;
  }

  private lookupLaunch(id: string): LaunchContext | undefined {
    const registered = this.launches.get(id);
    if (registered) return registered;
    // a bare demo patient id works as a launch too, with that patient's defaults
    const defaults = this.o.defaultLaunch(id);
    return defaults ? { ...defaults, needPatientBanner: defaults.needPatientBanner ?? true } : undefined;
  }

  /** An access token for msw/node tests, without the authorization dance. */
  mintAccessToken(options: {
    patient?: string;
    encounter?: string;
    scope?: string;
    expiresInSeconds?: number;
    fhirUser?: string;
  }): string {
    const token = randomId(24);
    this.tokens.set(token, {
      scope:
        options.scope ?? 'launch/patient openid fhirUser patient/*.rs patient/DocumentReference.c patient/Provenance.c',
      patient: options.patient,
      encounter: options.encounter,
      fhirUser: options.fhirUser ?? this.o.fhirUser,
      clientId: CLIENT_ID,
      expiresAt: this.o.clock() + (options.expiresInSeconds ?? ACCESS_TOKEN_LIFETIME_S) * 1000,
    });
    return token;
  }

  /** The access token of an `Authorization: Bearer` header, or why it is not acceptable. */
  verifyBearer(header: string | null): { token: AccessToken } | { error: 'missing' | 'invalid' | 'expired' } {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match?.[1]) return { error: 'missing' };
    const token = this.tokens.get(match[1]);
    if (!token || token.revoked) return { error: 'invalid' };
    if (token.expiresAt <= this.o.clock()) return { error: 'expired' };
    return { token };
  }

  // ---- /auth/authorize --------------------------------------------------------------------

  async authorize(request: Request): Promise<Response> {
    const params =
      request.method === 'POST' ? new URLSearchParams(await request.text()) : new URL(request.url).searchParams;
    const clientId = params.get('client_id');
    const redirectUri = params.get('redirect_uri');
    // without a trustworthy redirect_uri the error must not be redirected (RFC 6749 4.1.2.1)
    if (clientId !== CLIENT_ID) {
      return errorPage(
        400,
        'Unknown client',
        clientId ? `The client id "${clientId}" is not registered with this EHR.` : 'The request has no client_id.',
      );
    }
    if (redirectUri !== this.redirectUri) {
      return errorPage(
        400,
        'Redirect URI not registered',
        `The redirect_uri "${redirectUri ?? ''}" is not the one registered for ${CLIENT_ID} (${this.redirectUri}).`,
      );
    }
    const state = params.get('state');
    const fail = (error: OAuthError, description: string): Response =>
      redirect(oauthErrorUrl(redirectUri, error, description, state));
    if (params.get('response_type') !== 'code')
      return fail('unsupported_response_type', 'response_type must be "code"');
    if (!state) return fail('invalid_request', 'state is required');
    const aud = params.get('aud');
    if (!aud || aud.replace(/\/$/, '') !== this.o.fhirBase)
      return fail('invalid_request', `aud must be this EHR's FHIR base URL (${this.o.fhirBase})`);
    const scope = params.get('scope');
    if (!scope) return fail('invalid_scope', 'scope is required');
    if (!params.get('code_challenge') || params.get('code_challenge_method') !== 'S256') {
      return fail('invalid_request', 'PKCE is required: code_challenge with code_challenge_method S256');
    }
    const requested = splitScope(scope);
    const launch = params.get('launch');
    if (launch !== null) {
      if (!requested.includes('launch')) return fail('invalid_scope', 'an EHR launch must ask for the "launch" scope');
      const context = this.lookupLaunch(launch);
      if (!context) return fail('invalid_request', 'unknown or expired launch');
      if (context.denyAccess) return fail('access_denied', 'the user did not allow the app to open the record');
      return this.approve(params, context);
    }
    if (requested.includes('launch')) return fail('invalid_scope', 'the "launch" scope needs a launch parameter');
    if (requested.includes('launch/patient')) {
      const pickId = randomId(12);
      this.picks.set(pickId, { params, expiresAt: this.o.clock() + 10 * 60_000 });
      return html(this.pickerPage(pickId));
    }
    return this.approve(params, undefined);
  }

  /** The standalone picker's form posts here. */
  async pick(request: Request): Promise<Response> {
    const form = new URLSearchParams(await request.text());
    const pending = this.picks.get(form.get('request') ?? '');
    if (!pending || pending.expiresAt <= this.o.clock())
      return errorPage(
        400,
        'Sign-in expired',
        'This patient selection has expired. Start the launch again from the app.',
      );
    this.picks.delete(form.get('request') ?? '');
    const redirectUri = pending.params.get('redirect_uri') ?? this.redirectUri;
    const patient = form.get('patient');
    if (form.get('action') === 'deny' || !patient) {
      return redirect(
        oauthErrorUrl(redirectUri, 'access_denied', 'the user cancelled the sign-in', pending.params.get('state')),
      );
    }
    if (!this.o.patientExists(patient))
      return errorPage(400, 'Unknown patient', 'The selected patient does not exist.');
    return this.approve(pending.params, { patient, needPatientBanner: true });
  }

  private approve(params: URLSearchParams, context: LaunchContext | undefined): Response {
    const granted = withhold(
      splitScope(params.get('scope') ?? '').filter(
        (s) => NON_RESOURCE_SCOPES.has(s) || parseResourceScope(s) !== undefined,
      ),
      context?.withhold ?? [],
    );
    const code = randomId(24);
    this.codes.set(code, {
      clientId: CLIENT_ID,
      redirectUri: params.get('redirect_uri') ?? '',
      codeChallenge: params.get('code_challenge') ?? '',
      scope: granted.join(' '),
      context,
      nonce: params.get('nonce') ?? undefined,
      expiresAt: this.o.clock() + CODE_LIFETIME_MS,
      used: false,
      issued: [],
    });
    const target = new URL(this.redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', params.get('state') ?? '');
    return redirect(target.href);
  }

  private pickerPage(pickId: string): string {
    const rows = this.o
      .pickerPatients()
      .map(
        (p) => `<tr><td>${escapeHtml(p.name)}</td><td class="muted">${escapeHtml(p.detail)}</td>
<td><button class="primary" name="patient" value="${escapeHtml(p.id)}">Select</button></td></tr>`,
      )
      .join('\n');
    return page(
      'Demo EHR: select a patient',
      `<p>Signed in as <strong>${escapeHtml(this.o.surgeonName)}</strong>. The app <strong>PVP Eligibility</strong> asks to open a patient's record.</p>
<form method="post" action="${escapeHtml(this.o.ehrOrigin)}/auth/pick">
<input type="hidden" name="request" value="${escapeHtml(pickId)}">
<table><thead><tr><th>Patient</th><th>Details</th><th></th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p><button name="action" value="deny">Cancel</button></p>
</form>`,
    );
  }

  // ---- /auth/token ------------------------------------------------------------------------

  async token(request: Request): Promise<Response> {
    if (!(request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
      return tokenError('invalid_request', 'the token request must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(await request.text());
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(form);
    if (grantType === 'refresh_token') return this.refresh(form);
    return tokenError('unsupported_grant_type', `grant_type "${grantType ?? ''}" is not supported`);
  }

  private exchangeCode(form: URLSearchParams): Response {
    const codeValue = form.get('code') ?? '';
    const code = this.codes.get(codeValue);
    if (!code) return tokenError('invalid_grant', 'unknown authorization code');
    if (code.used) {
      for (const token of code.issued) {
        const issued = this.tokens.get(token);
        if (issued) issued.revoked = true;
      }
      return tokenError('invalid_grant', 'the authorization code was already used');
    }
    if (code.expiresAt <= this.o.clock()) return tokenError('invalid_grant', 'the authorization code has expired');
    if (!form.get('client_id')) return tokenError('invalid_request', 'a public client must send its client_id');
    if (form.get('client_id') !== code.clientId)
      return tokenError('invalid_grant', 'the code was issued to another client');
    if (form.get('redirect_uri') !== code.redirectUri)
      return tokenError('invalid_grant', 'redirect_uri does not match the authorization request');
    const verifier = form.get('code_verifier');
    if (!verifier) return tokenError('invalid_request', 'code_verifier is required (PKCE)');
    if (s256(verifier) !== code.codeChallenge) return tokenError('invalid_grant', 'PKCE verification failed');
    code.used = true;
    const body = this.issue(code.scope, code.context, code.nonce);
    code.issued.push(String(body.access_token));
    return tokenResponse(body);
  }

  private refresh(form: URLSearchParams): Response {
    const grant = this.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!grant || grant.revoked) return tokenError('invalid_grant', 'unknown refresh token');
    if (form.get('client_id') !== grant.clientId)
      return tokenError('invalid_grant', 'the refresh token was issued to another client');
    const asked = form.get('scope');
    const original = splitScope(grant.scope);
    if (asked && splitScope(asked).some((s) => !original.includes(s)))
      return tokenError('invalid_scope', 'a refresh cannot widen the scope');
    const body = this.issue(asked ?? grant.scope, grant.context, undefined, form.get('refresh_token') ?? undefined);
    return tokenResponse(body);
  }

  private issue(
    scope: string,
    context: LaunchContext | undefined,
    nonce: string | undefined,
    refreshToken?: string,
  ): Record<string, unknown> {
    const scopes = splitScope(scope);
    const now = this.o.clock();
    const accessToken = randomId(24);
    this.tokens.set(accessToken, {
      scope,
      patient: context?.patient,
      encounter: context?.encounter,
      fhirUser: this.o.fhirUser,
      clientId: CLIENT_ID,
      expiresAt: now + ACCESS_TOKEN_LIFETIME_S * 1000,
    });
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      scope,
    };
    if (context) {
      body.patient = context.patient;
      if (context.encounter) body.encounter = context.encounter;
      body.need_patient_banner = context.needPatientBanner;
      body.smart_style_url = context.smartStyleUrl ?? `${this.o.ehrOrigin}/smart-style.json`;
      if (context.locale) body.locale = context.locale;
    }
    if (scopes.includes('openid') && (scopes.includes('fhirUser') || scopes.includes('profile'))) {
      const fhirUserUrl = `${this.o.fhirBase}/${this.o.fhirUser}`;
      body.id_token = this.key.sign({
        iss: this.o.fhirBase,
        sub: this.o.fhirUser.split('/')[1],
        aud: CLIENT_ID,
        iat: Math.floor(now / 1000),
        exp: Math.floor(now / 1000) + ACCESS_TOKEN_LIFETIME_S,
        fhirUser: fhirUserUrl,
        profile: fhirUserUrl,
        name: this.o.surgeonName,
        ...(nonce ? { nonce } : {}),
      });
    }
    if (scopes.includes('online_access') || scopes.includes('offline_access')) {
      const refresh = refreshToken ?? randomId(24);
      if (!refreshToken) this.refreshTokens.set(refresh, { clientId: CLIENT_ID, scope, context });
      body.refresh_token = refresh;
    }
    return body;
  }
}

function oauthErrorUrl(redirectUri: string, error: OAuthError, description: string, state: string | null): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state) url.searchParams.set('state', state);
  return url.href;
}

function errorPage(status: number, title: string, text: string): Response {
  return html(
    page(
      `Demo EHR: ${title}`,
      `<div class="error"><p>${escapeHtml(text)}</p><p class="muted">The app was not opened. Check its registration (client id and redirect URI) with the EHR administrator.</p></div>`,
    ),
    status,
  );
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function tokenResponse(body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json', ...NO_STORE },
  });
}

function tokenError(error: OAuthError, description: string): Response {
  return new Response(JSON.stringify({ error, error_description: description }), {
    status: 400,
    headers: { 'Content-Type': 'application/json', ...NO_STORE },
  });
}
