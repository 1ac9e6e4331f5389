import { existsSync, readFileSync } from 'node:fs';
import { startDemo } from './demo';

/**
 * `npm start`: the demo EHR on EHR_PORT (4010) and the app (Vite dev server) on APP_PORT (4011).
 * Prints one line, the launcher URL; DEMO_APP=dist serves the production build instead.
 * `npm start -- --fhir URL` (or DEMO_FHIR=URL) puts the demo's SMART authorization server and
 * launcher in front of that FHIR R4 server instead of the embedded demo EHR.
 */

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0 || value > 65535)
    throw new Error(`${name} must be a port number, not "${process.env[name] ?? ''}"`);
  return value;
}

/** The parent pid of a process, from /proc (Linux); undefined elsewhere or when it is gone. */
function parentOf(pid: number): number | undefined {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return undefined;
  // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ")"
  const fields = readFileSync(stat, 'utf8').split(')').pop()?.trim().split(' ');
  return fields?.[1] ? Number(fields[1]) : undefined;
}

/**
 * `npm start` runs `sh -c tsx start.ts`, and tsx runs this file in a child process. When npm is
 * stopped by a signal sent to it alone (`timeout 20 npm start`), the signal never reaches this
 * process: watch the launching shell and stop with it, so no server is left holding the ports.
 */
function stopWithLauncher(stop: () => void): void {
  const launcher = parentOf(process.ppid);
  if (launcher === undefined) return;
  setInterval(() => {
    if (parentOf(process.ppid) !== launcher) stop();
  }, 1000).unref();
}

/** `--fhir URL` (or DEMO_FHIR): the FHIR R4 server the demo's authorization server stands in front of. */
function upstream(args: string[]): string | undefined {
  const i = args.indexOf('--fhir');
  const value = i >= 0 ? args[i + 1] : process.env.DEMO_FHIR;
  if (value === undefined || value === '') return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--fhir must be an http(s) URL`);
  return value.replace(/\/+$/, '');
}

try {
  const fhir = upstream(process.argv.slice(2));
  const demo = await startDemo({
    ehrPort: port('EHR_PORT', 4010),
    appPort: port('APP_PORT', 4011),
    app: process.env.DEMO_APP === 'dist' ? 'dist' : 'dev',
    ...(fhir && { fhir }),
  });
  if (fhir)
    console.log(
      `In front of the FHIR server ${fhir} (its patients are listed; npm run load puts the demo patients there)`,
    );
  if (demo.samplesNote) console.warn(demo.samplesNote);
  console.log(`PVP Eligibility demo EHR: ${demo.ehrUrl}/`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // a browser holding a connection open must not keep the demo alive
    setTimeout(() => process.exit(0), 3000).unref();
    void demo.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  stopWithLauncher(stop);
} catch (error) {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
