// @vitest-environment jsdom
/**
 * What a launch asks of the FHIR server, with the production services over a HAPI-shaped stand-in:
 * the Patient read that names the patient in the header is the one the record's read uses.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetchTransport } from '../../src/fhir';
import { defaultServices } from '../../src/ui/defaultServices';
import type { Services } from '../../src/ui/services';
import { Workspace } from '../../src/ui/Workspace';
import { createHapiStandin, type Standin } from '../fhir/support/hapi-standin';
import { typicalRecord } from '../fhir/support/records';
import { makeSession } from './fixtures';

const BASE = 'http://ehr.test/fhir';
const PATIENT = 'p1';

let standin: Standin;
let services: Services;

beforeEach(() => {
  sessionStorage.clear();
  standin = createHapiStandin({ baseUrl: BASE, resources: typicalRecord(PATIENT, new Date()) });
  const serve: typeof fetch = (input, init) => standin.handle(new Request(input, init));
  services = { ...defaultServices, createTransport: () => createFetchTransport(BASE, 'token', serve) };
});
afterEach(cleanup);

describe('a launch', () => {
  it('reads the Patient once: for the header and for the record', async () => {
    render(<Workspace session={makeSession({ patientId: PATIENT, serverUrl: BASE })} services={services} />);
    await screen.findByTestId('verdict', {}, { timeout: 10_000 });
    expect(screen.getByRole('banner').textContent).toContain('Erika Muster');
    expect(standin.log.filter((line) => line.includes('/Patient/'))).toEqual([`GET /fhir/Patient/${PATIENT}`]);
    expect(standin.log.filter((line) => line.includes('/Condition?'))).toHaveLength(1);
  });
});
