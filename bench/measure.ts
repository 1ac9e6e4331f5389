/** A fetch that counts what crosses the wire: requests, body bytes, and their order in time. */
export interface Call {
  start: number;
  end: number;
  bytes: number;
}

export interface WireStats {
  requests: number;
  /** response body bytes (uncompressed) */
  bytes: number;
  /**
   * The longest chain of requests where each one started only after the previous one had ended:
   * 1 for a single wave of parallel reads, + 1 for every page or answer that had to wait.
   */
  roundTrips: number;
}

export function meteredFetch(inner: typeof fetch = globalThis.fetch) {
  const calls: Call[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const start = performance.now();
    const response = await inner(input, init);
    const body = await response.arrayBuffer();
    calls.push({ start, end: performance.now(), bytes: body.byteLength });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return {
    fetchImpl,
    reset: () => void (calls.length = 0),
    stats: (): WireStats => ({ requests: calls.length, bytes: calls.reduce((sum, call) => sum + call.bytes, 0), roundTrips: chainDepth(calls) }),
  };
}

/** the longest chain of calls where each started after the previous one ended */
export function chainDepth(calls: Pick<Call, 'start' | 'end'>[]): number {
  return Math.max(0, ...depths(calls).map(({ depth }) => depth));
}

/** each call with its place in the chain: 1 + the deepest call that had ended before it started */
export function depths<T extends Pick<Call, 'start' | 'end'>>(calls: T[]): Array<T & { depth: number }> {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const placed: Array<T & { depth: number }> = [];
  for (const call of sorted) {
    const before = placed.filter((other) => other.end <= call.start).reduce((deepest, other) => Math.max(deepest, other.depth), 0);
    placed.push({ ...call, depth: before + 1 });
  }
  return placed;
}

/** the median of `runs` timings of `work`, in milliseconds, after two untimed warm-up runs */
export function medianMs(work: () => unknown, runs = 7): number {
  work();
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
