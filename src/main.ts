// index.html: completes the SMART authorization (the redirect URI), sends the record's reads, then
// runs the screen. No React here: the built page carries this module and what it imports inline
// (deploy/inlineBoot.ts), so the token exchange starts as soon as the page is parsed; the screen's
// code (React, the app) is imported once the reads are on the wire, while the browser has already
// downloaded it beside the page (index.html preloads it at a low priority). What the screen needs of
// the launch is handed over to it (mountApp's arguments), never imported again: the screen's chunks
// and this script are separate bundles, and a module in both would be two modules.
import './smart/quietLogs';
import FHIR from 'fhirclient';
import { askCapabilitiesAhead } from './fhir/capabilities';
import { createFetchTransport } from './fhir/fetch-transport';
import { needsOfRuleSets } from './fhir/queries';
import { addressWithoutLaunchParameters } from './smart/address';
import { blockedOrUnreachable, watchBlockedRequests } from './smart/blockedRequests';
import { siteConfigOfPage, type SiteConfig } from './smart/config';
import { LAUNCH_TIMEOUT_MS, settleWithin } from './smart/discovery';
import { problemFromReadyError, problemFromUrl, type LaunchProblem } from './smart/launchErrors';
import { buildLaunchSession } from './smart/launchSession';
import { launchedServer, sameServer } from './smart/storage';
import { applySmartStyle } from './smart/style';
import { defaultServices } from './ui/defaultServices';
import { startRecordRead } from './ui/recordRead';

const container = document.getElementById('root') ?? document.body;
// the reads' filters, from the build's table of each rule set's (vite.config.ts): the rule sets and
// value sets they come from are not part of this page's code
const services = defaultServices((ruleSetIds) => needsOfRuleSets(SEARCH_NEEDS_BY_RULE_SET, ruleSetIds));
const blocked = watchBlockedRequests(document);

function clearAddress() {
  history.replaceState(null, '', addressWithoutLaunchParameters(location.href));
}

async function start(): Promise<LaunchProblem | undefined> {
  // an OAuth error in the address: fhirclient would report it as text; the page explains it
  const refused = problemFromUrl(new URL(location.href));
  if (refused) return refused;
  let config: SiteConfig | undefined;
  try {
    config = siteConfigOfPage();
  } catch {
    config = undefined; // the session reports it (buildLaunchSession)
  }
  // the CapabilityStatement needs no token: asked for beside the token exchange (an address with a
  // code: a reload of a running session exchanges nothing), it costs no round trip
  const server = new URL(location.href).searchParams.has('code') ? launchedServer() : undefined;
  const ahead = server === undefined ? undefined : askCapabilitiesAhead(createFetchTransport(server));
  const askedAt = performance.now();
  let client;
  try {
    client = await settleWithin(FHIR.oauth2.ready(), LAUNCH_TIMEOUT_MS, { kind: 'unreachable', code: 'token timeout' });
  } catch (error) {
    ahead?.stop();
    return blockedOrUnreachable(problemFromReadyError(error), blocked);
  } finally {
    clearAddress();
  }
  const session = buildLaunchSession(client, config, navigator.language);
  if (!('client' in session)) {
    ahead?.stop();
    return session;
  }
  // of the server this session is on: asked for just before the token, it comes back about when the
  // token does, a little earlier or later (without it the reads go as one request per list, a round
  // trip or two more than a batch); it holds the reads at most half as long again as the token took
  const capabilities =
    server !== undefined && sameServer(server, session.serverUrl)
      ? await ahead?.within((performance.now() - askedAt) / 2)
      : undefined;
  if (!capabilities) ahead?.stop();
  const transport = services.createTransport(session.client);
  const launchRead = startRecordRead(session, services, transport, capabilities && { capabilities });
  // the reads' requests leave in the microtasks this starts: the rest (the EHR's style, the screen's
  // code and stylesheets, the engine's chunk) waits for the next task, so none of it goes first
  await nextTask();
  void applySmartStyle(session.smartStyleUrl, session.serverUrl, document.documentElement);
  let mountApp;
  try {
    [{ mountApp }] = await Promise.all([import('./ui/mount'), applyScreenStyles()]);
  } catch {
    launchRead.abort();
    return { kind: 'app-error' };
  }
  mountApp(container, { session, launchRead, services });
  return undefined;
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

/**
 * The screen's stylesheets, which the built page preloads (deploy/inlineBoot.ts), applied before the
 * screen mounts so that it never shows unstyled; one that fails leaves the screen usable. Under `npm
 * run dev` the page preloads none: Vite applies them with the screen's code.
 */
function applyScreenStyles(): Promise<unknown> {
  const preloaded = document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="style"]');
  return Promise.all(
    [...preloaded].map(
      (preload) =>
        new Promise((applied) => {
          const link = document.createElement('link');
          link.rel = 'stylesheet';
          link.href = preload.href;
          link.onload = link.onerror = applied;
          document.head.append(link);
        }),
    ),
  );
}

async function showProblem(problem: LaunchProblem) {
  clearAddress();
  // React is loaded for the error page only now
  const { showLaunchError } = await import('./ui/LaunchErrorPage');
  showLaunchError(container, problem, navigator.language);
}

void start().then(
  (problem) => problem && showProblem(problem),
  () => showProblem({ kind: 'unexpected' }),
);
