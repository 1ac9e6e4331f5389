/**
 * Services for the view tests: a record read that the test resolves by hand (to see the loading
 * state), per-type retries, and a small stand-in engine that follows the combining rule for the
 * posterior-wall question (scenario 1), so the view can be tested without the real engine.
 */
import type { Assessment, Override } from '../../src/clinical/assessment';
import type { SurgeonAnswers } from '../../src/clinical/answers';
import type { ClinicalType, PatientRecord } from '../../src/clinical/record';
import type { Engine, FetchOptions, Services } from '../../src/ui/services';
import { assessments, patient } from './fixtures';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const fakeEngine: Engine = {
  assess(record: PatientRecord, options: { answers?: SurgeonAnswers; override?: Override }): Assessment {
    const wall = options.answers?.['req.posterior-wall-assessed'];
    const base = wall?.status === 'met' ? assessments.eligible : assessments['insufficient-data'];
    const criteria = base.criteria.map((c) =>
      c.id === 'req.posterior-wall-assessed' && wall
        ? { ...c, status: wall.status, source: 'surgeon' as const, answeredAt: wall.answeredAt }
        : c,
    );
    const reads = Object.fromEntries(
      Object.entries(record.reads).map(([type, read]) => [type, { state: read.state, reason: read.reason }]),
    );
    const override = options.override;
    return {
      ...base,
      criteria,
      reads,
      recommendation: override?.recommendation ?? base.recommendation,
      ...(override && { override }),
    };
  },
  listRuleSets: () => [assessments.eligible.rulesetInfo],
};

export interface FakeServices extends Services {
  /** every call of fetchRecord, in order */
  calls: FetchOptions[];
  /** the pending reads, in call order: resolve or reject them from the test */
  reads: Deferred<PatientRecord>[];
  merged: ClinicalType[][];
  engineLoads: number;
}

export function fakeServices(): FakeServices {
  const services: FakeServices = {
    calls: [],
    reads: [],
    merged: [],
    engineLoads: 0,
    createTransport: () => ({
      baseUrl: 'https://ehr.example/fhir',
      request: async <T>() => ({ status: 200, headers: new Headers(), body: patient as T }),
    }),
    fetchRecord(_transport, options) {
      services.calls.push(options);
      const read = deferred<PatientRecord>();
      services.reads.push(read);
      return read.promise;
    },
    mergeRecords(base, update, types) {
      services.merged.push(types);
      const resources = { ...base.resources };
      const reads = { ...base.reads };
      for (const type of types) {
        (resources as Record<string, unknown[]>)[type] = update.resources[type];
        reads[type] = update.reads[type];
      }
      return { ...base, resources, reads };
    },
    describeFhirError: (error, lang) =>
      `${lang === 'de' ? 'Fehler' : 'Error'}: ${error instanceof Error ? error.message : String(error)}`,
    findLatestNote: async () => undefined,
    loadEngine: async () => {
      services.engineLoads += 1;
      return fakeEngine;
    },
  };
  return services;
}
