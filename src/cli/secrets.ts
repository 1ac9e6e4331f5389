import { quoted } from '../clinical/bundle';
import { TOKEN_VARIABLE, UsageError } from './args';
import { LIMITS, readRegularFile } from './files';

/**
 * The access token for --server: from --bearer-file FILE, else from PVP_BEARER_TOKEN. Never from
 * the command line, where every user of the machine sees it (`ps`, /proc/PID/cmdline).
 */
export function readToken(
  file: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const token =
    file !== undefined ? readRegularFile(file, 'token file', LIMITS.token).toString('utf8') : env[TOKEN_VARIABLE];
  if (token === undefined) return undefined;
  const trimmed = token.trim();
  if (!trimmed)
    throw new UsageError(file !== undefined ? `token file ${quoted(file)} is empty` : `${TOKEN_VARIABLE} is empty`);
  // a header value: one line of visible ASCII (RFC 6750's b64token and the like)
  if (!/^[\x21-\x7e]+$/.test(trimmed))
    throw new UsageError(
      `the token ${file !== undefined ? `in ${quoted(file)}` : `in ${TOKEN_VARIABLE}`} is not one line of visible ASCII`,
    );
  return trimmed;
}

/** query parameters, user names and passwords in URLs: the values, never the names, are hidden */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"]*@/gi;
const QUERY_VALUES = /([?&][^\s=&#"]+=)[^\s&#"]*/g;

/**
 * Text for stderr with credentials removed: a URL's `user:password@` and every query value, and
 * the access token wherever it appears (a server may echo it). Every message of the CLI passes here.
 */
export function redactCredentials(text: string, token?: string): string {
  let clean = text.replace(URL_CREDENTIALS, '$1[credentials]@').replace(QUERY_VALUES, '$1[redacted]');
  if (token) clean = clean.split(token).join('[token]');
  return clean;
}

/**
 * --server BASE_URL: an http(s) FHIR base, without credentials, query or fragment (a token in the
 * URL would end up in the server's logs and in every message); trailing slashes dropped.
 */
export function checkServerUrl(base: string): string {
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    url = undefined;
  }
  const shown = quoted(redactCredentials(base));
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new UsageError(`--server must be an http(s) URL, not ${shown}`);
  if (url.username || url.password || url.search || url.hash)
    throw new UsageError(
      `--server ${shown}: a FHIR base URL carries no user name, password, query or fragment; ` +
        `give the access token with --bearer-file FILE or ${TOKEN_VARIABLE}`,
    );
  return base.replace(/\/+$/, '');
}
