import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSources, contentSecurityPolicy, frameAncestorSources, securityHeaders } from '../../deploy/policy';
import { REPO_ROOT, readSite } from '../../deploy/site';
import { parseSiteConfig } from '../../src/smart/config';

const hospital = {
  ehrs: [
    {
      name: 'St. Elsewhere',
      iss: 'https://fhir.st-elsewhere.example/r4',
      clientId: 'abc-123',
      connectOrigins: ['https://login.st-elsewhere.example'],
      frameAncestors: ['https://chart.st-elsewhere.example'],
    },
    { iss: 'https://fhir.partner.example/api/FHIR/R4', clientId: 'def' },
  ],
};

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((part) => part.startsWith(`${name} `))
    ?.slice(name.length + 1);

describe('the policy derived from the deployment file', () => {
  it('lets the app reach each EHR’s FHIR origin and its other origins, and nothing else', () => {
    expect(connectSources(parseSiteConfig(hospital))).toEqual([
      "'self'",
      'https://fhir.st-elsewhere.example',
      'https://login.st-elsewhere.example',
      'https://fhir.partner.example',
    ]);
  });

  it('lets the configured EHR pages frame the app (an EHR without frameAncestors: its own origin), or none', () => {
    expect(frameAncestorSources(parseSiteConfig(hospital))).toEqual([
      'https://chart.st-elsewhere.example',
      'https://fhir.partner.example',
    ]);
    const noFrames = parseSiteConfig({ ehrs: [{ ...hospital.ehrs[0], frameAncestors: [] }] });
    expect(frameAncestorSources(noFrames)).toEqual(["'none'"]);
  });

  it('the deployment build: the public launcher only, no loopback wildcard, no demo entry', () => {
    const policy = contentSecurityPolicy(readSite({ demo: false }).config, 'meta');
    expect(directive(policy, 'connect-src')).toBe("'self' https://launch.smarthealthit.org");
    expect(policy).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(policy).not.toContain('frame-ancestors');
  });

  it('the demo build adds this machine (any port of localhost)', () => {
    const policy = contentSecurityPolicy(readSite({ demo: true }).config, 'header');
    expect(directive(policy, 'connect-src')).toBe("'self' http://localhost:* https://launch.smarthealthit.org");
    expect(directive(policy, 'frame-ancestors')).toBe('http://localhost:* https://launch.smarthealthit.org');
  });

  it('the headers: the policy with frame-ancestors, HSTS over https only', () => {
    const config = parseSiteConfig(hospital);
    const headers = securityHeaders(config, { https: true });
    expect(headers['Content-Security-Policy']).toBe(
      `${contentSecurityPolicy(config, 'meta')}; frame-ancestors ${frameAncestorSources(config).join(' ')}`,
    );
    expect(headers['Strict-Transport-Security']).toBe('max-age=31536000');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(securityHeaders(config, { https: false })).not.toHaveProperty('Strict-Transport-Security');
  });
});

describe('readSite and `npm run -s headers`', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pvp-site-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the file and the mistake', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify({ ehrs: [{ iss: 'http://ehr.example.org/fhir', clientId: 'x' }] }));
    expect(() => readSite({ demo: false, file })).toThrow(`${file}: site.json ehrs[0]: "iss" must use https`);
    expect(() => readSite({ demo: false, file: join(dir, 'missing.json') })).toThrow(/could not be read/);
  });

  it('stops on a payer rule set the app does not have, or the guideline named as one', async () => {
    const ehrs = [{ iss: 'https://ehr.example.org/fhir', clientId: 'x' }];
    for (const [payerRuleSet, named] of [
      ['lcd-l99999', '"lcd-l99999"'],
      ['pvp-guideline', '"pvp-guideline"'],
    ]) {
      const file = join(dir, `payer-${payerRuleSet}.json`);
      await writeFile(file, JSON.stringify({ payerRuleSets: ['lcd-pva', payerRuleSet], ehrs }));
      expect(() => readSite({ demo: false, file })).toThrow(
        `${file}: site.json: "payerRuleSets" names no payer rule set of the app: ${named} (known: lcd-pva, or [] for none)`,
      );
    }
    const off = join(dir, 'payer-off.json');
    await writeFile(off, JSON.stringify({ payerRuleSets: [], ehrs }));
    expect(readSite({ demo: false, file: off }).config.payerRuleSets).toBeUndefined();
  });

  it('prints the headers for a hospital’s file, and exits 2 on a broken one', { timeout: 30_000 }, async () => {
    const file = join(dir, 'hospital.json');
    await writeFile(file, JSON.stringify(hospital));
    const run = promisify(execFile);
    const tsx = join(REPO_ROOT, 'node_modules/.bin/tsx');
    const { stdout } = await run(tsx, ['deploy/headers.ts', file], { cwd: REPO_ROOT });
    expect(stdout.split('\n')).toEqual([
      `Content-Security-Policy: ${securityHeaders(parseSiteConfig(hospital), { https: true })['Content-Security-Policy']}`,
      'Strict-Transport-Security: max-age=31536000',
      'X-Content-Type-Options: nosniff',
      'Referrer-Policy: no-referrer',
      '',
    ]);
    const failed = await run(tsx, ['deploy/headers.ts', join(dir, 'missing.json')], { cwd: REPO_ROOT }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/^headers: .*could not be read/) });
  });
});
