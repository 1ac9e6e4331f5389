/**
 * Run by time-zones.test.ts in a process of its own, whose TZ it sets: the assessor in-process on
 * one chart, as one patient (`--bundle FILE`) and as a batch (`--bundle DIR`), both rule sets.
 * Prints what each wrote, as JSON.
 */
import { dirname } from 'node:path';
import { runCli } from './harness';

const [file, now] = process.argv.slice(2);
const today = new Date('2026-11-25T12:00:00Z');
const out: Record<string, { single: string; batch: string }> = {};
for (const ruleSet of ['pvp-guideline', 'lcd-pva']) {
  const args = ['--now', now!, '--ruleset', ruleSet];
  const single = await runCli(today, '--bundle', file!, ...args);
  const batch = await runCli(today, '--bundle', dirname(file!), ...args);
  if (single.code !== 0 || batch.code !== 0) throw new Error(`${single.stderr}${batch.stderr}`);
  out[ruleSet] = { single: single.stdout, batch: batch.stdout };
}
process.stdout.write(JSON.stringify({ zoneOffsetMinutes: -new Date(today).getTimezoneOffset(), out }));
