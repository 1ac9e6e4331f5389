// index.html: completes the SMART authorization (the redirect URI), then runs the app.
import './smart/quietLogs';
import FHIR from 'fhirclient';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { addressWithoutLaunchParameters } from './smart/address';
import { loadSmartConfig } from './smart/config';
import { problemFromReadyError, problemFromUrl, type LaunchProblem } from './smart/launchErrors';
import { buildLaunchSession } from './smart/launchSession';
import { once } from './smart/ready';
import { applySmartStyle } from './smart/style';
import { showLaunchError } from './ui/LaunchErrorPage';

// the app is loaded while the token is exchanged, in its own chunk: the first paint stays small
const loadApp = () => import('./ui/App');
const App = lazy(() => loadApp().then((module) => ({ default: module.App })));

const completeAuthorization = once(() => FHIR.oauth2.ready());
const container = document.getElementById('root') ?? document.body;

function clearAddress() {
  history.replaceState(null, '', addressWithoutLaunchParameters(location.href));
}

async function start(): Promise<LaunchProblem | undefined> {
  // an OAuth error in the address: fhirclient would report it as text; the page explains it
  const refused = problemFromUrl(new URL(location.href));
  if (refused) return refused;
  void loadApp();
  const config = loadSmartConfig().catch(() => undefined);
  let client;
  try {
    client = await completeAuthorization();
  } catch (error) {
    return problemFromReadyError(error);
  } finally {
    clearAddress();
  }
  const session = buildLaunchSession(client, await config, navigator.language);
  if (!('client' in session)) return session;
  void applySmartStyle(session.smartStyleUrl, session.serverUrl, document.documentElement);
  createRoot(container).render(
    <StrictMode>
      <Suspense fallback={<p className="loading">Loading…</p>}>
        <App session={session} />
      </Suspense>
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
