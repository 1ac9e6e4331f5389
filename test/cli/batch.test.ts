import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle, toInterfaceJson } from '../../src/clinical';
import { thousands } from '../../src/cli/batch';
import { ExportReader, indexExport } from '../../src/cli/ndjson-export';
import { inputFiles, runCli, runCliWith } from './harness';

const TODAY = new Date('2026-11-25T00:00:00Z');
// the large record (#15) has a test of its own below: it is 10 MB
const patients = demoPatients(TODAY).filter((p) => p.scenario !== 15);
const { dir } = inputFiles('assess-batch-');

/** the assessor as a batch: stdout a pipe (progress on stderr) unless `terminal` */
async function batch(argv: string[], terminal = true) {
  const r = await runCliWith({ today: TODAY, stdoutIsTerminal: terminal, stderrIsTerminal: false }, [
    ...argv,
    '--now',
    '2026-11-25',
  ]);
  return {
    ...r,
    lines: r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

/** what one patient's line must say: the single-patient assessment of the same record (its Conditions read partly) */
function expectedLine(bundle: fhir4.Bundle, conditionsPartly = false) {
  const record = recordFromBundle(bundle);
  if (conditionsPartly) record.reads.Condition = { ...record.reads.Condition, state: 'partial', reason: 'a line' };
  const a = assess(record, { now: TODAY });
  return { recommendation: a.recommendation, decisive: a.decisive, missing: toInterfaceJson(a).missing };
}

/** a folder of ndjson files, one per resource type, the patients' lines interleaved as an export may */
function exportFolder(name: string, bundles: fhir4.Bundle[], extra: Record<string, string[]> = {}): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  const byType = new Map<string, string[][]>();
  bundles.forEach((bundle, p) => {
    for (const entry of bundle.entry ?? []) {
      const type = entry.resource?.resourceType ?? '';
      if (!byType.has(type)) byType.set(type, []);
      ((byType.get(type)![p] ??= []) as string[]).push(JSON.stringify(entry.resource));
    }
  });
  for (const [type, perPatient] of byType) {
    const lines: string[] = [];
    // round robin: patient A's first line, patient B's first line, …
    for (let i = 0; perPatient.some((l) => l && i < l.length); i++)
      for (const l of perPatient) if (l && i < l.length) lines.push(l[i]!);
    writeFileSync(join(folder, `${type}.000.ndjson`), `${[...lines, ...(extra[type] ?? [])].join('\n')}\n`);
  }
  for (const [type, lines] of Object.entries(extra))
    if (!byType.has(type)) writeFileSync(join(folder, `${type}.000.ndjson`), `${lines.join('\n')}\n`);
  return folder;
}

describe('--bundle DIR: a folder of Bundles, one JSON line per patient', () => {
  const folder = join(dir, 'bundles');
  mkdirSync(folder);
  for (const p of patients) writeFileSync(join(folder, `${p.id}.json`), JSON.stringify(p.bundle));
  writeFileSync(join(folder, 'README.txt'), 'not a Bundle');

  it('gives every patient the verdict, deciding criteria and missing data of a single run', async () => {
    const r = await batch(['--bundle', folder]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`assess: ${folder}: 1 file not ending in .json left out\n`);
    expect(r.lines.map((l) => l.patient)).toEqual(patients.map((p) => p.id).sort());
    for (const p of patients) {
      const line = r.lines.find((l) => l.patient === p.id);
      expect(line).toEqual({ patient: p.id, file: `${p.id}.json`, ...expectedLine(p.bundle) });
    }
    // the same as the single-patient JSON on the command line
    const single = await runCli(TODAY, '--bundle', join(folder, `${patients[0]!.id}.json`), '--now', '2026-11-25');
    const json = JSON.parse(single.stdout);
    expect(r.lines[0]).toMatchObject({ recommendation: json.recommendation, missing: json.missing });
  });

  it('assesses the others when a file cannot be read, names it on stderr and exits 2', async () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed);
    writeFileSync(join(mixed, 'a.json'), JSON.stringify(patients[0]!.bundle));
    writeFileSync(join(mixed, 'b.json'), '{ not json');
    writeFileSync(join(mixed, 'c.json'), JSON.stringify(patients[1]!.bundle));
    const r = await batch(['--bundle', mixed]);
    expect(r.code).toBe(2);
    expect(r.lines.map((l) => l.file)).toEqual(['a.json', 'c.json']);
    expect(r.stderr).toBe(`assess: ${JSON.stringify(join(mixed, 'b.json'))} is not JSON\n`);
  });

  it('shows its progress on stderr when stdout is not a terminal', async () => {
    const r = await batch(['--bundle', folder], false);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^assess: ${patients.length} of ${patients.length} patients, [\\d.]+ MB, [\\d.]+ MB/s in [\\d.]+ s$`),
    );
  });

  it.each([
    ['--encounter', ['--encounter', 'x']],
    ['--answers', ['--answers', 'x.json']],
    ['--format text', ['--format', 'text']],
  ])('refuses %s, which is about one patient', async (flag, extra) => {
    const r = await batch(['--bundle', folder, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flag}: one patient's; --bundle DIR writes one JSON line per patient`);
  });
});

describe('--ndjson DIR: a Bulk Data export, many patients', () => {
  it('gives every patient of the export the verdict of a single run on their own record', async () => {
    const folder = exportFolder(
      'export',
      patients.map((p) => p.bundle),
    );
    const r = await batch(['--ndjson', folder]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(patients.length);
    for (const p of patients)
      expect(r.lines.find((l) => l.patient === p.id)).toEqual({ patient: p.id, ...expectedLine(p.bundle) });
  });

  it('reads the large record (#15, 11,510 resources) as from its Bundle', async () => {
    const large = demoPatients(TODAY).find((p) => p.scenario === 15)!;
    const r = await batch(['--ndjson', exportFolder('large', [large.bundle, patients[0]!.bundle])]);
    expect(r.code).toBe(0);
    expect(r.lines.find((l) => l.patient === large.id)).toEqual({ patient: large.id, ...expectedLine(large.bundle) });
  });

  it('makes a type read partly, for every patient, when a line of its file cannot be placed', async () => {
    const some = patients.slice(0, 3);
    for (const [name, line, why] of [
      ['not-json', '{"resourceType":"Condition", oops', '1 line could not be read (line'],
      ['no-patient', '{"resourceType":"Condition","id":"c-x","code":{"text":"spondylodiscitis"}}', 'names no patient'],
      [
        'unresolvable',
        '{"resourceType":"Condition","id":"c-y","subject":{"reference":"Patient?identifier=123"}}',
        // an identifier in a query is redacted like any query value
        'names its patient as "Patient?identifier=[redacted]"',
      ],
    ] as const) {
      const folder = exportFolder(
        name,
        some.map((p) => p.bundle),
        { Condition: [line] },
      );
      const r = await batch(['--ndjson', folder]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('assess: warning: 1 Condition line not placed');
      expect(r.stderr).toContain(why);
      expect(r.stderr).toContain("every patient's Condition list counts as read partly");
      // what the Conditions do not say is no longer proof of absence (an infection, a coagulopathy, …)
      for (const p of some)
        expect(r.lines.find((l) => l.patient === p.id)).toEqual({ patient: p.id, ...expectedLine(p.bundle, true) });
    }
  });

  it('names resources of a patient the export does not hold, and exits 2', async () => {
    const ghost = '{"resourceType":"Condition","id":"c-g","subject":{"reference":"Patient/ghost"}}';
    const r = await batch(['--ndjson', exportFolder('ghost', [patients[0]!.bundle], { Condition: [ghost] })]);
    expect(r.code).toBe(2);
    expect(r.lines.map((l) => l.patient)).toEqual([patients[0]!.id]);
    expect(r.stderr).toBe('assess: 1 resources name "Patient/ghost", which the export does not hold; not assessed\n');
  });

  it('refuses a folder without ndjson files', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const r = await batch(['--ndjson', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds no .ndjson file');
  });
});

describe('the export index (ndjson-export.ts)', () => {
  const lines = {
    Patient: ['{"resourceType":"Patient","id":"p1"}', '{"resourceType":"Patient","id":"p2"}'],
    Condition: [
      // a contained resource names another subject: parsed whole, placed by the top level
      '{"resourceType":"Condition","id":"c1","contained":[{"resourceType":"Condition","id":"x","subject":{"reference":"Patient/p2"}}],"subject":{"reference":"Patient/p1"}}',
      // the key written with an escape: the bytes cannot be trusted, the parse can
      '{"resourceType":"Condition","id":"c2","subj\\u0065ct":{"reference":"Patient/p2"}}',
      // the key twice: JSON.parse keeps the last, and so does the index
      '{"resourceType":"Condition","id":"c3","subject":{"reference":"Patient/p2"},"subject":{"reference":"Patient/p1"}}',
      // an absolute reference, the reference after another key, white space around the colon
      '{ "resourceType" : "Condition", "id": "c4", "subject" : { "display": "A {curly} \\"name\\"", "reference" : "https://ehr.example/fhir/Patient/p2" } }',
    ],
    AllergyIntolerance: ['{"resourceType":"AllergyIntolerance","id":"a1","patient":{"reference":"Patient/p2"}}'],
    MedicationRequest: [
      '{"resourceType":"MedicationRequest","id":"m1","status":"active","subject":{"reference":"Patient/p1"},"medicationReference":{"reference":"Medication/apixaban"}}',
    ],
    Medication: ['{"resourceType":"Medication","id":"apixaban","code":{"text":"Apixaban"}}'],
    Claim: ['{"resourceType":"Claim","id":"cl1","patient":{"reference":"Patient/p1"}}'],
  };

  function files(name: string, lineEnd = '\n'): string[] {
    const folder = join(dir, name);
    mkdirSync(folder);
    return Object.entries(lines).map(([type, l]) => {
      const file = join(folder, `${type}.ndjson`);
      // a blank line, and no line end after the last line
      writeFileSync(file, `${l.join(lineEnd)}${lineEnd}${lineEnd}${l.length > 1 ? '' : ' '}`);
      return file;
    });
  }

  function placed(index: ReturnType<typeof indexExport>) {
    const reader = new ExportReader(index);
    try {
      return Object.fromEntries(
        [...index.patients].map(([id, p]) => [
          id,
          (reader.bundle(p).bundle.entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`),
        ]),
      );
    } finally {
      reader.close();
    }
  }

  const expected = {
    p1: ['Patient/p1', 'Condition/c1', 'Condition/c3', 'MedicationRequest/m1', 'Medication/apixaban'],
    p2: ['Patient/p2', 'Condition/c2', 'Condition/c4', 'AllergyIntolerance/a1'],
  };

  it.each([
    ['chunks of 4 MB', { chunkBytes: 4 << 20, maxLineBytes: 64 << 20 }, '\n'],
    ['chunks of 7 bytes (every line across chunks)', { chunkBytes: 7, maxLineBytes: 1 << 20 }, '\n'],
    ['CRLF line ends, chunks of 64 bytes', { chunkBytes: 64, maxLineBytes: 1 << 20 }, '\r\n'],
  ])('places every resource with its patient, as readBundle would: %s', (name, sizes, lineEnd) => {
    const index = indexExport(files(name.replace(/\W+/g, '-'), lineEnd), undefined, sizes);
    const byFile = Object.fromEntries(Object.entries(placed(index)).map(([id, refs]) => [id, [...refs].sort()]));
    expect(byFile).toEqual({ p1: [...expected.p1].sort(), p2: [...expected.p2].sort() });
    expect(index.problems.size).toBe(0);
  });

  it('skips a line over the limit and counts its type as read partly (any type, where no line was read)', () => {
    const index = indexExport(files('long'), undefined, { chunkBytes: 16, maxLineBytes: 150 });
    // c1 (164 bytes) and m1, the only line of its file (162 bytes), are over 150 bytes
    expect(index.problems.get('MedicationRequest')).toEqual({
      reason: '"MedicationRequest.ndjson": 1 line could not be read (line 1 is over 0.00 MB)',
      lines: 1,
    });
    expect(index.problems.get('Condition')).toEqual({
      reason: '"Condition.ndjson": 1 line could not be read (line 1 is over 0.00 MB)',
      lines: 2,
    });
    expect(placed(index)).toEqual({
      p1: ['Patient/p1', 'Condition/c3'],
      p2: ['Patient/p2', 'Condition/c2', 'Condition/c4', 'AllergyIntolerance/a1'],
    });
  });
});

describe('the progress line', () => {
  it('groups thousands as the line shows them', () => {
    expect([0, 999, 1000, 1200, 123456, 1234567].map(thousands)).toEqual([
      '0',
      '999',
      '1,000',
      '1,200',
      '123,456',
      '1,234,567',
    ]);
  });
});
