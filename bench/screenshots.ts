/**
 * `npm run screenshots` (it builds the app first): every demo scenario patient launched in Debian's
 * chromium over the demo EHR, photographed (full page) at 1280 and 390 px wide, in English and
 * German, into test-results/screenshots/, and the figures of the screen and the note measured at
 * 1280x900 (bench/screen.ts), printed as a table and written to test-results/screenshots/figures.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { demoPatients } from '../mocks/patients';
import { startDemo } from '../mocks/server/demo';
import { CHROMIUM_ARGS, freePort } from '../test/e2e/browser';
import { launchPatient, measureNote, measureScreen, type ScreenFigures } from './screen';

export const SCREENSHOTS_DIR = resolve(import.meta.dirname, '..', 'test-results', 'screenshots');
const WIDTHS = [1280, 390] as const;
const LANGS = ['en', 'de'] as const;

async function main() {
  const only = process.argv.slice(2).map(Number).filter(Number.isInteger);
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const now = new Date();
  const demo = await startDemo({
    ehrPort: await freePort(),
    appPort: await freePort(),
    app: 'dist',
    samples: false,
    now,
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const figures: ScreenFigures[] = [];
  try {
    for (const patient of demoPatients(now)) {
      if (only.length > 0 && !only.includes(patient.scenario)) continue;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      const page = await context.newPage();
      for (const lang of LANGS) {
        await launchPatient(page, demo, patient, lang);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await page.screenshot({
            path: join(SCREENSHOTS_DIR, `scenario-${String(patient.scenario).padStart(2, '0')}-${lang}-${width}.png`),
            fullPage: true,
          });
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await launchPatient(page, demo, patient, 'en');
      const screen = await measureScreen(page);
      const note = await measureNote(page, demo, patient);
      figures.push({ scenario: patient.scenario, ...screen, ...note });
      console.log(JSON.stringify(figures.at(-1)));
      await context.close();
    }
  } finally {
    await browser.close();
    await demo.close();
  }
  await writeFile(join(SCREENSHOTS_DIR, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.table(figures);
  console.log(`Screenshots and figures.json in ${SCREENSHOTS_DIR}`);
}

await main();
