import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The app's pages: launch.html starts the SMART launch, index.html runs the app. */
export const PAGES = ['index.html', 'launch.html'] as const;
export const INITIAL_JS_BUDGET_KB = 110;

export interface PageWeight {
  page: string;
  /** the module scripts and modulepreloads the page loads before anything is lazy */
  files: string[];
  gzipBytes: number;
  /** the chunks the page preloads beside its script but runs only later (`data-later`: index.html's screen and engine) */
  later: { files: string[]; gzipBytes: number };
}

/** the attribute vite.config.ts marks a preload run only after the token exchange with */
export const LATER_ATTRIBUTE = 'data-later';

/**
 * The JavaScript each built page loads at once: its `<script type="module" src>` and
 * `<link rel="modulepreload" href>` tags (Vite lists every static import of the entry as a
 * modulepreload), gzipped one file at a time as a server would send them. Lazy chunks are not counted.
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
    const gzipped = (files: string[]) =>
      files.reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file)), { level: 9 }).byteLength, 0);
    const files = scripts(false);
    const later = scripts(true);
    return { page, files, gzipBytes: gzipped(files), later: { files: later, gzipBytes: gzipped(later) } };
  });
}
