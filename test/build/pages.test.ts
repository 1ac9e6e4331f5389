import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialJs, LATER_ATTRIBUTE, PAGES } from '../../bench/initial-js';

// Runs after `npm run build`. Each page's script reads the deployment file before anything else;
// the page asks for it beside the script, so the launch does not wait a round trip more for it
// (bench/browser.ts measures the launch). The attributes are those of loadSiteConfig's fetch, so
// the browser hands that fetch the preloaded answer instead of asking again.
describe('the built pages', () => {
  it.each(PAGES)('%s fetches site.json beside its script', (page) => {
    const html = readFileSync(join(import.meta.dirname, '../../dist', page), 'utf8');
    expect(html).toMatch(/<link rel="preload" href="\/site\.json" as="fetch" crossorigin="anonymous"\s*>/);
  });

  // src/main.ts imports the screen and the engine only once the reads are out: their chunks must
  // already be downloading beside its script, or the launch waits a round trip for them
  it('index.html preloads the screen and the engine beside its script, to run them later', () => {
    const dist = join(import.meta.dirname, '../../dist');
    const index = initialJs(dist).find((weight) => weight.page === 'index.html')!;
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const later = index.later.files.map((file) => readFileSync(join(dist, file), 'utf8'));
    expect(
      later.some((code) => code.includes('createRoot')),
      'React and the screen',
    ).toBe(true);
    expect(
      later.some((code) => code.includes('pvp-guideline')),
      'the engine',
    ).toBe(true);
    expect(html).toContain(`${LATER_ATTRIBUTE}`);
    for (const file of index.later.files) expect(index.files).not.toContain(file);
  });
});
