/**
 * The whole launch, assessment and signature in a real browser (Debian chromium) through the demo
 * EHR's SMART authorization server standing in front of HAPI FHIR (`npm start -- --fhir URL`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserDemo, type BrowserDemo } from '../e2e/browser';
import { demoPatients } from '../../mocks/patients';
import { DAY, HAPI, hapi } from './setup';

const scenario1 = demoPatients(DAY).find((p) => p.scenario === 1)!;

let demo: BrowserDemo;
beforeAll(async () => {
  demo = await openBrowserDemo({ fhir: HAPI });
});
afterAll(async () => {
  await demo?.close();
});

describe('the demo EHR in front of HAPI FHIR, in the browser', () => {
  it('launches scenario 1 from HAPI, shows its verdict, and the signed note lands on HAPI', async () => {
    const page = await demo.newPage();
    await page.goto(`${demo.ehrOrigin}/`);
    const row = page.locator('tbody tr').filter({ has: page.locator('td', { hasText: /^Scenario 1$/ }) });
    await row.getByRole('button', { name: 'Launch', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign the consult note' }).waitFor({ timeout: 60_000 });
    // the verdict the embedded demo EHR gives this patient's record, before the surgeon's answers
    const verdict = page.getByTestId('verdict').locator('.verdict-word');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.getAttribute('data-recommendation')).toBe(
      scenario1.expectedBeforeAnswers ?? scenario1.expected,
    );
    // "Sign amended note…" when the suite's write tests already put one of the app's notes in her chart
    await page.getByRole('button', { name: /^Sign (amended note )?and save to chart$/ }).click();
    await page.getByRole('heading', { name: 'Saved to the chart' }).waitFor({ timeout: 120_000 });
    await demo.screenshot(page, 'hapi-saved');
    const id = ((await page.getByTestId('saved-document-id').textContent()) ?? '').replace('DocumentReference/', '');

    const doc = (await hapi().request<fhir4.DocumentReference>({ url: `DocumentReference/${id}` })).body;
    expect(doc.subject?.reference).toBe('Patient/pvp-01-whitfield');
    const provenance = (
      await hapi().request<fhir4.Bundle>({
        url: `Provenance?target=DocumentReference/${id}`,
        headers: { 'Cache-Control': 'no-cache' },
      })
    ).body;
    expect(provenance.entry).toHaveLength(1);
    // the browser spoke only to the demo EHR and the app: HAPI's own address never reached it
    expect(demo.thirdPartyRequests()).toEqual([]);
    expect(demo.pageErrors).toEqual([]);
  });
});
