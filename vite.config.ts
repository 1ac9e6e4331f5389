import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { inlineBoot } from './deploy/inlineBoot';
import { APP_PAGES, contentSecurityPolicy, inlineCodeOf } from './deploy/policy';
import { readSite, type Site } from './deploy/site';
import { searchNeedsByRuleSet } from './src/fhir/rule-set-reads';
import { SITE_DATA_ID, SITE_FILE_NAME, siteDataBlock } from './src/smart/config';

/**
 * The deployment file (site.json, or the file SITE_FILE names; deploy/site.ts) decides what the app
 * may reach: the build checks it (a mistake stops the build), puts it into both pages as a data block
 * that the boot code reads without a request (src/smart/config.ts), writes it next to the pages for
 * the web server (the demo's derives its headers from it), and puts the Content-Security-Policy
 * derived from it (deploy/policy.ts) first in <head> of both pages, with the hashes of the pages'
 * inline code as built (deploy/inlineBoot.ts). The dev server sets no policy (its hot reload needs
 * inline scripts).
 */
function deployment(site: Site): Plugin {
  return {
    name: 'pvp-deployment',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        {
          tag: 'script',
          attrs: { type: 'application/json', id: SITE_DATA_ID },
          children: siteDataBlock(site.json),
          injectTo: 'head' as const,
        },
      ],
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        this.emitFile({ type: 'asset', fileName: SITE_FILE_NAME, source: `${JSON.stringify(site.json, null, 2)}\n` });
        const pages = APP_PAGES.flatMap((page) => {
          const file = bundle[page];
          return file?.type === 'asset' ? [file] : [];
        });
        const policy = contentSecurityPolicy(
          site.config,
          'meta',
          inlineCodeOf(pages.map((page) => String(page.source))),
        );
        for (const page of pages) {
          page.source = String(page.source).replace(
            '<head>',
            () =>
              `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy.replaceAll("'", '&#39;')}">`,
          );
        }
      },
    },
  };
}

// Two builds: `vite build` for a hospital (dist/, the deployment file alone) and `vite build --mode
// demo` for `npm start` and the browser tests (dist-demo/, with the demo's entries); `npm run build`
// makes both, loading this file with `--configLoader runner` (it imports TypeScript from deploy/).
// Two pages: launch.html starts the SMART authorization, index.html completes it and runs the app,
// each with its boot code inline (deploy/inlineBoot.ts). fhirclient's package "main" is its Node
// entry; the app must get the browser entry.
export default defineConfig(({ command, mode }) => {
  const demo = command === 'serve' || mode === 'demo';
  const shared = {
    define: {
      // the browsers an EHR embeds all have fetch and URL: skip fhirclient's polyfills
      FHIRCLIENT_PURE: 'true',
      // the reads' filters of each rule set, so that index.html's boot code plans the reads without
      // carrying the rule sets and value sets (src/main.ts; about half its code before)
      SEARCH_NEEDS_BY_RULE_SET: JSON.stringify(searchNeedsByRuleSet()),
    },
    resolve: { alias: [{ find: /^fhirclient$/, replacement: 'fhirclient/lib/entry/browser.js' }] },
  };
  return {
    plugins: [
      react(),
      inlineBoot({
        root: import.meta.dirname,
        // what the boot code imports once the reads are out, or on a failure
        later: {
          mount: 'src/ui/mount.tsx',
          clinical: 'src/clinical/index.ts',
          LaunchErrorPage: 'src/ui/LaunchErrorPage.tsx',
        },
        preload: { page: 'index.html', later: ['mount', 'clinical'] },
        style: 'base.css',
        shared,
      }),
      // after inlineBoot: the policy's hashes are those of the pages as built
      deployment(readSite({ demo, file: process.env.SITE_FILE })),
    ],
    ...shared,
    build: {
      outDir: demo ? 'dist-demo' : 'dist',
      target: 'es2022',
      sourcemap: false,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'index.html'),
          launch: resolve(import.meta.dirname, 'launch.html'),
        },
        // React in a chunk of its own name (the screen and the launch error page share it: the
        // benchmark's trace, bench/trace.ts, names what runs, not the first page that needed it), and
        // what else the later code shares in one: fewer files for the page's 6 connections to the app
        output: {
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
              { name: 'shared', minShareCount: 2, priority: 1 },
            ],
          },
        },
      },
    },
  };
});
