import type Client from 'fhirclient/lib/Client';
import type { Assessment, Override, RuleSetInfo } from '../clinical/assessment';
import type { SurgeonAnswers } from '../clinical/answers';
import type { ClinicalType, PatientRecord, ReadState } from '../clinical/record';
import type { ServerCapabilities } from '../fhir/capabilities';
import type { FhirResponse, FhirTransport } from '../fhir/transport';
import type { ScopePermissions } from '../smart/session';
import type { Lang } from '../lang';

/**
 * What the view needs from the other stages, as one object so the component tests can hand in
 * fakes. The production set (defaultServices.ts) loads the engine lazily to keep the first bundle
 * small.
 */
export interface ReadProgress {
  type: ClinicalType | 'Patient';
  state: 'loading' | ReadState;
  count: number;
}

export interface FetchOptions {
  patientId: string;
  encounterId?: string;
  ruleSetIds: string[];
  permissions?: ScopePermissions;
  only?: ClinicalType[];
  onProgress?: (progress: ReadProgress) => void;
  signal?: AbortSignal;
  /** the Patient read started for the header: the record's read awaits it instead of repeating it */
  patientRead?: Promise<FhirResponse>;
  /** the launch's Patient as soon as the record's read has it */
  onPatient?: (patient: fhir4.Patient) => void;
  /** the server's CapabilityStatement, read before the reads went out */
  capabilities?: ServerCapabilities;
  /** one batch Bundle for the reads, when `capabilities` declare batch (fetch-record.ts) */
  batch?: boolean;
}

export interface Engine {
  assess(
    record: PatientRecord,
    options: { now: Date; timeZone?: string; ruleSetId?: string; answers?: SurgeonAnswers; override?: Override },
  ): Assessment;
  listRuleSets(): RuleSetInfo[];
  /** sets up the unit tables ahead of the first assessment (called while the reads are on the wire) */
  prepareUnits?(): void;
}

export interface Services {
  createTransport(client: Client): FhirTransport;
  fetchRecord(transport: FhirTransport, options: FetchOptions): Promise<PatientRecord>;
  mergeRecords(base: PatientRecord, update: PatientRecord, types: ClinicalType[]): PatientRecord;
  describeFhirError(error: unknown, lang: Lang): string;
  loadEngine(): Promise<Engine>;
  /** the app's latest current note on the patient (fhir/latest-note.ts), read in the first wave */
  findLatestNote(
    transport: FhirTransport,
    patientId: string,
    signal?: AbortSignal,
  ): Promise<fhir4.DocumentReference | undefined>;
}
