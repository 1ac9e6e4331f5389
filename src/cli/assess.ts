#!/usr/bin/env node
import { run } from './run';

// `pvp-assess ...` and `npm run -s assess -- ...`: see run.ts and the README, "The command-line assessor"
void run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  today: new Date(),
  stdoutIsTerminal: process.stdout.isTTY === true,
  stderrIsTerminal: process.stderr.isTTY === true,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
