import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { APP_PAGES } from '../deploy/policy';

/** The app's pages: launch.html starts the SMART launch, index.html runs the app. */
export const PAGES = APP_PAGES;
export const INITIAL_JS_BUDGET_KB = 110;

export interface PageWeight {
  page: string;
  /** the module scripts and modulepreloads the page loads before anything is lazy; `(inline)` for its inline scripts */
  files: string[];
  /** all of it, the inline scripts' text included */
  gzipBytes: number;
  /** of which the page's inline scripts (its boot code, deploy/inlineBoot.ts), each gzipped on its own */
  inlineGzipBytes: number;
  /** the chunks the page preloads beside its script but runs only later (`data-later`: index.html's screen and engine) */
  later: { files: string[]; gzipBytes: number };
}

/** the attribute deploy/inlineBoot.ts marks a preload run only after the token exchange with */
export const LATER_ATTRIBUTE = 'data-later';

const gzipped = (text: string | Buffer) => gzipSync(text, { level: 9 }).byteLength;

/**
 * The JavaScript each built page loads at once: its inline scripts (a data block, JSON, is no
 * script), its `<script type="module" src>` and its `<link rel="modulepreload" href>` tags, gzipped
 * one at a time as a server would send them. Lazy chunks are not counted.
 */
export function initialJs(distDir: string): PageWeight[] {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`No build in ${distDir}: run \`npm run build\` first.`);
  }
  return PAGES.map((page) => {
    const html = readFileSync(join(distDir, page), 'utf8');
    const tags = html.match(/<(?:script|link)\b[^>]*>/g) ?? [];
    const scripts = (later: boolean) => [
      ...new Set(
        tags.flatMap((tag) => {
          const isModule = /<script\b/.test(tag) && /type=["']module["']/.test(tag);
          const isPreload = /<link\b/.test(tag) && /rel=["']modulepreload["']/.test(tag);
          const url = /(?:src|href)=["']([^"']+)["']/.exec(tag)?.[1];
          return (isModule || isPreload) && url && tag.includes(LATER_ATTRIBUTE) === later
            ? [url.replace(/^\.?\//, '')]
            : [];
        }),
      ),
    ];
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
      .filter(([, attributes = '']) => !/\bsrc=/.test(attributes) && !/application\/json/.test(attributes))
      .map(([, , text = '']) => text);
    const filesGzipped = (files: string[]) =>
      files.reduce((sum, file) => sum + gzipped(readFileSync(join(distDir, file))), 0);
    const files = scripts(false);
    const later = scripts(true);
    const inlineGzipBytes = inline.reduce((sum, text) => sum + gzipped(text), 0);
    return {
      page,
      files: [...(inline.length > 0 ? ['(inline)'] : []), ...files],
      gzipBytes: inlineGzipBytes + filesGzipped(files),
      inlineGzipBytes,
      later: { files: later, gzipBytes: filesGzipped(later) },
    };
  });
}
