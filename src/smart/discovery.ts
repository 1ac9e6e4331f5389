import type { LaunchProblem } from './launchErrors';

/**
 * How long a launch waits for the EHR's discovery, authorization or token endpoints before it says
 * so: a launch must end on the app or on a page that explains, never wait forever.
 */
export const LAUNCH_TIMEOUT_MS = 20_000;

/**
 * Reads the EHR's `.well-known/smart-configuration` alongside fhirclient, to tell the surgeon
 * precisely what is wrong. fhirclient falls back to the CapabilityStatement when discovery fails,
 * and that never names PKCE methods: an EHR that is merely down would be reported as one that
 * does not support PKCE. The app requires S256, so a usable EHR always has this document.
 */
export async function checkSmartConfiguration(
  iss: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = LAUNCH_TIMEOUT_MS,
): Promise<LaunchProblem | undefined> {
  const url = `${iss.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  let document: unknown;
  try {
    const response = await fetchImpl(url, {
      headers: { Accept: 'application/json' },
      // past the HTTP cache: fhirclient asks for the same address at the same moment, and a browser
      // holds a second request for an address until the first is answered (a round trip more)
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { kind: 'unreachable', code: `smart-configuration HTTP ${response.status}` };
    document = await response.json();
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return { kind: 'unreachable', code: timedOut ? 'smart-configuration timeout' : 'smart-configuration unreadable' };
  }
  const methods = (document as { code_challenge_methods_supported?: unknown } | null)?.code_challenge_methods_supported;
  if (!Array.isArray(methods) || !methods.includes('S256')) return { kind: 'pkce-unsupported' };
  const endpoint = (document as { authorization_endpoint?: unknown }).authorization_endpoint;
  if (typeof endpoint !== 'string' || endpoint === '') return { kind: 'bad-config', code: 'no-authorize-endpoint' };
  return undefined;
}

/** `work`, or the given problem when it has not settled within `ms`. */
export function settleWithin<T>(work: Promise<T>, ms: number, problem: LaunchProblem): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LaunchTimeout(problem)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class LaunchTimeout extends Error {
  override readonly name = 'LaunchTimeout';
  constructor(readonly problem: LaunchProblem) {
    super('the EHR did not answer in time');
  }
}
