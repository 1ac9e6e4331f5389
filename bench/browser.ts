import { chromium, type Browser } from 'playwright-core';
import type { RunningDemo } from '../mocks/server/demo';
import type { DemoPatient } from '../mocks/patients';
import { CHROMIUM_ARGS } from '../test/e2e/browser';
import { chainDepth, depths } from './measure';

export interface BrowserLaunch {
  patient: string;
  latencyMs: number;
  /** from opening the EHR's launch URL to the verdict on screen */
  launchToVerdictMs: number;
  requests: number;
  /** every request of the launch: pages, scripts, SMART discovery, authorize, token, FHIR reads */
  roundTrips: number;
  /** the FHIR reads after the token: what the fetch stage adds */
  fhirRoundTrips: number;
  /** every request (origin and path, no query: launch codes stay out) with its place in the chain */
  chain: string[];
}

/**
 * Real EHR launches in Debian's chromium (playwright-core, no browser download) against the demo
 * with its latency: launch.html → authorize → index.html → token → reads → the verdict visible.
 * One browser, as on a workstation where the EHR already runs: a launch first to warm it up, not
 * measured, then `count` launches, each in a fresh context (no cache, cookies or storage shared).
 */
export async function measureBrowserLaunches(
  demo: RunningDemo,
  patient: DemoPatient,
  latencyMs: number,
  count: number,
): Promise<BrowserLaunch[]> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    await launchOnce(browser, demo, patient, latencyMs);
    const launches: BrowserLaunch[] = [];
    for (let i = 0; i < count; i++) launches.push(await launchOnce(browser, demo, patient, latencyMs));
    return launches;
  } finally {
    await browser.close();
  }
}

/** the page notes the wall-clock time of the first frame that shows the verdict */
interface VerdictClock {
  verdictShownAt?: number;
}

function noteWhenTheVerdictShows(): void {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="verdict"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => ((window as VerdictClock).verdictShownAt = performance.timeOrigin + performance.now()));
  }).observe(document, { childList: true, subtree: true });
}

async function launchOnce(
  browser: Browser,
  demo: RunningDemo,
  patient: DemoPatient,
  latencyMs: number,
): Promise<BrowserLaunch> {
  const context = await browser.newContext();
  // the page's own clock: waiting for the verdict from here polls, which adds tens of milliseconds
  await context.addInitScript(noteWhenTheVerdictShows);
  try {
    const page = await context.newPage();
    const calls = new Map<object, { url: string; start: number; end: number }>();
    page.on('request', (request) =>
      calls.set(request, { url: request.url(), start: performance.now(), end: Infinity }),
    );
    const finish = (request: object) => {
      const call = calls.get(request);
      if (call) call.end = performance.now();
    };
    page.on('requestfinished', finish);
    page.on('requestfailed', finish);

    const launch = demo.ehr.createLaunch({
      patient: patient.id,
      ...(patient.encounterId && { encounter: patient.encounterId }),
    });
    const start = performance.now();
    const startedAt = Date.now();
    await page.goto(demo.ehr.launchUrl(launch));
    await page.getByTestId('verdict').waitFor({ state: 'visible', timeout: 60_000 });
    const shownAt = await page
      .waitForFunction(() => (window as VerdictClock).verdictShownAt ?? 0)
      .then((handle) => handle.jsonValue());
    const verdictAt = start + (shownAt - startedAt);

    // what the launch needed: requests started before the verdict showed (not the note builder's
    // chunk, fetched afterwards while the browser is idle)
    const all = [...calls.values()].filter((call) => call.end !== Infinity && call.start < verdictAt);
    const token = all.find((call) => call.url.includes('/auth/token'));
    const reads = all.filter(
      (call) =>
        call.url.startsWith(demo.fhirBase) && !call.url.includes('.well-known') && (!token || call.start >= token.end),
    );
    return {
      patient: patient.id,
      latencyMs,
      launchToVerdictMs: verdictAt - start,
      requests: all.length,
      roundTrips: chainDepth(all),
      fhirRoundTrips: chainDepth(reads),
      chain: depths(all).map((call) => `${call.depth}: ${call.url.split('?')[0]}`),
    };
  } finally {
    await context.close();
  }
}
