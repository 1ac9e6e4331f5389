import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess, recordFromBundle, RecordError } from '../../src/clinical';
import { CLINICAL_TYPES } from '../../src/clinical/record';
import {
  baseClinical,
  condition,
  FRACTURE_CM,
  imagingStudy,
  inr,
  medication,
  NOW,
  OSTEOPOROSIS_CM,
  pain,
  PATIENT,
  platelets,
  record,
  report,
  SYS,
  WALL_ASSESSED,
} from './fixtures';

/** FC_RUNS=10000 for the full run; a modest default keeps the suite quick */
const numRuns = Number(process.env.FC_RUNS ?? 300);
const timeout = Math.max(20_000, numRuns * 30);

type R = Record<string, unknown>;

/** values that are wrong in kind or absurd: what an untrusted server may send */
const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -1e308, 1e308),
  fc.string(),
  fc.constantFrom('', '9999-99-99', '0001-01-01', 'final', 'active', 'http://loinc.org', '72514-3', 'M80.08XA'),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
);

const clinicalType = fc.constantFrom(...CLINICAL_TYPES);

/** a resource built from a real one with random fields replaced, removed or added */
const corrupted = (template: R) =>
  fc
    .tuple(
      fc.dictionary(fc.constantFrom(...Object.keys(template), 'extra', 'code', 'status', 'value'), junk, {
        maxKeys: 4,
      }),
      fc.subarray(Object.keys(template)),
    )
    .map(([replace, drop]) => {
      const r: R = { ...template, ...replace };
      for (const k of drop) if (k !== 'resourceType') delete r[k];
      return r;
    });

const templates = [
  FRACTURE_CM(),
  OSTEOPOROSIS_CM(),
  ...baseClinical(),
  condition(SYS.cm, 'D66', 'Haemophilia A'),
  medication(SYS.atc, 'B01AF02', 'apixaban', 40),
];

const anyRecord = fc.record({
  resources: fc.array(
    fc.oneof(
      fc.anything(),
      fc.constantFrom(...templates).chain(corrupted),
      fc.record({ resourceType: clinicalType }, { requiredKeys: [] }),
    ),
    { maxLength: 12 },
  ),
  reads: fc.dictionary(
    clinicalType,
    fc.oneof(
      junk,
      fc.record({
        state: fc.oneof(junk, fc.constantFrom('full', 'partial', 'failed', 'not-permitted', 'not-requested')),
      }),
    ),
  ),
  patient: fc.oneof(junk, fc.constant(PATIENT), corrupted(PATIENT)),
  answers: fc.oneof(junk, fc.dictionary(fc.string(), junk), fc.constant(WALL_ASSESSED)),
});

describe('robustness (fast-check)', () => {
  it(
    'never throws on random and corrupted records, and always answers with a known recommendation',
    () => {
      fc.assert(
        fc.property(anyRecord, ({ resources, reads, patient, answers }) => {
          const rec = { ...record(resources), reads: reads as never, patient: patient as never };
          const a = assess(rec, { now: NOW, answers: answers as never });
          expect(['eligible', 'eligible-with-cautions', 'not-eligible', 'insufficient-data']).toContain(
            a.recommendation,
          );
          expect(a.criteria).toHaveLength(23);
        }),
        { numRuns },
      );
    },
    timeout,
  );

  it(
    'never throws on a corrupted record shape itself',
    () => {
      fc.assert(
        fc.property(fc.anything(), (x) => {
          expect(() => assess(x as never, { now: NOW })).not.toThrow();
        }),
        { numRuns },
      );
    },
    timeout,
  );

  it(
    'recordFromBundle either reads a Bundle or throws a one-line RecordError',
    () => {
      const bundles = fc.oneof(
        fc.anything(),
        fc.record({
          resourceType: fc.constant('Bundle'),
          type: junk,
          entry: fc.oneof(
            junk,
            fc.array(
              fc.oneof(
                junk,
                fc.record({
                  resource: fc.oneof(junk, fc.constant(PATIENT), fc.constantFrom(...templates).chain(corrupted)),
                }),
              ),
              { maxLength: 6 },
            ),
          ),
        }),
      );
      fc.assert(
        fc.property(bundles, (b) => {
          try {
            const r = recordFromBundle(b);
            expect(r.patient).toBeDefined();
            expect(() => assess(r, { now: NOW })).not.toThrow();
          } catch (e) {
            expect(e).toBeInstanceOf(RecordError);
            expect((e as Error).message).not.toContain('\n');
          }
        }),
        { numRuns },
      );
    },
    timeout,
  );

  /** one source per required criterion, so corrupting it leaves nothing to prove that criterion */
  const minimal = (): R[] => [
    FRACTURE_CM(),
    OSTEOPOROSIS_CM(),
    // names no level: the fracture's bodySite stays the one source of it
    report('Compression fracture with bone marrow oedema on STIR.', 21),
    imagingStudy('MR', 21),
    pain(8, 2),
    medication(SYS.rxnorm, '1049221', 'Acetaminophen 325 MG / oxyCODONE Hydrochloride 5 MG Oral Tablet', 30),
    inr(1.0, 5),
    platelets(250, 5),
  ];
  /** the fields that carry each required piece of evidence */
  const ESSENTIAL: Record<number, string[]> = {
    0: ['code', 'clinicalStatus', 'bodySite'],
    2: ['conclusion', 'status', 'effectiveDateTime'],
    4: ['code', 'valueQuantity', 'status', 'effectiveDateTime'],
    5: ['medicationCodeableConcept', 'status', 'authoredOn'],
    6: ['code', 'valueQuantity', 'status', 'effectiveDateTime'],
    7: ['code', 'valueQuantity', 'status', 'effectiveDateTime'],
  };

  it('the minimal record is eligible as it stands', () => {
    expect(assess(record(minimal()), { now: NOW, answers: WALL_ASSESSED }).recommendation).toBe('eligible');
  });

  it(
    'is never "eligible" when evidence a required criterion needs is corrupted',
    () => {
      const target = fc.constantFrom(...Object.keys(ESSENTIAL).map(Number)).chain((index) =>
        fc.record({
          index: fc.constant(index),
          field: fc.constantFrom(...(ESSENTIAL[index] ?? [])),
          value: junk.filter((v) => v !== undefined),
          remove: fc.boolean(),
        }),
      );
      fc.assert(
        fc.property(target, ({ index, field, value, remove }) => {
          const resources = minimal();
          const r = { ...(resources[index] as R) };
          // replacing a value by an equal one is no corruption
          fc.pre(remove || JSON.stringify(value) !== JSON.stringify(r[field]));
          if (remove) delete r[field];
          else r[field] = value;
          resources[index] = r;
          const a = assess(record(resources), { now: NOW, answers: WALL_ASSESSED });
          expect(a.recommendation).not.toBe('eligible');
        }),
        { numRuns },
      );
    },
    timeout,
  );

  it('duplicated and contradictory entries do not make a patient eligible who is not', () => {
    const contradictory = [
      ...minimal(),
      pain(2, 1),
      { ...FRACTURE_CM(), verificationStatus: { coding: [{ code: 'refuted' }] } },
    ];
    expect(assess(record(contradictory), { now: NOW, answers: WALL_ASSESSED }).recommendation).toBe('not-eligible');
    const duplicated = [...minimal(), ...minimal()];
    expect(assess(record(duplicated), { now: NOW, answers: WALL_ASSESSED }).recommendation).toBe('eligible');
  });
});
