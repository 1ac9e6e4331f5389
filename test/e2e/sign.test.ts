/**
 * Signing in a real browser: the surgeon launches a demo patient from the demo EHR, signs the
 * note in the app, and the note is then found on the demo server, conforming to R4 and US Core;
 * a reload shows it as saved and writes nothing more. A launch without write permission offers
 * copy/download instead and writes nothing.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64Utf8 } from '../../src/clinical/base64';
import { r4Problems, usCoreProblems } from '../report/conformance';
import { answerAll, openBrowserDemo, type BrowserDemo } from './browser';

let demo: BrowserDemo;

beforeAll(async () => {
  demo = await openBrowserDemo();
});

afterAll(async () => {
  await demo?.close();
});

/** Launches the launcher's patient of a scenario with the given scope preset; returns the patient id. */
async function launchScenario(page: Page, scenario: number, grant: 'all' | 'no-write'): Promise<string> {
  await page.goto(`${demo.ehrOrigin}/`);
  await page.locator('select[name="grant"]').selectOption(grant);
  const row = page
    .locator('tbody tr')
    .filter({ has: page.locator('td', { hasText: new RegExp(`^Scenario ${scenario}$`) }) })
    .first();
  const launch = row.getByRole('button', { name: 'Launch', exact: true });
  const patientId = (await launch.getAttribute('value')) ?? '';
  await launch.click();
  await page.getByRole('heading', { name: 'Sign the consult note' }).waitFor({ timeout: 30_000 });
  return patientId;
}

/** The access token fhirclient keeps in the tab, to ask the demo server what it holds. */
async function accessToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as string;
    const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { tokenResponse?: { access_token?: string } };
    return state.tokenResponse?.access_token ?? '';
  });
}

async function fhirGet<T>(token: string, path: string): Promise<T> {
  const response = await fetch(`${demo.fhirBase}/${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json', 'cache-control': 'no-cache' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('signing the consult note in the browser', () => {
  it('signs in the UI, and the note is on the demo server, once', async () => {
    const page = await demo.newPage();
    const patientId = await launchScenario(page, 1, 'all');
    await page.getByRole('button', { name: 'Sign and save to chart' }).click();
    await page.getByRole('heading', { name: 'Saved to the chart' }).waitFor({ timeout: 30_000 });
    await demo.screenshot(page, 'sign-saved');
    const shownId = ((await page.getByTestId('saved-document-id').textContent()) ?? '').replace(
      'DocumentReference/',
      '',
    );
    expect(shownId).not.toBe('');

    const token = await accessToken(page);
    const doc = await fhirGet<fhir4.DocumentReference>(token, `DocumentReference/${shownId}`);
    expect(doc.subject?.reference).toBe(`Patient/${patientId}`);
    expect(doc.author?.[0]?.reference).toMatch(/^Practitioner\//);
    expect(r4Problems(doc)).toEqual([]);
    expect(usCoreProblems(doc)).toEqual([]);
    const text = decodeBase64Utf8(doc.content[0]?.attachment.data ?? '') ?? '';
    expect(text).toMatch(/^Consult note: percutaneous vertebroplasty \(PVP\)\n/);
    // signed with the name of the surgeon's fhirUser resource, read in the launch's first wave
    expect(doc.author?.[0]?.display).toBe('Dr. Daniel Okafor');
    expect(text).toMatch(/\nSigned .* by Dr\. Daniel Okafor\.\n/);
    // a colleague's half minute: no resource ids, at most 25 lines
    expect(text).not.toContain(patientId);
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(25);

    // a reload keeps the confirmation and writes nothing more
    await page.reload();
    await page.getByRole('heading', { name: 'Saved to the chart' }).waitFor({ timeout: 30_000 });
    const search = await fhirGet<fhir4.Bundle>(
      token,
      `DocumentReference?patient=${patientId}&type=http://loinc.org|11488-4`,
    );
    expect(search.total).toBe(1);
    expect(demo.thirdPartyRequests()).toEqual([]);
    expect(demo.leaks([token])).toEqual([]);
    await page.close();
  });

  it('a relaunch in a new tab shows the note signed before and what changed, continues from its answers, and signing again replaces it', async () => {
    const patient = demo.server.ehr.patients.find((p) => p.scenario === 9)!;
    const first = await demo.newPage();
    const patientId = await launchScenario(first, 9, 'all');
    await answerAll(first, patient.answers);
    const verdict = (page: Page) =>
      page.getByTestId('verdict').locator('.verdict-word').getAttribute('data-recommendation');
    await expect.poll(() => verdict(first)).toBe(patient.expected);
    await first.getByRole('button', { name: 'Sign and save to chart' }).click();
    await first.getByRole('heading', { name: 'Saved to the chart' }).waitFor({ timeout: 30_000 });
    await first.close();

    // another tab (nothing kept in this browser session): the chart's note is found in the first wave
    const page = await demo.newPage();
    await launchScenario(page, 9, 'all');
    const earlier = page.getByTestId('earlier-note');
    await earlier.waitFor();
    await demo.screenshot(page, 'relaunch-earlier-note');
    expect(await earlier.getByRole('heading').textContent()).toMatch(
      /^Signed [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M by Dr\. Daniel Okafor: !Eligible with cautions$/,
    );
    expect(await earlier.textContent()).toContain('Nothing the criteria use has changed in the record since.');
    expect(await verdict(page)).toBe(patient.expectedBeforeAnswers);
    await earlier.getByRole('button', { name: 'Start from this note’s answers' }).click();
    await expect.poll(() => verdict(page)).toBe(patient.expected);
    await page.getByRole('button', { name: 'Sign amended note and save to chart' }).click();
    await page.getByRole('heading', { name: 'Saved to the chart' }).waitFor({ timeout: 30_000 });
    await page.getByText(/^The earlier note of .+ is now marked superseded\.$/).waitFor();

    const notes = demo.server.ehr.store
      .all('DocumentReference')
      .filter(
        (d) => (d as fhir4.DocumentReference).subject?.reference === `Patient/${patientId}`,
      ) as fhir4.DocumentReference[];
    expect(notes.map((n) => n.status)).toEqual(['superseded', 'current']);
    expect(notes[1]?.relatesTo).toEqual([
      { code: 'replaces', target: { reference: `DocumentReference/${notes[0]?.id}` } },
    ]);
    const text = decodeBase64Utf8(notes[1]?.content[0]?.attachment.data ?? '') ?? '';
    expect(text).toMatch(/\nThis note replaces the note signed .* \(Eligible with cautions\)\.\n/);
    await page.close();
  });

  it('a failed save keeps the signed note across a relaunch of the patient, and the retry writes it once', async () => {
    const fault = {
      method: 'POST',
      path: '/fhir/DocumentReference',
      times: 1,
      fault: { kind: 'status', status: 500, diagnostics: 'HAPI-0000: database unavailable' },
    };
    const injected = await fetch(`${demo.ehrOrigin}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    expect(injected.status).toBe(201);
    const page = await demo.newPage();
    const patientId = await launchScenario(page, 8, 'all');
    await page.getByRole('button', { name: 'Sign and save to chart' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'The note was not saved' });
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toContain('HAPI-0000: database unavailable');
    await demo.screenshot(page, 'sign-failed');

    // the surgeon closes the app and launches the same patient again from the EHR, in the same tab
    await launchScenario(page, 8, 'all');
    const kept = page.getByRole('alert').filter({ hasText: /has not been confirmed as saved/ });
    await kept.waitFor();
    await kept.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'Saved to the chart' }).waitFor({ timeout: 30_000 });
    const search = await fhirGet<fhir4.Bundle>(
      await accessToken(page),
      `DocumentReference?patient=${patientId}&type=http://loinc.org|11488-4`,
    );
    expect(search.total).toBe(1);
    await page.close();
  });

  it('when the app’s server cannot send the note builder, says so, keeps the signed note, and the retry saves it', async () => {
    const page = await demo.newPage();
    // the builder of the written note (and its HTML sanitiser) is the one chunk loaded only to sign
    const noteBuilder = `${demo.appOrigin}/assets/note-*.js`;
    let refused = 0;
    await page.route(noteBuilder, (route) => {
      refused++;
      return route.abort('connectionrefused');
    });
    const patientId = await launchScenario(page, 2, 'all');
    await page.getByRole('button', { name: 'Sign and save to chart' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'The note was not saved' });
    await failed.waitFor({ timeout: 30_000 });
    expect(refused).toBeGreaterThan(0);
    expect(await failed.textContent()).toContain(
      'The app could not load the part that prepares the note for the chart',
    );
    expect(await failed.textContent()).toContain('Your signed note is kept');

    await page.unroute(noteBuilder);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'Saved to the chart' }).waitFor({ timeout: 30_000 });
    const search = await fhirGet<fhir4.Bundle>(
      await accessToken(page),
      `DocumentReference?patient=${patientId}&type=http://loinc.org|11488-4`,
    );
    expect(search.total).toBe(1);
    await page.close();
  });

  it('without write permission: says why, offers copy and download, and writes nothing', async () => {
    const page = await demo.newPage();
    const patientId = await launchScenario(page, 7, 'no-write');
    await page.getByText(/not granted permission to write documents/).waitFor();
    expect(await page.getByRole('button', { name: 'Sign and save to chart' }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download note (.txt)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^pvp-consult-note-\d{4}-\d{2}-\d{2}\.txt$/);
    await demo.screenshot(page, 'sign-no-write');
    const token = await accessToken(page);
    const search = await fhirGet<fhir4.Bundle>(
      token,
      `DocumentReference?patient=${patientId}&type=http://loinc.org|11488-4`,
    );
    expect(search.total ?? 0).toBe(0);
    await page.close();
  });
});
