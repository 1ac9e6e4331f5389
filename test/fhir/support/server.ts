import { http } from 'msw';
import { setupServer } from 'msw/node';
import { createHapiStandin, type Standin, type StandinOptions } from './hapi-standin';
import { typicalRecord } from './records';

export const BASE = 'http://ehr.test/fhir';
export const PATIENT = 'p1';
export const NOW = new Date('2026-11-20T10:00:00Z');

/** msw/node intercepting fetch; each test installs its own stand-in with `useStandin`. */
export const server = setupServer();

export function useStandin(options: Partial<StandinOptions> = {}): Standin {
  const standin = createHapiStandin({ baseUrl: BASE, resources: typicalRecord(PATIENT, NOW), ...options });
  server.use(http.all(`${BASE}*`, ({ request }) => standin.handle(request)));
  return standin;
}

export const operationOutcome = (status: number, diagnostics?: string, headers: Record<string, string> = {}) =>
  new Response(
    JSON.stringify({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'processing', ...(diagnostics && { diagnostics }) }],
    }),
    {
      status,
      headers: { 'content-type': 'application/fhir+json', ...headers },
    },
  );
