import type { fhirclient } from 'fhirclient/lib/types';
import { findDeployment, requestedScope, type EhrDeployment, type LaunchKind, type SiteConfig } from './config';
import type { LaunchProblem } from './launchErrors';

/**
 * What launch.html does with its address: an EHR launch (`iss` + `launch`), a standalone launch
 * to a configured `iss`, or (no parameters) a standalone launch to the configured default EHR.
 */
export interface LaunchPlan {
  kind: LaunchKind;
  /** the EHR's FHIR base URL this launch goes to */
  iss: string;
  deployment: EhrDeployment;
  options: fhirclient.AuthorizeParams;
}

/**
 * The only launch parameters SMART defines. fhirclient also reads `clientId`, `patientId` and
 * `fhirServiceUrl` from the address (development shortcuts that skip authorization or pick a
 * patient); launch.ts drops every other parameter before fhirclient sees the address.
 */
export const LAUNCH_PARAMETERS = ['iss', 'launch'] as const;

export function planLaunch(pageUrl: URL, config: SiteConfig): LaunchPlan | LaunchProblem {
  const launch = pageUrl.searchParams.get('launch') ?? undefined;
  const iss = pageUrl.searchParams.get('iss') ?? (launch === undefined ? config.defaultIss : undefined);
  if (!iss) return { kind: 'no-iss' };
  const deployment = findDeployment(config, iss);
  if (!deployment) return { kind: 'unknown-ehr' };
  const kind: LaunchKind = launch === undefined ? 'standalone' : 'ehr';
  return {
    kind,
    iss,
    deployment,
    options: {
      iss,
      ...(launch === undefined ? {} : { launch }),
      clientId: deployment.clientId,
      scope: requestedScope(deployment, kind),
      redirectUri: 'index.html',
      pkceMode: 'required',
      // finish in this window or frame: inside an EHR's iframe the app is the whole frame
      completeInTarget: true,
      // launch.ts checks the authorization address before going there
      noRedirect: true,
    },
  };
}

export const isLaunchPlan = (value: LaunchPlan | LaunchProblem): value is LaunchPlan => 'options' in value;

/**
 * fhirclient returns its own redirect URI (skipping authorization) when the server advertises no
 * authorization endpoint; an app holding patient data must not run without authorization.
 * Only a real authorization request carrying a PKCE S256 challenge is followed.
 */
export function checkAuthorizeUrl(url: string): LaunchProblem | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'bad-config', code: 'no-authorize-endpoint' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return { kind: 'bad-config', code: 'bad-authorize-endpoint' };
  if (parsed.searchParams.get('code_challenge_method') !== 'S256' || !parsed.searchParams.get('code_challenge')) {
    return { kind: 'bad-config', code: 'no-authorize-endpoint' };
  }
  return undefined;
}
