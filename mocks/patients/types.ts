import type { SurgeonAnswers } from '../../src/clinical/answers';
import type { Recommendation } from '../../src/clinical/assessment';

/** One patient of the demo EHR: a chart plus what the engine should conclude from it. */
export interface DemoPatient {
  /** the Patient resource id (also the `launch` value's patient) */
  id: string;
  /** the patient's name as the launcher shows it */
  name: string;
  /** the scenario number (1-15, scenarios.ts) */
  scenario: number;
  /** one line: what the patient shows */
  title: string;
  /** a short clinical vignette */
  description: string;
  /** the verdict once the surgeon has given `answers` (the record alone when there are none) */
  expected: Recommendation;
  /** the verdict on the record alone, when `answers` change it */
  expectedBeforeAnswers?: Recommendation;
  /** what the surgeon answers in the scenario (criterion id → answer) */
  answers?: SurgeonAnswers;
  /** the criterion ids that decide the verdict */
  expectedDecisive?: string[];
  /** the encounter the app is launched in, when the scenario has one */
  encounterId?: string;
  /** the patient's record as a collection Bundle (Patient first; referenced Practitioners included) */
  bundle: fhir4.Bundle;
}
