import { describe, expect, it } from 'vitest';
import { operationOutcomeText, redactServerText } from '../../src/fhir/redact';

describe('redactServerText', () => {
  it.each([
    ['a URL', 'failed at https://ehr.example/fhir/Patient/123?x=1 now', 'failed at [address] now'],
    ['a bearer token', 'header was Bearer abc.def-ghi', 'header was Bearer [token]'],
    ['a JWT', 'id_token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln rejected', 'id_token [token] rejected'],
    ['a resource reference', 'Condition/cond-88 refers to Patient/pvp-01', 'Condition/[id] refers to Patient/[id]'],
    ['a query parameter', 'search patient=pvp-01&code=x', 'search patient=[redacted]&code=[redacted]'],
    ['a UUID', 'search 8c2d9a7e-1f3b-4c5d-9e8f-0a1b2c3d4e5f expired', 'search [id] expired'],
    ['a long identifier with digits', 'MRN ABCD1234567890XYZ', 'MRN [id]'],
    ['HAPI entities', 'Unknown search parameter &quot;foo&quot;', 'Unknown search parameter "foo"'],
  ])('removes %s', (_label, text, expected) => {
    expect(redactServerText(text)).toBe(expected);
  });

  it('keeps HAPI message codes and plain words, and caps the length', () => {
    expect(redactServerText('HAPI-0323: Unknown search parameter')).toBe('HAPI-0323: Unknown search parameter');
    expect(redactServerText('x'.repeat(1000))).toHaveLength(300);
  });
});

describe('operationOutcomeText', () => {
  it('joins the issues, diagnostics first, else details.text', () => {
    expect(
      operationOutcomeText({
        resourceType: 'OperationOutcome',
        issue: [{ diagnostics: 'first' }, { details: { text: 'second' } }, { diagnostics: '  ' }, 'junk', null],
      }),
    ).toBe('first; second');
  });

  it('says nothing for anything that is not an OperationOutcome with text', () => {
    expect(operationOutcomeText({ resourceType: 'Bundle' })).toBeUndefined();
    expect(operationOutcomeText({ resourceType: 'OperationOutcome', issue: [{ severity: 'error' }] })).toBeUndefined();
    expect(operationOutcomeText('<html>')).toBeUndefined();
  });
});
