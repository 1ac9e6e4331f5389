import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SAMPLES_DIR } from '../../mocks/patients/samples';

/** the public samples copied into the repository (mocks/patients/fhir-samples, sources in SOURCES.md there) */
export const SAMPLES_DIR = DEFAULT_SAMPLES_DIR;

/** every data file of the public samples (JSON and ndjson), recursively */
export function sampleFiles(dir = SAMPLES_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sampleFiles(path);
    return /\.(json|ndjson)$/.test(name) ? [path] : [];
  });
}
