import type Client from 'fhirclient/lib/Client';
import type { SiteConfig } from './config';
import { findDeployment } from './config';
import { fhirUserFromIdToken } from './idToken';
import type { LaunchProblem } from './launchErrors';
import { parseGrantedScope } from './scopes';
import type { LaunchSession } from './session';

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * The LaunchSession of an authorized client: the launch context from the token response and the
 * permissions of the scope actually granted. A server that grants no scope string is taken to have
 * granted what was asked (RFC 6749 §5.1: `scope` may be omitted when identical to the request).
 */
export function buildLaunchSession(
  client: Client,
  config: SiteConfig | undefined,
  browserLocale: string | undefined,
): LaunchSession | LaunchProblem {
  const token = client.state.tokenResponse ?? {};
  const patientId = nonEmpty(token.patient);
  if (!patientId) return { kind: 'no-patient' };
  const granted = nonEmpty(token.scope) ?? client.state.scope ?? '';
  const session: LaunchSession = {
    client,
    patientId,
    // only an explicit false says the EHR shows its own banner (a standalone launch has none around the app)
    needPatientBanner: token.need_patient_banner !== false,
    permissions: parseGrantedScope(granted),
    serverUrl: client.state.serverUrl,
  };
  const encounterId = nonEmpty(token.encounter);
  if (encounterId) session.encounterId = encounterId;
  const fhirUser = fhirUserFromIdToken(token.id_token);
  if (fhirUser) session.fhirUser = fhirUser;
  const smartStyleUrl = nonEmpty(token.smart_style_url);
  if (smartStyleUrl) session.smartStyleUrl = smartStyleUrl;
  const locale = nonEmpty(token.locale) ?? nonEmpty(browserLocale);
  if (locale) session.locale = locale;
  const deployment = config && findDeployment(config, session.serverUrl);
  if (deployment) session.allowBatch = deployment.allowBatch;
  if (config?.payerRuleSets) session.payerRuleSets = config.payerRuleSets;
  return session;
}
