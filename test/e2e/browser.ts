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
import { startDemo, type DemoOptions, type RunningDemo } from '../../mocks/server/demo';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

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
