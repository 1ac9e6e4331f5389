// index.html: completes the SMART authorization (the redirect URI), then runs the app.
import './smart/quietLogs';
import FHIR from 'fhirclient';
import { Component, StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { addressWithoutLaunchParameters } from './smart/address';
import { blockedOrUnreachable, watchBlockedRequests } from './smart/blockedRequests';
import { loadSiteConfig } from './smart/config';
import { LAUNCH_TIMEOUT_MS, settleWithin } from './smart/discovery';
import { problemFromReadyError, problemFromUrl, type LaunchProblem } from './smart/launchErrors';
import { buildLaunchSession } from './smart/launchSession';
import { once } from './smart/ready';
import { applySmartStyle } from './smart/style';
import { LaunchErrorPage, pageLanguage, showLaunchError } from './ui/LaunchErrorPage';

// the app is loaded while the token is exchanged, in its own chunk: the first paint stays small
const loadApp = () => import('./ui/App');
// and the engine: the record's queries are built from its rule sets, so it must not wait for the app
const loadEngine = () => import('./clinical');

const completeAuthorization = once(() =>
  settleWithin(FHIR.oauth2.ready(), LAUNCH_TIMEOUT_MS, { kind: 'unreachable', code: 'token timeout' }),
);
const container = document.getElementById('root') ?? document.body;
const blocked = watchBlockedRequests(document);

/** If the app crashes, a plain page instead of a blank one. */
class AppFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <LaunchErrorPage problem={{ kind: 'app-error' }} language={pageLanguage(navigator.language)} />
    ) : (
      this.props.children
    );
  }
}

function clearAddress() {
  history.replaceState(null, '', addressWithoutLaunchParameters(location.href));
}

async function start(): Promise<LaunchProblem | undefined> {
  // an OAuth error in the address: fhirclient would report it as text; the page explains it
  const refused = problemFromUrl(new URL(location.href));
  if (refused) return refused;
  void loadApp();
  void loadEngine();
  const config = loadSiteConfig().catch(() => undefined);
  let client;
  try {
    client = await completeAuthorization();
  } catch (error) {
    return blockedOrUnreachable(problemFromReadyError(error), blocked);
  } finally {
    clearAddress();
  }
  const session = buildLaunchSession(client, await config, navigator.language);
  if (!('client' in session)) return session;
  void applySmartStyle(session.smartStyleUrl, session.serverUrl, document.documentElement);
  // rendered once its chunk is in (it loaded while the token was exchanged): a lazy component would
  // first show "Loading…", and React holds a Suspense boundary's content back for up to 300 ms
  let App;
  try {
    ({ App } = await loadApp());
  } catch {
    return { kind: 'app-error' };
  }
  createRoot(container).render(
    <StrictMode>
      <AppFailure>
        <App session={session} />
      </AppFailure>
    </StrictMode>,
  );
  return undefined;
}

void start().then(
  (problem) => {
    if (problem) {
      clearAddress();
      showLaunchError(container, problem, navigator.language);
    }
  },
  () => showLaunchError(container, { kind: 'unexpected' }, navigator.language),
);
