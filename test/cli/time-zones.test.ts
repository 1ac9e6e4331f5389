/**
 * One time zone for every mode of the command-line assessor: the machine's (TZ), as the browser's.
 * `--now YYYY-MM-DD` is that day in that zone, and a batch counts the days of a window as one
 * patient's assessment does. Each zone runs in a process of its own (zone-runs.ts): TZ is the
 * whole process's, and the other test files share this one's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputFiles } from './harness';

const { dir, write } = inputFiles('assess-zones-');

/** a patient's chart with `resources` (each about Patient/p), alone in a folder */
function chart(name: string, resources: Record<string, unknown>[]): string {
  mkdirSync(join(dir, name));
  return write(join(name, 'chart.json'), {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Patient', id: 'p', birthDate: '1948-03-02', gender: 'female' } },
      ...resources.map((resource) => ({ resource: { ...resource, subject: { reference: 'Patient/p' } } })),
    ],
  });
}

/** a spine MRI started at `started` (an instant with its offset) */
const mri = (started: string) => ({
  resourceType: 'ImagingStudy',
  id: 'mri',
  status: 'available',
  started,
  modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' }],
  description: 'MRI lumbar spine without contrast',
});

interface ZoneRuns {
  zoneOffsetMinutes: number;
  out: Record<string, { single: string; batch: string }>;
}

function runIn(zone: string, file: string, now: string): ZoneRuns {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'zone-runs.ts'), file, now],
    { encoding: 'utf8', env: { ...process.env, TZ: zone } },
  );
  return JSON.parse(out) as ZoneRuns;
}

/** the MRI's criterion in one patient's JSON, and the batch line against that assessment */
function compare(runs: ZoneRuns['out'][string]) {
  const single = JSON.parse(runs.single) as {
    recommendation: string;
    criteria: { id: string; status: string }[];
    missing: unknown[];
  };
  const line = JSON.parse(runs.batch) as { recommendation: string; missing: unknown[] };
  return {
    imaging: single.criteria.find((c) => c.id === 'req.imaging')?.status,
    single: { recommendation: single.recommendation, missing: single.missing },
    batch: { recommendation: line.recommendation, missing: line.missing },
  };
}

// 12 weeks (84 days) before 2026-11-25 is 2026-09-02, the last day of the guideline's window
describe('the machine’s time zone, in one patient’s assessment and in a batch', () => {
  it('Los Angeles: an MRI of 1 September, 10:00 local (17:00 UTC), is 85 days old on --now 2026-11-25', () => {
    const runs = runIn('America/Los_Angeles', chart('la', [mri('2026-09-01T10:00:00-07:00')]), '2026-11-25');
    expect(runs.zoneOffsetMinutes).toBe(-480);
    const guideline = compare(runs.out['pvp-guideline']!);
    // too old: unknown (an MRI may have been done elsewhere); counted in UTC days, as the batch did, also 85
    expect(guideline.imaging).toBe('unknown');
    expect(guideline.batch).toEqual(guideline.single);
    const payer = compare(runs.out['lcd-pva']!);
    expect(payer.batch).toEqual(payer.single);
  }, 60_000);

  it('Auckland: an MRI of 2 September, 08:00 local (1 September, 20:00 UTC), is 84 days old on --now 2026-11-25', () => {
    const runs = runIn('Pacific/Auckland', chart('auckland', [mri('2026-09-02T08:00:00+12:00')]), '2026-11-25');
    expect(runs.zoneOffsetMinutes).toBe(780);
    const guideline = compare(runs.out['pvp-guideline']!);
    // counted in UTC, as the batch did, the MRI was of 1 September: 85 days, outside the window
    expect(guideline.imaging).toBe('met');
    expect(guideline.batch).toEqual(guideline.single);
    const payer = compare(runs.out['lcd-pva']!);
    expect(payer.batch).toEqual(payer.single);
  }, 60_000);

  it('Los Angeles: a spinal infection over on 24 November, 20:00 local (25 November, 04:00 UTC), is over on --now 2026-11-25', () => {
    const infection = {
      resourceType: 'Condition',
      id: 'discitis',
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
      },
      code: {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M46.2' }],
        text: 'Osteomyelitis of vertebra',
      },
      onsetDateTime: '2026-10-20',
      abatementDateTime: '2026-11-24T20:00:00-08:00',
    };
    const runs = runIn('America/Los_Angeles', chart('abated', [infection]), '2026-11-25');
    for (const ruleSet of ['pvp-guideline', 'lcd-pva']) {
      const { single, batch } = compare(runs.out[ruleSet]!);
      // --now as 00:00 UTC was 24 November, 16:00 here: the infection was still active then
      expect(single.recommendation, ruleSet).not.toBe('not-eligible');
      expect(batch, ruleSet).toEqual(single);
    }
  }, 60_000);
});
