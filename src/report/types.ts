import type { Assessment, Override, Recommendation } from '../clinical/assessment';
import type { SurgeonAnswers } from '../clinical/answers';
import type { Lang } from '../lang';

/** Everything the note needs besides the assessment. The caller owns the clock and the ids. */
export interface NoteContext {
  /** a UUID the caller keeps stable across retries: the note's business identifier */
  assessmentId: string;
  patient: { reference: string; display?: string };
  /**
   * the signing user, from the launch's fhirUser ("Practitioner/123"); `display` is their name as
   * the EHR records it (the fhirUser resource), which the note is signed with
   */
  author?: { reference: string; display?: string };
  /** "Encounter/123" when the launch has one */
  encounter?: string;
  /** the signing instant, ISO 8601 with a time zone */
  signedAt: string;
  /** defaults to this app's name and package version */
  app?: { name: string; version: string };
  /**
   * The payers' coverage assessments (e.g. rule set lcd-pva) of the same record with the same
   * answers, one per rule set the site names: the note states each verdict beside the guideline's.
   */
  coverages?: readonly Assessment[];
  answers: SurgeonAnswers;
  override?: Override;
  lang: Lang;
  /** the date format (BCP 47), e.g. the EHR's "de-AT"; default: the language's */
  locale?: string;
  /** the surgeon's time zone (IANA), fixed at signing so a retry writes the same note; default: the runtime's */
  timeZone?: string;
  /** amend: the earlier note this one replaces, when it was signed and what it said */
  replaces?: { id: string; date?: string; recommendation?: Recommendation };
}

export interface Note {
  /** the note as plain UTF-8 text (content[0]) */
  text: string;
  /** the same note as a self-contained, sanitised HTML document (content[1]) */
  html: string;
  documentReference: fhir4.DocumentReference;
  /**
   * Names the surgeon, the app and the source resources. Its target names the note by identifier;
   * the write stage adds the literal reference once the server has assigned the id.
   */
  provenance?: fhir4.Provenance;
}

export type { Assessment };
