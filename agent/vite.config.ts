import { bundleConfig, onlyOurFiles } from '../scripts/vite-bundle.js';

/**
 * Bundles the headless agent (agent/ + common/) into dist/agent/agent.js, an ES module for plain
 * Node. Packages stay imports: better-sqlite3's native addon cannot be bundled, and node_modules is
 * there wherever the agent runs.
 */
export default bundleConfig({
  entry: `${import.meta.dirname}/main.ts`,
  outDir: 'dist/agent',
  fileName: 'agent.js',
  format: 'es',
  target: 'node20',
  emptyOutDir: true,
  external: onlyOurFiles,
});
