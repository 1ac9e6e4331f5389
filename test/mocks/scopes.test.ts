import { describe, expect, it } from 'vitest';
import { Grant, parseResourceScope, withhold } from '../../mocks/ehr/scopes';

describe('SMART scopes of the demo server', () => {
  it('reads v1 and v2 scopes into permissions', () => {
    expect([...(parseResourceScope('patient/Observation.read')?.permissions ?? [])]).toEqual(['r', 's']);
    expect([...(parseResourceScope('patient/DocumentReference.write')?.permissions ?? [])]).toEqual(['c', 'u', 'd']);
    expect([...(parseResourceScope('user/*.cruds')?.permissions ?? [])]).toEqual(['c', 'r', 'u', 'd', 's']);
    expect(parseResourceScope('patient/Observation.rs?category=laboratory')?.constraint?.get('category')).toBe(
      'laboratory',
    );
    for (const invalid of [
      'patient/Observation.sr',
      'patient/Observation.',
      'openid',
      'launch/patient',
      'patient/Observation.read?category=x',
    ]) {
      expect(parseResourceScope(invalid), invalid).toBeUndefined();
    }
  });

  it('tells patient-level from user-level access', () => {
    const grant = new Grant('patient/Condition.rs user/Practitioner.read patient/*.c');
    expect(grant.allows('Condition', 's')).toMatchObject({ allowed: true, context: 'patient' });
    expect(grant.allows('Practitioner', 'r')).toMatchObject({ allowed: true, context: 'user' });
    expect(grant.allows('Condition', 'u').allowed).toBe(false);
    expect(grant.allows('DocumentReference', 'c').allowed).toBe(true);
  });

  it('withholds whole types or single interactions, keeping the rest as asked', () => {
    const asked = [
      'launch',
      'patient/ImagingStudy.rs',
      'patient/DocumentReference.crs',
      'patient/Observation.rs?category=laboratory',
      'patient/Procedure.read',
    ];
    expect(withhold(asked, ['ImagingStudy', 'DocumentReference.c', 'Observation.s', 'Procedure.write'])).toEqual([
      'launch',
      'patient/DocumentReference.rs',
      'patient/Observation.r?category=laboratory',
      'patient/Procedure.read',
    ]);
  });
});
