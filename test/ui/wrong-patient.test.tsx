// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fhirError } from '../../src/fhir/status';
import { Workspace } from '../../src/ui/Workspace';
import { fakeServices, type FakeServices } from './fakeServices';
import { makeSession } from './fixtures';

/**
 * Issue #15, finding 5: the server answers the launch's Patient read with another person. The
 * banner never names them, and the record's read stops with a clear error (fetch-record throws
 * wrong-patient, tested in test/fhir/fetch-record.test.ts).
 */
let services: FakeServices;
beforeEach(() => {
  sessionStorage.clear();
  services = fakeServices();
});
afterEach(cleanup);

describe('a Patient read answered with someone else', () => {
  it.each([
    ['another patient', { resourceType: 'Patient', id: 'someone-else', name: [{ family: 'Mallory', given: ['Eve'] }] }],
    [
      'another resource type',
      { resourceType: 'Practitioner', id: 'pvp-01', name: [{ family: 'Mallory', given: ['Eve'] }] },
    ],
  ])('%s: never in the banner, and the load stops saying why', async (_label, body) => {
    services.createTransport = () => ({
      baseUrl: 'https://ehr.example/fhir',
      request: async <T,>() => ({ status: 200, headers: new Headers(), body: body as T }),
    });
    render(<Workspace session={makeSession()} services={services} />);
    await waitFor(() => expect(services.reads).toHaveLength(1));
    await act(async () => services.reads[0]!.reject(fhirError('wrong-patient')));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('another patient than the one the app was launched for');
    expect(document.body.textContent).not.toContain('Mallory');
    expect(screen.queryByTestId('verdict')).toBeNull();
  });
});
