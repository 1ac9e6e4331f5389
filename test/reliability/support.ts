/**
 * Shared pieces of the reliability suite: the demo EHR under msw/node, a transport that records
 * every request and never really sleeps, the eligible scenario patient, and what "plain words"
 * means for a message shown to the surgeon.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createDemoEhr, type DemoEhr } from '../../mocks/ehr';
import type { DemoPatient } from '../../mocks/patients';
import { assess, recordFromBundle } from '../../src/clinical';
import { createFetchTransport } from '../../src/fhir/fetch-transport';
import type { FhirTransport } from '../../src/fhir/transport';

// localhost, as site.json allows plain http only there; msw/node answers before any socket opens
export const EHR = 'http://localhost:45990';
export const APP = 'http://localhost:45991';
export const NOW = new Date('2026-11-25T08:00:00Z');
/** the per-attempt time-out of the test transports: a hanging request fails after this */
export const TIMEOUT_MS = 300;

/** One demo EHR under msw/node for a whole test file; faults are cleared after each test. */
export function demoEhrForThisFile(): { ehr: DemoEhr } {
  const ctx = { ehr: createDemoEhr({ ehrOrigin: EHR, appOrigin: APP, now: NOW }) };
  const server = setupServer(...ctx.ehr.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => ctx.ehr.faults.clear());
  afterAll(() => server.close());
  return ctx;
}

export interface RecordingTransport {
  transport: FhirTransport;
  /** the launch's access token, which must never show up in a message */
  token: string;
  /** "GET /fhir/Condition?patient=..", one per request that reached the network */
  requests: string[];
  /** every back-off the transport asked for, in ms (nothing is really waited) */
  waits: number[];
}

/** A transport for one patient's launch that records its requests and back-offs. */
export function recordingTransport(ehr: DemoEhr, patient: DemoPatient): RecordingTransport {
  const requests: string[] = [];
  const waits: number[] = [];
  const token = ehr.mintAccessToken({ patient: patient.id, encounter: patient.encounterId });
  const recordingFetch: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    return fetch(input, init);
  };
  const transport = createFetchTransport(ehr.fhirBase, token, recordingFetch, {
    timeoutMs: TIMEOUT_MS,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { transport, token, requests, waits };
}

/**
 * The scenario patient the demo expects to be eligible once the surgeon has answered (scenario 1).
 * Every "never eligible because a read failed" check starts from it.
 */
export function eligiblePatient(ehr: DemoEhr): DemoPatient {
  const patient = ehr.patients.find((p) => p.scenario === 1);
  if (!patient) throw new Error('the demo EHR has no scenario 1 patient');
  return patient;
}

export function assessWithAnswers(patient: DemoPatient, record = recordFromBundle(patient.bundle)) {
  return assess(record, { now: NOW, answers: patient.answers ?? {} });
}

/**
 * Tokens, URLs, ids and stack traces have no place in what the surgeon reads. (Markup may: the UI
 * renders these messages as text, which the browser tests prove.)
 */
export function expectPlainWords(message: string | undefined, secrets: string[] = []): void {
  expect(message, 'a message is shown').toBeTruthy();
  const text = message ?? '';
  expect(text).not.toMatch(/https?:\/\//);
  expect(text).not.toMatch(/\beyJ[\w-]{10,}/);
  expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  for (const secret of secrets) expect(text).not.toContain(secret);
}
