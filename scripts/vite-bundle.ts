import { isAbsolute, resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** Keeps package imports (`electron`, `node:*`, node_modules) as imports; bundles only our own files. */
export const onlyOurFiles = (id: string): boolean => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0');

export interface BundleOptions {
  entry: string;
  /** Relative to the repository root, e.g. `dist/agent`. */
  outDir: string;
  fileName: string;
  format: 'es' | 'cjs';
  target: string;
  /** false when another bundle shares the folder and was built first. */
  emptyOutDir: boolean;
  external: (id: string) => boolean;
}

/**
 * One Vite library build of a program that runs outside the browser (Electron main, preload, the
 * headless agent): unminified with source maps, so a kitchen PC's stack traces stay readable.
 */
export function bundleConfig(options: BundleOptions): UserConfig {
  return defineConfig({
    root: REPO_ROOT,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: resolve(REPO_ROOT, options.outDir),
      emptyOutDir: options.emptyOutDir,
      target: options.target,
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      lib: { entry: options.entry, formats: [options.format], fileName: () => options.fileName },
      rolldownOptions: { external: options.external },
    },
  });
}
