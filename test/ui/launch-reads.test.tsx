// @vitest-environment jsdom
/**
 * What a launch asks of the FHIR server, with the production services over a HAPI-shaped stand-in:
 * the Patient read that names the patient in the header is the one the record's read uses; the read
 * src/main.ts starts before the screen is the one the screen shows; a server whose CapabilityStatement
 * (asked for beside the token) declares batch gets the reads in one batch Bundle.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetchTransport, fetchCapabilities } from '../../src/fhir';
import type { ServerCapabilities } from '../../src/fhir/capabilities';
import { startRecordRead } from '../../src/ui/recordRead';
import { searchNeeds } from '../../src/clinical';
import { defaultServices } from '../../src/ui/defaultServices';
import type { Services } from '../../src/ui/services';
import { Workspace } from '../../src/ui/Workspace';
import { createHapiStandin, type Standin, type StandinOptions } from '../fhir/support/hapi-standin';
import { typicalRecord } from '../fhir/support/records';
import { makeSession } from './fixtures';

const BASE = 'http://ehr.test/fhir';
const PATIENT = 'p1';

let standin: Standin;
let services: Services;

function useStandin(batch: boolean, fault?: StandinOptions['fault']) {
  standin = createHapiStandin({ baseUrl: BASE, resources: typicalRecord(PATIENT, new Date()), batch, fault });
  const serve: typeof fetch = (input, init) => standin.handle(new Request(input, init));
  services = { ...defaultServices(searchNeeds), createTransport: () => createFetchTransport(BASE, 'token', serve) };
}

beforeEach(() => {
  sessionStorage.clear();
  useStandin(false);
});

/** as src/main.ts does: the CapabilityStatement read before the reads go out, then the reads, then the screen */
async function launchWithRead(capabilities: ServerCapabilities | undefined, allowBatch?: boolean) {
  const session = makeSession({ patientId: PATIENT, serverUrl: BASE, ...(allowBatch !== undefined && { allowBatch }) });
  const transport = services.createTransport(session.client);
  const launchRead = startRecordRead(session, services, transport, capabilities && { capabilities });
  // the reads reach the server with no screen at all
  await waitFor(() =>
    expect(standin.log.some((line) => line.startsWith('POST') || line.includes('Condition'))).toBe(true),
  );
  const requestsBeforeTheScreen = standin.log.length;
  render(<Workspace session={session} services={services} launchRead={launchRead} />);
  await screen.findByTestId('verdict', {}, { timeout: 10_000 });
  expect(screen.getByRole('banner').textContent).toContain('Erika Muster');
  return requestsBeforeTheScreen;
}

const readsOf = (prefix: string) => standin.log.filter((line) => line.startsWith(prefix));
afterEach(cleanup);

describe('a launch', () => {
  it('reads the Patient once: for the header and for the record', async () => {
    render(<Workspace session={makeSession({ patientId: PATIENT, serverUrl: BASE })} services={services} />);
    await screen.findByTestId('verdict', {}, { timeout: 10_000 });
    expect(screen.getByRole('banner').textContent).toContain('Erika Muster');
    expect(standin.log.filter((line) => line.includes('/Patient/'))).toEqual([`GET /fhir/Patient/${PATIENT}`]);
    expect(standin.log.filter((line) => line.includes('/Condition?'))).toHaveLength(1);
  });

  it('sends its reads before the screen runs, and the screen shows them without reading again', async () => {
    const before = await launchWithRead(undefined);
    expect(before, 'the reads went out before the screen was rendered').toBeGreaterThan(0);
    expect(readsOf('GET /fhir/Patient/')).toEqual([`GET /fhir/Patient/${PATIENT}`]);
    expect(readsOf('GET /fhir/Condition?')).toHaveLength(1);
    expect(readsOf('POST')).toEqual([]);
  });

  it('reads the record in one batch Bundle when the server declares batch, the Patient in it', async () => {
    useStandin(true);
    const capabilities = await fetchCapabilities(services.createTransport(makeSession().client));
    standin.log.length = 0;
    await launchWithRead(capabilities);
    expect(readsOf('POST')).toEqual(['POST /fhir']);
    expect(readsOf('GET /fhir/Patient/')).toEqual([]);
    expect(readsOf('GET /fhir/Condition?')).toEqual([]);
  });

  it('never batches where the deployment says allowBatch: false', async () => {
    useStandin(true);
    const capabilities = await fetchCapabilities(services.createTransport(makeSession().client));
    await launchWithRead(capabilities, false);
    expect(readsOf('POST')).toEqual([]);
    expect(readsOf('GET /fhir/Condition?')).toHaveLength(1);
  });

  it('falls back to parallel reads when a server that declares batch refuses it', async () => {
    // the stand-in without batch answers 405; its CapabilityStatement said otherwise
    await launchWithRead({ types: new Set(), searchParams: new Map(), batch: true });
    expect(readsOf('POST')).toEqual(['POST /fhir']);
    expect(readsOf('GET /fhir/Patient/')).toEqual([`GET /fhir/Patient/${PATIENT}`]);
    expect(readsOf('GET /fhir/Condition?')).toHaveLength(1);
  });

  it('names the patient while a list is still on its way, after a refused batch too', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    useStandin(false, async (_request, url) => {
      if (url.pathname.endsWith('/Observation')) await held;
      return undefined;
    });
    const session = makeSession({ patientId: PATIENT, serverUrl: BASE });
    const capabilities = { types: new Set<string>(), searchParams: new Map(), batch: true };
    const launchRead = startRecordRead(session, services, services.createTransport(session.client), { capabilities });
    render(<Workspace session={session} services={services} launchRead={launchRead} />);
    await waitFor(() => expect(screen.getByRole('banner').textContent).toContain('Erika Muster'));
    expect(screen.queryByTestId('verdict')).toBeNull();
    release();
    await screen.findByTestId('verdict', {}, { timeout: 10_000 });
  });
});
