import type { Assessment } from '../clinical/assessment';
import { auditTrail } from './audit';
import { cleanField, UNSAFE_CHARACTERS } from './model';
import { base64, sha1, utf8Bytes } from './encoding';
import { ASSESSMENT_EXTENSION_URL, NOTE_IDENTIFIER_SYSTEM } from './identity';
import type { NoteContext } from './types';

export const US_CORE_DOCUMENT_REFERENCE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference';
export const CONSULT_NOTE_TYPE: fhir4.Coding = { system: 'http://loinc.org', code: '11488-4', display: 'Consult note' };
export const CLINICAL_NOTE_CATEGORY: fhir4.Coding = {
  system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
  code: 'clinical-note',
  display: 'Clinical Note',
};
/** IHE format code for a document whose MIME type says all a reader needs. */
export const MIME_TYPE_SUFFICIENT: fhir4.Coding = {
  system: 'http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode',
  code: 'urn:ihe:iti:xds:2017:mimeTypeSufficient',
  display: 'mimeType Sufficient',
};
export const PLAIN_TEXT = 'text/plain; charset=utf-8';
export const HTML_TEXT = 'text/html; charset=utf-8';

/** A FHIR dateTime (date, partial date, or date with time and zone). */
const FHIR_DATE_TIME =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;

export function isFhirDateTime(value: string): boolean {
  return FHIR_DATE_TIME.test(value);
}

export function noteIdentifier(assessmentId: string): fhir4.Identifier {
  return { system: NOTE_IDENTIFIER_SYSTEM, value: `urn:uuid:${assessmentId.toLowerCase()}` };
}

/**
 * The consult note as a US Core DocumentReference (clinical note).
 *
 * Where the audit trail goes (audit.ts: every criterion with its evidence references, the rule sets
 * and versions, the answers, the app's version): R4 requires every content item to be the same
 * document in another format, so the structured JSON cannot be a third content item. It travels as
 * a second attachment in one extension (`ASSESSMENT_EXTENSION_URL`, valueAttachment
 * application/json) on this DocumentReference: it is written atomically with the note under the one
 * conditional create, needs no extra scope (Binary.c is rarely granted), and viewers that do not
 * know it ignore it. The Provenance names the sources; it does not carry the JSON, because a server
 * may refuse it.
 */
export function buildDocumentReference(
  assessment: Assessment,
  context: NoteContext,
  text: string,
  html: string,
  title: string,
  app: { name: string; version: string },
): fhir4.DocumentReference {
  // every string of the trail comes from the record or a person: no control or bidi character in it
  const structured = JSON.stringify(auditTrail(assessment, context, app), (_key, value: unknown) =>
    typeof value === 'string' ? value.replace(UNSAFE_CHARACTERS, ' ') : value,
  );
  return {
    resourceType: 'DocumentReference',
    meta: { profile: [US_CORE_DOCUMENT_REFERENCE] },
    language: context.lang,
    extension: [
      { url: ASSESSMENT_EXTENSION_URL, valueAttachment: attachment('application/json', structured, context, title) },
    ],
    identifier: [noteIdentifier(context.assessmentId)],
    status: 'current',
    docStatus: 'final',
    type: { coding: [CONSULT_NOTE_TYPE], text: 'Consult note' },
    category: [{ coding: [CLINICAL_NOTE_CATEGORY], text: 'Clinical Note' }],
    subject: named(context.patient),
    date: context.signedAt,
    ...(context.author ? { author: [named(context.author)] } : {}),
    description: title,
    ...(context.replaces
      ? { relatesTo: [{ code: 'replaces', target: { reference: `DocumentReference/${context.replaces.id}` } }] }
      : {}),
    content: [
      { attachment: attachment(PLAIN_TEXT, text, context, title), format: MIME_TYPE_SUFFICIENT },
      { attachment: attachment(HTML_TEXT, html, context, title), format: MIME_TYPE_SUFFICIENT },
    ],
    context: {
      ...(context.encounter ? { encounter: [{ reference: context.encounter }] } : {}),
      period: clinicalPeriod([assessment, ...(context.coverages ?? [])]),
    },
  };
}

/** a reference with its display as the note writes names: without control or bidi characters */
function named(reference: { reference: string; display?: string }): fhir4.Reference {
  const display = reference.display === undefined ? '' : cleanField(reference.display);
  return { reference: reference.reference, ...(display && { display }) };
}

function attachment(contentType: string, body: string, context: NoteContext, title: string): fhir4.Attachment {
  const bytes = utf8Bytes(body);
  return {
    contentType,
    language: context.lang,
    data: base64(bytes),
    size: bytes.length,
    hash: base64(sha1(bytes)),
    title,
    creation: context.signedAt,
  };
}

/**
 * The clinical time the note speaks about: from the oldest piece of evidence it used to the
 * moment the record was assessed (the evidence of every assessment the note states). Dates that are not valid FHIR dateTimes are left out.
 */
export function clinicalPeriod([assessment, ...others]: [Assessment, ...Assessment[]]): fhir4.Period {
  const dates = [assessment, ...others]
    // the span of the findings: a birth date (the age criterion's evidence) is no clinical time
    .flatMap((a) =>
      a.criteria.flatMap((c) => c.evidence.filter((e) => !e.reference.startsWith('Patient/')).map((e) => e.date)),
    )
    .filter((d): d is string => typeof d === 'string' && isFhirDateTime(d))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  const end = assessment.assessedAt;
  return { start: dates[0] ?? end, end };
}
