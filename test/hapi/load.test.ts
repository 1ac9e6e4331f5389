import { describe, expect, it } from 'vitest';
import { loadDemoPatients } from '../../mocks/load/load';
import { DAY, HAPI } from './setup';

/**
 * `npm run load` twice changes nothing: test/hapi/run.ts loaded every demo patient into the empty
 * server (each resource at version 1); loading the scenario patients again finds every resource
 * there and HAPI keeps each at version 1 (a PUT of identical content makes no new version). The
 * large record (scenario 15) is left out of the second load only to keep the suite short.
 */
describe('npm run load, a second time', () => {
  it('creates nothing and leaves every resource at its version', async () => {
    const again = await loadDemoPatients({ server: HAPI, now: DAY, only: (p) => p.scenario !== 15 });
    expect(again.created).toBe(0);
    expect(again.existing).toBeGreaterThan(100);
    expect(again.versions.size).toBe(again.existing);
    expect([...again.versions].filter(([, version]) => version !== '1')).toEqual([]);
  });
});
