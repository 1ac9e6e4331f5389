import type { LaunchProblem } from './launchErrors';

/**
 * Requests the app's own Content-Security-Policy stopped. The browser fails such a request exactly
 * as it fails one to a server that is down (a TypeError), so without this a launch would blame the
 * EHR for the app's own setting. The browser also reports a `securitypolicyviolation` event, a
 * moment after the request has failed: the launch waits for it briefly, and only on that path.
 */
export interface BlockedRequests {
  /** the origin of the first request connect-src stopped on this page, waiting up to `waitMs` for one */
  origin(waitMs?: number): Promise<string | undefined>;
}

export const BLOCKED_REPORT_WAIT_MS = 250;

export function watchBlockedRequests(target: EventTarget): BlockedRequests {
  const origins: string[] = [];
  const waiting = new Set<() => void>();
  target.addEventListener('securitypolicyviolation', (event) => {
    const { effectiveDirective, blockedURI } = event as SecurityPolicyViolationEvent;
    if (effectiveDirective !== 'connect-src') return;
    try {
      origins.push(new URL(blockedURI).origin);
    } catch {
      return; // not a URL: nothing the app asked for
    }
    for (const wake of waiting) wake();
  });
  return {
    origin(waitMs = BLOCKED_REPORT_WAIT_MS) {
      if (origins.length > 0 || waitMs <= 0) return Promise.resolve(origins[0]);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve(origins[0]);
        };
        const timer = setTimeout(done, waitMs);
        waiting.add(done);
      });
    },
  };
}

/** An "unreachable" EHR whose request the app's own policy stopped is the policy's problem: name the setting. */
export async function blockedOrUnreachable(problem: LaunchProblem, blocked: BlockedRequests): Promise<LaunchProblem> {
  if (problem.kind !== 'unreachable') return problem;
  const origin = await blocked.origin();
  return origin === undefined ? problem : { kind: 'csp-blocked', code: `connect-src ${origin}` };
}
