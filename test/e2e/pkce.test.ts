/**
 * PKCE in the browser with the lean install: the built app's fhirclient computes the S256 challenge
 * with the browser's own Web Crypto (package.json "overrides" replaced the isomorphic-webcrypto
 * polyfill). The challenge sent to the authorization endpoint must be the SHA-256 of the verifier
 * later sent to the token endpoint, checked here with node:crypto. The Node half is
 * test/smart/webcrypto.test.ts.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserDemo, type BrowserDemo } from './browser';

let demo: BrowserDemo;
const PAGE_WAIT_MS = 45_000;

beforeAll(async () => {
  demo = await openBrowserDemo();
});

afterAll(async () => {
  await demo?.close();
});

describe('PKCE S256 computed by the built app in chromium', { timeout: 120_000 }, () => {
  it('sends a challenge that is the SHA-256 of the verifier it sends with the code', async () => {
    const challenges: URLSearchParams[] = [];
    const exchanges: URLSearchParams[] = [];
    const watch = (request: Request) => {
      const url = new URL(request.url());
      if (url.searchParams.has('code_challenge')) challenges.push(url.searchParams);
      const body = request.method() === 'POST' ? request.postData() : null;
      if (body?.includes('code_verifier=')) exchanges.push(new URLSearchParams(body));
    };
    demo.context.on('request', watch);
    const page = await demo.newPage();
    await page.goto(`${demo.ehrOrigin}/`);
    await page.getByRole('button', { name: 'Launch', exact: true }).first().click();
    await page.getByTestId('patient-name').filter({ hasText: /\S/ }).waitFor({ timeout: PAGE_WAIT_MS });
    demo.context.off('request', watch);
    await page.close();

    expect(challenges).toHaveLength(1);
    expect(exchanges).toHaveLength(1);
    const challenge = challenges[0]!;
    const verifier = exchanges[0]!.get('code_verifier') ?? '';
    expect(challenge.get('code_challenge_method')).toBe('S256');
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(challenge.get('code_challenge')).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });
});
