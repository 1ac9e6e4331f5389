/**
 * The surgeon's view in a real browser over the demo EHR (dist/ build): verdicts of several
 * scenario patients, evidence, answering questions, a type the scope withholds, a type that
 * fails and is read again, German, keyboard use; axe finds no violation on any screen.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoPatients, type DemoPatient } from '../../mocks/patients';
import { join } from 'node:path';
import { measureScreen } from '../../bench/screen';
import { answerAll, openBrowserDemo, REFUSED_BATCH, SCREENSHOT_DIR, type BrowserDemo } from './browser';

let demo: BrowserDemo;
const patients = demoPatients(new Date());

beforeAll(async () => {
  demo = await openBrowserDemo();
});
afterAll(async () => {
  await demo?.close();
});
afterEach(async () => {
  await clearFaults();
});

function scenario(n: number): DemoPatient {
  const found = patients.find((p) => p.scenario === n);
  if (!found) throw new Error(`no demo patient for scenario ${n}`);
  return found;
}

async function addFault(rule: object) {
  const response = await fetch(`${demo.ehrOrigin}/_demo/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(response.ok).toBe(true);
}

async function clearFaults() {
  if (demo) await fetch(`${demo.ehrOrigin}/_demo/faults`, { method: 'DELETE' });
}

/** An EHR launch as the launcher's form submits it, straight into the app's assessment. */
async function launch(
  patient: DemoPatient,
  options: { grant?: string; locale?: string; banner?: boolean } = {},
  page?: Page,
): Promise<Page> {
  page ??= await demo.newPage();
  const query = new URLSearchParams({
    patient: patient.id,
    grant: options.grant ?? 'all',
    locale: options.locale ?? 'en',
  });
  if (options.banner) query.set('banner', '1');
  await page.goto(`${demo.ehrOrigin}/ehr/launch?${query}`);
  await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
  return page;
}

async function recommendation(page: Page): Promise<string | null> {
  return page.getByTestId('verdict').locator('.verdict-word').getAttribute('data-recommendation');
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations).toEqual([]);
}

/** Full-page screenshots at 360 and 1280 px, plus what a 360 px EHR frame shows first. */
async function screenshots(page: Page, name: string) {
  await demo.screenshot(page, name);
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 360, height: 740 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-360-first-screen.png`) });
  await page.setViewportSize(size);
}

describe('the surgeon’s view in the browser', { timeout: 180_000 }, () => {
  it('scenario 1: more information needed, evidence to the resource, the posterior-wall answer, kept over a reload and a relaunch', async () => {
    const patient = scenario(1);
    const page = await launch(patient);
    expect(await page.getByTestId('patient-name').textContent()).toContain('Whitfield');
    expect(await recommendation(page)).toBe(patient.expectedBeforeAnswers);
    // the payer's coverage verdict stands beside the guideline's (two columns at 1280 px)
    expect(await page.getByTestId('coverage-verdict').locator('.verdict-word').isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await screenshots(page, 'ui-scenario-1-before');

    // every criterion and its evidence under one "All criteria" control
    await page.getByTestId('all-criteria').locator('> summary').click();
    const lesion = page.locator('[id="criterion-ind.painful-lesion"]');
    await lesion.locator('details.evidence > summary').first().click();
    await lesion.locator('details.resource > summary').first().click();
    await expect
      .poll(() => lesion.locator('.resource-fields').first().textContent())
      .toMatch(/Condition\/|DiagnosticReport\//);

    await answerAll(page, patient.answers);
    await expect.poll(() => recommendation(page)).toBe(patient.expected);
    expect(await page.getByTestId('verdict').textContent()).toContain(
      patient.expected === 'eligible' ? 'Eligible' : '',
    );
    await expectNoAxeViolations(page);
    await screenshots(page, 'ui-scenario-1-answered');

    await page.reload();
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    expect(await recommendation(page)).toBe(patient.expected);

    // a relaunch in the same tab keeps the answers; another patient in that tab sees none of them
    await launch(patient, {}, page);
    expect(await recommendation(page)).toBe(patient.expected);
    const other = scenario(13);
    await launch(other, {}, page);
    expect(await page.getByTestId('patient-name').textContent()).toContain('Wagner');
    expect(await recommendation(page)).toBe(other.expectedBeforeAnswers);
    expect(await page.locator('.question input[type="radio"]:checked').count()).toBe(0);
    await page.close();
  });

  for (const n of [2, 7, 8, 9]) {
    it(`scenario ${n}: its documented verdict, with its deciding criteria`, async () => {
      const patient = scenario(n);
      const page = await launch(patient);
      await answerAll(page, patient.answers);
      await expect.poll(() => recommendation(page)).toBe(patient.expected);
      // "Decided by": each deciding criterion opens directly on its evidence
      const deciding = page.getByTestId('verdict').locator('.verdict-reasons details.decided');
      expect(await deciding.count()).toBeGreaterThan(0);
      await deciding.first().locator('> summary').click();
      await deciding.first().locator('.evidence-item, .note').first().waitFor();
      expect(await deciding.first().locator('.evidence-item, .note').first().isVisible()).toBe(true);
      const eligible = patient.expected === 'eligible' || patient.expected === 'eligible-with-cautions';
      expect(await page.getByTestId('expected-outcome').count()).toBe(eligible ? 1 : 0);
      await expectNoAxeViolations(page);
      await screenshots(page, `ui-scenario-${n}`);
      await page.close();
    });
  }

  it('scenario 1 at 1280x900: one screen to decide, the first question beside the verdict, at most 20 Tab stops to Sign', async () => {
    const page = await launch(scenario(1));
    await page.setViewportSize({ width: 1280, height: 900 });
    // measured as `npm run screenshots` measures it (bench/screen.ts)
    const figures = await measureScreen(page);
    expect(figures.pageHeight).toBeLessThanOrEqual(1800);
    expect(figures.verdictToQuestions).toBeLessThanOrEqual(100);
    expect(figures.tabsToSign).toBeLessThanOrEqual(20);
    // what is not needed to decide is folded: every criterion, what was read, the override
    expect(await page.locator('[id="criterion-ci.pregnancy"]').isVisible()).toBe(false);
    expect(await page.locator('#reads').isVisible()).toBe(false);
    await page.close();
  });

  it('scrolled down to a question, a bar keeps the verdicts in view, and the answer visibly changes them', async () => {
    const patient = scenario(1);
    const page = await launch(patient);
    await page.setViewportSize({ width: 390, height: 740 });
    const bar = page.getByTestId('verdict-bar');
    expect(await bar.getAttribute('class')).not.toContain('verdict-bar-shown');
    // at 390 px the questions come below the verdicts
    await page.locator('[id="question-rc.posterior-wall"]').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 200));
    await expect.poll(() => bar.getAttribute('class')).toContain('verdict-bar-shown');
    expect(await bar.locator('.mark').first().textContent()).toContain('More information needed');
    await answerAll(page, patient.answers);
    await expect.poll(() => bar.locator('.mark').first().textContent()).not.toContain('More information needed');
    expect(await bar.locator('.mark').first().boundingBox()).toMatchObject({ y: expect.any(Number) });
    // the bar slides in: its resting place, not a frame of the slide (it was caught at y = -1.24 under load)
    await expect.poll(async () => (await bar.boundingBox())?.y).toBe(0);
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('shows per-type progress while the record loads', async () => {
    // the lists one by one (a batch brings them all at once): the batch refused first
    await addFault(REFUSED_BATCH);
    await addFault({ pathPattern: '/fhir/Observation', fault: { kind: 'latency', ms: 6000 } });
    const page = await demo.newPage();
    const query = new URLSearchParams({ patient: scenario(2).id, grant: 'all', locale: 'en' });
    await page.goto(`${demo.ehrOrigin}/ehr/launch?${query}`);
    const progress = page.getByTestId('progress');
    await progress.locator('[data-type="Condition"][data-state="full"]').waitFor({ timeout: 30_000 });
    // the Patient and the lists are read side by side, in no fixed order: the name comes when its read
    // does, while Observation is still held back (CI once found Condition in before the Patient)
    await expect.poll(() => page.getByTestId('patient-name').textContent(), { timeout: 4_000 }).toContain('Jensen');
    expect(await progress.locator('[data-type="Observation"]').getAttribute('data-state')).toBe('loading');
    expect(await progress.getByRole('heading').textContent()).toBe('Reading the record');
    await expectNoAxeViolations(page);
    await screenshots(page, 'ui-loading');
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('a type the scope withholds is marked "not permitted" and nothing pretends it was read', async () => {
    const patient = scenario(1);
    const page = await launch(patient, { grant: 'no-medications' });
    for (const type of ['MedicationRequest', 'MedicationStatement']) {
      const row = page.locator(`#reads [data-type="${type}"]`);
      expect(await row.getAttribute('data-state')).toBe('not-permitted');
      expect(await row.getByRole('button').count()).toBe(0);
    }
    await answerAll(page, patient.answers);
    // without the medication list, "conservative therapy failed" cannot be known
    expect(await page.locator('[id="criterion-ind.conservative-failed"]').getAttribute('data-status')).toBe('unknown');
    expect(await recommendation(page)).toBe('insufficient-data');
    await expectNoAxeViolations(page);
    await screenshots(page, 'ui-forbidden-medications');
    await page.close();
  });

  it('a type that fails is shown with its reason; Retry reads it alone and the verdict follows', async () => {
    const patient = scenario(2);
    await addFault(REFUSED_BATCH);
    await addFault({
      pathPattern: '/fhir/Observation',
      fault: { kind: 'status', status: 500, diagnostics: 'Database unavailable' },
    });
    const page = await launch(patient);
    const row = page.locator('#reads [data-type="Observation"]');
    expect(await row.getAttribute('data-state')).toBe('failed');
    expect(await page.getByTestId('verdict-unread').textContent()).toContain('Observations (could not be read)');
    expect(await recommendation(page)).not.toBe(patient.expected);
    // issue #15, finding 2: what rests on the failed list says so and orders nothing
    const pain = page.locator('[id="criterion-ind.pain-severe"] .rationale');
    expect(await pain.textContent()).toBe('Observations (scores, labs) could not be read: pain score unknown.');
    expect(await page.getByTestId('verdict').textContent()).not.toMatch(/Order INR|order a spine MRI/i);
    await expectNoAxeViolations(page);
    await screenshots(page, 'ui-failed-observations');

    await clearFaults();
    const before = demo.requests.length;
    // Retry sits in the warning beside the verdict
    await page.getByTestId('verdict-unread').getByRole('button', { name: 'Retry: Observations' }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('full');
    await expect.poll(() => recommendation(page)).toBe(patient.expected);
    const reread = demo.requests.slice(before).filter((url) => url.startsWith(demo.fhirBase));
    expect(reread.length).toBeGreaterThan(0);
    expect(reread.every((url) => new URL(url).pathname.startsWith('/fhir/Observation'))).toBe(true);
    await page.close();
  });

  it('German from the EHR’s locale, switchable to English, with the full banner when asked', async () => {
    const patient = scenario(13);
    const page = await launch(patient, { locale: 'de', banner: true });
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.getByTestId('verdict').textContent()).toContain('Weitere Angaben nötig');
    expect(await page.getByRole('heading', { name: 'Fragen an die Operateurin / den Operateur' }).count()).toBe(1);
    await page.getByTestId('all-criteria').locator('> summary').click();
    expect(await page.getByRole('heading', { name: 'Indikationen', exact: true }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Patientenkopf' }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshots(page, 'ui-german');

    await page.getByTestId('language').selectOption('en');
    expect(await page.getByTestId('verdict').textContent()).toContain('More information needed');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.close();
  });

  it('the note’s preview keeps its lines and wraps the long ones: nothing scrolls sideways at 768 px', async () => {
    const page = await launch(scenario(1));
    await page.setViewportSize({ width: 768, height: 1024 });
    const preview = page.getByTestId('note-preview');
    await page.locator('details:has([data-testid="note-preview"]) > summary').click();
    await preview.waitFor();
    // as rendered, the text has exactly the line breaks of the note: none lost, none added by wrapping
    expect(await preview.evaluate((box: HTMLElement) => box.innerText === box.textContent)).toBe(true);
    expect(await preview.evaluate((box) => box.scrollWidth <= box.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('works by keyboard alone: answer a question and override with a reason', async () => {
    const patient = scenario(1);
    const page = await launch(patient);
    const question = page.locator('[id="question-rc.posterior-wall"]');
    await question.locator('input[type="radio"]').first().focus();
    // arrow keys move between the choices of one question, as in any radio group: Intact, then Disrupted
    await page.keyboard.press('ArrowRight');
    expect(await question.locator('input[type="radio"]:checked').getAttribute('value')).toBe('met');
    await expect.poll(() => recommendation(page)).not.toBe(patient.expectedBeforeAnswers);

    // the override is folded under its heading: Enter opens it, Tab goes on to the choice
    const override = page.getByTestId('override');
    await override.locator('> summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await override.locator('select').evaluate((select) => select === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowDown');
    const apply = override.getByRole('button', { name: 'Override' });
    expect(await apply.isDisabled()).toBe(true);
    await override.locator('textarea').focus();
    await page.keyboard.type('Discussed at the spine board');
    expect(await apply.isDisabled()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await apply.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('override-note').waitFor();
    expect(await page.getByTestId('override-note').textContent()).toContain('Discussed at the spine board');
    await page.close();
  });
});
