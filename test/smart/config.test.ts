import { describe, expect, it } from 'vitest';
import { readSite } from '../../deploy/site';
import {
  ConfigError,
  findDeployment,
  parseSiteConfig,
  requestedScope,
  SITE_DATA_ID,
  siteConfigOfPage,
  siteDataBlock,
} from '../../src/smart/config';

/** the shipped deployment file, and the demo build's (with this machine's demo EHR and launcher) */
const shipped = readSite({ demo: false }).json;
const shippedDemo = readSite({ demo: true }).json;

const demo = { iss: 'http://localhost:*/fhir', clientId: 'pvp-eligibility' };
const hospital = { name: 'St. Elsewhere', iss: 'https://ehr.example.org/fhir/r4', clientId: 'abc-123', scopes: 'v1' };

describe('findDeployment', () => {
  const config = parseSiteConfig({ ehrs: [demo, hospital] });

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

  // smart-launcher-v2 (src/components/Launcher): an EHR launch sends iss=<origin>/v/<fhir version>/fhir
  // and the settings in `launch`; a standalone launch's base URL carries them in a /sim/ segment
  it.each([
    ['shipped', shipped, 'https://launch.smarthealthit.org'],
    ['demo', shippedDemo, 'https://launch.smarthealthit.org'],
    ['demo', shippedDemo, 'http://localhost:8445'],
  ])('the %s file matches every launch of the SMART App Launcher at %s', (_file, json, launcher) => {
    const config = parseSiteConfig(json);
    const sim = 'WzAsInB2cC0wMS13aGl0ZmllbGQiLCJzcGluZS1zdXJnZW9uLW9rYWZvciIsIkFVVE8iLDAsMCwwLCIiLCIiLCIiXQ';
    expect(findDeployment(config, `${launcher}/v/r4/fhir`)?.name).toMatch(/SMART App Launcher.*EHR launch/);
    expect(findDeployment(config, `${launcher}/v/r4/sim/${sim}/fhir`)?.name).toMatch(/SMART App Launcher.*standalone/);
    expect(findDeployment(config, `${launcher}/v/r4/sim/a/b/fhir`)).toBeUndefined();
    expect(findDeployment(config, `${launcher}/v/r3/fhir`)).toBeUndefined();
    expect(findDeployment(config, 'https://launch.smarthealthit.org.evil.example/v/r4/sim/x/fhir')).toBeUndefined();
  });
});

describe('parseSiteConfig', () => {
  it('accepts the shipped site.json: no machine of its own, no default EHR', () => {
    const config = parseSiteConfig(shipped);
    expect(config.defaultIss).toBeUndefined();
    expect(config.ehrs.map((ehr) => ehr.iss).filter((iss) => /localhost|127\.0\.0\.1/.test(iss))).toEqual([]);
    expect(findDeployment(config, 'http://localhost:4010/fhir')).toBeUndefined();
  });

  it('the demo build adds this machine’s demo EHR, first, and makes it the default EHR', () => {
    const config = parseSiteConfig(shippedDemo);
    expect(config.defaultIss).toBe('http://localhost:4010/fhir');
    expect(findDeployment(config, config.defaultIss ?? '')?.name).toMatch(/^Demo EHR/);
    expect(config.ehrs.slice(-2)).toEqual(parseSiteConfig(shipped).ehrs);
  });

  it('fills in defaults: v2 scopes, fhirUser on, batch where the server declares it, name = iss, no other origin, framed by its own origin', () => {
    const [entry] = parseSiteConfig({ ehrs: [demo] }).ehrs;
    expect(entry).toEqual({
      ...demo,
      name: demo.iss,
      scopes: 'v2',
      fhirUser: true,
      allowBatch: true,
      connectOrigins: [],
      frameAncestors: ['http://localhost:*'],
    });
  });

  it('takes the EHR’s other origins and the pages that frame the app', () => {
    const [entry] = parseSiteConfig({
      ehrs: [
        {
          ...hospital,
          connectOrigins: ['https://authorization.example.org'],
          frameAncestors: ['https://chart.example.org', 'https://chart.example.org:8443'],
        },
      ],
    }).ehrs;
    expect(entry?.connectOrigins).toEqual(['https://authorization.example.org']);
    expect(entry?.frameAncestors).toEqual(['https://chart.example.org', 'https://chart.example.org:8443']);
    expect(parseSiteConfig({ ehrs: [{ ...hospital, frameAncestors: [] }] }).ehrs[0]?.frameAncestors).toEqual([]);
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
    [{ ehrs: [hospital], payerRulesets: ['lcd-pva'] }, /unknown setting "payerRulesets"/],
    [{ ehrs: [hospital], payerRuleSet: 'lcd-pva' }, /unknown setting "payerRuleSet"/],
    [
      { ehrs: [hospital], payerRuleSets: true },
      /"payerRuleSets" must be a list of rule set ids \(such as \["lcd-pva"\]\)/,
    ],
    [{ ehrs: [hospital], payerRuleSets: 'lcd-pva' }, /"payerRuleSets" must be a list of rule set ids/],
    [{ ehrs: [hospital], payerRuleSets: ['LCD L38737'] }, /"payerRuleSets" must be a list of rule set ids/],
    [{ ehrs: [hospital], payerRuleSets: ['lcd-pva', 'lcd-pva'] }, /"payerRuleSets" names a rule set twice/],
    [{ ehrs: [{ ...hospital, clientID: 'x' }] }, /ehrs\[0\]: unknown setting "clientID"/],
    [{ ehrs: [{ ...hospital, connectOrigins: 'https://a.example' }] }, /connectOrigins must be a list/],
    [{ ehrs: [{ ...hospital, connectOrigins: ['https://a.example/token'] }] }, /is not an origin/],
    [{ ehrs: [{ ...hospital, connectOrigins: ['http://auth.example.org'] }] }, /must use https/],
    [{ ehrs: [{ ...hospital, frameAncestors: ['*'] }] }, /is not an origin/],
    [{ ehrs: [{ ...hospital, frameAncestors: ["'self'"] }] }, /is not an origin/],
  ])('rejects %j with a clear message', (json, message) => {
    expect(() => parseSiteConfig(json)).toThrow(ConfigError);
    expect(() => parseSiteConfig(json)).toThrow(message);
  });
});

describe('the payer rule sets, a setting of the site', () => {
  it('lists one or several in order, is empty, or is left out (the guideline alone)', () => {
    expect(parseSiteConfig({ ehrs: [hospital], payerRuleSets: ['lcd-pva'] }).payerRuleSets).toEqual(['lcd-pva']);
    expect(parseSiteConfig({ ehrs: [hospital], payerRuleSets: ['lcd-x', 'lcd-pva'] }).payerRuleSets).toEqual([
      'lcd-x',
      'lcd-pva',
    ]);
    expect(parseSiteConfig({ ehrs: [hospital], payerRuleSets: [] })).not.toHaveProperty('payerRuleSets');
    expect(parseSiteConfig({ ehrs: [hospital] })).not.toHaveProperty('payerRuleSets');
  });

  it('the shipped and demo files assess Medicare’s LCD beside the guideline', () => {
    expect(parseSiteConfig(shipped).payerRuleSets).toEqual(['lcd-pva']);
    expect(parseSiteConfig(shippedDemo).payerRuleSets).toEqual(['lcd-pva']);
  });
});

describe('requestedScope', () => {
  const [v2] = parseSiteConfig({ ehrs: [demo] }).ehrs;
  const [v1] = parseSiteConfig({ ehrs: [{ ...hospital, fhirUser: false }] }).ehrs;

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

describe('siteConfigOfPage', () => {
  /** a page with the data block the build writes (vite.config.ts), its text as the HTML parser reads it */
  const page = (text: string | undefined) => ({
    getElementById: (id: string) =>
      id === SITE_DATA_ID && text !== undefined ? ({ textContent: text } as HTMLElement) : null,
  });

  it('reads and checks the file the build put into the page', () => {
    const config = siteConfigOfPage(page(siteDataBlock(shippedDemo)));
    expect(config.ehrs).toHaveLength(5);
  });

  it('writes no text that could end the data block, and reads it back the same', () => {
    const hostile = { ehrs: [{ ...demo, name: '</script><script>alert(1)</script><!--' }] };
    const text = siteDataBlock(hostile);
    expect(text).not.toMatch(/<\/script|<!--|</i);
    expect(siteConfigOfPage(page(text)).ehrs[0]?.name).toBe(hostile.ehrs[0]?.name);
  });

  it.each([
    [undefined, /not in the page/],
    ['{ "ehrs": ', /not valid JSON/],
    ['{"ehrs": []}', /lists no EHR/],
  ])('reports %s as a ConfigError', (text, message) => {
    expect(() => siteConfigOfPage(page(text))).toThrow(message);
    expect(() => siteConfigOfPage(page(text))).toThrow(ConfigError);
  });
});
