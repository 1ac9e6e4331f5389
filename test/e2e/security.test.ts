/**
 * The promises the app keeps about patient data, in a real browser over the demo EHR (dist/):
 * during a full launch → assess → answer → sign session no request leaves for another origin,
 * nothing secret appears in an address or the console, tokens live only in fhirclient's
 * sessionStorage, the Content-Security-Policy is never violated, markup in FHIR data stays text,
 * and the launch page does not follow an EHR nobody configured.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGES as PAGES, builtInlineCode, inlineCodeOf, securityHeaders } from '../../deploy/policy';
import { readSite } from '../../deploy/site';
import type { DemoPatient } from '../../mocks/patients';
import { answer, openBrowserDemo, REFUSED_BATCH, type BrowserDemo } from './browser';

const PWN = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
/** the deployment build (site.json alone) and the demo build the tests serve (with this machine's demo EHR) */
const DIST = join(import.meta.dirname, '..', '..', 'dist');
const DIST_DEMO = join(import.meta.dirname, '..', '..', 'dist-demo');

async function builtPolicy(dir: string, file: string): Promise<{ html: string; policy: string }> {
  const html = await readFile(join(dir, file), 'utf8');
  const policy =
    /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&#39;', "'") ?? '';
  return { html, policy };
}

let demo: BrowserDemo;
/** every securitypolicyviolation of every page and frame of the session */
const violations: string[] = [];

beforeAll(async () => {
  demo = await openBrowserDemo();
  await demo.context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  await demo.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
      report?.(`${event.violatedDirective} ${event.blockedURI} on ${location.pathname}`);
    });
  });
});

afterAll(async () => {
  await demo?.close();
});

function scenario(n: number): DemoPatient {
  const found = demo.server.ehr.patients.find((p) => p.scenario === n);
  if (!found) throw new Error(`no demo patient for scenario ${n}`);
  return found;
}

async function recommendation(page: Page): Promise<string | null> {
  return page.getByTestId('verdict').locator('.verdict-word').getAttribute('data-recommendation');
}

/** What fhirclient keeps in the tab: the token response of the launch. */
async function storage(
  page: Page,
): Promise<{ session: string; local: string; accessToken: string; refreshToken: string }> {
  return page.evaluate(() => {
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as string | null;
    const state = JSON.parse((key && sessionStorage.getItem(key)) ?? '{}') as {
      tokenResponse?: { access_token?: string; refresh_token?: string };
    };
    return {
      session: JSON.stringify({ ...sessionStorage }),
      local: JSON.stringify({ ...localStorage }),
      accessToken: state.tokenResponse?.access_token ?? '',
      refreshToken: state.tokenResponse?.refresh_token ?? '',
    };
  });
}

describe('security of a full session in the browser', { timeout: 180_000 }, () => {
  it('launch → assess → answer → sign: no other origin, no secret in addresses or the console, tokens only in sessionStorage, no CSP violation', async () => {
    const patient = scenario(1);
    const page = await demo.newPage();
    const firstRequest = demo.requests.length;
    await page.goto(
      `${demo.ehrOrigin}/ehr/launch?${new URLSearchParams({ patient: patient.id, grant: 'all', locale: 'en' })}`,
    );
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    for (const [criterion, given] of Object.entries(patient.answers ?? {})) await answer(page, criterion, given.status);
    await expect.poll(() => recommendation(page)).toBe(patient.expected);
    await page.getByRole('button', { name: 'Sign and save to chart' }).click();
    await page.getByRole('heading', { name: 'Saved to the chart' }).waitFor({ timeout: 30_000 });

    const session = demo.requests.slice(firstRequest);
    expect(demo.thirdPartyRequests()).toEqual([]);

    // the authorization server's redirect is the last address that may carry the code and state
    const redirectIndex = session.findIndex(
      (url) => url.startsWith(`${demo.appOrigin}/index.html?`) && url.includes('code='),
    );
    expect(redirectIndex).toBeGreaterThanOrEqual(0);
    const redirect = new URL(session[redirectIndex] ?? '');
    const { accessToken, refreshToken, session: sessionStore, local } = await storage(page);
    const secrets = [
      accessToken,
      refreshToken,
      redirect.searchParams.get('code') ?? '',
      redirect.searchParams.get('state') ?? '',
      patient.id,
    ].filter((secret) => secret.length >= 6);
    expect(accessToken.length).toBeGreaterThan(10);
    expect(secrets.length).toBeGreaterThanOrEqual(4);

    const appRequestsAfterLaunch = session.slice(redirectIndex + 1).filter((url) => url.startsWith(demo.appOrigin));
    expect(appRequestsAfterLaunch.length).toBeGreaterThan(0);
    for (const url of [page.url(), ...appRequestsAfterLaunch])
      for (const secret of secrets) expect(url).not.toContain(secret);
    for (const entry of demo.console) for (const secret of secrets) expect(entry.text).not.toContain(secret);

    expect(sessionStore).toContain(accessToken);
    expect(local).not.toContain(accessToken);
    if (refreshToken) expect(local).not.toContain(refreshToken);

    expect(violations).toEqual([]);
    expect(demo.pageErrors).toEqual([]);
    await page.close();
  });

  it('the built pages carry the Content-Security-Policy, the server sends the same with the same hashes, and the app runs under both', async () => {
    for (const file of ['index.html', 'launch.html']) {
      const { html, policy: meta } = await builtPolicy(DIST_DEMO, file);
      expect(meta, file).toContain("default-src 'self'");
      // the page's own inline boot script and style, by hash, and nothing else inline
      const inline = inlineCodeOf(
        await Promise.all(PAGES.map(async (page) => readFile(join(DIST_DEMO, page), 'utf8'))),
      );
      expect(inline.scripts).toHaveLength(2);
      expect(inline.styles).toHaveLength(1);
      expect(meta).toContain(["script-src 'self'", ...inline.scripts].join(' ') + ';');
      expect(meta).toContain(["style-src 'self'", ...inline.styles].join(' ') + ';');
      expect(meta).not.toMatch(/unsafe-inline|nonce-|strict-dynamic/);
      // the web server's header: the same policy, with frame-ancestors
      const header = (await fetch(`${demo.appOrigin}/${file}`)).headers.get('content-security-policy') ?? '';
      expect(header).toBe(`${meta}; frame-ancestors http://localhost:* https://launch.smarthealthit.org`);
      // nothing stands between the page and its first request: no script file, no chunk it runs at once
      expect(html).not.toMatch(/<script[^>]*\ssrc=/);
      for (const preload of html.match(/<link rel="modulepreload"[^>]*>/g) ?? [])
        expect(preload).toContain('data-later');
      expect(meta).toContain("img-src 'self' data:");
      expect(meta).toMatch(/connect-src 'self' [^;]*http:\/\/localhost:\*/);
      expect(meta).toContain("object-src 'none'");
      // the policy comes before anything it governs
      expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.search(/<script|<link/));
      // the deployment build: the same policy without this machine
      const deployment = await builtPolicy(DIST, file);
      expect(deployment.policy).toBe(meta.replace(' http://localhost:*', ''));
      const headerOfDeployment = securityHeaders(readSite({ demo: false }).config, {
        https: true,
        inline: builtInlineCode(DIST),
      });
      expect(headerOfDeployment['Content-Security-Policy']).toBe(
        `${deployment.policy}; frame-ancestors https://launch.smarthealthit.org`,
      );
      expect(deployment.policy).not.toMatch(/localhost|127\.0\.0\.1/);
      expect(await readFile(join(DIST, 'site.json'), 'utf8')).not.toMatch(/localhost|127\.0\.0\.1|defaultIss/);
    }
    const page = await demo.newPage();
    await page.goto(
      `${demo.ehrOrigin}/ehr/launch?${new URLSearchParams({ patient: scenario(7).id, grant: 'all', locale: 'en' })}`,
    );
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toContain("default-src 'self'");
    expect(violations).toEqual([]);

    // the policy is enforced and the listener hears it: an injected inline script is refused
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    // once for each policy: the page's <meta> and the header of the app's web server
    await expect.poll(() => violations.length).toBe(2);
    for (const violation of violations) expect(violation).toMatch(/^script-src/);
    violations.length = 0;
    await page.close();
  });

  it('markup in names, conditions, notes and server messages is shown as text and never runs', async () => {
    const ehr = demo.server.ehr;
    const source = structuredClone(scenario(1).bundle);
    const id = 'pvp-hostile-markup';
    const rename = (text: string) => text.replaceAll('pvp-01-whitfield', id);
    const bundle = JSON.parse(rename(JSON.stringify(source))) as fhir4.Bundle;
    for (const entry of bundle.entry ?? []) {
      if (entry.resource?.resourceType === 'Patient')
        (entry.resource as fhir4.Patient).name = [{ family: `${SCRIPT}Hostile`, given: [PWN] }];
      if (entry.resource?.resourceType === 'Condition') {
        const condition = entry.resource as fhir4.Condition;
        condition.code = { ...condition.code, text: `${PWN} fracture ${SCRIPT}` };
        for (const coding of condition.code.coding ?? []) coding.display = `${coding.display ?? ''} ${PWN}`;
        condition.note = [{ text: `${SCRIPT}${PWN}` }];
      }
    }
    ehr.store.putBundle(bundle);
    ehr.faults.addJson(REFUSED_BATCH);
    ehr.faults.add({
      method: 'GET',
      path: '/fhir/Procedure?',
      fault: { kind: 'status', status: 500, diagnostics: `Failure ${PWN} ${SCRIPT}` },
    });

    const page = await demo.newPage();
    await page.goto(ehr.launchUrl(ehr.createLaunch({ patient: id, needPatientBanner: true, locale: 'en' })));
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    // unfold every evidence list, resource and question, so that everything the record says is on screen
    for (let round = 0; round < 3; round++)
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));

    expect(await page.getByTestId('patient-name').textContent()).toContain(PWN);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain(`${PWN} fracture`);
    expect(text).toContain('Failure');
    expect(await page.locator('img[src="x"], #root script').count()).toBe(0);
    // no inline script but the page's own: its boot code and its deployment file's data block
    expect(await page.locator('script:not([src])').count()).toBe(2);

    await page.getByRole('button', { name: 'Sign and save to chart' }).click();
    await page
      .getByText(/Saved to the chart|not saved/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    ehr.faults.clear();
    await page.close();
  });

  it('the launch page refuses an iss nobody configured: no redirect, no request to it', async () => {
    const page = await demo.newPage();
    const before = demo.requests.length;
    const evil = 'https://evil.example/fhir';
    await page.goto(`${demo.appOrigin}/launch.html?${new URLSearchParams({ iss: evil, launch: 'stolen-launch' })}`);
    await page.getByText('This EHR is not configured').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).origin).toBe(demo.appOrigin);
    expect(
      demo.requests.slice(before).filter((url) => url.includes('evil.example') && !url.startsWith(demo.appOrigin)),
    ).toEqual([]);
    expect(demo.thirdPartyRequests()).toEqual([]);
    await page.close();
  });
});

describe('clickjacking', { timeout: 120_000 }, () => {
  // a demo of its own: the page of another site below would count as a third-party request in the session above
  let framing: BrowserDemo;
  beforeAll(async () => {
    framing = await openBrowserDemo();
  });
  afterAll(async () => {
    await framing?.close();
  });

  it('the app’s server lets only the configured EHRs’ pages frame it (frame-ancestors): the demo EHR may, another site may not', async () => {
    const response = await fetch(`${framing.appOrigin}/launch.html`);
    const header = response.headers.get('content-security-policy') ?? '';
    expect(header).toMatch(/; frame-ancestors http:\/\/localhost:\* https:\/\/launch\.smarthealthit\.org$/);

    // the demo EHR's chart page (localhost) shows the app
    const page = await framing.newPage();
    const patient = framing.server.ehr.patients[0]?.id ?? '';
    await page.goto(`${framing.ehrOrigin}/ehr/frame?${new URLSearchParams({ patient, grant: 'all', locale: 'en' })}`);
    await page.frameLocator('iframe').getByTestId('patient-name').waitFor({ timeout: 30_000 });

    // a page of another site (127.0.0.1) gets the browser's error page in its frame, not the app
    const elsewhere = `http://127.0.0.1:${new URL(framing.ehrOrigin).port}/clickjack.html`;
    await page.route(elsewhere, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<iframe src="${framing.appOrigin}/launch.html?iss=${encodeURIComponent(framing.fhirBase)}"></iframe>`,
      }),
    );
    await page.goto(elsewhere);
    const frame = () => page.frames().find((f) => f !== page.mainFrame());
    await expect.poll(() => frame()?.url(), { timeout: 30_000 }).toMatch(/^chrome-error:/);
    expect(await frame()?.locator('#root').count()).toBe(0);
    await page.close();
  });
});
