import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess, recordFromBundle, RecordError } from '../../src/clinical';
import { NOW } from './fixtures';
import { sampleFiles } from './samples';

describe('real public FHIR samples (mocks/patients/fhir-samples): no crash, never eligible (none has a vertebral fracture)', () => {
  const files = sampleFiles().filter((f) => f.endsWith('.json'));
  it('finds the samples', () => {
    expect(files.length).toBeGreaterThan(20);
  });
  for (const file of files) {
    it(basename(file), () => {
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      let record;
      try {
        record = recordFromBundle(json);
      } catch (e) {
        expect(e).toBeInstanceOf(RecordError);
        expect((e as Error).message).not.toContain('\n');
        return;
      }
      const a = assess(record, { now: NOW });
      expect(['not-eligible', 'insufficient-data']).toContain(a.recommendation);
      expect(a.criteria).toHaveLength(23);
    });
  }
});
