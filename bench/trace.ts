/**
 * Where a launch's time goes in the browser, from Chromium's trace of it (the performance timeline
 * and the V8 sampling profiler, recorded through playwright-core): the renderer's main thread, busy
 * or waiting, per page (HTML, compiling and running script, rendering, garbage collection), the
 * script run per chunk, and every frame rendered up to the verdict.
 */
import type { Browser, Page } from 'playwright-core';

/** the page marks the first frame showing the verdict with this User Timing mark */
export const VERDICT_MARK = 'pvp-verdict';

const CATEGORIES = [
  '-*',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'toplevel',
  'blink.user_timing',
  'loading',
  'disabled-by-default-v8.cpu_profiler',
];

export type Work = 'html' | 'compile' | 'script' | 'render' | 'gc' | 'other';

export interface PageTime {
  /** launch.html until index.html starts (the authorization redirect included), then index.html */
  page: string;
  fromMs: number;
  toMs: number;
  /** the renderer's main thread busy, by kind of work */
  busyMs: number;
  work: Record<Work, number>;
}

export interface ChunkTime {
  /** a script file of the build ("index-….js"), or "(native)" for the browser's own code */
  chunk: string;
  page: string;
  /** compiling it on the main thread */
  compileMs: number;
  /** running its code: its module's evaluation and every call into it (V8 profiler samples) */
  runMs: number;
}

export interface RenderTime {
  page: string;
  /** from the launch */
  atMs: number;
  /** style, layout, paint and commit of this frame (or of a layout forced by a script) */
  ms: number;
}

export interface LaunchBreakdown {
  /** from the navigation to launch.html to the first frame showing the verdict (slower than an untraced launch) */
  launchMs: number;
  /** the renderer's main thread busy */
  mainThreadMs: number;
  /** the rest: the page waits (network, the browser's navigation) */
  waitingMs: number;
  /** the browser process's main thread busy meanwhile (navigations, IPC) */
  browserMainMs: number;
  pages: PageTime[];
  chunks: ChunkTime[];
  renders: { count: number; ms: number; largest: RenderTime[] };
}

interface TraceEvent {
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  ph: string;
  name: string;
  id?: string;
  args?: {
    name?: string;
    data?: Record<string, unknown> & { url?: string; documentLoaderURL?: string; startTime?: number };
    beginData?: { url?: string };
    fileName?: string;
  };
}

/** records a trace while `work` runs (one at a time per browser) */
export async function traced(browser: Browser, page: Page, work: () => Promise<void>): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: CATEGORIES });
  let trace: Buffer;
  try {
    await work();
  } finally {
    trace = await browser.stopTracing();
  }
  return (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
}

const JS = new Set([
  'FunctionCall',
  'v8.callFunction',
  'v8.evaluateModule',
  'EvaluateScript',
  'v8.run',
  'RunMicrotasks',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'FireIdleCallback',
  'XHRReadyStateChange',
]);
const RENDER = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'UpdateLayer',
  'ParseAuthorStyleSheet',
  'HitTest',
]);

/** the kind of work an event is, when its name says; else it is its parent's */
function workOf(name: string): Work | undefined {
  if (/GC/.test(name)) return 'gc';
  if (name.startsWith('v8.compile') || name.startsWith('v8.produce')) return 'compile';
  if (RENDER.has(name)) return 'render';
  if (name === 'ParseHTML') return 'html';
  if (JS.has(name)) return 'script';
  return undefined;
}

const chunkOf = (url: string) => url.split('?')[0]?.split('/').pop() || url;

/** every complete event of one thread with its self time, its kind of work and its top-level task */
function selfTimes(events: TraceEvent[]): Array<{ event: TraceEvent; self: number; work: Work; top: TraceEvent }> {
  const sorted = events.filter((e) => e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: Array<{ event: TraceEvent; self: number; work: Work; top: TraceEvent }> = [];
  const stack: Array<(typeof out)[number]> = [];
  for (const event of sorted) {
    const end = event.ts + (event.dur ?? 0);
    while (stack.length && stack[stack.length - 1]!.event.ts + (stack[stack.length - 1]!.event.dur ?? 0) < end)
      stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= event.dur ?? 0;
    const entry = {
      event,
      self: event.dur ?? 0,
      work: workOf(event.name) ?? parent?.work ?? 'other',
      top: parent?.top ?? event,
    };
    out.push(entry);
    stack.push(entry);
  }
  return out;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The breakdown of one launch from its trace: the launch starts with the navigation to launch.html
 * on `appOrigin` and ends at the verdict mark.
 */
export function breakdown(events: TraceEvent[], appOrigin: string): LaunchBreakdown {
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && (e.name === 'thread_name' || e.name === 'process_name'))
      names.set(`${e.name}:${e.pid}:${e.name === 'thread_name' ? e.tid : ''}`, e.args?.name ?? '');
  const fromApp = (url: unknown) => typeof url === 'string' && url.startsWith(appOrigin);
  const launchNav = events.find(
    (e) =>
      e.name === 'navigationStart' &&
      fromApp(e.args?.data?.documentLoaderURL) &&
      e.args?.data?.documentLoaderURL?.includes('/launch.html'),
  );
  // the redirect's request for index.html (its navigation names no address)
  const indexNav = events.find(
    (e) => e.name === 'ResourceSendRequest' && fromApp(e.args?.data?.url) && e.args?.data?.url?.includes('/index.html'),
  );
  const verdict = events.find((e) => e.name === VERDICT_MARK);
  if (!launchNav || !indexNav || !verdict) throw new Error('the trace lacks the launch, the redirect or the verdict');
  // the renderers that parsed the app's pages
  const rendererPids = new Set(
    events.filter((e) => e.name === 'ParseHTML' && fromApp(e.args?.beginData?.url)).map((e) => e.pid),
  );
  const start = launchNav.ts;
  const end = verdict.ts;
  const ms = (ts: number) => (ts - start) / 1000;
  const pageAt = (ts: number) => (ts < indexNav.ts ? 'launch.html' : 'index.html');
  const within = (e: TraceEvent) => e.ts >= start && e.ts <= end;

  const isMain = (e: TraceEvent) => names.get(`thread_name:${e.pid}:${e.tid}`) === 'CrRendererMain';
  const main = selfTimes(events.filter((e) => rendererPids.has(e.pid) && isMain(e) && within(e)));

  const pages: PageTime[] = [
    { page: 'launch.html', fromMs: 0, toMs: ms(indexNav.ts) },
    { page: 'index.html', fromMs: ms(indexNav.ts), toMs: ms(end) },
  ].map((p) => ({
    ...p,
    busyMs: 0,
    work: { html: 0, compile: 0, script: 0, render: 0, gc: 0, other: 0 },
  }));
  const chunks = new Map<string, ChunkTime>();
  const chunk = (name: string, page: string) => {
    const key = `${page}:${name}`;
    const found = chunks.get(key) ?? { chunk: name, page, compileMs: 0, runMs: 0 };
    chunks.set(key, found);
    return found;
  };
  const renderByTask = new Map<TraceEvent, number>();
  for (const { event, self, work, top } of main) {
    const page = pages.find((p) => p.page === pageAt(event.ts))!;
    page.work[work] += self / 1000;
    page.busyMs += self / 1000;
    if (work === 'compile') {
      const url = event.args?.data?.url ?? event.args?.fileName;
      if (url) chunk(chunkOf(url), page.page).compileMs += self / 1000;
    }
    if (work === 'render') renderByTask.set(top, (renderByTask.get(top) ?? 0) + self / 1000);
  }

  // script run per chunk: the V8 profiler's samples on the renderers, each to the nearest frame with
  // a script (its frames name the script by id; the compile and call events name the id's URL)
  const scriptUrls = new Map<string, string>();
  for (const e of events) {
    const data = e.args?.data;
    if (data?.url && data.scriptId !== undefined) scriptUrls.set(`${e.pid}:${String(data.scriptId)}`, data.url);
  }
  const profiles = new Map<
    string,
    { pid: number; time: number; nodes: Map<number, { url: string; parent?: number }> }
  >();
  for (const e of events) {
    if (e.name === 'Profile' && e.id)
      profiles.set(`${e.pid}:${e.id}`, { pid: e.pid, time: e.args?.data?.startTime ?? 0, nodes: new Map() });
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const profile = profiles.get(`${e.pid}:${e.id}`);
    if (!profile || !rendererPids.has(profile.pid)) continue;
    const data = e.args?.data as {
      cpuProfile?: {
        nodes?: Array<{
          id: number;
          parent?: number;
          callFrame: { url?: string; scriptId?: number; functionName: string };
        }>;
        samples?: number[];
      };
      timeDeltas?: number[];
    };
    for (const { id, parent, callFrame } of data.cpuProfile?.nodes ?? []) {
      const special = /^\((garbage collector|program|idle|root)\)$/.test(callFrame.functionName);
      const url = callFrame.url || scriptUrls.get(`${profile.pid}:${callFrame.scriptId}`) || '';
      profile.nodes.set(id, { url: special ? callFrame.functionName : url, parent });
    }
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    samples.forEach((id, i) => {
      profile.time += deltas[i] ?? 0;
      if (profile.time < start || profile.time > end) return;
      let node = profile.nodes.get(id);
      while (node && !node.url && node.parent !== undefined) node = profile.nodes.get(node.parent);
      const url = node?.url ?? '';
      if (!url || url === '(idle)' || url === '(root)' || url === '(program)') return;
      const name = url === '(garbage collector)' ? '(garbage collector)' : chunkOf(url);
      chunk(name, pageAt(profile.time)).runMs += (deltas[i] ?? 0) / 1000;
    });
  }

  const browserMain = selfTimes(
    events.filter((e) => names.get(`thread_name:${e.pid}:${e.tid}`) === 'CrBrowserMain' && within(e)),
  ).filter(({ event, top }) => event === top);
  const renders = [...renderByTask].map(([task, renderMs]) => ({
    page: pageAt(task.ts),
    atMs: round(ms(task.ts)),
    ms: round(renderMs),
  }));
  const mainThreadMs = pages.reduce((sum, p) => sum + p.busyMs, 0);
  return {
    launchMs: round(ms(end)),
    mainThreadMs: round(mainThreadMs),
    waitingMs: round(ms(end) - mainThreadMs),
    browserMainMs: round(browserMain.reduce((sum, { event }) => sum + (event.dur ?? 0), 0) / 1000),
    pages: pages.map((p) => ({
      ...p,
      fromMs: round(p.fromMs),
      toMs: round(p.toMs),
      busyMs: round(p.busyMs),
      work: Object.fromEntries(Object.entries(p.work).map(([k, v]) => [k, round(v)])) as Record<Work, number>,
    })),
    chunks: [...chunks.values()]
      .map((c) => ({ ...c, compileMs: round(c.compileMs), runMs: round(c.runMs) }))
      .filter((c) => c.compileMs + c.runMs >= 0.5)
      .sort((a, b) => b.compileMs + b.runMs - (a.compileMs + a.runMs)),
    renders: {
      count: renders.length,
      ms: round(renders.reduce((sum, r) => sum + r.ms, 0)),
      largest: renders.filter((r) => r.ms >= 2),
    },
  };
}
