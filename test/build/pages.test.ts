import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGES } from '../../bench/initial-js';

// Runs after `npm run build`. Each page's script reads the deployment file before anything else;
// the page asks for it beside the script, so the launch does not wait a round trip more for it
// (bench/browser.ts measures the launch). The attributes are those of loadSiteConfig's fetch, so
// the browser hands that fetch the preloaded answer instead of asking again.
describe('the built pages', () => {
  it.each(PAGES)('%s fetches site.json beside its script', (page) => {
    const html = readFileSync(join(import.meta.dirname, '../../dist', page), 'utf8');
    expect(html).toMatch(/<link rel="preload" href="\/site\.json" as="fetch" crossorigin="anonymous"\s*>/);
  });
});
