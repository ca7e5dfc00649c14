import { isAbsolute } from 'node:path';
import { defineConfig } from 'vite';

const agentDir = import.meta.dirname;
const repoRoot = `${agentDir}/..`;

/**
 * Bundles the headless agent (agent/ + common/) into dist/agent/agent.js, an ES module for plain
 * Node. Packages stay imports: better-sqlite3's native addon cannot be bundled, and node_modules is
 * there wherever the agent runs.
 */
export default defineConfig({
  root: repoRoot,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: `${repoRoot}/dist/agent`,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    lib: { entry: `${agentDir}/main.ts`, formats: ['es'], fileName: () => 'agent.js' },
    rolldownOptions: {
      external: (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0'),
    },
  },
});
