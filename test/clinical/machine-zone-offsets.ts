/**
 * Run by machine-zone.test.ts as a process of its own (the zone of a test thread cannot be changed):
 * for each zone given, made the machine's through TZ, the zone Intl names and the instants where
 * machineTimeZone() and timeZone(localTimeZone()) give different offsets, as JSON on stdout.
 */
import { localTimeZone, machineTimeZone, timeZone } from '../../src/clinical/dates';

const DAY = 86_400_000;
/** every 11 days and 7 hours from 1850 to 2100, and every quarter hour of ten days around 2026's changes of time */
const instants = [
  ...Array.from({ length: (250 * 365) / 11 }, (_, i) => Date.UTC(1850, 0, 1) + i * (11 * DAY + 7 * 3_600_000)),
  ...[Date.UTC(2026, 2, 25), Date.UTC(2026, 9, 21), Date.UTC(2026, 2, 5), Date.UTC(2026, 3, 1)].flatMap((start) =>
    Array.from({ length: 10 * 96 }, (_, i) => start + i * 900_000),
  ),
];

const results = process.argv.slice(2).map((zone) => {
  process.env.TZ = zone;
  const named = timeZone(localTimeZone());
  const machine = machineTimeZone();
  return {
    zone,
    named: localTimeZone(),
    instants: instants.length,
    july2026: machine.offsetMinutes(Date.UTC(2026, 6, 1)),
    differing: instants
      .filter((t) => machine.offsetMinutes(t) !== named?.offsetMinutes(t))
      .map((t) => new Date(t).toISOString()),
  };
});
process.stdout.write(JSON.stringify(results));
