import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as realEngine from '../../src/clinical';
import { CLINICAL_TYPES, type PatientRecord, type ResourcesByType } from '../../src/clinical/record';
import { startRecordRead } from '../../src/ui/recordRead';
import type { Engine } from '../../src/ui/services';
import { fakeServices } from './fakeServices';
import { makeSession } from './fixtures';

/**
 * While the reads are on the wire the engine assesses a record of its own once per rule set, thrown
 * away, so that the record's assessment is not the engine's first run (src/ui/recordRead.ts).
 */
describe('the engine warmed up while the reads are on the wire', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function launch() {
    const services = fakeServices();
    const assessed: Array<{ record: PatientRecord; ruleSetId: string | undefined }> = [];
    const engine: Engine = {
      ...realEngine,
      assess: (record, options) => {
        assessed.push({ record, ruleSetId: options.ruleSetId });
        return realEngine.assess(record, options);
      },
    };
    services.loadEngine = async () => engine;
    const session = makeSession({ payerRuleSets: ['lcd-pva', 'no-such-rule-set'] });
    const read = startRecordRead(session, services, services.createTransport(session.client));
    return { services, assessed, read };
  }

  it('assesses a warm-up record under each of the site’s rule sets the engine has, before the record is in', async () => {
    const { assessed } = launch();
    await vi.runAllTimersAsync();
    expect(assessed.map((a) => a.ruleSetId)).toEqual(['pvp-guideline', 'lcd-pva']);
    for (const { record } of assessed) {
      expect(record.patient?.id).toBe('warm-up');
      // one entry in every list, so that the engine reads each kind
      expect(Object.values(record.resources).every((list) => list.length === 1)).toBe(true);
    }
  });

  it('does not when the record is in first', async () => {
    const { services, assessed, read } = launch();
    services.reads[0]!.resolve(emptyRecord());
    await read.record;
    await vi.runAllTimersAsync();
    expect(assessed).toEqual([]);
  });
});

function emptyRecord(): PatientRecord {
  return {
    patient: undefined,
    resources: Object.fromEntries(CLINICAL_TYPES.map((type) => [type, []])) as unknown as ResourcesByType,
    reads: Object.fromEntries(
      CLINICAL_TYPES.map((type) => [type, { state: 'full', count: 0 }]),
    ) as PatientRecord['reads'],
  };
}
