import { largeRecord } from './large';
import { SCENARIOS } from './scenarios';
import type { DemoPatient } from './types';

export type { DemoPatient } from './types';
export { largeRecord } from './large';
export { DEMO_SURGEON, demoSurgeonResource } from './practitioners';

/**
 * The demo EHR's patients: one per clinical scenario (scenarios.ts, 1-15), dates relative to `now`.
 * Scenario 15 is the large record.
 */
export function demoPatients(now: Date): DemoPatient[] {
  return [...SCENARIOS.map((scenario) => scenario(now)), largeRecord(now)];
}
