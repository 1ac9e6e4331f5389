import { asWritten, summarised } from '../../src/clinical/evidence-words';
import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_EXTENSION_URL,
  AUDIT_TRAIL_FORMAT,
  buildNote,
  NOTE_IDENTIFIER_SYSTEM,
  readAuditTrail,
} from '../../src/report';
import { clinicalPeriod } from '../../src/report/document-reference';
import { decodeBase64Utf8 } from '../../src/clinical/base64';
import { base64, sha1, utf8Bytes } from '../../src/report/encoding';
import { r4Problems, usCoreProblems } from './conformance';
import { hostileAssessment, noteContext, scenario10Overridden, scenario1Eligible, scenario7Cautions } from './fixtures';

const { window } = new JSDOM('');

const cases = {
  'eligible (scenario 1)': () => buildNote(scenario1Eligible(), noteContext(), { window }),
  'with cautions, German (scenario 7)': () => buildNote(scenario7Cautions(), noteContext({ lang: 'de' }), { window }),
  'overridden, no encounter, no author (scenario 10)': () =>
    buildNote(scenario10Overridden(), noteContext({ encounter: undefined, author: undefined }), { window }),
  amendment: () => buildNote(scenario1Eligible(), noteContext({ replaces: { id: 'doc-1' } }), { window }),
  'hostile record strings': () => buildNote(hostileAssessment(), noteContext(), { window }),
};

describe('the DocumentReference', () => {
  for (const [name, build] of Object.entries(cases)) {
    it(`validates against FHIR R4 and the US Core constraints: ${name}`, () => {
      const { documentReference, provenance } = build();
      expect(r4Problems(documentReference)).toEqual([]);
      expect(usCoreProblems(documentReference)).toEqual([]);
      expect(provenance && r4Problems(provenance)).toEqual([]);
    });
  }

  it('the validator is not a rubber stamp', () => {
    const { documentReference } = cases['eligible (scenario 1)']();
    expect(r4Problems({ ...documentReference, status: 'signed' })).not.toEqual([]);
    expect(r4Problems({ ...documentReference, context: { encounter: { reference: 'Encounter/e1' } } })).not.toEqual([]);
    expect(r4Problems({ ...documentReference, note: 'x' })).not.toEqual([]);
    expect(usCoreProblems({ ...documentReference, category: [] })).toEqual(['category has us-core clinical-note']);
  });

  it('carries the US Core elements the brief names', () => {
    const { documentReference: doc, text } = cases['eligible (scenario 1)']();
    expect(doc).toMatchObject({
      meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference'] },
      status: 'current',
      docStatus: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '11488-4', display: 'Consult note' }] },
      category: [
        {
          coding: [
            {
              system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
              code: 'clinical-note',
            },
          ],
        },
      ],
      subject: { reference: 'Patient/p1', display: 'Erika Mustermann' },
      date: '2026-11-25T08:15:00Z',
      author: [{ reference: 'Practitioner/dr-a', display: 'Dr. Anna Weber' }],
      identifier: [{ system: NOTE_IDENTIFIER_SYSTEM, value: 'urn:uuid:6f1c2b9e-3d4a-4c1b-9a7e-2f0d8b5c1a23' }],
      // the oldest evidence used (the excluded NRS of 2026-10-01 does not count) to the assessment
      context: {
        encounter: [{ reference: 'Encounter/e1' }],
        period: { start: '2026-10-21', end: '2026-11-25T08:00:00Z' },
      },
    });
    const [plain, rich] = doc.content;
    const bytes = utf8Bytes(text);
    expect(plain?.attachment).toMatchObject({
      contentType: 'text/plain; charset=utf-8',
      size: bytes.length,
      hash: createHash('sha1').update(text, 'utf8').digest('base64'),
      creation: '2026-11-25T08:15:00Z',
      language: 'en',
    });
    expect(plain?.attachment.title).toBe('Consult note: percutaneous vertebroplasty (PVP): Eligible');
    expect(rich?.attachment.contentType).toBe('text/html; charset=utf-8');
    expect(doc.content).toHaveLength(2);
    expect(doc.relatesTo).toBeUndefined();
  });

  it('keeps the full audit trail in one extension, not as a third content item, and reads it back', () => {
    const assessment = scenario1Eligible();
    const { documentReference } = buildNote(assessment, noteContext(), { window });
    const extension = documentReference.extension?.find((e) => e.url === ASSESSMENT_EXTENSION_URL);
    expect(extension?.valueAttachment?.contentType).toBe('application/json');
    const structured = JSON.parse(decodeBase64Utf8(extension?.valueAttachment?.data ?? '') ?? '');
    // every criterion with its evidence references, the rule set and its version, the app and its version
    expect(structured).toMatchObject({
      format: AUDIT_TRAIL_FORMAT,
      app: { name: 'PVP Eligibility', version: '0.1.0' },
      assessmentId: '6f1c2b9e-3d4a-4c1b-9a7e-2f0d8b5c1a23',
      signedAt: '2026-11-25T08:15:00Z',
      author: { reference: 'Practitioner/dr-a', display: 'Dr. Anna Weber' },
      patient: 'Patient/p1',
    });
    expect(structured.assessment).toEqual(assessment);
    expect(structured.assessment.ruleset).toEqual({ id: 'pvp-guideline', version: '2026.1' });
    expect(structured.answers['req.posterior-wall-assessed'].status).toBe('met');
    expect(readAuditTrail({ ...documentReference, id: 'n1' })).toEqual(structured);
  });

  it('reads back no audit trail from a note that is not this app’s, or altered', () => {
    const { documentReference } = buildNote(scenario1Eligible(), noteContext(), { window });
    const withData = (data: string) => ({
      ...documentReference,
      extension: [{ url: ASSESSMENT_EXTENSION_URL, valueAttachment: { contentType: 'application/json', data } }],
    });
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
    expect(readAuditTrail({ ...documentReference, extension: [] })).toBeUndefined();
    expect(readAuditTrail(withData('not base64!'))).toBeUndefined();
    expect(readAuditTrail(withData(encode({ assessment: scenario1Eligible(), answers: {} })))).toBeUndefined();
    const trail = JSON.parse(
      decodeBase64Utf8(documentReference.extension?.[0]?.valueAttachment?.data ?? '') ?? '',
    ) as Record<string, unknown>;
    const bent = { ...trail, assessment: { ...scenario1Eligible(), criteria: [{ id: 'x', status: 'maybe' }] } };
    expect(readAuditTrail(withData(encode(bent)))).toBeUndefined();
    expect(readAuditTrail({ resourceType: 'Patient' })).toBeUndefined();
  });

  it('an amendment replaces the earlier note', () => {
    const { documentReference } = cases.amendment();
    expect(documentReference.relatesTo).toEqual([
      { code: 'replaces', target: { reference: 'DocumentReference/doc-1' } },
    ]);
  });

  it('starts the clinical period at the earliest finding, not at the birth date behind the age criterion', () => {
    const assessment = scenario1Eligible();
    assessment.criteria[0]?.evidence.push({
      reference: 'Patient/p1',
      ...summarised(asWritten('born 1948-03-14')),
      date: '1948-03-14',
    });
    expect(clinicalPeriod([assessment]).start).toBe('2026-10-21');
  });

  it('leaves invalid evidence dates out of the clinical period', () => {
    const { documentReference } = cases['hostile record strings']();
    expect(documentReference.context?.period).toEqual({ start: '2026-11-25T08:00:00Z', end: '2026-11-25T08:00:00Z' });
  });
});

describe('the Provenance', () => {
  it('names the surgeon, the app as a Device, and the source resources of the evidence', () => {
    const { provenance } = cases['eligible (scenario 1)']();
    expect(provenance?.target).toEqual([
      {
        type: 'DocumentReference',
        identifier: { system: NOTE_IDENTIFIER_SYSTEM, value: 'urn:uuid:6f1c2b9e-3d4a-4c1b-9a7e-2f0d8b5c1a23' },
      },
    ]);
    expect(provenance?.recorded).toBe('2026-11-25T08:15:00Z');
    expect(provenance?.agent.map((a) => [a.type?.coding?.[0]?.code, a.who.reference])).toEqual([
      ['author', 'Practitioner/dr-a'],
      ['assembler', '#app'],
    ]);
    expect(provenance?.agent[1]?.who).toEqual({ reference: '#app', type: 'Device', display: 'PVP Eligibility 0.1.0' });
    expect(provenance?.contained?.[0]).toMatchObject({
      resourceType: 'Device',
      id: 'app',
      deviceName: [{ name: 'PVP Eligibility', type: 'user-friendly-name' }],
      version: [{ value: '0.1.0' }],
    });
    // "surgeon" is not a resource; every other evidence reference is named once
    expect(provenance?.entity?.map((e) => e.what.reference)).toEqual([
      'Condition/vcf-l1',
      'DiagnosticReport/mri-1',
      'MedicationRequest/oxy',
      'Observation/inr-1',
      'Observation/nrs-1',
      'Observation/plt-1',
    ]);
    expect(provenance?.entity?.every((e) => e.role === 'source')).toBe(true);
  });
});

describe('attachment encodings', () => {
  const samples = ['', 'a', 'ab', 'abc', 'Wirbelkörper ≥ 5 — 🦴', 'x'.repeat(1000)];
  it('base64 and SHA-1 agree with Node for UTF-8 text', () => {
    for (const sample of samples) {
      const bytes = utf8Bytes(sample);
      expect(base64(bytes)).toBe(Buffer.from(sample, 'utf8').toString('base64'));
      expect(base64(sha1(bytes))).toBe(createHash('sha1').update(sample, 'utf8').digest('base64'));
      expect(decodeBase64Utf8(base64(bytes))).toBe(sample);
    }
  });
});
