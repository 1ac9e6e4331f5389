import { quoted } from '../clinical/bundle';
import { parseDate } from '../clinical/dates';

/** Command-line arguments of the assessor (README, "The command-line assessor"). */
export interface CliArgs {
  bundle?: string;
  server?: string;
  patient?: string;
  /** the visit: its class tells whether the patient is hospitalised (lcd-pva) */
  encounter?: string;
  bearer?: string;
  now?: string;
  ruleset?: string;
  answers?: string;
  format: 'json' | 'text';
}

export class UsageError extends Error {}

const VALUE_FLAGS = new Set([
  '--bundle',
  '--server',
  '--patient',
  '--encounter',
  '--bearer',
  '--now',
  '--ruleset',
  '--answers',
  '--format',
]);

export const USAGE =
  'usage: assess --bundle FILE | --server BASE_URL --patient ID [--bearer TOKEN]  [--encounter ID] [--now YYYY-MM-DD] [--ruleset ID] [--answers FILE] [--format json|text]';

export function parseArgs(argv: readonly string[]): CliArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (!VALUE_FLAGS.has(flag)) throw new UsageError(`unknown argument ${quoted(arg)}; ${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    if (values.has(flag)) throw new UsageError(`${flag} given twice`);
    values.set(flag, value);
  }
  const format = values.get('--format') ?? 'json';
  if (format !== 'json' && format !== 'text')
    throw new UsageError(`--format must be json or text, not ${quoted(format)}`);
  const args: CliArgs = { format };
  for (const [flag, value] of values)
    if (flag !== '--format') (args as unknown as Record<string, string>)[flag.slice(2)] = value;
  if (!args.bundle && !args.server) throw new UsageError(`give --bundle FILE or --server BASE_URL; ${USAGE}`);
  if (args.bundle && args.server) throw new UsageError('give either --bundle or --server, not both');
  if (args.server && !args.patient) throw new UsageError('--server needs --patient ID');
  if (!args.server && (args.patient || args.bearer))
    throw new UsageError('--patient and --bearer belong to --server mode');
  return args;
}

/** --now YYYY-MM-DD → that day, 00:00 UTC */
export function parseNow(value: string | undefined, today: Date): Date {
  if (value === undefined) return today;
  // a whole day, and one that exists (parseDate refuses 2026-02-30)
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : undefined;
  if (!d) throw new UsageError(`--now must be a date YYYY-MM-DD, not ${quoted(value)}`);
  return d;
}
