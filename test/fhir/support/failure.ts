import { expect } from 'vitest';
import { FhirError } from '../../../src/fhir';

/** the FhirError a request ends with; fails the test when it succeeds or throws anything else */
export async function failure(promise: Promise<unknown>): Promise<FhirError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FhirError);
  return error as FhirError;
}
