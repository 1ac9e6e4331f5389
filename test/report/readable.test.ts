import { describe, expect, it } from 'vitest';
import { formatDate, localizeDates } from '../../src/report/dates';
import { readableText } from '../../src/report/readable';

describe('the text a surgeon reads', () => {
  it('leaves the codes to the evidence detail and writes dates in the reader’s format', () => {
    expect(
      readableText('Active infection: Spondylodiscitis L2-L3 Discitis, lumbar region [M46.46] (2026-11-28).', 'en-GB'),
    ).toBe('Active infection: Spondylodiscitis L2-L3 Discitis, lumbar region (28 Nov 2026).');
    expect(readableText('Kodierte Fraktur [S22.080A] am 2026-11-28', 'de-DE')).toBe('Kodierte Fraktur am 28.11.2026');
    // words in brackets are words, not codes
    expect(readableText('Pain severity - 0-10 verbal numeric rating [Score] - Reported', 'en-GB')).toBe(
      'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
    );
    expect(readableText('Levels T12, L1 (2 levels)', 'en-GB')).toBe('Levels T12, L1 (2 levels)');
  });

  it('writes an instant in the surgeon’s time zone, a day as that calendar day', () => {
    expect(localizeDates('signed 2026-12-05T23:30:00Z', 'en-GB', 'Europe/Berlin')).toBe('signed 6 Dec 2026, 00:30');
    expect(localizeDates('onset 2026-12-05', 'en-GB', 'America/New_York')).toBe('onset 5 Dec 2026');
    expect(localizeDates('not a date 2026-13-40 or 12026-01-01x', 'en-GB')).toBe(
      'not a date 2026-13-40 or 12026-01-01x',
    );
    expect(formatDate('2026-12-05T23:30:00Z', 'de-DE', 'Not/AZone')).toMatch(/^0[56]\.12\.2026, \d\d:30$/);
  });
});
