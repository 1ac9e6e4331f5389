import { fhirJson, html, operationOutcome, outcome, page, type IssueType } from './http';

/** 412: a conditional update (If-Match) that lost to a change made meanwhile in the EHR */
type FaultStatus = 403 | 404 | 410 | 412 | 500 | 503;

/**
 * Fault injection: a test switches a misbehaviour on for requests matching a pattern, for a
 * number of requests or until cleared. Faults answer instead of the server, except `latency`
 * (delays, then the server answers) and `truncated-json` (the server's answer, cut short).
 */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'expired-token' }
  | { kind: 'status'; status: FaultStatus; diagnostics?: string; retryAfterSeconds?: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'hang' }
  | { kind: 'html-error'; status?: number }
  | { kind: 'truncated-json' };

export interface FaultRule {
  /** GET, POST...; any method when absent */
  method?: string;
  /** matched against path + query: a string matches as a prefix, a RegExp anywhere */
  path: string | RegExp;
  /** how many matching requests it affects; every one when absent */
  times?: number;
  fault: Fault;
}

/** The JSON form of a rule for `POST /_demo/faults` (a RegExp is sent as `pathPattern`). */
export interface FaultRuleJson {
  method?: string;
  path?: string;
  pathPattern?: string;
  times?: number;
  fault: Fault;
}

const ISSUE_FOR_STATUS: Record<FaultStatus, IssueType> = {
  403: 'forbidden',
  404: 'not-found',
  410: 'deleted',
  412: 'conflict',
  500: 'exception',
  503: 'transient',
};

const STATUS_TEXT: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export class Faults {
  private rules: { rule: FaultRule; remaining: number }[] = [];
  /** added to every answer; for the benchmark's "slow network" runs */
  globalLatencyMs = 0;
  private readonly hanging = new Set<() => void>();

  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.times ?? Infinity });
  }

  addJson(json: FaultRuleJson): void {
    const path = json.pathPattern !== undefined ? new RegExp(json.pathPattern) : json.path;
    if (path === undefined || !json.fault || typeof json.fault.kind !== 'string')
      throw new Error('a fault needs path or pathPattern, and fault.kind');
    this.add({ method: json.method, path, times: json.times, fault: json.fault });
  }

  /** Remove every rule and let hanging requests go (they answer 503). */
  clear(): void {
    this.rules = [];
    for (const release of this.hanging) release();
    this.hanging.clear();
  }

  get size(): number {
    return this.rules.length;
  }

  /** The faults that apply to this request, consuming one use of each. */
  take(method: string, pathAndQuery: string): Fault[] {
    const hits: Fault[] = [];
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      const matches = typeof rule.path === 'string' ? pathAndQuery.startsWith(rule.path) : rule.path.test(pathAndQuery);
      if (!matches || entry.remaining <= 0) continue;
      entry.remaining -= 1;
      hits.push(rule.fault);
    }
    this.rules = this.rules.filter((e) => e.remaining > 0);
    return hits;
  }

  /**
   * Apply the faults of a request around `answer` (the real server). Latency first, then the
   * first answering fault wins; `truncated-json` post-processes the real answer.
   */
  async apply(request: Request, faults: Fault[], answer: () => Promise<Response>): Promise<Response> {
    const latency = this.globalLatencyMs + faults.reduce((sum, f) => sum + (f.kind === 'latency' ? f.ms : 0), 0);
    if (latency > 0) await this.sleep(latency, request.signal);
    for (const fault of faults) {
      const response = await this.answer(fault, request);
      if (response) return response;
    }
    const response = await answer();
    return faults.some((f) => f.kind === 'truncated-json') ? truncate(response) : response;
  }

  private async answer(fault: Fault, request: Request): Promise<Response | undefined> {
    switch (fault.kind) {
      case 'latency':
      case 'truncated-json':
        return undefined;
      case 'expired-token':
        return fhirJson(operationOutcome([{ code: 'login', diagnostics: 'The access token expired' }]), 401, {
          'WWW-Authenticate':
            'Bearer realm="fhir", error="invalid_token", error_description="The access token expired"',
        });
      case 'status': {
        const headers: Record<string, string> =
          fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
        return outcome(fault.status, ISSUE_FOR_STATUS[fault.status], fault.diagnostics, headers);
      }
      case 'rate-limit':
        return outcome(429, 'throttled', 'Too many requests: slow down', {
          'Retry-After': String(fault.retryAfterSeconds),
        });
      case 'html-error': {
        const status = fault.status ?? 502;
        const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
        return html(
          page(title, `<p>${title}</p><p class="muted">The upstream server did not answer. (demo gateway)</p>`),
          status,
        );
      }
      case 'hang':
        await new Promise<void>((resolve) => {
          const release = (): void => {
            this.hanging.delete(release);
            resolve();
          };
          this.hanging.add(release);
          request.signal.addEventListener('abort', release, { once: true });
        });
        return outcome(503, 'timeout', 'The request was released after hanging');
    }
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}

/** The same answer with the body cut in the middle, as a dropped connection leaves it. */
async function truncate(response: Response): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: response.status, headers });
}
