import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectSources,
  contentSecurityPolicy,
  frameAncestorSources,
  inlineCodeOf,
  securityHeaders,
  type InlineCode,
} from '../../deploy/policy';
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

/** the built pages' inline code (deploy/inlineBoot.ts), here two scripts and a style */
const pages = [
  `<html><head><style>body { margin: 0 }</style><script type="application/json" id="pvp-site">{"ehrs":[]}</script></head>` +
    `<body><script type="module">alert('Hello, world.');</script></body></html>`,
  `<html><head><style>body { margin: 0 }</style><link rel="modulepreload" href="/assets/a.js"></head>` +
    `<body><script src="/assets/b.js"></script><script type="module">location.assign('x')</script></body></html>`,
];
const inline: InlineCode = inlineCodeOf(pages);

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
    const policy = contentSecurityPolicy(readSite({ demo: false }).config, 'meta', inline);
    expect(directive(policy, 'connect-src')).toBe("'self' https://launch.smarthealthit.org");
    expect(policy).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(policy).not.toContain('frame-ancestors');
  });

  it('the demo build adds this machine (any port of localhost)', () => {
    const policy = contentSecurityPolicy(readSite({ demo: true }).config, 'header', inline);
    expect(directive(policy, 'connect-src')).toBe("'self' http://localhost:* https://launch.smarthealthit.org");
    expect(directive(policy, 'frame-ancestors')).toBe('http://localhost:* https://launch.smarthealthit.org');
  });

  it('allows the pages’ inline scripts and style by their SHA-256, nothing inline else: no data block, no linked file', () => {
    // the example of the CSP specification (w3.org/TR/CSP3, "hash-source")
    expect(inline.scripts).toContain("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
    expect(inline.scripts).toHaveLength(2);
    expect(inline.styles).toHaveLength(1);
    const policy = contentSecurityPolicy(parseSiteConfig(hospital), 'meta', inline);
    expect(directive(policy, 'script-src')).toBe(["'self'", ...inline.scripts].join(' '));
    expect(directive(policy, 'style-src')).toBe(["'self'", ...inline.styles].join(' '));
    expect(policy).not.toMatch(/unsafe-inline|nonce-|strict-dynamic/);
  });

  it('the headers: the policy with frame-ancestors, HSTS over https only', () => {
    const config = parseSiteConfig(hospital);
    const headers = securityHeaders(config, { https: true, inline });
    expect(headers['Content-Security-Policy']).toBe(
      `${contentSecurityPolicy(config, 'meta', inline)}; frame-ancestors ${frameAncestorSources(config).join(' ')}`,
    );
    expect(headers['Strict-Transport-Security']).toBe('max-age=31536000');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(securityHeaders(config, { https: false, inline })).not.toHaveProperty('Strict-Transport-Security');
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

  it(
    'prints the headers for a hospital’s file and its built pages, and exits 2 on a broken one or no pages',
    { timeout: 30_000 },
    async () => {
      const file = join(dir, 'hospital.json');
      await writeFile(file, JSON.stringify(hospital));
      const built = join(dir, 'dist');
      await mkdir(built);
      await writeFile(join(built, 'index.html'), pages[0]!);
      await writeFile(join(built, 'launch.html'), pages[1]!);
      const run = promisify(execFile);
      const tsx = join(REPO_ROOT, 'node_modules/.bin/tsx');
      const { stdout } = await run(tsx, ['deploy/headers.ts', file, '--pages', built], { cwd: REPO_ROOT });
      expect(stdout.split('\n')).toEqual([
        `Content-Security-Policy: ${securityHeaders(parseSiteConfig(hospital), { https: true, inline })['Content-Security-Policy']}`,
        'Strict-Transport-Security: max-age=31536000',
        'X-Content-Type-Options: nosniff',
        'Referrer-Policy: no-referrer',
        '',
      ]);
      const failed = await run(tsx, ['deploy/headers.ts', join(dir, 'missing.json')], { cwd: REPO_ROOT }).catch(
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/^headers: .*could not be read/) });
      const unbuilt = await run(tsx, ['deploy/headers.ts', file, '--pages', dir], { cwd: REPO_ROOT }).catch(
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(unbuilt).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/^headers: no built pages in .*npm run build/),
      });
    },
  );
});
