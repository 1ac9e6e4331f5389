/**
 * Hostile and broken input: whole records built from the demo scenario bundles and mutated by
 * fast-check (fields dropped or replaced, wrong types, absurd values, unknown systems and units,
 * thousands of duplicates, deep nesting, wrong resource types, huge strings). The engine never
 * crashes (a RecordError with a message is the only allowed failure), and never says "eligible"
 * when the evidence a required criterion rests on was corrupted. Markup in every string that ends
 * up in the note stays text.
 *
 * `FC_RUNS=10000 npx vitest run test/reliability` runs 10,000 mutated records; `npm test` runs 300.
 */
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPatients, type DemoPatient } from '../../mocks/patients';
import { assess, recordFromBundle, RecordError, type Assessment } from '../../src/clinical';
import { buildNote } from '../../src/report';

const NOW = new Date('2026-11-25T08:00:00Z');
const RUNS = Number(process.env.FC_RUNS ?? 300);
/** a property over RUNS records may take a while on a shared machine: no wall-clock limit is tested here */
const PROPERTY_TIMEOUT_MS = Math.max(20_000, RUNS * 100);
const RECOMMENDATIONS = ['eligible', 'eligible-with-cautions', 'not-eligible', 'insufficient-data'];
/** criteria that must be met (or answered) for an eligible verdict: indications and the required imaging */
const REQUIRED = /^(ind\.|req\.imaging$)/;
/** where FHIR resources say in words what their codes say */
const FREE_TEXT = ['text', 'display', 'conclusion', 'description', 'presentedForm', 'note', 'title'];
const { window } = new JSDOM('');

const patients = demoPatients(NOW).filter((p) => p.scenario <= 14);
const eligible = patients.find((p) => p.scenario === 1) as DemoPatient;

let unhandled = 0;
const countUnhandled = (): void => {
  unhandled++;
};
beforeAll(() => process.on('unhandledRejection', countUnhandled));
afterAll(() => process.off('unhandledRejection', countUnhandled));

type Json = unknown;
type Mutation = (bundle: fhir4.Bundle) => void;

// ---- values a careless or malicious sender puts where FHIR expects something else

const MARKUP = ['<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=1</script>', '"><svg onload=alert(1)>'];
const hugeString = fc.integer({ min: 100_000, max: 400_000 }).map((n) => 'A'.repeat(n));
const deepNesting = fc.integer({ min: 500, max: 5_000 }).map((depth) => {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? { nested: value } : [value];
  return value;
});
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    1e-308,
    '',
    ' ',
    'NaN',
    '9999-99-99',
    '-0001-01-01T25:61:61Z',
    [],
    {},
  ),
  fc.constantFrom(...MARKUP),
  fc.constant({ system: 'urn:unknown:system', code: 'ZZZ-999', display: MARKUP[0] }),
  fc.constant({ coding: [{ system: 'http://loinc.org', code: '72514-3' }], text: 'pain' }),
  fc.constant({ value: 8, unit: 'furlongs', system: 'http://unitsofmeasure.org', code: '[furlong_us]' }),
  fc.constant({ value: 'eight', unit: '{score}' }),
  fc.constant({ value: 1e12, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' }),
  fc.constant({ value: -5, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' }),
  fc.constant({ reference: 'Patient/someone-else' }),
  fc.string({ maxLength: 40 }),
  fc.double(),
  fc.jsonValue({ maxDepth: 4 }),
  hugeString,
  deepNesting,
);

// ---- mutations of whole bundles

function allObjects(value: Json, out: Record<string, Json>[] = [], depth = 0): Record<string, Json>[] {
  if (depth > 40 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) for (const item of value) allObjects(item, out, depth + 1);
  else {
    out.push(value as Record<string, Json>);
    for (const child of Object.values(value)) allObjects(child, out, depth + 1);
  }
  return out;
}

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const pick = <T>(items: T[], index: number): T | undefined => (items.length ? items[index % items.length] : undefined);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // drop a field anywhere
  fc.nat().chain((n) =>
    fc.nat().map((k) => (bundle: fhir4.Bundle) => {
      const target = pick(allObjects(bundle.entry), n);
      const key = target && pick(Object.keys(target), k);
      if (target && key) delete target[key];
    }),
  ),
  // replace a field anywhere with a hostile value
  fc.tuple(fc.nat(), fc.nat(), hostileValue).map(([n, k, value]) => (bundle: fhir4.Bundle) => {
    const target = pick(allObjects(bundle.entry), n);
    const key = target && pick(Object.keys(target), k);
    if (target && key) target[key] = structuredClone(value);
  }),
  // change a resource's type, to another clinical type or to something else entirely
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('Observation', 'Condition', 'Basic', 'OperationOutcome', 'Bundle', 'Patient', '', 42),
    )
    .map(([n, type]) => (bundle: fhir4.Bundle) => {
      const resource = (pick(bundle.entry ?? [], n) as { resource?: Json } | null | undefined)?.resource;
      if (isObject(resource)) resource.resourceType = type;
    }),
  // thousands of duplicates of one entry
  fc.tuple(fc.nat(), fc.integer({ min: 1_000, max: 3_000 })).map(([n, copies]) => (bundle: fhir4.Bundle) => {
    const entry = pick(bundle.entry ?? [], n);
    if (entry) for (let i = 0; i < copies; i++) bundle.entry?.push(entry);
  }),
  // entries that are not entries
  fc.array(hostileValue, { minLength: 1, maxLength: 5 }).map((junk) => (bundle: fhir4.Bundle) => {
    bundle.entry?.push(...(junk.map((j) => structuredClone(j)) as fhir4.BundleEntry[]));
  }),
  // unknown code systems and units everywhere in one resource
  fc.nat().map((n) => (bundle: fhir4.Bundle) => {
    const entry = pick(bundle.entry ?? [], n);
    for (const object of allObjects(entry?.resource)) {
      if (typeof object.system === 'string') object.system = 'urn:unknown:system';
      if (typeof object.unit === 'string') object.unit = 'furlongs';
    }
  }),
);

const mutatedBundle = fc
  .tuple(fc.constantFrom(...patients), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([patient, mutations]) => {
    const bundle = structuredClone(patient.bundle);
    for (const mutate of mutations) mutate(bundle);
    return { patient, bundle };
  });

/** recordFromBundle + assess: only a RecordError with a message may escape. */
function assessBundle(bundle: unknown, answers: DemoPatient['answers'] = {}): Assessment | RecordError {
  let record;
  try {
    record = recordFromBundle(bundle);
  } catch (error) {
    if (error instanceof RecordError && error.message.trim() !== '') return error;
    throw error;
  }
  return assess(record, { now: NOW, answers });
}

describe(`hostile records (${RUNS} per property)`, () => {
  it('the demo scenario 1 is eligible with its answers, before any mutation', () => {
    const result = assessBundle(eligible.bundle, eligible.answers);
    expect(result).not.toBeInstanceOf(RecordError);
    expect((result as Assessment).recommendation).toBe('eligible');
  });

  it(
    'mutated records never crash the engine: an assessment, or a RecordError with a message',
    () => {
      fc.assert(
        fc.property(mutatedBundle, ({ patient, bundle }) => {
          const result = assessBundle(bundle, patient.answers);
          if (result instanceof RecordError) return;
          expect(RECOMMENDATIONS).toContain(result.recommendation);
          expect(result.criteria.length).toBeGreaterThan(0);
          for (const criterion of result.criteria) expect(typeof criterion.rationale).toBe('string');
          JSON.stringify(result);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'input that is not a Bundle at all gets a RecordError with a message',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.jsonValue(), fc.constant({ resourceType: 'Bundle', entry: 'nope' }), deepNesting),
          (junk) => {
            const result = assessBundle(junk);
            if (!(result instanceof RecordError)) expect(RECOMMENDATIONS).toContain(result.recommendation);
          },
        ),
        { numRuns: Math.ceil(RUNS / 3) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never eligible when the evidence of a required criterion is corrupted',
    () => {
      const baseline = assessBundle(eligible.bundle, eligible.answers) as Assessment;
      /**
       * What each required criterion of the eligible verdict rests on: the resources it cites, and
       * every resource with the same code (the second-latest pain score stands in for the latest).
       */
      const evidence = baseline.criteria
        .filter((c) => REQUIRED.test(c.id) && c.source === 'record' && c.status === 'met')
        .map((c) => ({
          criterion: c.id,
          references: c.evidence.map((e) => e.reference.split('/_history')[0] as string),
          codes: c.evidence.map((e) => e.code).filter((code): code is string => code !== undefined),
        }))
        .filter((c) => c.references.length > 0);
      expect(evidence.length).toBeGreaterThan(0);

      const corruption = fc.constantFrom<[string, (resource: Record<string, Json>) => void]>(
        [
          'entered in error',
          (r) => {
            r.status = 'entered-in-error';
            r.verificationStatus = {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' },
              ],
            };
          },
        ],
        [
          'unknown codes, no text',
          (r) => {
            for (const object of allObjects(r)) {
              if ('code' in object && 'system' in object)
                Object.assign(object, { system: 'urn:unknown:system', code: 'ZZZ' });
              for (const key of FREE_TEXT) delete object[key];
            }
          },
        ],
        [
          'wrong types',
          (r) => {
            for (const key of Object.keys(r))
              if (!['resourceType', 'id', 'subject', 'patient'].includes(key)) r[key] = key.length % 2 ? 42 : ['x'];
          },
        ],
        [
          'stripped',
          (r) => {
            for (const key of Object.keys(r))
              if (!['resourceType', 'id', 'subject', 'patient'].includes(key)) delete r[key];
          },
        ],
        [
          'wrong resource type',
          (r) => {
            r.resourceType = 'Basic';
          },
        ],
      );

      fc.assert(
        fc.property(fc.constantFrom(...evidence), corruption, ({ criterion, references, codes }, [, corrupt]) => {
          const bundle = structuredClone(eligible.bundle);
          const carries = (resource: Record<string, Json>) =>
            references.includes(`${String(resource.resourceType)}/${String(resource.id)}`) ||
            allObjects(resource).some((o) => codes.includes(`${String(o.system)}|${String(o.code)}`));
          for (const entry of bundle.entry ?? []) {
            const resource = entry.resource as unknown as Record<string, Json> | undefined;
            if (resource && carries(resource)) corrupt(resource);
          }
          const result = assessBundle(bundle, eligible.answers);
          if (result instanceof RecordError) return;
          expect(result.recommendation, `${criterion} rests on corrupted evidence`).not.toBe('eligible');
        }),
        { numRuns: Math.min(RUNS, 200) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('an absurd or unreadable pain score is never taken as severe pain', () => {
    const PAIN_SCORES = ['72514-3', '38208-5', '38221-8'];
    fc.assert(
      fc.property(
        fc.constantFrom<Json>(1e12, -3, 1e308, 'eight', null, [8]),
        fc.constantFrom('{score}', 'furlongs', '%', ''),
        (value, unit) => {
          const bundle = structuredClone(eligible.bundle);
          for (const object of allObjects(bundle.entry)) {
            const codings = (object.code as { coding?: { code?: string }[] } | undefined)?.coding ?? [];
            if (object.resourceType !== 'Observation' || !codings.some((c) => PAIN_SCORES.includes(c.code ?? '')))
              continue;
            object.valueQuantity = { value, unit, system: 'http://unitsofmeasure.org', code: unit };
          }
          const result = assessBundle(bundle, eligible.answers);
          if (result instanceof RecordError) return;
          expect(result.criteria.find((c) => c.id === 'ind.pain-severe')?.status).not.toBe('met');
          expect(result.recommendation).not.toBe('eligible');
        },
      ),
      { numRuns: Math.min(RUNS, 100) },
    );
  });

  it('left no unhandled rejection behind', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toBe(0);
  });
});

// ---- markup in every string the note carries

const PWN = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';

function withMarkup(patient: DemoPatient): fhir4.Bundle {
  const bundle = structuredClone(patient.bundle);
  for (const object of allObjects(bundle.entry)) {
    if (typeof object.display === 'string') object.display = `${object.display} ${PWN}`;
    if (typeof object.text === 'string') object.text = `${object.text} ${SCRIPT}`;
    if (typeof object.conclusion === 'string') object.conclusion = `${object.conclusion} ${PWN}`;
    if (Array.isArray(object.given)) object.given = [PWN];
    if (typeof object.family === 'string') object.family = SCRIPT;
  }
  return bundle;
}

describe('markup in the strings of the note', () => {
  const record = recordFromBundle(withMarkup(eligible));
  record.reads.Procedure = {
    state: 'failed',
    count: 0,
    reason: `Procedure records could not be read: The EHR said: "${SCRIPT} ${PWN}"`,
  };
  const answers = Object.fromEntries(
    Object.entries(eligible.answers ?? {}).map(([id, answer]) => [
      id,
      { ...answer, note: `surgeon's note ${PWN} ${SCRIPT}` },
    ]),
  );
  const assessment = assess(record, {
    now: NOW,
    answers,
    override: { recommendation: 'not-eligible', reason: `override ${PWN}`, at: NOW.toISOString() },
  });
  const note = buildNote(
    assessment,
    {
      assessmentId: '0b7c4a1e-5d2f-4c3b-9a8e-7f6d5c4b3a21',
      patient: { reference: `Patient/${eligible.id}`, display: `${SCRIPT}${PWN}` },
      author: { reference: 'Practitioner/demo-surgeon', display: `Dr ${PWN}` },
      signedAt: '2026-11-25T08:15:00Z',
      answers,
      override: { recommendation: 'not-eligible', reason: `override ${PWN}`, at: NOW.toISOString() },
      lang: 'en',
    },
    { window },
  );

  it('the HTML has no script, image, event handler or link', () => {
    const doc = new JSDOM(note.html).window.document;
    expect(
      doc.querySelectorAll(
        'script, img, svg, iframe, object, embed, link, a[href], [onerror], [onload], [src], [style]',
      ),
    ).toHaveLength(0);
    expect(note.html).not.toMatch(/<script|<img|<svg/i);
  });

  it('the markup shows up as text, literally, in the HTML and in the plain text', () => {
    const doc = new JSDOM(note.html).window.document;
    expect(doc.body.textContent).toContain(PWN);
    expect(note.text).toContain(PWN);
    expect(note.text).toContain(`override ${PWN}`);
  });

  it('the DocumentReference carries exactly that text and that sanitised HTML', () => {
    const attachments = (note.documentReference.content ?? []).map((c) => c.attachment);
    const decoded = attachments.map((a) => Buffer.from(a.data ?? '', 'base64').toString('utf8'));
    expect(decoded).toContain(note.text);
    expect(decoded).toContain(note.html);
  });
});
