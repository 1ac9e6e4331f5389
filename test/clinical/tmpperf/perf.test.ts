import { it } from 'vitest';
import { largeRecord } from '../../../mocks/patients';
import { recordFromBundle } from '../../../src/clinical';
import { buildFacts } from '../../../src/clinical/facts';
import { observationFacts } from '../../../src/clinical/facts/observations';
import { conditionFacts } from '../../../src/clinical/facts/conditions';
import { emptyBucket } from '../../../src/clinical/facts/types';
import { codings } from '../../../src/clinical/json';
import { matchCodings } from '../../../src/clinical/terminology/match';
it('perf', () => {
  const now = new Date('2026-11-25T00:00:00Z');
  const rec = recordFromBundle(JSON.parse(JSON.stringify(largeRecord(now).bundle)));
  for (let i = 0; i < 4; i++) {
    let t = performance.now();
    buildFacts(rec, now);
    const build = performance.now() - t;
    t = performance.now();
    observationFacts(rec.resources.Observation, now, emptyBucket(), []);
    const obs = performance.now() - t;
    t = performance.now();
    conditionFacts(rec.resources.Condition, now, undefined, emptyBucket());
    const cond = performance.now() - t;
    t = performance.now();
    let n = 0;
    for (const o of rec.resources.Observation) n += matchCodings(codings(o.code)).length;
    const match = performance.now() - t;
    console.log(`build=${build.toFixed(1)} obs=${obs.toFixed(1)} cond=${cond.toFixed(1)} match=${match.toFixed(1)} n=${n}`);
  }
});
