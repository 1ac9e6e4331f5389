import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** ../shared/fhir-samples beside the checkout, as CI has it */
export const SAMPLES_DIR = resolve(import.meta.dirname, '../../../shared/fhir-samples');

/** every data file of shared/fhir-samples (JSON and ndjson), recursively */
export function sampleFiles(dir = SAMPLES_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sampleFiles(path);
    return /\.(json|ndjson)$/.test(name) ? [path] : [];
  });
}
