import { JSDOM } from 'jsdom';
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/clinical';
import { createFetchTransport, fetchRecordWithNeeds } from '../../src/fhir';
import { buildNote } from '../../src/report';
import { noteContext, scenario1Eligible } from '../report/fixtures';
import { BASE, NOW, PATIENT, server, useStandin } from './support/server';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const { window } = new JSDOM('');

/** Condition is answered with a body that is no searchset */
const unreadableConditions = {
  fault: (_request: Request, url: URL) =>
    url.pathname.endsWith('/Condition') ? HttpResponse.json({ resourceType: 'Patient' }) : undefined,
};

/** reads the record without the grant for ImagingStudy */
async function readWithGaps() {
  const transport = createFetchTransport(BASE, 'token', fetch, { sleep: async () => {} });
  return fetchRecordWithNeeds(
    transport,
    {},
    {
      patientId: PATIENT,
      ruleSetIds: ['pvp-guideline'],
      permissions: { read: (type) => type !== 'ImagingStudy' },
    },
  );
}

const CONDITION_DE =
  'Diagnoseliste: Die Einträge konnten nicht gelesen werden. Das KIS hat eine Antwort geschickt, die die App nicht lesen kann.';
const IMAGING_DE = 'Bildgebung: Die App hat keine Berechtigung, diese Einträge zu lesen.';

describe('why a type was not read, in both languages', () => {
  it('the fetch words every reason in English (as before) and in German', async () => {
    useStandin(unreadableConditions);
    const record = await readWithGaps();
    expect(record.reads.Condition).toMatchObject({
      state: 'failed',
      reason: 'Condition records could not be read: The EHR sent an answer the app cannot read.',
      reasonText: {
        en: 'Condition records could not be read: The EHR sent an answer the app cannot read.',
        de: CONDITION_DE,
      },
    });
    expect(record.reads.ImagingStudy).toMatchObject({
      state: 'not-permitted',
      reason: 'The app was not given permission to read ImagingStudy records.',
      reasonText: { de: IMAGING_DE },
    });
    expect(record.reads.Observation).toEqual({ state: 'full', count: expect.any(Number) as number });
  });

  it('the assessment carries both languages, and the German note says why in German', async () => {
    useStandin(unreadableConditions);
    const assessment = assess(await readWithGaps(), { now: NOW });
    expect(assessment.reads.Condition?.reasonText?.de).toBe(CONDITION_DE);

    const german = buildNote(assessment, noteContext({ lang: 'de' }), { window }).text;
    expect(german).toContain(CONDITION_DE);
    expect(german).toContain(IMAGING_DE);
    expect(german).not.toContain('could not be read');

    const english = buildNote(assessment, noteContext({ lang: 'en' }), { window }).text;
    expect(english).toContain('The app was not given permission to read ImagingStudy records.');
    expect(english).not.toContain('Bildgebung');
  });

  it('a note of an assessment whose reads carry no German text falls back to the English reason', () => {
    const assessment = {
      ...scenario1Eligible(),
      reads: { Procedure: { state: 'failed', reason: 'The EHR had an internal error.' } },
    };
    expect(buildNote(assessment, noteContext({ lang: 'de' }), { window }).text).toContain(
      '(The EHR had an internal error.)',
    );
  });
});
