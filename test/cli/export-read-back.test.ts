import type * as NodeFs from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ExportReader, indexExport } from '../../src/cli/ndjson-export';
import { inputFiles } from './harness';

/** the bytes every readSync of the process has read */
const reads = vi.hoisted(() => ({ bytes: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  return {
    ...fs,
    readSync: (...args: Parameters<typeof fs.readSync>) => {
      const n = fs.readSync(...args);
      reads.bytes += n;
      return n;
    },
  };
});

/**
 * An export interleaves its patients' lines (one patient's Conditions spread over the whole file),
 * as the public bulk set does. Each patient's lines are read back, not the file between them: with
 * lines read in one call whenever they lay within 64 KB, every patient read nearly the whole file
 * (13 patients, 7 MB for the 0.6 MB bulk set).
 */
describe('reading back a patient of an export (ndjson-export.ts)', () => {
  const { dir } = inputFiles('assess-export-read-back-');
  const PATIENTS = 10;
  const LINES_EACH = 40;

  /** an export of PATIENTS patients, each with LINES_EACH Conditions, interleaved; its files */
  function interleaved(name: string): string[] {
    const folder = join(dir, name);
    mkdirSync(folder);
    const padding = 'x'.repeat(1000);
    const patients = Array.from({ length: PATIENTS }, (_, p) => `p${p}`);
    writeFileSync(
      join(folder, 'Patient.ndjson'),
      patients.map((id) => JSON.stringify({ resourceType: 'Patient', id })).join('\n'),
    );
    const conditions: string[] = [];
    for (let i = 0; i < LINES_EACH; i++)
      for (const id of patients)
        conditions.push(
          JSON.stringify({
            resourceType: 'Condition',
            id: `${id}-${i}`,
            subject: { reference: `Patient/${id}` },
            note: [{ text: padding }],
          }),
        );
    writeFileSync(join(folder, 'Condition.ndjson'), `${conditions.join('\n')}\n`);

    return [join(folder, 'Condition.ndjson'), join(folder, 'Patient.ndjson')];
  }

  /** every patient's Bundle, and the bytes readSync read to make them */
  function readBack(index: ReturnType<typeof indexExport>) {
    const reader = new ExportReader(index);
    reads.bytes = 0;
    try {
      const bundles = [...index.patients].map(([id, patient]) => ({ id, ...reader.bundle(patient) }));
      return { bundles, bytesRead: reads.bytes };
    } finally {
      reader.close();
    }
  }

  // read back whatever its size (a small export is kept as parsed in the first pass)
  const readBackSizes = { chunkBytes: 4 << 20, maxLineBytes: 64 << 20 };

  const ids = (id: string) => [id, ...Array.from({ length: LINES_EACH }, (_, i) => `${id}-${i}`)];

  it('reads about the bytes of the patients’ own lines, not the whole file for each', () => {
    const { bundles, bytesRead } = readBack(indexExport(interleaved('interleaved'), undefined, readBackSizes));
    for (const { id, bundle } of bundles) expect(bundle.entry?.map((e) => e.resource?.id)).toEqual(ids(id));
    const patientBytes = bundles.reduce((sum, { bytes }) => sum + bytes, 0);
    expect(patientBytes).toBeGreaterThan(PATIENTS * LINES_EACH * 1000);
    // every patient's lines once, and little between them (before: about PATIENTS times the file)
    expect(bytesRead).toBeLessThan(1.5 * patientBytes);
  });

  it('reads a small export only once: its lines kept as parsed, the same Bundles', () => {
    const files = interleaved('small');
    const kept = readBack(indexExport(files));
    expect(kept.bytesRead).toBe(0);
    expect(kept.bundles).toEqual(readBack(indexExport(files, undefined, readBackSizes)).bundles);
    for (const { id, bundle } of kept.bundles) expect(bundle.entry?.map((e) => e.resource?.id)).toEqual(ids(id));
  });
});
