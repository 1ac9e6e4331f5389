import { ConfigError } from '../src/smart/config';
import { securityHeaders } from './policy';
import { readSite } from './site';

/**
 * `npm run -s headers [-- FILE]`: the HTTP headers the web server that serves dist/ sends with
 * every page, for the deployment file (FILE, else SITE_FILE, else site.json), one per line.
 */
try {
  const site = readSite({ demo: false, file: process.argv[2] ?? process.env.SITE_FILE });
  for (const [name, value] of Object.entries(securityHeaders(site.config, { https: true })))
    console.log(`${name}: ${value}`);
} catch (error) {
  console.error(`headers: ${error instanceof ConfigError ? error.message : String(error)}`);
  process.exit(2);
}
