import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle, type Assessment } from '../../src/clinical';
import { CLINICAL_TYPES, type ClinicalType, type PatientRecord, type ReadState } from '../../src/clinical/record';
import { NOW } from './fixtures';

/**
 * Issue #15, finding 2: a list that was not read fully proves no absence, so nothing the screen,
 * the note or the CLI says may rest on it as if it had been read. Every demo record is assessed
 * once as read and once with each list failed (its entries gone) or read partly (its entries kept):
 * whatever the unread list changes must say that the list was not read, ask for no order, and
 * never turn into "not met".
 */
const UNREAD_EN = /could not be read|read only in part|not permitted|not requested/;
const UNREAD_DE = /nicht gelesen werden|nur teilweise gelesen|nicht freigegeben|nicht abgefragt/;
const ORDERS = /\border\b|anfordern|bestimmen/i;

function degrade(record: PatientRecord, type: ClinicalType, state: ReadState): PatientRecord {
  const resources = { ...record.resources, [type]: state === 'partial' ? record.resources[type] : [] };
  const kept = resources[type].length;
  return {
    ...record,
    resources,
    reads: { ...record.reads, [type]: { state, count: kept, reason: `test: ${state}` } },
  };
}

const patients = demoPatients(NOW).filter((p) => p.scenario !== 15);

function changed(full: Assessment, degraded: Assessment) {
  return degraded.criteria.filter((c) => {
    const before = full.criteria.find((x) => x.id === c.id);
    return before && (before.status !== c.status || before.rationale !== c.rationale);
  });
}

describe('statements that rest on a list not read fully say so (finding 2)', () => {
  for (const p of patients) {
    for (const ruleSetId of ['pvp-guideline', 'lcd-pva']) {
      it(`scenario ${p.scenario}, ${ruleSetId}`, () => {
        const record = recordFromBundle(p.bundle);
        const full = assess(record, { now: NOW, ruleSetId });
        const problems: string[] = [];
        for (const type of CLINICAL_TYPES) {
          for (const state of ['failed', 'partial'] as const) {
            const degraded = assess(degrade(record, type, state), { now: NOW, ruleSetId });
            for (const c of changed(full, degraded)) {
              const before = full.criteria.find((x) => x.id === c.id);
              const where = `${type} ${state}: ${c.id} ${before?.status} → ${c.status}`;
              if (c.status === 'not-met' && before?.status !== 'not-met') problems.push(`${where}: became not met`);
              if (c.status !== 'unknown') continue;
              if (!UNREAD_EN.test(c.rationaleText.en)) problems.push(`${where}: "${c.rationaleText.en}"`);
              if (!UNREAD_DE.test(c.rationaleText.de)) problems.push(`${where}: "${c.rationaleText.de}"`);
              const missing = degraded.missing.find((m) => m.criterion === c.id);
              if (missing?.supply === 'order') problems.push(`${where}: to order`);
              if (c.caution && (ORDERS.test(c.caution.en) || ORDERS.test(c.caution.de)))
                problems.push(`${where}: caution "${c.caution.en}"`);
            }
            for (const item of degraded.documentation ?? []) {
              const before = full.documentation?.find((d) => d.item === item.item);
              if (before?.status === 'present' && item.status === 'missing')
                problems.push(`${type} ${state}: documentation ${item.item} "missing" instead of "not read"`);
            }
          }
        }
        expect(problems).toEqual([]);
      });
    }
  }

  it('scenario 1 with the Observation search failed: the pain score is "unknown", never "no pain score"', () => {
    const p = patients.find((x) => x.scenario === 1);
    if (!p) throw new Error('no scenario 1');
    const a = assess(degrade(recordFromBundle(p.bundle), 'Observation', 'failed'), { now: NOW });
    const pain = a.criteria.find((c) => c.id === 'ind.pain-severe');
    expect(pain?.rationaleText.en).toBe('Observations (scores, labs) could not be read: pain score unknown.');
    expect(pain?.rationaleText.de).toBe(
      'Beobachtungen (Scores, Labor) konnten nicht gelesen werden: Schmerzwert unbekannt.',
    );
    const labs = a.criteria.find((c) => c.id === 'req.coagulation-labs');
    expect(labs?.status).toBe('unknown');
    expect(labs?.caution?.en).not.toMatch(ORDERS);
    expect(a.missing.find((m) => m.criterion === 'req.coagulation-labs')?.supply).toBe('record');
  });

  it('the payer checklist says "not read" for what rests on an unread list', () => {
    const p = patients.find((x) => x.scenario === 1);
    if (!p) throw new Error('no scenario 1');
    const a = assess(degrade(recordFromBundle(p.bundle), 'Observation', 'failed'), {
      now: NOW,
      ruleSetId: 'lcd-pva',
    });
    expect(a.documentation?.find((d) => d.item === 'pain-scores')?.status).toBe('not-read');
  });
});
