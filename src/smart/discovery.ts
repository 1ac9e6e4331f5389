import { getAndCache } from 'fhirclient/lib/lib';
import type { LaunchProblem } from './launchErrors';

/**
 * How long a launch waits for the EHR's discovery, authorization or token endpoints before it says
 * so: a launch must end on the app or on a page that explains, never wait forever.
 */
export const LAUNCH_TIMEOUT_MS = 20_000;

/**
 * Reads the EHR's `.well-known/smart-configuration` for fhirclient, to tell the surgeon precisely
 * what is wrong. fhirclient falls back to the CapabilityStatement when discovery fails, and that
 * never names PKCE methods: an EHR that is merely down would be reported as one that does not
 * support PKCE. The app requires S256, so a usable EHR always has this document.
 *
 * The document is read through fhirclient's own cache of the page (`getAndCache`, the same
 * address its `authorize()` reads): launch.ts starts both at once and the EHR is asked once, and
 * this check judges the very answer fhirclient goes on with.
 */
export async function checkSmartConfiguration(
  iss: string,
  timeoutMs = LAUNCH_TIMEOUT_MS,
): Promise<LaunchProblem | undefined> {
  // fhirclient's address for it, to the character (smart.js fetchWellKnownJson), or its cache misses
  const url = `${iss.replace(/\/*$/, '/')}.well-known/smart-configuration`;
  const signal = AbortSignal.timeout(timeoutMs);
  let document: unknown;
  try {
    document = await getAndCache(url, { signal });
  } catch (error) {
    const timedOut = signal.aborted;
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number') return { kind: 'unreachable', code: `smart-configuration HTTP ${status}` };
    return { kind: 'unreachable', code: timedOut ? 'smart-configuration timeout' : 'smart-configuration unreadable' };
  }
  // fhirclient hands on JSON parsed only when it is labelled JSON: anything else it cannot use either
  if (typeof document !== 'object' || document === null || Object.getPrototypeOf(document) !== Object.prototype) {
    return { kind: 'unreachable', code: 'smart-configuration unreadable' };
  }
  const methods = (document as { code_challenge_methods_supported?: unknown }).code_challenge_methods_supported;
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
