import { quoted } from '../clinical/bundle';
import { parseDate } from '../clinical/dates';

/** Command-line arguments of the assessor (README, "The command-line assessor"). */
export interface CliArgs {
  /** one patient's Bundle, or a folder of them (one JSON line per patient) */
  bundle?: string;
  /** a Bulk Data export folder: ndjson files, one resource type each, many patients */
  ndjson?: string;
  server?: string;
  patient?: string;
  /** the visit: its class tells whether the patient is hospitalised (lcd-pva) */
  encounter?: string;
  /** a file holding the access token for --server */
  bearerFile?: string;
  now?: string;
  ruleset?: string;
  answers?: string;
  format: 'json' | 'text';
}

export class UsageError extends Error {}

/** the environment variable that holds the access token for --server, when --bearer-file is not given */
export const TOKEN_VARIABLE = 'PVP_BEARER_TOKEN';

const VALUE_FLAGS: Record<string, Exclude<keyof CliArgs, 'format'>> = {
  '--bundle': 'bundle',
  '--ndjson': 'ndjson',
  '--server': 'server',
  '--patient': 'patient',
  '--encounter': 'encounter',
  '--bearer-file': 'bearerFile',
  '--now': 'now',
  '--ruleset': 'ruleset',
  '--answers': 'answers',
};

export const USAGE =
  'usage: assess --bundle FILE|DIR | --ndjson DIR | --server BASE_URL --patient ID [--bearer-file FILE] [--encounter ID] [--now YYYY-MM-DD] [--ruleset ID] [--answers FILE] [--format json|text]';

/** what a batch (a folder of Bundles, an ndjson export) cannot take: they are about one patient */
export function refuseInBatch(args: CliArgs, input: string): void {
  const single = [
    args.encounter !== undefined && '--encounter',
    args.answers !== undefined && '--answers',
    args.format === 'text' && '--format text',
  ].filter(Boolean);
  if (single.length)
    throw new UsageError(`${single.join(', ')}: one patient's; ${input} writes one JSON line per patient`);
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    // the value is not echoed: it is the token
    if (flag === '--bearer')
      throw new UsageError(
        `--bearer TOKEN would show the token to every user of this machine (ps); put it in a file for --bearer-file FILE, or in the environment variable ${TOKEN_VARIABLE}`,
      );
    if (flag !== '--format' && !(flag in VALUE_FLAGS))
      throw new UsageError(`unknown argument ${quoted(arg)}; ${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    if (values.has(flag)) throw new UsageError(`${flag} given twice`);
    values.set(flag, value);
  }
  const format = values.get('--format') ?? 'json';
  if (format !== 'json' && format !== 'text')
    throw new UsageError(`--format must be json or text, not ${quoted(format)}`);
  const args: CliArgs = { format };
  for (const [flag, value] of values) if (flag !== '--format') args[VALUE_FLAGS[flag]!] = value;
  const inputs = [args.bundle, args.ndjson, args.server].filter((i) => i !== undefined).length;
  if (inputs === 0) throw new UsageError(`give --bundle FILE|DIR, --ndjson DIR or --server BASE_URL; ${USAGE}`);
  if (inputs > 1) throw new UsageError('give one of --bundle, --ndjson and --server');
  if (args.server && !args.patient) throw new UsageError('--server needs --patient ID');
  if (!args.server && (args.patient || args.bearerFile))
    throw new UsageError('--patient and --bearer-file belong to --server mode');
  if (args.ndjson) refuseInBatch(args, '--ndjson');
  return args;
}

/**
 * --now YYYY-MM-DD → 00:00 of that day in the machine's time zone (TZ), the zone every window is
 * counted in (run.ts), so that the day assessed is the day written; without --now, `today`.
 */
export function parseNow(value: string | undefined, today: Date): Date {
  if (value === undefined) return today;
  // a whole day, and one that exists (parseDate refuses 2026-02-30)
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : undefined;
  if (!d) throw new UsageError(`--now must be a date YYYY-MM-DD, not ${quoted(value)}`);
  const local = new Date(0);
  // setFullYear, not new Date(y, m, d), which reads years 0-99 as 1900-1999
  local.setFullYear(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  local.setHours(0, 0, 0, 0);
  return local;
}
