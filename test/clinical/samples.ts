import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLES_DIR = '/work/shared/fhir-samples';

/** every data file of shared/fhir-samples (JSON and ndjson), recursively */
export function sampleFiles(dir = SAMPLES_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sampleFiles(path);
    return /\.(json|ndjson)$/.test(name) ? [path] : [];
  });
}
