import { RecordError, type PatientRecord } from '../clinical';
import { quoted, readBundle, type SetAside } from '../clinical/bundle';
import { UsageError } from './args';
import { encountersIn } from './encounter';
import { LIMITS, readRegularFile, utf8Text, type ReadBuffer } from './files';

/**
 * What a file holds: the patient's record, the Encounters among which --encounter chooses, and the
 * resources set aside because they name another patient.
 */
export interface FileInput {
  record: PatientRecord;
  /** the file's size in bytes */
  size: number;
  encounters: fhir4.Encounter[];
  otherPatients: SetAside[];
}

/**
 * A FHIR Bundle file, or bulk-data ndjson (one resource per line) holding one patient's
 * resources; the latter is wrapped in a collection Bundle.
 */
export function readRecord(file: string, into?: ReadBuffer): FileInput {
  const bytes = readRegularFile(file, 'bundle file', LIMITS.record, into);
  const text = utf8Text(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const lines = text.split('\n').filter((l) => l.trim());
    if (lines.length > 1 || file.endsWith('.ndjson')) return { ...fromNdjson(lines, file), size: bytes.length };
    throw new UsageError(`${quoted(file)} is not JSON`);
  }
  return { ...fromJson(json), size: bytes.length };
}

function fromJson(json: unknown): Omit<FileInput, 'size'> {
  const { record, otherPatients } = readBundle(json);
  return { record, encounters: encountersIn(json), otherPatients };
}

function parseLine(line: string, index: number, file: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new UsageError(`${quoted(file)} is neither JSON nor ndjson (line ${index + 1} is not JSON)`);
  }
}

export function readAnswers(file: string | undefined): unknown {
  if (!file) return undefined;
  const text = readRegularFile(file, 'answers file', LIMITS.answers).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`answers file ${quoted(file)} is not JSON`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new UsageError(`answers file ${quoted(file)} must be a JSON object: criterion id → status`);
  return json;
}

/** bulk-data ndjson: supported when it holds one patient's resources (Patient included) */
function fromNdjson(lines: string[], file: string): Omit<FileInput, 'size'> {
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: lines.map((line, i) => ({ resource: parseLine(line, i, file) })),
  };
  try {
    return fromJson(bundle);
  } catch (e) {
    if (e instanceof RecordError)
      throw new UsageError(`ndjson file ${quoted(file)}: ${e.message.replace('the Bundle', 'the file')}`);
    throw e;
  }
}
