/**
 * The SMART launch in a real browser against the demo EHR: EHR launch in the page and inside the
 * launcher's iframe, standalone launch through the demo server's patient picker, the app framed
 * by an EHR of another site (whose storage the browser blocks) with the EHR in the SMART App
 * Launcher's URL form, and the plain pages for launches that go wrong.
 */
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMART_STYLE } from '../../mocks/ehr/launcher';
import { openBrowserDemo, type BrowserDemo } from './browser';

let demo: BrowserDemo;
/** generous: the browser tests share two cores with the rest of the suite */
const PAGE_WAIT_MS = 45_000;
const TEST_TIMEOUT_MS = 120_000;

beforeAll(async () => {
  demo = await openBrowserDemo();
  // a developer's leftover switch that makes fhirclient log token responses: must stay silent
  await demo.context.addInitScript(() => {
    try {
      localStorage.setItem('debug', '*');
    } catch {
      // about:blank and other opaque origins have no storage
    }
  });
});

afterAll(async () => {
  await demo?.close();
});

/** The patient's name as the app shows it, once it is there. */
async function shownPatientName(app: { getByTestId(id: string): Locator }): Promise<string> {
  const name = app.getByTestId('patient-name').filter({ hasText: /\S/ });
  await name.waitFor({ timeout: PAGE_WAIT_MS });
  return (await name.textContent())?.trim() ?? '';
}

/** The app names the launched patient: every word of the launcher's name (the app may add a middle name). */
function expectSamePatient(shown: string, launcherName: string) {
  expect(launcherName).not.toBe('');
  expect(shown.split(/\s+/)).toEqual(expect.arrayContaining(launcherName.split(/\s+/)));
}

/** The SMART session fhirclient keeps in the tab's sessionStorage. */
async function smartSession(app: Page | Frame): Promise<{ accessToken: string; patient: string }> {
  return app.evaluate(() => {
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as string;
    const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as {
      tokenResponse?: { access_token?: string; patient?: string };
    };
    return { accessToken: state.tokenResponse?.access_token ?? '', patient: state.tokenResponse?.patient ?? '' };
  });
}

/** The launcher's first demo patient: its row, its name, and the row's two launch buttons. */
async function firstPatientRow(page: Page) {
  const row = page
    .locator('tbody tr')
    .filter({ has: page.getByRole('button', { name: 'Launch', exact: true }) })
    .first();
  await row.waitFor();
  const name = (await row.locator('strong').first().textContent())?.trim() ?? '';
  const launch = row.getByRole('button', { name: 'Launch', exact: true });
  return {
    row,
    name,
    patientId: (await launch.getAttribute('value')) ?? '',
    launch,
    launchInFrame: row.getByRole('button', { name: 'Launch in frame', exact: true }),
  };
}

function codeIn(requests: string[], appOrigin: string): string {
  const redirect = requests.findLast((url) => url.startsWith(`${appOrigin}/index.html?`) && url.includes('code='));
  return redirect ? (new URL(redirect).searchParams.get('code') ?? '') : '';
}

async function expectNoLeaks(app: Page | Frame, firstRequest: number, within: BrowserDemo = demo) {
  const { accessToken, patient } = await smartSession(app);
  expect(accessToken.length).toBeGreaterThan(8);
  const code = codeIn(within.requests.slice(firstRequest), within.appOrigin);
  expect(code).not.toBe('');
  // the token is in no URL and no console line; the code and patient id in no console line
  expect(within.leaks([accessToken], firstRequest)).toEqual([]);
  const consoleText = within.console.map((entry) => entry.text).join('\n');
  for (const secret of [accessToken, code, patient]) expect(consoleText).not.toContain(secret);
  expect(within.thirdPartyRequests()).toEqual([]);
}

/** The launch error page, once shown: its problem kind and heading. */
/**
 * launch.html as built, its deployment file (the page's data block, src/smart/config.ts) edited as by
 * hand after the build: the page's scripts and policy stay as built.
 */
async function editSiteOfPage(page: Page, edit: (text: string) => string) {
  await page.route(
    (url) => url.origin === demo.appOrigin && url.pathname === '/launch.html',
    async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const block = /(<script type="application\/json" id="pvp-site">)([\s\S]*?)(<\/script>)/;
      expect(html).toMatch(block);
      await route.fulfill({
        response,
        body: html.replace(block, (_, open: string, text: string, close: string) => open + edit(text) + close),
      });
    },
  );
}

async function errorPage(app: Page | Frame) {
  const page = app.locator('main.launch-error');
  await page.waitFor({ timeout: PAGE_WAIT_MS });
  return { kind: await page.getAttribute('data-problem'), heading: (await page.locator('h1').textContent()) ?? '' };
}

describe('SMART launch from the demo EHR', { timeout: TEST_TIMEOUT_MS }, () => {
  it('EHR launch in the page: lands in the app naming the patient, address bar clean, nothing leaked', async () => {
    const firstRequest = demo.requests.length;
    const page = await demo.newPage();
    await page.goto(`${demo.ehrOrigin}/`);
    await demo.screenshot(page, 'launcher');
    const { launch, name, patientId } = await firstPatientRow(page);
    await launch.click();

    expectSamePatient(await shownPatientName(page), name);
    expect((await smartSession(page)).patient).toBe(patientId);
    expect(page.url()).toBe(`${demo.appOrigin}/index.html`);
    // the EHR's smart_style_url, read from its own origin, becomes the app's CSS variables
    await page.waitForFunction(
      (expected) =>
        getComputedStyle(document.documentElement).getPropertyValue('--smart-color-background').trim() === expected,
      SMART_STYLE.color_background,
      { timeout: PAGE_WAIT_MS },
    );
    await demo.screenshot(page, 'app-after-ehr-launch');
    await expectNoLeaks(page, firstRequest);
    // the app's discovery check reads the document for fhirclient: the EHR is asked once (src/smart/discovery.ts)
    const discovery = demo.requests
      .slice(firstRequest)
      .filter((url) => url.includes('/.well-known/smart-configuration'));
    expect(discovery).toHaveLength(1);

    // a reload keeps the session: no second code exchange, no error page
    await page.reload();
    expectSamePatient(await shownPatientName(page), name);
    expect(page.url()).toBe(`${demo.appOrigin}/index.html`);
    await page.close();
  });

  it('EHR launch inside the launcher’s iframe completes in the frame', async () => {
    const firstRequest = demo.requests.length;
    const page = await demo.newPage();
    await page.goto(`${demo.ehrOrigin}/`);
    const { launchInFrame, name, patientId } = await firstPatientRow(page);
    await launchInFrame.click();

    expectSamePatient(await shownPatientName(page.frameLocator('iframe')), name);
    const appFrame = page.frames().find((f) => f.url().startsWith(demo.appOrigin));
    if (!appFrame) throw new Error('no app frame');
    expect(appFrame.url()).toBe(`${demo.appOrigin}/index.html`);
    expect((await smartSession(appFrame)).patient).toBe(patientId);
    expect(page.url().startsWith(demo.ehrOrigin)).toBe(true);
    await demo.screenshot(page, 'app-in-iframe');
    await expectNoLeaks(appFrame, firstRequest);
    await page.close();
  });

  it('standalone launch: the demo server’s patient picker, then the app', async () => {
    const firstRequest = demo.requests.length;
    const page = await demo.newPage();
    await page.goto(`${demo.ehrOrigin}/`);
    await page.getByRole('link', { name: 'Standalone launch' }).click();
    const choice = page
      .locator('tbody tr')
      .filter({ has: page.getByRole('button', { name: 'Select' }) })
      .first();
    await choice.waitFor();
    await demo.screenshot(page, 'standalone-picker');
    const name = (await choice.locator('td').first().textContent())?.trim() ?? '';
    const patientId = (await choice.getByRole('button', { name: 'Select' }).getAttribute('value')) ?? '';
    await choice.getByRole('button', { name: 'Select' }).click();

    expectSamePatient(await shownPatientName(page), name);
    expect((await smartSession(page)).patient).toBe(patientId);
    expect(page.url()).toBe(`${demo.appOrigin}/index.html`);
    await expectNoLeaks(page, firstRequest);
    await page.close();
  });
});

describe('launches that go wrong get a plain page', { timeout: TEST_TIMEOUT_MS }, () => {
  it('a wrong redirect_uri: the EHR refuses and does not redirect anywhere', async () => {
    const page = await demo.newPage();
    const wrongRedirect = 'http://localhost:1/elsewhere.html';
    await page.route(
      (url) => url.origin === demo.ehrOrigin && url.searchParams.has('redirect_uri'),
      (route) => {
        const url = new URL(route.request().url());
        url.searchParams.set('redirect_uri', wrongRedirect);
        return route.continue({ url: url.href });
      },
    );
    await page.goto(`${demo.ehrOrigin}/`);
    const { launch } = await firstPatientRow(page);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(demo.ehrOrigin) && r.request().url().includes('redirect_uri=')),
      launch.click(),
    ]);
    expect(response.status()).toBe(400);
    await page.waitForURL((url) => url.origin === demo.ehrOrigin && url.searchParams.has('redirect_uri'));
    expect(await page.locator('body').textContent()).toMatch(/redirect_uri/i);
    expect(demo.requests.some((url) => url.startsWith(wrongRedirect))).toBe(false);
    await demo.screenshot(page, 'error-wrong-redirect-uri');
    await page.close();
  });

  it('a reused code (the redirect URL loaded again): "the launch could not be completed"', async () => {
    const page = await demo.newPage();
    // the first token response is lost on the way (the exchange happened on the server), so the
    // app still holds the code when the redirect URL is loaded again
    let dropped = false;
    await page.route(`${demo.ehrOrigin}/**`, async (route) => {
      const request = route.request();
      if (
        !dropped &&
        request.method() === 'POST' &&
        (request.postData() ?? '').includes('grant_type=authorization_code')
      ) {
        dropped = true;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.fallback();
    });
    let redirectUrl = '';
    page.on('request', (request) => {
      if (request.url().startsWith(`${demo.appOrigin}/index.html?`) && request.url().includes('code='))
        redirectUrl = request.url();
    });
    await page.goto(`${demo.ehrOrigin}/`);
    await (await firstPatientRow(page)).launch.click();
    expect((await errorPage(page)).kind).toBe('unreachable');
    expect(dropped).toBe(true);
    await demo.screenshot(page, 'error-token-lost');

    await page.goto(redirectUrl);
    const shown = await errorPage(page);
    expect(shown.kind).toBe('token-failed');
    expect(shown.heading).toBe('The launch could not be completed');
    expect(await page.locator('code').textContent()).toContain('invalid_grant');
    expect(page.url()).toBe(`${demo.appOrigin}/index.html`);
    await demo.screenshot(page, 'error-reused-code');
    await page.close();
  });

  it('index.html opened directly: "the app was not launched"; with a stale state: "the session has expired"', async () => {
    const page = await demo.newPage();
    await page.goto(`${demo.appOrigin}/index.html`);
    expect((await errorPage(page)).kind).toBe('no-state');
    await demo.screenshot(page, 'error-opened-directly');

    await page.goto(`${demo.appOrigin}/index.html?code=stale-code&state=stale-state`);
    expect(await errorPage(page)).toEqual({ kind: 'expired-session', heading: 'The session has expired' });
    expect(page.url()).toBe(`${demo.appOrigin}/index.html`);
    await demo.screenshot(page, 'error-expired-session');
    await page.close();
  });

  it('an OAuth refusal in the redirect: "access was not granted", in German for a German browser', async () => {
    const page = await demo.newPage();
    await page.addInitScript(() => Object.defineProperty(navigator, 'language', { get: () => 'de-DE' }));
    await page.goto(`${demo.appOrigin}/index.html?error=access_denied&error_description=User+declined&state=abc`);
    expect(await errorPage(page)).toEqual({ kind: 'access-denied', heading: 'Der Zugriff wurde nicht gewährt' });
    expect(page.url()).toBe(`${demo.appOrigin}/index.html`);
    await demo.screenshot(page, 'error-access-denied-de');
    await page.close();
  });

  it('a launch from an EHR that is not configured stops on the app’s page, contacting nobody', async () => {
    const page = await demo.newPage();
    const iss = 'https://ehr.evil.example/fhir';
    await page.goto(`${demo.appOrigin}/launch.html?iss=${encodeURIComponent(iss)}&launch=abc`);
    expect(await errorPage(page)).toEqual({ kind: 'unknown-ehr', heading: 'This EHR is not configured' });
    expect(page.url().startsWith(`${demo.appOrigin}/launch.html`)).toBe(true);
    expect(demo.requests.some((url) => url.startsWith('https://ehr.evil.example'))).toBe(false);
    await demo.screenshot(page, 'error-unknown-ehr');
    await page.close();
  });

  it.each([
    {
      what: 'a server that does not offer PKCE S256',
      kind: 'pkce-unsupported',
      setUp: (page: Page) =>
        page.route(`${demo.fhirBase}/.well-known/smart-configuration`, async (route) => {
          const response = await route.fetch();
          const json = (await response.json()) as Record<string, unknown>;
          await route.fulfill({ response, json: { ...json, code_challenge_methods_supported: ['plain'] } });
        }),
    },
    {
      what: 'an EHR that cannot be reached',
      kind: 'unreachable',
      setUp: (page: Page) => page.route(`${demo.fhirBase}/**`, (route) => route.abort('connectionrefused')),
    },
    {
      what: 'a broken deployment file',
      kind: 'bad-config',
      setUp: (page: Page) => editSiteOfPage(page, () => '{ "ehrs": '),
    },
  ])('$what stops launch.html on the "$kind" page', async ({ kind, setUp }) => {
    const page = await demo.newPage();
    await setUp(page);
    await page.goto(`${demo.appOrigin}/launch.html?iss=${encodeURIComponent(demo.fhirBase)}`);
    expect((await errorPage(page)).kind).toBe(kind);
    expect(page.url().startsWith(`${demo.appOrigin}/launch.html`)).toBe(true);
    await demo.screenshot(page, `error-${kind}`);
    await page.close();
  });

  it('an EHR the deployment file lists but the built policy does not: the page names connect-src, not the EHR', async () => {
    // the deployment file in the built page edited by hand after the build: its policy still allows only localhost
    const page = await demo.newPage();
    await editSiteOfPage(page, (text) => {
      const json = JSON.parse(text) as { ehrs: object[] };
      json.ehrs.push({ name: 'Added after the build', iss: 'http://127.0.0.1:*/fhir', clientId: 'pvp-eligibility' });
      return JSON.stringify(json);
    });
    const iss = demo.fhirBase.replace('//localhost:', '//127.0.0.1:');
    await page.goto(`${demo.appOrigin}/launch.html?iss=${encodeURIComponent(iss)}&launch=abc`);
    const shown = await errorPage(page);
    expect(shown).toEqual({ kind: 'csp-blocked', heading: 'The app’s security policy blocks this EHR' });
    expect(await page.locator('main.launch-error').textContent()).toContain('connect-src');
    expect(await page.locator('code').textContent()).toBe(`csp-blocked (connect-src ${new URL(iss).origin})`);
    await demo.screenshot(page, 'error-csp-blocked');
    await page.close();
  });

  it('invalid_client at the token step: the page blames the client registration, not a used code', async () => {
    const page = await demo.newPage();
    await page.route(`${demo.ehrOrigin}/auth/token`, (route) =>
      route.fulfill({
        status: 401,
        headers: { 'Access-Control-Allow-Origin': demo.appOrigin },
        json: { error: 'invalid_client', error_description: 'Client authentication failed' },
      }),
    );
    await page.goto(`${demo.ehrOrigin}/`);
    await (await firstPatientRow(page)).launch.click();
    const shown = await errorPage(page);
    expect(shown).toEqual({ kind: 'client-rejected', heading: 'The EHR does not accept the app’s registration' });
    const text = (await page.locator('main.launch-error').textContent()) ?? '';
    expect(text).toMatch(/client id/);
    expect(text).not.toMatch(/used already|one-time/);
    expect(await page.locator('code').textContent()).toBe('client-rejected (invalid_client)');
    await demo.screenshot(page, 'error-invalid-client');
    await page.close();
  });

  it('no page ever failed with an uncaught error', () => {
    expect(demo.pageErrors).toEqual([]);
  });
});

describe(
  'an EHR on another site frames the app, with its FHIR base in the SMART App Launcher’s form',
  { timeout: TEST_TIMEOUT_MS },
  () => {
    // the EHR on localhost, the app on 127.0.0.1: two sites, as a hospital's EHR and the app are. The
    // launcher's EHR launch sends iss=<origin>/v/r4/fhir (smart-launcher-v2), matched by the demo build's site.json
    let crossSite: BrowserDemo;
    beforeAll(async () => {
      crossSite = await openBrowserDemo({ appHost: '127.0.0.1', fhirPath: '/v/r4/fhir' });
    });
    afterAll(async () => {
      await crossSite?.close();
    });

    it('the launch the frame cannot keep continues in a new window and completes there', async () => {
      expect(crossSite.fhirBase).toBe(`${crossSite.ehrOrigin}/v/r4/fhir`);
      expect(new URL(crossSite.appOrigin).hostname).toBe('127.0.0.1');
      const firstRequest = crossSite.requests.length;
      const page = await crossSite.newPage();
      await page.goto(`${crossSite.ehrOrigin}/`);
      const { launchInFrame, name, patientId } = await firstPatientRow(page);
      await launchInFrame.click();

      const frame = page.frameLocator('iframe');
      const offer = frame.getByRole('link', { name: 'Open PVP Eligibility in a new window' });
      await offer.waitFor({ timeout: PAGE_WAIT_MS });
      // the browser really denies the frame its storage: this is what fhirclient would have met
      const appFrame = page.frames().find((f) => f.url().startsWith(crossSite.appOrigin));
      if (!appFrame) throw new Error('no app frame');
      expect(
        await appFrame.evaluate(() => {
          try {
            return typeof sessionStorage.length;
          } catch (error) {
            return (error as Error).name;
          }
        }),
      ).toBe('SecurityError');
      expect(await frame.locator('main.launch-error').getAttribute('data-problem')).toBe('frame-storage-blocked');
      const href = (await offer.getAttribute('href')) ?? '';
      expect(new URL(href).searchParams.get('iss')).toBe(crossSite.fhirBase);
      await crossSite.screenshot(page, 'app-in-cross-site-frame');

      const [appWindow] = await Promise.all([crossSite.context.waitForEvent('page'), offer.click()]);
      await frame.getByRole('status').waitFor();
      expectSamePatient(await shownPatientName(appWindow), name);
      expect(appWindow.url()).toBe(`${crossSite.appOrigin}/index.html`);
      expect((await smartSession(appWindow)).patient).toBe(patientId);
      await expectNoLeaks(appWindow, firstRequest, crossSite);
      await crossSite.screenshot(appWindow, 'app-continued-in-new-window');
      await appWindow.close();
      await page.close();
    });

    it('an EHR launch in the page with that iss lands in the app', async () => {
      const page = await crossSite.newPage();
      await page.goto(`${crossSite.ehrOrigin}/`);
      const { launch, name } = await firstPatientRow(page);
      await launch.click();
      expectSamePatient(await shownPatientName(page), name);
      expect(
        crossSite.requests.some((url) =>
          url.startsWith(`${crossSite.appOrigin}/launch.html?iss=${encodeURIComponent(crossSite.fhirBase)}&launch=`),
        ),
      ).toBe(true);
      await page.close();
    });

    it('no page ever failed with an uncaught error', () => {
      expect(crossSite.pageErrors).toEqual([]);
    });
  },
);
