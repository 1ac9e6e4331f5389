import { describe, expect, it } from 'vitest';
import { chainDepth, compareTimings, depths, median } from '../../bench/measure';

// The benchmark's "sequential round trips" (bench/measure.ts): the longest chain of requests
// where each one starts only after another has ended.
describe('chainDepth', () => {
  it('counts one wave of overlapping requests as one round trip', () => {
    expect(
      chainDepth([
        { start: 0, end: 100 },
        { start: 1, end: 120 },
        { start: 2, end: 90 },
      ]),
    ).toBe(1);
  });

  it('adds one for every request that started after another had ended', () => {
    // a wave of two reads, a next page after the first, a last page after that
    const calls = [
      { start: 0, end: 100 },
      { start: 1, end: 120 },
      { start: 100, end: 200 },
      { start: 200, end: 210 },
    ];
    expect(chainDepth(calls)).toBe(3);
    expect(depths(calls).map((call) => call.depth)).toEqual([1, 1, 2, 3]);
  });

  it('is 0 without requests', () => {
    expect(chainDepth([])).toBe(0);
  });

  it('counts a request that took several round trips (a CORS preflight first) as that many', () => {
    const calls = [
      { start: 0, end: 100 },
      { start: 100, end: 300, roundTrips: 2 },
      { start: 101, end: 200 },
    ];
    expect(depths(calls).map((call) => call.depth)).toEqual([1, 3, 2]);
    expect(chainDepth(calls)).toBe(3);
  });
});

describe('compareTimings', () => {
  it('runs every work in each round and gives a time per call for each', () => {
    const calls = { a: 0, b: 0 };
    const timings = compareTimings({ a: () => calls.a++, b: () => calls.b++ }, { blocks: 3, blockMs: 1, warmUpMs: 2 });
    expect(Object.keys(timings)).toEqual(['a', 'b']);
    expect(calls.a).toBeGreaterThan(3);
    expect(calls.b).toBeGreaterThan(3);
    for (const ms of Object.values(timings)) expect(ms).toBeGreaterThan(0);
  });

  it('takes the median round', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });
});
