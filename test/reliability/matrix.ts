/**
 * The fault matrix as data: the phases of a session (where a fault is injected on the demo EHR)
 * and the faults (what the EHR does instead of answering). faults.test.ts runs one test per cell.
 */
import type { Fault } from '../../mocks/ehr';
import { CLINICAL_TYPES, type ClinicalType, type ReadState } from '../../src/clinical/record';

export interface FaultCase {
  name: string;
  fault: Fault;
  /** the server asked to come back later: a bounded number of retries, after Retry-After */
  retryAfterMs?: number;
  /** the read states a failed type read may get */
  readStates: ReadState[];
}

/** Diagnostics as a careless server writes them: a URL with a token, a patient id, a bearer token, markup. */
export const LEAKY_DIAGNOSTICS =
  'HAPI-0389: lookup of Patient/pvp-01-whitfield failed at https://db.internal.example/fhir?access_token=s3cr3t-t0ken-value ' +
  'with Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl <img src=x onerror=alert(1)>';

export const FAULTS: FaultCase[] = [
  { name: '401 expired token', fault: { kind: 'expired-token' }, readStates: ['not-permitted'] },
  { name: '403 forbidden', fault: { kind: 'status', status: 403 }, readStates: ['not-permitted'] },
  // HAPI answers a search of a type it does not serve with 404; 'failed' is as honest
  { name: '404 not found', fault: { kind: 'status', status: 404 }, readStates: ['not-requested', 'failed'] },
  { name: '410 gone (stale page)', fault: { kind: 'status', status: 410 }, readStates: ['failed'] },
  {
    name: '429 with Retry-After',
    fault: { kind: 'rate-limit', retryAfterSeconds: 2 },
    retryAfterMs: 2_000,
    readStates: ['failed'],
  },
  {
    name: '500 server error',
    fault: { kind: 'status', status: 500, diagnostics: 'HAPI-0389: internal error' },
    readStates: ['failed'],
  },
  {
    name: '503 with Retry-After',
    fault: { kind: 'status', status: 503, retryAfterSeconds: 3 },
    retryAfterMs: 3_000,
    readStates: ['failed'],
  },
  { name: 'hang (time-out)', fault: { kind: 'hang' }, readStates: ['failed'] },
  { name: 'HTML error page', fault: { kind: 'html-error', status: 502 }, readStates: ['failed'] },
  { name: 'truncated JSON', fault: { kind: 'truncated-json' }, readStates: ['failed'] },
  {
    name: 'OperationOutcome with leaky diagnostics',
    fault: { kind: 'status', status: 500, diagnostics: LEAKY_DIAGNOSTICS },
    readStates: ['failed'],
  },
  { name: 'OperationOutcome without diagnostics', fault: { kind: 'status', status: 500 }, readStates: ['failed'] },
];

/** Where the fault is injected: a method and a path prefix (or pattern) on the demo EHR. */
export interface Phase {
  name: string;
  stage: 'launch' | 'read' | 'write';
  method?: string;
  paths: (string | RegExp)[];
  /** for read phases: the clinical type whose read fails, 'Patient', or 'paging' */
  target?: ClinicalType | 'Patient' | 'paging';
}

export const PHASES: Phase[] = [
  {
    name: 'discovery .well-known/smart-configuration',
    stage: 'launch',
    method: 'GET',
    paths: ['/fhir/.well-known/smart-configuration'],
  },
  // fhirclient asks for the CapabilityStatement only after the well-known document failed
  {
    name: 'discovery .well-known and /metadata',
    stage: 'launch',
    method: 'GET',
    paths: ['/fhir/.well-known/smart-configuration', '/fhir/metadata'],
  },
  { name: 'token', stage: 'launch', method: 'POST', paths: ['/auth/token'] },
  { name: 'read Patient', stage: 'read', method: 'GET', paths: ['/fhir/Patient/'], target: 'Patient' },
  ...CLINICAL_TYPES.map((type): Phase => ({
    name: `read ${type}`,
    stage: 'read',
    method: 'GET',
    paths: [`/fhir/${type}?`],
    target: type,
  })),
  {
    name: 'paging (next page of Observation)',
    stage: 'read',
    method: 'GET',
    paths: ['/fhir?_getpages='],
    target: 'paging',
  },
  { name: 'write (POST DocumentReference)', stage: 'write', method: 'POST', paths: ['/fhir/DocumentReference'] },
  { name: 'read-back (GET DocumentReference)', stage: 'write', method: 'GET', paths: ['/fhir/DocumentReference'] },
];

export interface Cell {
  phase: Phase;
  fault: FaultCase;
}

export const CELLS: Cell[] = PHASES.flatMap((phase) => FAULTS.map((fault) => ({ phase, fault })));
