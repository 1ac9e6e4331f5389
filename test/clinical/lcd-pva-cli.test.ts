import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';

/** `npm run -s assess -- --ruleset lcd-pva` on an exported demo bundle (scenario 1) */
const dir = mkdtempSync(join(tmpdir(), 'lcd-pva-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const patient = demoPatients(new Date('2026-11-25T08:00:00Z')).find((p) => p.scenario === 1);
const bundleFile = join(dir, 'scenario-1.json');
writeFileSync(bundleFile, JSON.stringify(patient?.bundle));

interface CliJson {
  recommendation: string;
  ruleset: { id: string; version: string };
  levels: string[];
  criteria: { id: string; status: string }[];
  missing: { criterion: string; need: string }[];
}

function assessCli(...extra: string[]): CliJson {
  const out = execFileSync(
    'npm',
    [
      'run',
      '-s',
      'assess',
      '--',
      '--bundle',
      bundleFile,
      '--ruleset',
      'lcd-pva',
      '--now',
      '2026-11-25',
      '--format',
      'json',
      ...extra,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return JSON.parse(out) as CliJson;
}

describe('the CLI with --ruleset lcd-pva', () => {
  it('assesses the bundle under the LCD and says what the payer still needs', () => {
    const json = assessCli();
    expect(json.ruleset).toEqual({ id: 'lcd-pva', version: 'L38737 (effective 2022-08-21)' });
    expect(json.levels).toEqual(['L1']);
    expect(json.recommendation).toBe('insufficient-data');
    expect(json.criteria.find((c) => c.id === 'ind.pain-setting')?.status).toBe('met');
    expect(json.missing.map((m) => m.criterion)).toEqual(
      expect.arrayContaining(['ci.pain-not-from-fracture', 'req.functional-score']),
    );
  });

  it('is covered once the surgeon’s answers are given in a file', () => {
    const answersFile = join(dir, 'answers.json');
    writeFileSync(
      answersFile,
      JSON.stringify({
        ...patient?.answers,
        'ci.pain-not-from-fracture': 'not-met',
        'rc.spinal-instability': 'not-met',
        'req.functional-score': { status: 'met', value: 19 },
        'ind.pain-course': 'met',
      }),
    );
    const json = assessCli('--answers', answersFile);
    expect(json.recommendation).toBe('eligible');
    expect(json.missing).toEqual([]);
  });
});
