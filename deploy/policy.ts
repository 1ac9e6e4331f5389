import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issOrigin, type SiteConfig } from '../src/smart/config';

/**
 * The security policy of the built pages, derived from the deployment file: requests only to the
 * app itself and the configured EHRs, frames only in the configured EHRs' pages, and of inline code
 * only the pages' own boot scripts and style, each allowed by its hash. The build puts the policy
 * into a <meta> of both pages (vite.config.ts, deploy/inlineBoot.ts); a <meta> cannot carry
 * frame-ancestors, so the web server sends the same policy with it as a header (securityHeaders,
 * `npm run -s headers`, and the demo's own server in mocks/server/demo.ts), with the hashes taken
 * from the built pages.
 */

/** The app's pages: launch.html starts the SMART launch, index.html runs the app. */
export const APP_PAGES = ['index.html', 'launch.html'] as const;

/** The inline code the pages carry, as CSP hash sources ('sha256-…'). */
export interface InlineCode {
  scripts: string[];
  styles: string[];
}

const unique = (values: string[]) => [...new Set(values)];

/** Where the app may send requests: its own origin, each EHR's FHIR origin and its other origins. */
export function connectSources(config: SiteConfig): string[] {
  return unique(["'self'", ...config.ehrs.flatMap((ehr) => [issOrigin(ehr.iss), ...ehr.connectOrigins])]);
}

/** Which pages may show the app in a frame: the configured EHRs' pages; none when no EHR names one. */
export function frameAncestorSources(config: SiteConfig): string[] {
  const sources = unique(config.ehrs.flatMap((ehr) => ehr.frameAncestors));
  return sources.length > 0 ? sources : ["'none'"];
}

/** The CSP source that allows exactly this inline script or style: the SHA-256 of its text, as the browser hashes it. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The inline scripts and styles of pages, as the browser finds them: each <script> without `src`
 * that runs (a data block, `type="application/json"`, is not governed by CSP) and each <style>.
 */
export function inlineCodeOf(pages: string[]): InlineCode {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const html of pages) {
    for (const [, attributes = '', text = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      if (/\bsrc=/.test(attributes) || /\btype=["']?application\/json/.test(attributes)) continue;
      scripts.push(hashSource(text));
    }
    for (const [, text = ''] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) styles.push(hashSource(text));
  }
  return { scripts: unique(scripts), styles: unique(styles) };
}

/** The inline code of the built pages in `dir` (dist/); a folder without them is an error that says so. */
export function builtInlineCode(dir: string): InlineCode {
  const missing = APP_PAGES.filter((page) => !existsSync(join(dir, page)));
  if (missing.length > 0) throw new Error(`no built pages in ${dir} (${missing.join(', ')}): run \`npm run build\``);
  return inlineCodeOf(APP_PAGES.map((page) => readFileSync(join(dir, page), 'utf8')));
}

/**
 * The Content-Security-Policy: scripts, styles and images only from the app's own origin, and the
 * pages' inline boot scripts and style by their hashes (no 'unsafe-inline', no nonce). React sets
 * style properties through the CSSOM, which style-src does not govern.
 */
export function contentSecurityPolicy(config: SiteConfig, where: 'meta' | 'header', inline: InlineCode): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inline.scripts].join(' '),
    ["style-src 'self'", ...inline.styles].join(' '),
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSources(config).join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(where === 'header' ? [`frame-ancestors ${frameAncestorSources(config).join(' ')}`] : []),
  ].join('; ');
}

/** The HTTP headers the app's web server sends with every page (HSTS only over https). */
export function securityHeaders(
  config: SiteConfig,
  options: { https: boolean; inline: InlineCode },
): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(config, 'header', options.inline),
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
