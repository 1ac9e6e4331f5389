import type { Issue } from './http';
import type { Resource } from './store';

/**
 * The structural checks the demo server makes before it stores a created or updated resource:
 * the elements FHIR R4 and US Core require. Failures become a 422 OperationOutcome, one issue each.
 */

/** the types a client may create and update */
export const WRITABLE_TYPES = new Set(['DocumentReference', 'Provenance']);

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const nonEmptyArray = (x: unknown): x is unknown[] => Array.isArray(x) && x.length > 0;
const hasReference = (x: unknown): boolean => isObject(x) && typeof x.reference === 'string' && x.reference !== '';
const hasCoding = (x: unknown): boolean =>
  isObject(x) && nonEmptyArray(x.coding) && x.coding.every((c) => isObject(c) && typeof c.code === 'string');

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const required = (expression: string, diagnostics: string): Issue => ({
  code: 'required',
  expression: [expression],
  diagnostics,
});
const invalid = (expression: string, diagnostics: string): Issue => ({
  code: 'value',
  expression: [expression],
  diagnostics,
});

function documentReference(r: Json): Issue[] {
  const issues: Issue[] = [];
  if (!['current', 'superseded', 'entered-in-error'].includes(String(r.status))) {
    issues.push(
      r.status === undefined
        ? required('DocumentReference.status', 'status is required')
        : invalid('DocumentReference.status', `unknown status "${String(r.status)}"`),
    );
  }
  if (!hasCoding(r.type))
    issues.push(required('DocumentReference.type', 'type is required, with a coding (US Core: a LOINC document type)'));
  if (!nonEmptyArray(r.category) || !r.category.every(hasCoding))
    issues.push(required('DocumentReference.category', 'category is required (US Core: clinical-note)'));
  if (!hasReference(r.subject))
    issues.push(required('DocumentReference.subject', 'subject is required: a reference to the patient'));
  if (r.date !== undefined && !INSTANT.test(String(r.date)))
    issues.push(invalid('DocumentReference.date', 'date must be an instant with a time zone'));
  if (!nonEmptyArray(r.content)) {
    issues.push(required('DocumentReference.content', 'at least one content attachment is required'));
    return issues;
  }
  r.content.forEach((content, i) => {
    const attachment = isObject(content) ? content.attachment : undefined;
    const at = `DocumentReference.content[${i}].attachment`;
    if (!isObject(attachment)) {
      issues.push(required(at, 'an attachment is required'));
      return;
    }
    if (typeof attachment.contentType !== 'string' || attachment.contentType === '')
      issues.push(required(`${at}.contentType`, 'contentType is required'));
    if (attachment.data === undefined && attachment.url === undefined)
      issues.push(required(at, 'the attachment needs data or a url'));
    if (attachment.data !== undefined && (typeof attachment.data !== 'string' || !BASE64.test(attachment.data)))
      issues.push(invalid(`${at}.data`, 'data must be base64'));
  });
  return issues;
}

function provenance(r: Json): Issue[] {
  const issues: Issue[] = [];
  if (!nonEmptyArray(r.target) || !r.target.every(hasReference))
    issues.push(required('Provenance.target', 'at least one target reference is required'));
  if (typeof r.recorded !== 'string' || !INSTANT.test(r.recorded))
    issues.push(required('Provenance.recorded', 'recorded is required: an instant with a time zone'));
  if (!nonEmptyArray(r.agent) || !r.agent.every((a) => isObject(a) && hasReference(a.who)))
    issues.push(required('Provenance.agent', 'at least one agent with a "who" reference is required'));
  return issues;
}

const VALIDATORS: Record<string, (r: Json) => Issue[]> = {
  DocumentReference: documentReference,
  Provenance: provenance,
};

export function validateForWrite(resource: Resource): Issue[] {
  const validator = VALIDATORS[resource.resourceType];
  return validator ? validator(resource as unknown as Json) : [];
}
