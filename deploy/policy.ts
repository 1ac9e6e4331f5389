import { issOrigin, type SiteConfig } from '../src/smart/config';

/**
 * The security policy of the built pages, derived from the deployment file: requests only to the
 * app itself and the configured EHRs, frames only in the configured EHRs' pages. The build puts
 * the policy into a <meta> of both pages (vite.config.ts); a <meta> cannot carry frame-ancestors,
 * so the web server sends the same policy with it as a header (securityHeaders, `npm run -s headers`,
 * and the demo's own server in mocks/server/demo.ts).
 */

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

/**
 * The Content-Security-Policy: scripts, styles and images only from the app's own origin.
 * React sets style properties through the CSSOM, which style-src does not govern: no 'unsafe-inline'.
 */
export function contentSecurityPolicy(config: SiteConfig, where: 'meta' | 'header'): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
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
export function securityHeaders(config: SiteConfig, options: { https: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(config, 'header'),
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
