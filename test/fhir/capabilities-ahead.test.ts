import { describe, expect, it } from 'vitest';
import { askCapabilitiesAhead, readCapabilities } from '../../src/fhir/capabilities';
import { createFetchTransport } from '../../src/fhir/fetch-transport';

const BASE = 'https://ehr.example.org/fhir';
const STATEMENT = { resourceType: 'CapabilityStatement', rest: [{ mode: 'server', interaction: [{ code: 'batch' }] }] };

/** a server whose answer to `metadata` the test releases by hand; it notes each request's headers */
function heldServer() {
  const seen: Headers[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const fetchImpl: typeof fetch = async (input, init) => {
    seen.push(new Headers(init?.headers));
    await released;
    init?.signal?.throwIfAborted();
    return new Response(JSON.stringify(STATEMENT), { headers: { 'content-type': 'application/fhir+json' } });
  };
  return { seen, release, fetchImpl };
}

describe('the CapabilityStatement asked for ahead (src/main.ts, beside the token exchange)', () => {
  it('is waited for at most the time given: nothing when it comes later, then what it declares at once', async () => {
    const server = heldServer();
    const ahead = askCapabilitiesAhead(createFetchTransport(BASE, undefined, server.fetchImpl));
    const started = Date.now();
    expect(await ahead.within(30)).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    server.release();
    await expect.poll(() => ahead.within(0).then((capabilities) => capabilities?.batch)).toBe(true);
    // no token, no header that would need a CORS preflight: a simple request, one round trip
    expect([...server.seen[0]!.keys()]).toEqual(['accept']);
  });

  it('is taken as soon as it comes back within the time given, not at its end', async () => {
    const server = heldServer();
    const ahead = askCapabilitiesAhead(createFetchTransport(BASE, undefined, server.fetchImpl));
    const waited = ahead.within(60_000);
    setTimeout(server.release, 10);
    expect((await waited)?.batch).toBe(true);
  });

  it('is given up on with stop(): an answer after that is not taken', async () => {
    const server = heldServer();
    const ahead = askCapabilitiesAhead(createFetchTransport(BASE, undefined, server.fetchImpl));
    ahead.stop();
    server.release();
    expect(await ahead.within(50)).toBeUndefined();
  });

  it('is no answer when the server fails, without waiting the time given', async () => {
    const failing: typeof fetch = () => Promise.resolve(new Response('no', { status: 500 }));
    const ahead = askCapabilitiesAhead(createFetchTransport(BASE, undefined, failing));
    expect(await ahead.within(60_000)).toBeUndefined();
  });
});

describe('whether a batch Bundle is worth sending', () => {
  const declaring = (...codes: string[]) =>
    readCapabilities({
      resourceType: 'CapabilityStatement',
      rest: [{ mode: 'server', interaction: codes.map((code) => ({ code })) }],
    });

  it('yes where the server declares batch, or transaction as HAPI FHIR 8.8 does (it answers batches too)', () => {
    expect(declaring('batch').batch).toBe(true);
    expect(declaring('transaction', 'history-system').batch).toBe(true);
  });

  it('no where it declares neither, or only as a client', () => {
    expect(declaring('history-system', 'search-system').batch).toBe(false);
    expect(
      readCapabilities({
        resourceType: 'CapabilityStatement',
        rest: [{ mode: 'client', interaction: [{ code: 'batch' }] }],
      }).batch,
    ).toBe(false);
  });
});
