/**
 * The EHR misbehaving under the surgeon's eyes (dist/ build, demo EHR's fault injection over HTTP):
 * a busy server, a forbidden type, an HTML error page, a hanging read, a failed save. Each time the
 * app says what failed in plain words, keeps the rest, never shows "eligible" because of the fault,
 * and a retry mends what a retry can mend, writing the note once.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRuleJson } from '../../mocks/ehr';
import type { DemoPatient } from '../../mocks/patients';
import { answerAll, openBrowserDemo, REFUSED_BATCH, showsAnswer, type BrowserDemo } from './browser';

let demo: BrowserDemo;

beforeAll(async () => {
  demo = await openBrowserDemo();
});
afterAll(async () => {
  await demo?.close();
});
afterEach(async () => {
  await fetch(`${demo.ehrOrigin}/_demo/faults`, { method: 'DELETE' });
});

async function addFault(rule: FaultRuleJson) {
  const response = await fetch(`${demo.ehrOrigin}/_demo/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(response.status).toBe(201);
}

/** the read faults below are per request: the batch refused first (REFUSED_BATCH) */
async function refuseTheBatch() {
  await addFault(REFUSED_BATCH);
}

/** Scenario 1: eligible once the surgeon has answered, so every fault is measured against "eligible". */
function eligiblePatient(): DemoPatient {
  const found = demo.server.ehr.patients.find((p) => p.scenario === 1);
  if (!found) throw new Error('no demo patient for scenario 1');
  return found;
}

async function launch(patient: DemoPatient): Promise<Page> {
  const page = await demo.newPage();
  await page.goto(
    `${demo.ehrOrigin}/ehr/launch?${new URLSearchParams({ patient: patient.id, grant: 'all', locale: 'en' })}`,
  );
  await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
  return page;
}

const recommendation = (page: Page) =>
  page.getByTestId('verdict').locator('.verdict-word').getAttribute('data-recommendation');
const readRow = (page: Page, type: string) => page.locator(`#reads [data-type="${type}"]`);
const requestsTo = (from: number, prefix: string) =>
  demo.requests.slice(from).filter((url) => url.startsWith(`${demo.fhirBase}/${prefix}`));

describe('faults in the browser', { timeout: 180_000 }, () => {
  it('a 503 on Condition: the app waits out Retry-After, reads again once, and the record is complete', async () => {
    await refuseTheBatch();
    await addFault({
      method: 'GET',
      pathPattern: '^/fhir/Condition\\?',
      times: 1,
      fault: { kind: 'status', status: 503, retryAfterSeconds: 1 },
    });
    const patient = eligiblePatient();
    const from = demo.requests.length;
    const page = await launch(patient);
    await expect.poll(() => readRow(page, 'Condition').getAttribute('data-state'), { timeout: 30_000 }).toBe('full');
    expect(requestsTo(from, 'Condition?')).toHaveLength(2);
    // the refused batch tried at most once (when the CapabilityStatement was in before the token), then each list
    expect(demo.requests.slice(from).filter((url) => url === demo.fhirBase).length).toBeLessThanOrEqual(1);
    await answerAll(page, patient.answers);
    await expect.poll(() => recommendation(page)).toBe('eligible');
    await page.close();
  });

  it('a 503 that persists: Condition is marked failed with a plain reason; Retry reads it again and the verdict follows', async () => {
    await refuseTheBatch();
    await addFault({
      method: 'GET',
      pathPattern: '^/fhir/Condition\\?',
      fault: { kind: 'status', status: 503, retryAfterSeconds: 1 },
    });
    const patient = eligiblePatient();
    const from = demo.requests.length;
    const page = await launch(patient);
    const row = readRow(page, 'Condition');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
    // a bounded back-off: at most three attempts, not a storm
    expect(requestsTo(from, 'Condition?').length).toBeLessThanOrEqual(3);
    expect(await row.textContent()).toMatch(/busy|try again/i);
    await answerAll(page, patient.answers);
    expect(await recommendation(page)).not.toBe('eligible');
    await demo.screenshot(page, 'faults-condition-503');

    await fetch(`${demo.ehrOrigin}/_demo/faults`, { method: 'DELETE' });
    // Retry sits in the warning beside the verdict
    await page.getByTestId('verdict-unread').getByRole('button', { name: 'Retry: Conditions' }).click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('full');
    await expect.poll(() => recommendation(page)).toBe('eligible');
    await page.close();
  });

  it('a 403 on AllergyIntolerance: "not permitted", and the verdict is not eligible', async () => {
    await refuseTheBatch();
    await addFault({
      method: 'GET',
      pathPattern: '^/fhir/AllergyIntolerance\\?',
      fault: { kind: 'status', status: 403 },
    });
    const patient = eligiblePatient();
    const page = await launch(patient);
    const row = readRow(page, 'AllergyIntolerance');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('not-permitted');
    expect(await row.textContent()).toContain('not permitted');
    await answerAll(page, patient.answers);
    expect(await recommendation(page)).not.toBe('eligible');
    expect(await page.locator('[id="criterion-ci.cement-allergy"]').getAttribute('data-status')).toBe('unknown');
    await page.close();
  });

  it('a 401 on Condition ends the session: the screen says to launch again, and a reload says the session has expired without sending the token', async () => {
    await refuseTheBatch();
    await addFault({ method: 'GET', pathPattern: '^/fhir/Condition\\?', fault: { kind: 'expired-token' } });
    const page = await launch(eligiblePatient());
    const ended = page.getByTestId('session-ended');
    await ended.waitFor({ timeout: 30_000 });
    expect(await ended.textContent()).toContain('Launch the app again from the chart');
    // fhirclient's stored tokens are gone, as after a 401 to fhirclient's own request
    const key = await page.evaluate(() => JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as string | null);
    expect(key).toBeTruthy();
    expect(await page.evaluate((k) => sessionStorage.getItem(k), key!)).toBeNull();
    const beforeReload = demo.requests.length;
    await page.reload();
    const expired = page.locator('main.launch-error');
    await expired.waitFor({ timeout: 30_000 });
    expect(await expired.getAttribute('data-problem')).toBe('expired-session');
    expect(requestsTo(beforeReload, '')).toEqual([]);
    expect(demo.pageErrors).toEqual([]);
    await page.close();
  });

  it('an HTML error page for the Patient read: a plain message, no HTML shown, not eligible', async () => {
    await refuseTheBatch();
    await addFault({ method: 'GET', path: '/fhir/Patient/', fault: { kind: 'html-error', status: 502 } });
    const patient = eligiblePatient();
    const page = await demo.newPage();
    await page.goto(
      `${demo.ehrOrigin}/ehr/launch?${new URLSearchParams({ patient: patient.id, grant: 'all', locale: 'en' })}`,
    );
    await page.locator('[data-testid="verdict"], [role="alert"]').first().waitFor({ timeout: 60_000 });
    await demo.screenshot(page, 'faults-patient-html');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('502 Bad Gateway');
    expect(text).not.toMatch(/<html|<p>|demo gateway/i);
    expect(text).toMatch(/could not be read/);
    // whose record this is must not silently go blank, nor the record be called complete
    expect(((await page.getByTestId('patient-name').textContent()) ?? '').trim()).not.toBe('');
    expect(text).not.toContain('Every resource type was read fully');
    if (await page.getByTestId('verdict').isVisible()) {
      await answerAll(page, patient.answers);
      expect(await recommendation(page), 'the patient could not be read: not eligible').not.toBe('eligible');
    }
    expect(demo.pageErrors).toEqual([]);
    await page.close();
  });

  it('a hanging Observation read ends in a time-out message; the rest of the record is shown', async () => {
    await refuseTheBatch();
    await addFault({ method: 'GET', pathPattern: '^/fhir/Observation\\?', fault: { kind: 'hang' } });
    const patient = eligiblePatient();
    const page = await launch(patient);
    const row = readRow(page, 'Observation');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 60_000 }).toBe('failed');
    expect(await row.textContent()).toMatch(/did not answer in time/);
    expect(await readRow(page, 'Condition').getAttribute('data-state')).toBe('full');
    await answerAll(page, patient.answers);
    expect(await recommendation(page)).not.toBe('eligible');
    await page.close();
  });

  it('a 503 on the SMART discovery: the launch page says the EHR could not be reached', async () => {
    await addFault({
      method: 'GET',
      path: '/fhir/.well-known/smart-configuration',
      fault: { kind: 'status', status: 503, retryAfterSeconds: 1 },
    });
    const page = await demo.newPage();
    await page.goto(
      `${demo.ehrOrigin}/ehr/launch?${new URLSearchParams({ patient: eligiblePatient().id, grant: 'all', locale: 'en' })}`,
    );
    await page.getByRole('heading').first().waitFor({ timeout: 30_000 });
    const headings = async () => (await page.locator('h1, h2').allTextContents()).join(' | ');
    await expect.poll(headings, { timeout: 15_000 }).toContain('The EHR could not be reached');
    await page.close();
  });

  it('a 500 on the save keeps the signed draft and the answers; Retry writes exactly one note', async () => {
    await addFault({ method: 'POST', path: '/fhir/DocumentReference', fault: { kind: 'status', status: 500 } });
    const patient = eligiblePatient();
    const before = demo.server.ehr.store.all('DocumentReference').length;
    const page = await launch(patient);
    await answerAll(page, patient.answers);
    await expect.poll(() => recommendation(page)).toBe('eligible');
    await page.getByRole('button', { name: 'Sign and save to chart' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'The note was not saved' });
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toMatch(/internal error/i);
    // nothing the surgeon entered is lost
    for (const [criterion, given] of Object.entries(patient.answers ?? {})) {
      expect(await showsAnswer(page, criterion, given.status)).toBe(true);
    }
    expect(demo.server.ehr.store.all('DocumentReference')).toHaveLength(before);

    await fetch(`${demo.ehrOrigin}/_demo/faults`, { method: 'DELETE' });
    await page.getByRole('button', { name: /Retry/ }).first().click();
    await page.getByRole('heading', { name: 'Saved to the chart' }).waitFor({ timeout: 30_000 });
    const notes = demo.server.ehr.store
      .all('DocumentReference')
      .filter((doc) => (doc as fhir4.DocumentReference).subject?.reference === `Patient/${patient.id}`);
    expect(notes).toHaveLength(1);
    await page.close();
  });

  it('through all these faults, the console got no token, code or patient id', () => {
    const leaked = demo.console.filter(
      (entry) =>
        /\beyJ[\w-]{10,}|[?&](code|state|access_token)=|Bearer\s/.test(entry.text) ||
        entry.text.includes(eligiblePatient().id),
    );
    expect(leaked).toEqual([]);
  });
});
