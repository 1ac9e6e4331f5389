import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { quoted, readBundle } from '../../src/clinical/bundle';
import { inputFiles, runCli } from './harness';

// What a --bundle file may hold that it should not: other patients' resources, hostile text.
const TODAY = new Date('2026-11-25T00:00:00Z');
const { dir, write } = inputFiles('assess-input-');
const cli = (...argv: string[]) => runCli(TODAY, ...argv);

const scenario2 = demoPatients(TODAY).find((p) => p.scenario === 2);
if (!scenario2) throw new Error('no scenario 2 patient');
const entries = scenario2.bundle.entry ?? [];
const painOf = (id: string, subject: string) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject: { reference: subject },
  code: { coding: [{ system: 'http://loinc.org', code: '72514-3' }] },
  effectiveDateTime: '2026-11-24T09:00:00Z',
  valueQuantity: { value: 9, system: 'http://unitsofmeasure.org', code: '{score}' },
});
const withEntries = (...resources: unknown[]) => ({
  ...scenario2.bundle,
  entry: [...entries, ...resources.map((resource) => ({ resource }))],
});

describe('resources of another patient in a --bundle file', () => {
  it("are set aside with one warning line; the assessment is the patient's own", async () => {
    const own = await cli('--bundle', write('own.json', scenario2.bundle), '--now', '2026-11-25');
    const mixed = await cli(
      '--bundle',
      write('mixed.json', withEntries(painOf('other-pain', 'Patient/someone-else'))),
      '--now',
      '2026-11-25',
    );
    expect(mixed.code).toBe(0);
    expect(mixed.stdout).toBe(own.stdout);
    expect(JSON.parse(mixed.stdout).criteria.find((c: { id: string }) => c.id === 'ind.pain-severe').status).toBe(
      'not-met',
    );
    expect(mixed.stderr).toBe(
      'assess: warning: 1 resource that names another patient is set aside, not used: "Observation/other-pain" (names "Patient/someone-else")\n',
    );
  });

  it('lists at most three of them, on one line', async () => {
    const others = Array.from({ length: 5 }, (_, i) => painOf(`o${i}`, `Patient/x${i}`));
    const r = await cli('--bundle', write('many.json', withEntries(...others)), '--now', '2026-11-25');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^assess: warning: 5 resources that name another patient are set aside, not used: .*"Observation\/o2" \(names "Patient\/x2"\) and 2 more\n$/,
    );
  });

  it('in a folder of Bundles: one warning line per file, its count with the word in its number', async () => {
    const folder = join(dir, 'mixed-folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'one.json'), JSON.stringify(withEntries(painOf('other-pain', 'Patient/someone-else'))));
    const r = await cli('--bundle', folder, '--now', '2026-11-25');
    expect(r.stderr).toContain(
      ': 1 resource that names another patient set aside, not used: "Observation/other-pain" (names "Patient/someone-else")\n',
    );
  });

  it("tells this patient from others by id, full URL and the Patient entry's fullUrl", () => {
    const patient = { resourceType: 'Patient', id: 'p1' };
    const { record, otherPatients } = readBundle({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:aa11', resource: patient },
        { resource: painOf('own-relative', 'Patient/p1') },
        { resource: painOf('own-absolute', 'https://ehr.example/fhir/Patient/p1/_history/2') },
        { resource: painOf('own-uuid', 'urn:uuid:aa11') },
        { resource: painOf('own-conditional', 'Patient?identifier=http://mrn|42') },
        { resource: { ...painOf('own-unnamed', ''), subject: undefined } },
        { resource: painOf('other-uuid', 'urn:uuid:bb22') },
        { resource: painOf('other-prefix', 'Patient/p10') },
        { resource: painOf('a-group', 'Group/ward-3') },
        { resource: { resourceType: 'AllergyIntolerance', id: 'other-allergy', patient: { reference: 'Patient/p2' } } },
      ],
    });
    expect(record.resources.Observation.map((o) => o.id)).toEqual([
      'own-relative',
      'own-absolute',
      'own-uuid',
      'own-conditional',
      'own-unnamed',
    ]);
    expect(otherPatients.map((s) => s.reference)).toEqual([
      'Observation/other-uuid',
      'Observation/other-prefix',
      'Observation/a-group',
      'AllergyIntolerance/other-allergy',
    ]);
    expect(record.reads.Observation).toEqual({ state: 'full', count: 5 });
  });
});

describe('untrusted text in the one line on stderr', () => {
  it('quotes, escapes and cuts a resourceType with line breaks', async () => {
    const r = await cli('--bundle', write('newline.json', { resourceType: 'Bundle\nINJECTED second line', entry: [] }));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('assess: not a FHIR Bundle (resourceType is "Bundle\\nINJECTED second line")\n');
    const long = await cli('--bundle', write('long.json', { resourceType: `Bundle${'x'.repeat(5000)}` }));
    expect(long.stderr.length).toBeLessThan(200);
    expect(long.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('keeps a file name, an Encounter id and a foreign subject with line breaks on one line', async () => {
    const badName = await cli('--bundle', join(dir, 'no\nsuch\u2028file.json'));
    expect(badName.stderr).toContain('cannot read bundle file "');
    const encounter = {
      resourceType: 'Encounter',
      id: 'e1',
      status: 'finished',
      subject: { reference: 'Patient/evil\nsecond line' },
    };
    const foreign = await cli('--bundle', write('encounter.json', withEntries(encounter)), '--encounter', 'e1');
    expect(foreign.stderr).toContain('belongs to "Patient/evil\\nsecond line"');
    for (const r of [badName, foreign]) {
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split(/[\n\u2028\u2029]/)).toHaveLength(1);
    }
  });

  it('quoted(): JSON-escaped, separators and bidirectional overrides visible, cut with an ellipsis', () => {
    expect(quoted('a"b\r\nc')).toBe('"a\\"b\\r\\nc"');
    expect(quoted('x\u2028y\u202ez\u0085')).toBe('"x\\u2028y\\u202ez\\u0085"');
    expect(quoted('abcdef', 3)).toBe('"abc…"');
  });
});
