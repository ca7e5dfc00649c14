import { bundleConfig } from '../scripts/vite-bundle.js';

/**
 * Bundles the preload into one CommonJS file, dist/electron/preload.cjs. A sandboxed preload
 * (sandbox: true) cannot load ES modules nor any file of ours: it may only `require('electron')`,
 * so everything else (common/kitchen-api-methods.ts, kept free of zod for this reason) is inlined.
 */
export default bundleConfig({
  entry: `${import.meta.dirname}/index.ts`,
  outDir: 'dist/electron',
  fileName: 'preload.cjs',
  format: 'cjs',
  target: 'chrome130',
  // main/vite.config.ts runs first and empties the folder; keep its main.js.
  emptyOutDir: false,
  external: (id) => id === 'electron',
});
