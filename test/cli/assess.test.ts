import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { sampleFiles } from '../clinical/samples';
import { withFractureUncoded } from '../clinical/uncoded-fracture';
import { inputFiles, runCli } from './harness';

const TODAY = new Date('2026-11-25T00:00:00Z');
const { dir, write } = inputFiles('assess-cli-');
const cli = (...argv: string[]) => runCli(TODAY, ...argv);

const scenario1 = demoPatients(TODAY).find((p) => p.scenario === 1);
if (!scenario1) throw new Error('no scenario 1 patient');
const bundleFile = write('scenario1.json', scenario1.bundle);

describe('the command-line assessor (README, "The command-line assessor")', () => {
  it('prints the interface-2 JSON and exits 0', async () => {
    const r = await cli('--bundle', bundleFile, '--now', '2026-11-25');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['recommendation', 'ruleset', 'levels', 'criteria', 'missing']);
    expect(json).toMatchObject({
      recommendation: 'insufficient-data',
      ruleset: { id: 'pvp-guideline', version: '2026.1' },
      levels: ['L1'],
    });
    expect(json.missing).toContainEqual({ criterion: 'req.posterior-wall-assessed', need: expect.any(String) });
  });

  it('applies --answers as the UI does (bare status strings and objects)', async () => {
    const answers = write('answers.json', {
      'req.posterior-wall-assessed': 'met',
      'rc.posterior-wall': { status: 'not-met', note: 'intact on MRI' },
    });
    const r = await cli('--bundle', bundleFile, '--now', '2026-11-25', '--answers', answers);
    expect(JSON.parse(r.stdout).recommendation).toBe('eligible');
  });

  it('takes the levels with the diagnosis-and-level answer ({"status": "met", "levels": [...]})', async () => {
    const uncoded = write('uncoded.json', withFractureUncoded(scenario1.bundle));
    const answers = (name: string, levels: string[]) =>
      write(name, {
        'ind.painful-lesion': { status: 'met', levels },
        'rc.posterior-wall': 'not-met',
      });
    const before = JSON.parse((await cli('--bundle', uncoded, '--now', '2026-11-25')).stdout);
    expect(before.criteria.find((c: { id: string }) => c.id === 'ind.painful-lesion').status).toBe('unknown');
    const one = JSON.parse(
      (await cli('--bundle', uncoded, '--now', '2026-11-25', '--answers', answers('one.json', ['L1']))).stdout,
    );
    expect(one).toMatchObject({ recommendation: 'eligible', levels: ['L1'] });
    const four = JSON.parse(
      (
        await cli(
          '--bundle',
          uncoded,
          '--now',
          '2026-11-25',
          '--answers',
          answers('four.json', ['T12', 'L1', 'L2', 'L3']),
        )
      ).stdout,
    );
    expect(four.recommendation).toBe('eligible-with-cautions');
    expect(four.criteria.find((c: { id: string }) => c.id === 'rc.levels-over-3').status).toBe('met');
  });

  it('prints a readable table with --format text', async () => {
    const r = await cli('--bundle', bundleFile, '--now', '2026-11-25', '--format', 'text');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommendation: More information needed');
    expect(r.stdout).toMatch(/req\.posterior-wall-assessed\s+unknown\s+record/);
  });

  it.each([
    ['not JSON', () => ['--bundle', write('bad.json', '{ nope')], 'is not JSON'],
    [
      'not a Bundle',
      () => ['--bundle', write('patient.json', { resourceType: 'Patient', id: 'x' })],
      'not a FHIR Bundle',
    ],
    [
      'no Patient',
      () => ['--bundle', write('nopatient.json', { resourceType: 'Bundle', type: 'collection', entry: [] })],
      'no Patient',
    ],
    [
      'two Patients',
      () => [
        '--bundle',
        write('two.json', {
          resourceType: 'Bundle',
          type: 'collection',
          entry: [
            { resource: { resourceType: 'Patient', id: 'a' } },
            { resource: { resourceType: 'Patient', id: 'b' } },
          ],
        }),
      ],
      '2 different patients',
    ],
    ['a missing file', () => ['--bundle', join(dir, 'missing.json')], 'cannot read'],
    ['a bad flag', () => ['--bundle', bundleFile, '--color'], 'unknown argument'],
    ['a bad date', () => ['--bundle', bundleFile, '--now', '2026-02-30'], '--now must be a date'],
    ['a bad format', () => ['--bundle', bundleFile, '--format', 'xml'], '--format must be'],
    ['an unknown rule set', () => ['--bundle', bundleFile, '--ruleset', 'nope'], 'unknown rule set "nope"'],
    [
      'answers that are not an object',
      () => ['--bundle', bundleFile, '--answers', write('answers-array.json', [1])],
      'must be a JSON object',
    ],
    ['no input', () => [], 'give --bundle FILE|DIR, --ndjson DIR or --server BASE_URL'],
    ['--server without --patient', () => ['--server', 'http://localhost:1/fhir'], '--server needs --patient'],
    [
      'an unreachable server',
      () => ['--server', 'http://127.0.0.1:9/fhir', '--patient', 'x'],
      'could not read patient "x"',
    ],
    ['a server that is not a URL', () => ['--server', 'ftp://x', '--patient', 'x'], 'must be an http(s) URL'],
    [
      'a multi-patient ndjson',
      () => [
        '--bundle',
        write('many.ndjson', '{"resourceType":"Patient","id":"a"}\n{"resourceType":"Patient","id":"b"}\n'),
      ],
      'ndjson file',
    ],
  ])('exits 2 with one line on stderr for %s', async (_name, args, message) => {
    const r = await cli(...args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads a one-patient ndjson', async () => {
    const lines = (scenario1.bundle.entry ?? []).map((e) => JSON.stringify(e.resource)).join('\n');
    const r = await cli('--bundle', write('one.ndjson', `${lines}\n`), '--now', '2026-11-25');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recommendation).toBe('insufficient-data');
  });

  describe('runs on every file of the public samples (mocks/patients/fhir-samples) without crashing', () => {
    for (const file of sampleFiles()) {
      it(basename(file), async () => {
        const r = await cli('--bundle', file, '--now', '2026-11-25');
        expect([0, 2]).toContain(r.code);
        if (r.code === 0) expect(['not-eligible', 'insufficient-data']).toContain(JSON.parse(r.stdout).recommendation);
        else expect(r.stderr.trim().split('\n')).toHaveLength(1);
      });
    }
  });
});
