import { bundleConfig, onlyOurFiles } from '../scripts/vite-bundle.js';

/**
 * Bundles the Electron main process (main/ + agent/ + common/) into dist/electron/main.js, an ES
 * module (package.json is "type": "module"; Electron ≥ 28 loads ESM main files). Every package
 * import stays external: node_modules ships in the app, and better-sqlite3's native addon could
 * not be bundled anyway. preload/vite.config.ts builds the preload next to it; this build runs
 * first because it empties the folder.
 */
export default bundleConfig({
  entry: `${import.meta.dirname}/index.ts`,
  outDir: 'dist/electron',
  fileName: 'main.js',
  format: 'es',
  target: 'node22',
  emptyOutDir: true,
  external: onlyOurFiles,
});
