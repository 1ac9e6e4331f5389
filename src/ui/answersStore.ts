import type { CriterionStatus, Override, Recommendation } from '../clinical/assessment';
import type { SurgeonAnswer, SurgeonAnswers } from '../clinical/answers';
import { isObject, patientStorageKey, readStored, writeStored } from './patientStorage';

/**
 * The surgeon's answers and override for one patient, kept in sessionStorage so they survive a
 * reload and a relaunch in the same browser tab. The key names the server and the patient, so
 * nothing of one patient is ever offered for another; the value holds the answers only (no name,
 * no record content).
 */
export interface SurgeonInput {
  answers: SurgeonAnswers;
  override?: Override;
}

export function storageKey(serverUrl: string, patientId: string): string {
  return patientStorageKey('answers', serverUrl, patientId);
}

const STATUSES: readonly CriterionStatus[] = ['met', 'not-met', 'unknown'];
const RECOMMENDATIONS: readonly Recommendation[] = [
  'eligible',
  'eligible-with-cautions',
  'not-eligible',
  'insufficient-data',
];

function readAnswer(v: unknown): SurgeonAnswer | undefined {
  if (!isObject(v) || !STATUSES.includes(v.status as CriterionStatus)) return undefined;
  const answer: SurgeonAnswer = { status: v.status as CriterionStatus };
  if (Array.isArray(v.levels) && v.levels.every((l) => typeof l === 'string')) answer.levels = v.levels as string[];
  if (typeof v.value === 'number' && Number.isFinite(v.value)) answer.value = v.value;
  if (typeof v.note === 'string') answer.note = v.note;
  if (typeof v.reason === 'string' && v.reason.trim()) answer.reason = v.reason;
  if (typeof v.answeredAt === 'string') answer.answeredAt = v.answeredAt;
  return answer;
}

function readOverride(v: unknown): Override | undefined {
  if (!isObject(v)) return undefined;
  const { recommendation, reason, at } = v;
  if (!RECOMMENDATIONS.includes(recommendation as Recommendation)) return undefined;
  if (typeof reason !== 'string' || reason.trim() === '' || typeof at !== 'string') return undefined;
  return { recommendation: recommendation as Recommendation, reason, at };
}

/** Answers from outside the page (the session, an earlier note): each malformed one is dropped rather than trusted. */
export function cleanStored(value: unknown): SurgeonAnswers {
  const answers: SurgeonAnswers = {};
  for (const [criterion, given] of Object.entries(isObject(value) ? value : {})) {
    const answer = readAnswer(given);
    if (answer) answers[criterion] = answer;
  }
  return answers;
}

/** What was stored for this key; anything malformed is dropped rather than trusted. */
export function loadInput(storage: Storage | undefined, key: string): SurgeonInput {
  const stored = readStored(storage, key);
  if (!stored) return { answers: {} };
  const answers = cleanStored(stored.answers);
  const override = readOverride(stored.override);
  return override ? { answers, override } : { answers };
}

export function saveInput(storage: Storage | undefined, key: string, input: SurgeonInput): void {
  // storage full or disabled: the answers still hold for this page
  writeStored(storage, key, Object.keys(input.answers).length === 0 && !input.override ? undefined : input);
}
