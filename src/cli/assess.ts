#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { run } from './run';

// A run of the assessor is short, and its optimising compiler's threads spent a third of a batch's
// CPU compiling the engine's functions with their callees inlined into them: without inlining the
// bench's ×16 charts take 7-12 % less CPU in the same wall time. A choice of how to compile, never
// of what the code does; set before any function is optimised.
setFlagsFromString('--no-turbo-inlining');

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
