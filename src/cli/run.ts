import { statSync } from 'node:fs';
import { assess, listRuleSets, RecordError, toInterfaceJson, type Assessment, type PatientRecord } from '../clinical';
import { quoted, terminalSafe, type SetAside } from '../clinical/bundle';
import { machineTimeZone } from '../clinical/dates';
import { cleanAnswers } from '../clinical/overlay';
import { plural } from '../lang';
import { parseArgs, parseNow, refuseInBatch, UsageError, type CliArgs } from './args';
import { screenBundleFolder, screenExport } from './batch';
import { chooseEncounter, type CareSetting } from './encounter';
import { readAnswers, readRecord } from './input';
import { checkServerUrl, readToken, redactCredentials } from './secrets';
import { fetchFromServer } from './server';
import { formatText } from './text-format';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  today: Date;
  /** batch mode shows its progress on stderr only when stdout is not a terminal */
  stdoutIsTerminal?: boolean;
  /** a terminal gets the progress line rewritten in place */
  stderrIsTerminal?: boolean;
  /** the environment, for the access token (secrets.ts) */
  env?: Readonly<Record<string, string | undefined>>;
}

interface Input {
  record: PatientRecord;
  setting: CareSetting;
  /** resources of a file that name another patient: left out of the record */
  otherPatients: SetAside[];
}

/** --bundle FILE: the record, with the Encounter named by --encounter (never one guessed) */
function fromFile(file: string, encounterId: string | undefined): Input {
  const { record, encounters, otherPatients } = readRecord(file);
  const setting = chooseEncounter(encounters, encounterId, record.patient?.id);
  return { record: setting.encounter ? { ...record, encounter: setting.encounter } : record, setting, otherPatients };
}

/**
 * One line on stderr: the assessment goes on without them (exit status as for any recommendation),
 * but whoever exported the file should know it mixed patients.
 */
function otherPatientsWarning(setAside: SetAside[]): string {
  const listed = setAside
    .slice(0, 3)
    .map((s) => `${quoted(s.reference)} (names ${quoted(s.names)})`)
    .join(', ');
  const more = setAside.length > 3 ? ` and ${setAside.length - 3} more` : '';
  const what = plural('en', setAside.length, {
    one: 'resource that names another patient is',
    other: 'resources that name another patient are',
  });
  return `assess: warning: ${setAside.length} ${what} set aside, not used: ${listed}${more}\n`;
}

const isFolder = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // readRecord says why it cannot be read
  }
};

/**
 * What the CLI prints, made safe on the way out: no control or bidi character from a record acts
 * on the terminal (stdout and stderr), and no credential reaches stderr. A leading carriage return
 * is the progress line's own.
 */
function safeIo(io: CliIo, token: () => string | undefined): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(terminalSafe(text)),
    stderr: (text) => {
      const rewrite = text.startsWith('\r') ? '\r' : '';
      io.stderr(rewrite + redactCredentials(terminalSafe(text.slice(rewrite.length)), token()));
    },
  };
}

/**
 * An answer that overturns what the record proves is applied only with the surgeon's reason (README,
 * "How the record is weighed"); without one the assessment goes on from the record, and stderr says why.
 */
function unappliedWarning(c: Assessment['criteria'][number]): string {
  const status = c.unappliedAnswer?.status ?? '';
  return (
    `assess: warning: the answer "${status}" to ${c.id} is not applied: it overturns what the record proves ` +
    `(${quoted(c.chartFinding?.rationale.en ?? '')}); to overrule it, give the reason: ` +
    `{"${c.id}": {"status": "${status}", "reason": "..."}}\n`
  );
}

/**
 * The command-line assessor (README, "The command-line assessor"). Returns the exit status: 0 with the
 * assessment for every recommendation; 2 with one line on stderr for unreadable input; 1 for an internal error.
 */
export async function run(argv: readonly string[], rawIo: CliIo): Promise<number> {
  let token: string | undefined;
  const io = safeIo(rawIo, () => token);
  try {
    return await assessInput(argv, io, (t) => (token = t));
  } catch (e) {
    if (e instanceof UsageError || e instanceof RecordError) {
      io.stderr(`assess: ${e.message}\n`);
      return 2;
    }
    // one line, whatever the error carries
    io.stderr(`assess: internal error: ${quoted(e instanceof Error ? e.message : String(e), 200)}\n`);
    return 1;
  }
}

async function assessInput(argv: readonly string[], io: CliIo, keepToken: (token: string) => void): Promise<number> {
  const args: CliArgs = parseArgs(argv);
  const now = parseNow(args.now, io.today);
  // windows count the calendar days of this machine's time zone, the care setting's, in every mode
  const timeZone = machineTimeZone();
  const ruleSetId = args.ruleset ?? 'pvp-guideline';
  const known = listRuleSets().map((r) => r.id);
  if (!known.includes(ruleSetId))
    throw new UsageError(`unknown rule set ${quoted(ruleSetId)} (known: ${known.join(', ')})`);
  if (args.ndjson !== undefined) return screenExport(args.ndjson, { now, ruleSetId, timeZone }, io);
  if (args.bundle !== undefined && isFolder(args.bundle)) {
    refuseInBatch(args, '--bundle DIR');
    return screenBundleFolder(args.bundle, { now, ruleSetId, timeZone }, io);
  }
  const answers = readAnswers(args.answers);
  let input: Input;
  if (args.server !== undefined) {
    const base = checkServerUrl(args.server);
    const token = readToken(args.bearerFile, io.env ?? {});
    if (token !== undefined) keepToken(token);
    const read = await fetchFromServer(base, args.patient ?? '', token, [ruleSetId], args.encounter);
    input = { ...read, otherPatients: [] };
  } else {
    input = fromFile(args.bundle ?? '', args.encounter);
  }
  if (input.otherPatients.length > 0) io.stderr(otherPatientsWarning(input.otherPatients));
  const assessment = assess(input.record, { now, ruleSetId, answers: cleanAnswers(answers), timeZone });
  for (const c of assessment.criteria) if (c.unappliedAnswer) io.stderr(unappliedWarning(c));
  io.stdout(
    args.format === 'text'
      ? `${formatText(assessment, input.setting)}\n`
      : `${JSON.stringify(toInterfaceJson(assessment), null, 2)}\n`,
  );
  return 0;
}
