/**
 * The eligibility engine: PatientRecord → Assessment. Pure TypeScript, no I/O.
 */
export { assess, type AssessOptions } from './assess';
export { recordFromBundle, RecordError } from './bundle';
export { listRuleSets } from './rulesets';
export { prepareUnits } from './units';
export { searchNeeds, type SearchNeeds } from './search-needs';
export { toInterfaceJson, type InterfaceJson } from './interface-json';
export { documentationChecklist } from './documentation';
export type {
  Assessment,
  CriterionResult,
  DocumentationItem,
  OpenPoint,
  RuleSetInfo,
  Override,
  Recommendation,
} from './assessment';
export type { SurgeonAnswers, SurgeonAnswer } from './answers';
export type { PatientRecord } from './record';
