import { FhirError } from './errors';
import { fhirError } from './status';
import type { FhirRequest, FhirResponse, FhirTransport } from './transport';

/** How hard a transport tries: a time-out per attempt and a small, bounded retry for busy servers. */
export interface TransportOptions {
  /** per attempt, default 20 s */
  timeoutMs?: number;
  /** retries of an idempotent GET after 429/503, default 2 */
  maxRetries?: number;
  /** the most time spent waiting between attempts of one request, default 10 s */
  retryBudgetMs?: number;
  /** injectable for tests */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** the largest answer read, in bytes; default MAX_RESPONSE_BYTES (body.ts) */
  maxResponseBytes?: number;
}

/** One attempt: resolves for 2xx; throws a FhirError for HTTP failures and raw errors otherwise. */
export type Attempt = (request: FhirRequest & { url: string }, signal: AbortSignal) => Promise<FhirResponse>;

const DEFAULTS = { timeoutMs: 20_000, maxRetries: 2, retryBudgetMs: 10_000 };
/** without a Retry-After: 1 s, then 2 s */
const BACKOFF_BASE_MS = 1_000;
const NETWORK_RETRY_MS = 200;

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(fhirError('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(fhirError('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Wraps one attempt function into a FhirTransport: resolves relative URLs against the base, refuses
 * to send the session's credentials to another origin (paging links come from the server), applies
 * the time-out, turns every failure into a FhirError, and repeats GETs the server asked to repeat
 * (and once after a dropped connection).
 * After a 429/503 every request of this transport waits until the server's Retry-After has passed,
 * so a wave of parallel reads does not turn into a retry storm.
 */
export function createPolicyTransport(
  baseUrl: string,
  attempt: Attempt,
  options: TransportOptions = {},
): FhirTransport {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const { timeoutMs, maxRetries, retryBudgetMs } = { ...DEFAULTS, ...options };
  const sleep = options.sleep ?? abortableSleep;
  let notBefore = 0;

  async function once(request: FhirRequest, url: string): Promise<FhirResponse> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      return await attempt({ ...request, url }, signal);
    } catch (error) {
      if (request.signal?.aborted) throw fhirError('aborted');
      if (timeout.aborted) throw fhirError('timeout');
      if (error instanceof FhirError) throw error;
      if (error instanceof SyntaxError) throw fhirError('invalid-response');
      throw fhirError('network');
    }
  }

  return {
    baseUrl: base.href.replace(/\/$/, ''),
    async request<T>(request: FhirRequest): Promise<FhirResponse<T>> {
      const url = resolveOnServer(base, request.url);
      const retryable = (request.method ?? 'GET') === 'GET';
      let waited = 0;
      for (let retry = 0; ; retry++) {
        const wait = notBefore - Date.now();
        if (wait > 0) {
          await sleep(wait, request.signal);
          waited += wait;
        }
        try {
          return (await once(request, url)) as FhirResponse<T>;
        } catch (error) {
          if (!(error instanceof FhirError) || !retryable || retry >= maxRetries) throw error;
          const delay = retryDelayMs(error, retry);
          if (delay === undefined) throw error;
          if (waited + delay > retryBudgetMs) throw error;
          notBefore = Math.max(notBefore, Date.now() + delay);
        }
      }
    },
  };
}

/** Default headers overridden by the request's own, whatever their letter case (one header per name). */
export function mergeHeaders(
  defaults: Record<string, string>,
  own: Record<string, string> | undefined,
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [name, value] of [...Object.entries(defaults), ...Object.entries(own ?? {})])
    merged[name.toLowerCase()] = value;
  return merged;
}

/**
 * How long to wait before repeating a GET, or undefined when repeating cannot help. A busy server
 * (429/503) gets what it asked for in Retry-After, else 1 s then 2 s. A dropped connection (a
 * keep-alive socket the server closed as it was reused) is worth one quick second try.
 */
function retryDelayMs(error: FhirError, retry: number): number | undefined {
  if (error.kind === 'rate-limited' || error.status === 503) {
    return error.details.retryAfterSeconds !== undefined
      ? error.details.retryAfterSeconds * 1000
      : BACKOFF_BASE_MS * 2 ** retry;
  }
  return error.kind === 'network' && retry === 0 ? NETWORK_RETRY_MS : undefined;
}

/** Relative URLs resolve against the FHIR base ('' is the base itself, for batches); absolute ones must stay on the server's origin. */
function resolveOnServer(base: URL, url: string): string {
  if (url === '') return base.href.replace(/\/$/, '');
  const resolved = /^[a-z][a-z0-9+.-]*:/i.test(url) ? new URL(url) : new URL(url.replace(/^\//, ''), base);
  if (resolved.origin !== base.origin) throw fhirError('invalid-response');
  return resolved.href;
}
