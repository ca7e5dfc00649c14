import { isAbsolute } from 'node:path';
import { defineConfig } from 'vite';

// Paths are anchored to this file so the build works from any working directory.
const mainDir = import.meta.dirname;
const repoRoot = `${mainDir}/..`;

/**
 * Bundles the Electron main process (main/ + agent/ + common/) into dist/electron/main.js, an ES
 * module (package.json is "type": "module"; Electron ≥ 28 loads ESM main files). Every package
 * import stays external: node_modules ships in the app, and better-sqlite3's native addon could
 * not be bundled anyway. preload/vite.config.ts builds the preload next to it; this build runs
 * first because it empties the folder.
 */
export default defineConfig({
  root: repoRoot,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: `${repoRoot}/dist/electron`,
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    lib: {
      entry: `${mainDir}/index.ts`,
      formats: ['es'],
      fileName: () => 'main.js',
    },
    rolldownOptions: {
      // Bundle only our own files (relative or absolute paths); `electron`, `node:*` and packages stay imports.
      external: (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0'),
    },
  },
});
