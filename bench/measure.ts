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
    stats: (): WireStats => ({
      requests: calls.length,
      bytes: calls.reduce((sum, call) => sum + call.bytes, 0),
      roundTrips: chainDepth(calls),
    }),
  };
}

/** the longest chain of calls where each started after the previous one ended */
export function chainDepth(calls: Pick<Call, 'start' | 'end'>[]): number {
  return Math.max(0, ...depths(calls).map(({ depth }) => depth));
}

/**
 * each call with its place in the chain: the deepest call that had ended before it started, + the
 * round trips the call itself took (1 unless it says more: a CORS preflight, a queue for a connection)
 */
export function depths<T extends Pick<Call, 'start' | 'end'> & { roundTrips?: number }>(
  calls: T[],
): Array<T & { depth: number }> {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const placed: Array<T & { depth: number }> = [];
  for (const call of sorted) {
    const before = placed
      .filter((other) => other.end <= call.start)
      .reduce((deepest, other) => Math.max(deepest, other.depth), 0);
    placed.push({ ...call, depth: before + (call.roundTrips ?? 1) });
  }
  return placed;
}

/**
 * The median time per call of several pieces of work, measured under the same conditions: warm-up,
 * then `blocks` rounds in which each work runs for `blockMs` in turn, so machine noise and garbage
 * collection fall on all of them alike. Per round, the mean per call; the result, the median round.
 */
export function compareTimings<K extends string>(
  works: Record<K, () => unknown>,
  { blocks = 15, blockMs = 40, warmUpMs = 300 } = {},
): Record<K, number> {
  const names = Object.keys(works) as K[];
  for (const name of names) runFor(works[name], warmUpMs / names.length);
  const rounds = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < blocks; round++) {
    for (const name of names) rounds.get(name)!.push(runFor(works[name], blockMs));
  }
  return Object.fromEntries(names.map((name) => [name, median(rounds.get(name)!)])) as Record<K, number>;
}

/** runs `work` for about `ms` milliseconds; the mean time per call */
function runFor(work: () => unknown, ms: number): number {
  const start = performance.now();
  let calls = 0;
  let elapsed = 0;
  do {
    work();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return elapsed / calls;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
