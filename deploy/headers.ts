import { ConfigError } from '../src/smart/config';
import { builtInlineCode, securityHeaders } from './policy';
import { readSite, REPO_ROOT } from './site';
import { resolve } from 'node:path';

/**
 * `npm run -s headers [-- FILE] [--pages DIR]`: the HTTP headers the web server that serves the
 * built pages sends with every page, one per line, for the deployment file (FILE, else SITE_FILE,
 * else site.json) and the pages built from it (DIR, else dist/): the policy allows their inline boot
 * scripts and style by hash, so the header is taken after `npm run build`, from the same build.
 */
try {
  const args = process.argv.slice(2);
  const pagesAt = args.indexOf('--pages');
  const pages = pagesAt >= 0 ? args[pagesAt + 1] : undefined;
  if (pagesAt >= 0 && pages === undefined) throw new Error('--pages needs the folder of the built pages');
  const file = args.filter((_, i) => pagesAt < 0 || (i !== pagesAt && i !== pagesAt + 1))[0] ?? process.env.SITE_FILE;
  const site = readSite({ demo: false, file });
  const inline = builtInlineCode(resolve(pages ?? resolve(REPO_ROOT, 'dist')));
  for (const [name, value] of Object.entries(securityHeaders(site.config, { https: true, inline })))
    console.log(`${name}: ${value}`);
} catch (error) {
  console.error(`headers: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
  process.exit(2);
}
