import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSearchPage } from '../../src/fhir/bundle';
import { buildTypeQuery, createFetchTransport, DEFAULT_LIMITS, readCapabilities } from '../../src/fhir';
import { matchesCodes } from '../../src/fhir/queries';
import { SAMPLES_DIR } from '../clinical/samples';
import { server } from './support/server';

const HAPI = join(SAMPLES_DIR, 'hapi');
const hapiPage = (n: 1 | 2) =>
  JSON.parse(readFileSync(join(HAPI, `smart-launcher-v2_PatientBundlePage${n}.json`), 'utf8')) as fhir4.Bundle;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('buildTypeQuery', () => {
  const codes = ['http://loinc.org|777-3', 'http://loinc.org|72514-3', 'http://loinc.org|777-3'];

  it('filters by the exact codes, newest first, with one large page', () => {
    const query = buildTypeQuery('Observation', 'p 1', { Observation: codes }, DEFAULT_LIMITS);
    const params = new URL(query.url, 'http://x/').searchParams;
    expect(query.url.startsWith('Observation?')).toBe(true);
    expect(Object.fromEntries(params)).toEqual({
      patient: 'p 1',
      code: 'http://loinc.org|72514-3,http://loinc.org|777-3',
      _sort: '-date',
      _count: '500',
    });
    expect(query.codes).toEqual(['http://loinc.org|72514-3', 'http://loinc.org|777-3']);
    expect(Object.fromEntries(new URL(query.broadUrl, 'http://x/').searchParams)).toEqual({
      patient: 'p 1',
      _count: '500',
    });
  });

  it('reads Conditions and allergies whole: no code or clinical-status filter, no sort', () => {
    for (const type of ['Condition', 'AllergyIntolerance'] as const) {
      const query = buildTypeQuery(type, 'p1', {}, DEFAULT_LIMITS);
      expect(query.url).toBe(`${type}?patient=p1&_count=500`);
      expect(query.url).toBe(query.broadUrl);
    }
    expect(buildTypeQuery('ImagingStudy', 'p1', {}, DEFAULT_LIMITS).url).toContain('_sort=-started');
  });

  it('matches on the client what the server would have matched', () => {
    const observation = { code: { coding: [{ system: 'http://loinc.org', code: '777-3' }] } };
    expect(matchesCodes('Observation', observation, codes)).toBe(true);
    expect(matchesCodes('Observation', { code: { coding: [{ system: 'http://other', code: '777-3' }] } }, codes)).toBe(
      false,
    );
    expect(matchesCodes('Observation', { code: 'garbage' }, codes)).toBe(false);
    expect(
      matchesCodes('MedicationRequest', { medicationCodeableConcept: { coding: [{ system: 'a', code: 'b' }] } }, [
        'a|b',
      ]),
    ).toBe(true);
    expect(
      matchesCodes(
        'AllergyIntolerance',
        { reaction: [null, { substance: { coding: [{ system: 'a', code: 'b' }] } }] },
        ['a|b'],
      ),
    ).toBe(true);
  });

  it('never filters ImagingStudy on the server (R4 has no code parameter for it)', () => {
    const query = buildTypeQuery(
      'ImagingStudy',
      'p1',
      { ImagingStudy: ['http://snomed.info/sct|241645008'] },
      DEFAULT_LIMITS,
    );
    expect(query.url).not.toContain('code=');
    expect(query.codes).toEqual([]);
  });
});

describe('real HAPI searchset pages (fhir-samples/hapi)', () => {
  it('reads a page without total and finds its _getpages next link', () => {
    const page = readSearchPage(hapiPage(1), 'Patient');
    expect(page.resources).toHaveLength(50);
    expect(page.dropped).toBe(0);
    expect(page.next).toMatch(/^https:\/\/r4\.smarthealthit\.org\?_getpages=.*_getpagesoffset=50/);
  });

  it('follows the next link on the same server (the base with no resource type in the path)', async () => {
    let asked: URL | undefined;
    server.use(
      http.get('https://r4.smarthealthit.org/', ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json(hapiPage(2));
      }),
    );
    const transport = createFetchTransport('https://r4.smarthealthit.org');
    const next = readSearchPage(hapiPage(1), 'Patient').next!;
    const page = readSearchPage((await transport.request({ url: next })).body, 'Patient');
    expect(asked?.searchParams.get('_getpagesoffset')).toBe('50');
    expect(page.resources).toHaveLength(50);
    expect(page.next).toContain('_getpagesoffset=100');
  });

  it('rejects what is not a searchset Bundle', () => {
    expect(() => readSearchPage({ resourceType: 'OperationOutcome' }, 'Patient')).toThrow(
      expect.objectContaining({ kind: 'invalid-response' }),
    );
    expect(() => readSearchPage({ ...hapiPage(1), type: 'collection' }, 'Patient')).toThrow(
      expect.objectContaining({ kind: 'invalid-response' }),
    );
    expect(() => readSearchPage('<html>', 'Patient')).toThrow(expect.objectContaining({ kind: 'invalid-response' }));
  });
});

describe('readCapabilities', () => {
  it('reads types, search parameters and batch support; tolerates junk', () => {
    const capabilities = readCapabilities({
      resourceType: 'CapabilityStatement',
      rest: [
        {
          mode: 'server',
          interaction: [{ code: 'batch' }, { code: 'transaction' }],
          resource: [
            {
              type: 'Observation',
              interaction: [{ code: 'search-type' }],
              searchParam: [{ name: 'patient' }, { name: 'code' }],
            },
            { type: 'Binary', interaction: [{ code: 'create' }] },
            'junk',
          ],
        },
        { mode: 'client', interaction: [{ code: 'batch' }] },
      ],
    });
    expect([...capabilities.types]).toEqual(['Observation']);
    expect([...capabilities.searchParams.get('Observation')!]).toEqual(['patient', 'code']);
    expect(capabilities.batch).toBe(true);
    expect(readCapabilities('<html>')).toEqual({ types: new Set(), searchParams: new Map(), batch: false });
  });
});
