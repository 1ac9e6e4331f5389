import { describe, expect, it } from 'vitest';
import { demoPatients, demoSurgeonResource } from '../../mocks/patients';
import { transactionBundles } from '../../mocks/patients/transaction';

const BASE = 'https://fhir.example/r4';
const patients = demoPatients(new Date('2026-11-25T00:00:00Z'));

describe('the demo patients as transactions (npm run load)', () => {
  const bundles = transactionBundles(BASE, patients, [demoSurgeonResource()], 500);
  const entries = bundles.flatMap((b) => b.entry ?? []);

  it('PUTs every resource once under its own id and address, in transactions of at most 500', () => {
    expect(bundles.every((b) => b.type === 'transaction' && (b.entry?.length ?? 0) <= 500)).toBe(true);
    const keys = entries.map((e) => `${e.resource?.resourceType}/${e.resource?.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const all = new Set(
      patients.flatMap((p) => (p.bundle.entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`)),
    );
    all.add('Practitioner/spine-surgeon-okafor');
    expect(new Set(keys)).toEqual(all);
    for (const entry of entries) {
      const key = `${entry.resource?.resourceType}/${entry.resource?.id}`;
      expect(entry.request).toEqual({ method: 'PUT', url: key });
      expect(entry.fullUrl).toBe(`${BASE}/${key}`);
    }
  });

  it('puts every resource after the resources it references', () => {
    const position = new Map(entries.map((e, i) => [`${e.resource?.resourceType}/${e.resource?.id}`, i]));
    let checked = 0;
    entries.forEach((entry, i) => {
      const references = JSON.stringify(entry.resource).match(/"reference":"[A-Z][A-Za-z]+\/[^"/]+"/g) ?? [];
      for (const reference of references) {
        const target = position.get(reference.slice('"reference":"'.length, -1));
        if (target === undefined) continue;
        expect(target).toBeLessThan(i);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(1000);
  });
});
