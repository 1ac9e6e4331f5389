/**
 * The fault matrix: every phase of a session (discovery, token, each read, paging, write,
 * read-back) × every misbehaviour of the EHR (see matrix.ts), against the demo EHR under msw/node.
 * Each cell checks what the surgeon is promised: a plain message naming what failed, everything
 * else kept, bounded retries after Retry-After, never "eligible" because a read failed, and a
 * note that is written once however often the surgeon retries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSDOM } from 'jsdom';
import NodeAdapter from 'fhirclient/lib/adapters/NodeAdapter';
import * as smart from 'fhirclient/lib/smart';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINICAL_TYPES, type ClinicalType, type PatientRecord } from '../../src/clinical/record';
import { describeFhirError, FhirError, fetchRecord } from '../../src/fhir';
import { saveNote } from '../../src/fhir/write';
import { buildNote } from '../../src/report';
import { checkAuthorizeUrl, isLaunchPlan, planLaunch } from '../../src/smart/authorize';
import { parseSiteConfig } from '../../src/smart/config';
import { checkSmartConfiguration, settleWithin } from '../../src/smart/discovery';
import { problemFromAuthorizeError, problemFromReadyError, type LaunchProblem } from '../../src/smart/launchErrors';
import { CELLS, type Cell, type FaultCase, type Phase } from './matrix';
import {
  APP,
  assessWithAnswers,
  demoEhrForThisFile,
  eligiblePatient,
  expectPlainWords,
  NOW,
  recordingTransport,
} from './support';

const ctx = demoEhrForThisFile();
const { window } = new JSDOM('');
/** small pages, so that the long lists of the record come in more than one page */
const PAGE_SIZE = 4;
const RULE_SETS = ['pvp-guideline'];
/** the transport's default: a GET is repeated at most twice after 429/503 */
const MAX_ATTEMPTS = 3;

function injectFault(phase: Phase, fault: FaultCase): void {
  for (const path of phase.paths) ctx.ehr.faults.add({ method: phase.method, path, fault: fault.fault });
}

const matching = (requests: string[], phase: Phase) =>
  requests.filter((line) => {
    const [method = '', path = ''] = line.split(' ');
    return (
      (!phase.method || method === phase.method) &&
      phase.paths.some((p) => (typeof p === 'string' ? path.startsWith(p) : p.test(path)))
    );
  });

async function readRecord() {
  const patient = eligiblePatient(ctx.ehr);
  const recording = recordingTransport(ctx.ehr, patient);
  const record = await fetchRecord(recording.transport, {
    patientId: patient.id,
    ...(patient.encounterId && { encounterId: patient.encounterId }),
    ruleSetIds: RULE_SETS,
    limits: { pageSize: PAGE_SIZE },
  });
  return { patient, record, ...recording };
}

let baseline: PatientRecord;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  ({ record: baseline } = await readRecord());
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('before any fault', () => {
  it('the eligible scenario patient reads fully and is eligible with its answers', async () => {
    const patient = eligiblePatient(ctx.ehr);
    for (const type of CLINICAL_TYPES) expect(baseline.reads[type].state, type).toBe('full');
    expect(baseline.patient?.id).toBe(patient.id);
    expect(
      CLINICAL_TYPES.some((type) => baseline.resources[type].length > PAGE_SIZE),
      'some type needs a second page',
    ).toBe(true);
    expect(assessWithAnswers(patient, baseline).recommendation).toBe('eligible');
  });
});

// ---- launch: fhirclient's own discovery and token exchange, in Node, mapped as the pages map them

interface LaunchOutcome {
  problem?: LaunchProblem;
  patient?: string;
}

/** An in-memory fhirclient environment for one page load at `path` of the app. */
function pageEnvironment(path: string, storage: Map<string, unknown>): NodeAdapter {
  const request = { url: path, headers: { host: new URL(APP).host }, socket: {} } as unknown as IncomingMessage;
  const response = { writeHead: () => undefined, end: () => undefined } as unknown as ServerResponse;
  return new NodeAdapter({
    request,
    response,
    storage: {
      get: async (key: string) => storage.get(key),
      set: async (key: string, value: unknown) => {
        storage.set(key, value);
        return value;
      },
      unset: async (key: string) => storage.delete(key),
    },
  });
}

/** the pages' LAUNCH_TIMEOUT_MS, shortened */
const STEP_TIMEOUT_MS = 1_000;
/** A launch that waits for a server forever leaves the surgeon on a blank page: it must end. */
const LAUNCH_PATIENCE_MS = 5_000;

/**
 * What launch.html (src/launch.ts) and index.html (src/main.tsx) do, step for step, with the same
 * functions: plan, the app's own discovery check, fhirclient's authorize, the EHR's authorize
 * endpoint, fhirclient's token exchange (ready). The pages' time-outs are shortened to keep the
 * matrix quick; the code paths are the same.
 */
async function launch(): Promise<LaunchOutcome> {
  const patient = eligiblePatient(ctx.ehr);
  const config = parseSiteConfig({ ehrs: [{ iss: ctx.ehr.fhirBase, clientId: 'pvp-eligibility' }] });
  const launchUrl = new URL(ctx.ehr.launchUrl(ctx.ehr.createLaunch({ patient: patient.id })));
  const plan = planLaunch(launchUrl, config);
  if (!isLaunchPlan(plan)) return { problem: plan };
  const discovery = await checkSmartConfiguration(plan.iss, STEP_TIMEOUT_MS);
  if (discovery) return { problem: discovery };
  const storage = new Map<string, unknown>();
  let authorizeUrl: string | void;
  try {
    const authorizing = smart.authorize(pageEnvironment(launchUrl.pathname + launchUrl.search, storage), plan.options);
    authorizeUrl = await settleWithin(authorizing, STEP_TIMEOUT_MS, { kind: 'unreachable', code: 'authorize timeout' });
  } catch (error) {
    return { problem: problemFromAuthorizeError(error) };
  }
  if (typeof authorizeUrl !== 'string') return { problem: { kind: 'unexpected' } };
  const refused = checkAuthorizeUrl(authorizeUrl);
  if (refused) return { problem: refused };
  const redirect = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location') ?? '');
  try {
    const ready = smart.ready(pageEnvironment(redirect.pathname + redirect.search, storage));
    const client = await settleWithin(ready, STEP_TIMEOUT_MS, { kind: 'unreachable', code: 'token timeout' });
    return { patient: client.patient.id ?? undefined };
  } catch (error) {
    return { problem: problemFromReadyError(error) };
  }
}

async function launchWithin(ms: number): Promise<LaunchOutcome | 'still waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const waiting = new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), ms)));
  try {
    return await Promise.race([launch(), waiting]);
  } finally {
    clearTimeout(timer);
  }
}

/** What each launch phase may honestly tell the surgeon when its server misbehaves. */
const LAUNCH_PROBLEMS: Record<string, LaunchProblem['kind'][]> = {
  'discovery .well-known/smart-configuration': ['unreachable'],
  'discovery .well-known and /metadata': ['unreachable'],
  token: ['token-failed', 'unreachable'],
};

async function launchCell({ phase, fault }: Cell): Promise<void> {
  injectFault(phase, fault);
  const outcome = await launchWithin(LAUNCH_PATIENCE_MS);
  expect(outcome, 'the launch ends with a result or a problem page').not.toBe('still waiting');
  if (outcome === 'still waiting') return;
  // the app may still launch (fhirclient falls back to the CapabilityStatement); if not, it says why
  if (outcome.problem) expect(LAUNCH_PROBLEMS[phase.name]).toContain(outcome.problem.kind);
  else expect(outcome.patient).toBe(eligiblePatient(ctx.ehr).id);
}

// ---- reads: fetchRecord + assess

/**
 * The back-offs honour Retry-After: the longest is the server's (less the milliseconds the
 * transport itself took), and the other reads of the wave wait out the same moment, never longer.
 */
function expectWaitsOf(waits: number[], retryAfterMs: number): void {
  expect(waits.length).toBeGreaterThan(0);
  expect(Math.max(...waits)).toBeGreaterThan(retryAfterMs - 250);
  for (const wait of waits) expect(wait).toBeLessThanOrEqual(retryAfterMs);
}

function expectEverythingElseKept(record: PatientRecord, failed: ClinicalType[]): void {
  for (const type of CLINICAL_TYPES) {
    if (failed.includes(type)) continue;
    expect(record.reads[type].state, `${type} is still read`).toBe('full');
    expect(record.resources[type].length, `${type} keeps its entries`).toBe(baseline.resources[type].length);
  }
}

async function readCell({ phase, fault }: Cell): Promise<void> {
  injectFault(phase, fault);
  const { patient, record, requests, waits, token } = await readRecord();
  const hits = matching(requests, phase);

  // bounded retries: only after 429/503, each after the server's Retry-After; otherwise one request
  const readsOfPhase =
    phase.target === 'paging' ? CLINICAL_TYPES.filter((t) => baseline.resources[t].length > PAGE_SIZE).length : 1;
  if (fault.retryAfterMs !== undefined) {
    expect(hits.length).toBeLessThanOrEqual(MAX_ATTEMPTS * readsOfPhase);
    expect(hits.length).toBeGreaterThan(readsOfPhase);
    expectWaitsOf(waits, fault.retryAfterMs);
  } else {
    expect(hits).toHaveLength(readsOfPhase);
    expect(waits).toEqual([]);
  }

  if (phase.target === 'Patient') {
    expect(record.patient, 'the Patient was not read').toBeUndefined();
    expectEverythingElseKept(record, []);
  } else if (phase.target === 'paging') {
    const paged = CLINICAL_TYPES.filter((t) => baseline.resources[t].length > PAGE_SIZE);
    for (const type of paged) {
      const read = record.reads[type];
      expect(read.state, `${type}: only its first page was read`).toBe('partial');
      expect(record.resources[type]).toHaveLength(PAGE_SIZE);
      expect(read.reason).toContain(type);
      expectPlainWords(read.reason, [token, patient.id]);
    }
    expectEverythingElseKept(record, paged);
  } else if (phase.target) {
    const read = record.reads[phase.target];
    expect(fault.readStates).toContain(read.state);
    expect(record.resources[phase.target]).toEqual([]);
    expect(read.reason, 'the reason names the type').toContain(phase.target);
    expectPlainWords(read.reason, [token, patient.id, 's3cr3t-t0ken-value']);
    expectEverythingElseKept(record, [phase.target]);
    expect(record.patient?.id).toBe(patient.id);
  }

  const assessment = assessWithAnswers(patient, record);
  if (phase.target === 'ImagingStudy') {
    // this patient's MRI is also on record as a DiagnosticReport: req.imaging stays proven
    const imaging = assessment.criteria.find((c) => c.id === 'req.imaging');
    expect(imaging?.status).toBe('met');
    expect(imaging?.evidence.some((e) => e.reference.startsWith('DiagnosticReport/'))).toBe(true);
    return;
  }
  // a read failure can only make the verdict less certain, never "eligible", never a definitive "no"
  expect(
    ['insufficient-data', 'eligible-with-cautions'],
    'never eligible (or not eligible) because a read failed',
  ).toContain(assessment.recommendation);
  if (phase.target && phase.target !== 'Patient' && phase.target !== 'paging') {
    expect(assessment.reads[phase.target]?.state).toBe(record.reads[phase.target].state);
    expect(
      assessment.missing.some((item) => item.supply === 'record'),
      'the assessment lists what the unread record would have supplied',
    ).toBe(true);
  }
}

// ---- writes: saveNote

function noteForEligiblePatient() {
  const patient = eligiblePatient(ctx.ehr);
  return buildNote(
    assessWithAnswers(patient),
    {
      assessmentId: crypto.randomUUID(),
      patient: { reference: `Patient/${patient.id}`, display: patient.name },
      author: { reference: ctx.ehr.fhirUser },
      ...(patient.encounterId && { encounter: `Encounter/${patient.encounterId}` }),
      signedAt: NOW.toISOString().replace(/\.\d+Z$/, 'Z'),
      answers: patient.answers ?? {},
      lang: 'en',
    },
    { window },
  );
}

const notesWithIdentifier = (value: string) =>
  ctx.ehr.store
    .all('DocumentReference')
    .filter((doc) => (doc as fhir4.DocumentReference).identifier?.some((i) => i.value === value));

async function writeCell({ phase, fault }: Cell): Promise<void> {
  const patient = eligiblePatient(ctx.ehr);
  const { transport, requests, token } = recordingTransport(ctx.ehr, patient);
  const note = noteForEligiblePatient();
  const draft = structuredClone(note);
  const identifier = note.documentReference.identifier?.[0]?.value ?? '';
  injectFault(phase, fault);

  const first = await saveNote(transport, note).then(
    (saved) => ({ saved }),
    (error: unknown) => ({ error }),
  );
  if ('error' in first) {
    expect(first.error).toBeInstanceOf(FhirError);
    expectPlainWords(describeFhirError(first.error, 'en'), [token, patient.id, 's3cr3t-t0ken-value']);
  }
  // a note is never sent twice by the app on its own: the POST is not repeated
  expect(requests.filter((line) => line.startsWith('POST /fhir/DocumentReference'))).toHaveLength(1);
  expect(note, 'the draft is kept as it was').toEqual(draft);

  ctx.ehr.faults.clear();
  const saved = 'saved' in first ? first.saved : await saveNote(transport, note);
  const stored = notesWithIdentifier(identifier);
  expect(stored, 'exactly one note in the chart').toHaveLength(1);
  expect(saved.id).toBe(stored[0]?.id);
}

const RUN: Record<Phase['stage'], (cell: Cell) => Promise<void>> = {
  launch: launchCell,
  read: readCell,
  write: writeCell,
};

describe(`fault matrix (${CELLS.length} cells)`, () => {
  for (const cell of CELLS) {
    it(`${cell.phase.name} × ${cell.fault.name}`, () => RUN[cell.phase.stage](cell));
  }
});

describe('a busy server that recovers', () => {
  for (const [name, fault] of [
    ['429', { kind: 'rate-limit', retryAfterSeconds: 2 }],
    ['503', { kind: 'status', status: 503, retryAfterSeconds: 1 }],
  ] as const) {
    it(`a ${name} once on Condition is retried after Retry-After and the record is complete`, async () => {
      ctx.ehr.faults.add({ method: 'GET', path: '/fhir/Condition?', times: 1, fault });
      const { patient, record, requests, waits } = await readRecord();
      expect(record.reads.Condition.state).toBe('full');
      expect(record.resources.Condition).toHaveLength(baseline.resources.Condition.length);
      expect(requests.filter((r) => r.startsWith('GET /fhir/Condition?'))).toHaveLength(2);
      expectWaitsOf(waits, fault.retryAfterSeconds * 1000);
      expect(assessWithAnswers(patient, record).recommendation).toBe('eligible');
    });
  }

  it('a 429 on every read at once: each read is tried at most 3 times, not a storm', async () => {
    ctx.ehr.faults.add({ method: 'GET', path: /^\/fhir\/[A-Z]/, fault: { kind: 'rate-limit', retryAfterSeconds: 1 } });
    const { record, requests } = await readRecord();
    const reads = CLINICAL_TYPES.length + 2; // + Patient + Encounter
    expect(requests.length).toBeLessThanOrEqual(reads * MAX_ATTEMPTS);
    for (const type of CLINICAL_TYPES) expect(record.reads[type].state).toBe('failed');
    expect(record.reads.Condition.reason).toMatch(/busy/i);
  });
});

describe('after the whole matrix', () => {
  it('no promise was left rejected and unhandled', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});
