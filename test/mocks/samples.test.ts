import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoEhr } from '../../mocks/ehr';
import { DEFAULT_SAMPLES_DIR, loadSamplePatients, processTransaction } from '../../mocks/patients/samples';
import { sampleFiles } from '../clinical/samples';

/** git's blob id of a file's bytes: what `git hash-object FILE` prints */
const gitBlobId = (bytes: Buffer): string =>
  createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

describe('the public samples in the repository', () => {
  it('are each listed in SOURCES.md with the blob id of their bytes (copied byte for byte, never reformatted)', () => {
    const sources = readFileSync(join(DEFAULT_SAMPLES_DIR, 'SOURCES.md'), 'utf8');
    const listed = new Map(
      [...sources.matchAll(/^\| `([^`]+)` \|.*\| ([0-9a-f]{40}) \|[^|]*\|$/gm)].map((m) => [m[1], m[2]] as const),
    );
    const onDisk = sampleFiles(DEFAULT_SAMPLES_DIR).map((f) => relative(DEFAULT_SAMPLES_DIR, f).split('\\').join('/'));
    expect(onDisk.length).toBeGreaterThanOrEqual(28);
    expect([...listed.keys()].sort()).toEqual(onDisk.sort());
    for (const file of onDisk)
      expect(gitBlobId(readFileSync(join(DEFAULT_SAMPLES_DIR, file))), file).toBe(listed.get(file));
  });
});

describe('public sample patients', () => {
  it('processes a transaction Bundle as a server would: ids, urn:uuid and conditional references', () => {
    const resources = processTransaction({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:p1',
          resource: { resourceType: 'Patient' },
          request: { method: 'PUT', url: 'Patient/355' },
        },
        {
          fullUrl: 'urn:uuid:o1',
          resource: {
            resourceType: 'Organization',
            identifier: [{ system: 'urn:s', value: 'org-1' }],
          } as fhir4.Organization,
          request: { method: 'POST', url: 'Organization' },
        },
        {
          fullUrl: 'urn:uuid:c1',
          resource: {
            resourceType: 'Condition',
            subject: { reference: 'urn:uuid:p1' },
            asserter: { reference: 'Practitioner?identifier=urn:s|missing', display: 'Dr. Who' },
            recorder: { reference: 'Organization?identifier=urn:s|org-1' },
          } as unknown as fhir4.Condition,
          request: { method: 'POST', url: 'Condition' },
        },
      ],
    });
    expect(resources.map((r) => `${r.resourceType}/${r.id ?? ''}`)).toEqual([
      'Patient/355',
      'Organization/o1',
      'Condition/c1',
    ]);
    const condition = resources[2] as unknown as Record<string, fhir4.Reference>;
    expect(condition.subject?.reference).toBe('Patient/355');
    expect(condition.recorder?.reference).toBe('Organization/o1');
    expect(condition.asserter).toEqual({ display: 'Dr. Who' });
  });

  it('loads the public sample patients with every reference resolvable', () => {
    const loaded = loadSamplePatients();
    expect(loaded.note).toBeUndefined();
    expect(loaded.patients.map((p) => p.name)).toContain('Lonnie Von');
    expect(loaded.patients.length).toBeGreaterThanOrEqual(20);
    const known = new Set(loaded.resources.map((r) => `${r.resourceType}/${r.id ?? ''}`));
    const unresolved: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const ref = (node as { reference?: unknown }).reference;
        if (typeof ref === 'string' && !ref.startsWith('#') && !known.has(ref)) unresolved.push(ref);
        Object.values(node).forEach(walk);
      }
    };
    loaded.resources.forEach(walk);
    expect(unresolved).toEqual([]);
  });

  it('serves the sample patients through the demo server like the demo patients', async () => {
    const samples = loadSamplePatients();
    const ehr = createDemoEhr({ ehrOrigin: 'http://ehr.test', appOrigin: 'http://app.test', samples });
    const lonnie = samples.patients.find((p) => p.name === 'Lonnie Von');
    const token = ehr.mintAccessToken({ patient: lonnie?.id });
    const response = await ehr.handle(
      new Request(`http://ehr.test/fhir/Condition?patient=${lonnie?.id ?? ''}&code=http://snomed.info/sct|443165006`, {
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
    const bundle = (await response.json()) as fhir4.Bundle;
    expect(response.status).toBe(200);
    expect(bundle.total).toBeGreaterThan(0);
    const launcher = await (await ehr.handle(new Request('http://ehr.test/'))).text();
    expect(launcher).toContain('Lonnie Von');
  });

  it('skips a missing samples directory with a note', () => {
    const loaded = loadSamplePatients('/nonexistent/fhir-samples');
    expect(loaded.patients).toEqual([]);
    expect(loaded.note).toContain('skipped');
  });
});
