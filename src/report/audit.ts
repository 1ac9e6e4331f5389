import type { Assessment, Override, Recommendation } from '../clinical/assessment';
import type { SurgeonAnswers } from '../clinical/answers';
import { decodeBase64Utf8 } from '../clinical/base64';
import { ASSESSMENT_EXTENSION_URL } from './identity';
import type { NoteContext } from './types';

/**
 * The note's full audit trail, as structured data beside the short consult note: every criterion
 * of every rule set assessed, with its status, rationale and evidence references, the rule sets and
 * their versions, the surgeon's answers and override, who signed when, and the app and its version.
 * It travels as JSON in the DocumentReference's extension `ASSESSMENT_EXTENSION_URL` (see
 * document-reference.ts), and the app reads it back on a relaunch to continue from the note.
 */
export const AUDIT_TRAIL_FORMAT = 'pvp-eligibility/audit-trail/2';
/** the format of notes signed before payers became a list: one payer's assessment as `coverage` */
const ONE_PAYER_FORMAT = 'pvp-eligibility/audit-trail/1';

export interface AuditTrail {
  format: typeof AUDIT_TRAIL_FORMAT;
  app: { name: string; version: string };
  assessmentId: string;
  signedAt: string;
  /** the signing user: the fhirUser reference and the name the note is signed with */
  author?: { reference: string; display?: string };
  patient: string;
  encounter?: string;
  lang: NoteContext['lang'];
  /** the clinical guideline's assessment, the surgeon's answers and override applied */
  assessment: Assessment;
  /**
   * the payers' coverage assessments of the same record and answers, when made; a note in the
   * one-payer format (`ONE_PAYER_FORMAT`) carries it as `coverage`, read back here as a list of one
   */
  coverages?: readonly Assessment[];
  answers: SurgeonAnswers;
  override?: Override;
  /** an amendment: the note it replaces */
  replaces?: { id: string; date?: string; recommendation?: Recommendation };
}

export function auditTrail(
  assessment: Assessment,
  context: NoteContext,
  app: { name: string; version: string },
): AuditTrail {
  const override = context.override ?? assessment.override;
  return {
    format: AUDIT_TRAIL_FORMAT,
    app,
    assessmentId: context.assessmentId,
    signedAt: context.signedAt,
    ...(context.author && { author: context.author }),
    patient: context.patient.reference,
    ...(context.encounter && { encounter: context.encounter }),
    lang: context.lang,
    assessment,
    ...(context.coverages?.length && { coverages: context.coverages }),
    answers: context.answers,
    ...(override && { override }),
    ...(context.replaces && { replaces: context.replaces }),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const RECOMMENDATIONS: readonly unknown[] = ['eligible', 'eligible-with-cautions', 'not-eligible', 'insufficient-data'];
const STATUSES: readonly unknown[] = ['met', 'not-met', 'unknown'];

/** what a reader of the trail relies on: the verdict, and each criterion's id, status and evidence references */
const isAssessment = (v: unknown): v is Assessment =>
  isObject(v) &&
  RECOMMENDATIONS.includes(v.recommendation) &&
  Array.isArray(v.criteria) &&
  v.criteria.every(
    (c) =>
      isObject(c) &&
      typeof c.id === 'string' &&
      STATUSES.includes(c.status) &&
      Array.isArray(c.evidence) &&
      c.evidence.every((e) => isObject(e) && typeof e.reference === 'string'),
  );

/**
 * The audit trail a note carries, read back from the chart: untrusted (another app, or an older
 * version of this one, may have written the note), so anything that is not its shape gives
 * undefined. The fields the app relies on are checked; the answers are cleaned again where used.
 */
export function readAuditTrail(doc: unknown): AuditTrail | undefined {
  if (!isObject(doc) || doc.resourceType !== 'DocumentReference' || !Array.isArray(doc.extension)) return undefined;
  const extension = doc.extension.find((e) => isObject(e) && e.url === ASSESSMENT_EXTENSION_URL) as
    { valueAttachment?: { data?: unknown } } | undefined;
  const data = extension?.valueAttachment?.data;
  if (typeof data !== 'string') return undefined;
  let trail: unknown;
  try {
    trail = JSON.parse(decodeBase64Utf8(data) ?? '');
  } catch {
    return undefined;
  }
  if (!isObject(trail) || (trail.format !== AUDIT_TRAIL_FORMAT && trail.format !== ONE_PAYER_FORMAT)) return undefined;
  if (!isAssessment(trail.assessment)) return undefined;
  const { coverage, ...rest } = trail;
  const coverages =
    trail.format === ONE_PAYER_FORMAT ? (coverage === undefined ? undefined : [coverage]) : trail.coverages;
  if (coverages !== undefined && !(Array.isArray(coverages) && coverages.every(isAssessment))) return undefined;
  if (!isObject(trail.answers) || typeof trail.signedAt !== 'string' || typeof trail.assessmentId !== 'string')
    return undefined;
  return {
    ...rest,
    format: AUDIT_TRAIL_FORMAT,
    ...(coverages !== undefined && { coverages }),
  } as unknown as AuditTrail;
}
