import { describe, expect, it } from 'vitest';
import { recordFromBundle } from '../../src/clinical';
import { baseResources, daysAgo, NOW, PATIENT, record, SYS, assessed, withSetting } from './fixtures';

// A drug named by medicationReference (Epic and others): resolved through contained, then the
// record's Medications; an active order whose drug cannot be read never counts as "no such drug".
const APIXABAN = {
  resourceType: 'Medication',
  id: 'apx',
  code: { coding: [{ system: SYS.rxnorm, code: '1364430', display: 'apixaban' }] },
};

function order(reference: string | undefined, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'MedicationRequest',
    id: 'apx-rx',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    authoredOn: daysAgo(60),
    medicationReference: reference === undefined ? { display: 'see pharmacy record' } : { reference },
    ...extra,
  };
}

const criterion = (a: ReturnType<typeof assessed>, id: string) => a.criteria.find((c) => c.id === id)!;
const bundle = (entries: unknown[]) => ({ resourceType: 'Bundle', type: 'collection', entry: entries });

describe('medicationReference resolved through the record', () => {
  it.each([
    ['a relative reference', 'Medication/apx'],
    ['a full URL', 'https://ehr.example/fhir/Medication/apx'],
    ['a versioned reference', 'Medication/apx/_history/3'],
  ])("finds the anticoagulant of %s among the record's Medications", (_name, reference) => {
    const a = assessed({
      ...record([...baseResources(), order(reference)]),
      medications: { 'Medication/apx': APIXABAN } as Record<string, fhir4.Medication>,
    });
    expect(criterion(a, 'rc.coagulation-correctable')).toMatchObject({
      status: 'met',
      evidence: [expect.objectContaining({ reference: 'MedicationRequest/apx-rx' })],
    });
    expect(a.recommendation).toBe('eligible-with-cautions');
  });

  it("reads the Medications of a Bundle file, by id and by the entry's fullUrl (urn:uuid)", () => {
    const entries = [{ resource: PATIENT }, ...baseResources().map((resource) => ({ resource }))];
    const byId = recordFromBundle(
      bundle([...entries, { fullUrl: 'urn:uuid:5a1c', resource: APIXABAN }, { resource: order('Medication/apx') }]),
    );
    expect(Object.keys(byId.medications ?? {}).sort()).toEqual(['Medication/apx', 'urn:uuid:5a1c']);
    expect(criterion(assessed(byId), 'rc.coagulation-correctable').status).toBe('met');
    const byFullUrl = recordFromBundle(
      bundle([...entries, { fullUrl: 'urn:uuid:5a1c', resource: APIXABAN }, { resource: order('urn:uuid:5a1c') }]),
    );
    expect(criterion(assessed(byFullUrl), 'rc.coagulation-correctable').status).toBe('met');
    expect(recordFromBundle(bundle(entries)).medications).toBeUndefined();
  });

  it('still resolves a contained Medication first', () => {
    const contained = order('#m1', { contained: [{ ...APIXABAN, id: 'm1' }] });
    expect(criterion(assessed(record([...baseResources(), contained])), 'rc.coagulation-correctable').status).toBe(
      'met',
    );
  });

  it('does not take an inherited property for a Medication', () => {
    const a = assessed({ ...record([...baseResources(), order('constructor')]), medications: {} });
    expect(criterion(a, 'rc.coagulation-correctable').status).toBe('unknown');
  });
});

describe('an active order whose drug cannot be read', () => {
  it.each([
    ['a Medication the record lacks', order('Medication/apx')],
    ['a contained Medication that is not there', order('#m1')],
    ['a reference with a display only', order(undefined)],
    ['no drug at all', { ...order('Medication/apx'), medicationReference: undefined }],
    ['a Medication without code', order('Medication/blank')],
  ])('%s: excluded evidence, and the absence of an anticoagulant is not proven', (_name, unreadable) => {
    const rec = {
      ...record([...baseResources(), unreadable]),
      medications: { 'Medication/blank': { resourceType: 'Medication', id: 'blank' } } as Record<
        string,
        fhir4.Medication
      >,
    };
    const a = assessed(rec);
    const coagulation = criterion(a, 'rc.coagulation-correctable');
    expect(coagulation.status).toBe('unknown');
    expect(coagulation.rationale).toMatch(
      /Medication orders could be read only in part: anticoagulant or antiplatelet therapy unknown/,
    );
    expect(coagulation.excluded).toContainEqual(
      expect.objectContaining({
        reference: 'MedicationRequest/apx-rx',
        why: expect.stringMatching(/^medication not readable/),
      }),
    );
    expect(a.recommendation).not.toBe('eligible');
    // the record itself is left as it was read; "What was read" shows the list as the engine weighed it
    expect(rec.reads.MedicationRequest.state).toBe('full');
    const reason = '1 medication order names a drug that could not be read.';
    expect(a.reads.MedicationRequest).toEqual({
      state: 'partial',
      reason,
      reasonText: { en: reason, de: '1 Verordnung nennt ein Medikament, das nicht gelesen werden konnte.' },
    });
  });

  it('leaves "no analgesic" unproven too (conservative therapy)', () => {
    const withoutAnalgesic = baseResources().filter((r) => r.resourceType !== 'MedicationRequest');
    // an outpatient: the 3-week rule applies, so "no analgesic" decides
    expect(criterion(assessed(withSetting(record(withoutAnalgesic), 'AMB')), 'ind.conservative-failed').status).toBe(
      'not-met',
    );
    const a = assessed(withSetting(record([...withoutAnalgesic, order('Medication/apx')]), 'AMB'));
    expect(criterion(a, 'ind.conservative-failed')).toMatchObject({
      status: 'unknown',
      rationale: expect.stringMatching(/Medication orders could be read only in part: analgesic therapy unknown/),
    });
  });

  it('does not matter when the order is stopped, planned or ended', () => {
    for (const extra of [
      { status: 'stopped' },
      { intent: 'plan' },
      { dosageInstruction: [{ timing: { repeat: { boundsPeriod: { end: daysAgo(10) } } } }] },
    ]) {
      const a = assessed(record([...baseResources(), order('Medication/apx', extra)]));
      expect(criterion(a, 'rc.coagulation-correctable').status).toBe('not-met');
      expect(a.recommendation).toBe('eligible');
    }
  });

  it('counts in medication statements the same way', () => {
    const statement = {
      ...order('Medication/apx'),
      resourceType: 'MedicationStatement',
      id: 'apx-st',
      effectiveDateTime: daysAgo(60),
    };
    const a = assessed(record([...baseResources(), statement]), { now: NOW });
    expect(criterion(a, 'rc.coagulation-correctable').rationale).toMatch(
      /Medication statements could be read only in part/,
    );
  });
});

describe('the drug named once in the evidence', () => {
  it('by its text, else its first display: not the text and every display of its codings run together', () => {
    const coded = order(undefined, {
      medicationReference: undefined,
      medicationCodeableConcept: {
        text: 'apixaban 5 mg tablet',
        coding: [
          { system: SYS.rxnorm, code: '1364445', display: 'apixaban 5 MG Oral Tablet' },
          { system: SYS.rxnorm, code: '1364430', display: 'apixaban' },
        ],
      },
    });
    const byText = criterion(assessed(record([...baseResources(), coded])), 'rc.coagulation-correctable');
    expect(byText.evidence[0]?.summary).toMatch(/^apixaban 5 mg tablet \(\d{4}-\d\d-\d\d\)$/);
    // the German rationale quotes it without an English word (issue #16)
    expect(byText.rationaleText.de).toMatch(
      /^Antikoagulation\/Thrombozytenhemmung: apixaban 5 mg tablet \(\d{4}-\d\d-\d\d\)\.$/,
    );
    const a = assessed({
      ...record([...baseResources(), order('Medication/apx')]),
      medications: { 'Medication/apx': APIXABAN } as Record<string, fhir4.Medication>,
    });
    expect(criterion(a, 'rc.coagulation-correctable').evidence[0]?.summary).toMatch(/^apixaban \(/);
  });
});
