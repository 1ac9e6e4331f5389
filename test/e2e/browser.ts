/**
 * The shared harness of the browser tests: Debian's chromium driven by playwright-core (no browser
 * download), the demo EHR and the demo build of the app (dist-demo/, from `npm run build`) served on free ports,
 * and a record of everything the browser did: every request URL and every console message, so a
 * test can assert that no third-party origin was contacted and no token, code or patient id was
 * written to the console or put into a URL.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { SurgeonAnswers } from '../../src/clinical/answers';
import type { FaultRuleJson } from '../../mocks/ehr';
import { startDemo, type DemoOptions, type RunningDemo } from '../../mocks/server/demo';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * The demo EHR declares batch, so the app reads a record in one batch Bundle; its fault rules are
 * per request. A test of one list's fault (or of the lists arriving one by one) adds this first:
 * the batch refused as a whole (403, as an authorization layer with no rule for batches would),
 * the app reads each list on its own, where the fault applies.
 */
export const REFUSED_BATCH: FaultRuleJson = {
  method: 'POST',
  pathPattern: '^/fhir/?$',
  fault: { kind: 'status', status: 403 },
};

export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'e2e');
const SCREENSHOT_WIDTHS = [360, 1280] as const;

export interface ConsoleEntry {
  type: string;
  text: string;
  /** the page or frame that logged it */
  url: string;
}

export interface BrowserDemo {
  ehrOrigin: string;
  appOrigin: string;
  /** the demo EHR's FHIR base (the `iss`) */
  fhirBase: string;
  /** the running demo: its fault injection (`server.faults`) and the demo EHR (`server.ehr`) */
  server: RunningDemo;
  context: BrowserContext;
  /** every URL the browser requested, in order (pages, frames, scripts, fetches, redirects) */
  requests: string[];
  console: ConsoleEntry[];
  /** page errors (uncaught exceptions) */
  pageErrors: string[];
  newPage(): Promise<Page>;
  /** saves `<name>-360.png` and `<name>-1280.png` (full page) under test-results/e2e; returns the paths */
  screenshot(page: Page, name: string): Promise<string[]>;
  /** request URLs whose origin is neither the demo EHR nor the app */
  thirdPartyRequests(): string[];
  /** console lines and request URLs (after the given index) that contain one of the secrets */
  leaks(secrets: string[], fromRequest?: number): string[];
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the demo EHR (serving the demo build, dist-demo/) and chromium with a fresh profile. Call
 * once per test file (or describe). `appHost: '127.0.0.1'` puts the app on another site than the
 * EHR (localhost), as a hospital's EHR and app are; `fhirPath` moves the EHR's FHIR base; `fhir`
 * puts the demo's authorization server in front of that FHIR server (test/hapi).
 */
export async function openBrowserDemo(
  options: Pick<DemoOptions, 'appHost' | 'fhirPath' | 'fhir'> = {},
): Promise<BrowserDemo> {
  const [ehrPort, appPort] = [await freePort(), await freePort()];
  const server = await startDemo({ ehrPort, appPort, app: 'dist', ...options });
  const ehrOrigin = new URL(server.ehrUrl).origin;
  const appOrigin = new URL(server.appUrl).origin;
  const profile = await mkdtemp(join(tmpdir(), 'pvp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  const requests: string[] = [];
  const consoleEntries: ConsoleEntry[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('console', (message) =>
    consoleEntries.push({ type: message.type(), text: message.text(), url: message.location().url }),
  );
  context.on('weberror', (error) => pageErrors.push(String(error.error())));
  // the persistent context opens with one blank page; tests open their own
  await Promise.all(context.pages().map((page) => page.close()));

  return {
    ehrOrigin,
    appOrigin,
    fhirBase: server.fhirBase,
    server,
    context,
    requests,
    console: consoleEntries,
    pageErrors,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const original = page.viewportSize() ?? { width: 1280, height: 800 };
      const paths: string[] = [];
      for (const width of SCREENSHOT_WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        const path = join(SCREENSHOT_DIR, `${name}-${width}.png`);
        await page.screenshot({ path, fullPage: true });
        paths.push(path);
      }
      await page.setViewportSize(original);
      return paths;
    },
    thirdPartyRequests() {
      return requests.filter((url) => {
        if (!/^https?:/.test(url)) return false; // data:, blob:, about:
        const origin = new URL(url).origin;
        return origin !== ehrOrigin && origin !== appOrigin;
      });
    },
    leaks(secrets, fromRequest = 0) {
      const wanted = secrets.filter((secret) => secret.length >= 4);
      const lines = [...consoleEntries.map((entry) => entry.text), ...requests.slice(fromRequest)];
      return lines.filter((line) => wanted.some((secret) => line.includes(secret)));
    },
    async close() {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Gives the surgeon's answer as the screen takes it: the choice that sets `criterion` to `status`,
 * opening "All criteria" when the question is listed there. A status another answer already implies
 * (the posterior wall "assessed", by answering "intact" or "disrupted") has no choice of its own:
 * returns false.
 */
export async function answer(page: Page, criterion: string, status: string): Promise<boolean> {
  const choice = page.locator(`input[type="radio"][data-answers="${criterion}"][value="${status}"]`);
  if ((await choice.count()) === 0) return false;
  if (!(await choice.isVisible())) await page.getByTestId('all-criteria').locator('> summary').click();
  // the record's finding is shown chosen until confirmed: confirming makes it the surgeon's answer
  const confirm = choice.locator('xpath=ancestor::fieldset[1]').getByTestId('prefilled').getByRole('button');
  if ((await choice.isChecked()) && (await confirm.count()) > 0) await confirm.click();
  else await choice.check();
  return true;
}

/** Every answer of a scenario, in order. */
export async function answerAll(page: Page, answers: SurgeonAnswers | undefined): Promise<void> {
  for (const [criterion, given] of Object.entries(answers ?? {})) await answer(page, criterion, given.status);
}

/** Whether the screen shows this answer chosen (true for one that another answer implies). */
export async function showsAnswer(page: Page, criterion: string, status: string): Promise<boolean> {
  const choice = page.locator(`input[type="radio"][data-answers="${criterion}"][value="${status}"]`);
  return (await choice.count()) === 0 || choice.isChecked();
}
