import type { Assessment, Override, Recommendation } from '../../clinical/assessment';
import type { SurgeonAnswers } from '../../clinical/answers';
import { base64, sha1, utf8Bytes } from '../../report/encoding';
import { isObject, patientStorageKey, readStored, writeStored } from '../patientStorage';
import type { Lang } from '../../lang';

/**
 * What the signing panel keeps in sessionStorage, per server and patient: the signed draft from the
 * moment the surgeon signs until the server has confirmed it (so a failure, a reload or a relaunch
 * of the same patient keeps it, and a retry reuses its identifier), and the last saved note (so
 * signing again after a change amends it).
 */
export interface SignDraft {
  /** the note's business identifier, kept across retries */
  assessmentId: string;
  signedAt: string;
  assessment: Assessment;
  /** the payers' coverage assessments, when the note states them too */
  coverages?: Assessment[];
  answers: SurgeonAnswers;
  override?: Override;
  lang: Lang;
  fingerprint: string;
  replaces?: { id: string; date?: string; recommendation?: Recommendation };
  /** who signed (their reference and name), for which encounter, as at signing: a retry after a relaunch writes the same note */
  author?: string;
  authorName?: string;
  /** the date format and time zone of the note, as at signing */
  locale?: string;
  timeZone?: string;
  encounter?: string;
  patientName?: string;
}

export interface SavedNoteRecord {
  id: string;
  date: string;
  /** the verdict the note states */
  recommendation?: Recommendation;
  versionId?: string;
  created: boolean;
  fingerprint: string;
  /** the note's text as sent: the preview shows it until the assessment changes */
  text: string;
  /** the EHR accepted the note but this launch may not read it back: it was not checked in the chart */
  unverified?: boolean;
  provenanceError?: string;
  /** an amendment: the note it replaces, and whether the chart now marks that one superseded (else why not) */
  replaced?: { id: string; date?: string; superseded: boolean; reason?: string };
}

export interface SignState {
  pending?: SignDraft;
  saved?: SavedNoteRecord;
}

export function signStorageKey(serverUrl: string, patientId: string): string {
  return patientStorageKey('sign', serverUrl, patientId);
}

/**
 * What a signature covers: the verdict, every criterion's status and evidence, the answers and the
 * override, and every payer's coverage verdict beside it. Not the assessment time: recomputing the same
 * record a minute later is no change.
 */
export function signFingerprint(
  assessment: Assessment,
  answers: SurgeonAnswers,
  override: Override | undefined,
  coverages: readonly Assessment[] = [],
): string {
  const verdict = (a: Assessment) => ({
    recommendation: a.recommendation,
    computed: a.computedRecommendation,
    ruleset: a.ruleset,
    levels: a.levels,
    criteria: a.criteria.map((c) => [c.id, c.status, c.source, c.evidence.map((e) => e.reference)]),
  });
  const signed = {
    ...verdict(assessment),
    // one payer's is signed as it always was, so a draft of a one-payer site stays current across versions
    ...(coverages.length === 1 && { coverage: verdict(coverages[0]!) }),
    ...(coverages.length > 1 && { coverages: coverages.map(verdict) }),
    answers: Object.entries(answers)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, a]) => [id, a.status, a.levels ?? null, a.value ?? null, a.note ?? null]),
    override: override ? [override.recommendation, override.reason] : null,
  };
  return base64(sha1(utf8Bytes(JSON.stringify(signed))));
}

const isAssessment = (v: unknown): boolean =>
  isObject(v) && typeof v.recommendation === 'string' && Array.isArray(v.criteria);

function readDraft(v: unknown): SignDraft | undefined {
  if (!isObject(v) || typeof v.assessmentId !== 'string' || typeof v.signedAt !== 'string') return undefined;
  if (typeof v.fingerprint !== 'string' || (v.lang !== 'en' && v.lang !== 'de')) return undefined;
  if (!isAssessment(v.assessment)) return undefined;
  if (v.coverages !== undefined && !(Array.isArray(v.coverages) && v.coverages.every(isAssessment))) return undefined;
  if (!isObject(v.answers)) return undefined;
  // a draft kept by a version that signed one payer's assessment as `coverage`
  const { coverage, ...draft } = v;
  if (coverage === undefined) return draft as unknown as SignDraft;
  if (!isAssessment(coverage) || draft.coverages !== undefined) return undefined;
  return { ...draft, coverages: [coverage] } as unknown as SignDraft;
}

function readSaved(v: unknown): SavedNoteRecord | undefined {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.date !== 'string' || typeof v.fingerprint !== 'string')
    return undefined;
  if (typeof v.text !== 'string') return undefined;
  return v as unknown as SavedNoteRecord;
}

/** The stored state for this key; anything malformed is dropped rather than trusted. */
export function loadSignState(storage: Storage | undefined, key: string): SignState {
  const stored = readStored(storage, key);
  if (!stored) return {};
  const pending = readDraft(stored.pending);
  const saved = readSaved(stored.saved);
  return { ...(pending && { pending }), ...(saved && { saved }) };
}

/** Returns false when the browser refused to store (private mode, quota): the caller says so. */
export function storeSignState(storage: Storage | undefined, key: string, state: SignState): boolean {
  return writeStored(storage, key, !state.pending && !state.saved ? undefined : state);
}
