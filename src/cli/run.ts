import { assess, listRuleSets, RecordError, toInterfaceJson, type PatientRecord } from '../clinical';
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

/** --bundle FILE: the record, with the Encounter named by --encounter (never one guessed) */
function fromFile(file: string, encounterId: string | undefined): { record: PatientRecord; setting: CareSetting } {
  const { record, encounters } = readRecord(file);
  const setting = chooseEncounter(encounters, encounterId, record.patient?.id);
  return { record: setting.encounter ? { ...record, encounter: setting.encounter } : record, setting };
}

/**
 * The command-line assessor (design.md interface 2). Returns the exit status: 0 with the assessment
 * for every recommendation; 2 with one line on stderr for unreadable input.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  let input: { record: PatientRecord; setting: CareSetting };
  let now: Date;
  let answers: unknown;
  try {
    args = parseArgs(argv);
    now = parseNow(args.now, io.today);
    const ruleSetId = args.ruleset ?? 'pvp-guideline';
    const known = listRuleSets().map((r) => r.id);
    if (!known.includes(ruleSetId)) throw new UsageError(`unknown rule set "${ruleSetId}" (known: ${known.join(', ')})`);
    answers = readAnswers(args.answers);
    input = args.bundle
      ? fromFile(args.bundle, args.encounter)
      : await fetchFromServer(args.server ?? '', args.patient ?? '', args.bearer, [ruleSetId], args.encounter);
  } catch (e) {
    if (e instanceof UsageError || e instanceof RecordError) {
      io.stderr(`assess: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const assessment = assess(input.record, { now, ruleSetId: args.ruleset, answers: cleanAnswers(answers) });
  io.stdout(args.format === 'text' ? `${formatText(assessment, input.setting)}\n` : `${JSON.stringify(toInterfaceJson(assessment), null, 2)}\n`);
  return 0;
}
