import { chromium } from 'playwright-core';
import { startDemo } from './demo';
const demo = await startDemo({ ehrPort: 4720, appPort: 4721, app: 'dev' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 200)));
page.on('requestfailed', (r) => console.log('failed:', r.url().slice(0, 150), r.failure()?.errorText));
page.on('response', (r) => { if (r.status() >= 400) console.log('http', r.status(), r.url().slice(0, 150)); });
await page.goto(`${demo.ehrUrl}/`);
await page.locator('button[value="pvp-01-whitfield"][formaction="/ehr/launch"]').click();
await page.waitForURL(/4721\/index\.html/, { timeout: 30000 }).catch((e) => console.log('no index', String(e).slice(0, 200)));
await page.waitForTimeout(6000);
console.log('URL', page.url());
console.log((await page.locator('body').innerText()).slice(0, 1500));
// frame
await page.goto(`${demo.ehrUrl}/`);
await page.locator('button[value="pvp-07-park"][formaction="/ehr/frame"]').click();
await page.waitForTimeout(8000);
const frame = page.frames().find((f) => f.url().includes('4721'));
console.log('FRAME URL', frame?.url());
console.log((await frame?.locator('body').innerText())?.slice(0, 800));
// standalone
await page.goto(`${demo.ehrUrl}/`);
await page.locator('a.button').click();
await page.waitForTimeout(5000);
console.log('STANDALONE URL', page.url().slice(0, 120));
console.log((await page.locator('body').innerText()).slice(0, 400));
await browser.close();
await demo.close();
