import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The Content-Security-Policy of the built pages, as a <meta> first in <head>: scripts, styles and
 * images only from the app's own origin, requests only to the app and the FHIR/authorization
 * servers. Those are the origins of the `iss` entries of public/smart-config.json, the demo's
 * localhost ports, and CSP_CONNECT_SRC (space-separated origins, e.g. an authorization server on
 * its own origin) at build time. A <meta> policy cannot be widened by an HTTP header, only
 * narrowed, and cannot carry frame-ancestors: see the README, "Security". Not in the dev server,
 * whose hot reload needs inline scripts.
 */
function contentSecurityPolicy(): Plugin {
  const config = JSON.parse(readFileSync(resolve(import.meta.dirname, 'public/smart-config.json'), 'utf8')) as {
    ehrs?: { iss?: unknown }[];
  };
  // "http://localhost:*/fhir" → "http://localhost:*": CSP source expressions take a wildcard port
  const ehrOrigins = (config.ehrs ?? [])
    .map((ehr) => /^https?:\/\/[^/?#]+/.exec(String(ehr.iss))?.[0])
    .filter((o): o is string => o !== undefined);
  const connect = new Set([
    "'self'",
    ...ehrOrigins,
    'http://localhost:*',
    'http://127.0.0.1:*',
    ...(process.env.CSP_CONNECT_SRC ?? '').split(/\s+/).filter(Boolean),
  ]);
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style properties through the CSSOM, which style-src does not govern: no 'unsafe-inline'
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${[...connect].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  return {
    name: 'pvp-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
    ],
  };
}

// Two pages: launch.html starts the SMART authorization, index.html completes it and runs the app.
// fhirclient's package "main" is its Node entry; the app must get the browser entry.
export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // the browsers an EHR embeds all have fetch and URL: skip fhirclient's polyfills
  define: { FHIRCLIENT_PURE: 'true' },
  resolve: {
    alias: [{ find: /^fhirclient$/, replacement: 'fhirclient/lib/entry/browser.js' }],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        launch: resolve(import.meta.dirname, 'launch.html'),
      },
    },
  },
});
