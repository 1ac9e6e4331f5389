import { quoted } from '../clinical/bundle';
import { run } from './run';

// `npm run -s assess -- ...`: see run.ts and the README, "The command-line assessor"
run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  today: new Date(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // one line, whatever the error carries
    process.stderr.write(`assess: internal error: ${quoted(e instanceof Error ? e.message : String(e), 200)}\n`);
    process.exitCode = 1;
  },
);
