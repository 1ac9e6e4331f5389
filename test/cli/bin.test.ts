/**
 * The built assessor as a user runs it, a real process: dist-cli/pvp-assess.js, the package's
 * `bin` (pvp-assess), and `npm run -s assess`. `npm install` (prepare) and `npm run build` build
 * it; here it is built again first when a source is newer, so the test runs what the sources say.
 */
import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { inputFiles } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist-cli/pvp-assess.js');
const exec = promisify(execFile);
const TODAY = new Date('2026-11-25T00:00:00Z');
const { dir, write } = inputFiles('assess-bin-');
const patients = demoPatients(TODAY).filter((p) => p.scenario <= 3);
const bundleFile = write('scenario1.json', patients[0]!.bundle);

function newestSource(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

beforeAll(() => {
  const built = (() => {
    try {
      return statSync(BIN).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const sources = Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'vite.cli.config.ts')));
  if (built < sources) execFileSync('npx', ['vite', 'build', '--config', 'vite.cli.config.ts'], { cwd: ROOT });
}, 120_000);

/** a failed process's exit code and output, as a value */
const settled = (p: Promise<{ stdout: string; stderr: string }>) =>
  p.then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('pvp-assess, the built command-line assessor', () => {
  it('is the package’s bin: an executable file with a node shebang', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(resolve(ROOT, pkg.bin['pvp-assess'] ?? '')).toBe(BIN);
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    accessSync(BIN, constants.X_OK);
  });

  it('runs as a program, with the exit codes of the README', async () => {
    const ok = await exec(BIN, ['--bundle', bundleFile, '--now', '2026-11-25', '--format', 'text']);
    expect(ok.stdout).toContain('Recommendation: More information needed');
    const bad = await settled(exec(BIN, ['--bundle', write('bad.json', 'nope')]));
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe(`assess: ${JSON.stringify(join(dir, 'bad.json'))} is not JSON\n`);
  });

  it('is what `npm run -s assess` runs', async () => {
    const args = ['--bundle', bundleFile, '--now', '2026-11-25'];
    const viaNpm = await exec('npm', ['run', '-s', 'assess', '--', ...args], { cwd: ROOT });
    const direct = await exec(BIN, args);
    expect(viaNpm.stdout).toBe(direct.stdout);
    expect(JSON.parse(viaNpm.stdout).recommendation).toBe('insufficient-data');
  });

  it('screens an export: JSON lines on stdout, and its progress on stderr as stdout is a pipe', async () => {
    const folder = join(dir, 'export');
    mkdirSync(folder);
    const byType = new Map<string, string[]>();
    for (const p of patients)
      for (const e of p.bundle.entry ?? [])
        byType.set(e.resource!.resourceType, [
          ...(byType.get(e.resource!.resourceType) ?? []),
          JSON.stringify(e.resource),
        ]);
    for (const [type, lines] of byType) writeFileSync(join(folder, `${type}.ndjson`), `${lines.join('\n')}\n`);
    const r = await exec(BIN, ['--ndjson', folder, '--now', '2026-11-25']);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { patient: string });
    expect(lines.map((l) => l.patient)).toEqual(patients.map((p) => p.id));
    expect(r.stderr).toMatch(/^assess: 3 of 3 patients, [\d.]+ MB, [\d.]+ MB\/s in [\d.]+ s\n$/);
  });
});
