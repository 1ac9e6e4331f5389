import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { inputFiles, runCli } from './harness';

/** Issue #15, finding 1: --answers follows README "The surgeon decides, with a reason" as the UI does. */
const TODAY = new Date('2026-11-25T00:00:00Z');
const { write } = inputFiles('assess-overrule-');
const scenario4 = demoPatients(TODAY).find((p) => p.scenario === 4);
if (!scenario4) throw new Error('no scenario 4 patient');
const bundle = write('scenario4.json', scenario4.bundle);
const cli = (answers: unknown) =>
  runCli(TODAY, '--bundle', bundle, '--now', '2026-11-25', '--answers', write('answers.json', answers));

describe('--answers that overturn what the record proves', () => {
  it('without a reason: not applied, one warning on stderr, exit 0', async () => {
    const r = await cli({ 'ci.cement-allergy': 'not-met' });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.recommendation).toBe('not-eligible');
    expect(json.criteria.find((c: { id: string }) => c.id === 'ci.cement-allergy')).toMatchObject({ status: 'met' });
    expect(r.stderr).toMatch(/^assess: warning: the answer "not-met" to ci\.cement-allergy is not applied/);
    expect(r.stderr).toContain('{"ci.cement-allergy": {"status": "not-met", "reason": "..."}}');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('with {"status": "not-met", "reason": "..."}: applied and marked overruled in the JSON', async () => {
    const r = await cli({ 'ci.cement-allergy': { status: 'not-met', reason: 'patch test repeated: negative' } });
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.recommendation).not.toBe('not-eligible');
    expect(json.criteria.find((c: { id: string }) => c.id === 'ci.cement-allergy')).toMatchObject({
      status: 'not-met',
      overruled: { recordStatus: 'met', reason: 'patch test repeated: negative' },
    });
  });

  it('an answer object may carry levels beside its reason (the diagnosis-and-level answer)', async () => {
    const r = await cli({
      'ind.painful-lesion': { status: 'met', levels: ['l1'] },
      'ci.cement-allergy': { status: 'not-met', reason: 'negative re-test' },
    });
    expect(JSON.parse(r.stdout).levels).toEqual(['L1']);
  });
});
