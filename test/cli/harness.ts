import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type CliIo } from '../../src/cli/run';

/** the assessor run in-process: exit code and what it wrote (stdout a terminal unless said otherwise) */
export async function runCliWith(
  options: Omit<CliIo, 'stdout' | 'stderr'>,
  argv: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdoutIsTerminal: true,
    ...options,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

/** the assessor run in-process with `today` fixed: exit code and what it wrote */
export function runCli(today: Date, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCliWith({ today }, argv);
}

/** a temporary directory for input files; `write` stores JSON (or a string as it is) and gives its path */
export function inputFiles(prefix: string): { dir: string; write: (name: string, content: unknown) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const write = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  return { dir, write };
}
