import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INITIAL_JS_BUDGET_KB, initialJs } from '../../bench/initial-js';

// Runs after `npm run build` (the e2e step of `npm test`): the JavaScript a page loads before it
// can show anything is what a surgeon waits for on a hospital network.
describe('initial JavaScript of the built app', () => {
  const pages = initialJs(join(import.meta.dirname, '../../dist'));

  it.each(pages.map((page) => [page.page, page] as const))('%s stays within the gzip budget', (_name, page) => {
    expect(page.files.length, `${page.page} loads no module script`).toBeGreaterThan(0);
    expect(page.gzipBytes / 1024, `${page.page}: ${page.files.join(', ')}`).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB);
  });
});
