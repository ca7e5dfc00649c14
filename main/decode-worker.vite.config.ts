import { bundleConfig, onlyOurFiles } from '../scripts/vite-bundle.js';

/**
 * The agent's decoding worker for the desktop app: dist/electron/decode-worker.js, beside main.js
 * whose agent starts it (agent/decode/ticket-decoder.ts). Built after main.js and the preload.
 */
export default bundleConfig({
  entry: `${import.meta.dirname}/../agent/decode/decode-worker.ts`,
  outDir: 'dist/electron',
  fileName: 'decode-worker.js',
  format: 'es',
  target: 'node22',
  emptyOutDir: false,
  external: onlyOurFiles,
});
