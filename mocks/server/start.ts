import { startDemo } from './demo';

/**
 * `npm start`: the demo EHR on EHR_PORT (4010) and the app (Vite dev server) on APP_PORT (4011).
 * Prints one line, the launcher URL; DEMO_APP=dist serves the production build instead.
 */

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) throw new Error(`${name} must be a port number, not "${process.env[name] ?? ''}"`);
  return value;
}

try {
  const demo = await startDemo({
    ehrPort: port('EHR_PORT', 4010),
    appPort: port('APP_PORT', 4011),
    app: process.env.DEMO_APP === 'dist' ? 'dist' : 'dev',
  });
  if (demo.samplesNote) console.warn(demo.samplesNote);
  console.log(`PVP Eligibility demo EHR: ${demo.ehrUrl}/`);
  const stop = (): void => {
    void demo.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
