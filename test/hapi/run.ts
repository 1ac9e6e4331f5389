/**
 * `npm run test:hapi`: a real HAPI FHIR JPA server (hapi/, R4, in-memory H2) built with Maven,
 * started on a free loopback port, loaded with the demo patients by transactions, then the suite
 * of test/hapi against it over HTTP. The server is stopped whatever happens.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../e2e/browser';
import { loadDay, loadDemoPatients } from '../../mocks/load/load';

const ROOT = resolve(import.meta.dirname, '../..');
const HAPI_DIR = join(ROOT, 'hapi');
const TARGET = join(HAPI_DIR, 'target');
const LOG = join(TARGET, 'hapi.log');
/** A cold start took 150 s on a 2-core machine shared with other builds; ten minutes is a hang. */
const START_TIMEOUT_MS = Number(process.env.HAPI_START_TIMEOUT_S ?? 600) * 1000;

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line: string): void => void process.stdout.write(`test:hapi: ${line}\n`);

/** Maven offline first (quiet and quick once ~/.m2 has everything), online when something is missing. */
function build(): void {
  const args = ['-B', '-q', '-f', join(HAPI_DIR, 'pom.xml'), 'package', '-Dmaven.test.skip=true'];
  const offline = spawnSync('mvn', ['-o', ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (offline.status === 0) return;
  say('not everything is in ~/.m2 yet: downloading from Maven Central');
  const online = spawnSync('mvn', ['-ntp', ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (online.error) throw new Error(`Maven could not be run (${online.error.message}); is it installed?`);
  if (online.status !== 0) throw new Error('the Maven build of hapi/ failed (see above)');
}

/** The browser test serves the demo build (dist-demo/); `npm test` makes it, a run on its own may not have it. */
function buildApp(): void {
  if (existsSync(join(ROOT, 'dist-demo', 'index.html'))) return;
  const vite = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (vite.status !== 0) throw new Error('npm run build failed (see above)');
}

function start(port: number): ChildProcess {
  const classpath = `${join(TARGET, 'classes')}:${readFileSync(join(TARGET, 'classpath.txt'), 'utf8').trim()}`;
  const log = openSync(LOG, 'w');
  const java = spawn('java', ['-Xmx1536m', '-cp', classpath, 'pvp.hapi.Application', `--server.port=${port}`], {
    cwd: HAPI_DIR,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  return java;
}

function logTail(lines = 40): string {
  if (!existsSync(LOG)) return '(no log)';
  return readFileSync(LOG, 'utf8').split('\n').slice(-lines).join('\n');
}

async function waitUntilReady(base: string, java: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited = false;
  java.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`HAPI stopped while starting; the end of ${LOG}:\n${logTail()}`);
    try {
      const response = await fetch(`${base}/metadata`, { signal: AbortSignal.timeout(10_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(
    `HAPI did not answer ${base}/metadata within ${START_TIMEOUT_MS / 1000} s (HAPI_START_TIMEOUT_S); the end of ${LOG}:\n${logTail()}`,
  );
}

function stop(java: ChildProcess): Promise<void> {
  if (java.exitCode !== null || java.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => java.kill('SIGKILL'), 20_000);
    java.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    java.kill('SIGTERM');
  });
}

/**
 * HAPI's validator loads the R4 definitions on its first use, which took over 20 s on a loaded
 * machine: longer than the app allows a request in the browser test. One `$validate` first.
 */
async function warmUpValidator(base: string): Promise<void> {
  const response = await fetch(`${base}/DocumentReference/$validate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'DocumentReference',
      status: 'current',
      content: [{ attachment: { contentType: 'text/plain', data: 'aGk=' } }],
    }),
    signal: AbortSignal.timeout(START_TIMEOUT_MS),
  });
  await response.text();
}

function runSuite(base: string, day: Date): Promise<number> {
  return new Promise((resolveSuite) => {
    const vitest = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.hapi.config.ts'],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, HAPI_FHIR_BASE: base, HAPI_LOAD_DAY: day.toISOString() } },
    );
    vitest.once('exit', (code) => resolveSuite(code ?? 1));
  });
}

let java: ChildProcess | undefined;
// a Java process must never outlive this script, whichever way it ends
process.once('exit', () => java?.kill('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    java?.kill('SIGKILL');
    process.exit(130);
  });
}

let code = 1;
try {
  let t = Date.now();
  build();
  say(`built hapi/ in ${seconds(t)}`);
  buildApp();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/fhir`;
  t = Date.now();
  java = start(port);
  await waitUntilReady(base, java);
  say(`HAPI FHIR answered ${base}/metadata after ${seconds(t)}`);
  t = Date.now();
  const day = loadDay();
  const loaded = await loadDemoPatients({ server: base, now: day });
  say(`loaded ${loaded.created} resources in ${loaded.transactions} transactions in ${seconds(t)}`);
  t = Date.now();
  await warmUpValidator(base);
  say(`HAPI's validator ready in ${seconds(t)}`);
  t = Date.now();
  code = await runSuite(base, day);
  say(`the suite ran in ${seconds(t)}`);
} catch (error) {
  process.stderr.write(`test:hapi: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  if (java) await stop(java);
}
process.exit(code);
