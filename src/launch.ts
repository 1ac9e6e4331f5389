// launch.html: starts the SMART authorization (EHR launch with `iss` + `launch`, or standalone). The
// built page carries this module and everything it imports inline (deploy/inlineBoot.ts), its
// deployment file as a data block: its first request is the EHR's discovery document.
import './smart/quietLogs';
import FHIR from 'fhirclient';
import { addressWithOnlyLaunchParameters } from './smart/address';
import { checkAuthorizeUrl, isLaunchPlan, planLaunch } from './smart/authorize';
import { blockedOrUnreachable, watchBlockedRequests } from './smart/blockedRequests';
import { SITE_FILE_NAME, siteConfigOfPage } from './smart/config';
import { checkSmartConfiguration, LAUNCH_TIMEOUT_MS, settleWithin } from './smart/discovery';
import { problemFromAuthorizeError, type LaunchProblem } from './smart/launchErrors';
import { rememberServer, sessionStorageWorks, shownInFrame } from './smart/storage';

const blocked = watchBlockedRequests(document);

async function showProblem(problem: LaunchProblem) {
  // React is loaded only for the error page: a successful launch leaves this page at once
  const { showLaunchError } = await import('./ui/LaunchErrorPage');
  showLaunchError(document.getElementById('root') ?? document.body, problem, navigator.language);
}

async function launch(): Promise<LaunchProblem | undefined> {
  history.replaceState(null, '', addressWithOnlyLaunchParameters(location.href));
  let config;
  try {
    config = siteConfigOfPage();
  } catch {
    return { kind: 'bad-config', code: SITE_FILE_NAME };
  }
  const plan = planLaunch(new URL(location.href), config);
  if (!isLaunchPlan(plan)) return plan;
  // fhirclient would throw on the first access; in an EHR's frame the same launch works in a window
  // of its own (nothing of it has been used yet: the address holds only iss and launch)
  if (!sessionStorageWorks()) {
    return shownInFrame()
      ? { kind: 'frame-storage-blocked', newWindowUrl: location.href }
      : { kind: 'storage-blocked' };
  }
  // our own check of the discovery document reads it for fhirclient (one request, discovery.ts); when it
  // finds a problem, that problem is the one shown (fhirclient would blame PKCE for an EHR that is down)
  const [discovery, authorized] = await Promise.all([
    checkSmartConfiguration(plan.iss),
    settleWithin(FHIR.oauth2.authorize(plan.options), LAUNCH_TIMEOUT_MS, {
      kind: 'unreachable',
      code: 'authorize timeout',
    }).then(
      (url) => ({ url }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if (discovery) return blockedOrUnreachable(discovery, blocked);
  if ('error' in authorized) return blockedOrUnreachable(problemFromAuthorizeError(authorized.error), blocked);
  const authorizeUrl = authorized.url;
  if (typeof authorizeUrl !== 'string') return { kind: 'unexpected' };
  const problem = checkAuthorizeUrl(authorizeUrl);
  if (problem) return problem;
  rememberServer(plan.iss);
  location.assign(authorizeUrl);
  return undefined;
}

void launch().then(
  (problem) => problem && showProblem(problem),
  () => showProblem({ kind: 'unexpected' }),
);
