import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { assess, RecordError, toInterfaceJson, type PatientRecord } from '../clinical';
import { quoted, readBundle, terminalSafe, type SetAside } from '../clinical/bundle';
import type { TimeZone } from '../clinical/dates';
import { CLINICAL_TYPES } from '../clinical/record';
import { plural } from '../lang';
import { UsageError } from './args';
import { megabytes, ReadBuffer } from './files';
import { readRecord } from './input';
import { ExportReader, indexExport, type ExportIndex } from './ndjson-export';
import type { CliIo } from './run';

// the terminal's counts, in English
const LINE = { one: 'line', other: 'lines' };
const FILE = { one: 'file', other: 'files' };

export interface BatchOptions {
  now: Date;
  ruleSetId: string;
  /** the machine's, as for one patient (run.ts): made once, it keeps the offsets it has worked out */
  timeZone: TimeZone;
}

/** the files of a folder whose names end in `ending`, in name order (hidden files left out) */
function filesIn(dir: string, ending: string): { files: string[]; others: number } {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the folder ${quoted(dir)}${code ? ` (${code})` : ''}`);
  }
  const visible = names.filter((name) => !name.startsWith('.'));
  const files = visible.filter((name) => name.endsWith(ending)).map((name) => join(dir, name));
  if (files.length === 0) throw new UsageError(`the folder ${quoted(dir)} holds no ${ending} file`);
  return { files, others: visible.length - files.length };
}

/** 1200 → "1,200" (toLocaleString loads the locale data first: longer than assessing a small chart) */
export const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * "assess: 1,200 of 5,000 patients, 610 MB, 48 MB/s" on stderr while stdout goes to a file or a
 * pipe (on a terminal the JSON lines show the progress themselves). On a terminal stderr the line
 * is rewritten in place; elsewhere (a log) one line at most every 10 s.
 */
class Progress {
  private readonly started = performance.now();
  private last = this.started;
  private shown = false;

  constructor(
    private readonly io: CliIo,
    private readonly total: number,
  ) {}

  private get on(): boolean {
    return !this.io.stdoutIsTerminal;
  }

  private text(patients: number, bytes: number): string {
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? `, ${(bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s` : '';
    return `assess: ${thousands(patients)} of ${thousands(this.total)} patients, ${megabytes(bytes)}${rate}`;
  }

  /** the line is made only when it is shown */
  tick(patients: number, bytes: number, what = () => this.text(patients, bytes)): void {
    if (!this.on) return;
    const now = performance.now();
    if (now - this.last < (this.io.stderrIsTerminal ? 250 : 10_000)) return;
    this.last = now;
    const line = what();
    this.io.stderr(this.io.stderrIsTerminal ? `\r${line}` : `${line}\n`);
    this.shown = this.io.stderrIsTerminal === true;
  }

  /** the last line, whole; also a line of its own after a rewritten one */
  done(patients: number, bytes: number): void {
    if (!this.on) return;
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    this.io.stderr(`${this.shown ? '\r' : ''}${this.text(patients, bytes)} in ${seconds} s\n`);
  }
}

/** the line a patient gets on stdout */
function patientLine(patient: string | undefined, record: PatientRecord, options: BatchOptions, file?: string): string {
  const a = assess(record, options);
  const { recommendation, missing } = toInterfaceJson(a);
  return `${terminalSafe(
    JSON.stringify({
      patient: patient ?? null,
      ...(file !== undefined && { file }),
      recommendation,
      decisive: a.decisive,
      missing,
    }),
  )}\n`;
}

function setAsideWarning(where: string, setAside: SetAside[]): string {
  const first = setAside[0];
  const listed = first ? `${quoted(first.reference)} (names ${quoted(first.names)})` : '';
  return `assess: warning: ${where}: ${setAside.length} ${plural('en', setAside.length, { one: 'resource that names', other: 'resources that name' })} another patient set aside, not used: ${listed}${setAside.length > 1 ? ', …' : ''}\n`;
}

/**
 * --bundle DIR: every *.json file of the folder is one patient's Bundle, read, assessed and let go
 * before the next. Returns the exit status: 0, or 2 when a file could not be assessed (each named
 * on stderr; the others are still assessed).
 */
export function screenBundleFolder(dir: string, options: BatchOptions, io: CliIo): number {
  const { files, others } = filesIn(dir, '.json');
  if (others > 0) io.stderr(`assess: ${dir}: ${others} ${plural('en', others, FILE)} not ending in .json left out\n`);
  const progress = new Progress(io, files.length);
  const buffer = new ReadBuffer();
  let failed = 0;
  let bytes = 0;
  files.forEach((file, done) => {
    try {
      const { record, otherPatients, size } = readRecord(file, buffer);
      bytes += size;
      if (otherPatients.length > 0) io.stderr(setAsideWarning(quoted(file), otherPatients));
      io.stdout(patientLine(record.patient?.id, record, options, basename(file)));
    } catch (e) {
      if (!(e instanceof UsageError || e instanceof RecordError)) throw e;
      failed++;
      // a UsageError names the file already
      io.stderr(`assess: ${e instanceof RecordError ? `${quoted(file)}: ` : ''}${e.message}\n`);
    }
    progress.tick(done + 1, bytes);
  });
  progress.done(files.length, bytes);
  return failed > 0 ? 2 : 0;
}

/** the export-wide problems as the reads of every record: those types were read partly */
function withExportProblems(record: PatientRecord, index: ExportIndex): PatientRecord {
  if (index.problems.size === 0) return record;
  const reads = { ...record.reads };
  for (const type of CLINICAL_TYPES) {
    const problem = index.problems.get(type);
    if (problem)
      reads[type] = {
        state: 'partial',
        count: reads[type].count,
        reason: `${problem.lines} ${type} ${plural('en', problem.lines, LINE)} of the export may be this patient's and could not be read: ${problem.reason}`,
      };
  }
  return { ...record, reads };
}

/**
 * --ndjson DIR: a Bulk Data export (every *.ndjson file of the folder), indexed in one pass, then
 * one patient after another read back and assessed (ndjson-export.ts). Returns the exit status: 0,
 * or 2 when a patient could not be assessed or resources could not be placed (each on stderr).
 */
export function screenExport(dir: string, options: BatchOptions, io: CliIo): number {
  const { files } = filesIn(dir, '.ndjson');
  const indexing = new Progress(io, 0);
  let indexed = 0;
  const index = indexExport(files, (bytes) => {
    indexed += bytes;
    indexing.tick(0, indexed, () => `assess: indexing the export: ${megabytes(indexed)}`);
  });
  let failed = 0;
  for (const [type, problem] of index.problems) {
    failed++;
    io.stderr(
      `assess: warning: ${problem.lines} ${type} ${plural('en', problem.lines, LINE)} not placed (${problem.reason}); every patient's ${type} list counts as read partly\n`,
    );
  }
  if (index.patientProblems) {
    failed++;
    io.stderr(`assess: warning: patients may be missing: ${index.patientProblems.reason}\n`);
  }
  const progress = new Progress(io, index.patients.size);
  const reader = new ExportReader(index);
  let done = 0;
  let bytes = 0;
  try {
    for (const [id, patient] of index.patients) {
      done++;
      if (!patient.patient) {
        failed++;
        io.stderr(
          `assess: ${patient.lines.length / 3} resources name ${quoted(`Patient/${id}`)}, which the export does not hold; not assessed\n`,
        );
        continue;
      }
      try {
        const read = reader.bundle(patient);
        bytes += read.bytes;
        const { record, otherPatients } = readBundle(read.bundle);
        if (otherPatients.length > 0) io.stderr(setAsideWarning(quoted(`Patient/${id}`), otherPatients));
        io.stdout(patientLine(id, withExportProblems(record, index), options));
      } catch (e) {
        if (!(e instanceof UsageError || e instanceof RecordError)) throw e;
        failed++;
        io.stderr(`assess: ${quoted(`Patient/${id}`)}: ${e.message}\n`);
      }
      progress.tick(done, bytes);
    }
  } finally {
    reader.close();
  }
  progress.done(done, bytes);
  return failed > 0 ? 2 : 0;
}
