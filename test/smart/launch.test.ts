import { describe, expect, it } from 'vitest';
import { addressWithOnlyLaunchParameters, addressWithoutLaunchParameters } from '../../src/smart/address';
import { checkAuthorizeUrl, isLaunchPlan, planLaunch } from '../../src/smart/authorize';
import { parseSiteConfig } from '../../src/smart/config';
import { readSite } from '../../deploy/site';

// the demo build's deployment file: site.json with this machine's demo EHR
const { config } = readSite({ demo: true });
const page = (query: string) => new URL(`http://localhost:4011/launch.html${query}`);

describe('planLaunch', () => {
  it('makes an EHR launch for iss + launch, with PKCE required and index.html as redirect', () => {
    const plan = planLaunch(page('?iss=http%3A%2F%2Flocalhost%3A4010%2Ffhir&launch=abc'), config);
    if (!isLaunchPlan(plan)) throw new Error(`expected a plan, got ${plan.kind}`);
    expect(plan.kind).toBe('ehr');
    expect(plan.options).toMatchObject({
      iss: 'http://localhost:4010/fhir',
      launch: 'abc',
      clientId: 'pvp-eligibility',
      redirectUri: 'index.html',
      pkceMode: 'required',
      completeInTarget: true,
      noRedirect: true,
    });
    expect(plan.options.scope?.split(' ')[0]).toBe('launch');
  });

  it('makes a standalone launch to the default EHR when opened without parameters', () => {
    const plan = planLaunch(page(''), config);
    if (!isLaunchPlan(plan)) throw new Error(`expected a plan, got ${plan.kind}`);
    expect(plan.kind).toBe('standalone');
    expect(plan.options.iss).toBe('http://localhost:4010/fhir');
    expect(plan.options).not.toHaveProperty('launch');
    expect(plan.options.scope).toContain('launch/patient');
  });

  it('makes a standalone launch to a configured iss given without launch', () => {
    const plan = planLaunch(page('?iss=http://localhost:5999/fhir'), config);
    expect(isLaunchPlan(plan) && plan.kind).toBe('standalone');
    expect(isLaunchPlan(plan) && plan.options.iss).toBe('http://localhost:5999/fhir');
  });

  it('refuses an EHR that is not configured: no redirect anywhere', () => {
    expect(planLaunch(page('?iss=https%3A%2F%2Fevil.example%2Ffhir&launch=x'), config)).toEqual({
      kind: 'unknown-ehr',
    });
    expect(planLaunch(page('?iss=https%3A%2F%2Fevil.example%2Ffhir'), config)).toEqual({ kind: 'unknown-ehr' });
  });

  it('refuses a launch token without iss, and no parameters without a default EHR', () => {
    expect(planLaunch(page('?launch=abc'), config)).toEqual({ kind: 'no-iss' });
    const noDefault = parseSiteConfig({ ehrs: readSite({ demo: false }).json.ehrs });
    expect(planLaunch(page(''), noDefault)).toEqual({ kind: 'no-iss' });
  });
});

describe('checkAuthorizeUrl', () => {
  it('follows only an authorization request with a PKCE S256 challenge', () => {
    expect(
      checkAuthorizeUrl(
        'http://localhost:4010/auth/authorize?response_type=code&code_challenge=abc&code_challenge_method=S256',
      ),
    ).toBeUndefined();
  });

  it('refuses fhirclient skipping authorization on a server without SMART endpoints', () => {
    expect(checkAuthorizeUrl('http://localhost:4011/index.html?state=xyz')).toEqual({
      kind: 'bad-config',
      code: 'no-authorize-endpoint',
    });
    expect(checkAuthorizeUrl('javascript:alert(1)')?.kind).toBe('bad-config');
    expect(checkAuthorizeUrl('not a url')?.kind).toBe('bad-config');
  });
});

describe('the address bar', () => {
  it('after a launch holds only the page: no code, state, error or launch parameters', () => {
    expect(addressWithoutLaunchParameters('http://localhost:4011/index.html?code=c0de&state=s7a7e')).toBe(
      '/index.html',
    );
    expect(addressWithoutLaunchParameters('http://localhost:4011/index.html?error=access_denied&state=s#x')).toBe(
      '/index.html',
    );
  });

  it('on launch.html keeps only iss and launch, dropping fhirclient development shortcuts', () => {
    expect(
      addressWithOnlyLaunchParameters(
        'http://a/launch.html?iss=I&launch=L&patientId=p1&clientId=evil&fhirServiceUrl=F',
      ),
    ).toBe('/launch.html?iss=I&launch=L');
    expect(addressWithOnlyLaunchParameters('http://a/launch.html?fhirServiceUrl=F')).toBe('/launch.html');
  });
});
