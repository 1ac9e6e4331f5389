import { describe, expect, it } from 'vitest';
import { breakdown, VERDICT_MARK } from '../../bench/trace';

// The benchmark's attribution of a launch's time (bench/trace.ts), on a hand-made Chromium trace:
// two pages of the app in one renderer, a script compiled and run, a frame rendered, the verdict.
const APP = 'http://localhost:5000';
const ms = (n: number) => 1_000_000 + n * 1000;
const main = { pid: 7, tid: 1 };
const events = [
  { ...main, ph: 'M', ts: 0, name: 'thread_name', args: { name: 'CrRendererMain' } },
  { pid: 1, tid: 1, ph: 'M', ts: 0, name: 'thread_name', args: { name: 'CrBrowserMain' } },
  {
    ...main,
    ph: 'R',
    ts: ms(0),
    name: 'navigationStart',
    args: { data: { documentLoaderURL: `${APP}/launch.html?iss=x` } },
  },
  { ...main, ph: 'X', ts: ms(100), dur: 5000, name: 'ParseHTML', args: { beginData: { url: `${APP}/launch.html` } } },
  { pid: 1, tid: 1, ph: 'X', ts: ms(150), dur: 3000, name: 'NavigationTask' },
  { ...main, ph: 'I', ts: ms(500), name: 'ResourceSendRequest', args: { data: { url: `${APP}/index.html?code=c` } } },
  { ...main, ph: 'X', ts: ms(600), dur: 2000, name: 'ParseHTML', args: { beginData: { url: `${APP}/index.html` } } },
  // a task running the app's chunk: compiling it (1 ms) inside evaluating it (10 ms in all)
  {
    ...main,
    ph: 'X',
    ts: ms(700),
    dur: 10_000,
    name: 'v8.evaluateModule',
    args: { data: { url: `${APP}/assets/App-x.js` } },
  },
  { ...main, ph: 'X', ts: ms(701), dur: 1000, name: 'v8.compileModule', args: { fileName: `${APP}/assets/App-x.js` } },
  // one frame: a task laying out (4 ms) and painting (1 ms)
  { ...main, ph: 'X', ts: ms(800), dur: 5000, name: 'ThreadControllerImpl::RunTask' },
  { ...main, ph: 'X', ts: ms(800), dur: 4000, name: 'Layout' },
  { ...main, ph: 'X', ts: ms(804), dur: 1000, name: 'Paint' },
  { ...main, ph: 'R', ts: ms(900), name: VERDICT_MARK },
  // after the verdict: not counted
  { ...main, ph: 'X', ts: ms(950), dur: 9000, name: 'FunctionCall' },
];

describe('breakdown of a launch trace', () => {
  const result = breakdown(events, APP);

  it('times the launch from the navigation to launch.html to the verdict mark', () => {
    expect(result.launchMs).toBe(900);
    expect(result.pages.map((p) => [p.page, p.fromMs, p.toMs])).toEqual([
      ['launch.html', 0, 500],
      ['index.html', 500, 900],
    ]);
  });

  it("splits the renderer's busy time per page and kind of work, each event counted once", () => {
    expect(result.pages[0]!.work).toMatchObject({ html: 5, script: 0 });
    expect(result.pages[1]!.work).toMatchObject({ html: 2, compile: 1, script: 9, render: 5 });
    expect(result.mainThreadMs).toBe(22);
    expect(result.waitingMs).toBe(878);
    expect(result.browserMainMs).toBe(3);
  });

  it('names the chunk compiled and the frames rendered', () => {
    expect(result.chunks).toContainEqual({ chunk: 'App-x.js', page: 'index.html', compileMs: 1, runMs: 0 });
    expect(result.renders).toEqual({ count: 1, ms: 5, largest: [{ page: 'index.html', atMs: 800, ms: 5 }] });
  });

  it('says so when the trace lacks the verdict', () => {
    expect(() =>
      breakdown(
        events.filter((e) => e.name !== VERDICT_MARK),
        APP,
      ),
    ).toThrow(/verdict/);
  });
});
