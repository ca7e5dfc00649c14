import { defineConfig } from 'vite';

// The diner's page: its own entry, with nothing of the board (renderer/) in it. Paths are
// anchored to this file so the build works from any working directory.
const dinerDir = import.meta.dirname;
const repoRoot = `${dinerDir}/..`;

export default defineConfig(({ command }) => ({
  root: dinerDir,
  // Always a production build, whoever builds it (vitest sets NODE_ENV=test): see renderer/vite.config.ts.
  ...(command === 'build' ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  // The page lives at /o/<token>: relative URLs load its assets from /o/assets/.
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', ...(command === 'build' ? { development: false } : {}) } },
  build: {
    outDir: `${repoRoot}/dist/diner`,
    emptyOutDir: true,
    // The page's CSP allows scripts and styles from itself only: never inline assets.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
}));
