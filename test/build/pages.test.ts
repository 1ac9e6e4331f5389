import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialJs, LATER_ATTRIBUTE, PAGES } from '../../bench/initial-js';
import { MODULES_FILE, type PageModules } from '../../deploy/inlineBoot';

const dist = join(import.meta.dirname, '../../dist');
const REPO = join(import.meta.dirname, '../..');

// Runs after `npm run build`. Each page carries its boot code inline and its deployment file as a
// data block (deploy/inlineBoot.ts, vite.config.ts): its first request is the launch's own, not a
// file of the app's (bench/browser.ts measures the launch).
describe('the built pages', () => {
  it.each(PAGES)('%s runs its boot code inline, with its deployment file, and loads no script first', (page) => {
    const html = readFileSync(join(dist, page), 'utf8');
    expect(html).toMatch(/<script type="application\/json" id="pvp-site">\{"/);
    expect(html).toMatch(/<script type="module">[^<]/);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    expect(html).not.toContain('/site.json');
    const weight = initialJs(dist).find((w) => w.page === page)!;
    expect(weight.files).toEqual(['(inline)']);
    expect(weight.inlineGzipBytes).toBe(weight.gzipBytes);
  });

  // src/main.ts imports the screen and the engine only once the reads are out: their chunks must
  // already be downloading beside the page, or the launch waits a round trip for them
  it('index.html preloads the screen, its style and the engine, to run them later', () => {
    const index = initialJs(dist).find((weight) => weight.page === 'index.html')!;
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const later = index.later.files.map((file) => readFileSync(join(dist, file), 'utf8'));
    expect(
      later.some((code) => code.includes('createRoot')),
      'React and the screen',
    ).toBe(true);
    expect(
      later.some((code) => code.includes('pvp-guideline')),
      'the engine',
    ).toBe(true);
    expect(html).toMatch(
      new RegExp(`<link rel="preload" as="style" href="/assets/[^"]+\\.css" [^>]*${LATER_ATTRIBUTE}>`),
    );
    // each later chunk the boot code imports is one the page preloads, at its address in the build
    const boot = /<script type="module">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const imported = [...boot.matchAll(/import\(`\/(assets\/[^`]+)`\)/g)].map((found) => found[1]);
    expect(imported.length).toBeGreaterThanOrEqual(3); // the engine, the screen, the launch error page
    for (const file of imported) expect(readFileSync(join(dist, file!), 'utf8').length).toBeGreaterThan(0);
  });
});

/**
 * The boot code and the later code are separate bundles: a module both import runs twice, once in
 * each. Harmless for a pure one; for one with state of its own (a queue, a cache, a client) the
 * screen would see another than the launch's. What the screen needs of the launch is handed over
 * (src/ui/mount.tsx, LaunchHandOver): these must stay in the boot code alone.
 */
const HANDED_OVER = [
  'node_modules/fhirclient/', // the client and its storage: session.client
  'src/ui/defaultServices.ts', // the stages: services
  'src/fhir/browser-transport.ts', // the transport: launchRead.transport
  'src/smart/quietLogs.ts',
  'src/smart/blockedRequests.ts',
];
/** module-level state found in a module both bundles run that is a cache, right in either copy, with why */
const HARMLESS_STATE: Record<string, string> = {
  'src/lang.ts': 'pluralRules: a cache of Intl.PluralRules, each copy builds the same',
};

/**
 * what of a module must be one of its kind: top-level mutable state (`let`, `var`, a Map or Set not
 * typed read-only, `[]`) and an exported class, whose `instanceof` fails on an instance of the other
 * copy, unless the class answers it by a mark both copies share (Symbol.hasInstance, src/fhir/errors.ts)
 */
function moduleState(source: string): string[] {
  const classes = source.includes('Symbol.hasInstance')
    ? []
    : source.split('\n').filter((line) => /^export (abstract )?class \w+/.test(line));
  return [
    ...source
      .split('\n')
      .filter((line) => !/^(export )?const \w+: Readonly/.test(line))
      .filter(
        (line) =>
          /^(export )?(let|var) /.test(line) ||
          /^(export )?const \w+(: [^=]+)? = (new (Weak)?(Map|Set)\b|\[\];)/.test(line),
      ),
    ...classes,
  ];
}

describe('the boot code and the later code', () => {
  const modules = JSON.parse(readFileSync(join(dist, MODULES_FILE), 'utf8')) as PageModules;

  it('the launch hands the screen its client, stages and transport: the later code has no copy of them', () => {
    expect(modules.boot['index.html']?.some((id) => id.startsWith('node_modules/fhirclient/'))).toBe(true);
    for (const handed of HANDED_OVER)
      expect(
        modules.later.filter((id) => id.startsWith(handed)),
        handed,
      ).toEqual([]);
  });

  it.each(PAGES)('no module with state of its own runs both in %s’s boot code and in the later code', (page) => {
    const both = (modules.boot[page] ?? []).filter((id) => modules.later.includes(id) && !id.startsWith('\0'));
    const withState = both
      .map((id) => ({ id, state: moduleState(readFileSync(join(REPO, id), 'utf8')) }))
      .filter(({ id, state }) => state.length > 0 && !(id in HARMLESS_STATE));
    expect(withState).toEqual([]);
  });

  // the reads are planned from the build's table of each rule set's filters (src/main.ts): the rule
  // sets and value sets, about half of the code before, are not compiled or run before the token request
  it('index.html’s boot code carries no rule set and no value set', () => {
    const clinical = (modules.boot['index.html'] ?? []).filter((id) =>
      /^src\/clinical\/(rulesets\/(?!types)|terminology\/|search-needs)/.test(id),
    );
    expect(clinical).toEqual([]);
  });

  it('the check finds state: a queue of the writes, a cache of the plural rules, a class', () => {
    expect(moduleState(readFileSync(join(REPO, 'src/fhir/write.ts'), 'utf8'))).not.toEqual([]);
    expect(moduleState(readFileSync(join(REPO, 'src/lang.ts'), 'utf8'))).not.toEqual([]);
    expect(moduleState('export class ConfigError extends Error {}\n')).not.toEqual([]);
    // FhirError is in both: the screen's `instanceof FhirError` must hold for the launch's errors
    expect(moduleState(readFileSync(join(REPO, 'src/fhir/errors.ts'), 'utf8'))).toEqual([]);
  });
});
