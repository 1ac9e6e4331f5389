import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** zones of every kind, with their offset on 1 July 2026 in minutes */
const ZONES: Record<string, number> = {
  UTC: 0,
  'Europe/Berlin': 120,
  'America/New_York': -240,
  'Asia/Kolkata': 330,
  'Australia/Lord_Howe': 630, // its summer time is half an hour
  'Pacific/Chatham': 765,
  'America/St_Johns': -150,
  'Africa/Abidjan': 0, // local mean time, -00:16:08, until 1912
  'Europe/Amsterdam': 120, // +00:19:32 until 1937
};

describe('the machine’s time zone read through Date (the command-line assessor’s)', () => {
  it('gives the offsets of the zone Intl names, at every instant from 1850 to 2100, in zones of every kind', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, 'machine-zone-offsets.ts'), ...Object.keys(ZONES)],
      { encoding: 'utf8' },
    );
    const results = JSON.parse(out) as {
      zone: string;
      named: string;
      instants: number;
      july2026: number;
      differing: string[];
    }[];
    expect(results.map((r) => r.zone)).toEqual(Object.keys(ZONES));
    for (const r of results) {
      // the zone is the machine's: Intl names it (Asia/Kolkata as Asia/Calcutta), Date reads its offsets
      expect(r.named === 'UTC', r.zone).toBe(r.zone === 'UTC');
      expect(r.july2026, r.zone).toBe(ZONES[r.zone]);
      expect(r.instants).toBeGreaterThan(10_000);
      expect(r.differing, r.zone).toEqual([]);
    }
  });
});
