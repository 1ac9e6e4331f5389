import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { build, type Plugin, type Rollup, type UserConfig } from 'vite';
import { LATER_ATTRIBUTE } from '../bench/initial-js';

/**
 * Each built page carries its boot code inline, so that nothing stands between the page and its
 * first request: launch.html the whole launch (src/launch.ts with fhirclient), index.html the token
 * exchange and the reads (src/main.ts). Each is one self-contained module, built by a second Vite
 * build of its own: an inline script that imported a shared chunk would wait a round trip for it.
 * Their dynamic imports are the page's later code (the screen, the engine, the launch error page),
 * entries of the app's build, so that a module the boot code and the screen both load is one module
 * (one URL); any other dynamic import stops the build. The base stylesheet goes inline too: a linked
 * one blocks the scripts after it. The policy allows exactly these by hash (deploy/policy.ts).
 * `npm run dev` serves the pages as written (their script linked, no policy).
 */

export interface InlineBootOptions {
  /** the repository */
  root: string;
  /** the code loaded later, by name: each an entry of the app's build (`import()`ed by the boot code) */
  later: Record<string, string>;
  /** the page whose later code it preloads at a low priority, and which of it */
  preload: { page: string; later: string[] };
  /** the stylesheet of public/ the pages link, put inline */
  style: string;
  /** what the boot builds share with the app's build (the `define` and `resolve` of vite.config.ts) */
  shared: Pick<UserConfig, 'define' | 'resolve'>;
}

/** what the build puts next to the pages (dist/.vite/pages.json): the modules of each boot script and of the later code */
export const MODULES_FILE = '.vite/pages.json';
export interface PageModules {
  boot: Record<string, string[]>;
  later: string[];
}

const LATER_PREFIX = 'pvp-later:';
const PAGE_SCRIPT = /<script type="module" src="(\/src\/[^"]+)"><\/script>\s*/;

/** `<` of a closing script tag or a comment inside the code would end or change the inline script */
function checkInlinable(code: string, entry: string): void {
  const found = /<\/script|<!--|<script/i.exec(code);
  if (found) throw new Error(`inline boot: ${entry} contains "${found[0]}", which cannot stand in an inline script`);
}

export function inlineBoot(options: InlineBootOptions): Plugin {
  const { root } = options;
  const later = new Map(Object.entries(options.later).map(([name, file]) => [resolve(root, file), name]));
  const bootEntries = new Map<string, string>();
  const bootModules: Record<string, string[]> = {};
  const display = (id: string) => relative(root, id).split('\\').join('/');

  async function buildBoot(entry: string, laterUrls: Map<string, string>): Promise<Rollup.OutputChunk> {
    const result = await build({
      configFile: false,
      root,
      logLevel: 'warn',
      publicDir: false,
      ...options.shared,
      plugins: [
        {
          name: 'pvp-boot-later-imports',
          async resolveDynamicImport(specifier, importer) {
            if (typeof specifier !== 'string') throw new Error(`inline boot: a computed import() in ${importer}`);
            const resolved = await this.resolve(specifier, importer);
            const name = resolved && later.get(resolved.id);
            if (!name) {
              throw new Error(
                `inline boot: ${display(importer ?? entry)} imports ${specifier} later, which is none of the later code (${[...later.values()].join(', ')})`,
              );
            }
            return { id: `${LATER_PREFIX}${name}`, external: true };
          },
        },
      ],
      build: {
        write: false,
        target: 'es2022',
        modulePreload: false,
        sourcemap: false,
        copyPublicDir: false,
        emptyOutDir: false,
        rollupOptions: { input: entry, output: { format: 'es' } },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
    const files = outputs.flatMap((output) => output.output);
    const chunk = files.find((file): file is Rollup.OutputChunk => file.type === 'chunk');
    if (!chunk || files.length !== 1) {
      throw new Error(
        `inline boot: ${entry} built to ${files.map((file) => file.fileName).join(', ')}, not one script`,
      );
    }
    const code = chunk.code
      .replace(/\n$/, '')
      .replace(new RegExp(`(["'\`])${LATER_PREFIX}([\\w-]+)\\1`, 'g'), (whole, quote: string, name: string) => {
        const url = laterUrls.get(name);
        if (!url) throw new Error(`inline boot: no built chunk for ${name}`);
        return `${quote}${url}${quote}`;
      });
    if (code.includes(LATER_PREFIX)) throw new Error(`inline boot: ${entry} keeps an unresolved later import`);
    checkInlinable(code, entry);
    return { ...chunk, code };
  }

  return {
    name: 'pvp-inline-boot',
    apply: 'build',
    // the later code is built as entries of the app's build, keeping their exports: the boot scripts import them by URL
    config: () => ({
      build: { rollupOptions: { input: options.later, preserveEntrySignatures: 'exports-only' } },
    }),
    transformIndexHtml: {
      order: 'pre',
      // the page's script is taken out of the app's build: it is built on its own and put inline
      handler(html, { path }) {
        const found = PAGE_SCRIPT.exec(html);
        if (!found?.[1]) throw new Error(`inline boot: ${path} has no <script type="module" src="/src/…">`);
        bootEntries.set(path.replace(/^\//, ''), resolve(root, `.${found[1]}`));
        return html.replace(PAGE_SCRIPT, '');
      },
    },
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
        const entryOf = (name: string) => {
          const file = [...later].find(([, laterName]) => laterName === name)?.[0];
          const chunk = chunks.find((c) => c.isEntry && c.facadeModuleId === file);
          if (!chunk) throw new Error(`inline boot: the later code ${name} was not built as an entry`);
          return chunk;
        };
        const laterUrls = new Map([...later.values()].map((name) => [name, `/${entryOf(name).fileName}`]));
        const style = readFileSync(resolve(root, 'public', options.style), 'utf8');
        for (const [page, entry] of bootEntries) {
          const html = bundle[page];
          if (html?.type !== 'asset' || typeof html.source !== 'string') throw new Error(`inline boot: no ${page}`);
          const boot = await buildBoot(entry, laterUrls);
          bootModules[page] = boot.moduleIds.map(display).sort();
          const preloads = page === options.preload.page ? preloadTags(options.preload.later.map(entryOf), chunks) : '';
          html.source = html.source
            .replace(
              new RegExp(`<link rel="stylesheet" href="/${options.style}"\\s*/?>`),
              () => `<style>${style}</style>`,
            )
            .replace('</head>', () => `${preloads}</head>`)
            .replace('</body>', () => `<script type="module">${boot.code}</script>\n</body>`);
        }
        const modules: PageModules = {
          boot: bootModules,
          later: [...new Set(chunks.flatMap((chunk) => chunk.moduleIds.map(display)))].sort(),
        };
        this.emitFile({ type: 'asset', fileName: MODULES_FILE, source: `${JSON.stringify(modules, null, 2)}\n` });
      },
    },
  };
}

/**
 * The later code's chunks and styles, fetched beside the page at a low priority and run only once the
 * reads are out (src/main.ts): counted apart from the page's initial JavaScript (bench/initial-js.ts).
 * The boot code applies the preloaded styles before the screen mounts (src/main.ts).
 */
function preloadTags(entries: Rollup.OutputChunk[], chunks: Rollup.OutputChunk[]): string {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const wanted = new Set<Rollup.OutputChunk>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (wanted.has(chunk)) return;
    wanted.add(chunk);
    chunk.imports.forEach((fileName) => {
      const next = byName.get(fileName);
      if (next) visit(next);
    });
  };
  entries.forEach(visit);
  const attributes = `crossorigin fetchpriority="low" ${LATER_ATTRIBUTE}`;
  return [...wanted]
    .flatMap((chunk) => [
      `<link rel="modulepreload" href="/${chunk.fileName}" ${attributes}>`,
      ...[...(chunk.viteMetadata?.importedCss ?? [])].map(
        (css) => `<link rel="preload" as="style" href="/${css}" fetchpriority="low" ${LATER_ATTRIBUTE}>`,
      ),
    ])
    .map((tag) => `    ${tag}\n`)
    .join('');
}
