import { describe, expect, it } from 'vitest';
import {
  isoDay,
  latestPossible,
  parseDate,
  precisionOf,
  timeZone,
  WrittenDate,
  zonedNow,
} from '../../src/clinical/dates';

describe('a date written without a time carries its precision in the value', () => {
  it('knows how it was written, its earliest and its latest day', () => {
    const month = parseDate('2026-02');
    expect(month).toBeInstanceOf(WrittenDate);
    expect(precisionOf(month!)).toBe('month');
    expect(isoDay(month)).toBe('2026-02-01');
    expect(isoDay((month as WrittenDate).latest)).toBe('2026-02-28');
    expect(isoDay((parseDate('2024') as WrittenDate).latest)).toBe('2024-12-31');
    expect(precisionOf(parseDate('2026-11-20T10:00:00Z')!)).toBeUndefined();
  });

  it('is read from the value alone: a day built anywhere stays its day, the same instant untold is an instant', () => {
    const now = zonedNow(new Date('2026-11-26T12:00:00Z'), timeZone('-05:00')!);
    expect(isoDay(new WrittenDate('day', 2026, 11, 25), now)).toBe('2026-11-25');
    expect(isoDay(new Date('2026-11-25T00:00:00Z'), now)).toBe('2026-11-24');
  });

  it('the latest possible day of a month read this month is today, written as a day', () => {
    const now = zonedNow(new Date('2026-11-25T12:00:00Z'), timeZone('Europe/Berlin')!);
    const latest = latestPossible(parseDate('2026-11')!, now);
    expect(isoDay(latest, now)).toBe('2026-11-25');
    expect(precisionOf(latest)).toBe('day');
  });

  it('a day given as now (the CLI --now) stays that day in any time zone', () => {
    const now = zonedNow(parseDate('2026-11-25')!, timeZone('-05:00')!);
    expect(precisionOf(now)).toBe('day');
    expect(isoDay(now, now)).toBe('2026-11-25');
  });
});
