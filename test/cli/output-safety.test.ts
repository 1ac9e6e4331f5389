/**
 * The adversarial review's findings on the command line (#15): terminal escapes in what it prints
 * (4), inputs that never end or are too large (8), and secrets on the command line or in messages (9).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { LIMITS } from '../../src/cli/files';
import { inputFiles, runCliWith } from './harness';

const TODAY = new Date('2026-11-25T00:00:00Z');
const { dir, write } = inputFiles('assess-safety-');
const scenario1 = demoPatients(TODAY).find((p) => p.scenario === 1)!;
const bundleFile = write('scenario1.json', scenario1.bundle);

const cli = (argv: string[], env: Record<string, string> = {}) => runCliWith({ today: TODAY, env }, argv);

/** what a terminal acts on: C0 controls but the line feed, DEL, C1 controls, bidi controls, separators */
const ACTS_ON_A_TERMINAL =
  // eslint-disable-next-line no-control-regex -- these are what the test looks for
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/** clear the screen, home the cursor, a C1 CSI colour, the word, a right-to-left override */
const ATTACK = '\u001b[2J\u001b[H\u009b32mEligible\u202e';

describe('terminal escapes in what the CLI prints (#15, finding 4)', () => {
  const hostile = structuredClone(scenario1.bundle);
  for (const entry of hostile.entry ?? []) {
    const resource = entry.resource as unknown as Record<string, { text?: string; code?: string }>;
    // text the rationale quotes (the MRI report's name) and the Encounter's class, which --format text prints
    if (resource.resourceType === ('DiagnosticReport' as never) && resource.code) resource.code.text += ATTACK;
    if (resource.resourceType === ('Encounter' as never) && resource.class) resource.class.code += ATTACK;
  }
  const hostileFile = write('hostile.json', hostile);

  it('--format text shows record text with every control and bidi character escaped', async () => {
    const r = await cli([
      '--bundle',
      hostileFile,
      '--now',
      '2026-11-25',
      '--format',
      'text',
      '--encounter',
      scenario1.encounterId!,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ACTS_ON_A_TERMINAL);
    // both places printed it, visibly
    expect(r.stdout).toContain('class AMB\\u001b[2J\\u001b[H\\u009b32mEligible\\u202e, in-progress');
    expect(r.stdout).toMatch(/ind\.fracture-acute .*\\u001b\[2J\\u001b\[H\\u009b32mEligible\\u202e/);
  });

  it('the JSON carries the same text, escaped in the JSON way: parsed, it is the text of the record', async () => {
    const r = await cli(['--bundle', hostileFile, '--now', '2026-11-25']);
    expect(r.stdout).not.toMatch(ACTS_ON_A_TERMINAL);
    const json = JSON.parse(r.stdout) as { criteria: { id: string; rationale: string }[] };
    expect(json.criteria.find((c) => c.id === 'ind.fracture-acute')?.rationale).toContain(ATTACK);
  });

  it('batch lines and stderr too (a patient id, a file name)', async () => {
    const folder = join(dir, 'hostile-batch');
    mkdirSync(folder);
    const renamed = structuredClone(scenario1.bundle);
    const patient = renamed.entry![0]!.resource as fhir4.Patient;
    patient.id = `p${ATTACK}`;
    writeFileSync(join(folder, 'a.json'), JSON.stringify(renamed));
    writeFileSync(join(folder, `b${ATTACK}.json`), '{}');
    const r = await cli(['--bundle', folder, '--now', '2026-11-25']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(ACTS_ON_A_TERMINAL);
    expect(JSON.parse(r.stdout).patient).toBe(`p${ATTACK}`);
    expect(r.stderr).toContain('b\\u001b[2J');
  });
});

describe('inputs that never end, hang or are too large: refused with exit 2 (#15, finding 8)', () => {
  const fifo = join(dir, 'fifo.json');
  execFileSync('mkfifo', [fifo]);
  /** a sparse file: its size is over the limit, it takes no disk space and is never read */
  const sparse = (name: string, size: number) => {
    const file = join(dir, name);
    const fd = openSync(file, 'w');
    ftruncateSync(fd, size);
    closeSync(fd);
    return file;
  };
  const huge = sparse('huge.json', LIMITS.record + 1);

  it.each([
    ['/dev/zero as the Bundle', ['--bundle', '/dev/zero'], 'bundle file "/dev/zero" is a device; give a regular file'],
    ['a pipe as the Bundle', ['--bundle', fifo], `bundle file ${JSON.stringify(fifo)} is a pipe; give a regular file`],
    ['a Bundle over the limit', ['--bundle', huge], 'is 256 MB, over the limit of 256 MB'],
    [
      '/dev/zero as the answers',
      ['--bundle', bundleFile, '--answers', '/dev/zero'],
      'answers file "/dev/zero" is a device',
    ],
    ['a pipe as the answers', ['--bundle', bundleFile, '--answers', fifo], 'is a pipe'],
    ['a folder as the answers', ['--bundle', bundleFile, '--answers', dir], 'is a directory'],
    [
      'answers over the limit',
      ['--bundle', bundleFile, '--answers', sparse('answers.json', LIMITS.answers + 1)],
      'over the limit of 1 MB',
    ],
    [
      '/dev/zero as the token file',
      ['--server', 'http://127.0.0.1:9/fhir', '--patient', 'x', '--bearer-file', '/dev/zero'],
      'token file "/dev/zero" is a device',
    ],
  ])('%s', async (_name, argv, message) => {
    const r = await cli([...argv, '--now', '2026-11-25']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a pipe among the files of an export folder', async () => {
    const folder = join(dir, 'export-with-pipe');
    mkdirSync(folder);
    execFileSync('mkfifo', [join(folder, 'Condition.ndjson')]);
    const r = await cli(['--ndjson', folder, '--now', '2026-11-25']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Condition.ndjson" is a pipe; give a regular file');
  });

  it('a pipe among the Bundles of a folder: the others are assessed', async () => {
    const folder = join(dir, 'bundles-with-pipe');
    mkdirSync(folder);
    execFileSync('mkfifo', [join(folder, 'a.json')]);
    writeFileSync(join(folder, 'b.json'), JSON.stringify(scenario1.bundle));
    const r = await cli(['--bundle', folder, '--now', '2026-11-25']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ patient: scenario1.id, file: 'b.json' });
    expect(r.stderr).toContain('a.json" is a pipe');
  });
});

describe('secrets: the token never on the command line, credentials in no message (#15, finding 9)', () => {
  it.each([
    ['--bearer TOKEN', ['--bearer', 'opaque-secret-token']],
    ['--bearer=TOKEN', ['--bearer=opaque-secret-token']],
  ])('refuses %s without echoing the token', async (_name, argv) => {
    const r = await cli(['--server', 'http://127.0.0.1:9/fhir', '--patient', 'x', ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('opaque-secret-token');
    expect(r.stderr).toContain(
      'put it in a file for --bearer-file FILE, or in the environment variable PVP_BEARER_TOKEN',
    );
  });

  it.each([
    ['a user and password', 'http://alice:s3cret-pw@127.0.0.1:9/fhir', 'http://[credentials]@127.0.0.1:9/fhir'],
    ['an access token in the query', 'http://127.0.0.1:9/fhir?access_token=s3cret-pw', '?access_token=[redacted]'],
  ])('refuses a --server URL with %s, and redacts it in the message', async (_name, url, shown) => {
    const r = await cli(['--server', url, '--patient', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(shown);
    expect(r.stderr).toContain('a FHIR base URL carries no user name, password, query or fragment');
    expect(r.stderr).not.toMatch(/s3cret|alice/);
  });

  it('redacts credentials in any message, an unknown argument too', async () => {
    const r = await cli(['https://bob:hunter2@ehr.example/fhir?code=abc&state=def']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'unknown argument "https://[credentials]@ehr.example/fhir?code=[redacted]&state=[redacted]"',
    );
    expect(r.stderr).not.toMatch(/hunter2|bob|abc|def/);
  });

  it.each([
    ['an empty token file', () => ['--bearer-file', write('empty-token', '\n')], {}, 'is empty'],
    [
      'a token of two lines',
      () => ['--bearer-file', write('two-lines', 'abc\ndef\n')],
      {},
      'not one line of visible ASCII',
    ],
    ['an empty PVP_BEARER_TOKEN', () => [], { PVP_BEARER_TOKEN: ' ' }, 'PVP_BEARER_TOKEN is empty'],
  ])('refuses %s', async (_name, argv, env, message) => {
    const r = await cli(['--server', 'http://127.0.0.1:9/fhir', '--patient', 'x', ...argv()], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('def');
  });

  describe('against a server that echoes the token in its error', () => {
    const TOKEN = 'opaque-session-token-of-the-ehr';
    let server: Server;
    let base: string;
    const seen: string[] = [];
    beforeAll(async () => {
      server = createServer((request, response) => {
        seen.push(request.headers.authorization ?? '');
        response.writeHead(500, { 'content-type': 'application/fhir+json' });
        response.end(
          JSON.stringify({
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'exception', diagnostics: `session ${TOKEN} broke` }],
          }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it.each([
      ['from PVP_BEARER_TOKEN', () => [], { PVP_BEARER_TOKEN: TOKEN }],
      ['from --bearer-file', () => ['--bearer-file', write('token', `${TOKEN}\n`)], {}],
    ])('sends the token read %s and never prints it', async (_name, argv, env) => {
      seen.length = 0;
      const r = await cli(['--server', base, '--patient', 'x', '--now', '2026-11-25', ...argv()], env);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((header) => header === `Bearer ${TOKEN}`)).toBe(true);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('session [token] broke');
      expect(r.stderr).not.toContain(TOKEN);
    });
  });
});
