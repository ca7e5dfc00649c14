import { defineConfig } from 'vite';

const preloadDir = import.meta.dirname;
const repoRoot = `${preloadDir}/..`;

/**
 * Bundles the preload into one CommonJS file, dist/electron/preload.cjs. A sandboxed preload
 * (sandbox: true) cannot load ES modules nor any file of ours: it may only `require('electron')`,
 * so everything else (common/'s method list) is inlined. That includes zod today, because
 * KITCHEN_API_METHODS shares a module with the schemas; moving the list to a zod-free module in
 * common/ would shrink the file from ~170 KB to ~2 KB.
 */
export default defineConfig({
  root: repoRoot,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: `${repoRoot}/dist/electron`,
    // main/vite.config.ts runs first and empties the folder; keep its main.js.
    emptyOutDir: false,
    target: 'chrome130',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    lib: {
      entry: `${preloadDir}/index.ts`,
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
