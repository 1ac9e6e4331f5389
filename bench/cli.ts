/**
 * The command-line assessor in `npm run bench`: how fast it starts, and how fast it screens many
 * patients against the floor, `JSON.parse` of the same files in the same run. The inputs are the
 * public samples in the repository (mocks/patients/fhir-samples: full Synthea charts of about 1 MB,
 * the bulk ndjson set) and, for a size where the start no longer counts, a larger export made here
 * from those charts (every id suffixed per copy) in a temporary folder, removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_SAMPLES_DIR, processTransaction } from '../mocks/patients/samples';
import { screenBundleFolder, screenExport, type BatchOptions } from '../src/cli/batch';
import { parseNow } from '../src/cli/args';
import { machineTimeZone } from '../src/clinical/dates';
import { median } from './measure';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist-cli/pvp-assess.js');
const NOW = ['--now', '2026-11-25'];
/** the full charts: one transaction Bundle a patient */
const CHART_DIRS = ['generated-sample-data', 'exf-qicore-synthea-dataset', 'inferno-reference-server-data'];
const BULK_DIR = join(DEFAULT_SAMPLES_DIR, 'sample-bulk-fhir-datasets');
/** copies of the charts in the larger export */
const COPIES = 16;
const RUNS = 5;
const START_RUNS = 7;
/** how long a work done in this process is repeated before it is timed (steadily) */
const WARM_UP_MS = 1_000;

/** prints the process's peak memory (KiB) and CPU time (µs, user + system) on stderr as it exits */
const RESOURCE_USAGE = [
  '--import',
  "data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nmaxRSS '+u.maxRSS+' cpu '+(u.userCPUTime+u.systemCPUTime)+'\\n')})",
];

/** a process's time: wall clock, and CPU (user + system), which the machine's load disturbs less */
export interface ProcessTime {
  wallMs: number;
  cpuMs: number;
}

export interface StartFigures {
  /** a process assessing a one-resource record, median of START_RUNS */
  bin: ProcessTime;
  npmRunAssess: ProcessTime;
  /** before: `tsx src/cli/assess.ts`, what `npm run assess` ran (no CPU time: npm and tsx start processes of their own) */
  tsx: ProcessTime;
  /** a bare `node` reading and parsing the same file */
  bareNode: ProcessTime;
}

export interface BatchFigures {
  name: string;
  /** a set made large enough that node's start no longer counts: the whole command's target applies */
  atScale: boolean;
  command: string;
  files: number;
  megabytes: number;
  patients: number;
  /** the assessor, a process from start to exit, median of RUNS */
  cli: ProcessTime;
  cliMBps: number;
  /** the floor: reading and JSON.parse of the same files (every line of ndjson), in this process, median of RUNS */
  floor: ProcessTime;
  floorMBps: number;
  /** the assessor's throughput as a share of the floor's (the target is at least 0.5 at scale), by wall and by CPU time */
  ofFloor: number;
  ofFloorCpu: number;
  /**
   * the assessor's rate without node's start: the batch function (src/cli/batch.ts, reading the
   * files, assessing, writing the lines) in this process, median of RUNS in turn with the floor
   */
  inProcess: ProcessTime;
  inProcessMBps: number;
  /** its share of the floor's throughput (the target is at least 0.5 on every input), by wall and by CPU time */
  inProcessOfFloor: number;
  inProcessOfFloorCpu: number;
  /** a bare node process doing the floor's work (its start included, as the assessor's is) */
  processFloor: ProcessTime;
  /** the assessor's throughput as a share of that process's, by wall and by CPU time */
  ofProcessFloor: number;
  ofProcessFloorCpu: number;
  peakMemoryMB: number;
  /** with an earlier build (BENCH_BEFORE): its assessor on the same files, in turn with the others */
  before?: ProcessTime & { ofFloor: number; ofFloorCpu: number };
}

export interface CliFigures {
  start: StartFigures;
  batches: BatchFigures[];
}

/** runs a node script (with the resource-usage hook) or another command; its times and stderr */
function timed(command: string, args: string[]): ProcessTime & { stderr: string } {
  const node = command === process.execPath;
  const start = performance.now();
  const result = spawnSync(command, node ? [...RESOURCE_USAGE, ...args] : args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wallMs = performance.now() - start;
  const stderr = result.stderr.toString();
  if (result.status !== 0 && result.status !== 2)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${stderr}`);
  const cpu = Number(/ cpu (\d+)/.exec(stderr)?.[1]);
  return { wallMs, cpuMs: node ? cpu / 1000 : Number.NaN, stderr };
}

const medianTime = (times: ProcessTime[]): ProcessTime => ({
  wallMs: median(times.map((t) => t.wallMs)),
  cpuMs: median(times.map((t) => t.cpuMs)),
});

/** one round of each, then `rounds` counted rounds, in turn so that the machine's load falls on all alike */
function inTurn<K extends string>(rounds: number, each: Record<K, () => ProcessTime>): Record<K, ProcessTime> {
  const names = Object.keys(each) as K[];
  const runs = new Map<K, ProcessTime[]>(names.map((name) => [name, []]));
  for (let round = 0; round <= rounds; round++)
    for (const name of names) {
      const time = each[name]();
      // the first round warms the file cache and the machine, not counted
      if (round > 0) runs.get(name)!.push(time);
    }
  return Object.fromEntries(names.map((name) => [name, medianTime(runs.get(name)!)])) as Record<K, ProcessTime>;
}

function startFigures(dir: string): StartFigures {
  const file = join(dir, 'one-resource.json');
  writeFileSync(
    file,
    JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Patient', id: 'p' } }],
    }),
  );
  const args = ['--bundle', file, ...NOW];
  return inTurn(START_RUNS, {
    bin: () => timed(process.execPath, [BIN, ...args]),
    npmRunAssess: () => timed('npm', ['run', '-s', 'assess', '--', ...args]),
    tsx: () => timed('npx', ['tsx', 'src/cli/assess.ts', ...args]),
    bareNode: () =>
      timed(process.execPath, ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]),
  });
}

/** the floor's work, as source: run in this process and in a bare node process alike */
const FLOOR = `(readFileSync, files) => {
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.ndjson')) { for (const line of text.split('\\n')) if (line.trim()) JSON.parse(line); }
    else JSON.parse(text);
  }
}`;
const parseFloor = (0, eval)(FLOOR) as (read: typeof readFileSync, files: string[]) => void;

function inThisProcess(work: () => void): ProcessTime {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * A work timed in this process at its steady rate: before its first timed round it is repeated for
 * WARM_UP_MS (at least once), so that its code is compiled and optimised, as it is a few files into a
 * long batch. One round was not enough on a small input: on the bulk set (13 records, 4 ms of
 * parsing) the compiler was still at work through the timed rounds.
 */
function steadily(work: () => void): () => ProcessTime {
  let warm = false;
  return () => {
    if (!warm) {
      const until = performance.now() + WARM_UP_MS;
      do work();
      while (performance.now() < until);
      warm = true;
    }
    return inThisProcess(work);
  };
}

function batchFigures(
  name: string,
  flag: '--bundle' | '--ndjson',
  dir: string,
  beforeBin: string | undefined,
  atScale = false,
): BatchFigures {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(flag === '--bundle' ? '.json' : '.ndjson'))
    .map((f) => join(dir, f));
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  let stderr = '';
  // the command's options and output, kept in this process (the lines counted, not printed)
  const options: BatchOptions = {
    now: parseNow(NOW[1], new Date()),
    ruleSetId: 'pvp-guideline',
    timeZone: machineTimeZone(),
  };
  let lines = 0;
  const io = { stdout: () => void lines++, stderr: () => {}, today: new Date(), stdoutIsTerminal: true };
  const works = {
    cli: () => {
      const run = timed(process.execPath, [BIN, flag, dir, ...NOW]);
      stderr = run.stderr;
      return run;
    },
    floor: steadily(() => parseFloor(readFileSync, files)),
    inProcess: steadily(() => (flag === '--bundle' ? screenBundleFolder : screenExport)(dir, options, io)),
    processFloor: () =>
      timed(process.execPath, ['-e', `(${FLOOR})(require('fs').readFileSync, ${JSON.stringify(files)})`]),
  };
  const times: Record<keyof typeof works, ProcessTime> & { before?: ProcessTime } = beforeBin
    ? inTurn(RUNS, { ...works, before: () => timed(process.execPath, [beforeBin, flag, dir, ...NOW]) })
    : inTurn(RUNS, works);
  const megabytes = bytes / 1024 / 1024;
  return {
    name,
    atScale,
    command: `pvp-assess ${flag} DIR`,
    files: files.length,
    megabytes,
    patients: Number(/(\d[\d,]*) of [\d,]+ patients/.exec(stderr)?.[1]?.replace(/,/g, '') ?? Number.NaN),
    cli: times.cli,
    cliMBps: megabytes / (times.cli.wallMs / 1000),
    floor: times.floor,
    floorMBps: megabytes / (times.floor.wallMs / 1000),
    ofFloor: times.floor.wallMs / times.cli.wallMs,
    ofFloorCpu: times.floor.cpuMs / times.cli.cpuMs,
    inProcess: times.inProcess,
    inProcessMBps: megabytes / (times.inProcess.wallMs / 1000),
    inProcessOfFloor: times.floor.wallMs / times.inProcess.wallMs,
    inProcessOfFloorCpu: times.floor.cpuMs / times.inProcess.cpuMs,
    processFloor: times.processFloor,
    ofProcessFloor: times.processFloor.wallMs / times.cli.wallMs,
    ofProcessFloorCpu: times.processFloor.cpuMs / times.cli.cpuMs,
    peakMemoryMB: Number(/maxRSS (\d+)/.exec(stderr)?.[1] ?? Number.NaN) / 1024,
    ...(times.before && {
      before: {
        ...times.before,
        ofFloor: times.floor.wallMs / times.before.wallMs,
        ofFloorCpu: times.floor.cpuMs / times.before.cpuMs,
      },
    }),
  };
}

/** every id and literal reference of a resource with `suffix` added: a copy that is another patient */
function renamed(resource: fhir4.FhirResource, suffix: string): string {
  return JSON.stringify(resource).replace(
    /"(id|reference)":"((?:[A-Z][A-Za-z]+\/)?)([^"/]+)"/g,
    (_all, key: string, type: string, id: string) => `"${key}":"${type}${id}${suffix}"`,
  );
}

/** the full charts as a folder of Bundles, and COPIES of them as a folder of Bundles and as an export */
function inputs(dir: string): { charts: string; manyCharts: string; export: string } {
  const chartFiles = CHART_DIRS.flatMap((sub) =>
    readdirSync(join(DEFAULT_SAMPLES_DIR, sub))
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(DEFAULT_SAMPLES_DIR, sub, f)),
  );
  const charts = join(dir, 'charts');
  const manyCharts = join(dir, 'charts-copies');
  const exportDir = join(dir, 'export');
  for (const folder of [charts, manyCharts, exportDir]) mkdirSync(folder);
  const byType = new Map<string, string[]>();
  chartFiles.forEach((file, c) => {
    copyFileSync(file, join(charts, `${c}.json`));
    const resources = processTransaction(JSON.parse(readFileSync(file, 'utf8')) as fhir4.Bundle);
    for (let copy = 0; copy < COPIES; copy++) {
      const lines = resources.map((resource) => renamed(resource, `-${copy}`));
      writeFileSync(
        join(manyCharts, `${c}-${copy}.json`),
        `{"resourceType":"Bundle","type":"collection","entry":[${lines.map((l) => `{"resource":${l}}`).join(',')}]}`,
      );
      resources.forEach((resource, i) => {
        const type = byType.get(resource.resourceType) ?? [];
        byType.set(resource.resourceType, type);
        type.push(lines[i]!);
      });
    }
  });
  for (const [type, lines] of byType) writeFileSync(join(exportDir, `${type}.000.ndjson`), `${lines.join('\n')}\n`);
  return { charts, manyCharts, export: exportDir };
}

/** `beforeBuild`: an earlier build's folder (its dist-cli/pvp-assess.js is timed beside this one's) */
export function measureCli(beforeBuild?: string): CliFigures {
  const beforeBin = beforeBuild === undefined ? undefined : join(resolve(beforeBuild), 'dist-cli/pvp-assess.js');
  const dir = mkdtempSync(join(tmpdir(), 'pvp-bench-cli-'));
  try {
    const made = inputs(dir);
    return {
      start: startFigures(dir),
      batches: [
        batchFigures('Synthea charts (samples)', '--bundle', made.charts, beforeBin),
        batchFigures('bulk ndjson set (samples)', '--ndjson', BULK_DIR, beforeBin),
        batchFigures(`the charts × ${COPIES} as Bundles`, '--bundle', made.manyCharts, beforeBin, true),
        batchFigures(`the charts × ${COPIES} as a Bulk Data export`, '--ndjson', made.export, beforeBin, true),
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
