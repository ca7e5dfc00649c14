import { defineConfig } from 'vite';

// Paths are anchored to this file so the build works from any working directory.
const rendererDir = import.meta.dirname;
const repoRoot = `${rendererDir}/..`;

export default defineConfig(({ command }) => ({
  root: rendererDir,
  // The board is always built for production, whoever builds it: Vite otherwise follows an
  // inherited NODE_ENV, and a build started from vitest (NODE_ENV=test, the e2e tests build it
  // when stale) bundled React's development build — several times slower to render 300 cards —
  // which `npm start` then served.
  ...(command === 'build' ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  // Relative asset URLs: the same bundle loads from file:// in Electron and from the agent's HTTP server.
  base: './',
  // The two alert sounds (made by resources/) are copied next to index.html as-is; a missing file
  // only means silence, never a failed build.
  publicDir: `${repoRoot}/resources/sounds`,
  // JSX compiled for production as well: Vite picks the JSX runtime from NODE_ENV too, and under
  // NODE_ENV=test it emitted jsxDEV() calls, which React's production build (defined above) does
  // not have — the board then threw "jsxDEV is not a function" and rendered nothing.
  oxc: { jsx: { runtime: 'automatic', ...(command === 'build' ? { development: false } : {}) } },
  build: {
    outDir: `${repoRoot}/dist/renderer`,
    emptyOutDir: true,
    // The CSP allows media and images from 'self' (plus data: images); never inline assets as data: URLs.
    assetsInlineLimit: 0,
    target: 'es2022',
    // Two pages: the board, and the customer screen the agent serves at /screen (no React, its own small bundle).
    rollupOptions: { input: { index: `${rendererDir}/index.html`, screen: `${rendererDir}/screen.html` } },
  },
}));
