import { describe, expect, it } from 'vitest';
import { assess } from '../../src/clinical';
import { ageInDays, isoDay, parseDate, timeZone, zonedNow } from '../../src/clinical/dates';
import { baseResources, observation, record, WALL_ASSESSED } from './fixtures';

/**
 * README, "Dates and windows": inclusive, in local calendar days of the time zone of `now` (the care
 * setting), not UTC; dates are printed on their local day. A date written without a time is a
 * calendar day and no time zone moves it.
 */

type R = Record<string, unknown>;
const codeOf = (r: R) => (r.code as { coding?: { code: string }[] } | undefined)?.coding?.[0]?.code;
const painAt = (effectiveDateTime: string, value = 8) =>
  observation('72514-3', value, '{score}', 0, { effectiveDateTime });
const painSevere = (score: R, now: string, zone?: string) =>
  assess(record([...baseResources().filter((r) => codeOf(r) !== '72514-3'), score]), {
    now: new Date(now),
    ...(zone ? { timeZone: zone } : {}),
    answers: WALL_ASSESSED,
  }).criteria.find((c) => c.id === 'ind.pain-severe');

describe('windows count the local days of the care setting', () => {
  it('New York: a score from the evening 15 local days ago is out of the 14-day window (UTC counted 14 and kept it)', () => {
    const score = painAt('2026-11-10T20:00:00-05:00');
    const now = '2026-11-25T10:00:00-05:00';
    expect(painSevere(score, now)?.status).toBe('met'); // UTC: 2026-11-11 to 2026-11-25
    expect(painSevere(score, now, 'America/New_York')?.status).toBe('unknown');
  });

  it('Berlin: a score just after local midnight 14 days ago is in the window (UTC counted 15 and dropped it)', () => {
    const score = painAt('2026-11-11T00:30:00+01:00');
    const now = '2026-11-25T23:30:00+01:00';
    expect(painSevere(score, now)?.status).toBe('unknown');
    expect(painSevere(score, now, 'Europe/Berlin')?.status).toBe('met');
    expect(painSevere(score, now, '+01:00')?.status).toBe('met');
  });

  it('a date written without a time is its calendar day in any zone', () => {
    const score = painAt('2026-11-11');
    for (const zone of ['America/Los_Angeles', 'America/New_York', 'Europe/Berlin', 'UTC'])
      expect(painSevere(score, '2026-11-25T10:00:00-05:00', zone)?.status, zone).toBe('met');
  });

  it('prints the local day of an instant in the evidence', () => {
    const score = painAt('2026-11-12T20:00:00-05:00');
    const c = painSevere(score, '2026-11-25T10:00:00-05:00', 'America/New_York');
    expect(c?.evidence[0]?.summary).toContain('(2026-11-12)');
    expect(c?.rationale).toContain('NRS 8 on 2026-11-12');
    // in UTC the same instant is on the 13th
    expect(painSevere(score, '2026-11-25T10:00:00-05:00')?.rationale).toContain('NRS 8 on 2026-11-13');
  });

  it('follows daylight saving time: the offset of each instant, not of now', () => {
    const berlin = timeZone('Europe/Berlin');
    expect(berlin?.offsetMinutes(Date.parse('2026-07-01T12:00:00Z'))).toBe(120);
    expect(berlin?.offsetMinutes(Date.parse('2026-12-01T12:00:00Z'))).toBe(60);
    const now = zonedNow(new Date('2026-11-25T12:00:00Z'), berlin!);
    // 23:30 UTC on 31 March is already 1 April in Berlin (summer time, +02:00)
    expect(isoDay(parseDate('2026-03-31T23:30:00Z'), now)).toBe('2026-04-01');
    expect(ageInDays(parseDate('2026-03-31T23:30:00Z')!, now)).toBe(ageInDays(parseDate('2026-04-01')!, now));
  });

  it('refuses a time zone it does not know rather than guess', () => {
    expect(timeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(() => assess(record(baseResources()), { now: new Date(), timeZone: 'Mars/Olympus_Mons' })).toThrow(
      'unknown time zone',
    );
  });
});
