/**
 * fhirclient's PKCE and signing crypto with the lean install (package.json "overrides"): the
 * isomorphic-webcrypto polyfill, and through it Expo and React Native, are replaced by the
 * platform's own Web Crypto (overrides/isomorphic-webcrypto). The browser half is
 * test/e2e/pkce.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as browserSecurity from 'fhirclient/lib/security/browser';
import * as nodeSecurity from 'fhirclient/lib/security/server';

const require = createRequire(import.meta.url);
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

describe('fhirclient crypto without the isomorphic-webcrypto polyfill', () => {
  it('isomorphic-webcrypto is the platform’s Web Crypto', () => {
    expect((require('isomorphic-webcrypto') as { default: Crypto }).default).toBe(globalThis.crypto);
  });

  it.each([
    ['the browser module (what the app bundles), on Web Crypto', browserSecurity],
    ['the Node module, on node:crypto', nodeSecurity],
  ])('computes a PKCE S256 challenge: %s', async (_name, security) => {
    const { codeVerifier, codeChallenge } = await security.generatePKCEChallenge();
    expect(codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(codeChallenge).toBe(s256(codeVerifier));
  });

  it('the browser module signs and verifies a JWS (the id_token and client assertions it handles)', async () => {
    const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, [
      'sign',
      'verify',
    ]);
    const jws = await browserSecurity.signCompactJws('ES384', privateKey, { typ: 'JWT' }, { sub: 'x' });
    const [header, payload, signature] = jws.split('.');
    const valid = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-384' },
      publicKey,
      Buffer.from(signature!, 'base64url'),
      new TextEncoder().encode(`${header}.${payload}`),
    );
    expect(valid).toBe(true);
  });

  it('says plainly where there is no Web Crypto, instead of failing later', () => {
    const run = () =>
      execFileSync(process.execPath, ['-e', "delete globalThis.crypto; require('isomorphic-webcrypto')"], {
        cwd: import.meta.dirname,
        stdio: 'pipe',
      });
    expect(run).toThrow(/no Web Crypto \(globalThis\.crypto\.subtle\), which SMART PKCE needs/);
  });
});
