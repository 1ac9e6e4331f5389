import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_RULE_SET, listRuleSets } from '../src/clinical/rulesets';
import { ConfigError, parseSiteConfig, type SiteConfig } from '../src/smart/config';

/**
 * The deployment file as the build reads it: `site.json` at the top of the repository (or the file
 * SITE_FILE names), checked, and for the demo build merged with the demo's own entries
 * (mocks/site.demo.json: this machine's demo EHR and SMART launcher, and the default EHR of a
 * standalone launch). A deployment build never carries them.
 */

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const DEFAULT_SITE_FILE = resolve(REPO_ROOT, 'site.json');
const DEMO_ADDITIONS_FILE = resolve(REPO_ROOT, 'mocks/site.demo.json');

export interface Site {
  /** the checked configuration */
  config: SiteConfig;
  /** the file as the app reads it at launch (the demo's entries merged in for a demo build) */
  json: Record<string, unknown>;
  /** where it was read from */
  file: string;
}

function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`the deployment file ${file} could not be read`);
  }
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return json as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ConfigError(`${file} is not a JSON object`);
}

/** The demo's additions go first, so this machine's demo EHR matches its own entry. */
function withDemo(site: Record<string, unknown>): Record<string, unknown> {
  const { ehrs: demoEhrs, ...demoSettings } = readJson(DEMO_ADDITIONS_FILE);
  const siteEhrs = Array.isArray(site.ehrs) ? (site.ehrs as unknown[]) : [];
  return { ...site, ...demoSettings, ehrs: [...(demoEhrs as unknown[]), ...siteEhrs] };
}

/** Each payer rule set the site names is one the engine has, and not the clinical guideline itself. */
function checkPayerRuleSets({ payerRuleSets = [] }: SiteConfig): void {
  const payers = listRuleSets()
    .map((r) => r.id)
    .filter((id) => id !== DEFAULT_RULE_SET);
  const unknown = payerRuleSets.find((id) => !payers.includes(id));
  if (unknown !== undefined) {
    throw new ConfigError(
      `site.json: "payerRuleSets" names no payer rule set of the app: "${unknown}" (known: ${payers.join(', ')}, or [] for none)`,
    );
  }
}

/** Reads and checks the deployment file; throws ConfigError naming the file and the mistake. */
export function readSite(options: { demo: boolean; file?: string }): Site {
  const file = resolve(options.file ?? DEFAULT_SITE_FILE);
  const site = readJson(file);
  const json = options.demo ? withDemo(site) : site;
  try {
    const config = parseSiteConfig(json);
    checkPayerRuleSets(config);
    return { config, json, file };
  } catch (error) {
    throw error instanceof ConfigError ? new ConfigError(`${file}: ${error.message}`) : error;
  }
}
