import { bundleConfig, onlyOurFiles } from '../../scripts/vite-bundle.js';

/**
 * The decoding worker's program (decode-worker.ts) as dist/agent/decode-worker.js, beside the
 * bundled agent that starts it (ticket-decoder.ts finds it there). Its own bundle, built after
 * agent.js: the folder is not emptied.
 */
export default bundleConfig({
  entry: `${import.meta.dirname}/decode-worker.ts`,
  outDir: 'dist/agent',
  fileName: 'decode-worker.js',
  format: 'es',
  target: 'node20',
  emptyOutDir: false,
  external: onlyOurFiles,
});
