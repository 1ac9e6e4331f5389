/**
 * Issue #15, finding 1, in a real browser over the demo EHR (dist/ build): "No" to the coded,
 * patch-test-confirmed PMMA allergy of scenario 4 changes nothing until the surgeon gives a reason;
 * with it, the verdict names the overruled chart finding under "Decided by", in the warning style,
 * and the note says so. The parts are tested one by one in test/ui/overrule.test.tsx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { openBrowserDemo, type BrowserDemo } from './browser';

let demo: BrowserDemo;
const scenario4 = demoPatients(new Date()).find((p) => p.scenario === 4);
if (!scenario4) throw new Error('no demo patient for scenario 4');
const REASON = 'Patch test repeated last month: negative';

beforeAll(async () => {
  demo = await openBrowserDemo();
});
afterAll(async () => {
  await demo?.close();
});

describe('overruling what the chart proves', () => {
  it('scenario 4: the PMMA allergy is overruled only with a reason, and then visibly, on screen and in the note', async () => {
    const page = await demo.newPage();
    await page.goto(`${demo.ehrOrigin}/ehr/launch?${new URLSearchParams({ patient: scenario4.id, grant: 'all' })}`);
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor({ timeout: 30_000 });
    const recommendation = () => verdict.locator('.verdict-word').getAttribute('data-recommendation');
    expect(await recommendation()).toBe('not-eligible');

    const no = page.locator('input[type="radio"][data-answers="ci.cement-allergy"][value="not-met"]');
    if (!(await no.isVisible())) await page.getByTestId('all-criteria').locator('> summary').click();
    await no.check();
    const form = page.locator('[data-criterion="ci.cement-allergy"]').getByTestId('overrule-form');
    await form.waitFor();
    const apply = form.getByRole('button', { name: 'Overrule the chart' });
    expect(await apply.isDisabled()).toBe(true);
    // asked, not yet answered: the chart's finding still decides
    expect(await recommendation()).toBe('not-eligible');

    await form.getByLabel(/Reason for overruling the chart/).fill(REASON);
    await apply.click();
    await expect.poll(recommendation).not.toBe('not-eligible');
    const overruled = verdict.locator('.verdict-reasons details.decided.overruled');
    await overruled.waitFor();
    expect(await overruled.locator('> summary').textContent()).toMatch(
      new RegExp(`^Chart finding overruled by the surgeon: Bone-cement allergy: .*\\(Reason: ${REASON}\\)$`),
    );

    await page.locator('details:has([data-testid="note-preview"]) > summary').click();
    const preview = page.getByTestId('note-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('CHART FINDING OVERRULED by the surgeon: Bone-cement allergy');
    expect(await preview.textContent()).toContain(`reason for overruling the chart: ${REASON}`);
    await page.close();
  });
});
