import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { inputFiles, runCli } from './harness';

const TODAY = new Date('2026-11-25T00:00:00Z');
const { write } = inputFiles('assess-encounter-');
const cli = (...argv: string[]) => runCli(TODAY, ...argv);

// scenario 7: latest pain NRS 7, no launch encounter: enough as an outpatient, not in hospital
const scenario7 = demoPatients(TODAY).find((p) => p.scenario === 7);
if (!scenario7) throw new Error('no scenario 7 patient');

function encounter(id: string, fields: Partial<fhir4.Encounter> = {}): fhir4.Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
    subject: { reference: `Patient/${scenario7?.id}` },
    ...fields,
  };
}

/** scenario 7's bundle with these Encounters added */
function bundleWith(name: string, ...encounters: fhir4.Encounter[]): string {
  const bundle = {
    ...scenario7?.bundle,
    entry: [...(scenario7?.bundle.entry ?? []), ...encounters.map((resource) => ({ resource }))],
  };
  return write(name, bundle);
}

const statusOf = (stdout: string, id: string) =>
  (JSON.parse(stdout) as { criteria: { id: string; status: string }[] }).criteria.find((c) => c.id === id)?.status;

const inpatient = bundleWith(
  'inpatient.json',
  encounter('stay'),
  encounter('clinic', { class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' } }),
);

describe('assess --encounter ID (the care setting of lcd-pva)', () => {
  it('never assumes an in-progress Encounter of the bundle is the visit, and says so in the text output', async () => {
    const json = await cli('--bundle', inpatient, '--now', '2026-11-25', '--ruleset', 'lcd-pva');
    expect(json.code).toBe(0);
    expect(statusOf(json.stdout, 'ind.pain-setting')).toBe('unknown');
    const text = await cli('--bundle', inpatient, '--now', '2026-11-25', '--ruleset', 'lcd-pva', '--format', 'text');
    expect(text.stdout).toContain(
      "Encounter: none given. The input's in-progress Encounter/stay, Encounter/clinic is not assumed to be this visit",
    );
    expect(text.stdout).toContain('give --encounter stay to use it');
  });

  it('takes the named Encounter from the bundle: hospitalised with NRS 7 is below the LCD’s ≥ 8', async () => {
    const r = await cli('--bundle', inpatient, '--now', '2026-11-25', '--ruleset', 'lcd-pva', '--encounter', 'stay');
    expect(r.code).toBe(0);
    expect(statusOf(r.stdout, 'ind.pain-setting')).toBe('not-met');
    expect(JSON.parse(r.stdout).recommendation).toBe('not-eligible');
    const text = await cli(
      '--bundle',
      inpatient,
      '--now',
      '2026-11-25',
      '--ruleset',
      'lcd-pva',
      '--encounter',
      'stay',
      '--format',
      'text',
    );
    expect(text.stdout).toContain('Encounter: Encounter/stay (class IMP, in-progress)');
  });

  it('as an outpatient the same NRS 7 meets the threshold', async () => {
    const r = await cli('--bundle', inpatient, '--now', '2026-11-25', '--ruleset', 'lcd-pva', '--encounter', 'clinic');
    expect(statusOf(r.stdout, 'ind.pain-setting')).toBe('met');
  });

  it('takes the care setting from --answers where no Encounter gives it', async () => {
    const answers = (name: string, status: string) => write(name, { 'setting.inpatient': status });
    const run = (file: string) =>
      cli('--bundle', inpatient, '--now', '2026-11-25', '--ruleset', 'lcd-pva', '--answers', file);
    expect(statusOf((await run(answers('in.json', 'met'))).stdout, 'ind.pain-setting')).toBe('not-met');
    expect(statusOf((await run(answers('out.json', 'not-met'))).stdout, 'ind.pain-setting')).toBe('met');
  });

  it('reads an Encounter without a class as no care setting, and says so', async () => {
    const file = bundleWith('classless.json', encounter('visit', { class: undefined }));
    const args = ['--bundle', file, '--now', '2026-11-25', '--ruleset', 'lcd-pva', '--encounter', 'visit'];
    expect(statusOf((await cli(...args)).stdout, 'ind.pain-setting')).toBe('unknown');
    expect((await cli(...args, '--format', 'text')).stdout).toContain(
      'Encounter: Encounter/visit (no class, in-progress), so the care setting (hospitalised or not) is unknown; where it decides, answer "setting.inpatient"',
    );
  });

  it('says when the input holds no Encounter at all', async () => {
    const r = await cli(
      '--bundle',
      bundleWith('none.json'),
      '--now',
      '2026-11-25',
      '--ruleset',
      'lcd-pva',
      '--format',
      'text',
    );
    expect(r.stdout).toContain(
      'Encounter: none given (--encounter ID), so the care setting (hospitalised or not) is unknown; where it decides, answer "setting.inpatient" ("met": an inpatient) in --answers.',
    );
  });

  it.each([
    [
      'an Encounter the bundle does not hold',
      () => ['--bundle', inpatient, '--encounter', 'nope'],
      'the input holds no Encounter "nope" (it holds: "stay", "clinic")',
    ],
    [
      "another patient's Encounter",
      () => [
        '--bundle',
        bundleWith('other.json', encounter('x', { subject: { reference: 'Patient/someone-else' } })),
        '--encounter',
        'x',
      ],
      'belongs to "Patient/someone-else"',
    ],
    [
      'an Encounter entered in error',
      () => ['--bundle', bundleWith('eie.json', encounter('e', { status: 'entered-in-error' })), '--encounter', 'e'],
      '"Encounter/e" is entered-in-error',
    ],
  ])('exits 2 with one line for %s', async (_name, args, message) => {
    const r = await cli(...args(), '--ruleset', 'lcd-pva');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
