import { defineConfig, type HtmlTagDescriptor, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { contentSecurityPolicy } from './deploy/policy';
import { readSite, type Site } from './deploy/site';
import { LATER_ATTRIBUTE } from './bench/initial-js';
import { SITE_FILE_NAME } from './src/smart/config';

/**
 * The deployment file (site.json, or the file SITE_FILE names; deploy/site.ts) decides what the app
 * may reach: the build checks it (a mistake stops the build), writes it next to the pages, and puts
 * the Content-Security-Policy derived from it (deploy/policy.ts) first in <head> of both pages.
 * The dev server serves the file with the demo's entries and sets no policy (its hot reload needs
 * inline scripts).
 */
function deployment(site: Site): Plugin {
  const text = `${JSON.stringify(site.json, null, 2)}\n`;
  return {
    name: 'pvp-deployment',
    transformIndexHtml: {
      order: 'pre',
      handler: (_html, context) => [
        ...(context.server
          ? []
          : [
              {
                tag: 'meta',
                attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(site.config, 'meta') },
                injectTo: 'head-prepend' as const,
              },
            ]),
        // the page's script reads the file first thing: fetched beside the script, not after it (a round trip less)
        {
          tag: 'link',
          attrs: {
            rel: 'preload',
            href: `/${SITE_FILE_NAME}`,
            as: 'fetch',
            crossorigin: 'anonymous',
            'vite-ignore': true,
          },
          injectTo: 'head' as const,
        },
      ],
    },
    configureServer(server) {
      server.middlewares.use(`/${SITE_FILE_NAME}`, (_request, response) => {
        response.setHeader('Content-Type', 'application/json');
        response.end(text);
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: SITE_FILE_NAME, source: text });
    },
  };
}

/**
 * index.html imports the screen (src/ui/mount.tsx) and the engine (src/clinical) only once the
 * token is in and the reads are out (src/main.ts): the page preloads their chunks beside its script,
 * so the browser downloads them during the token exchange without running them yet.
 */
function preloadLaterImports(page: string, modules: string[]): Plugin {
  return {
    name: 'pvp-preload-later-imports',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, { path, chunk, bundle }) => {
        if (path !== `/${page}` || !chunk || !bundle) return [];
        const chunks = (fileName: string) => {
          const found = bundle[fileName];
          return found?.type === 'chunk' ? found : undefined;
        };
        const inPage = new Set([chunk.fileName, ...chunk.imports]);
        const wanted = new Set<string>();
        const visit = (imported: Rollup.OutputChunk) => {
          if (wanted.has(imported.fileName)) return;
          wanted.add(imported.fileName);
          imported.imports.map(chunks).forEach((next) => next && visit(next));
        };
        for (const fileName of chunk.dynamicImports) {
          const imported = chunks(fileName);
          const id = imported?.facadeModuleId ?? '';
          if (imported && modules.some((module) => id.endsWith(module))) visit(imported);
        }
        // their CSS is left to Vite's loader when the screen is imported: a preload of it would take one
        // of the 6 connections the page's script needs, and the loader's request would not reuse it
        const tags: HtmlTagDescriptor[] = [...wanted]
          .filter((fileName) => !inPage.has(fileName))
          .map((fileName) => ({
            tag: 'link',
            // counted apart from the page's initial JavaScript (bench/initial-js.ts): it runs after the token
            // exchange, and at a low priority it waits for the page's script on a server's 6 connections
            attrs: {
              rel: 'modulepreload',
              crossorigin: true,
              href: `/${fileName}`,
              fetchpriority: 'low',
              [LATER_ATTRIBUTE]: true,
            },
            injectTo: 'head',
          }));
        return tags;
      },
    },
  };
}

// Two builds: `vite build` for a hospital (dist/, the deployment file alone) and `vite build --mode
// demo` for `npm start` and the browser tests (dist-demo/, with the demo's entries); `npm run build`
// makes both, loading this file with `--configLoader runner` (it imports TypeScript from deploy/). Two pages: launch.html starts the SMART authorization, index.html completes it and
// runs the app. fhirclient's package "main" is its Node entry; the app must get the browser entry.
export default defineConfig(({ command, mode }) => {
  const demo = command === 'serve' || mode === 'demo';
  return {
    plugins: [
      react(),
      deployment(readSite({ demo, file: process.env.SITE_FILE })),
      preloadLaterImports('index.html', ['/src/ui/mount.tsx', '/src/clinical/index.ts']),
    ],
    // the browsers an EHR embeds all have fetch and URL: skip fhirclient's polyfills
    define: { FHIRCLIENT_PURE: 'true' },
    resolve: {
      alias: [{ find: /^fhirclient$/, replacement: 'fhirclient/lib/entry/browser.js' }],
    },
    build: {
      outDir: demo ? 'dist-demo' : 'dist',
      target: 'es2022',
      sourcemap: false,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'index.html'),
          launch: resolve(import.meta.dirname, 'launch.html'),
        },
      },
    },
  };
});
