import { assess, listRuleSets, RecordError, toInterfaceJson, type Assessment, type PatientRecord } from '../clinical';
import { quoted, type SetAside } from '../clinical/bundle';
import { cleanAnswers } from '../clinical/overlay';
import { parseArgs, parseNow, UsageError, type CliArgs } from './args';
import { chooseEncounter, type CareSetting } from './encounter';
import { readAnswers, readRecord } from './input';
import { fetchFromServer } from './server';
import { formatText } from './text-format';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  today: Date;
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
  const what =
    setAside.length === 1 ? 'resource that names another patient is' : 'resources that name another patient are';
  return `assess: warning: ${setAside.length} ${what} set aside, not used: ${listed}${more}\n`;
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
 * The command-line assessor (README, "The command-line assessor"). Returns the exit status: 0 with the assessment
 * for every recommendation; 2 with one line on stderr for unreadable input.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  let input: Input;
  let now: Date;
  let answers: unknown;
  try {
    args = parseArgs(argv);
    now = parseNow(args.now, io.today);
    const ruleSetId = args.ruleset ?? 'pvp-guideline';
    const known = listRuleSets().map((r) => r.id);
    if (!known.includes(ruleSetId))
      throw new UsageError(`unknown rule set ${quoted(ruleSetId)} (known: ${known.join(', ')})`);
    answers = readAnswers(args.answers);
    input = args.bundle
      ? fromFile(args.bundle, args.encounter)
      : {
          ...(await fetchFromServer(args.server ?? '', args.patient ?? '', args.bearer, [ruleSetId], args.encounter)),
          otherPatients: [],
        };
  } catch (e) {
    if (e instanceof UsageError || e instanceof RecordError) {
      io.stderr(`assess: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (input.otherPatients.length > 0) io.stderr(otherPatientsWarning(input.otherPatients));
  const assessment = assess(input.record, { now, ruleSetId: args.ruleset, answers: cleanAnswers(answers) });
  for (const c of assessment.criteria) if (c.unappliedAnswer) io.stderr(unappliedWarning(c));
  io.stdout(
    args.format === 'text'
      ? `${formatText(assessment, input.setting)}\n`
      : `${JSON.stringify(toInterfaceJson(assessment), null, 2)}\n`,
  );
  return 0;
}
