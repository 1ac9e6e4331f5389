import { describe, expect, it } from 'vitest';
import { recordFromBundle, RecordError } from '../../src/clinical';
import { FRACTURE_CM, PATIENT, pain } from './fixtures';

const bundle = (type: string, entry: unknown[]) => ({ resourceType: 'Bundle', type, entry });

describe('recordFromBundle', () => {
  it.each(['collection', 'transaction', 'searchset'])('reads a %s Bundle and marks every type read fully', (type) => {
    const r = recordFromBundle(
      bundle(type, [{ resource: PATIENT }, { resource: FRACTURE_CM() }, { resource: pain(8, 1) }, { fullUrl: 'x' }]),
    );
    expect(r.patient?.id).toBe('p1');
    expect(r.resources.Condition).toHaveLength(1);
    expect(r.resources.Observation).toHaveLength(1);
    expect(Object.values(r.reads).every((x) => x.state === 'full')).toBe(true);
    expect(r.reads.Condition.count).toBe(1);
  });

  it('reads a batch-response, including searchset Bundles nested in it', () => {
    const r = recordFromBundle(
      bundle('batch-response', [
        { resource: PATIENT, response: { status: '200' } },
        { resource: bundle('searchset', [{ resource: FRACTURE_CM() }]), response: { status: '200' } },
        { response: { status: '404' } },
      ]),
    );
    expect(r.resources.Condition).toHaveLength(1);
  });

  it('accepts the same Patient twice', () => {
    expect(recordFromBundle(bundle('collection', [{ resource: PATIENT }, { resource: PATIENT }])).patient?.id).toBe(
      'p1',
    );
  });

  it.each([
    ['not an object', 'just text', 'not a JSON object'],
    ['an array', [], 'not a JSON object'],
    ['not a Bundle', { resourceType: 'Patient' }, 'not a FHIR Bundle'],
    ['no Patient', bundle('collection', [{ resource: FRACTURE_CM() }]), 'no Patient'],
    [
      'two Patients',
      bundle('collection', [{ resource: PATIENT }, { resource: { ...PATIENT, id: 'p2' } }]),
      '2 different patients',
    ],
  ])('rejects %s with a one-line RecordError', (_name, input, message) => {
    expect(() => recordFromBundle(input)).toThrow(RecordError);
    expect(() => recordFromBundle(input)).toThrow(message);
  });
});
