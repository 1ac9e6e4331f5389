/**
 * The deployment file (site.json, README "Deploying in a hospital"): one entry per EHR the app is
 * registered with, keyed by the EHR's FHIR base URL (`iss`), and the site's settings beside them.
 * A launch from any other `iss` is refused, so the launch page can never be used to send a user
 * (or a token) to a server nobody configured. The build checks the file with parseSiteConfig,
 * derives the Content-Security-Policy from it (deploy/policy.ts), puts it into the pages, where the
 * app reads it again at launch (siteConfigOfPage), and writes it as `site.json` next to them.
 */

import { CLINICAL_TYPES } from '../clinical/record';

export type ScopeSet = 'v2' | 'v1';

export interface EhrDeployment {
  /** shown on error pages and in the README; not used for matching */
  name: string;
  /** the FHIR base URL; `:*` in place of the port matches any port (the local demo EHR), a `*` path segment any one segment */
  iss: string;
  clientId: string;
  /** SMART v2 scopes (`.rs`, `.c`) by default; v1 (`.read`, `.write`) for older servers */
  scopes: ScopeSet;
  /** ask for `openid fhirUser` so the note names its author */
  fhirUser: boolean;
  /**
   * read the record in one batch Bundle when the server's CapabilityStatement declares `batch`
   * (default true; a refused batch falls back to parallel reads, at the cost of its round trips)
   */
  allowBatch: boolean;
  /** origins besides the iss's the app must reach for this EHR (an authorization server of its own): CSP connect-src */
  connectOrigins: string[];
  /** origins of the EHR pages that may show the app in a frame (default: the iss's origin): CSP frame-ancestors */
  frameAncestors: string[];
}

/**
 * The whole deployment file. The EHRs are in `ehrs`; a setting of the site as a whole (not of one
 * EHR) is a key of its own beside `ehrs`, checked in parseSiteConfig and listed in SITE_KEYS.
 */
export interface SiteConfig {
  /** the FHIR base URL a standalone launch (launch.html without parameters) goes to */
  defaultIss?: string;
  ehrs: EhrDeployment[];
  /**
   * the payers' coverage rule sets, each assessed beside the clinical guideline (["lcd-pva"]), in
   * the order the file's `"payerRuleSets"` lists them; an empty list or none: the guideline alone
   */
  payerRuleSets?: string[];
}

/** The file's name, next to the pages. */
export const SITE_FILE_NAME = 'site.json';
/** Every key the file may hold: a misspelt setting is an error, never silently ignored. */
const SITE_KEYS = ['defaultIss', 'ehrs', 'payerRuleSets'];
/** a rule set id as the engine names them: the build checks that the engine has it (deploy/site.ts) */
const RULE_SET_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const EHR_KEYS = [
  'name',
  'iss',
  'clientId',
  'scopes',
  'fhirUser',
  'allowBatch',
  'connectOrigins',
  'frameAncestors',
] as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type LaunchKind = 'ehr' | 'standalone';

/**
 * The reads: the patient, the launch's encounter (hospitalised or not, for the payer rule set),
 * every type the criteria use, the drugs orders name by reference (read with `_include`: a server
 * withholds what the token may not read), and the notes already in the chart.
 */
const READS = ['Patient', 'Encounter', ...CLINICAL_TYPES, 'Medication', 'DocumentReference'];
/**
 * The note and the Provenance that names who signed it and what it was based on are created; a
 * note is updated only to mark the one an amendment replaces superseded.
 */
const WRITES: Record<ScopeSet, string[]> = {
  v2: ['DocumentReference.cu', 'Provenance.c'],
  // v1 has no narrower scope: `.write` is create, update and delete
  v1: ['DocumentReference.write', 'Provenance.write'],
};
const READ_SUFFIX: Record<ScopeSet, string> = { v2: 'rs', v1: 'read' };

/** The scope to ask for: the reads the criteria need, and the writes of the signed note. */
export function requestedScope(deployment: EhrDeployment, kind: LaunchKind): string {
  return [
    kind === 'ehr' ? 'launch' : 'launch/patient',
    ...(deployment.fhirUser ? ['openid', 'fhirUser'] : []),
    'online_access',
    ...READS.map((type) => `patient/${type}.${READ_SUFFIX[deployment.scopes]}`),
    ...WRITES[deployment.scopes].map((write) => `patient/${write}`),
  ].join(' ');
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `:*` stands for any port, a path segment `*` for any one segment (the public SMART launcher encodes
 * its launch settings in one); everything else must match exactly, so the origin is always fixed.
 */
function issMatcher(pattern: string): RegExp {
  const body = withoutTrailingSlash(pattern)
    .split('*')
    .map(escapeRegExp)
    .reduce((regex, part) =>
      regex.endsWith(':') ? `${regex}\\d{1,5}${part}` : `${regex}[A-Za-z0-9_=-]{1,2000}${part}`,
    );
  return new RegExp(`^${body}$`);
}

/** The deployment for this `iss`, or undefined when no entry matches. */
export function findDeployment(config: SiteConfig, iss: string): EhrDeployment | undefined {
  const wanted = withoutTrailingSlash(iss.trim());
  return config.ehrs.find((ehr) => issMatcher(ehr.iss).test(wanted));
}

/**
 * The origin of an `iss` (pattern) as a CSP source expression: "http://localhost:*\/fhir" →
 * "http://localhost:*" (CSP takes a wildcard port too).
 */
export function issOrigin(iss: string): string {
  const origin = /^https?:\/\/[^/?#]+/.exec(iss)?.[0];
  if (!origin) throw new ConfigError(`not a URL: ${iss}`);
  return origin;
}

// ---------------------------------------------------------------------------------------------
// Validation: the file is edited by hand at deployment time, so every mistake gets a clear message.

const isLocalHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

function checkKeys(value: Record<string, unknown>, known: readonly string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${where}: unknown setting ${unknown.map((key) => `"${key}"`).join(', ')} (known: ${known.join(', ')})`,
    );
  }
}

/** "https://auth.example.org", "http://localhost:*": scheme, host and port only; https except on this machine. */
function checkOrigins(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) throw new ConfigError(`${where} must be a list of origins`);
  return value.map((origin: unknown) => {
    const match =
      typeof origin === 'string' ? /^(https?):\/\/([A-Za-z0-9.-]+|\[::1\])(?::(\d{1,5}|\*))?$/.exec(origin) : null;
    if (!match) {
      throw new ConfigError(`${where}: ${JSON.stringify(origin)} is not an origin like "https://ehr.example.org"`);
    }
    if (match[1] !== 'https' && !isLocalHost(match[2] ?? '')) {
      throw new ConfigError(`${where}: ${String(origin)} must use https (plain http only for localhost)`);
    }
    return String(origin);
  });
}

function checkIss(value: unknown, where: string, allowWildcards: boolean): string {
  if (typeof value !== 'string' || value === '') throw new ConfigError(`${where}: "iss" must be a URL`);
  if (value.includes('*') && !allowWildcards) throw new ConfigError(`${where}: "iss" may not contain "*"`);
  const example = value.replace(':*', ':1').replace(/\/\*(?=\/|$)/g, '/x');
  let url: URL;
  try {
    url = new URL(example);
  } catch {
    throw new ConfigError(`${where}: "iss" is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocalHost(url.hostname))) {
    throw new ConfigError(`${where}: "iss" must use https (plain http only for localhost): ${value}`);
  }
  if (url.username || url.password || url.search || url.hash || example.includes('*')) {
    throw new ConfigError(
      `${where}: "iss" must be a plain base URL ("*" only as the port or a whole path segment): ${value}`,
    );
  }
  return value;
}

function checkDeployment(value: unknown, index: number): EhrDeployment {
  const where = `${SITE_FILE_NAME} ehrs[${index}]`;
  if (typeof value !== 'object' || value === null) throw new ConfigError(`${where} must be an object`);
  const entry = value as Record<string, unknown>;
  checkKeys(entry, EHR_KEYS, where);
  const iss = checkIss(entry.iss, where, true);
  if (typeof entry.clientId !== 'string' || entry.clientId.trim() === '') {
    throw new ConfigError(`${where}: "clientId" is missing`);
  }
  const scopes = entry.scopes ?? 'v2';
  if (scopes !== 'v2' && scopes !== 'v1') throw new ConfigError(`${where}: "scopes" must be "v2" or "v1"`);
  for (const flag of ['fhirUser', 'allowBatch'] as const) {
    if (entry[flag] !== undefined && typeof entry[flag] !== 'boolean') {
      throw new ConfigError(`${where}: "${flag}" must be true or false`);
    }
  }
  return {
    name: typeof entry.name === 'string' && entry.name.trim() ? entry.name : iss,
    iss,
    clientId: entry.clientId,
    scopes,
    fhirUser: entry.fhirUser !== false,
    allowBatch: entry.allowBatch !== false,
    connectOrigins:
      entry.connectOrigins === undefined ? [] : checkOrigins(entry.connectOrigins, `${where} connectOrigins`),
    frameAncestors:
      entry.frameAncestors === undefined
        ? [issOrigin(iss)]
        : checkOrigins(entry.frameAncestors, `${where} frameAncestors`),
  };
}

export function parseSiteConfig(json: unknown): SiteConfig {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { ehrs?: unknown }).ehrs)) {
    throw new ConfigError(`${SITE_FILE_NAME} must be an object with an "ehrs" list`);
  }
  checkKeys(json as Record<string, unknown>, SITE_KEYS, SITE_FILE_NAME);
  const raw = json as { ehrs: unknown[]; defaultIss?: unknown; payerRuleSets?: unknown };
  const ehrs = raw.ehrs.map(checkDeployment);
  if (ehrs.length === 0) throw new ConfigError(`${SITE_FILE_NAME} lists no EHR`);
  const config: SiteConfig = { ehrs };
  if (raw.defaultIss !== undefined) {
    config.defaultIss = checkIss(raw.defaultIss, `${SITE_FILE_NAME} defaultIss`, false);
    if (!findDeployment(config, config.defaultIss)) {
      throw new ConfigError(`${SITE_FILE_NAME}: "defaultIss" matches none of the "ehrs"`);
    }
  }
  if (raw.payerRuleSets !== undefined) {
    const ids = raw.payerRuleSets;
    if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string' && RULE_SET_ID.test(id))) {
      throw new ConfigError(
        `${SITE_FILE_NAME}: "payerRuleSets" must be a list of rule set ids (such as ["lcd-pva"]), or [] for none`,
      );
    }
    if (new Set(ids).size !== ids.length) {
      throw new ConfigError(`${SITE_FILE_NAME}: "payerRuleSets" names a rule set twice`);
    }
    if (ids.length > 0) config.payerRuleSets = ids;
  }
  return config;
}

/** The id of the page's data block that holds the deployment file (the build puts it there, vite.config.ts). */
export const SITE_DATA_ID = 'pvp-site';

/** The deployment file as the text of the page's data block: JSON, every `<` escaped, so no text of it can end the element. */
export function siteDataBlock(json: unknown): string {
  return JSON.stringify(json).replace(/</g, '\\u003c');
}

/**
 * Reads and checks the deployment file the build put into the page (a data block: no request, and
 * no script, so the policy does not govern it); throws ConfigError with a readable message.
 */
export function siteConfigOfPage(page: Pick<Document, 'getElementById'> = document): SiteConfig {
  const text = page.getElementById(SITE_DATA_ID)?.textContent;
  if (text === null || text === undefined) throw new ConfigError(`${SITE_FILE_NAME} is not in the page`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`${SITE_FILE_NAME} is not valid JSON`);
  }
  return parseSiteConfig(json);
}
