import { describe, expect, it } from 'vitest';
import { FhirError } from '../../src/fhir/errors';

// index.html's boot code and the screen's chunks are separate bundles, each with its own copy of
// src/fhir/errors.ts (deploy/inlineBoot.ts): the launch's transport throws the boot code's FhirError,
// the screen asks `instanceof FhirError` of its own.
describe('FhirError across two copies of its module', () => {
  it('an error of the other copy is a FhirError, any other error is not', async () => {
    // the same file as another module, as a second bundle has it
    const second = '../../src/fhir/errors?second-copy';
    const other = (await import(/* @vite-ignore */ second)) as { FhirError: typeof FhirError };
    expect(other.FhirError).not.toBe(FhirError);
    const theirs = new other.FhirError('unauthorized', 'the session is over', { status: 401 });
    expect(theirs instanceof FhirError).toBe(true);
    expect(new FhirError('server', 'down') instanceof other.FhirError).toBe(true);
    expect(new Error('FhirError') instanceof FhirError).toBe(false);
    expect(Object.assign(new Error('x'), { name: 'FhirError', kind: 'server' }) instanceof FhirError).toBe(false);
    expect((null as unknown as object) instanceof FhirError).toBe(false);
  });
});
