import { closeSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { quoted, TYPES_READ } from '../clinical/bundle';
import { field, obj, str } from '../clinical/json';
import { CLINICAL_TYPES, PATIENT_ELEMENT, referencedId, type ClinicalType } from '../clinical/record';
import { plural } from '../lang';
import { UsageError } from './args';
import { LIMITS, megabytes, openRegularFile, ReadBuffer, utf8Text } from './files';

/**
 * A Bulk Data export (one ndjson file per resource type, many patients) read in two passes, so that
 * memory holds one patient's record at a time, never the export:
 *
 * 1. `indexExport` reads every file once, in chunks, and notes where each patient's resources are
 *    (file, offset, length: 24 bytes a resource), without parsing them. Most lines are placed by
 *    finding their `"resourceType"` and their patient element (`"subject"`, or `"patient"` for
 *    AllergyIntolerance) as bytes; a line where that is not certain (contained resources, a key
 *    written twice or with `\u` escapes) is parsed whole and placed as `readBundle` would place it.
 * 2. `readPatient` reads one patient's lines back, parses them and hands them over as a Bundle, with
 *    the Medications its orders name by reference.
 *
 * A small export (at most `keepParsedBytes`, 8 MB) is parsed in the first pass instead, the lines of
 * the types the assessment reads kept as parsed, and the second pass reads nothing again.
 *
 * What cannot be placed is never dropped silently: a line that is not JSON, names no patient or
 * names it in a way that cannot be resolved may be anyone's, so its type counts as read partly for
 * every patient (`problems`), and the assessment says what that leaves unknown.
 */

/** where a line is: index into `files`, byte offset, byte length */
type Location = readonly [file: number, offset: number, length: number];

export interface ExportPatient {
  /** the Patient resource's line; undefined when resources name a patient the export does not hold */
  patient?: Location;
  /** the patient's clinical resources, flat: file, offset, length, file, offset, length, … */
  lines: number[];
  /** in a small export (ReadSizes.keepParsedBytes), the same resources as parsed in the first pass */
  kept?: { patient?: unknown; resources: unknown[] };
}

/** A reason some resources of a type may be missing from every patient's record. */
export interface ExportProblem {
  /** the first such line, as the stderr warning and the assessment name it */
  reason: string;
  lines: number;
}

export interface ExportIndex {
  files: string[];
  bytes: number;
  /** by patient id, in the order the export first names them */
  patients: Map<string, ExportPatient>;
  /** "Medication/{id}" → the Medication's line */
  medications: Map<string, Location>;
  /** in a small export, "Medication/{id}" → the Medication as parsed in the first pass */
  keptMedications?: Map<string, unknown>;
  /** by clinical type: lines that may be any patient's */
  problems: Map<ClinicalType, ExportProblem>;
  /** lines of the Patient files that could not be read: those patients may be missing from the output */
  patientProblems: ExportProblem | undefined;
}

const CLINICAL = new Set<string>(CLINICAL_TYPES);

/** how much of a file is read at a time, and the longest line read (tests make both small) */
export interface ReadSizes {
  chunkBytes: number;
  maxLineBytes: number;
  /**
   * An export of at most this many bytes has the lines the assessment reads parsed in the first
   * pass and kept, so that none is read and parsed twice (placing them by their bytes and reading
   * them back cost twice parsing them, on the 0.6 MB bulk set); a larger one is read back patient
   * by patient. Unset: every export is read back.
   */
  keepParsedBytes?: number;
}

const SIZES: ReadSizes = {
  chunkBytes: 4 * 1024 * 1024,
  maxLineBytes: LIMITS.ndjsonLine,
  keepParsedBytes: 8 * 1024 * 1024,
};
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const RESOURCE_TYPE = Buffer.from('"resourceType"');
const KEYS: Record<'subject' | 'patient', Buffer> = {
  subject: Buffer.from('"subject"'),
  patient: Buffer.from('"patient"'),
};
const ESCAPE = Buffer.from('\\u');

/**
 * The occurrences of a byte string in the lines of a chunk, taken line after line: each search
 * goes on from the last hit, so finding a key in every line costs one scan of the chunk.
 */
class Occurrences {
  private next = -1;
  private searchedFrom = Number.POSITIVE_INFINITY;
  constructor(private readonly needle: Buffer) {}

  newChunk(): void {
    this.next = -1;
    this.searchedFrom = Number.POSITIVE_INFINITY;
  }

  /** in buf[start, end): -1 none, -2 more than one, else the position of the only one */
  only(buf: Buffer, start: number, end: number): number {
    if (this.searchedFrom > start || (this.next !== -1 && this.next < start)) {
      this.next = buf.indexOf(this.needle, start);
      this.searchedFrom = start;
    }
    const first = this.next;
    if (first === -1 || first >= end) return -1;
    this.next = buf.indexOf(this.needle, first + 1);
    return this.next !== -1 && this.next < end ? -2 : first;
  }
}

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0d;

/** after a key at `at`: the position after its colon and white space, or -1 */
function valueStart(buf: Buffer, at: number, keyLength: number, end: number): number {
  let i = at + keyLength;
  while (i < end && isSpace(buf[i])) i++;
  if (buf[i] !== 0x3a) return -1;
  i++;
  while (i < end && isSpace(buf[i])) i++;
  return i < end ? i : -1;
}

/** the string value of a key at `at` ("resourceType": "Condition"), or undefined if it is not a plain string */
function stringValue(buf: Buffer, at: number, keyLength: number, end: number): string | undefined {
  const start = valueStart(buf, at, keyLength, end);
  if (start < 0 || buf[start] !== QUOTE) return undefined;
  const close = buf.indexOf(QUOTE, start + 1);
  if (close < 0 || close >= end || buf.subarray(start + 1, close).includes(BACKSLASH)) return undefined;
  return buf.toString('latin1', start + 1, close);
}

/** the object value of a key at `at`, parsed ({"reference": "Patient/1", …}), or undefined */
function objectValue(buf: Buffer, at: number, keyLength: number, end: number): unknown {
  const start = valueStart(buf, at, keyLength, end);
  if (start < 0 || buf[start] !== 0x7b) return undefined;
  let depth = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b === QUOTE) {
      // to the closing quote: a quote after an odd number of backslashes is part of the string
      for (i++; i < end && buf[i] !== QUOTE; i++) if (buf[i] === BACKSLASH) i++;
    } else if (b === 0x7b) depth++;
    else if (b === 0x7d && --depth === 0) {
      try {
        return JSON.parse(buf.toString('utf8', start, i + 1)) as unknown;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Of a line with several resource types: the first, when all are plain strings and none is read
 * by the assessment; else undefined (the line is parsed).
 */
function typesIn(buf: Buffer, start: number, end: number): string | undefined {
  let first: string | undefined;
  for (let at = buf.indexOf(RESOURCE_TYPE, start); at !== -1 && at < end; at = buf.indexOf(RESOURCE_TYPE, at + 1)) {
    const type = stringValue(buf, at, RESOURCE_TYPE.length, end);
    if (type === undefined || TYPES_READ.has(type)) return undefined;
    first ??= type;
  }
  return first;
}

/** where a line belongs */
type Placement =
  | { kind: 'patient'; id: string }
  | { kind: 'medication'; id: string }
  | { kind: 'clinical'; type: ClinicalType; reference: string | undefined }
  | { kind: 'other'; type: string }
  | { kind: 'unreadable'; why: string };

/** a line's placement, and the resource when the line was parsed */
interface Placed {
  placement: Placement;
  resource?: Record<string, unknown>;
}

/** a line parsed whole: the same placement readBundle makes */
function placeParsed(text: string): Placed {
  let resource: Record<string, unknown> | undefined;
  try {
    resource = obj(JSON.parse(text));
  } catch {
    return { placement: { kind: 'unreadable', why: 'is not JSON' } };
  }
  const type = str(field(resource, 'resourceType'));
  if (!resource || !type) return { placement: { kind: 'unreadable', why: 'is not a FHIR resource' } };
  if (type === 'Patient' || type === 'Medication') {
    const id = str(resource.id);
    if (!id)
      return {
        placement:
          type === 'Patient' ? { kind: 'unreadable', why: 'is a Patient without an id' } : { kind: 'other', type },
      };
    return { placement: { kind: type === 'Patient' ? 'patient' : 'medication', id }, resource };
  }
  if (!CLINICAL.has(type)) return { placement: { kind: 'other', type } };
  const reference = str(field(resource[PATIENT_ELEMENT[type as ClinicalType]], 'reference'));
  return { placement: { kind: 'clinical', type: type as ClinicalType, reference }, resource };
}

class Indexer {
  readonly index: ExportIndex = {
    files: [],
    bytes: 0,
    patients: new Map(),
    medications: new Map(),
    problems: new Map(),
    patientProblems: undefined,
  };
  private readonly resourceType = new Occurrences(RESOURCE_TYPE);
  private readonly keys = { subject: new Occurrences(KEYS.subject), patient: new Occurrences(KEYS.patient) };
  private readonly escapes = new Occurrences(ESCAPE);
  private readonly chunk = new ReadBuffer();
  /** per file: the resource types of its readable lines, and its unreadable lines */
  private fileTypes = new Set<string>();
  private fileName = '';
  private firstProblem = '';
  private fileProblemLines = 0;

  constructor(
    private readonly sizes: ReadSizes,
    /** the lines the assessment reads parsed and kept (ReadSizes.keepParsedBytes) */
    private readonly keep: boolean,
  ) {
    if (keep) this.index.keptMedications = new Map();
  }

  private patientEntry(id: string): ExportPatient {
    let entry = this.index.patients.get(id);
    if (!entry)
      this.index.patients.set(id, (entry = this.keep ? { lines: [], kept: { resources: [] } } : { lines: [] }));
    return entry;
  }

  /**
   * The placement of buf[start, end), by its bytes where that is certain, else by parsing it; when
   * the lines are kept, every line of a type the assessment reads is parsed.
   */
  private place(buf: Buffer, start: number, end: number): Placed {
    const typeAt = this.resourceType.only(buf, start, end);
    // no \u in the line: every key is written as it reads, none hides from the search
    if (typeAt !== -1 && this.escapes.only(buf, start, end) === -1) {
      // several resource types (contained resources): when the assessment reads none of them, not the line either
      const type = typeAt === -2 ? typesIn(buf, start, end) : stringValue(buf, typeAt, RESOURCE_TYPE.length, end);
      if (type !== undefined && !TYPES_READ.has(type)) return { placement: { kind: 'other', type } };
      // one resource type, one patient element: it is the resource's own
      if (!this.keep && type !== undefined && CLINICAL.has(type)) {
        const key = PATIENT_ELEMENT[type as ClinicalType];
        const keyAt = this.keys[key].only(buf, start, end);
        if (keyAt >= 0) {
          const reference = str(field(objectValue(buf, keyAt, KEYS[key].length, end), 'reference'));
          if (reference !== undefined)
            return { placement: { kind: 'clinical', type: type as ClinicalType, reference } };
        }
      }
    }
    return placeParsed(utf8Text(buf.subarray(start, end)));
  }

  line(buf: Buffer, start: number, end: number, file: number, offset: number, lineNumber: number): void {
    while (start < end && (isSpace(buf[start]) || buf[start] === NEWLINE)) start++;
    if (start === end) return;
    const { placement, resource } = this.place(buf, start, end);
    const location = [file, offset + start, end - start] as const;
    if (placement.kind !== 'unreadable')
      this.fileTypes.add(
        placement.kind === 'patient' ? 'Patient' : placement.kind === 'medication' ? 'Medication' : placement.type,
      );
    switch (placement.kind) {
      case 'patient': {
        const entry = this.patientEntry(placement.id);
        if (entry.patient) this.problem(lineNumber, `is a second Patient ${quoted(placement.id)}`);
        else {
          entry.patient = location;
          if (entry.kept) entry.kept.patient = resource;
        }
        return;
      }
      case 'medication':
        this.index.medications.set(`Medication/${placement.id}`, location);
        this.index.keptMedications?.set(`Medication/${placement.id}`, resource);
        return;
      case 'other':
        return;
      case 'unreadable':
        this.problem(lineNumber, placement.why);
        return;
      case 'clinical': {
        const id = placement.reference === undefined ? undefined : referencedId(placement.reference, 'Patient');
        if (id === undefined) {
          const names =
            placement.reference === undefined
              ? 'names no patient'
              : `names its patient as ${quoted(placement.reference)}`;
          this.typeProblem(
            placement.type,
            `${quoted(this.fileName)}, line ${lineNumber}: a ${placement.type} that ${names}`,
          );
          return;
        }
        const entry = this.patientEntry(id);
        entry.lines.push(...location);
        entry.kept?.resources.push(resource);
      }
    }
  }

  private problem(lineNumber: number, why: string): void {
    if (this.fileProblemLines++ === 0) this.firstProblem = `line ${lineNumber} ${why}`;
  }

  private typeProblem(type: ClinicalType, reason: string): void {
    const known = this.index.problems.get(type);
    if (known) known.lines++;
    else this.index.problems.set(type, { reason, lines: 1 });
  }

  /** one file, chunk by chunk; a line longer than LIMITS.ndjsonLine is an unreadable line, skipped */
  readFile(path: string, onProgress: (bytes: number) => void): void {
    const file = this.index.files.push(path) - 1;
    const { fd, size } = openRegularFile(path, 'ndjson file', Number.MAX_SAFE_INTEGER);
    this.fileName = basename(path);
    this.fileTypes = new Set();
    this.fileProblemLines = 0;
    try {
      // the chunk's buffer is the export's: a file smaller than a chunk takes no more than its size
      const chunk = Math.min(this.sizes.chunkBytes, this.sizes.maxLineBytes, size + 1);
      let buf = this.chunk.take(chunk).subarray(0, chunk);
      let kept = 0; // bytes of an unfinished line at the start of buf
      let offset = 0; // file offset of buf[0]
      let lineNumber = 1;
      let skipping = false; // inside a line over the limit
      for (;;) {
        const read = readSync(fd, buf, kept, buf.length - kept, null);
        const filled = kept + read;
        const data = buf.subarray(0, filled);
        this.resourceType.newChunk();
        this.escapes.newChunk();
        this.keys.subject.newChunk();
        this.keys.patient.newChunk();
        let start = 0;
        for (let nl = data.indexOf(NEWLINE, kept); nl !== -1; nl = data.indexOf(NEWLINE, start)) {
          if (skipping) skipping = false;
          else this.line(data, start, nl, file, offset, lineNumber);
          lineNumber++;
          start = nl + 1;
        }
        this.index.bytes += read;
        onProgress(read);
        if (read === 0) {
          if (!skipping && start < filled) this.line(data, start, filled, file, offset, lineNumber);
          break;
        }
        kept = filled - start;
        if (kept === buf.length) {
          // one line fills the buffer: a larger buffer, up to the limit, then it is skipped
          if (buf.length >= this.sizes.maxLineBytes) {
            if (!skipping) this.problem(lineNumber, `is over ${megabytes(this.sizes.maxLineBytes)}`);
            skipping = true;
            offset += kept;
            kept = 0;
            continue;
          }
          const larger = Buffer.allocUnsafe(Math.min(buf.length * 2, this.sizes.maxLineBytes));
          buf.copy(larger, 0, 0, kept);
          buf = larger;
        } else {
          buf.copy(buf, 0, start, filled);
        }
        offset += start;
      }
    } finally {
      closeSync(fd);
    }
    if (this.fileProblemLines > 0) this.fileProblem();
  }

  /**
   * Unreadable lines may be of any type their file holds (Bulk Data writes one type a file), and of
   * any type at all in a file where no line could be read.
   */
  private fileProblem(): void {
    const lines = this.fileProblemLines;
    const reason = `${quoted(this.fileName)}: ${lines} ${plural('en', lines, { one: 'line', other: 'lines' })} could not be read (${this.firstProblem})`;
    const anything = this.fileTypes.size === 0;
    for (const type of CLINICAL_TYPES) {
      if (!anything && !this.fileTypes.has(type)) continue;
      const known = this.index.problems.get(type);
      if (known) known.lines += lines;
      else this.index.problems.set(type, { reason, lines });
    }
    if (anything || this.fileTypes.has('Patient')) this.index.patientProblems ??= { reason, lines };
  }
}

/** pass 1: the index of an export's files (see the top of this file) */
export function indexExport(
  files: string[],
  onProgress: (bytes: number) => void = () => {},
  sizes: ReadSizes = SIZES,
): ExportIndex {
  const bytes = files.reduce((sum, file) => sum + (statSync(file, { throwIfNoEntry: false })?.size ?? 0), 0);
  const indexer = new Indexer(sizes, bytes <= (sizes.keepParsedBytes ?? -1));
  for (const file of files) indexer.readFile(file, onProgress);
  return indexer.index;
}

/**
 * Lines closer than this in a file are read with one call (what lies between is read and left). An
 * export interleaves its patients' lines (each patient's Conditions spread over the whole file): with
 * a gap of 64 KB each patient read back nearly the whole file, 7 MB for the 0.6 MB bulk set. A call
 * costs about what copying a few KB does.
 */
const READ_GAP = 4 * 1024;

/**
 * pass 2: one patient's resources read back and parsed, as a collection Bundle for readBundle,
 * with the Medications its orders and statements name by reference.
 */
export class ExportReader {
  private readonly fds: number[];
  /** the bytes of a run of lines, parsed before the next run is read into it */
  private readonly buffer = new ReadBuffer();

  constructor(private readonly index: ExportIndex) {
    this.fds = index.files.map((file) => openRegularFile(file, 'ndjson file', Number.MAX_SAFE_INTEGER).fd);
  }

  close(): void {
    for (const fd of this.fds) closeSync(fd);
  }

  /** the bytes of one patient's lines; more than LIMITS.record is refused */
  bundle(patient: ExportPatient): { bundle: fhir4.Bundle; bytes: number } {
    const locations = patient.patient ? [...patient.patient, ...patient.lines] : patient.lines;
    let bytes = 0;
    for (let i = 2; i < locations.length; i += 3) bytes += locations[i]!;
    if (bytes > LIMITS.record)
      throw new UsageError(
        `the patient's resources are ${megabytes(bytes)}, over the limit of ${megabytes(LIMITS.record)}`,
      );
    const entry: fhir4.BundleEntry[] = [];
    const medications = new Set<string>();
    const add = (resource: fhir4.FhirResource) => {
      entry.push({ resource });
      const type = resource.resourceType;
      if (type !== 'MedicationRequest' && type !== 'MedicationStatement') return;
      const id = referencedId(str(field(field(resource, 'medicationReference'), 'reference')) ?? '', 'Medication');
      if (id !== undefined) medications.add(`Medication/${id}`);
    };
    const { kept } = patient;
    const keptMedications = this.index.keptMedications;
    if (kept && keptMedications) {
      if (kept.patient) add(kept.patient as fhir4.FhirResource);
      for (const resource of kept.resources) add(resource as fhir4.FhirResource);
      for (const reference of medications) {
        const medication = keptMedications.get(reference);
        if (medication) entry.push({ resource: medication as fhir4.FhirResource });
      }
    } else {
      this.parseLines(locations, add);
      const medicationLines = [...medications].flatMap((reference) => this.index.medications.get(reference) ?? []);
      this.parseLines(medicationLines, (resource) => entry.push({ resource }));
    }
    return { bundle: { resourceType: 'Bundle', type: 'collection', entry }, bytes };
  }

  /** reads the lines (file, offset, length triples, in file order) with few calls, and parses each */
  private parseLines(locations: readonly number[], each: (resource: fhir4.FhirResource) => void): void {
    for (let i = 0; i < locations.length;) {
      const file = locations[i]!;
      const from = locations[i + 1]!;
      // a run of lines of the same file, each starting within READ_GAP of where the last ended
      let j = i;
      let to = from + locations[i + 2]!;
      for (j = i + 3; j < locations.length && locations[j] === file; j += 3) {
        const start = locations[j + 1]!;
        if (start < to || start - to > READ_GAP) break;
        to = start + locations[j + 2]!;
      }
      const buf = this.buffer.take(to - from).subarray(0, to - from);
      for (let got = 0, n = 1; got < buf.length && n > 0; got += n)
        n = readSync(this.fds[file]!, buf, got, buf.length - got, from + got);
      for (let k = i; k < j; k += 3) {
        const start = locations[k + 1]! - from;
        let resource: fhir4.FhirResource;
        try {
          resource = JSON.parse(utf8Text(buf.subarray(start, start + locations[k + 2]!))) as fhir4.FhirResource;
        } catch {
          // it was read as JSON in the first pass
          throw new UsageError(`${quoted(this.index.files[file] ?? '')} changed while it was read`);
        }
        each(resource);
      }
      i = j;
    }
  }
}
