import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoEhr, type DemoEhr } from '../../mocks/ehr';
import { listenEhr } from '../../mocks/server/demo';
import { runCliWith } from './harness';

const NOW = new Date('2026-11-25T00:00:00Z');
// a port of its own, away from the demo's 4010/4011
const PORT = Number(process.env.ASSESS_TEST_EHR_PORT ?? 4597);

let ehr: DemoEhr;
let close: () => Promise<void>;

beforeAll(async () => {
  ehr = createDemoEhr({ ehrOrigin: `http://localhost:${PORT}`, appOrigin: 'http://localhost:4598', now: NOW });
  close = await listenEhr(ehr, PORT);
});
afterAll(async () => {
  await close();
});

/** the access token as a user gives it: in the environment (PVP_BEARER_TOKEN), never on the command line */
const cli = (token: string | undefined, ...argv: string[]) =>
  runCliWith({ today: NOW, env: token === undefined ? {} : { PVP_BEARER_TOKEN: token } }, argv);

describe('assess --server (through src/fhir, against the demo EHR over HTTP)', () => {
  it('reads scenario 1 and gives the verdict it gives from the Bundle', async () => {
    const patient = ehr.patients.find((p) => p.scenario === 1);
    if (!patient) throw new Error('no scenario 1');
    const token = ehr.mintAccessToken({ patient: patient.id });
    const r = await cli(token, '--server', ehr.fhirBase, '--patient', patient.id, '--now', '2026-11-25');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ recommendation: 'insufficient-data', levels: ['L1'] });
  });

  it('reads the Encounter named by --encounter and uses it for the care setting', async () => {
    const patient = ehr.patients.find((p) => p.scenario === 1);
    if (!patient?.encounterId) throw new Error('no scenario 1 encounter');
    const token = ehr.mintAccessToken({ patient: patient.id });
    const base = [
      '--server',
      ehr.fhirBase,
      '--patient',
      patient.id,
      '--now',
      '2026-11-25',
      '--ruleset',
      'lcd-pva',
      '--format',
      'text',
    ];
    const r = await cli(token, ...base, '--encounter', patient.encounterId);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Encounter: Encounter/${patient.encounterId} (class AMB, in-progress)`);
    const without = await cli(token, ...base);
    expect(without.stdout).toContain('Encounter: none given (--encounter ID)');
    const missing = await cli(token, ...base, '--encounter', 'no-such-visit');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('could not read "Encounter/no-such-visit"');
  });

  it('exits 2 with one line when nothing can be read (no token)', async () => {
    const r = await cli(undefined, '--server', ehr.fhirBase, '--patient', 'pvp-01-whitfield', '--now', '2026-11-25');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('could not read patient "pvp-01-whitfield"');
  });
});
