/**
 * The size of the install, for `npm run bench`: node_modules as it is, and the packages npm counts.
 * Install time is measured outside (the README says how): a benchmark would have to install twice.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export interface InstallFigures {
  /** node_modules on disk, in MB (`du`) */
  nodeModulesMB: number;
  /** installed packages (`npm ls --all --parseable`) */
  packages: number;
  /** the packages the app ships with (`npm ls --omit=dev --all --parseable`) */
  runtimePackages: number;
}

/** before fhirclient's polyfills were overridden (#19), measured the same way */
export const PREVIOUS_INSTALL: InstallFigures = { nodeModulesMB: 609, packages: 843, runtimePackages: 573 };

/** npm ls lists what is installed even where it exits 1 (an unmet optional peer, say) */
const packagesListed = (...args: string[]) =>
  spawnSync('npm', ['ls', '--all', '--parseable', ...args], { cwd: ROOT, encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.trim() && line !== ROOT).length;

export function installFigures(): InstallFigures {
  return {
    nodeModulesMB:
      Number(spawnSync('du', ['-sk', join(ROOT, 'node_modules')], { encoding: 'utf8' }).stdout.split('\t')[0]) / 1024,
    packages: packagesListed(),
    runtimePackages: packagesListed('--omit=dev'),
  };
}
