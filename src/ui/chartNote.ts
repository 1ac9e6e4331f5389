import type { Recommendation } from '../clinical/assessment';
import { readAuditTrail, type AuditTrail } from '../report/audit';

/**
 * The app's latest note in the chart, as a relaunch finds it: when and by whom it was signed, what
 * it recommended, and its audit trail (the answers to continue from). A note whose audit trail
 * cannot be read (written by an older version, or altered) is still the note a new signature
 * replaces; it only offers no answers.
 */
export interface ChartNote {
  id: string;
  versionId?: string;
  /** DocumentReference.date: when it was signed */
  date: string;
  authorName?: string;
  recommendation?: Recommendation;
  trail?: AuditTrail;
}

/** The state of the search for the latest note, read in the first wave. */
export type EarlierNote =
  | { state: 'reading' }
  /** none in the chart, or the grant does not let the app read notes */
  | { state: 'none' }
  | { state: 'found'; note: ChartNote }
  | { state: 'failed'; error: unknown };

export function chartNoteOf(doc: fhir4.DocumentReference): ChartNote | undefined {
  if (typeof doc.id !== 'string' || typeof doc.date !== 'string') return undefined;
  const trail = readAuditTrail(doc);
  const named = doc.author?.find((a) => typeof a?.display === 'string' && a.display.trim() !== '')?.display;
  const authorName = named ?? trail?.author?.display;
  return {
    id: doc.id,
    ...(doc.meta?.versionId && { versionId: doc.meta.versionId }),
    date: doc.date,
    ...(authorName && { authorName }),
    ...(trail && {
      trail,
      recommendation: trail.assessment.recommendation,
    }),
  };
}
