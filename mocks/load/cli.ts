import { readFileSync } from 'node:fs';
import { quoted } from '../../src/clinical/bundle';
import { loadDemoPatients, LoadError } from './load';

/**
 * `npm run load -- --server URL [--bearer-file F]`: the demo patients into any FHIR R4 server.
 * The token is read from a file, never from the command line (which other users can see).
 */

const USAGE = 'usage: npm run load -- --server FHIR_BASE_URL [--bearer-file FILE]';

function parse(args: string[]): { server: string; bearerFile?: string } | string {
  let server: string | undefined;
  let bearerFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const [name, value] = [args[i], args[i + 1]];
    if ((name === '--server' || name === '--bearer-file') && value !== undefined) {
      if (name === '--server') server = value;
      else bearerFile = value;
      i++;
    } else return `unknown or incomplete argument ${quoted(name ?? '')}\n${USAGE}`;
  }
  if (!server) return USAGE;
  try {
    const url = new URL(server);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `--server must be an http(s) URL\n${USAGE}`;
  } catch {
    return `--server must be a URL, not ${quoted(server)}\n${USAGE}`;
  }
  return { server, ...(bearerFile !== undefined && { bearerFile }) };
}

const options = parse(process.argv.slice(2));
if (typeof options === 'string') {
  process.stderr.write(`load: ${options}\n`);
  process.exit(2);
}
let bearer: string | undefined;
if (options.bearerFile !== undefined) {
  try {
    bearer = readFileSync(options.bearerFile, 'utf8').trim();
  } catch {
    process.stderr.write(`load: cannot read the bearer file ${quoted(options.bearerFile)}\n`);
    process.exit(2);
  }
}
try {
  const started = Date.now();
  const summary = await loadDemoPatients({
    server: options.server,
    ...(bearer !== undefined && { bearer }),
    onProgress: (line) => process.stdout.write(`${line}\n`),
  });
  const later = [...summary.versions.values()].filter((v) => v !== '1').length;
  process.stdout.write(
    `Loaded the demo patients in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.created} resources created, ` +
      `${summary.existing} already there (${later} of all at a version after 1).\n`,
  );
} catch (error) {
  process.stderr.write(
    `load: ${error instanceof LoadError ? error.message : quoted(error instanceof Error ? error.message : String(error))}\n`,
  );
  process.exit(1);
}
