import { describe, expect, it } from 'vitest';
import { ConfigError, findDeployment, loadSmartConfig, parseSmartConfig, requestedScope } from '../../src/smart/config';
import shipped from '../../public/smart-config.json';

const demo = { iss: 'http://localhost:*/fhir', clientId: 'pvp-eligibility' };
const hospital = { name: 'St. Elsewhere', iss: 'https://ehr.example.org/fhir/r4', clientId: 'abc-123', scopes: 'v1' };

describe('findDeployment', () => {
  const config = parseSmartConfig({ ehrs: [demo, hospital] });

  it('matches the demo EHR on any port, and only at /fhir on localhost', () => {
    expect(findDeployment(config, 'http://localhost:4010/fhir')?.clientId).toBe('pvp-eligibility');
    expect(findDeployment(config, 'http://localhost:53121/fhir/')?.clientId).toBe('pvp-eligibility');
    expect(findDeployment(config, 'http://localhost/fhir')).toBeUndefined();
    expect(findDeployment(config, 'http://localhost:4010/fhir/other')).toBeUndefined();
    expect(findDeployment(config, 'http://localhost:4010.evil.example/fhir')).toBeUndefined();
    expect(findDeployment(config, 'http://localhost:4010@evil.example/fhir')).toBeUndefined();
    expect(findDeployment(config, 'https://localhost:4010/fhir')).toBeUndefined();
  });

  it('matches a hospital EHR exactly (a trailing slash aside)', () => {
    expect(findDeployment(config, 'https://ehr.example.org/fhir/r4')?.name).toBe('St. Elsewhere');
    expect(findDeployment(config, 'https://ehr.example.org/fhir/r4/')?.name).toBe('St. Elsewhere');
    expect(findDeployment(config, 'https://ehr.example.org/fhir/r4x')).toBeUndefined();
    expect(findDeployment(config, 'https://ehr.example.org.evil.example/fhir/r4')).toBeUndefined();
    expect(findDeployment(config, 'https://ehr.example.org/fhir/r4?x=1')).toBeUndefined();
  });

  it('rejects unknown EHRs and non-URLs', () => {
    for (const iss of [
      'https://evil.example/fhir',
      'javascript:alert(1)',
      '',
      '/fhir',
      'http://localhost:4010/fhir#x',
    ]) {
      expect(findDeployment(config, iss), iss).toBeUndefined();
    }
  });

  it('matches the public SMART launcher, whose iss carries the launch settings in one path segment', () => {
    const config = parseSmartConfig(shipped);
    const sim = 'https://launch.smarthealthit.org/v/r4/sim/eyJoIjoiMSIsImoiOiIxIn0/fhir';
    expect(findDeployment(config, sim)?.name).toMatch(/SMART App Launcher/);
    expect(findDeployment(config, 'https://launch.smarthealthit.org/v/r4/sim/a/b/fhir')).toBeUndefined();
    expect(findDeployment(config, 'https://launch.smarthealthit.org.evil.example/v/r4/sim/x/fhir')).toBeUndefined();
  });
});

describe('parseSmartConfig', () => {
  it('accepts the shipped public/smart-config.json, whose default EHR is the demo', () => {
    const config = parseSmartConfig(shipped);
    expect(config.defaultIss).toBe('http://localhost:4010/fhir');
    expect(findDeployment(config, config.defaultIss ?? '')?.clientId).toBe('pvp-eligibility');
  });

  it('fills in defaults: v2 scopes, fhirUser on, batch off, name = iss', () => {
    const [entry] = parseSmartConfig({ ehrs: [demo] }).ehrs;
    expect(entry).toEqual({ ...demo, name: demo.iss, scopes: 'v2', fhirUser: true, allowBatch: false });
  });

  it.each([
    [null, /object with an "ehrs" list/],
    [{}, /"ehrs" list/],
    [{ ehrs: [] }, /lists no EHR/],
    [{ ehrs: ['x'] }, /ehrs\[0\] must be an object/],
    [{ ehrs: [{ iss: 'https://a.example/fhir' }] }, /"clientId" is missing/],
    [{ ehrs: [{ ...hospital, scopes: 'v3' }] }, /"scopes" must be "v2" or "v1"/],
    [{ ehrs: [{ ...hospital, allowBatch: 'yes' }] }, /"allowBatch" must be true or false/],
    [{ ehrs: [{ ...hospital, iss: 'http://ehr.example.org/fhir' }] }, /must use https/],
    [{ ehrs: [{ ...hospital, iss: 'https://user:pw@ehr.example.org/fhir' }] }, /plain base URL/],
    [{ ehrs: [{ ...hospital, iss: 'https://ehr.example.org/fhir?x=1' }] }, /plain base URL/],
    [{ ehrs: [{ ...hospital, iss: 'https://*.example.org/fhir' }] }, /plain base URL|not a URL/],
    [{ ehrs: [{ ...hospital, iss: 'https://ehr.example.org/fh*r' }] }, /plain base URL/],
    [{ ehrs: [{ ...hospital, iss: 'not a url' }] }, /not a URL/],
    [{ defaultIss: 'https://other.example/fhir', ehrs: [hospital] }, /matches none/],
    [{ defaultIss: 'http://localhost:*/fhir', ehrs: [demo] }, /may not contain/],
  ])('rejects %j with a clear message', (json, message) => {
    expect(() => parseSmartConfig(json)).toThrow(ConfigError);
    expect(() => parseSmartConfig(json)).toThrow(message);
  });
});

describe('requestedScope', () => {
  const [v2] = parseSmartConfig({ ehrs: [demo] }).ehrs;
  const [v1] = parseSmartConfig({ ehrs: [{ ...hospital, fhirUser: false }] }).ehrs;

  it('asks for the v2 read scopes the criteria need and the note writes in an EHR launch', () => {
    expect(requestedScope(v2!, 'ehr')).toBe(
      'launch openid fhirUser online_access patient/Patient.rs patient/Encounter.rs patient/Condition.rs patient/Observation.rs ' +
        'patient/ImagingStudy.rs patient/AllergyIntolerance.rs patient/DiagnosticReport.rs ' +
        'patient/MedicationRequest.rs patient/MedicationStatement.rs patient/Procedure.rs patient/Medication.rs patient/DocumentReference.rs ' +
        'patient/DocumentReference.cu patient/Provenance.c',
    );
  });

  it('asks the server to pick a patient in a standalone launch', () => {
    const scope = requestedScope(v2!, 'standalone').split(' ');
    expect(scope[0]).toBe('launch/patient');
    expect(scope).not.toContain('launch');
  });

  it('uses .read/.write for a v1 deployment and leaves out openid fhirUser when configured so', () => {
    expect(requestedScope(v1!, 'ehr')).toBe(
      'launch online_access patient/Patient.read patient/Encounter.read patient/Condition.read patient/Observation.read ' +
        'patient/ImagingStudy.read patient/AllergyIntolerance.read patient/DiagnosticReport.read ' +
        'patient/MedicationRequest.read patient/MedicationStatement.read patient/Procedure.read ' +
        'patient/Medication.read patient/DocumentReference.read patient/DocumentReference.write patient/Provenance.write',
    );
  });
});

describe('loadSmartConfig', () => {
  const respond = (response: Response | Error) =>
    (async () => {
      if (response instanceof Error) throw response;
      return response;
    }) as unknown as typeof fetch;

  it('loads and checks the file', async () => {
    const config = await loadSmartConfig(respond(new Response(JSON.stringify(shipped))));
    expect(config.ehrs).toHaveLength(2);
  });

  it.each([
    [new Response('nope', { status: 404 }), /HTTP 404/],
    [new Response('{ not json'), /not valid JSON/],
    [new TypeError('Failed to fetch'), /could not be loaded/],
    [new Response('{"ehrs": []}'), /lists no EHR/],
  ])('reports %s as a ConfigError', async (response, message) => {
    await expect(loadSmartConfig(respond(response))).rejects.toThrow(message);
    await expect(loadSmartConfig(respond(response))).rejects.toBeInstanceOf(ConfigError);
  });
});
