import { describe, expect, it } from 'vitest';
import type Client from 'fhirclient/lib/Client';
import { readSite } from '../../deploy/site';
import { fhirUserFromIdToken } from '../../src/smart/idToken';
import { buildLaunchSession } from '../../src/smart/launchSession';

const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
const idToken = (claims: object) => `${base64url({ alg: 'RS256' })}.${base64url(claims)}.signature`;

function clientWith(tokenResponse: Record<string, unknown>, scope = 'launch patient/*.rs'): Client {
  return { state: { serverUrl: 'http://localhost:4010/fhir', scope, tokenResponse } } as unknown as Client;
}

describe('fhirUserFromIdToken', () => {
  it('reads the fhirUser claim as a relative reference', () => {
    expect(fhirUserFromIdToken(idToken({ fhirUser: 'Practitioner/dr-1' }))).toBe('Practitioner/dr-1');
    expect(fhirUserFromIdToken(idToken({ fhirUser: 'https://ehr.example.org/fhir/Practitioner/123' }))).toBe(
      'Practitioner/123',
    );
  });

  it('decodes base64url payloads with non-ASCII text', () => {
    expect(fhirUserFromIdToken(idToken({ name: 'Dr. Müller ??>>', fhirUser: 'PractitionerRole/r-9' }))).toBe(
      'PractitionerRole/r-9',
    );
  });

  it.each([
    undefined,
    42,
    '',
    'onlyonepart',
    'a.!!!.c',
    idToken({}),
    idToken({ fhirUser: 'Observation/1' }),
    idToken({ fhirUser: 7 }),
  ])('gives nothing for %s', (token) => {
    expect(fhirUserFromIdToken(token)).toBeUndefined();
  });
});

describe('buildLaunchSession', () => {
  const { config } = readSite({ demo: true });

  it('takes the launch context from the token response and the permissions from the granted scope', () => {
    const session = buildLaunchSession(
      clientWith({
        access_token: 't',
        patient: 'pvp-01',
        encounter: 'enc-1',
        scope: 'launch patient/Condition.rs patient/DocumentReference.c',
        id_token: idToken({ fhirUser: 'Practitioner/dr-1' }),
        need_patient_banner: true,
        smart_style_url: 'http://localhost:4010/smart-style.json',
      }),
      config,
      'de-DE',
    );
    if (!('client' in session)) throw new Error(session.kind);
    expect(session).toMatchObject({
      patientId: 'pvp-01',
      encounterId: 'enc-1',
      fhirUser: 'Practitioner/dr-1',
      needPatientBanner: true,
      smartStyleUrl: 'http://localhost:4010/smart-style.json',
      locale: 'de-DE',
      serverUrl: 'http://localhost:4010/fhir',
      allowBatch: true,
      // the site's payer rule sets (the demo's site.json lists lcd-pva)
      payerRuleSets: ['lcd-pva'],
    });
    expect(session.permissions.read('Condition')).toBe(true);
    expect(session.permissions.read('Observation')).toBe(false);
    expect(session.permissions.write('DocumentReference')).toBe(true);
  });

  it('shows the banner unless the EHR says it shows its own, and falls back to the requested scope when none is returned', () => {
    const session = buildLaunchSession(
      clientWith({ patient: 'p' }, 'launch patient/Observation.rs'),
      undefined,
      undefined,
    );
    if (!('client' in session)) throw new Error(session.kind);
    // a standalone launch (or an EHR that omits need_patient_banner): no EHR banner can be assumed
    expect(session.needPatientBanner).toBe(true);
    expect(session.permissions.read('Observation')).toBe(true);
    expect(session).not.toHaveProperty('encounterId');
    expect(session).not.toHaveProperty('fhirUser');
    expect(session).not.toHaveProperty('allowBatch');
    // without the deployment file, no payer rule set: the guideline alone
    expect(session).not.toHaveProperty('payerRuleSets');
  });

  it('leaves the banner to the EHR only when it sends need_patient_banner false', () => {
    const session = buildLaunchSession(clientWith({ patient: 'p', need_patient_banner: false }), undefined, undefined);
    expect('client' in session && session.needPatientBanner).toBe(false);
  });

  it('prefers a locale from the launch context over the browser', () => {
    const session = buildLaunchSession(clientWith({ patient: 'p', locale: 'en-GB' }), config, 'de-DE');
    expect('client' in session && session.locale).toBe('en-GB');
  });

  it('reports a launch without a patient', () => {
    expect(buildLaunchSession(clientWith({ access_token: 't' }), config, 'en')).toEqual({ kind: 'no-patient' });
    expect(buildLaunchSession(clientWith({ patient: '  ' }), config, 'en')).toEqual({ kind: 'no-patient' });
  });
});
