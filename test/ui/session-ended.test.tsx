// @vitest-environment jsdom
/**
 * A 401 in the middle of a launch: the app's own request ends fhirclient's session as fhirclient's
 * request would (its stored tokens removed, so a reload says the session has expired) and the screen says
 * to launch the app again, even when only one list's read met the 401.
 */
import { cleanup, render, screen } from '@testing-library/react';
import type Client from 'fhirclient/lib/Client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserTransport } from '../../src/fhir';
import { searchNeeds } from '../../src/clinical';
import { defaultServices } from '../../src/ui/defaultServices';
import { Workspace } from '../../src/ui/Workspace';
import { createHapiStandin, type Standin } from '../fhir/support/hapi-standin';
import { fhirclientFor } from '../fhir/support/fhirclient';
import { typicalRecord } from '../fhir/support/records';
import { makeSession } from './fixtures';

const BASE = 'http://ehr.test/fhir';
const PATIENT = 'p1';

let standin: Standin;
let stored: Map<string, unknown>;

function launchedClient(): Client {
  stored = new Map<string, unknown>([
    ['SMART_KEY', 'k1'],
    ['k1', { serverUrl: BASE, tokenResponse: { access_token: 'tok' } }],
  ]);
  return fhirclientFor(BASE, stored);
}

beforeEach(() => {
  sessionStorage.clear();
  standin = createHapiStandin({ baseUrl: BASE, resources: typicalRecord(PATIENT, new Date()) });
  // the token is revoked after the Patient read: the Condition search meets a 401
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname.endsWith('/Condition'))
      return Promise.resolve(
        Response.json(
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] },
          { status: 401 },
        ),
      );
    return standin.handle(request);
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a 401 during the read', () => {
  it("ends fhirclient's stored session and says to launch the app again", async () => {
    const client = launchedClient();
    const services = { ...defaultServices(searchNeeds), createTransport: () => createBrowserTransport(client) };
    render(<Workspace session={makeSession({ patientId: PATIENT, serverUrl: BASE, client })} services={services} />);
    const alert = await screen.findByTestId('session-ended', {}, { timeout: 10_000 });
    expect(alert.textContent).toBe('The session with the EHR has expired. Launch the app again from the chart.');
    expect(stored.has('k1')).toBe(false);
  });
});
