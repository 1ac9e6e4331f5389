import { defineConfig, type Plugin } from 'vite';
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';

/** the bin runs as `./dist-cli/pvp-assess.js` too, not only through npm's link (which sets the bit itself) */
function executable(): Plugin {
  return {
    name: 'pvp-executable-bin',
    writeBundle: (options, bundle) => {
      for (const file of Object.values(bundle))
        if (file.type === 'chunk' && file.isEntry) chmodSync(resolve(options.dir ?? '', file.fileName), 0o755);
    },
  };
}

/**
 * The command-line assessor as built JavaScript for Node (`npm run build:cli`, run by `npm run build`
 * and by `npm install`'s prepare): dist-cli/pvp-assess.js, the package's `bin`. One file with the
 * engine and its dependencies bundled, so a start loads no TypeScript compiler and resolves no
 * packages; the --server code is a second file, loaded only in that mode.
 */
export default defineConfig({
  plugins: [executable()],
  publicDir: false,
  build: {
    ssr: resolve(import.meta.dirname, 'src/cli/assess.ts'),
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      output: { entryFileNames: 'pvp-assess.js', chunkFileNames: '[name].js', format: 'esm' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
  logLevel: 'warn',
});
