import { describe, expect, it } from 'vitest';
import { parseGrantedScope, parseResourceScope } from '../../src/smart/scopes';

const ISSUE_2_V2 =
  'launch openid fhirUser online_access patient/Patient.rs patient/Condition.rs patient/Observation.rs ' +
  'patient/ImagingStudy.rs patient/AllergyIntolerance.rs patient/DiagnosticReport.rs ' +
  'patient/MedicationRequest.rs patient/Procedure.rs patient/DocumentReference.rs patient/DocumentReference.c';

describe('parseGrantedScope', () => {
  it('reads the full v2 scope of issue 2: every type readable, only DocumentReference writable', () => {
    const p = parseGrantedScope(ISSUE_2_V2);
    for (const type of [
      'Patient',
      'Condition',
      'Observation',
      'ImagingStudy',
      'AllergyIntolerance',
      'DiagnosticReport',
      'MedicationRequest',
      'Procedure',
      'DocumentReference',
    ]) {
      expect(p.read(type), type).toBe(true);
    }
    expect(p.write('DocumentReference')).toBe(true);
    expect(p.write('Condition')).toBe(false);
    expect(p.read('Encounter')).toBe(false);
    expect(p.granted).toBe(ISSUE_2_V2);
  });

  it('degrades per type when the server grants less than asked', () => {
    const p = parseGrantedScope('launch patient/Patient.rs patient/Condition.rs patient/DocumentReference.rs');
    expect(p.read('ImagingStudy')).toBe(false);
    expect(p.read('Condition')).toBe(true);
    expect(p.write('DocumentReference')).toBe(false);
  });

  it('understands SMART v1 read, write and *', () => {
    const p = parseGrantedScope('patient/Observation.read patient/DocumentReference.write user/Condition.*');
    expect(p.read('Observation')).toBe(true);
    expect(p.write('Observation')).toBe(false);
    expect(p.write('DocumentReference')).toBe(true);
    expect(p.read('DocumentReference')).toBe(false);
    expect(p.read('Condition')).toBe(true);
    expect(p.write('Condition')).toBe(true);
  });

  it('treats patient/, user/ and system/ alike and honours the * wildcard type', () => {
    for (const context of ['patient', 'user', 'system']) {
      const p = parseGrantedScope(`${context}/*.rs`);
      expect(p.read('Procedure'), context).toBe(true);
      expect(p.write('Procedure'), context).toBe(false);
    }
    expect(parseGrantedScope('user/*.cruds').write('DocumentReference')).toBe(true);
    expect(parseGrantedScope('patient/*.read').read('Observation')).toBe(true);
    expect(parseGrantedScope('patient/*.*').write('Observation')).toBe(true);
  });

  it('reads v2 subsets: search alone or read alone still count as reading; c alone is writing', () => {
    expect(parseGrantedScope('patient/Observation.s').read('Observation')).toBe(true);
    expect(parseGrantedScope('patient/Observation.r').read('Observation')).toBe(true);
    expect(parseGrantedScope('patient/Observation.ud').read('Observation')).toBe(false);
    expect(parseGrantedScope('patient/Observation.ud').write('Observation')).toBe(false);
    expect(parseGrantedScope('patient/DocumentReference.cud').write('DocumentReference')).toBe(true);
  });

  it('tells updating apart from creating: v2 u, v1 write and *', () => {
    expect(parseGrantedScope('patient/DocumentReference.cu').update?.('DocumentReference')).toBe(true);
    expect(parseGrantedScope('patient/DocumentReference.c').update?.('DocumentReference')).toBe(false);
    expect(parseGrantedScope('patient/DocumentReference.u').write('DocumentReference')).toBe(false);
    expect(parseGrantedScope('patient/DocumentReference.write').update?.('DocumentReference')).toBe(true);
    expect(parseGrantedScope('user/*.*').update?.('DocumentReference')).toBe(true);
    expect(parseGrantedScope('patient/DocumentReference.rs').update?.('DocumentReference')).toBe(false);
  });

  it('marks a type read only through query-restricted v2 scopes as partial', () => {
    const p = parseGrantedScope('patient/Observation.rs?category=laboratory patient/Condition.rs');
    expect(p.read('Observation')).toBe(true);
    expect(p.readIsPartial?.('Observation')).toBe(true);
    expect(p.readIsPartial?.('Condition')).toBe(false);
    expect(p.readIsPartial?.('Procedure')).toBe(false);
    const widened = parseGrantedScope('patient/Observation.rs?category=laboratory patient/*.rs');
    expect(widened.readIsPartial?.('Observation')).toBe(false);
  });

  it('grants nothing for malformed or non-resource scopes', () => {
    for (const scope of [
      'launch',
      'openid fhirUser offline_access',
      'patient/Observation.sr', // v2 letters out of order
      'patient/Observation.x',
      'patient/Observation',
      'patient/observation.rs', // resource types start upper-case
      'practitioner/Observation.rs',
      'patient/Observation.read?category=x', // v1 has no query
      'patient/.rs',
      '',
      '   ',
    ]) {
      const p = parseGrantedScope(scope);
      expect(p.read('Observation'), scope).toBe(false);
      expect(p.write('Observation'), scope).toBe(false);
    }
  });

  it('tolerates extra whitespace between scopes', () => {
    const p = parseGrantedScope('  patient/Condition.rs\tpatient/DocumentReference.c\n');
    expect(p.read('Condition')).toBe(true);
    expect(p.write('DocumentReference')).toBe(true);
  });

  it('does not let one type stand in for another', () => {
    const p = parseGrantedScope('patient/DocumentReference.c patient/Observation.rs');
    expect(p.read('DocumentReferenceX')).toBe(false);
    expect(p.write('Observation')).toBe(false);
  });
});

describe('parseResourceScope', () => {
  it('returns the type, the operations and whether a query restricts it', () => {
    const grant = parseResourceScope('user/Observation.rs?category=vital-signs');
    expect(grant?.resourceType).toBe('Observation');
    expect([...(grant?.operations ?? [])].sort()).toEqual(['r', 's']);
    expect(grant?.restricted).toBe(true);
    expect(parseResourceScope('patient/Observation.rs?')?.restricted).toBe(false);
  });
});
