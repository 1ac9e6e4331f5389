import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { startDemo, type DemoOptions, type RunningDemo } from '../mocks/server/demo';
import type { DemoPatient } from '../mocks/patients';
import { CHROMIUM_ARGS, freePort } from '../test/e2e/browser';
import { floorPage, type FloorSettings } from './floor';
import { depths, median } from './measure';
import { breakdown, traced, VERDICT_MARK, type LaunchBreakdown } from './trace';

export interface LaunchTiming {
  /** from opening the EHR's launch URL to the first frame showing the verdict */
  launchToVerdictMs: number;
  requests: number;
  /**
   * sequential round trips: the longest chain of requests each sent after the previous one's answer
   * began, a request counting as many round trips as its answer took latencies (a CORS preflight,
   * a wait for a connection or for another request make it 2 or more)
   */
  roundTrips: number;
  /** every request (origin and path, no query: launch codes stay out), with its round trips and when it was answered */
  chain: string[];
}

export interface LaunchFigures {
  /** the median launch's time; every launch's in order */
  medianMs: number;
  launchesMs: number[];
  roundTrips: number;
  requests: number;
  chain: string[];
  /** one more launch, traced (tracing slows it down): where its time went */
  breakdown: LaunchBreakdown | string;
}

export interface BrowserFigures {
  patient: string;
  latencyMs: number;
  /** the app's launch */
  app: LaunchFigures;
  /** the same launch by a page that only does the redirects and the reads (bench/floor.ts) */
  floor: LaunchFigures;
  /** with `beforeBuild`: the same launch of an earlier build (its dist-demo folder), in turn with the others */
  before?: LaunchFigures;
  appOfFloor: number;
  /** the target: at most 1.5 × the floor's round trips × the latency */
  targetMs: number;
}

/**
 * Real EHR launches in Debian's chromium (playwright-core, no browser download) against the demo
 * with its latency on every answer, the EHR's and the app's own server's: launch.html → discovery
 * → authorize → index.html → token → reads → the verdict visible; and the same launch by the floor
 * page, in turn, so the machine's load falls on both alike. One browser, as on a workstation where
 * the EHR already runs: a launch of each first to warm it up, not counted, then `count` launches of
 * each, each in a fresh context (no cache, cookies or storage shared).
 */
export async function measureBrowserLaunches(
  demo: RunningDemo,
  patient: DemoPatient,
  latencyMs: number,
  now: Date,
  count: number,
  beforeBuild?: string,
): Promise<BrowserFigures> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const others: RunningDemo[] = [];
  const another = async (options: Pick<DemoOptions, 'appPages' | 'appDir'>) => {
    const started = await startDemo({
      ehrPort: await freePort(),
      appPort: await freePort(),
      app: 'dist',
      ...options,
      latencyMs,
      appLatencyMs: latencyMs,
      samples: false,
      now,
    });
    others.push(started);
    await launchOnce(browser, started, patient, latencyMs);
    return started;
  };
  try {
    const warmUp = await launchOnce(browser, demo, patient, latencyMs);
    const floorPages = { '/launch.html': floorPage(warmUp.floor), '/index.html': floorPage(warmUp.floor) };
    const demos = { app: demo, floor: await another({ appPages: floorPages }) };
    const beforeDemo = beforeBuild === undefined ? undefined : await another({ appDir: beforeBuild });
    const launches = { app: [] as LaunchTiming[], floor: [] as LaunchTiming[], before: [] as LaunchTiming[] };
    for (let i = 0; i < count; i++) {
      launches.app.push(await launchOnce(browser, demos.app, patient, latencyMs));
      if (beforeDemo) launches.before.push(await launchOnce(browser, beforeDemo, patient, latencyMs));
      launches.floor.push(await launchOnce(browser, demos.floor, patient, latencyMs));
    }
    const app = figures(launches.app, await tracedBreakdown(browser, demos.app, patient, latencyMs));
    const floor = figures(launches.floor, await tracedBreakdown(browser, demos.floor, patient, latencyMs));
    return {
      patient: patient.id,
      latencyMs,
      app,
      floor,
      ...(beforeDemo && {
        before: figures(launches.before, await tracedBreakdown(browser, beforeDemo, patient, latencyMs)),
      }),
      appOfFloor: app.medianMs / floor.medianMs,
      targetMs: 1.5 * floor.roundTrips * latencyMs,
    };
  } finally {
    for (const other of others) await other.close();
    await browser.close();
  }
}

function figures(launches: LaunchTiming[], trace: LaunchBreakdown | string): LaunchFigures {
  const middle = [...launches].sort((a, b) => a.launchToVerdictMs - b.launchToVerdictMs)[
    Math.floor(launches.length / 2)
  ]!;
  return {
    medianMs: Math.round(middle.launchToVerdictMs),
    launchesMs: launches.map((launch) => Math.round(launch.launchToVerdictMs)),
    roundTrips: median(launches.map((launch) => launch.roundTrips)),
    requests: middle.requests,
    chain: middle.chain,
    breakdown: trace,
  };
}

async function tracedBreakdown(
  browser: Browser,
  demo: RunningDemo,
  patient: DemoPatient,
  latencyMs: number,
): Promise<LaunchBreakdown | string> {
  try {
    let trace: Awaited<ReturnType<typeof traced>> = [];
    await launchOnce(browser, demo, patient, latencyMs, async (run) => {
      trace = await traced(browser, run.page, run.launch);
    });
    return breakdown(trace, new URL(demo.appUrl).origin);
  } catch (error) {
    return `not measured: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** the page notes the wall-clock time of the first frame that shows the verdict, and marks it for the trace */
interface VerdictClock {
  verdictShownAt?: number;
}

function noteWhenTheVerdictShows(mark: string): void {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="verdict"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      performance.mark(mark);
      (window as VerdictClock).verdictShownAt = performance.timeOrigin + performance.now();
    });
  }).observe(document, { childList: true, subtree: true });
}

/**
 * when a request started and was answered, and the round trips it took: as many as its answer took
 * latencies (at least 1), and one more for its CORS preflight, which Chromium sends first and does
 * not report (the request's timing starts after it)
 */
function timed(
  request: Request,
  latencyMs: number,
  preflighted: boolean,
): { start: number; end: number; roundTrips: number } {
  const timing = request.timing();
  const end = timing.startTime + (timing.responseStart > 0 ? timing.responseStart : timing.responseEnd);
  const measured = latencyMs > 0 ? Math.max(1, Math.floor((end - timing.startTime) / latencyMs + 0.25)) : 1;
  // the preflight is a round trip to the same server with no work in it: taken to have lasted one
  // latency (at most the request's own wait). Taken as long as the request's own wait, a batch's
  // preflight began before the token's answer that it waited for, and the chain lost a round trip
  const preflight = Math.min(Math.max(timing.responseStart, 0), latencyMs);
  return preflighted
    ? { start: timing.startTime - preflight, end, roundTrips: measured + 1 }
    : { start: timing.startTime, end, roundTrips: measured };
}

/** the headers a request may carry to another origin without a preflight (Fetch standard, "CORS-safelisted request-header") */
const SAFELISTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const browserHeader = (name: string) => name.startsWith('sec-') || ['user-agent', 'referer'].includes(name);

/**
 * The requests Chromium sent a CORS preflight for: to another origin than their page's, with a method
 * other than GET, HEAD or POST or a header outside the safelist (Authorization, a FHIR content type),
 * the first to their URL (the demo EHR sends no Access-Control-Max-Age: Chromium keeps the answer 5 s).
 */
function preflightedRequests(requests: Request[]): Set<Request> {
  const seen = new Set<string>();
  const preflighted = new Set<Request>();
  for (const request of requests) {
    if (!['fetch', 'xhr'].includes(request.resourceType())) continue; // a navigation or a file the page loads: no CORS
    let pageOrigin: string;
    try {
      pageOrigin = new URL(request.frame().url()).origin;
    } catch {
      continue;
    }
    const url = new URL(request.url());
    if (url.origin === pageOrigin || seen.has(url.href)) continue;
    const unsafe = Object.entries(request.headers()).some(
      ([name, value]) =>
        !browserHeader(name) &&
        !['accept', 'accept-language', 'content-language'].includes(name) &&
        !(name === 'content-type' && SAFELISTED_CONTENT_TYPES.includes(value.split(';')[0]!.trim())),
    );
    if (unsafe || !['GET', 'HEAD', 'POST'].includes(request.method())) {
      seen.add(url.href);
      preflighted.add(request);
    }
  }
  return preflighted;
}

const SETTLE_MS = 1500;

interface Launch {
  page: Page;
  launch: () => Promise<void>;
}

async function launchOnce(
  browser: Browser,
  demo: RunningDemo,
  patient: DemoPatient,
  latencyMs: number,
  around: (run: Launch) => Promise<void> = (run) => run.launch(),
): Promise<LaunchTiming & { floor: FloorSettings }> {
  const context = await browser.newContext();
  // the page's own clock: waiting for the verdict from here polls, which adds tens of milliseconds
  await context.addInitScript(noteWhenTheVerdictShows, VERDICT_MARK);
  try {
    const page = await context.newPage();
    // a new window loads Chromium's own pages (its omnibox popup: about a second of CPU on this
    // machine); on a workstation they are long loaded, so they settle before the launch starts
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const requests: Request[] = [];
    const done = new Set<Request>();
    page.on('request', (request) => requests.push(request));
    page.on('requestfinished', (request) => done.add(request));

    const launch = demo.ehr.createLaunch({
      patient: patient.id,
      ...(patient.encounterId && { encounter: patient.encounterId }),
    });
    let startedAt = 0;
    await around({
      page,
      launch: async () => {
        startedAt = Date.now();
        await page.goto(demo.ehr.launchUrl(launch));
        await page.getByTestId('verdict').waitFor({ state: 'visible', timeout: 60_000 });
        await page.waitForFunction(() => (window as VerdictClock).verdictShownAt);
      },
    });
    const shownAt = await page.evaluate(() => (window as VerdictClock).verdictShownAt ?? 0);

    // what the launch needed: requests answered before the verdict showed (not the note builder's
    // chunk, fetched afterwards while the browser is idle)
    const preflighted = preflightedRequests(requests);
    const calls = requests
      .filter((request) => done.has(request))
      .map((request) => ({ url: request.url(), request, ...timed(request, latencyMs, preflighted.has(request)) }))
      .filter((call) => call.end < shownAt);
    const placed = depths(calls);
    const authorize = new URL(requests.find((request) => request.url().includes('/auth/authorize'))?.url() ?? 'x:');
    // the reads: the FHIR requests sent after the token request (the CapabilityStatement goes before
    // it); not by time, since a preflighted request's start is an estimate (timed), which put the
    // reads sent at once on the token's answer before it and left the floor with no reads
    const token = requests.findIndex((request) => request.url().includes('/auth/token'));
    const fhirBase = `${demo.fhirBase}/`;
    const reads = calls.filter(
      (call) => `${call.url}/`.startsWith(fhirBase) && token >= 0 && requests.indexOf(call.request) > token,
    );
    const batch = reads.find((call) => call.request.method() === 'POST');
    return {
      launchToVerdictMs: shownAt - startedAt,
      requests: calls.length,
      roundTrips: Math.max(0, ...placed.map((call) => call.depth)),
      chain: placed.map(
        (call) =>
          `${call.depth}${call.roundTrips > 1 ? ` (${call.roundTrips} round trips${preflighted.has(call.request) ? ', a CORS preflight first' : ''})` : ''}: ${call.url.split('?')[0]} ` +
          `answered at ${Math.round(call.end - startedAt)} ms`,
      ),
      floor: {
        clientId: authorize.searchParams.get('client_id') ?? '',
        scope: authorize.searchParams.get('scope') ?? '',
        // the reads of the record and of the app's own latest note, not the signing surgeon's resource
        reads: reads
          .filter((call) => call.request.method() === 'GET')
          .map((call) => call.url.slice(fhirBase.length))
          .filter((read) => !read.startsWith('Practitioner/') && !read.startsWith('.well-known')),
        ...(batch && { batch: batch.request.postData() ?? '' }),
      },
    };
  } finally {
    await context.close();
  }
}
